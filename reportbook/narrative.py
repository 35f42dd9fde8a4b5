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

from reportbook import (
    addresses,
    chapters,
    charts,
    cite,
    edition,
    language,
    ledger,
    periods,
    review,
    targets,
    wording,
    wording_zh,
)
from reportbook.errors import ChapterError  # noqa: F401 - re-exported
from reportbook.paths import Paths
from reportbook.registry import Registry

KIND_ORDER = {"actual": 0, "forecast": 1, "target": 2, "plan": 3}
OVERVIEW = chapters.OVERVIEW  # the chapter that reads every figure
GLUE_RE = re.compile(r"\{glue:md\}`([^`]+)`")
MISSING = "is not reported in the current sources"
MISSING_ZH = "现有来源未报告"
KEY_MESSAGE = "key_message"
BOOK_KEYS = ("n_figures", "n_sources", KEY_MESSAGE, "scorecard", "edition_changes")

# earlier names, kept for notebooks and callers
kind_word, qualified, value_display = wording.kind_word, wording.qualified, wording.value_display
statement, short, gloss, period_phrase = (
    wording.statement,
    wording.short,
    wording.gloss,
    wording.period_phrase,
)
fmt_number = wording.number


def _time_key(period: str) -> str:
    """A sortable key of a period on the time axis: its end, then its start (an undated
    figure first)."""
    p = periods.try_parse(period) if period else None
    return "" if p is None else f"{p.end.isoformat()}|{p.start.isoformat()}"


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
    lang: str = language.DEFAULT  # the edition's: how every statement is worded
    charted: set[str] = field(default_factory=set)
    shown_in: dict[str, list[str]] = field(default_factory=dict)  # indicator -> figure numbers
    _fig_count: int = 0
    _groups: dict | None = None
    _tracked: pd.DataFrame | None = None
    _by_id: pd.DataFrame | None = None

    # ---------------------------------------------------------------- loading
    @classmethod
    def load(
        cls, data_dir: str | Path, theme: str, edition: str = "", lang: str = language.DEFAULT
    ) -> Chapter:
        """``lang``: the edition the chapter is written for (``language.LANGUAGES``)."""
        language.check(lang)
        # Its figure links reach the appendix from the edition's folder (set every time: a
        # reused kernel keeps the module from the chapter before).
        addresses.set_base(language.shared(lang))
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
        every = ledger.read(paths)
        repeated = review.repeats(every, reg.sources)  # one report in two sources counts once
        figures = chapters.theme_slice(every, theme, reg.region, reg.place, repeated)
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
            lang=lang,
        )

    @property
    def zh(self) -> bool:
        """Whether this is the Chinese edition's chapter."""
        return self.lang == "zh"

    def word(self, key: str, **fields) -> str:
        """The interface's words for ``key`` (``language.WORDS``) in the chapter's edition."""
        return language.word(self.lang, key, **fields)

    def tr(self, en: str, zh: str) -> str:
        """A chapter's own words (a chart's title) in its edition's language: both are
        written in the chapter, side by side."""
        return language.pick(self.lang, en, zh)

    @property
    def bold(self) -> tuple[str, str]:
        """How a glued figure is made bold: Markdown in English, HTML in Chinese (CommonMark
        does not close ``**`` between punctuation and a CJK character)."""
        return wording.HTML_BOLD if self.zh else wording.MD_BOLD

    def kind_word(self, kind: str) -> str:
        return wording_zh.kind_word_zh(kind) if self.zh else wording.kind_word(kind)

    def period_label(self, period) -> str:
        return wording_zh.period_label_zh(period) if self.zh else wording.period_label(period)

    def qualified(self, row, sign: bool = False) -> str:
        return wording_zh.qualified_zh(row, sign) if self.zh else wording.qualified(row, sign)

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
        # in time order (the first half ends after the first quarter), then source order
        when = d["period"].map(_time_key)
        return (
            d.assign(_when=when)
            .sort_values(["_when", "source_id", "char_start"])
            .drop(columns="_when")
        )

    def latest(self, indicator: str, kind: str | None = None) -> pd.Series | None:
        d = self.rows(indicator, kind)
        if d.empty:
            return None
        if kind is None:
            # Prefer what was achieved; among equals, the latest period.
            d = d.assign(_when=d["period"].map(_time_key))
            d = d.sort_values(["_order", "_when"], ascending=[True, False], kind="mergesort")
            return d.drop(columns="_when").iloc[0]
        return d.iloc[-1]

    def name(self, indicator: str) -> str:
        """The indicator's name in the registry, in the edition's language."""
        ind = self.indicators.get(indicator, {})
        if self.zh and ind.get("name_zh"):
            return ind["name_zh"]
        return ind.get("name_en", indicator.replace("_", " "))

    def subject(self, indicator: str, row=None) -> tuple[str, bool]:
        """(subject, plural) a statement about ``indicator`` is said of (in Chinese, plural is
        always False: the verb does not agree)."""
        if self.zh:
            return wording_zh.subject_zh(indicator, self.vocabulary, row), False
        return wording.subject(indicator, self.vocabulary)

    def measure(self, indicator: str) -> str | None:
        ind = getattr(self.vocabulary, "by_id", {}).get(indicator)
        return ind.measure if ind is not None else None

    def predicate(self, row, when: bool = True, link: bool = True, bold=wording.MD_BOLD) -> str:
        """``row``'s verb phrase, agreeing with its indicator's subject."""
        if self.zh:
            return wording_zh.say_zh(row, self.vocabulary, link=link, when=when,
                                     bold=wording.HTML_BOLD)  # fmt: skip
        return wording.say(row, self.vocabulary, link=link, when=when, bold=bold)

    def sentence(self, row, bold=wording.MD_BOLD) -> str:
        """A whole sentence: 'Gross domestic product grew by **5.2%** in 2024.'
        (2024年，地区生产总值增长5.2%。)"""
        if self.zh:
            return wording_zh.sentence_zh(row, self.vocabulary, bold=wording.HTML_BOLD) + "。"
        subj = self.subject(wording._get(row, "indicator_id", ""))[0]
        return f"{html.escape(subj)} {self.predicate(row, bold=bold)}."

    # ----------------------------------------------------------------- glue
    def _glue_row(self, key: str):
        """(indicator, variant, the figure a glue key speaks of — None when not reported)."""
        ind, _, variant = key.partition("__")
        if ind not in self.indicators and ind not in set(self.figures["indicator_id"]):
            raise ChapterError(
                f"glue key {key!r}: {ind!r} is not an indicator in {self.paths.indicators_yml.name}"
            )
        kind, _, rest = variant.partition("_")
        if variant in KIND_ORDER or (kind in KIND_ORDER and rest == "value"):
            return ind, variant, self.latest(ind, kind)
        if variant not in ("", "value", "when", "sentence"):
            raise ChapterError(f"glue key {key!r}: unknown variant {variant!r}")
        return ind, variant, self.latest(ind)

    def glue_text(self, key: str, said: str | None = None) -> str:
        """The markdown for one glue key: ``IND`` (the best statement: a verb phrase agreeing
        with the indicator's subject), ``IND__KIND`` (the latest of that kind), ``IND__value``
        (just the figure, marked when not a result), ``IND__KIND_value`` (the latest figure of
        that kind, unmarked: the prose names the kind), ``IND__when`` (its period),
        ``IND__sentence`` (subject and statement), ``key_message`` or a count.

        ``said``: the period the sentence group has already said (``glue_plan``); a figure of
        that period is not given it again, a figure of another period always is."""
        if key == "n_figures":
            return f"**{len(self.figures)}**"
        if key == "n_sources":
            return f"**{self.figures['source_id'].nunique()}**"
        if key == KEY_MESSAGE:
            return self.key_message()
        if key == "scorecard":
            return self.scorecard_line()
        if key == "edition_changes":
            return self.edition_changes()
        ind, variant, r = self._glue_row(key)
        if self.zh:
            return self._glue_text_zh(ind, variant, r, said)
        if variant == "when":
            when = wording.period_phrase(r["period"], r["kind"]) if r is not None else ""
            return when[:1].upper() + when[1:] or "—"
        if r is None:
            if variant == "sentence":
                return f"{html.escape(self.subject(ind)[0])} {MISSING}."
            return "(not reported)" if variant.endswith("value") else MISSING
        again = said is None or r["period"] != said
        if variant.endswith("value"):
            # Just the figure: its period is the prose's (``__when``); one of another period
            # than the paragraph has said carries its own.
            text = wording.short(r, tag=variant == "value")
            other = said is not None and r["period"] and r["period"] != said
            return f"{text} ({wording.period_label(r['period'])})" if other else text
        if variant == "sentence":
            return self.sentence(r)
        return self.predicate(r, when=again)

    def _glue_text_zh(self, ind: str, variant: str, r, said: str | None) -> str:
        """``glue_text`` in Chinese: the same keys, worded by ``wording_zh``."""
        z = wording_zh
        if variant == "when":
            stock = bool(getattr(self.vocabulary.by_id.get(ind), "stock", False))
            return (z.period_phrase_zh(r["period"], r["kind"], stock) if r is not None
                    else "") or "—"  # fmt: skip
        if r is None:
            if variant == "sentence":
                return f"{html.escape(z.subject_zh(ind, self.vocabulary))}{MISSING_ZH}。"
            return "（未报告）" if variant.endswith("value") else MISSING_ZH
        again = said is None or r["period"] != said
        if variant.endswith("value"):
            text = z.short_zh(r, tag=variant == "value")
            other = said is not None and r["period"] and r["period"] != said
            return f"{text}（{z.period_label_zh(r['period'])}）" if other else text
        if variant == "sentence":
            return self.sentence(r)
        return self.predicate(r, when=again)

    def glue_plan(self) -> dict[str, str]:
        """The text of every glue key of the prose, read paragraph by paragraph: a period is
        said once per paragraph (the first figure of a period says it, the next ones of the
        same period do not). A key used in two contexts that would read differently gets
        its full form (with its period) everywhere."""
        src = self.source_file()
        if src is None:
            return {k: self.glue_text(k) for k in self.glue_keys()}
        text = chapters.prose(src, self.lang)
        plan: dict[str, str] = {}
        mixed: set[str] = set()
        for para in re.split(r"\n\s*\n", text):
            said = None
            for key in GLUE_RE.findall(para):
                t = self.glue_text(key, said)
                if key in plan and plan[key] != t:
                    mixed.add(key)
                plan.setdefault(key, t)
                if key.partition("__")[0] not in BOOK_KEYS:
                    r = self._glue_row(key)[2]
                    said = r["period"] if r is not None else said
        for key in mixed:
            plan[key] = self.glue_text(key)
        return plan

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
            return sorted(set(GLUE_RE.findall(chapters.prose(src, self.lang))))
        ids = sorted(set(self.indicators) | (set(self.figures["indicator_id"]) - {""}))
        variants = ["", "__value", "__when", "__sentence", *(f"__{k}" for k in KIND_ORDER),
                    *(f"__{k}_value" for k in KIND_ORDER)]  # fmt: skip
        return ["n_figures", "n_sources", *(i + v for i in ids for v in variants)]

    def glue_all(self) -> None:
        """Glue every statement the prose names. A key whose indicator has no figures here
        reads 'is not reported', so a registry change never breaks the build."""
        from IPython.display import Markdown  # deferred: only inside a chapter's kernel
        from myst_nb import glue  # deferred: only inside a chapter's kernel

        for key, text in sorted(self.glue_plan().items()):
            glue(key, Markdown(text), display=False)

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
        number = f"{self.number}.{self._fig_count}"
        for iid in sorted(set(rows["indicator_id"]) - {""}):
            self.shown_in.setdefault(iid, []).append(number)
        cols = [
            "figure_id", "source_id", "indicator_id", "kind", "period", "value", "value_high",
            "unit", "qualifier", "value_base", "base_unit", "quote",
        ]  # fmt: skip
        data = rows[cols] if table is None else table
        return charts.Figure(
            chart=chart,
            data=data.reset_index(drop=True),
            label=f"fig-{self.theme['id']}-{label}".replace("_", "-"),
            number=number,
            title=title,
            alt_text=alt_text,
            sources=self.source_list(data),
            lang=self.lang,
        )

    def indicator_rows(self, indicators: Iterable[str], kinds: Iterable[str] | None = None):
        d = self.figures[self.figures["indicator_id"].isin(list(indicators))]
        if kinds is not None:
            d = d[d["kind"].isin(list(kinds))]
        return d

    # ---------------------------------------------------------------- tables
    def tracked(self) -> pd.DataFrame:
        """Every target and forecast of the chapter with its verdict (``targets.track``)."""
        if self._tracked is None:
            self._tracked = targets.track(self.figures, self.vocabulary)
        return self._tracked

    def targets(self) -> HTMLBlock:
        """Every target and forecast, beside the result that settles it (or the progress so
        far), with its verdict and the rules it follows."""
        table = self.tracked()
        if table.empty:
            if self.zh:
                return HTMLBlock('<p class="rb-note">本主题没有同时写明指标和时期的目标或预计，'
                                 "无法与结果对照。</p>")  # fmt: skip
            return HTMLBlock(
                '<p class="rb-note">No target or forecast of this theme names an indicator '
                "and a period, so none can be set against a result.</p>"
            )
        self.charted.update(table["target_id"])
        return HTMLBlock(
            targets.to_html(table, self.name, self.source_title, self.lang, self.shown_zh)
        )

    def shown_zh(self, figure_id: str) -> str:
        """A figure of the chapter (by id) as the Chinese edition prints it: 5%以上."""
        if self._by_id is None:
            self._by_id = self.figures.set_index("figure_id", drop=False)
        return wording_zh.qualified_zh(self._by_id.loc[figure_id])

    def source_title(self, source_id: str) -> str:
        return str(self.sources.get(source_id, {}).get("title", source_id))

    def scorecard(self) -> HTMLBlock:
        """The book's headline: per target year, how many targets are met, missed, in
        conflict or pending, then every target with its verdict."""
        table = self.tracked()
        if table.empty:
            if self.zh:
                return HTMLBlock('<p class="rb-note">现有来源没有同时写明指标和时期的目标。</p>')
            return HTMLBlock('<p class="rb-note">The current sources set no targets that '
                             "name an indicator and a period.</p>")  # fmt: skip
        card = targets.scorecard(table)
        e = html.escape

        def status(st: str, n: int) -> str:
            if self.zh:
                return f"{n}项{wording_zh.STATUS_WORDS_ZH[st]}"
            return f"{n} {st}"

        sep, colon, year_word = ("、", "：", "年") if self.zh else (", ", ": ", "")
        items = "".join(
            f"<li><strong>{e(year)}{year_word}</strong>{colon}"
            + sep.join(
                f'<span class="rb-status rb-status-{e(st)}">{e(status(st, c[st]))}</span>'
                for st in targets.STATUSES
                if c[st]
            )
            + "</li>"
            for year, c in card.items()
        )
        self.charted.update(table["target_id"])
        return HTMLBlock(
            f'<ul class="rb-scorecard">{items}</ul>'
            + targets.to_html(table, self.name, self.source_title, self.lang, self.shown_zh)
        )

    def scorecard_line(self) -> str:
        """The scorecard in a sentence, year by year: 'For 2024, of the 12 targets and
        forecasts, 3 are met, 2 missed and 7 pending; for 2025, the one target or forecast is
        pending.'"""
        table = self.tracked()
        if self.zh:
            if table.empty:
                return "现有来源没有同时写明指标和时期的目标。"
            return (
                "；".join(
                    f"{year}年，{wording_zh.verdicts_zh(sum(c.values()), c, mark=True)}"
                    for year, c in targets.scorecard(table).items()
                )
                + "。"
            )
        if table.empty:
            return "The current sources set no target that names an indicator and a period."
        parts = [
            f"for {year}, {wording.verdicts(sum(c.values()), c, mark=True)}"
            for year, c in targets.scorecard(table).items()
        ]
        text = "; ".join(parts)
        return text[:1].upper() + text[1:] + "."

    def edition_changes(self) -> str:
        """What this edition adds to the one before, in a sentence linking to the changes."""
        ed = edition.current(self.paths)
        prev = ed.get("previous")
        if not prev:
            if self.zh:
                return f"这是第{wording.count(ed['number'])}版，即首版。"
            return f"This is edition {wording.count(ed['number'])}, the first."
        d = edition.diff(edition.ledger_of(self.paths, prev), ledger.read(self.paths))
        n = {k: len(v) for k, v in d.items()}
        if self.zh:
            said = wording_zh.changes_zh(n["added"], n["revised"], n["removed"], mark=True)
            return f"与上一版相比，{said}（见[本版变化](changes.md)）。"

        said = wording.changes(n["added"], n["revised"], n["removed"], mark=True)
        return (
            f"Since the previous edition, {said} (see [What changed in this edition](changes.md))."
        )

    # ----------------------------------------------------------- key message
    def key_message(self) -> str:
        """The chapter's message in two or three sentences, from the data: its headline
        indicators' latest results (against the one before, and the figure that shows them)
        and where its targets stand."""
        if self.zh:
            return self._key_message_zh()
        parts = []
        heads = [i for i in self.theme.get("headline", []) if not self.rows(i).empty]
        for iid in heads[:2]:
            r = self.latest(iid, "actual")
            if r is None:
                r = self.latest(iid)
            subj, _ = self.subject(iid)
            text = f"{html.escape(subj)} {self.predicate(r)}"
            earlier = self.earlier(iid, r)
            if earlier is not None:
                text += f", against {wording.against(earlier, self.vocabulary)}"
            figs = self.shown_in.get(iid, [])
            if figs:
                text += f" (Figure {figs[0]})"
            parts.append(text + ".")
        table = self.tracked()
        if not table.empty:
            card = targets.scorecard(table)
            counts = {st: sum(c[st] for c in card.values()) for st in targets.STATUSES}
            src = self.source_file()
            see = (f"[Targets and results](#{chapters.prefix(src)}-targets)" if src
                   else "*Targets and results*")  # fmt: skip
            said = wording.verdicts(len(table), counts, "in this chapter", mark=True)
            parts.append(f"{said[:1].upper()}{said[1:]} (see {see}).")
        if not parts:
            n = len(self.figures)
            s = "s" if n != 1 else ""
            return f"This chapter holds {wording.count(n)} figure{s} from the sources."
        return " ".join(parts)

    def _key_message_zh(self) -> str:
        """``key_message`` in Chinese:
        2024年，地区生产总值增长5.2%（此前2023年增长5.1%；见图1.1）。"""
        z = wording_zh
        parts = []
        heads = [i for i in self.theme.get("headline", []) if not self.rows(i).empty]
        for iid in heads[:2]:
            r = self.latest(iid, "actual")
            if r is None:
                r = self.latest(iid)
            notes = []
            earlier = self.earlier(iid, r)
            if earlier is not None:
                notes.append("此前" + z.say_zh(earlier, self.vocabulary, bold=wording.HTML_BOLD))
            figs = self.shown_in.get(iid, [])
            if figs:
                notes.append(f"见图{figs[0]}")
            text = z.sentence_zh(r, self.vocabulary, bold=wording.HTML_BOLD)
            parts.append(text + (f"（{'；'.join(notes)}）" if notes else "") + "。")
        table = self.tracked()
        if not table.empty:
            card = targets.scorecard(table)
            counts = {st: sum(c[st] for c in card.values()) for st in targets.STATUSES}
            src = self.source_file()
            title = language.word("zh", "targets_title")
            see = f"[{title}](#{chapters.prefix(src)}-targets)" if src else f"“{title}”"
            said = z.verdicts_zh(len(table), counts, "本章", mark=True)
            parts.append(f"{said}（见{see}）。")
        if not parts:
            return f"本章收录来源中的{wording.count(len(self.figures))}条数据。"
        return "".join(parts)

    def earlier(self, iid: str, r) -> pd.Series | None:
        """The result before ``r`` of the same indicator, of the same kind of period (a year
        before a year, a half before a half), if any."""
        if r is None or r["kind"] != "actual":
            return None
        cur = periods.try_parse(r["period"])
        if cur is None:
            return None

        def yearly(p) -> bool:  # a year, or a stock at a year's end
            return p.grain == "year" or (p.is_point and (p.end.month, p.end.day) == (12, 31))

        best = None
        for _, a in self.rows(iid, "actual").iterrows():
            p = periods.try_parse(a["period"])
            if p is None or p.sort_key >= cur.sort_key:
                continue
            if p.grain != cur.grain and not (yearly(p) and yearly(cur)):
                continue
            if best is None or p.sort_key > periods.parse(best["period"]).sort_key:
                best = a
        return best

    def glue_key_message(self) -> None:
        """Glue the key message; called after every chart, so it can name their numbers."""
        from IPython.display import Markdown  # deferred: only inside a chapter's kernel
        from myst_nb import glue  # deferred: only inside a chapter's kernel

        glue(KEY_MESSAGE, Markdown(self.key_message()), display=False)

    def remaining(self) -> HTMLBlock:
        """Every figure of the theme not charted above, with the sentence it came from."""
        rest = self.figures[~self.figures["figure_id"].isin(self.charted)]
        zh = self.zh
        if self.figures.empty:
            return HTMLBlock(
                f'<p class="rb-note">{html.escape(chapters.EMPTY_NOTES[self.lang])}</p>'
            )
        if rest.empty:
            said = self.tr(
                "Every figure of this theme is charted above.",
                "本主题的全部数据均已在上文图表中展示。",
            )
            return HTMLBlock(f'<p class="rb-note">{said}</p>')
        rest = rest.sort_values(["source_id", "char_start"])
        e = html.escape
        inferred = wording_zh.INFERRED_ZH if zh else wording.INFERRED

        def what(r) -> str:
            if r.indicator_id:
                return e(self.name(r.indicator_id))
            said = getattr(r, "measured", "") or ""
            if zh:
                return "未分类" + (f"（{e(said)}）" if said else "")
            return "unclassified" + (f' (<span lang="zh-Hans">{e(said)}</span>)' if said else "")

        def kind(r) -> str:
            low = getattr(r, "kind_confidence", "") == "low"
            note = self.tr("(inferred)", "（推断）")
            return e(self.kind_word(r.kind)) + (
                f' <span class="rb-inferred-note" title="{e(inferred)}">{note}</span>'
                if low
                else ""
            )

        body = "".join(
            "<tr>"
            f"<td>{wording.figure_link(r.figure_id, e(self.qualified(r)))}</td>"
            f"<td>{what(r)}</td>"
            f"<td>{kind(r)}</td>"
            f"<td>{e(self.period_label(r.period))}</td>"
            f'<td class="rb-quote" lang="zh-Hans">{e(str(r.quote))}</td>'
            "</tr>"
            for r in rest.itertuples()
        )
        heads = (("数据", "指标", "类别", "时期", "来源原句") if zh else
                 ("Figure", "Indicator", "Kind", "Period", "Source sentence"))  # fmt: skip
        return HTMLBlock(
            '<div class="rb-scroll"><table class="rb-table rb-remaining"><thead><tr>'
            + "".join(f"<th>{h}</th>" for h in heads)
            + f"</tr></thead><tbody>{body}</tbody></table></div>"
        )

    def conflicts(self) -> HTMLBlock:
        """Figures that disagree (``review.conflicts``, the book's one rule): flagged, with
        every value and its source, never silently resolved."""
        groups = review.conflicts(self.figures)
        if not groups:
            return HTMLBlock("")
        e = html.escape
        gap = "" if self.zh else " "
        o, c = ("（", "）") if self.zh else ("(", ")")
        rows = "".join(
            f"<tr><td>{e(self.name(g['indicator_id']))}</td>"
            f"<td>{e(self.kind_word(g['kind']))}{gap}{e(self.period_label(g['period']))}</td><td>"
            + "<br>".join(
                f"{wording.figure_link(r['figure_id'], e(self.qualified(r)))} "
                f"{o}{wording.source_link(r['source_id'], self.source_title(r['source_id']))}{c}"
                for r in g["figures"]
            )
            + "</td></tr>"
            for g in groups
        )
        if self.zh:
            return HTMLBlock(
                '<div class="rb-conflicts"><p class="rb-warning"><strong>来源数据冲突。</strong>'
                "以下数据各来源说法不一，全部列出，不作取舍。</p>"
                '<table class="rb-table"><thead><tr><th>指标</th><th>时期</th>'
                f"<th>报告的数值</th></tr></thead><tbody>{rows}</tbody></table></div>"
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
