"""The chapter runner: content cache keys, and that the cache never serves stale data."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from reportbook import run


def _keys(paths, code="code"):
    return {ch.name: run.cache_key(paths, ch, code) for ch in run.chapters(paths)}


def _set_value(paths, indicator, old, new):
    df = pd.read_csv(paths.figures_csv, dtype=str, keep_default_na=False)
    hit = (df["indicator_id"] == indicator) & (df["value"] == old)
    assert hit.sum() == 1, (indicator, old)
    scale = float(df.loc[hit, "value_base"].iloc[0]) / float(old)
    df.loc[hit, "value"] = new
    df.loc[hit, "value_base"] = f"{float(new) * scale:.0f}"
    df.to_csv(paths.figures_csv, index=False, lineterminator="\n")


def test_one_figure_changes_only_its_chapters_keys(project_copy):
    before = _keys(project_copy)
    _set_value(project_copy, "power_capacity", "1713.75", "1813.75")
    after = _keys(project_copy)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"energy", "overview"}  # its theme, and the chapter that reads all


def test_keys_cover_registries_code_and_lock(project_copy):
    before = _keys(project_copy)
    assert _keys(project_copy, code="other code") != before  # package code or lock changed
    with project_copy.indicators_yml.open("a", encoding="utf-8") as f:
        f.write("\n# a comment is still a change to what chapters read\n")
    assert all(before[k] != v for k, v in _keys(project_copy).items())


def test_code_digest_covers_the_lock_file(project_copy):
    before = run.code_digest(project_copy)
    with (project_copy.root / "requirements.txt").open("a") as f:
        f.write("# changed\n")
    assert run.code_digest(project_copy) != before


def _energy_output(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return json.dumps(nb["cells"], ensure_ascii=False)


@pytest.mark.slow
def test_cache_never_serves_a_chapter_built_from_other_data(project_copy):
    quiet = run.Progress(stream=open("/dev/null", "w"))  # noqa: SIM115
    first = run.run(project_copy, only=["energy"], progress=quiet)["energy"]
    assert "1713.75" in _energy_output(first)

    _set_value(project_copy, "power_capacity", "1713.75", "1813.75")
    second = run.run(project_copy, only=["energy"], progress=quiet)["energy"]
    assert second != first
    # The statements and chart data carry the new value; only the quote keeps the old text.
    assert "1813.75万千瓦 (18.1 GW)" in _energy_output(second)
    assert "1713.75万千瓦 (17.1 GW)" not in _energy_output(second)
    # So do the static charts, though their SVGs are cached too (by content).
    svgs = " ".join(re.findall(r"<svg.*?</svg>", _energy_output(second)))
    assert "1813.75万千瓦" in svgs and "1713.75" not in svgs

    _set_value(project_copy, "power_capacity", "1813.75", "1713.75")
    third = run.run(project_copy, only=["energy"], progress=quiet)["energy"]
    assert third == first  # the first run's entry, keyed by content, is valid again
    assert "1713.75万千瓦 (17.1 GW)" in _energy_output(third)
    assert "1813.75" not in _energy_output(third)

    # --force executes again even though the entry is current.
    stamp = third.stat().st_mtime_ns
    forced = run.run(project_copy, only=["energy"], progress=quiet, force=True)["energy"]
    assert forced == third and forced.stat().st_mtime_ns != stamp
    assert _energy_output(forced) == _energy_output(first)  # and deterministically


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "edition", "kept"),
    [("en", "English edition", "digital"), ("zh", "Chinese edition", "zh.digital")],
)
def test_failed_chapter_names_the_cell_and_keeps_the_evidence(project_copy, lang, edition, kept):
    """The message names the chapter, its edition and the cell's line in the file its author
    edits (written in both languages: the Chinese edition's text has other lines above the
    cell, the English one has lost the Chinese blocks)."""
    md_path = project_copy.book / "digital.md"
    text = md_path.read_text(encoding="utf-8")
    cell = '```{code-cell} ipython3\n:tags: [remove-input]\n\nch.cite("digital")\n```'
    assert cell in text
    assert text.index(":::{zh}") < text.index(cell)  # lines of the other language come before
    broken = cell.replace('ch.cite("digital")', "raise RuntimeError('deliberately broken')")
    text = text.replace(cell, broken)
    line = text[: text.index(broken)].count("\n") + 1
    md_path.write_text(text, encoding="utf-8")
    quiet = run.Progress(stream=open("/dev/null", "w"))  # noqa: SIM115
    with pytest.raises(run.ChapterFailed) as err:
        run.run(project_copy, only=["digital"], progress=quiet, languages=(lang,))
    msg = str(err.value)
    assert (
        f"chapter 'digital' of the {edition} (book/digital.md) failed in the cell at line {line}"
        in msg
    )
    assert "raise RuntimeError('deliberately broken')" in msg
    assert "RuntimeError: deliberately broken" in msg
    assert f"_build/failed/{kept}.ipynb" in msg
    assert (project_copy.build / "failed" / f"{kept}.ipynb").exists()
    # No cache entry was written for the failed run.
    assert not list((project_copy.cache / "executed").glob(f"{kept}-*.ipynb"))


def _processes_with(marker: str) -> list[int]:
    pids = []
    for d in Path("/proc").iterdir():
        try:
            if d.name.isdigit() and marker in (d / "cmdline").read_bytes().decode(errors="replace"):
                pids.append(int(d.name))
        except OSError:
            pass
    return pids


@pytest.mark.slow
def test_a_killed_build_leaves_no_worker_behind(project_copy):
    """Workers (and the kernels they drive) stop when the build that started them is
    killed, instead of waiting for chapters that will never come."""
    marker = f"rb-kill-test-{os.getpid()}"
    code = (
        f"# {marker}\n"
        "import sys\nfrom pathlib import Path\nfrom reportbook import run\n"
        "from reportbook.paths import Paths\n"
        "run.run(Paths(Path(sys.argv[1])), force=True)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(project_copy.root)],
                            stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 60
    while len(_processes_with(marker)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)  # the build and at least one worker are up
    assert len(_processes_with(marker)) >= 2
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 30
    while _processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _processes_with(marker) == []


@pytest.mark.slow
def test_a_chapter_finished_after_the_build_was_killed_is_not_left_half_taken(tmp_path):
    """A worker reports a finished chapter; the build dies before moving it into the cache.
    The worker, left without its build, removes the notebook nobody will take (else it
    lies in the cache folder as an unfinished run until the next build)."""
    import nbformat

    nb_in, nb_out = tmp_path / "in.ipynb", tmp_path / "out.running.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]})]
    nbformat.write(nb, nb_in)
    marker = f"rb-orphan-test-{os.getpid()}"
    code = (
        f"# {marker}\n"
        "import multiprocessing as mp, os, signal, sys\n"
        "from reportbook import run\n"
        "ctx = mp.get_context('fork')\n"
        "tasks, results = ctx.Queue(), ctx.Queue()\n"
        "tasks.put(('ch', sys.argv[1], sys.argv[2], {'x': 2}))\n"
        "w = ctx.Process(target=run._worker, args=(tasks, results, sys.argv[3], sys.argv[4],"
        " sys.argv[5], os.getpid()))\n"
        "w.start()\n"
        "while (r := results.get())[0] != 'finished':\n"
        "    pass\n"
        "assert r[3] is None, r  # the chapter ran\n"
        "print(w.pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)  # dies before taking the chapter\n"
    )
    args = [str(nb_in), str(nb_out), str(tmp_path), str(tmp_path / "k.log"), str(tmp_path / "svg")]
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    worker = int(proc.stdout.split()[0])
    deadline = time.monotonic() + 30
    while Path(f"/proc/{worker}").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not Path(f"/proc/{worker}").exists() or "Z" in Path(f"/proc/{worker}/stat").read_text()
    assert not nb_out.exists()
