"""The window and its files: damaged settings and autosaves never stop it starting, two windows
on one draft keep each other's edits, a draft deleted while open still prints, a huge cell is
laid out capped, and an internal error prints no traceback."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings, Qt
from window_helpers import opened

from conftest import ROOT
from core.autosave import AutosaveStore
from gui import dialogs, settings
from gui.main_window import MainWindow


@pytest.fixture
def asked(tmp_path, monkeypatch):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    calls = {"restore": [], "error": []}
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, n, when: calls["restore"].append((n, when)) or False)
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: calls["error"].append(message))
    return calls


def window(qtbot, store):
    w = MainWindow(store)
    qtbot.addWidget(w)
    return w


def test_damaged_settings_and_autosave_do_not_stop_the_start(qtbot, tmp_path, make_docx, asked):
    ini = tmp_path / "settings" / settings.ORGANIZATION / f"{settings.APPLICATION}.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text(
        "[state]\ngeometry=garbage\nmain_splitter=@ByteArray(\\x1\\x2)\nrecent_files=3\n"
        "[prefs]\nfindings_filter=99999999999\ntemplate=@Variant(\\0\\0)\n",
        encoding="utf-8",
    )
    path, _ = make_docx()
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    folder = tmp_path / "autosave"
    folder.mkdir()
    (folder / f"{sha}.json").write_text(  # an earlier version's file, with a NaN date
        '{"source": "x", "sha256": "' + sha + '", "saved_at": NaN, "edits": {"appeals.review.upheld": "7"}}',
        encoding="utf-8",
    )
    w = window(qtbot, AutosaveStore(folder))
    assert settings.get(settings.FINDINGS_FILTER) == 0
    assert w.findings_view.severity.currentIndex() == 0  # the damaged filter falls back to 全部问题
    assert opened(w, path)
    assert [n for n, _ in asked["restore"]] == [1]
    assert not list(folder.glob(f"{sha}*.json"))  # declined, and its window long gone


def test_two_windows_on_one_draft_keep_each_others_edits(qtbot, tmp_path, make_docx, asked):
    path, _ = make_docx()
    folder = tmp_path / "autosave"
    first_store, second_store = AutosaveStore(folder), AutosaveStore(folder)  # two program instances
    first, second = window(qtbot, first_store), window(qtbot, second_store)
    assert opened(first, path)
    first.review.edit({"appeals.review.upheld": "7"}, "test")
    sha = first.review.session.sha256
    assert opened(second, path)  # offered the first's edits, and declines them
    assert [n for n, _ in asked["restore"]] == [1]
    second.review.edit({"appeals.review.corrected": "5"}, "test")
    assert first_store.load(sha)["appeals.review.upheld"] == "7"  # not deleted by the other's 「不恢复」
    first_store._lock.close()  # the first instance crashes: its lock goes with it
    first_store._lock = None
    third = AutosaveStore(folder)
    assert third.load(sha) == {"appeals.review.upheld": "7", "appeals.review.corrected": "5"}


def test_a_draft_deleted_while_open_still_prints(qtbot, tmp_path, make_docx, asked, monkeypatch):
    path, _ = make_docx(raw={"appeals.review.total": "9"})
    w = window(qtbot, AutosaveStore(tmp_path / "autosave"))
    assert opened(w, path)
    path.unlink()
    out = tmp_path / "审核单.pdf"
    monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: str(out))
    assert w.export_sheet() == str(out)
    assert out.read_bytes().startswith(b"%PDF-") and not asked["error"]


def test_a_huge_cell_is_laid_out_capped(qtbot, tmp_path, make_docx, asked):
    path, _ = make_docx(raw={"appeals.review.total": "字" * 786_000})
    assert path.stat().st_size < 100_000
    w = window(qtbot, AutosaveStore(tmp_path / "autosave"))
    w.resize(1366, 768)
    w.show()
    assert opened(w, path)
    finding = next(f for f in w.findings_view.model.findings if "appeals.review.total" in f.cells)
    w.show_finding(finding)
    qtbot.wait(50)
    model = w.grid_view.models["appeals"]
    shown = model.index_of("appeals.review.total").data(Qt.ItemDataRole.DisplayRole)
    assert len(shown) <= 41
    assert len(model.index_of("appeals.review.total").data(Qt.ItemDataRole.ToolTipRole)) < 10_000
    assert len(w.document_view.toPlainText()) < 100_000


def test_an_internal_error_prints_no_traceback(make_docx):
    path, _ = make_docx()
    code = (
        "import sys, core.check as c\n"
        "def boom(p): raise RuntimeError('boom')\n"
        "c.read_report = boom\n"
        "from app.cli import main\n"
        "sys.exit(main(['check', sys.argv[1]]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "RuntimeError" in proc.stderr and "内部错误" in proc.stderr
