"""Narrative: what a chapter notebook calls to turn the ledger into prose, charts and tables.

A chapter notebook does ``ch = Chapter.load(data_dir, theme, edition)``, then ``ch.glue_all()``
so its markdown can say ``{glue:md}`power_capacity``` instead of typing a number, then shows
``ch.figure(...)``, ``ch.targets()``, ``ch.remaining()`` and ``ch.cite(label)``. The wording of
every glued statement follows the figure's kind (achieved / targeted / expected / planned)
and its period, so a new edition of the data changes the prose, not just the numbers.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from reportbook import charts
from reportbook.errors import ChapterError  # noqa: F401 - re-exported
from reportbook.files import read_yaml
from reportbook.paths import Paths

KIND_ORDER = {"actual": 0, "forecast": 1, "target": 2, "plan": 3}
QUALIFIER_WORDS = {
    "eq": "",
    "ge": "at least ",
    "gt": "more than ",
    "le": "at most ",
    "lt": "less than ",
    "approx": "about ",
    "range": "",
}
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
# English glosses for printed units: (base_unit, divisor, English unit).
GLOSS = {
    "CNY": [(1e12, "trillion yuan"), (1e9, "billion yuan"), (1e6, "million yuan"), (1, "yuan")],
    "kW": [(1e6, "GW"), (1e3, "MW"), (1, "kW")],
    "t": [(1e6, "million tonnes"), (1e3, "thousand tonnes"), (1, "tonnes")],
    "person": [(1e6, "million people"), (1e3, "thousand people"), (1, "people")],
}


OVERVIEW = "overview"  # the chapter that reads every figure


def read_ledger(paths: Paths) -> pd.DataFrame:
    return pd.read_csv(
        paths.figures_csv,
        dtype={"period": str, "figure_id": str, "indicator_id": str, "theme_id": str},
        keep_default_na=True,
    )


def book_region(paths: Paths) -> str:
    return read_yaml(paths.themes_yml).get("region") or ""


def theme_slice(ledger: pd.DataFrame, theme: str, region: str = "") -> pd.DataFrame:
    """The ledger rows a chapter reads: the book's region only, and its theme's rows (all
    themes for the overview)."""
    if region:
        ledger = ledger[ledger["region"] == region]
    if theme == OVERVIEW:
        return ledger.copy()
    return ledger[ledger["theme_id"] == theme].copy()


def data_inputs(paths: Paths, theme: str) -> dict[str, str]:
    """What a chapter reads, as digests: the run cache keys on exactly this, and
    ``Chapter.load`` reads exactly this, so a change elsewhere in the ledger re-executes
    only the chapters whose slice changed."""
    return all_data_inputs(paths, [theme])[theme]


def all_data_inputs(paths: Paths, themes) -> dict[str, dict[str, str]]:
    """``data_inputs`` for several chapters, reading the ledger and registries once."""
    import hashlib
    import json

    def sha(b: bytes) -> str:
        return hashlib.sha256(b).hexdigest()

    ledger, region = read_ledger(paths), book_region(paths)
    files = (
        paths.root / "_config.yml",  # book title and URL, in every cite block
        paths.themes_yml,
        paths.indicators_yml,
        paths.milestones_yml,
        paths.glossary_yml,
    )
    shared = {p.name: sha(p.read_bytes()) for p in files if p.exists()}
    milestone_sources = set()
    if paths.milestones_yml.exists():
        milestone_sources = {m["source_id"] for m in read_yaml(paths.milestones_yml)["milestones"]}
    registry = read_yaml(paths.sources_yml)["sources"]
    out = {}
    for theme in themes:
        rows = theme_slice(ledger, theme, region)
        # Of the source registry, only the sources this chapter shows, and only what it shows
        # of them (the title): a new or corrected source re-executes the chapters its figures
        # land in, not the whole book.
        used = set(rows["source_id"]) | milestone_sources
        entries = [{"id": s["id"], "title": s.get("title")} for s in registry if s["id"] in used]
        out[theme] = {
            **shared,
            "sources[used]": sha(json.dumps(entries, sort_keys=True, default=str).encode()),
            "figures[theme]": sha(rows.to_csv(index=False, lineterminator="\n").encode()),
        }
    return out


def fmt_number(x) -> str:
    return charts.fmt(x)


def period_phrase(period: str, kind: str = "actual") -> str:
    """'2023-H1' -> 'in the first half of 2023'; '2023-07-31' -> 'by 31 July 2023'."""
    p = "" if period is None or (isinstance(period, float) and pd.isna(period)) else str(period)
    if not p:
        return ""
    if m := re.fullmatch(r"(\d{4})-H([12])", p):
        return f"in the {'first' if m[2] == '1' else 'second'} half of {m[1]}"
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", p):
        nth = ["first", "second", "third", "fourth"][int(m[2]) - 1]
        return f"in the {nth} quarter of {m[1]}"
    if m := re.fullmatch(r"(\d{4})-12-31", p):
        return f"by the end of {m[1]}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", p):
        return f"by {int(m[3])} {MONTHS[int(m[2]) - 1]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", p):
        return f"in {MONTHS[int(m[2]) - 1]} {m[1]}"
    if re.fullmatch(r"\d{4}", p):
        return f"for {p}" if kind in ("target", "plan") else f"in {p}"
    return f"({p})"


def gloss(value_base, base_unit: str) -> str:
    """An English rendering of a scaled base value, exact (no rounding): '67.65 billion yuan'."""
    if value_base is None or pd.isna(value_base) or base_unit not in GLOSS:
        return ""
    for div, word in GLOSS[base_unit]:
        if abs(float(value_base)) >= div:
            return f"{fmt_number(float(value_base) / div)} {word}"
    return ""


def _series(row) -> pd.Series:
    """Ledger rows arrive as Series (iloc) or namedtuples (itertuples)."""
    return pd.Series(row._asdict()) if hasattr(row, "_asdict") else row


def value_display(row: pd.Series) -> str:
    """The figure as printed in the source, with its qualifier and an English gloss."""
    row = _series(row)
    unit = "" if pd.isna(row.get("unit")) else str(row["unit"])
    v = fmt_number(row["value"])
    if row.get("qualifier") == "range" and not pd.isna(row.get("value_high")):
        v = f"{v}–{fmt_number(row['value_high'])}"
    printed = f"{v}{unit}"
    g = (
        ""
        if row.get("qualifier") == "range"
        else gloss(row.get("value_base"), row.get("base_unit"))
    )
    return f"{printed} ({g})" if g and unit not in ("%", "个百分点") else printed


def qualified(row: pd.Series) -> str:
    row = _series(row)
    q = QUALIFIER_WORDS.get(str(row.get("qualifier")), "")
    if row.get("qualifier") == "range":
        q = "between "
    return q + value_display(row)


def statement(row: pd.Series, link: bool = True) -> str:
    """A clause whose verb follows the figure's kind: achieved, targeted, expected or planned."""
    row = _series(row)
    what = qualified(row)
    if link:
        what = (
            f'<a class="rb-fig" href="sources.html#{html.escape(row["figure_id"])}" '
            f'title="{html.escape(str(row["quote"]))}">{html.escape(what)}</a>'
        )
    else:
        what = html.escape(what)
    when = period_phrase(row.get("period"), row["kind"])
    verb = {
        "actual": "reached",
        "target": "is targeted at",
        "forecast": "is expected to reach",
        "plan": "is planned at",
    }[row["kind"]]
    return f"{verb} **{what}**" + (f" {when}" if when else "")


def short(row, link: bool = True) -> str:
    """Just the figure, for lists in running prose: '**14个**'. A figure that is not a
    result says what it is, so a target can never read as an achievement."""
    if row is None:
        return "(not reported)"
    row = _series(row)
    what = html.escape(qualified(row))
    if link:
        what = (
            f'<a class="rb-fig" href="sources.html#{html.escape(row["figure_id"])}" '
            f'title="{html.escape(str(row["quote"]))}">{what}</a>'
        )
    tag = "" if row["kind"] == "actual" else f" ({kind_word(row['kind'])})"
    return f"**{what}**{tag}"


def kind_word(kind: str) -> str:
    return {"actual": "achieved", "target": "target", "forecast": "forecast", "plan": "plan"}[kind]


@dataclass
class Chapter:
    """The data behind one chapter: its theme, its figures, and what has been shown so far."""

    paths: Paths
    theme: dict
    themes: list[dict]
    figures: pd.DataFrame
    indicators: dict[str, dict]
    sources: dict[str, dict]
    edition: str = ""
    charted: set[str] = field(default_factory=set)
    _fig_count: int = 0
    _groups: dict | None = None

    # ---------------------------------------------------------------- loading
    @classmethod
    def load(cls, data_dir: str | Path, theme: str, edition: str = "") -> Chapter:
        data = Path(data_dir).resolve()
        paths = Paths(data.parent)
        themes = read_yaml(paths.themes_yml)["themes"]
        by_id = {t["id"]: t for t in themes}
        if theme == OVERVIEW:
            by_id[OVERVIEW] = {"id": OVERVIEW, "title": "Overview", "title_zh": "概览"}
        if theme not in by_id:
            raise ChapterError(
                f"theme {theme!r} is not in {paths.themes_yml}; known: {', '.join(by_id)}"
            )
        ind = read_yaml(paths.indicators_yml)
        indicators = {i["id"]: i for i in ind["indicators"]}
        srcs = read_yaml(paths.sources_yml)["sources"]
        figures = theme_slice(read_ledger(paths), theme, book_region(paths))
        figures["_order"] = figures["kind"].map(KIND_ORDER)
        return cls(
            paths=paths,
            theme=by_id[theme],
            themes=themes,
            figures=figures,
            indicators=indicators,
            sources={s["id"]: s for s in srcs},
            edition=edition,
        )

    @property
    def number(self) -> int:
        """Chapter number as Sphinx numbers the themes part: position in themes.yml; the
        unnumbered overview is 0."""
        if self.theme["id"] == OVERVIEW:
            return 0
        return [t["id"] for t in self.themes].index(self.theme["id"]) + 1

    @property
    def empty(self) -> bool:
        return self.figures.empty

    # ----------------------------------------------------------- selection
    def rows(self, indicator: str, kind: str | None = None) -> pd.DataFrame:
        if self._groups is None:
            self._groups = dict(tuple(self.figures.groupby("indicator_id", sort=False)))
        d = self._groups.get(indicator, self.figures.iloc[0:0])
        if kind:
            d = d[d["kind"] == kind]
        return d.sort_values(["period", "source_id", "char_start"], na_position="first")

    def latest(self, indicator: str, kind: str | None = None) -> pd.Series | None:
        d = self.rows(indicator, kind)
        if d.empty:
            return None
        if kind is None:
            # Prefer what was achieved; among equals, the latest period.
            d = d.sort_values(["_order", "period"], ascending=[True, False], na_position="last")
            return d.iloc[0]
        return d.iloc[-1]

    def name(self, indicator: str) -> str:
        return self.indicators.get(indicator, {}).get("name_en", indicator.replace("_", " "))

    # ----------------------------------------------------------------- glue
    def glue_text(self, key: str) -> str:
        """The markdown for one glue key: ``IND`` (the best statement), ``IND__KIND``,
        ``IND__value`` (just the figure), ``IND__when`` (its period), or a count."""
        missing = "is not reported in the current sources"
        if key == "n_figures":
            return f"**{len(self.figures)}**"
        if key == "n_sources":
            return f"**{self.figures['source_id'].nunique()}**"
        ind, _, variant = key.partition("__")
        if ind not in self.indicators and ind not in set(self.figures["indicator_id"].dropna()):
            raise ChapterError(
                f"glue key {key!r}: {ind!r} is not an indicator in {self.paths.indicators_yml.name}"
            )
        if variant in KIND_ORDER:
            r = self.latest(ind, variant)
            return statement(r) if r is not None else missing
        best = self.latest(ind)
        if variant == "value":
            return short(best)
        if variant == "when":
            when = period_phrase(best.get("period"), best["kind"]) if best is not None else ""
            return when[:1].upper() + when[1:] or "—"
        if variant:
            raise ChapterError(f"glue key {key!r}: unknown variant {variant!r}")
        return statement(best) if best is not None else missing

    def glue_keys(self) -> list[str]:
        """The keys this chapter's prose uses, read from its notebook (book/<theme>.ipynb);
        every registry key when the notebook is not found (e.g. a renamed copy)."""
        import json

        nb = self.paths.book / f"{self.theme['id']}.ipynb"
        if nb.exists():
            cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
            text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
            return sorted(set(re.findall(r"\{glue:md\}`([^`]+)`", text)))
        ids = sorted(set(self.indicators) | set(self.figures["indicator_id"].dropna()))
        variants = ["", "__value", "__when", *(f"__{k}" for k in KIND_ORDER)]
        return ["n_figures", "n_sources", *(i + v for i in ids for v in variants)]

    def glue_all(self) -> None:
        """Glue every statement the prose names. A key whose indicator has no figures here
        reads 'is not reported', so a registry change never breaks the build."""
        from IPython.display import Markdown
        from myst_nb import glue

        for key in self.glue_keys():
            glue(key, Markdown(self.glue_text(key)), display=False)

    # --------------------------------------------------------------- charts
    def source_list(self, rows: pd.DataFrame) -> list[tuple[str, str]]:
        return [
            (sid, self.sources.get(sid, {}).get("title", sid))
            for sid in sorted(rows["source_id"].unique())
        ]

    def figure(
        self,
        label: str,
        chart,
        rows: pd.DataFrame,
        title: str,
        alt_text: str,
        table: pd.DataFrame | None = None,
    ) -> charts.Figure:
        """Number a chart, remember which ledger rows it shows, and return it for display.
        Its CSV is those rows, or ``table`` for a chart of something else (milestones)."""
        self._fig_count += 1
        self.charted.update(rows["figure_id"])
        cols = [
            "figure_id", "source_id", "indicator_id", "kind", "period", "value", "value_high",
            "unit", "qualifier", "value_base", "base_unit", "quote",
        ]  # fmt: skip
        data = rows[cols] if table is None else table
        return charts.Figure(
            chart=chart,
            data=data.reset_index(drop=True),
            label=f"fig-{self.theme['id']}-{label}".replace("_", "-"),
            number=f"{self.number}.{self._fig_count}",
            title=title,
            alt_text=alt_text,
            sources=self.source_list(data),
        )

    def indicator_rows(self, indicators: Iterable[str], kinds: Iterable[str] | None = None):
        d = self.figures[self.figures["indicator_id"].isin(list(indicators))]
        if kinds is not None:
            d = d[d["kind"].isin(list(kinds))]
        return d

    # ---------------------------------------------------------------- tables
    def targets(self) -> HTMLBlock:
        """Targets and forecasts beside the latest result for the same indicator, with the gap."""
        from reportbook import targets

        table = targets.track(self.figures)
        if table.empty:
            return HTMLBlock(
                '<p class="rb-note">No target or forecast in this theme has a reported result '
                "to compare with yet.</p>"
            )
        self.charted.update(table["target_id"])
        return HTMLBlock(targets.to_html(table, self.name))

    def remaining(self) -> HTMLBlock:
        """Every figure of the theme not charted above, with the sentence it came from."""
        rest = self.figures[~self.figures["figure_id"].isin(self.charted)]
        if self.figures.empty:
            return HTMLBlock(
                '<p class="rb-note">The current sources report no figures for this theme. '
                "It is kept as a chapter so that figures from new sources have a place.</p>"
            )
        if rest.empty:
            return HTMLBlock('<p class="rb-note">Every figure of this theme is charted above.</p>')
        rest = rest.sort_values(["source_id", "char_start"])
        body = "".join(
            "<tr>"
            f'<td><a class="rb-fig" href="sources.html#{html.escape(r.figure_id)}">'
            f"{html.escape(qualified(r))}</a></td>"
            f"<td>{html.escape(self.name(r.indicator_id) if isinstance(r.indicator_id, str) else 'unclassified')}</td>"  # noqa: E501
            f"<td>{html.escape(kind_word(r.kind))}</td>"
            f"<td>{html.escape(r.period if isinstance(r.period, str) else '—')}</td>"
            f'<td class="rb-quote" lang="zh-Hans">{html.escape(str(r.quote))}</td>'
            "</tr>"
            for r in rest.itertuples()
        )
        return HTMLBlock(
            '<table class="rb-table rb-remaining"><thead><tr><th>Figure</th><th>Indicator</th>'
            "<th>Kind</th><th>Period</th><th>Source sentence</th></tr></thead>"
            f"<tbody>{body}</tbody></table>"
        )

    def conflicts(self) -> HTMLBlock:
        """Different values for the same indicator, kind and period from different sources:
        flagged, with both values and their sources, never silently resolved."""
        f = self.figures.dropna(subset=["indicator_id", "period"])
        groups = []
        for (ind, period, kind), g in f.groupby(["indicator_id", "period", "kind"], sort=True):
            if g["source_id"].nunique() > 1 and g["value_base"].nunique() > 1:
                groups.append((ind, period, kind, g.sort_values("source_id")))
        if not groups:
            return HTMLBlock("")
        rows = "".join(
            f"<tr><td>{html.escape(self.name(ind))}</td><td>{html.escape(kind_word(kind))} "
            f"{html.escape(period)}</td><td>"
            + "<br>".join(
                f'<a class="rb-fig" href="sources.html#{html.escape(r.figure_id)}">'
                f"{html.escape(qualified(r))}</a> ({html.escape(r.source_id)})"
                for r in g.itertuples()
            )
            + "</td></tr>"
            for ind, period, kind, g in groups
        )
        return HTMLBlock(
            '<div class="rb-conflicts"><p class="rb-warning"><strong>Conflicting reports.</strong> '
            "The sources disagree on these figures; both are shown, neither is preferred.</p>"
            '<table class="rb-table"><thead><tr><th>Indicator</th><th>Period</th>'
            f"<th>Reported values</th></tr></thead><tbody>{rows}</tbody></table></div>"
        )

    def cite(self, label: str) -> HTMLBlock:
        from reportbook import cite, edition

        ed = dict(edition.TOKENS) if self.edition == edition.TOKENS["version"] else self.edition
        return HTMLBlock(cite.block(self.paths, label, edition=ed))


@dataclass(frozen=True)
class HTMLBlock:
    """Raw HTML output whose every data-derived piece was escaped by its maker."""

    html: str

    def _repr_html_(self) -> str:
        return self.html
