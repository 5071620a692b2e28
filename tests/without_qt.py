"""Run the core tests where Qt cannot be imported: ``python tests/without_qt.py [pytest arguments]``.

The program's core (readers, rules, outputs, the command line's check) runs on machines without
PySide6, so its tests must too. This runner makes PySide6, shiboken6, pytest-qt and ``gui``
unimportable (an import hook installed before pytest starts), then runs pytest on every test
module that does not import them at its top, leaving out the tests that ask for a Qt fixture
(``qtbot``, ``qapp``, ``qtmodeltester``). Whatever else imports Qt on its way fails, as it would on
such a machine. tests/test_without_qt.py runs it within the suite; CI may run it whole.
"""

from __future__ import annotations

import ast
import importlib.abc
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
BLOCKED = ("PySide6", "shiboken6", "pytestqt", "gui")
QT_FIXTURES = frozenset({"qtbot", "qapp", "qtmodeltester"})


class NoQt(importlib.abc.MetaPathFinder):
    """Refuses the blocked packages as an interpreter without them would."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (Qt is blocked for the core tests)", name=name)
        return None


def imports_qt(path: Path) -> bool:
    """Whether a test module imports Qt or the gui package at its top: a test of the window."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        if any(n.split(".")[0] in BLOCKED for n in names):
            return True
    return False


def core_modules() -> list[Path]:
    return [p for p in sorted(TESTS.glob("test_*.py")) if not imports_qt(p)]


class LeaveOutQtFixtures:
    """A pytest plugin: deselects the tests that ask for a Qt fixture."""

    def pytest_collection_modifyitems(self, config, items):
        qt = [item for item in items if QT_FIXTURES & set(getattr(item, "fixturenames", ()))]
        if qt:
            config.hook.pytest_deselected(items=qt)
            items[:] = [item for item in items if item not in qt]


def main(args: list[str]) -> int:
    loaded = [m for m in sys.modules if m.split(".")[0] in BLOCKED]
    if loaded:
        raise SystemExit(f"already imported before the block: {loaded}")
    sys.meta_path.insert(0, NoQt())
    import pytest

    given = any(Path(a.split("::")[0]).exists() for a in args)
    targets = [] if given else [str(p) for p in core_modules()]
    return pytest.main(
        ["-p", "no:pytest-qt", "-p", "no:cacheprovider", *args, *targets], plugins=[LeaveOutQtFixtures()]
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
