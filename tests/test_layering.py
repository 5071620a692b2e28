"""The layers (docs/architecture.md): core/ is pure Python and imports neither Qt, gui nor app;
gui/ never imports the command line. No exceptions."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def _offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / package).rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in forbidden
    ]


def test_core_never_imports_qt_gui_or_app():
    assert _offenders("core", ("PySide6", "shiboken6", "gui", "app")) == []


def test_gui_never_imports_the_command_line():
    assert _offenders("gui", ("app",)) == []


def test_app_reaches_gui_only_inside_functions():
    # The CLI hands over to the window or the printer on demand, so check starts without Qt.
    for path in (ROOT / "app").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
        assert not any(getattr(n, "module", "") and n.module.startswith(("gui", "PySide6")) for n in top_level), path


def test_the_program_never_imports_the_fixture_generator():
    # fixturegen is test and benchmark code: build.spec excludes it, so an import would break the executable.
    assert [o for package in ("core", "gui", "app") for o in _offenders(package, ("fixturegen",))] == []
    spec = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    excludes = next(n.value for n in spec.body if isinstance(n, ast.Assign) and n.targets[0].id == "EXCLUDES")
    assert "fixturegen" in ast.literal_eval(excludes)
