"""core/ stays pure Python: no module under it imports Qt or the gui package."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "core"
FORBIDDEN = ("PySide6", "shiboken6", "gui")
LAUNCHED = {"gui.app", "gui.printing"}  # the window and the PDF printer, imported by the CLI on demand


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_core_never_imports_qt():
    offenders = []
    for path in CORE.rglob("*.py"):
        for name in _imports(path):
            if name.split(".")[0] in FORBIDDEN and not (path.name == "cli.py" and name in LAUNCHED):
                offenders.append(f"{path.relative_to(CORE.parent)}: {name}")
    assert offenders == []


def test_only_the_window_launcher_reaches_gui():
    # The CLI may hand over to the window or the printer; those imports stay inside functions.
    tree = ast.parse((CORE / "cli.py").read_text(encoding="utf-8"))
    top_level = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    assert not any(getattr(n, "module", "") and n.module.startswith("gui") for n in top_level)
