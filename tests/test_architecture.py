"""The package's shape: dependencies point one way, and each idea has one owner."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from reportbook.paths import PACKAGE_DIR

MODULES = {
    (
        p.relative_to(PACKAGE_DIR)
        .with_suffix("")
        .as_posix()
        .replace("/", ".")
        .removesuffix(".__init__")
    )  # fmt: skip
    for p in PACKAGE_DIR.rglob("*.py")
    if p.name != "__main__.py"
}


def _module_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE_DIR).with_suffix("").as_posix().replace("/", ".")
    return rel.removesuffix(".__init__")


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported reportbook module, line, inside a function) for every import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    me = _module_of(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    out = []

    def visit(node, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parts = package.split(".") if package else []
                    parts = parts[: len(parts) - (child.level - 1)] if child.level > 1 else parts
                    base = ".".join([*parts, base] if base else parts)
                elif base.startswith("reportbook"):
                    base = base.removeprefix("reportbook").lstrip(".")
                else:
                    continue
                for alias in child.names:
                    name = f"{base}.{alias.name}" if base else alias.name
                    target = name if name in MODULES else base
                    if target in MODULES and target != me:
                        out.append((target, child.lineno, inner))
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("reportbook."):
                        target = alias.name.removeprefix("reportbook.")
                        if target in MODULES and target != me:
                            out.append((target, child.lineno, inner))
            visit(child, inner)

    visit(tree, False)
    return out


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for p in PACKAGE_DIR.rglob("*.py"):
        if p.name == "__main__.py":
            continue
        for target, _line, _inner in _imports(p):
            graph[_module_of(p)].add(target)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def dfs(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                return stack[stack.index(m) :] + [m]
            if m not in state and (found := dfs(m)):
                return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state and (found := dfs(n)):
            return found
    return None


def test_the_import_graph_has_no_cycle():
    """Every import counts, top-level or inside a function: hiding an import in a function
    does not make a cycle go away."""
    cycle = _cycle(_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_cycle_detection_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


SPLIT_PENDING: set[str] = set()  # files exempt from the check: none


def test_every_deferred_import_says_why():
    """An import inside a function is fine to keep start-up fast or a heavy dependency
    optional — and then its line or the one above says so ("deferred")."""
    missing = []
    for p in sorted(PACKAGE_DIR.rglob("*.py")):
        if p.name in SPLIT_PENDING:
            continue
        lines = p.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    here = " ".join(lines[node.lineno - 1 : node.end_lineno])
                    above = lines[node.lineno - 2] if node.lineno > 1 else ""
                    doc = ast.get_docstring(fn) or ""
                    if not re.search(r"deferred", here + above + doc, re.I):
                        missing.append(
                            f"{p.relative_to(PACKAGE_DIR)}:{node.lineno}: {here.strip()}"
                        )
    assert not missing, "imports inside functions without a reason:\n" + "\n".join(missing)


def test_no_period_parsing_outside_periods():
    """Periods are parsed in one place: no other module holds a pattern of a ledger period."""
    pattern = re.compile(r"-H\[12\]|-Q\[1-4\]|\\d\{4\}-\\d\{2\}|\(\?:19\|20\)\\d\{2\}")
    offenders = [
        p.name
        for p in PACKAGE_DIR.rglob("*.py")
        if p.name != "periods.py" and pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders


def test_the_figure_link_is_built_in_one_place():
    offenders = [
        p.name
        for p in PACKAGE_DIR.rglob("*.py")
        if p.name != "wording.py" and "sources.html#" in p.read_text(encoding="utf-8")
    ]
    assert not offenders, offenders


def test_sources_yml_is_parsed_once_per_command(project_copy, monkeypatch, capsys):
    """`reportbook extract` and `check` read every registry through one Registry."""
    from reportbook import cli, files, registry

    seen = []
    real = files.parse_yaml

    def counting(text, name="<text>"):
        seen.append(name)
        return real(text, name)

    monkeypatch.setattr(files, "parse_yaml", counting)
    for command in (["extract"], ["check"]):
        registry._MEMO.clear()  # each command is a process of its own
        seen.clear()
        assert cli.main(["--root", str(project_copy.root), *command]) == 0, capsys.readouterr()
        assert sum(n.endswith("sources.yml") for n in seen) == 1, (command, seen)


def test_the_readme_layers_are_the_import_graph():
    """README's "How it is built" lists every module in a layer; a module imports only
    modules of its own layer or the layers above, so the table is the dependency picture."""
    readme = (PACKAGE_DIR.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How it is built", 1)[1].split("\n## ", 1)[0]
    table = section.split("| layer |", 1)[1].split("\n\n", 1)[0]
    layer_of: dict[str, int] = {}
    rows = [r for r in table.splitlines() if r.startswith("| ") and "`" in r]
    for i, row in enumerate(rows):
        # A package's own modules, in parentheses after it, are not layers of their own.
        cell = re.sub(r"\([^)]*\)", "", row.split("|")[2])
        for name in re.findall(r"`([a-z_]+)/?`", cell):
            assert name not in layer_of, f"{name} is listed twice"
            layer_of[name] = i

    def top(module: str) -> str:
        return module.split(".")[0]

    listed = {top(m) for m in MODULES if m and m != "__init__"}
    assert listed == set(layer_of), (
        f"not in the README's table: {sorted(listed - set(layer_of))}; "
        f"no such module: {sorted(set(layer_of) - listed)}"
    )
    upward = sorted(
        f"{a} -> {b}"
        for a, deps in _graph().items()
        for b in deps
        if top(a) != top(b) and layer_of[top(b)] > layer_of[top(a)]
    )
    assert not upward, "imports of a later layer than the README says:\n" + "\n".join(upward)
