"""Write the chapter notebooks under book/ from the texts below (run once by a maintainer;
the notebooks are the source of truth afterwards and may be edited in Jupyter).

Each chapter follows the house pattern: hidden imports, a parameters cell with literal
defaults, load and glue, then prose with glued numbers, views, and the closing sections.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

BOOK = Path(__file__).resolve().parent.parent / "book"


def code(src: str, tag: str = "remove-input"):
    return new_code_cell(src.strip(), metadata={"tags": [tag]})


def chapter(theme: str, body: list) -> nbformat.NotebookNode:
    cells = [
        code(
            "from reportbook import views\nfrom reportbook.narrative import Chapter", "remove-cell"
        ),
        code(f'data_dir = "../data"\ntheme = "{theme}"\nedition = "draft"', "parameters"),
        code("ch = Chapter.load(data_dir, theme, edition)\nch.glue_all()", "remove-cell"),
    ]
    for item in body:
        cells.append(new_markdown_cell(item.strip()) if isinstance(item, str) else item)
    nb = new_notebook(cells=cells)
    nb.cells[1].metadata["tags"] = ["parameters", "remove-cell"]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def closing(theme: str) -> list:
    theme = theme.replace("_", "-")  # labels are ASCII with hyphens
    return [
        f"""
({theme}-all-figures)=
## Every figure in this theme

Each figure of this theme that is not charted above, with the sentence it came from. Follow a
figure to see it highlighted in its source, beside the raw text as received.
""",
        code("ch.conflicts()"),
        code("ch.remaining()"),
        code(f'ch.cite("{theme}-all-figures")'),
    ]


def targets_section(theme: str) -> list:
    theme = theme.replace("_", "-")
    return [
        f"""
({theme}-targets)=
## Targets and results

Where a source sets a target or makes a forecast and a source reports a result for the same
indicator, they stand side by side here; a target counts as met or missed only against a result
for its own period, and is pending until then.
""",
        code("ch.targets()"),
    ]


CHAPTERS = {}

CHAPTERS["overview"] = chapter(
    "overview",
    [
        """
(overview)=
# Overview

Xinzhou (忻州), in the north of Shanxi, is remaking an economy built on coal and power. This
book reads what the sources say about that transformation, figure by figure: this edition holds
{glue:md}`n_figures` figures from {glue:md}`n_sources` source documents, each traced to the
sentence it came from.
""",
        code('ch.cite("overview")'),
        """
(overview-key-figures)=
## Key figures at a glance

The headline figure of each theme, as most recently reported. Each links to its source
sentence.
""",
        code("views.key_figures(ch)"),
        """
(overview-targets)=
## This year's targets

The city sets itself growth targets each year at its people's congress (人民代表大会). They are
targets, not results: the chapters set them against what was achieved when a later source
reports it.
""",
        code("views.annual_targets(ch)"),
        """
(overview-themes)=
## The themes

One chapter per development theme. Which figure belongs to which theme is decided by the
indicator registry, not by the chapters, so a figure from a new source lands in the right
chapter by itself.
""",
        code("views.theme_table(ch)"),
        """
(overview-timeline)=
## The timeline

The city's roadmap runs to 2035; the roadmap chapter sets out each milestone.
""",
        code("views.timeline(ch)"),
        code('ch.cite("overview-timeline")'),
    ],
)

CHAPTERS["economy"] = chapter(
    "economy",
    [
        """
(economy)=
# Economy and annual targets

Xinzhou's economy started 2023 badly: an “艰难起步、低位开局” (a hard start from a low base).
Output growth in the first quarter {glue:md}`gdp_growth__actual`. The sources then show a
recovery and, for the next year, a set of growth targets.
""",
        code('ch.cite("economy")'),
        """
(economy-output)=
## Output and growth

Gross domestic product (地区生产总值, GDP) {glue:md}`gdp`. GDP growth {glue:md}`gdp_growth`,
turning from negative to positive (扭负为正) against the first quarter. For the current year,
growth {glue:md}`gdp_growth__target`, with the city asking for a better result in practice
(在实际工作中争取更好结果).
""",
        code(
            'views.compare(ch, "growth", ["gdp_growth"], "GDP growth: results and target", "percent")'
        ),
        code('views.series(ch, "growth-series", "gdp_growth", "GDP growth over time")'),
        """
(economy-annual-targets)=
## The year's targets

Fixed-asset investment growth {glue:md}`fixed_investment_growth__target`, and general public
budget revenue growth {glue:md}`budget_revenue_growth__target`. Targets for consumption,
incomes, jobs and prices are in the chapter on consumption and livelihoods; the overview
charts them all together.
""",
        code(
            'views.compare(ch, "targets", ["fixed_investment_growth", "budget_revenue_growth"], "Investment and revenue growth", "percent")'
        ),
        *targets_section("economy"),
        *closing("economy"),
    ],
)

CHAPTERS["investment"] = chapter(
    "investment",
    [
        """
(investment)=
# Projects and investment

“稳增长，就是稳投资” — to stabilize growth is to stabilize investment. Xinzhou's plan rests on
lists of key projects (重点工程项目) at two levels, provincial and municipal, each with a total
investment and an amount planned for the year.
""",
        code('ch.cite("investment")'),
        """
(investment-key-projects)=
## Key projects

{glue:md}`provincial_key_projects__when`, the city's provincial key projects number
{glue:md}`provincial_key_projects__value`, with total investment of
{glue:md}`provincial_key_projects_total_investment__value`, of which
{glue:md}`provincial_key_projects_annual_investment__value` is planned for the year. Its
municipal key projects number {glue:md}`municipal_key_projects__value`, with total investment of
{glue:md}`municipal_key_projects_total_investment__value`, of which
{glue:md}`municipal_key_projects_annual_investment__value` is planned for the year. In the
Taiyuan–Xinzhou integrated economic zone, the count of key projects of the 亿元 class and
above (亿元以上重点工程项目, each of a hundred million yuan or more)
{glue:md}`taixin_key_projects`.
""",
        code("views.projects(ch)"),
        """
(investment-services)=
## Investment in services

Investment in the tertiary sector (第三产业投资) {glue:md}`tertiary_investment`; its growth
{glue:md}`tertiary_investment_growth`, a margin over the provincial average that
{glue:md}`tertiary_investment_growth_vs_province`.
""",
        *targets_section("investment"),
        *closing("investment"),
    ],
)

CHAPTERS["industry"] = chapter(
    "industry",
    [
        """
(industry)=
# Industry

Two instruments carry Xinzhou's industrial policy: industrial chains (产业链), each with a
“链长” (chain chief) answerable for it, and specialized towns (专业镇), towns built around one
leading industry. Alongside them stand the traditional industries — coal, power, steel and
non-ferrous metals — which the sources call the city's “老底子” (old foundation).
""",
        code('ch.cite("industry")'),
        """
(industry-chains)=
## Industrial chains

{glue:md}`chain_projects__when`, the city's key industrial-chain projects numbered
{glue:md}`chain_projects__value`, with cumulative investment of
{glue:md}`chain_projects_investment__value`. Enterprises on the province's industrial chains
numbered {glue:md}`chain_enterprises__value`, with operating revenue of
{glue:md}`chain_enterprises_revenue__value`, and {glue:md}`chain_enterprises_listed__value` more
enterprises were added to the province's key-chain list. Looking ahead, the number of municipal
key chains to be upgraded {glue:md}`municipal_key_chains`.
""",
        """
(industry-specialized-towns)=
## Specialized towns

{glue:md}`specialized_town_enterprises__when`, the leading industries of the specialized towns
counted {glue:md}`specialized_town_enterprises__value` enterprises, with output of
{glue:md}`specialized_town_output__value`. The provincial key specialized towns (省级重点专业镇),
{glue:md}`provincial_specialized_towns__value` in all, produced
{glue:md}`provincial_specialized_town_output__value`, growth of
{glue:md}`provincial_specialized_town_output_growth__value`. The towns' key construction
projects numbered {glue:md}`specialized_town_projects__value`, with investment of
{glue:md}`specialized_town_projects_investment__value`.
""",
        code(
            'views.bars_of(ch, "chains-towns-value", ["chain_projects_investment", "chain_enterprises_revenue", "specialized_town_output", "provincial_specialized_town_output", "specialized_town_projects_investment"], "Industrial chains and specialized towns: money")'
        ),
        code(
            'views.bars_of(ch, "chains-towns-count", ["chain_projects", "chain_enterprises", "chain_enterprises_listed", "specialized_town_enterprises", "provincial_specialized_towns", "specialized_town_projects"], "Industrial chains and specialized towns: counts")'
        ),
        """
(industry-traditional)=
## Traditional industries

The share of advanced coal capacity (煤炭先进产能) {glue:md}`advanced_coal_capacity_share`.
The city is building a steel base whose capacity {glue:md}`steel_base_capacity`, and an
integrated coal–power–aluminium–magnesium model (煤电铝镁材一体化).
""",
        *targets_section("industry"),
        *closing("industry"),
    ],
)

CHAPTERS["energy"] = chapter(
    "energy",
    [
        """
(energy)=
# Energy transition and the green-energy corridor

Xinzhou is a power exporter whose capacity is shifting from coal-fired (火电) to new and clean
energy (新能源和清洁能源: wind, solar, hydro and pumped storage). The city also co-leads the
房保忻太 green-energy economic corridor (绿色能源经济廊道) linking it with Taiyuan, Baoding and
Beijing's Fangshan district.
""",
        code('ch.cite("energy")'),
        """
(energy-capacity)=
## Installed capacity

Total installed power capacity {glue:md}`power_capacity__actual`. Thermal capacity
{glue:md}`thermal_capacity`, while new and clean capacity {glue:md}`clean_capacity__actual`.
New and clean capacity {glue:md}`clean_capacity__forecast`.
""",
        code("views.capacity_mix(ch)"),
        code(
            'views.compare(ch, "capacity", ["power_capacity", "clean_capacity"], "Installed capacity: results, forecast and target", "万千瓦 (10 MW)")'
        ),
        code(
            'views.series(ch, "clean-capacity-series", "clean_capacity", "New and clean energy capacity over time")'
        ),
        code(
            'views.series(ch, "power-capacity-series", "power_capacity", "Total installed capacity over time")'
        ),
        """
(energy-share)=
## The share of new and clean energy

The share of new energy in installed capacity {glue:md}`clean_capacity_share__actual`. The
city's target, set to reach the Five-Year Plan goal (“十四五”目标) early: the share
{glue:md}`clean_capacity_share__target`. Total capacity {glue:md}`power_capacity__target`.
""",
        code(
            'views.compare(ch, "share", ["clean_capacity_share"], "Share of new and clean energy in installed capacity", "percent")'
        ),
        code(
            'views.series(ch, "share-series", "clean_capacity_share", "Share of new and clean energy over time")'
        ),
        """
(energy-corridor)=
## The green-energy corridor

The corridor (廊道) is meant to grow an energy and equipment cluster whose scale
{glue:md}`energy_cluster_scale`. Projects named under it include an ultra-high-voltage line to
Beijing–Tianjin–Hebei (特高压输电通道), and the 黄草院 and 西龙池 phase II pumped-storage
(抽水蓄能) stations.
""",
        *targets_section("energy"),
        *closing("energy"),
    ],
)

CHAPTERS["digital"] = chapter(
    "digital",
    [
        """
(digital)=
# Digital economy

Xinzhou's digital economy is organised around the 太忻数据流量谷 (Taiyuan–Xinzhou data-flow
valley), a sub-valley of Shanxi's data-flow valley, laid out as “一谷七区” (one valley, seven
zones) and meant to become the province's digital-economy pilot zone (数字经济先导区).
""",
        code('ch.cite("digital")'),
        """
(digital-scale)=
## Scale

The digital economy the valley is to bring about {glue:md}`digital_economy_scale`.
""",
        *targets_section("digital"),
        *closing("digital"),
    ],
)

CHAPTERS["regional"] = chapter(
    "regional",
    [
        """
(regional)=
# Regional integration and opening-up

Xinzhou sits where three national and provincial strategies overlap: the coordinated
development of Beijing–Tianjin–Hebei, the Xiong'an New Area, and the central Shanxi urban
cluster. Its answer is “融圈入群” (join the circle, enter the cluster), the brand
“一城一谷一廊道” (one city, one valley, one corridor) and the four directions
“南融东进西引北联”.
""",
        code('ch.cite("regional")'),
        """
(regional-trade)=
## Trade

Growth of total imports and exports (进出口总额) {glue:md}`trade_growth`. The city also wants
every county to export (外贸空白县“破零”), with flanges, specialty farm products and solar
modules leading.
""",
        *targets_section("regional"),
        *closing("regional"),
    ],
)

CHAPTERS["capability"] = chapter(
    "capability",
    [
        """
(capability)=
# The seven capability levels

In August 2023 the city's party committee adopted an opinion on raising “七大能级” — seven
capability levels: industry, opening-up, cities, innovation, reform, markets and security —
together. The opinion's structure is itself quantified.
""",
        code('ch.cite("capability")'),
        """
(capability-structure)=
## The opinion's priorities

The opinion is organised in areas whose number {glue:md}`opinion_areas`, holding priorities
whose number {glue:md}`opinion_priorities`; of these, the priorities on raising the capability
levels {glue:md}`capability_priorities`. Each priority consists of concrete tasks whose number
{glue:md}`tasks_per_priority`.
""",
        code(
            'views.bars_of(ch, "structure", ["opinion_areas", "opinion_priorities", "capability_priorities"], "The opinion on the seven capability levels: structure", kinds=("actual", "plan", "target"))'
        ),
        *targets_section("capability"),
        *closing("capability"),
    ],
)

CHAPTERS["consumption"] = chapter(
    "consumption",
    [
        """
(consumption)=
# Consumption and livelihoods

“提升服务效能，释放消费潜能”: the sources tie consumption to services — elderly care,
childcare, housekeeping — to trade-in subsidies for cars and appliances, and to county commerce
reaching the villages.
""",
        code('ch.cite("consumption")'),
        """
(consumption-annual-targets)=
## The year's targets for consumption and incomes

Retail sales of consumer goods (社会消费品零售总额): growth {glue:md}`retail_sales_growth`.
Rural per-capita disposable income: growth {glue:md}`rural_income_growth`, above economic
growth; urban incomes are to grow in step with the economy. New urban jobs
{glue:md}`urban_new_jobs`. Consumer prices (居民消费价格): the rise {glue:md}`cpi_growth`.
""",
        code(
            'views.compare(ch, "targets", ["retail_sales_growth", "rural_income_growth", "urban_income_growth", "cpi_growth"], "Consumption, income and price targets", "percent")'
        ),
        """
(consumption-subsidies)=
## Trade-in subsidies

A resident trading in an old car received a subsidy that {glue:md}`car_trade_in_subsidy`.
""",
        *targets_section("consumption"),
        *closing("consumption"),
    ],
)

CHAPTERS["culture_tourism"] = chapter(
    "culture_tourism",
    [
        """
(culture-tourism)=
# Culture and tourism

Xinzhou is the only city in Shanxi with all three of its great cultural brands: the Yellow
River (黄河), the Great Wall (长城) and the Taihang mountains (太行). Its tourism centres on
Mount Wutai (五台山), the old city of Xinzhou (忻州古城) and the 云中河 hot-spring resort, with
a management reform (“管委会+景区公司”) and the development of 大芦芽山.
""",
        code('ch.cite("culture-tourism")'),
        """
(culture-tourism-figures)=
## In figures

This theme holds {glue:md}`n_figures` figures in the current sources.
""",
        *closing("culture_tourism"),
    ],
)

CHAPTERS["agriculture"] = chapter(
    "agriculture",
    [
        """
(agriculture)=
# Specialty agriculture

Yellow wine (黄酒), minor grains (小杂粮), medicinal herbs (中药材), fresh and dried fruit and
livestock are Xinzhou's specialty (特优) resources. The city wants them to become a new pillar
industry under the brand “忻味道” (the taste of Xinzhou).
""",
        code('ch.cite("agriculture")'),
        """
(agriculture-firsts)=
## Firsts

Specialized, innovative (专精特新) enterprises in the yellow-wine industry: their number
{glue:md}`huangjiu_specialized_enterprises` — a “零”的突破, the first of its kind.
""",
        *targets_section("agriculture"),
        *closing("agriculture"),
    ],
)

CHAPTERS["roadmap"] = chapter(
    "roadmap",
    [
        """
(roadmap)=
# The transformation roadmap, 2023–2035

The sources set out the city's path in dated steps, from breakthroughs in key areas to basic
modernization in step with the nation and the province.
""",
        code('ch.cite("roadmap")'),
        """
(roadmap-milestones)=
## Milestones
""",
        code("views.timeline(ch)"),
        code("views.milestones_table(ch)"),
        *closing("roadmap"),
    ],
)


def main(argv: list[str]) -> int:
    BOOK.mkdir(exist_ok=True)
    for name, nb in CHAPTERS.items():
        for i, cell in enumerate(nb.cells):
            cell.id = f"{name}-{i:02d}"  # stable ids: regenerating gives the same file
        nbformat.validate(nb)
        nbformat.write(nb, BOOK / f"{name}.ipynb")
    print(f"wrote {len(CHAPTERS)} notebooks to {BOOK.name}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
