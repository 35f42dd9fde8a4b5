"""Shared fixtures. Slow tests build the real book once per session in a copy of the project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportbook.paths import DEFAULT_ROOT, Paths, project

COPY_IGNORE = shutil.ignore_patterns(
    ".venv", "_build", ".cache", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "docs"
)


@pytest.fixture(scope="session")
def repo() -> Paths:
    """The checkout itself (read only)."""
    return project(DEFAULT_ROOT)


def copy_project(dest: Path, writable_sources: bool = False) -> Paths:
    """A copy of the project to change and build without touching the checkout;
    ``writable_sources``: its raw sources (read-only as ingest leaves them) made writable, for
    tests that damage or remove them."""
    shutil.copytree(DEFAULT_ROOT, dest, ignore=COPY_IGNORE, symlinks=True)
    p = Paths(dest)
    if writable_sources:
        for f in p.sources_dir.iterdir():
            f.chmod(0o644)
    return p


@pytest.fixture
def project_copy(tmp_path) -> Paths:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Paths:
    """The whole book with its PDF edition, built once from a copy of the shipped data by the
    real pipeline."""
    from reportbook import build

    paths = copy_project(tmp_path_factory.mktemp("book") / "project")
    build.build(paths, pdf=True)
    return paths
