"""Opening a draft off the UI thread (gui/opening.py): the window stays responsive while a file is
read, shows what it is doing, lets the reader cancel, and a second open supersedes the first.

A gate holds the background read until the test lets it go, so what the window does *during* a
read is seen without any timing: the read is provably still running while the UI thread works.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from window_helpers import opened, review_window

from core.autosave import AutosaveStore
from core.session import Session
from gui import dialogs, settings
from gui.main_window import MainWindow

TIMEOUT = 30_000  # ms: a guard against a hang, not a measure


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: errors.append(message))
    return errors


@pytest.fixture
def window(qtbot, tmp_path):
    return review_window(qtbot, tmp_path)


class Gate:
    """Wraps Session.open: records the thread each read runs in and holds it until released."""

    def __init__(self, monkeypatch):
        self.threads: list[int] = []
        self.entered = threading.Semaphore(0)
        self.release = threading.Event()
        real = Session.open

        def gated(path):
            self.threads.append(threading.get_ident())
            self.entered.release()
            assert self.release.wait(60), "the test never released the read"
            return real(path)

        monkeypatch.setattr(Session, "open", staticmethod(gated))

    def wait_entered(self) -> None:
        assert self.entered.acquire(timeout=30), "the read never started"


@pytest.fixture
def gate(monkeypatch):
    g = Gate(monkeypatch)
    yield g
    g.release.set()  # never leave a reader thread waiting


def test_the_read_runs_off_the_ui_thread_and_the_window_stays_responsive(qtbot, window, make_docx, gate):
    path, spec = make_docx()
    opening = window.open_path(path)
    assert opening is not None and not opening.done
    gate.wait_entered()  # the read has begun in its thread and is held there
    assert gate.threads and gate.threads[0] != threading.get_ident()
    # while it is held, the UI thread runs its event loop: a timer fires, the window repaints
    ticked = []
    QTimer.singleShot(0, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: bool(ticked), timeout=TIMEOUT)
    window.repaint()
    # and says what it is doing, in Chinese, with a way out
    status = window.opening_status
    assert status.isVisible() and f"正在打开“{path.name}”" in status.label.text()
    assert status.bar.minimum() == status.bar.maximum() == 0  # busy: no false percentage
    assert status.cancel_button.isVisible() and status.cancel_button.text() == "取消"
    assert "正在打开报告" in window.document_view.toPlainText()
    assert window.review.session is None and not opening.done
    with qtbot.waitSignal(opening.finished, timeout=TIMEOUT) as blocker:
        gate.release.set()
    assert blocker.args == [True] and opening.ok
    assert window.review.session.report.meta.title == spec.title
    assert not status.isVisible()
    assert spec.title in window.windowTitle()


def test_cancel_keeps_the_window_as_it_was(qtbot, window, make_docx, gate):
    path, _ = make_docx()
    opening = window.open_path(path)
    gate.wait_entered()
    with qtbot.waitSignal(opening.finished, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(window.opening_status.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [False]
    assert not window.opening_status.isVisible()
    assert "已取消打开" in window.statusBar().currentMessage()
    assert "正在打开报告" not in window.document_view.toPlainText()  # the welcome is back
    gate.release.set()  # the abandoned read finishes; its result is dropped
    qtbot.waitUntil(lambda: not _running(), timeout=TIMEOUT)
    qtbot.wait(0)  # let a (wrongly) queued result arrive, if there were one
    assert window.review.session is None


def _running():
    from gui import background

    return background.running()


def test_a_second_open_supersedes_the_first(qtbot, window, make_docx, gate):
    first_path, _ = make_docx(name="先.docx")
    second_path, second_spec = make_docx(name="后.docx", raw={"appeals.review.total": "99"})
    first = window.open_path(first_path)
    gate.wait_entered()
    assert window.open_path(first_path) is first  # the same file again: the read just goes on
    with qtbot.waitSignal(first.finished, timeout=TIMEOUT) as gave_up:
        second = window.open_path(second_path)
    assert gave_up.args == [False] and second is not None and second is not first
    assert f"“{second_path.name}”" in window.opening_status.label.text()
    gate.release.set()
    qtbot.waitUntil(lambda: second.done, timeout=TIMEOUT)
    assert second.ok and window.review.session.path == second_path
    qtbot.waitUntil(lambda: not _running(), timeout=TIMEOUT)
    qtbot.wait(0)
    assert window.review.session.path == second_path  # the first read's result was dropped
    assert window.review.session.raw("appeals.review.total") == "99"


def test_an_unreadable_file_still_gets_its_dialog(qtbot, window, tmp_path, isolated_settings):
    from core.check import check_file

    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert not opened(window, broken)
    assert isolated_settings == [check_file(broken).error.message]
    assert window.review.session is None and not window.opening_status.isVisible()


@pytest.mark.parametrize("how", ["dialog", "recent", "drop"])
def test_every_way_of_opening_reads_in_the_background(qtbot, window, make_docx, monkeypatch, gate, how):
    path, spec = make_docx()
    if how == "dialog":
        monkeypatch.setattr(dialogs, "open_file", lambda *a, **k: str(path))
        window.actions["open"].trigger()
    elif how == "recent":
        settings.add_recent(str(path))
        window._fill_recent()
        entry = next(a for a in window.recent_menu.actions() if a.text() == str(path))
        entry.trigger()
    else:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        event = QDropEvent(
            QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
        window.dropEvent(event)  # opens once the drop handler has returned
    qtbot.waitUntil(window.opening_status.isVisible, timeout=TIMEOUT)
    gate.wait_entered()
    assert gate.threads[0] != threading.get_ident()
    gate.release.set()
    qtbot.waitUntil(lambda: window.review.session is not None, timeout=TIMEOUT)
    assert window.review.session.report.meta.title == spec.title


def test_restoring_autosaved_edits_after_a_background_open(qtbot, tmp_path, make_docx, monkeypatch):
    path, _ = make_docx()
    store = AutosaveStore(tmp_path / "autosave")
    first = MainWindow(store)
    qtbot.addWidget(first)
    assert opened(first, path)
    first.review.edit({"appeals.review.upheld": "7"}, "test")
    asked = []
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, n, when: asked.append(n) or True)
    second = MainWindow(store)
    qtbot.addWidget(second)
    assert opened(second, path)
    assert asked == [1] and second.review.session.raw("appeals.review.upheld") == "7"


def test_last_years_report_is_read_in_the_background_too(qtbot, window, make_docx, monkeypatch):
    import core.check

    now, _ = make_docx(name="2023.docx", year=2023)
    then, _ = make_docx(name="2022.docx", year=2022)
    assert opened(window, now)
    threads, release = [], threading.Event()
    real = core.check.read_report

    def gated(path):
        threads.append(threading.get_ident())
        assert release.wait(60)
        return real(path)

    monkeypatch.setattr(core.check, "read_report", gated)
    try:
        opening = window.load_previous(then)
        qtbot.waitUntil(lambda: bool(threads), timeout=TIMEOUT)
        assert threads[0] != threading.get_ident()
        assert "正在载入上年年报“2022.docx”" in window.opening_status.label.text()
        assert window.review.previous_path is None
        with qtbot.waitSignal(opening.finished, timeout=TIMEOUT) as blocker:
            release.set()
    finally:
        release.set()
    assert blocker.args == [True] and window.review.previous_path == then
    assert "CROSS-YEAR-CARRY" in {f.rule for f in window.review.session.findings}
