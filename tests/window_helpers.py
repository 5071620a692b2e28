"""Opening a draft in the window from a test: the read runs in the background (gui.opening)."""

from __future__ import annotations

OPEN_TIMEOUT = 60_000  # ms: a guard against a hang, not a measure of speed


def opened(window, path) -> bool:
    """``window.open_path(path)`` and wait (pytest-qt's signal blocker) until the read is done;
    True if the window now shows the report, False if it was refused or could not be read."""
    opening = window.open_path(path)
    if opening is None:
        return False
    if not opening.done:
        from pytestqt.wait_signal import SignalBlocker  # Qt only where a window is tested

        blocker = SignalBlocker(timeout=OPEN_TIMEOUT, raising=True)
        blocker.connect(opening.finished)
        blocker.wait()
    return bool(opening.ok)
