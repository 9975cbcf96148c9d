"""The architecture rules the import-linter contracts (pyproject.toml, run by `make test`) cannot
state: pages are not a package, and cycles are between modules."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py"))]
MAX_LINES = 400
MAX_TOP_LEVEL_MODULES = 15


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Return (line, module) for every import in a file, wherever it stands."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.lineno, node.module)]
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def called_names(path: Path) -> list[tuple[int, str]]:
    """Return (line, name) of every call's function name or attribute."""
    calls = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
            calls.append((node.lineno, name))
    return calls


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.name)
def test_pages_are_views_without_sqlalchemy_or_transactions(page):
    offending = [
        f"{page.name}:{line} imports {module}"
        for line, module in imported_modules(page)
        if module == "sqlalchemy" or module.startswith("sqlalchemy.")
    ]
    offending += [
        f"{page.name}:{line} calls {name}"
        for line, name in called_names(page)
        if name in {"write_transaction", "perform", "Session", "execute", "commit", "begin", "connect"}
    ]
    offending += [  # a page hands its change to wiker_ui.writes, which runs the transaction
        f"{page.name}:{line} imports {module}"
        for line, module in imported_modules(page)
        if module.startswith(("wiker_data.services.transaction", "wiker_data.db"))
    ]
    assert offending == []


def test_only_wiker_ui_writes_runs_a_write_transaction():
    """In the UI, every write goes through wiker_ui.writes, the one helper that runs a change."""
    ui = sorted((ROOT / "wiker_ui").glob("*.py"))
    offending = [
        f"{path.relative_to(ROOT)}:{line} calls {name}"
        for path in [*PAGES, *ui]
        if path.name != "writes.py"
        for line, name in called_names(path)
        if name in {"write_transaction", "perform", "begin", "commit"}
    ]
    assert offending == []


def strongly_connected(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """Return the groups of modules that import each other in a ring (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module) & modules:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return groups


def test_no_module_import_cycles():
    graph = grimp.build_graph("wiker_data", "wiker_ui")
    modules = set(graph.modules)  # packages' __init__ modules too: some hold code (i18n, importers)
    cycles = strongly_connected(graph, modules)
    described = [
        " -> ".join(group)
        + f"  (e.g. {group[0]} imports "
        + ", ".join(sorted(graph.find_modules_directly_imported_by(group[0]) & set(group)))
        + ")"
        for group in cycles
    ]
    assert described == []


def test_the_cycle_finder_finds_a_ring():
    graph = grimp.ImportGraph()
    for module in ("a", "b", "c", "d"):
        graph.add_module(module)
    graph.add_import(importer="a", imported="b")
    graph.add_import(importer="b", imported="c")
    graph.add_import(importer="c", imported="a")
    graph.add_import(importer="c", imported="d")
    assert strongly_connected(graph, {"a", "b", "c", "d"}) == [["a", "b", "c"]]


def python_files() -> list[Path]:
    files = [
        *PAGES,
        *ROOT.glob("wiker_ui/**/*.py"),
        *ROOT.glob("wiker_data/**/*.py"),
        *ROOT.glob("bench/*.py"),
    ]
    return [path for path in files if "migrations/versions" not in path.as_posix()]


def test_no_module_is_over_400_lines():
    long = {
        str(path.relative_to(ROOT)): count
        for path in python_files()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_data_package_top_level_stays_small():
    top = sorted(path.name for path in (ROOT / "wiker_data").glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top
