"""Work off the UI thread: one function run in a QThread of its own, its result handed back.

GUI layer. The one pattern behind opening a draft (gui/opening.py) and checking a batch
(gui/batch_view.py): :func:`run_in_thread` runs ``work()`` in a new QThread and delivers its
result to ``done`` — a method of an object living in the UI thread, so the call is queued there.
``work`` must not raise: each caller turns its failures into a result (a ReadError, a failed
row), so that the window never waits for ever. A thread is kept alive until it has finished,
whatever became of the object that started it, and threads still running when the application
quits are waited for, so Qt never destroys a running thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

_RUNNING: set[tuple[QThread, QObject]] = set()  # kept alive until their thread has finished


class _Runner(QObject):
    """Lives in the work's thread and runs it there."""

    done = Signal(object)

    def __init__(self, work: Callable[[], object]):
        super().__init__()
        self.work = work

    def run(self) -> None:
        self.done.emit(self.work())
        QThread.currentThread().quit()  # from here: the UI thread may be waiting for this thread


def _wait_for_all() -> None:
    for thread, _ in list(_RUNNING):
        thread.wait()


def run_in_thread(work: Callable[[], object], done: Callable[[object], None]) -> QThread:
    """Start ``work()`` in a thread of its own; ``done(result)`` is called in the UI thread when
    it returns (``done``: a bound method of a QObject of the UI thread). Returns the thread."""
    thread = QThread()
    runner = _Runner(work)
    runner.moveToThread(thread)
    thread.started.connect(runner.run)
    runner.done.connect(done)  # queued: the receiver lives in the UI thread
    _RUNNING.difference_update({(t, r) for t, r in _RUNNING if t.isFinished()})
    _RUNNING.add((thread, runner))
    app = QCoreApplication.instance()
    if app is not None and not getattr(app, "_nianbao_waits_for_threads", False):
        app.aboutToQuit.connect(_wait_for_all)
        app._nianbao_waits_for_threads = True
    thread.start()
    return thread


def running() -> list[QThread]:
    """The threads started here that have not finished yet."""
    return [t for t, _ in _RUNNING if not t.isFinished()]
