"""Every path the project uses, in one place.

A ``Paths`` is rooted at a project checkout (the folder holding ``_config.yml``). Tests and
the rerun workflow build the book in a copy of the project, so nothing here is a module-level
constant tied to this file's location except the default root.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_ROOT = PACKAGE_DIR.parent


@dataclass(frozen=True)
class Paths:
    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def sources_dir(self) -> Path:
        return self.data / "sources"

    @property
    def sources_yml(self) -> Path:
        return self.sources_dir / "sources.yml"

    @property
    def corrections_yml(self) -> Path:
        return self.data / "corrections.yml"

    @property
    def indicators_yml(self) -> Path:
        return self.data / "indicators.yml"

    @property
    def themes_yml(self) -> Path:
        return self.data / "themes.yml"

    @property
    def glossary_yml(self) -> Path:
        return self.data / "glossary.yml"

    @property
    def milestones_yml(self) -> Path:
        return self.data / "milestones.yml"

    @property
    def figures_csv(self) -> Path:
        return self.data / "figures.csv"

    @property
    def datapackage_json(self) -> Path:
        return self.data / "datapackage.json"

    @property
    def editions(self) -> Path:
        return self.data / "editions"

    @property
    def book(self) -> Path:
        return self.root / "book"

    @property
    def build(self) -> Path:
        return self.root / "_build"

    @property
    def html(self) -> Path:
        return self.build / "html"

    @property
    def cache(self) -> Path:
        return self.root / ".cache" / "reportbook"


def project(root: str | os.PathLike[str] | None = None) -> Paths:
    """The project at ``root``, else ``$REPORTBOOK_ROOT``, else this checkout."""
    if root is None:
        root = os.environ.get("REPORTBOOK_ROOT") or DEFAULT_ROOT
    return Paths(Path(root).resolve())
