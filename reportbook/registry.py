"""The registries: every file under ``data/`` that describes rather than measures.

``sources.yml`` (the documents), ``corrections.yml`` (reviewed repairs), ``indicators.yml``
(what is measured), ``themes.yml`` (the chapters and the book's place), ``milestones.yml`` and
``glossary.yml``. Each has a JSON Schema beside the data (``data/schemas/*.schema.json``); its
header points there instead of restating it.

A ``Registry`` parses each file at most once and validates it once (``problems()``); a command
makes one with ``Registry.of(paths)`` and passes it down. ``Registry.of`` memoizes by the files'
sizes and modification times, so every stage of one command shares one parse and an edited
file is read again.

Problems are reported all at once, each with its file, the line of the entry and the field,
in the words of the schema (``missing field 'title'``, ``date must be YYYY, YYYY-MM or
YYYY-MM-DD, not '2023-13'``).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reportbook import files, indicators, periods
from reportbook.errors import CorrectionError, Problem, RegistryError, SourceError
from reportbook.paths import Paths

__all__ = ["FILES", "Registry", "load_indicators", "schema_problems"]

# registry name -> (path attribute of Paths, top-level list key)
FILES = {
    "sources": ("sources_yml", "sources"),
    "corrections": ("corrections_yml", "corrections"),
    "indicators": ("indicators_yml", "indicators"),
    "themes": ("themes_yml", "themes"),
    "milestones": ("milestones_yml", "milestones"),
    "glossary": ("glossary_yml", "terms"),
}
OPTIONAL_FILES = {"corrections", "milestones", "glossary"}
SCHEMA_DIR = "schemas"
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
DATE_RE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


# ------------------------------------------------------------------ field rules
# What a schema cannot say about a field, shared by ingest (before writing an entry) and the
# registry checks (for entries written by hand).

MAX_FIELD = 300  # characters of a title, publisher or region
CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def date_problem(date: str, now: _dt.date | None = None) -> str | None:
    """Why a YYYY, YYYY-MM or YYYY-MM-DD date cannot be a publication date: a day that does
    not exist (2024-02-31, 2023-02-29) or a date after ``now`` (today); None when it can."""
    now = now or periods.today()
    parts = [int(x) for x in date.split("-")]
    try:
        first = _dt.date(
            parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1
        )
    except ValueError as exc:
        return f"{date} does not exist ({exc})"
    if first > now:
        return f"{date} is in the future (today is {now.isoformat()}); give the publication date"
    return None


def brace_problem(text: str) -> str | None:
    """Where braces in ``text`` do not pair up ("}" closing nothing, "{" never closed): in
    the bibliography a brace ends or opens a field, so a title must balance them."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return f"the '}}' at character {i + 1} closes no '{{'"
    if depth:
        return f"{depth} '{{' never closed"
    return None


def field_problem(name: str, value: str, *, braces: bool = True) -> str | None:
    """Why a text field for the registry (title, publisher, region) cannot be used."""
    if CONTROL_RE.search(value):
        return f"{name} holds a line break or control character; give it on one line"
    if len(value) > MAX_FIELD:
        return f"{name} is {len(value)} characters long (at most {MAX_FIELD})"
    if braces and (why := brace_problem(value)):
        return f"{name} has an unbalanced brace ({why}); remove it or pair it"
    return None


def _rel(paths: Paths, p: Path) -> str:
    try:
        return Path(p).resolve().relative_to(paths.root.resolve()).as_posix()
    except ValueError:
        return Path(p).name


def _dates_as_text(obj):
    """YAML reads 2024-04-01 as a date: the registries keep dates as text."""
    if isinstance(obj, dict):
        return {k: _dates_as_text(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_dates_as_text(v) for v in obj]
    if isinstance(obj, _dt.date):
        return obj.isoformat()
    return obj


def _item_lines(text: str, key: str) -> list[int]:
    """The 1-based line of each item of the top-level list ``key`` (for messages only)."""
    import yaml  # deferred: only when a problem is reported

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError:
        return []
    if not isinstance(node, yaml.MappingNode):
        return []
    for k, v in node.value:
        if getattr(k, "value", None) == key and isinstance(v, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in v.value]
    return []


class _ItemLines:
    """``row_of(n)``: the line of item ``n`` of the list ``key``, composed only when a message
    first needs one (composing a registry of hundreds of entries costs more than checking it)."""

    def __init__(self, text: str, key: str):
        self._text, self._key, self._lines = text, key, None

    def __call__(self, n: int) -> int | None:
        if self._lines is None:
            self._lines = _item_lines(self._text, self._key)
        return self._lines[n] if n < len(self._lines) else None


def _schema(paths: Paths, name: str) -> dict:
    return json.loads((paths.data / SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))


def _message(err, schema: dict) -> tuple[str, str]:
    """(field, message) for one jsonschema error, in the schema's own words."""
    path = [p for p in err.absolute_path if not isinstance(p, int)]
    fld = str(path[-1]) if path else ""
    sub = err.schema if isinstance(err.schema, dict) else {}
    if err.validator == "required":
        missing = re.search(r"'([^']+)' is a required property", err.message)
        name = missing.group(1) if missing else err.message
        props = sub.get("properties", {})
        want = props.get(name, {}).get("description") or _type_words(props.get(name, {}))
        return name, f"missing field '{name}'" + (f" ({want})" if want else "")
    if err.validator == "additionalProperties":
        extra = re.findall(r"'([^']+)'", err.message.split("(")[-1])
        name = extra[0] if extra else ""
        return name, f"unknown field '{name}' (typo? see data/{SCHEMA_DIR}/{schema['$id']})"
    if err.validator in ("pattern", "format") and sub.get("x-must"):
        return fld, f"{fld} must be {sub['x-must']}, not {err.instance!r}"
    if err.validator == "enum":
        allowed = ", ".join(str(x) for x in sub.get("enum", []))
        return fld, f"{fld} must be one of {allowed}, not {err.instance!r}"
    if err.validator == "type":
        return fld, f"field '{fld}' must be {_type_words(sub)}, not {err.instance!r}"
    if err.validator == "minLength":
        return fld, f"field '{fld}' is empty; give a value"
    if err.validator == "maxLength":
        return fld, f"field '{fld}' is longer than {sub.get('maxLength')} characters"
    return fld, f"{fld or 'value'}: {err.message}"


def _type_words(sub: dict) -> str:
    t = sub.get("type")
    words = {"string": "a string", "null": "null", "boolean": "true/false", "array": "a list",
             "integer": "a whole number", "number": "a number", "object": "a mapping"}  # fmt: skip
    if isinstance(t, list):
        return " or ".join(words.get(x, x) for x in t)
    return words.get(t, "") if t else ""


def _whole_string_validator(jsonschema):
    """Draft 2020-12, with ``pattern`` read as JSON Schema means it (ECMA-262, where ``$``
    ends the string): Python's ``$`` also matches before a final newline, so ``abc\\n``
    passed ``^[a-z0-9-]+$``. A pattern's ``$`` is checked as ``\\Z``."""

    def pattern(validator, patrn, instance, schema):
        if not validator.is_type(instance, "string"):
            return
        if not re.search(re.sub(r"(?<!\\)\$$", r"\\Z", patrn), instance):
            yield jsonschema.ValidationError(f"{instance!r} does not match {patrn!r}")

    base = jsonschema.Draft202012Validator
    return jsonschema.validators.extend(base, {"pattern": pattern})


# An item's schema errors, by (registry, its schema, the item): a registry of hundreds of
# entries is validated again after every ingest, and only the new entries are new.
_ITEM_ERRORS: dict[tuple, list[tuple[list, str, str]]] = {}


def schema_problems(paths: Paths, name: str, data, text: str) -> list[Problem]:
    """Every way ``data`` (parsed from ``text``) breaks the registry's JSON Schema."""
    import jsonschema  # deferred: 0.1 s, only when validating (never in a chapter's kernel)

    schema = _schema(paths, name)
    attr, key = FILES[name]
    where = _rel(paths, getattr(paths, attr))
    row_of = _ItemLines(text, key)
    validator = _whole_string_validator(jsonschema)
    items = data.get(key) if isinstance(data, dict) else None
    listed = schema.get("properties", {}).get(key, {})
    found: list[tuple[list, str, str]] = []  # (path, field, message)
    if isinstance(items, list) and items and set(listed) <= {"type", "items", "description"}:
        # The file around its list (the first item standing in for all), then each item
        # against the list's own schema, remembered: the same errors as the whole file's.
        for err in validator(schema).iter_errors({**data, key: items[:1]}):
            p = list(err.absolute_path)
            if p[:2] != [key, 0]:
                found.append((p, *_message(err, schema)))
        only_items = {k: v for k, v in schema.items() if k not in ("required", "type")}
        only_items["properties"] = {key: listed}
        only_items["additionalProperties"] = True
        v = validator(only_items)
        stamp = json.dumps(schema, sort_keys=True)
        for idx, item in enumerate(items):
            memo = (name, stamp, repr(item))
            if memo not in _ITEM_ERRORS:
                if len(_ITEM_ERRORS) >= 100_000:
                    _ITEM_ERRORS.clear()  # (bounded: a process that reads many projects)
                _ITEM_ERRORS[memo] = [
                    (list(err.absolute_path)[2:], *_message(err, schema))
                    for err in v.iter_errors({key: [item]})
                ]
            found += [([key, idx, *tail], fld, msg) for tail, fld, msg in _ITEM_ERRORS[memo]]
    else:
        found = [
            (list(err.absolute_path), *_message(err, schema))
            for err in validator(schema).iter_errors(data)
        ]
    out = []
    for p, fld, msg in sorted(found, key=lambda e: [str(x) for x in e[0]]):
        row = None
        label = ""
        if len(p) >= 2 and p[0] == key and isinstance(p[1], int):
            idx = p[1]
            row = row_of(idx)
            item = data[key][idx] if isinstance(data, dict) else None
            ident = item.get("id") if isinstance(item, dict) else None
            label = f"entry {idx + 1}" + (f" ({ident})" if ident else "") + ": "
        out.append(Problem(where, row, fld, label + msg))
    return out


@dataclass
class Registry:
    """The project's registries, each parsed at most once (see the module docstring)."""

    paths: Paths
    _raw: dict = field(default_factory=dict, repr=False)
    _vocabulary: object = field(default=None, repr=False)

    # ------------------------------------------------------------------ loading
    @classmethod
    def of(cls, paths: Paths) -> Registry:
        """The registry of ``paths``, shared by every caller until a file changes."""
        stamp = []
        for name in FILES:
            p = getattr(paths, FILES[name][0])
            try:
                st = p.stat()
                stamp.append((name, st.st_mtime_ns, st.st_size))
            except OSError:
                stamp.append((name, None, None))
        key = (str(paths.root), tuple(stamp))
        reg = _MEMO.get(key)
        if reg is None:
            reg = cls(paths)
            for k in [k for k in _MEMO if k[0] == str(paths.root)]:
                old = _MEMO.pop(k)
                # the files that did not change keep their parse (and the vocabulary its
                # compilation): an ingest changes sources.yml alone
                same = {n for n, *s in set(k[1]) & set(key[1]) if s[0] is not None}
                reg._raw.update({n: v for n, v in old._raw.items() if n in same})
                if "indicators" in same:
                    reg._vocabulary = old._vocabulary
            _MEMO[key] = reg
        return reg

    @classmethod
    def wrote(cls, paths: Paths, name: str, text: str, data) -> None:
        """``name`` was just written as ``text``, which parses to ``data``: the next reader
        takes that parse instead of reading and parsing the file again."""
        cls.of(paths)._raw[name] = (text, _dates_as_text(data))

    def file(self, name: str) -> Path:
        return getattr(self.paths, FILES[name][0])

    def text(self, name: str) -> str | None:
        self.data(name)
        return self._raw[name][0]

    def data(self, name: str):
        """The parsed file (``{}`` for a missing optional one); syntax errors raise."""
        if name not in self._raw:
            path = self.file(name)
            if name in OPTIONAL_FILES and not path.exists():
                self._raw[name] = (None, {})
            else:
                try:
                    text = path.read_text(encoding="utf-8")
                except FileNotFoundError:
                    raise self._missing(name) from None
                except (OSError, UnicodeDecodeError) as exc:
                    raise RegistryError(
                        f"{_rel(self.paths, path)}: cannot be read ({exc})"
                    ) from None
                data = files.parse_yaml(text, _rel(self.paths, path))
                if data is None:
                    raise RegistryError(
                        f"{_rel(self.paths, path)}: empty (a killed write or a bad edit?); "
                        f"restore it from git (git checkout -- {_rel(self.paths, path)})"
                    )
                self._raw[name] = (text, _dates_as_text(data))
        return self._raw[name][1]

    def _missing(self, name: str) -> RegistryError:
        where = _rel(self.paths, self.file(name))
        cls = SourceError if name == "sources" else RegistryError
        what = "the source registry" if name == "sources" else "a registry file"
        return cls(f"{where}: {what} is missing; restore it (git checkout -- {where})")

    def items(self, name: str) -> list:
        data = self.data(name)
        items = data.get(FILES[name][1]) if isinstance(data, dict) else None
        return items if isinstance(items, list) else []

    # ------------------------------------------------------------------ accessors
    @property
    def sources(self) -> list[dict]:
        """The source entries, validated (raises SourceError listing every problem)."""
        if "_sources_ok" not in self._raw:
            bad = self.source_problems(check_sha=False)
            if bad:
                where = _rel(self.paths, self.paths.sources_yml)
                raise SourceError(
                    f"{where} is invalid:\n  " + "\n  ".join(map(str, bad)) + "\nfix these fields"
                )
            self._raw["_sources_ok"] = True
        return [dict(e) for e in self.items("sources")]

    def source(self, source_id: str) -> dict:
        for e in self.sources:
            if e["id"] == source_id:
                return e
        known = ", ".join(e["id"] for e in self.sources)
        raise SourceError(
            f"no source with id '{source_id}' in {self.paths.sources_yml.name}; known ids: {known}"
        )

    @property
    def themes(self) -> list[dict]:
        return list(self.items("themes"))

    @property
    def region(self) -> str:
        return str(self.data("themes").get("region") or "")

    @property
    def place(self) -> str:
        return str(self.data("themes").get("place") or "")

    @property
    def milestones(self) -> list[dict]:
        return list(self.items("milestones"))

    @property
    def glossary(self) -> list[dict]:
        return list(self.items("glossary"))

    def corrections(self, source_id: str | None = None) -> list[dict]:
        items = self.items("corrections")
        bad = (
            schema_problems(
                self.paths, "corrections", self.data("corrections"), self.text("corrections") or ""
            )
            if items
            else []
        )
        if bad:
            raise CorrectionError("; ".join(map(str, bad)))
        return [dict(c) for c in items if source_id is None or c["source_id"] == source_id]

    @property
    def indicators(self):
        """The compiled indicator vocabulary (``reportbook.indicators.Vocabulary``)."""
        if self._vocabulary is None:
            self._vocabulary = indicators.compile_vocabulary(self.data("indicators"))
        return self._vocabulary

    # ------------------------------------------------------------------ checks
    def problems(self) -> list[Problem]:
        """Every problem in every registry: schemas, references, files and checksums."""
        out: list[Problem] = []
        for name in FILES:
            try:
                data = self.data(name)
            except RegistryError as exc:
                where = _rel(self.paths, self.file(name))
                # The message names the file (and line) itself: not twice.
                out.append(Problem(where, None, "", str(exc).removeprefix(f"{where}: ")))
                continue
            if name == "sources":
                out += self.source_problems(check_sha=True)
            elif name in OPTIONAL_FILES and self.text(name) is None:
                continue
            else:
                out += schema_problems(self.paths, name, data, self.text(name) or "")
        out += self._reference_problems()
        return out

    def source_problems(self, *, check_sha: bool) -> list[Problem]:
        """sources.yml against its schema, plus what a schema cannot say."""
        data = self.data("sources")
        out = schema_problems(self.paths, "sources", data, self.text("sources") or "")
        where = _rel(self.paths, self.paths.sources_yml)
        row_of = _ItemLines(self.text("sources") or "", "sources")
        ids: Counter = Counter()
        shas: Counter = Counter()
        for n, e in enumerate(self.items("sources")):
            if not isinstance(e, dict):
                continue
            label = f"entry {n + 1} ({e.get('id', 'no id')}): "

            def bad(fld: str, msg: str, n=n, label=label) -> None:
                out.append(Problem(where, row_of(n), fld, label + msg))

            sid, sha, date, prec = (
                e.get("id"),
                e.get("sha256"),
                e.get("date"),
                e.get("date_precision"),
            )
            if isinstance(sid, str):
                ids[sid] += 1
                if not ID_RE.fullmatch(sid):
                    pass  # the schema said so
            if isinstance(sha, str):
                shas[sha] += 1
            if isinstance(date, str) and prec in ("day", "month", "year", "unknown"):
                expected = {4: "year", 7: "month", 10: "day"}.get(len(date))
                if expected and prec != expected:
                    bad("date_precision", f"date {date} has precision {expected}, not {prec}")
            if isinstance(date, str) and DATE_RE.fullmatch(date) and (why := date_problem(date)):
                bad("date", f"date {why}")
            for fld, braces in (("title", True), ("publisher", True), ("title_en", True),
                                ("region", False)):  # fmt: skip
                value = e.get(fld)
                if isinstance(value, str) and (why := field_problem(fld, value, braces=braces)):
                    bad(fld, why)
            if date is None and prec not in (None, "unknown"):
                bad("date_precision", "no date, so date_precision must be 'unknown'")
            fname = e.get("file")
            if (
                e.get("type") == "table"
                and isinstance(fname, str)
                and not fname.lower().endswith(".csv")
            ):
                bad("file", f"a table's file must end in .csv, not {fname!r}")
            if isinstance(fname, str):
                fpath = self.paths.sources_dir / fname
                if "/" in fname or "\\" in fname or not fpath.is_file():
                    bad("file", f"file '{fname}' not found in {self.paths.sources_dir.name}/")
                elif check_sha and isinstance(sha, str):
                    actual = hashlib.sha256(fpath.read_bytes()).hexdigest()
                    if actual != sha:
                        bad(
                            "sha256",
                            f"sha256 of {fname} is {actual}, the registry says {sha}: "
                            "the raw file was modified; restore it (raw files are never edited)",
                        )
        known = set(ids)
        for n, e in enumerate(self.items("sources")):
            dup = e.get("duplicate_of") if isinstance(e, dict) else None
            if dup and dup == e.get("id"):
                out.append(
                    Problem(
                        where,
                        row_of(n),
                        "duplicate_of",
                        f"entry {n + 1}: duplicate_of names the source itself; name the source "
                        "it repeats, or leave it out",
                    )
                )
            elif dup and dup not in known:
                out.append(
                    Problem(
                        where,
                        row_of(n),
                        "duplicate_of",
                        f"entry {n + 1}: duplicate_of names unknown source {dup!r}",
                    )
                )
        out += [
            Problem(where, None, "id", f"id '{i}' is used {c} times")
            for i, c in ids.items()
            if c > 1
        ]
        out += [
            Problem(where, None, "sha256", f"sha256 {s[:12]}… is used {c} times")
            for s, c in shas.items()
            if c > 1
        ]
        return out

    def _reference_problems(self) -> list[Problem]:
        out: list[Problem] = []
        try:
            themes = self.themes
        except RegistryError:
            return out
        theme_ids = {t.get("id") for t in themes if isinstance(t, dict)}
        th_file = _rel(self.paths, self.paths.themes_yml)
        lines = _item_lines(self.text("themes") or "", "themes")
        for n, tid in enumerate(t.get("id") for t in themes if isinstance(t, dict)):
            if [t.get("id") for t in themes].count(tid) > 1:
                out.append(
                    Problem(
                        th_file,
                        lines[n] if n < len(lines) else None,
                        "id",
                        f"duplicate theme id {tid!r}",
                    )
                )
        try:
            out += indicators.problems(
                self.data("indicators"),
                theme_ids,
                _rel(self.paths, self.paths.indicators_yml),
                _item_lines(self.text("indicators") or "", "indicators"),
            )
        except RegistryError:
            pass
        try:
            source_ids = {e.get("id") for e in self.items("sources") if isinstance(e, dict)}
        except RegistryError:
            source_ids = set()
        for name in ("corrections", "milestones"):
            where = _rel(self.paths, self.file(name))
            lines = _item_lines(self.text(name) or "", FILES[name][1])
            for n, item in enumerate(self.items(name)):
                sid = item.get("source_id") if isinstance(item, dict) else None
                if sid and sid not in source_ids:
                    out.append(
                        Problem(
                            where,
                            lines[n] if n < len(lines) else None,
                            "source_id",
                            f"unknown source {sid!r} (not in sources.yml)",
                        )
                    )
        return out


_MEMO: dict[tuple, Registry] = {}


def load_indicators(paths: Paths):
    """The compiled indicator vocabulary of the project at ``paths`` (parsed once)."""
    return Registry.of(paths).indicators
