"""Opening a draft in the window from a test: the read runs in the background (gui.opening)."""

from __future__ import annotations

OPEN_TIMEOUT = 60_000  # ms: a guard against a hang, not a measure of speed


def opened(window, path, start=None) -> bool:
    """``window.open_path(path)`` (or ``start(path)``: ``window.load_previous``) and wait
    (pytest-qt's signal blocker) until the read is done; True if the window now shows the
    report, False if it was refused or could not be read."""
    opening = (start or window.open_path)(path)
    if opening is None:
        return False
    if not opening.done:
        from pytestqt.wait_signal import SignalBlocker  # Qt only where a window is tested

        blocker = SignalBlocker(timeout=OPEN_TIMEOUT, raising=True)
        blocker.connect(opening.finished)
        blocker.wait()
    return bool(opening.ok)


def review_window(qtbot, tmp_path, size=(1366, 768)):
    """A shown review window whose settings and autosave live in ``tmp_path``."""
    from PySide6.QtCore import QSettings

    from core.autosave import AutosaveStore
    from gui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    window = MainWindow(AutosaveStore(tmp_path / "autosave"))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    return window
