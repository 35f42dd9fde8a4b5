"""Command line: ``python -m reportbook SUBCOMMAND``. Each subcommand calls one stage module.

Imports are deferred to the subcommand that needs them, so ``--help`` is instant and a stage's
heavy dependencies (pandas, jieba, papermill) load only when used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reportbook import paths as _paths
from reportbook.errors import ReportbookError, UsageError


def _ingest(args: argparse.Namespace) -> int:
    from reportbook import (
        sources,  # deferred: `--help` stays instant; each command imports only its stage
    )

    options = {"date": args.date, "publisher": args.publisher, "url": args.url,
               "region": args.region, "allow_duplicate": args.allow_duplicate}  # fmt: skip
    if len(args.path) == 1:
        entry, norm = sources.ingest(
            args.paths, args.path[0], source_id=args.id, title=args.title, **options
        )
        print(sources.format_report(entry, norm))
        return 0
    if args.id or args.title:
        raise UsageError("--id and --title name one document; give one path with them")
    # Many documents: one transaction, one write of sources.yml (see sources.ingest_many).
    docs = [{"path": path, **options} for path in args.path]
    entries = sources.ingest_many(args.paths, docs, report=print)
    print(f"ingested {len(entries)} documents")
    return 0


def _shown(value) -> str:
    return "null" if value is None else repr(value) if isinstance(value, str) else str(value)


def _source_set(args: argparse.Namespace) -> int:
    from reportbook import (
        sources,  # deferred: `--help` stays instant; each command imports only its stage
    )

    fields = {k: getattr(args, k) for k in ("title", "date", "url", "region", "publisher")}
    if all(v is None for v in fields.values()):
        raise UsageError(
            f"source set {args.source_id}: give at least one of --title, --date, --url, "
            "--region, --publisher"
        )
    changed = sources.set_metadata(args.paths, args.source_id, **fields)
    if not changed:
        print(f"source {args.source_id}: nothing changed (it already says so)")
        return 0
    print(f"source {args.source_id}: changed in {args.paths.sources_yml.name}")
    for field, old, new in changed:
        print(f"  {field:20} {_shown(old)} -> {_shown(new)}")
    if {"date", "region"} & {f for f, _, _ in changed}:
        print("  its figures' periods and places follow at the next `extract` or `make book`")
    return 0


def _source_remove(args: argparse.Namespace) -> int:
    from reportbook import (
        sources,  # deferred: `--help` stays instant; each command imports only its stage
    )

    entry = sources.remove(args.paths, args.source_id)
    print(
        f"removed {entry['id']}: {entry['title']}\n"
        f"  registry     its entry is gone from {args.paths.sources_yml.name}\n"
        f"  file         data/sources/{entry['file']} deleted\n"
        "  ledger       its figures leave data/figures.csv at the next `extract` or `make book`; "
        "recorded editions keep them, and the next edition lists them as removed"
    )
    return 0


def _text(args: argparse.Namespace) -> int:
    from reportbook import (
        sources,  # deferred: `--help` stays instant; each command imports only its stage
    )

    norm = sources.normalized(args.paths, args.source_id)
    if args.span:
        try:
            start, end = (int(x) for x in args.span.split(":"))
        except ValueError as exc:
            raise UsageError(f"--span takes START:END in characters, got {args.span!r}") from exc
        if not 0 <= start <= end <= len(norm.text):
            raise UsageError(
                f"--span {args.span} is outside the normalized text of {args.source_id} "
                f"(0:{len(norm.text)})"
            )
        if args.raw:
            sys.stdout.buffer.write(norm.raw_bytes(start, end) + b"\n")
        else:
            rs, re_ = norm.raw_span(start, end)
            print(f"normalized [{start}:{end}]: {norm.text[start:end]}")
            print(f"raw text   [{rs}:{re_}]: {norm.raw_text[rs:re_]}")
            print(f"raw bytes  ({norm.encoding}): {norm.raw_bytes(start, end)!r}")
        return 0
    print(norm.raw_text if args.raw else norm.text)
    return 0


def _extract(args: argparse.Namespace) -> int:
    from reportbook import (
        ledger,  # deferred: `--help` stays instant; each command imports only its stage
    )

    return ledger.main_extract(args.paths, Path(args.out) if args.out else None)


def _check(args: argparse.Namespace) -> int:
    from reportbook import (
        check,  # deferred: `--help` stays instant; each command imports only its stage
    )

    return check.main(args.paths)


def _review(args: argparse.Namespace) -> int:
    from reportbook import (
        review,  # deferred: `--help` stays instant; each command imports only its stage
    )

    print(review.format_review(review.review(args.paths)))
    return 0


def _run(args: argparse.Namespace) -> int:
    from reportbook import (
        run,  # deferred: `--help` stays instant; each command imports only its stage
    )

    return run.main(args.paths, force=args.force, chapters=args.chapter or None)


def _build(args: argparse.Namespace) -> int:
    from reportbook import (
        build,  # deferred: `--help` stays instant; each command imports only its stage
    )

    languages = ("en",) if args.english_only else ("en", "zh")
    return build.main(args.paths, force=args.force, add=args.add, pdf=args.pdf,
                      languages=languages)  # fmt: skip


def _cite(args: argparse.Namespace) -> int:
    import datetime  # deferred: only the cite command reads a date

    from reportbook import (  # deferred: `--help` stays instant; each command imports its stage
        cite,
        periods,
    )

    try:
        accessed = datetime.date.fromisoformat(args.accessed) if args.accessed else None
    except ValueError:
        raise UsageError(f"--accessed takes a day as YYYY-MM-DD, got {args.accessed!r}") from None
    accessed = (accessed or periods.today()).isoformat()
    text = cite.format_citation(args.paths, args.label, args.format, accessed, args.lang)
    print(text.rstrip())
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m reportbook",
        description="Build the Xinzhou development report book from Chinese source documents.",
    )
    p.add_argument("--root", help="project folder (default: $REPORTBOOK_ROOT or this checkout)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    from reportbook.tables import (
        TABLE_DOC,  # deferred: `--help` stays instant; each command imports only its stage
    )

    # The names the help shows, written here: importing cite or pdf would slow --help.
    FORMATS = ["apa", "gbt7714", "bibtex", "csl", "ris"]
    PDF_NAME = "xinzhou-development-report.pdf"

    s = sub.add_parser(
        "ingest",
        help="copy a new document or table of figures into data/sources and register it",
        description="Copy a document (or a .csv table of figures) into data/sources byte for "
        "byte and register it in data/sources/sources.yml; nothing is written unless every "
        "check passes.",
        epilog="A file ending in .csv is a table of figures (type: table).\n" + TABLE_DOC,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    s.add_argument(
        "path",
        nargs="+",
        help="the document (any common Chinese encoding), or a .csv table of figures "
        "(UTF-8 or GBK; format below); several at once are one transaction",
    )
    s.add_argument("--id", help="source id (ASCII; default: derived from date and content)")
    s.add_argument(
        "--title",
        help="title (default: the headline, past any page furniture, marked descriptive; "
        "required for a table)",
    )
    s.add_argument("--date", help="publication date: YYYY, YYYY-MM or YYYY-MM-DD")
    s.add_argument("--publisher", help="publisher (default: unknown)")
    s.add_argument("--url", help="where the document was found")
    s.add_argument("--region", help="city or region the document is about (default: inferred)")
    s.add_argument(
        "--allow-duplicate",
        action="store_true",
        help="keep a document whose text is a registered source's in another encoding, script "
        "or spacing (refused by default); it is recorded as duplicate_of that source",
    )
    s.set_defaults(func=_ingest)

    s = sub.add_parser(
        "source",
        help="change or remove a registered source (source set / source remove)",
        description="Change a registered source's metadata, or remove it, in "
        "data/sources/sources.yml. Each change is atomic and checked like ingest's options.",
    )
    group = s.add_subparsers(dest="action", required=True, metavar="ACTION")
    t = group.add_parser(
        "set",
        help="change a source's title, date, URL, region or publisher",
        description="Change a source's metadata in data/sources/sources.yml and print what "
        "changed. Options not given stay as they are; '' makes the date, URL, region or "
        "publisher unknown. The raw file is not touched.",
    )
    t.add_argument("source_id", help="the source's id (its `id:` in sources.yml)")
    t.add_argument("--title", help="the title as printed (no longer descriptive)")
    t.add_argument("--date", help="publication date: YYYY, YYYY-MM or YYYY-MM-DD")
    t.add_argument("--url", help="where the document was found (http or https)")
    t.add_argument("--region", help="city or region the document is about")
    t.add_argument("--publisher", help="publisher")
    t.set_defaults(func=_source_set)
    t = group.add_parser(
        "remove",
        help="remove a source from the registry and its raw file from data/sources",
        description="Remove a source's entry from data/sources/sources.yml and its raw file "
        "from data/sources. Refused while another source's duplicate_of, a reviewed "
        "correction or a milestone names it. Recorded editions keep its figures, so the "
        "next edition lists them as removed.",
    )
    t.add_argument("source_id", help="the source's id (its `id:` in sources.yml)")
    t.set_defaults(func=_source_remove)

    s = sub.add_parser("text", help="print a source's normalized text, raw text or raw bytes")
    s.add_argument("source_id")
    s.add_argument("--raw", action="store_true", help="the raw text (or bytes with --span)")
    s.add_argument("--span", help="START:END in the normalized text: show what it came from")
    s.set_defaults(func=_text)

    s = sub.add_parser("extract", help="extract every figure into the ledger (data/figures.csv)")
    s.add_argument("--out", help="ledger path (default: data/figures.csv)")
    s.set_defaults(func=_extract)

    s = sub.add_parser("check", help="validate the ledger and registries; report every problem")
    s.set_defaults(func=_check)

    s = sub.add_parser(
        "review", help="figures needing review: unclassified, low-confidence, conflicts"
    )
    s.set_defaults(func=_review)

    s = sub.add_parser("run", help="execute the chapter notebooks with papermill (cached)")
    s.add_argument("--force", action="store_true", help="re-execute every chapter")
    s.add_argument("--chapter", action="append", help="only this chapter (repeatable)")
    s.set_defaults(func=_run)

    s = sub.add_parser("build", help="extract, check, run and publish the book to _build/html")
    s.add_argument("--force", action="store_true", help="re-execute every chapter")
    s.add_argument("--add", action="append", default=[], help="ingest this document first")
    s.add_argument(
        "--pdf",
        action="store_true",
        help=f"also print the PDF edition (_build/html/{PDF_NAME}; needs Debian chromium)",
    )
    s.add_argument(
        "--english-only",
        action="store_true",
        help="build the English edition alone (by default the Chinese one too, under zh/)",
    )
    s.set_defaults(func=_build)

    s = sub.add_parser(
        "cite",
        help="print a citation for a chapter, a section or a figure",
        description="Print the citation of a labelled chapter or section (its URL anchor, e.g. "
        "energy-capacity) or of a figure of the ledger (its figure_id, e.g. f-15c2be698d), as "
        "the book's cite blocks show it.",
    )
    s.add_argument("label", help="section label (energy, energy-capacity) or figure id (f-…)")
    s.add_argument("--format", choices=FORMATS, default="bibtex", help="default: bibtex")
    s.add_argument(
        "--accessed",
        help="the access date, YYYY-MM-DD ([引用日期], urldate; default: today)",
    )
    s.add_argument(
        "--lang",
        choices=("en", "zh"),
        default="en",
        help="the edition cited: en (default) or zh, the Chinese edition (中文版) under zh/",
    )
    s.set_defaults(func=_cite)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.paths = _paths.project(args.root)
    from reportbook import (
        files,  # deferred: `--help` stays instant
        processes,  # deferred: `--help` stays instant
    )

    try:
        # Temporary files a killed writer left, raw files an interrupted ingest left.
        processes.housekeeping(args.paths)
        return args.func(args)
    except ReportbookError as exc:
        # Only the project's own errors: their message names the file, row or chapter and
        # says what to do. Anything else is a bug and keeps its traceback.
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        # A full disk or a read-only folder is the machine's state, not a bug: say so.
        msg = files.os_error_message(exc)
        if msg is None:
            raise
        print(f"error: {msg}", file=sys.stderr)
        return 1
