"""Narrative: the authoring API a chapter calls to turn its slice of the ledger into a page.

A chapter (``book/<theme>.md``, a MyST text notebook) starts, through the cells the runner adds
(``reportbook.run``), with ``ch = Chapter.load(data_dir, theme, edition)`` and ``ch.glue_all()``,
so its prose can say ``{glue:md}`power_capacity``` instead of typing a number; then it shows
views (``reportbook.views``) and ends with the shared panels: ``ch.targets()``,
``ch.conflicts()``, ``ch.remaining()`` and ``ch.cite(label)``. How each figure is *said* is
``reportbook.wording``'s; which rows a chapter reads is ``theme_slice``, and the run cache keys
on exactly those rows (``data_inputs``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from reportbook import chapters, charts, cite, edition, ledger, review, targets, wording
from reportbook.errors import ChapterError  # noqa: F401 - re-exported
from reportbook.paths import Paths
from reportbook.registry import Registry

KIND_ORDER = {"actual": 0, "forecast": 1, "target": 2, "plan": 3}
OVERVIEW = chapters.OVERVIEW  # the chapter that reads every figure
GLUE_RE = re.compile(r"\{glue:md\}`([^`]+)`")
MISSING = "is not reported in the current sources"

# earlier names, kept for notebooks and callers
kind_word, qualified, value_display = wording.kind_word, wording.qualified, wording.value_display
statement, short, gloss, period_phrase = (
    wording.statement,
    wording.short,
    wording.gloss,
    wording.period_phrase,
)
fmt_number = wording.number


def read_ledger(paths: Paths) -> pd.DataFrame:
    return ledger.read(paths)


def book_region(paths: Paths) -> str:
    return Registry.of(paths).region


theme_slice = chapters.theme_slice


def data_inputs(paths: Paths, theme: str) -> dict[str, str]:
    return chapters.data_inputs(paths, [theme])[theme]


all_data_inputs = chapters.data_inputs


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
    vocabulary: object = None
    charted: set[str] = field(default_factory=set)
    _fig_count: int = 0
    _groups: dict | None = None

    # ---------------------------------------------------------------- loading
    @classmethod
    def load(cls, data_dir: str | Path, theme: str, edition: str = "") -> Chapter:
        data = Path(data_dir).resolve()
        paths = Paths(data.parent)
        reg = Registry.of(paths)
        themes = reg.themes
        by_id = {t["id"]: t for t in themes}
        if theme == OVERVIEW:
            by_id[OVERVIEW] = {"id": OVERVIEW, "title": "Overview", "title_zh": "概览"}
        if theme not in by_id:
            raise ChapterError(
                f"theme {theme!r} is not in {paths.themes_yml}; known: {', '.join(by_id)}"
            )
        figures = chapters.theme_slice(ledger.read(paths), theme, reg.region, reg.place)
        figures["_order"] = figures["kind"].map(KIND_ORDER)
        return cls(
            paths=paths,
            theme=by_id[theme],
            themes=themes,
            figures=figures,
            indicators={i["id"]: i for i in reg.items("indicators")},
            sources={s["id"]: s for s in reg.sources},
            edition=edition,
            vocabulary=reg.indicators,
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
        return d.sort_values(["period", "source_id", "char_start"])

    def latest(self, indicator: str, kind: str | None = None) -> pd.Series | None:
        d = self.rows(indicator, kind)
        if d.empty:
            return None
        if kind is None:
            # Prefer what was achieved; among equals, the latest period.
            d = d.sort_values(["_order", "period"], ascending=[True, False])
            return d.iloc[0]
        return d.iloc[-1]

    def name(self, indicator: str) -> str:
        return self.indicators.get(indicator, {}).get("name_en", indicator.replace("_", " "))

    # ----------------------------------------------------------------- glue
    def glue_text(self, key: str) -> str:
        """The markdown for one glue key: ``IND`` (the best statement), ``IND__KIND``,
        ``IND__value`` (just the figure), ``IND__when`` (its period), or a count."""
        if key == "n_figures":
            return f"**{len(self.figures)}**"
        if key == "n_sources":
            return f"**{self.figures['source_id'].nunique()}**"
        ind, _, variant = key.partition("__")
        if ind not in self.indicators and ind not in set(self.figures["indicator_id"]):
            raise ChapterError(
                f"glue key {key!r}: {ind!r} is not an indicator in {self.paths.indicators_yml.name}"
            )
        if variant in KIND_ORDER:
            r = self.latest(ind, variant)
            return wording.statement(r) if r is not None else MISSING
        best = self.latest(ind)
        if variant == "value":
            return wording.short(best)
        if variant == "when":
            when = wording.period_phrase(best["period"], best["kind"]) if best is not None else ""
            return when[:1].upper() + when[1:] or "—"
        if variant:
            raise ChapterError(f"glue key {key!r}: unknown variant {variant!r}")
        return wording.statement(best) if best is not None else MISSING

    def source_file(self) -> Path | None:
        for ext in (".md", ".ipynb"):
            p = self.paths.book / f"{self.theme['id']}{ext}"
            if p.exists():
                return p
        return None

    def glue_keys(self) -> list[str]:
        """The keys this chapter's prose uses, read from its source (book/<theme>.md); every
        registry key when the source is not found (e.g. a renamed copy)."""
        src = self.source_file()
        if src is not None:
            return sorted(set(GLUE_RE.findall(src.read_text(encoding="utf-8"))))
        ids = sorted(set(self.indicators) | (set(self.figures["indicator_id"]) - {""}))
        variants = ["", "__value", "__when", *(f"__{k}" for k in KIND_ORDER)]
        return ["n_figures", "n_sources", *(i + v for i in ids for v in variants)]

    def glue_all(self) -> None:
        """Glue every statement the prose names. A key whose indicator has no figures here
        reads 'is not reported', so a registry change never breaks the build."""
        from IPython.display import Markdown  # deferred: only inside a chapter's kernel
        from myst_nb import glue  # deferred: only inside a chapter's kernel

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
        e = html.escape
        body = "".join(
            "<tr>"
            f"<td>{wording.figure_link(r.figure_id, e(wording.qualified(r)))}</td>"
            f"<td>{e(self.name(r.indicator_id) if r.indicator_id else 'unclassified')}</td>"
            f"<td>{e(wording.kind_word(r.kind))}</td>"
            f"<td>{e(r.period or '—')}</td>"
            f'<td class="rb-quote" lang="zh-Hans">{e(str(r.quote))}</td>'
            "</tr>"
            for r in rest.itertuples()
        )
        return HTMLBlock(
            '<table class="rb-table rb-remaining"><thead><tr><th>Figure</th><th>Indicator</th>'
            "<th>Kind</th><th>Period</th><th>Source sentence</th></tr></thead>"
            f"<tbody>{body}</tbody></table>"
        )

    def conflicts(self) -> HTMLBlock:
        """Figures that disagree (``review.conflicts``, the book's one rule): flagged, with
        every value and its source, never silently resolved."""
        groups = review.conflicts(self.figures)
        if not groups:
            return HTMLBlock("")
        e = html.escape
        rows = "".join(
            f"<tr><td>{e(self.name(g['indicator_id']))}</td>"
            f"<td>{e(wording.kind_word(g['kind']))} {e(g['period'])}</td><td>"
            + "<br>".join(
                f"{wording.figure_link(r['figure_id'], e(wording.qualified(r)))} "
                f"({e(r['source_id'])})"
                for r in g["figures"]
            )
            + "</td></tr>"
            for g in groups
        )
        return HTMLBlock(
            '<div class="rb-conflicts"><p class="rb-warning"><strong>Conflicting reports.</strong> '
            "The sources disagree on these figures; both are shown, neither is preferred.</p>"
            '<table class="rb-table"><thead><tr><th>Indicator</th><th>Period</th>'
            f"<th>Reported values</th></tr></thead><tbody>{rows}</tbody></table></div>"
        )

    def cite(self, label: str) -> HTMLBlock:
        ed = dict(edition.TOKENS) if self.edition == edition.TOKENS["version"] else self.edition
        return HTMLBlock(cite.block(self.paths, label, edition=ed))


@dataclass(frozen=True)
class HTMLBlock:
    """Raw HTML output whose every data-derived piece was escaped by its maker."""

    html: str

    def _repr_html_(self) -> str:
        return self.html
