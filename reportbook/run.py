"""Run: execute the chapter notebooks with papermill, in parallel, cached by content.

A chapter is re-executed only when something it reads changed. Its cache key covers the
notebook file, the parameters it is given, the data it reads (declared by
``narrative.data_inputs``: its theme's ledger rows and the registries, not the whole ledger),
the ``reportbook`` package code and ``requirements.txt``. Executed notebooks live under
``.cache/reportbook/executed/``; a key is written only after a successful run, so a cache
entry can never hold a chapter built from other data.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import queue
import shutil
import signal
import sys
import time
from pathlib import Path

import nbformat

from reportbook import chapters as chapters_mod
from reportbook import charts, edition, files, language, processes
from reportbook.errors import ChapterFailed  # noqa: F401 - re-exported
from reportbook.paths import PACKAGE_DIR, Paths
from reportbook.registry import FILES, Registry

CELL_TIMEOUT = 600  # seconds one cell may run; a chapter's slowest cell takes about 2 s
KERNEL_START_FAILED = "Kernel died before replying to kernel_info"  # jupyter_client's words
EDITION_TOKEN = edition.TOKENS["version"]  # filled in when staged: editions never invalidate
DATA_DIR = chapters_mod.DATA_DIR
Notebook = chapters_mod.Chapter  # what the runner executes (``narrative.Chapter`` is the data)


def chapters(paths: Paths) -> list[Notebook]:
    """Every chapter under book/ (``reportbook.chapters.find``)."""
    return chapters_mod.find(paths.book, {t["id"] for t in Registry.of(paths).themes})


def chapter_digests(paths: Paths, inputs: dict[str, dict] | None = None) -> dict[str, str]:
    """What each chapter read, as one digest per chapter (its text changes only with this).
    ``inputs``: ``chapters.data_inputs`` of the chapters, when the caller has it."""
    notebooks = chapters(paths)
    if inputs is None:
        inputs = chapters_mod.data_inputs(paths, {ch.theme for ch in notebooks})
    return {
        ch.name: hashlib.sha256(json.dumps(inputs[ch.theme], sort_keys=True).encode()).hexdigest()
        for ch in notebooks
    }


def _digest(*chunks: bytes) -> str:
    h = hashlib.sha256()
    for c in chunks:
        h.update(hashlib.sha256(c).digest())
    return h.hexdigest()


def code_digest(paths: Paths) -> str:
    """The package code, the locked requirements and what static charts are drawn with
    (``charts.SVG_VERSION``: the installed fonts among it): a change re-executes all."""
    # Static files (the style sheet) are copied when staging and never reach a kernel.
    files = sorted(PACKAGE_DIR.rglob("*.py"))
    req = paths.root / "requirements.txt"
    chunks = [f.relative_to(PACKAGE_DIR).as_posix().encode() + f.read_bytes() for f in files]
    chunks.append(req.read_bytes() if req.exists() else b"")
    chunks.append(charts.SVG_VERSION.encode())
    return _digest(*chunks)


def job(name: str, lang: str = language.DEFAULT) -> str:
    """What ``run`` calls a chapter's run in ``lang``: its name in English (``energy``), else
    the edition's folder before it (``zh/energy``)."""
    return f"{language.SITE_DIR[language.check(lang)]}{name}"


def cache_key(
    paths: Paths, ch: Notebook, code: str, inputs: dict | None = None, lang: str = "en"
) -> str:
    """``inputs``: the chapter's ``chapters.data_inputs``, when already computed; ``lang``:
    the edition it is run for (a parameter: each edition's chapter is cached apart)."""
    if inputs is None:
        inputs = chapters_mod.data_inputs(paths, [ch.theme])[ch.theme]
    return _digest(
        ch.source.read_bytes(),
        json.dumps(ch.parameters(EDITION_TOKEN, lang), sort_keys=True).encode(),
        json.dumps(inputs, sort_keys=True).encode(),
        code.encode(),
    )


def cell_timeout() -> int:
    """Seconds one cell of a chapter may run (``REPORTBOOK_CELL_TIMEOUT``, default 600)."""
    value = os.environ.get("REPORTBOOK_CELL_TIMEOUT", "")
    return int(value) if value.isdigit() and int(value) > 0 else CELL_TIMEOUT


def _last_started(nb_out: str) -> tuple[int | None, str]:
    """The cell a timed-out run stopped in: the last one papermill started (index among the
    cells that are not papermill's own error banners, as ``_describe`` counts), and its
    source."""
    try:
        cells = [
            c
            for c in nbformat.read(nb_out, as_version=4).cells
            if "papermill-error-cell-tag" not in c.metadata.get("tags", [])
        ]
    except (OSError, ValueError):
        return None, ""
    started = [
        i
        for i, c in enumerate(cells)
        if c.cell_type == "code" and c.metadata.get("papermill", {}).get("start_time")
    ]
    return (started[-1], cells[started[-1]].source) if started else (None, "")


def _execute(nb_in: str, nb_out: str, params: dict, cwd: str, km=None) -> tuple[float, dict | None]:
    """Run one notebook with papermill, in the kernel ``km`` if given. Returns (seconds,
    error or None); never raises. Papermill writes ``nb_out`` whatever happens, a timed-out
    run included, so the failed chapter's notebook can be kept."""
    import papermill as pm  # deferred: heavy; only in the chapter workers

    t0 = time.perf_counter()
    timeout = cell_timeout()
    try:
        pm.execute_notebook(
            nb_in,
            nb_out,
            parameters=params,
            cwd=cwd,
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=timeout,
            km=km,
        )
    except pm.PapermillExecutionError as exc:
        return time.perf_counter() - t0, {
            "cell_index": exc.cell_index,
            "exec_count": exc.exec_count,
            "source": exc.source,
            "ename": exc.ename,
            "evalue": exc.evalue,
        }
    except Exception as exc:  # noqa: BLE001 - kernel death, bad notebook: report, don't hang
        if type(exc).__name__ == "CellTimeoutError":  # nbclient's; papermill re-raises it
            index, source = _last_started(nb_out)
            return time.perf_counter() - t0, {
                "cell_index": index,
                "source": source,
                "ename": "CellTimeoutError",
                "evalue": f"the cell ran longer than {timeout} s, the limit of one cell "
                "(REPORTBOOK_CELL_TIMEOUT sets it)",
            }
        return time.perf_counter() - t0, {
            "cell_index": None,
            "source": "",
            "ename": type(exc).__name__,
            "evalue": str(exc),
        }
    return time.perf_counter() - t0, None


def _reset(km) -> None:
    """Clear the kernel's namespace between chapters; imported modules stay loaded."""
    from jupyter_client import BlockingKernelClient  # deferred: only in the chapter workers

    kc = BlockingKernelClient()
    kc.load_connection_info(km.get_connection_info())
    kc.start_channels()
    try:
        reply = kc.execute_interactive(
            "get_ipython().run_line_magic('reset', '-f')", timeout=60, store_history=False
        )
        if reply["content"]["status"] != "ok":
            raise RuntimeError("the kernel could not be reset")
    finally:
        kc.stop_channels()


def _shutdown(km) -> None:
    from jupyter_core.utils import run_sync  # deferred: only in the chapter workers

    try:
        run_sync(km.shutdown_kernel)(now=True)
    except Exception:  # noqa: BLE001 - already dead: nothing to clean up
        pass


def _next_task(tasks, parent: int):
    """The next chapter to run, or None when there are no more, or when the build that
    handed them out is gone (killed, say): a worker must not wait, with its kernel, forever."""

    while True:
        try:
            return tasks.get(timeout=1)
        except queue.Empty:
            if os.getppid() != parent:
                return None


_stopped = False  # a chapter worker told to stop: its build is gone or gives up


def _stop(signum, frame) -> None:
    global _stopped
    _stopped = True
    raise SystemExit(128 + signum)  # unwinds through the worker's finally: kernel shut down


def _worker(tasks, results, cwd: str, log_path: str, svg_cache: str, parent: int) -> None:
    """One worker of the pool: one kernel, reused for every chapter it takes from the queue.

    Starting a kernel and importing pandas and altair is most of a small chapter's cost;
    between chapters the namespace is reset, so each chapter still starts from nothing
    but its parameters. After a failure the kernel is replaced. Kernels draw the static
    SVG of each chart as it is shown, cached by content in ``svg_cache``.

    The worker dies with the build that started it: the kernel signals it (SIGTERM) the
    moment the build is gone, even in the middle of a chapter; it then shuts its kernel
    down and removes the chapter's unfinished notebook, and the finished ones the build did
    not live to take (it moves each into the cache as it hears of it)."""
    from jupyter_client.manager import AsyncKernelManager  # deferred: only in the chapter workers

    signal.signal(signal.SIGTERM, _stop)
    processes.die_with_parent(signal.SIGTERM, parent)
    # Kernels inherit this worker's stderr and chatter on it (transport warnings, shutdown
    # notices): send it to a log so the terminal shows only our progress.
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 2)
    os.environ[charts.SVG_CACHE_ENV] = svg_cache  # inherited by the kernels this starts
    km = None
    unfinished = None
    reported: list[Path] = []  # finished, for the build to move into the cache
    try:
        while (item := _next_task(tasks, parent)) is not None:
            name, nb_in, nb_out, params = item
            unfinished = Path(nb_out)
            try:
                if km is not None and km.has_kernel:
                    _reset(km)
                else:
                    km = AsyncKernelManager(kernel_name="python3")
            except Exception:  # noqa: BLE001 - a wedged kernel: start afresh
                _shutdown(km)
                km = AsyncKernelManager(kernel_name="python3")
            results.put(("running", name, None, None))
            seconds, err = _execute(nb_in, nb_out, params, cwd, km)
            if err is not None and KERNEL_START_FAILED in str(err.get("evalue")):
                # The kernel never started (its port was taken between being chosen and
                # bound, a race of jupyter_client's on a busy machine): once more, afresh.
                _shutdown(km)
                km = AsyncKernelManager(kernel_name="python3")
                seconds, err = _execute(nb_in, nb_out, params, cwd, km)
            if err is not None:
                _shutdown(km)
                km = None
            else:
                try:
                    _finish(Path(nb_out))
                except Exception as exc:  # noqa: BLE001 - reported as the chapter's failure
                    why = f"the executed notebook could not be read back: {exc}"
                    err = {"cell_index": None, "source": "", "ename": type(exc).__name__,
                           "evalue": why}  # fmt: skip
            unfinished = None  # reported: the build moves or keeps it
            reported.append(Path(nb_out))
            results.put(("finished", name, seconds, err))
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # the parent's death must not cut this short
        if unfinished is not None:
            unfinished.unlink(missing_ok=True)
        # The build is gone (the signal of its death may come while its last threads still
        # run, so it is asked both ways) or gave up: nobody takes what it had not taken.
        if _stopped or os.getppid() != parent:
            for nb in reported:
                nb.unlink(missing_ok=True)
        if km is not None:
            _shutdown(km)


def _finish(nb_path: Path) -> None:
    """Strip what would make builds differ: papermill's timings, the injected parameters'
    random id and display, the execution counts of a reused kernel."""
    nb = nbformat.read(nb_path, as_version=4)
    nb.metadata.pop("papermill", None)
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            # A reused kernel keeps counting across chapters: number each chapter from 1.
            count += 1
            cell.execution_count = count
            for out in cell.get("outputs", []):
                if "execution_count" in out:
                    out["execution_count"] = count
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            cell.id = "injected-parameters"  # papermill gives it a random id
            if "remove-cell" not in tags:
                cell.metadata["tags"] = [*tags, "remove-cell"]
        elif cell.cell_type == "code" and "remove-input" in tags and _shows_nothing(cell):
            # A view with nothing to show (no data for it yet) leaves no empty box on the page.
            cell.metadata["tags"] = [*tags, "remove-cell"]
    nbformat.write(nb, nb_path)


def _shows_nothing(cell) -> bool:
    """A cell whose outputs (if any) are all empty HTML or text: nothing a reader would see."""
    for out in cell.get("outputs", []):
        if out.get("output_type") not in ("display_data", "execute_result"):
            return False
        data = out.get("data", {})
        if set(data) - {"text/html", "text/plain"}:
            return False
        html = "".join(data.get("text/html", ""))
        if html.strip() or (
            "text/html" not in data and "".join(data.get("text/plain", "")).strip()
        ):
            return False
    return True


class Progress:
    """Per-chapter status lines on a terminal; one summary line otherwise (CI logs)."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.tty = stream.isatty()

    def say(self, name: str, status: str, seconds: float | None = None) -> None:
        if self.tty:
            t = f" {seconds:5.1f}s" if seconds is not None else ""
            print(f"  {status:<8} {name}{t}", file=self.stream, flush=True)

    def summary(self, text: str) -> None:
        print(text, file=self.stream, flush=True)


def run(
    paths: Paths,
    *,
    force: bool = False,
    only: list[str] | None = None,
    progress: Progress | None = None,
    inputs: dict[str, dict] | None = None,
    languages: tuple[str, ...] = (language.DEFAULT,),
) -> dict[str, Path]:
    """Execute what changed; return chapter name -> executed notebook (a chapter of another
    edition than the English under ``job``'s name, ``zh/energy``). Raises ChapterFailed.
    ``inputs``: ``chapters.data_inputs`` of the chapters, when the caller has it. The
    editions' chapters run in one pool: the kernels, their imports and the charts' static
    drawings are shared."""
    with processes.lock(paths, "reportbook run"):
        return _run(paths, force=force, only=only, progress=progress, inputs=inputs,
                    languages=languages)  # fmt: skip


def _clean_unfinished(executed_dir: Path) -> None:
    """Remove what a run that was killed left half-done (its workers are gone: we hold the
    project lock)."""
    for p in executed_dir.glob("*.ipynb"):
        if p.name.endswith((".running.ipynb", ".source.ipynb")):
            p.unlink(missing_ok=True)


def _names(reg: Registry, lang: str) -> dict[str, str]:
    """The registry's indicator names in ``lang`` (the English are the data inputs' own)."""
    if lang == "en":
        return {}
    return {i.id: i.name_zh for i in reg.indicators.indicators if i.name_zh}


def _run(paths, *, force, only, progress, inputs, languages=("en",)) -> dict[str, Path]:
    # Every registry parses (a syntax error or an empty file is named here, with its line,
    # not inside twelve kernels).
    reg = Registry.of(paths)
    for name in FILES:
        reg.data(name)
    progress = progress or Progress()
    executed_dir = paths.cache / "executed"
    executed_dir.mkdir(parents=True, exist_ok=True)
    _clean_unfinished(executed_dir)
    code = code_digest(paths)
    todo, result = [], {}
    notebooks = [ch for ch in chapters(paths) if not only or ch.name in only]
    if inputs is None:
        inputs = chapters_mod.data_inputs(paths, {ch.theme for ch in notebooks})
    for lang in languages:
        for ch in notebooks:
            name = job(ch.name, lang)
            key = cache_key(paths, ch, code, inputs[ch.theme], lang)
            out = executed_dir / f"{_file(name)}-{key[:16]}.ipynb"
            if out.exists() and not force:
                progress.say(name, "cached")
                result[name] = out
            else:
                todo.append((ch, lang, name, out))
    t0 = time.perf_counter()
    failures = []
    if todo:
        workers = max(1, min(len(todo), os.cpu_count() or 1))
        ctx = mp.get_context("fork")
        tasks, results = ctx.Queue(), ctx.Queue()
        outs, lang_of = {}, {}
        for ch, lang, name, out in todo:
            tmp = out.with_suffix(".running.ipynb")
            source = out.with_suffix(".source.ipynb")  # the assembled chapter, unexecuted
            nb = chapters_mod.assemble(
                ch, *chapters_mod.facts(inputs[ch.theme]), lang=lang, names=_names(reg, lang)
            )
            files.atomic_write(source, nbformat.writes(nb))
            outs[name] = (ch, name, out, tmp)
            lang_of[name] = lang
            tasks.put((name, str(source), str(tmp), ch.parameters(EDITION_TOKEN, lang)))
        for _ in range(workers):
            tasks.put(None)
        log_path = str(executed_dir / "kernels.log")
        procs = [
            ctx.Process(
                target=_worker,
                args=(
                    tasks,
                    results,
                    str(paths.book),
                    log_path,
                    str((paths.cache / "svg").resolve()),
                    os.getpid(),
                ),
            )
            for _ in range(workers)
        ]
        for p in procs:
            p.start()
        try:
            finished = 0
            while finished < len(todo):
                event, name, seconds, err = _next_result(results, procs)
                if event == "running":
                    progress.say(name, "running")
                    continue
                finished += 1
                ch, name, out, tmp = outs[name]
                source = out.with_suffix(".source.ipynb")
                if err is None:
                    source.unlink(missing_ok=True)
                    os.replace(tmp, out)  # the key exists only for a complete, successful run
                    _prune(executed_dir, _file(name), keep=out)
                    progress.say(name, "done", seconds)
                    result[name] = out
                else:
                    failed = paths.build / "failed" / f"{_file(name)}.ipynb"
                    failed.parent.mkdir(parents=True, exist_ok=True)
                    failed.unlink(missing_ok=True)  # never an earlier run's evidence
                    if tmp.exists():
                        shutil.move(tmp, failed)
                    elif source.exists():  # stopped before papermill saved anything
                        shutil.move(source, failed)
                        err["unexecuted"] = True
                    source.unlink(missing_ok=True)
                    progress.say(name, "failed", seconds)
                    failures.append((ch, err, failed, lang_of[name]))
        finally:
            for p in procs:
                p.join(timeout=60)
                if p.is_alive():
                    p.terminate()
    if todo:
        charts.prune_svg_cache(paths.cache / "svg")
    if failures:
        raise ChapterFailed("\n\n".join(_describe(paths, *f) for f in failures))
    n_cached = len(result) - len(todo)
    progress.summary(
        f"chapters: {len(todo)} executed, {n_cached} cached ({time.perf_counter() - t0:.1f}s)"
    )
    return dict(sorted(result.items()))


def _file(name: str) -> str:
    """A job's name as a file name: ``zh/energy`` → ``zh.energy``."""
    return name.replace("/", ".")


def _next_result(results, procs) -> tuple:
    """The next finished chapter; an error if every worker died without reporting."""

    while True:
        try:
            return results.get(timeout=5)
        except queue.Empty:
            if not any(p.is_alive() for p in procs):
                raise ChapterFailed(
                    "every chapter worker stopped before finishing; see "
                    ".cache/reportbook/executed/kernels.log"
                ) from None


def _prune(executed_dir: Path, name: str, keep: Path, entries: int = 3) -> None:
    """Keep the few latest entries per chapter, so going back to earlier data is cheap."""
    olds = [
        p
        for p in executed_dir.glob(f"{name}-*.ipynb")
        if not p.name.endswith((".running.ipynb", ".source.ipynb"))
    ]
    olds = sorted((p for p in olds if p != keep), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in olds[entries - 1 :]:
        old.unlink()


def _describe(
    paths: Paths, ch: Notebook, err: dict, failed: Path, lang: str = language.DEFAULT
) -> str:
    where = "the kernel"
    if err.get("cell_index") is not None and failed.exists():
        # Name the cell where its author wrote it: the chapter file and line, or the shared
        # cell of reportbook/chapters.py. Papermill's own cells (injected parameters, error
        # banners) are not counted.
        cells = [
            c
            for c in nbformat.read(failed, as_version=4).cells
            if "papermill-error-cell-tag" not in c.metadata.get("tags", [])
        ]
        if err["cell_index"] < len(cells):
            cell = cells[err["cell_index"]]
            line = cell.metadata.get("reportbook", {}).get("line")
            generated = cell.metadata.get("reportbook", {}).get("generated")
            if line:
                where = f"the cell at line {line}"
            elif generated:
                where = generated
            elif "injected-parameters" in cell.metadata.get("tags", []):
                where = "the parameters papermill injected"
            else:
                where = "a cell shared by every chapter (reportbook/chapters.py)"
    src = "\n".join("    " + line for line in (err.get("source") or "").splitlines())
    rel_src = (
        ch.source.relative_to(paths.root) if ch.source.is_relative_to(paths.root) else ch.source
    )  # noqa: E501
    rel_failed = failed.relative_to(paths.root) if failed.is_relative_to(paths.root) else failed
    if not failed.exists():
        kept = "No notebook could be kept (the kernel stopped before it was written)."
    elif err.get("unexecuted"):
        kept = (
            f"The chapter's notebook as given to the kernel (it stopped before papermill saved "
            f"a run) is kept at {rel_failed}."
        )
    else:
        kept = f"The executed notebook with the error is kept at {rel_failed}; open it to inspect."
    return (
        f"chapter {ch.name!r} of the {language.EDITIONS[lang]} ({rel_src}) failed in "
        f"{where}:\n{src}\n"
        f"  {err['ename']}: {err['evalue']}\n"
        f"{kept} The published book was not changed."
    )


def main(paths: Paths, force: bool = False, chapters: list[str] | None = None) -> int:
    try:
        run(paths, force=force, only=chapters)
    except ChapterFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
