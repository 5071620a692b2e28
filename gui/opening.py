"""Opening a draft off the UI thread: the read, the location and the check run in a QThread.

GUI layer. :class:`Opening` is one file being opened: its own thread (gui/background.py) runs
:meth:`core.session.Session.open` (core stays Qt-free) and hands the session, or the reader's
:class:`core.errors.ReadError`, back to the UI thread through a queued signal. The window shows
:class:`OpeningStatus` in its status bar meanwhile (what is being opened, a busy bar, 「取消」),
and stays responsive: it repaints, its menus work, another file may be chosen. A cancelled or
superseded opening is forgotten: its thread runs to the end of the read (a reader cannot be
interrupted half-way) and its result is dropped.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from core.errors import ReadError
from gui.background import run_in_thread


def _outcome(read, path: Path) -> tuple[object, ReadError | None]:
    """``read(path)`` in the opening's thread, as (what was read | None, ReadError | None): it
    never raises, every failure comes back as a ReadError."""
    try:
        return read(path), None
    except ReadError as err:
        return None, err
    except Exception as err:  # a bug must not leave the window waiting for ever
        return None, ReadError("internal", path.name, type(err).__name__)


def read_draft(path: Path):
    """A draft for review: read, located and checked (core.session.Session)."""
    from core.session import Session  # the readers, the locator and the rules: in the reader's thread

    return Session.open(path)


def read_previous(path: Path):
    """Last year's report, read and located (core.report.Report), to check the draft against."""
    from core.check import read_report

    return read_report(path)


class Opening(QObject):
    """One file being opened: a draft (``read_draft``) or last year's report (``read_previous``).
    ``read`` comes once, in the UI thread, with what was read or the error — unless the opening
    was cancelled first. ``finished(ok)`` comes exactly once: True when the window shows it,
    False when it could not be read, or was cancelled or superseded by another file."""

    read = Signal(object, object)  # (Session or Report | None, ReadError | None), for the window
    finished = Signal(bool)

    def __init__(self, path: Path, parent: QObject | None = None, reader=read_draft):
        super().__init__(parent)
        self.path = path
        self.reader = reader
        self.cancelled = False
        self.done = False
        self.ok: bool | None = None  # how it ended, once it has

    def start(self) -> None:
        run_in_thread(partial(_outcome, self.reader, self.path), self._read)

    def cancel(self) -> None:
        """Forget this opening; the window keeps what it shows."""
        if not self.done:
            self.cancelled = True
            self.finish(False)

    def finish(self, ok: bool) -> None:
        if not self.done:
            self.done, self.ok = True, ok
            self.finished.emit(ok)

    def _read(self, outcome) -> None:
        if not self.cancelled:
            self.read.emit(*outcome)


class OpeningStatus(QWidget):
    """The status bar's 「正在打开……」 with a busy bar and 「取消」, shown while a draft is read."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy: a reader cannot say how far it is
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(120)
        self.bar.setMaximumHeight(14)
        self.cancel_button = QPushButton("取消", self)
        self.cancel_button.setToolTip("不再打开这份报告（窗口保留当前内容）")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        layout.addStretch(1)  # the status bar's room goes to nothing, not to the button
        self.hide()

    def show_opening(self, opening: Opening) -> None:
        what = "载入上年年报" if opening.reader is read_previous else "打开"
        self.label.setText(f"正在{what}“{opening.path.name}”，请稍候……")
        self.show()
