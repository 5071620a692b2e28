"""Shared test helpers: paths, the fixture generator, and a checked-report shortcut."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import fixturegen

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"  # published reports, kept in the repository


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) == 5, f"expected the five seed reports in {SEEDS}"
    return files


@pytest.fixture
def make_docx(tmp_path):
    """Build a DOCX draft: make_docx(layout_name_or_Layout, raw={cell: text}) -> (path, spec)."""

    def build(layout="official", raw=None, name="draft.docx", **kw):
        if isinstance(layout, str):
            layout = fixturegen.LAYOUTS[layout]
        spec = fixturegen.make_spec(layout, raw=raw, **kw)
        return fixturegen.build_docx(tmp_path / name, spec), spec

    return build


def to_pdf(docs: list[Path], outdir: Path, options: dict | None = None, to: str = "pdf") -> list[Path]:
    """:func:`fixturegen.export` for a test. Skips where LibreOffice is missing, unless
    scripts/test.sh installed it (then its absence is a failure)."""
    if not fixturegen.soffice():
        if os.environ.get("NIANBAO_REQUIRE_LIBREOFFICE"):
            pytest.fail("LibreOffice should have been installed by scripts/test.sh")
        pytest.skip(
            "LibreOffice is not installed (Debian: libreoffice-writer-nogui; scripts/test.sh installs it as root)"
        )
    return fixturegen.export(docs, outdir, to, options)


@pytest.fixture(scope="session")
def layout_pdfs(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Every layout fixture as a DOCX draft and as the PDF LibreOffice exports from it."""
    folder = tmp_path_factory.mktemp("layouts")
    docs = {
        name: fixturegen.build_docx(folder / f"{name}.docx", fixturegen.make_spec(layout))
        for name, layout in fixturegen.LAYOUTS.items()
    }
    pdfs = to_pdf(list(docs.values()), folder)
    return {name: (doc, pdf) for (name, doc), pdf in zip(docs.items(), pdfs)}


def pixels_of(image, colour) -> int:
    """How many pixels of a QImage (a screenshot) are exactly the QColor ``colour``."""
    from PySide6.QtGui import QImage

    bits = image.convertToFormat(QImage.Format.Format_RGB32).constBits().tobytes()
    return bits.count(bytes([colour.blue(), colour.green(), colour.red(), 0xFF]))


def run_cli(*args) -> subprocess.CompletedProcess:
    """Run ``nianbao`` as a separate process, as a reviewer's script would."""
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *map(str, args)], capture_output=True, text=True, encoding="utf-8", cwd=ROOT
    )


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch):
    """No modal dialog can hang a test: every dialog function answers at once unless a test says
    otherwise. Autouse, so it is set up first and undone last — after pytest-qt has closed the
    test's windows (whose close may ask about unsaved edits). Core tests need no Qt: where
    PySide6 is not installed there is no dialog to stub."""
    try:
        from gui import dialogs
    except ImportError:
        return

    monkeypatch.setattr(dialogs, "error", lambda *a, **k: None)
    monkeypatch.setattr(dialogs, "info", lambda *a, **k: None)
    monkeypatch.setattr(dialogs, "ask_restore", lambda *a, **k: False)
    monkeypatch.setattr(dialogs, "ask_close", lambda *a, **k: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "ask_reason", lambda *a, **k: None)
    monkeypatch.setattr(dialogs, "confirm_changes", lambda *a, **k: False)
    monkeypatch.setattr(dialogs, "open_file", lambda *a, **k: None)
    monkeypatch.setattr(dialogs, "open_folder", lambda *a, **k: None)
    monkeypatch.setattr(dialogs, "open_units", lambda *a, **k: None)
    monkeypatch.setattr(dialogs, "open_decisions", lambda *a, **k: None)
    monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: None)
    monkeypatch.setattr(dialogs, "choose_template", lambda *a, **k: None)
    monkeypatch.setattr(dialogs, "print_preview", lambda *a, **k: None)
    monkeypatch.setattr(dialogs, "show_crash", lambda *a, **k: None)


def pytest_collection_modifyitems(config, items):
    """The hold-out reports (tests/test_holdout.py) run after everything else."""
    items.sort(key=lambda item: item.path.name == "test_holdout.py")
