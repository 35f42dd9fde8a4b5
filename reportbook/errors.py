"""Errors: one base class, two families, one exit status each.

Every error the project raises on purpose is a :class:`ReportbookError`. Its message names the
file, row or chapter and cell, and says what to do; the command line prints it without a
traceback. Anything else (a ``KeyError`` deep in a stage) is a bug and keeps its traceback.

- :class:`InputError` (exit status 2): something given to the project is wrong — a source
  document, a table of figures, a correction, a registry file, a citation label, the data a
  chapter reads. Fixing the input fixes it.
- :class:`BuildFailure` (exit status 1): the build could not finish — a chapter raised, Jupyter
  Book warned, the page check found an outside reference. The published book is unchanged.

``InputError`` is also a ``ValueError`` and ``BuildFailure`` a ``RuntimeError``, so code that
already catches those keeps working.
"""

from __future__ import annotations


class ReportbookError(Exception):
    """Base of every error raised on purpose; ``exit_code`` is the command's exit status."""

    exit_code = 1


class InputError(ReportbookError, ValueError):
    """Bad input: the message says which file, row or field, and what to do."""

    exit_code = 2


class SourceError(InputError):
    """A source document or the source registry is unusable as given."""


class DecodeError(SourceError):
    """Raw bytes that are not a text document in a known encoding (empty, binary, mixed)."""


class CorrectionError(InputError):
    """A reviewed correction (``data/corrections.yml``) does not apply to its source."""


class TableError(InputError):
    """A table of figures with problems: the message lists every one, with row and column."""


class RegistryError(InputError):
    """A registry file (YAML) is missing, unreadable or breaks its schema."""


class LedgerError(InputError):
    """The fact ledger (``data/figures.csv``) is missing, damaged or invalid."""


class CitationError(InputError):
    """A citation asked for a label the book does not have, or a label is defined twice."""


class ChapterError(InputError):
    """A chapter cannot be made from the data it was given (unknown theme, glue key …)."""


class UsageError(InputError):
    """A command-line argument that cannot be used as given."""


class BuildFailure(ReportbookError, RuntimeError):
    """The build stopped; the previously published book is unchanged."""

    exit_code = 1


class ChapterFailed(BuildFailure):
    """A chapter's notebook raised: names the chapter, the cell and where the evidence is."""


class BuildError(BuildFailure):
    """Jupyter Book failed or warned, or the built pages failed a check."""


class BundleError(BuildFailure):
    """The book's script bundle could not be made."""


class PdfError(BuildFailure):
    """The PDF edition could not be printed (no chromium, or it failed)."""


class BuildLocked(BuildFailure):
    """Another build of the same project is running."""


class Problem:
    """One problem found in an input file: where (file, row or line, column) and what.

    ``str()`` reads ``data/figures.csv:4 [kind]: 'won' not one of …`` — the form every
    check prints, so a reader can jump to the place."""

    __slots__ = ("file", "row", "column", "message")

    def __init__(self, file: str, row: int | None, column: str, message: str):
        self.file, self.row, self.column, self.message = file, row, column, message

    def __iter__(self):
        return iter((self.file, self.row, self.column, self.message))

    def __eq__(self, other) -> bool:
        return isinstance(other, Problem) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Problem({self.file!r}, {self.row!r}, {self.column!r}, {self.message!r})"

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f":{self.row}"
        if self.column:
            where += f" [{self.column}]"
        return f"{where}: {self.message}"
