"""The development corpus: its gold is well formed, and extraction stays at least as good as
measured (floors that only ever go up; the targets are the issue's, printed beside them)."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from reportbook.paths import DEFAULT_ROOT

CORPUS = DEFAULT_ROOT / "tests" / "corpus"
# Measured floors (dev split) and the targets the project works towards. Measured on the 54
# dev documents (ten harder ones added by a third reader: monthly reports, a province's and
# Shuozhou's, a development zone spanning two cities), a little below the measured values
# (recall 95.1, kind 97.8, period 95.8, place 94.2, sign 100, indicator 95.8). Place stays below its
# target mostly on one report that names no city at all (全市 only; its reader knew it was
# Shuozhou's from outside the text).
FLOORS = {"recall": 94.8, "kind": 97.4, "period": 95.4, "place": 93.9, "sign": 99.8,
          "value": 99.0, "qualifier": 99.2, "indicator_recall": 95.3}  # fmt: skip
# A figure filed under the wrong indicator is worse than one left unclassified: a ceiling.
MAX_INDICATOR_WRONG = 0.8  # percent of classified figures (measured 0.4)
TARGETS = {"recall": 97.0, "kind": 97.0, "period": 95.0, "place": 98.0, "sign": 100.0}
MAX_SPURIOUS = 2.5  # percent of ledger rows; target 2


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_gold_is_well_formed_against_the_texts():
    check = _load("gold_check", CORPUS / "gold_check.py")
    docs = check.corpus()
    assert len(docs) >= 30
    problems = [m for d in docs for m in check.problems(d, docs)]
    assert problems == []  # a fraction (约占全省的1/4) is a share in percent, by the README


@pytest.fixture(scope="module")
def dev():
    ev = _load("eval_corpus", DEFAULT_ROOT / "bench" / "eval_corpus.py")
    return ev.evaluate("dev", quiet=True)


def test_extraction_on_the_development_corpus(dev, capsys):
    with capsys.disabled():
        print(
            "\ncorpus (dev): "
            + ", ".join(f"{k} {dev[k]}% (target {TARGETS.get(k, '-')})" for k in FLOORS)
            + f", spurious {dev['spurious']}% of {dev['rows']} rows"
        )
    assert dev["refused"] == []
    for k, floor in FLOORS.items():
        assert dev[k] >= floor, (k, dev[k])
    assert dev["spurious"] <= MAX_SPURIOUS
    assert dev["indicator_wrong"] <= MAX_INDICATOR_WRONG, dev["indicator_wrong"]
