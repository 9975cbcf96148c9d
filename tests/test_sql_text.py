"""No SQL is built from text (issue 12): every statement the code runs is SQLAlchemy's expression
language or a constant string, so no user- or file-supplied value can become SQL. The few statements
that interpolate a value the code itself fixes are listed below with the reason."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS_SQL = {"execute", "exec_driver_sql", "executescript", "executemany", "text"}
SQL_STARTS = ("SELECT", "INSERT", "UPDATE", "DELETE", "PRAGMA", "CREATE", "DROP", "ALTER", "WITH", "BEGIN")

# (file, function) -> why the interpolated value is not user text.
ALLOWED = {
    ("wiker_data/backup.py", "_holds_data"): "the table names are the three constants of the loop",
    ("wiker_data/demo/generator.py", "load_rows"): "an integer: a constant and the value SQLite gave",
    ("wiker_data/backup_checks.py", "_foreign_key_problem"): "identifiers of the backup quoted by _quoted",
}


def _formatted(node: ast.expr) -> bool:
    """Return True when `node` builds a string from values: an f-string with a value, a % or +
    of strings, a .format() call."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return any(isinstance(side, ast.Constant | ast.JoinedStr) for side in (node.left, node.right))
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"


def _literal_start(node: ast.expr) -> str:
    """Return the leading literal text of a formatted string ("" when it does not start with one)."""
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value)
    if isinstance(node, ast.BinOp):
        return _literal_start(node.left)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return _literal_start(node.func.value)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return ""


class _Finder(ast.NodeVisitor):
    """Collect (innermost function, line) of the statements built by formatting."""

    def __init__(self) -> None:
        self.functions = ["<module>"]
        self.found: set[tuple[str, int]] = set()

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def generic_visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.expr) and self._suspect(node):
            self.found.add((self.functions[-1], node.lineno))
        super().generic_visit(node)

    @staticmethod
    def _suspect(node: ast.expr) -> bool:
        if isinstance(node, ast.Call) and node.args:
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if called in RUNS_SQL and _formatted(node.args[0]):
                return True
        return _formatted(node) and _literal_start(node).lstrip().upper().startswith(SQL_STARTS)


def sql_built_from_values(source: str) -> list[tuple[str, int]]:
    """Return (function, line) of every statement built by formatting: run directly, or a string
    that starts like SQL."""
    finder = _Finder()
    finder.visit(ast.parse(source))
    return sorted(finder.found)


def _modules() -> list[Path]:
    paths = [ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py")]
    for package in ("wiker_data", "wiker_ui", "bench"):
        paths += (ROOT / package).rglob("*.py")
    return sorted(paths)


def test_the_detector_finds_sql_built_from_values():
    sample = """
def one(session, name):
    session.execute(text(f"SELECT * FROM shop WHERE name = '{name}'"))
def two(connection, code):
    query = "DELETE FROM shop WHERE commune_code = '%s'" % code
    connection.exec_driver_sql(query)
def three(connection, table):
    connection.execute("SELECT 1 FROM {}".format(table))
def fine(session, name):
    session.execute(select(Shop).where(Shop.name == name))
    session.execute(text("SELECT 1"))
    label = f"{name} ({len(name)})"
"""
    assert [name for name, _ in sql_built_from_values(sample)] == ["one", "three", "two"]


def test_no_statement_is_built_from_values_except_the_listed_ones():
    found = {}
    for path in _modules():
        relative = path.relative_to(ROOT).as_posix()
        for function, line in sql_built_from_values(path.read_text(encoding="utf-8")):
            found.setdefault((relative, function), []).append(line)
    unexpected = {key: lines for key, lines in found.items() if key not in ALLOWED}
    assert unexpected == {}, "SQL built from values (use SQLAlchemy's expressions or bound parameters)"
    assert set(ALLOWED) <= set(found), "an allowed place no longer builds SQL: remove it from ALLOWED"
