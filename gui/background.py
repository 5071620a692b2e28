"""Work off the UI thread: one function run in a QThread of its own, its result handed back.

GUI layer. The one pattern behind opening a draft (gui/opening.py) and checking a batch
(gui/batch_view.py): :func:`run_in_thread` runs ``work()`` in a new QThread and delivers its
result to ``done`` — a method of an object living in the UI thread, so the call is queued there.
``work`` should not raise: each caller turns its failures into a result (a ReadError, a failed
row); should it raise all the same, its thread still ends (``done`` is not called). A thread is
kept alive until it has finished, whatever became of the object that started it. When the
application quits, each running work's ``stop`` is called (a batch then ends after the files
being checked, not after all of them) and its thread waited for, so Qt never destroys a running
thread and the process does not linger once the windows are gone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

# kept alive until their thread has finished: the thread, its runner, and how to stop its work early
_RUNNING: set[tuple[QThread, QObject, Callable[[], None] | None]] = set()


class _Runner(QObject):
    """Lives in the work's thread and runs it there."""

    done = Signal(object)

    def __init__(self, work: Callable[[], object]):
        super().__init__()
        self.work = work

    def run(self) -> None:
        try:
            self.done.emit(self.work())
        finally:  # even if work raised: the UI thread may be waiting for this thread
            QThread.currentThread().quit()


def _wait_for_all() -> None:
    running = list(_RUNNING)
    for _, _, stop in running:
        if stop is not None:
            stop()
    for thread, _, _ in running:
        thread.wait()


def run_in_thread(
    work: Callable[[], object], done: Callable[[object], None], stop: Callable[[], None] | None = None
) -> QThread:
    """Start ``work()`` in a thread of its own; ``done(result)`` is called in the UI thread when
    it returns (``done``: a bound method of a QObject of the UI thread). ``stop()``, where given,
    asks the work to end early (called from the UI thread when the application quits). Returns
    the thread."""
    thread = QThread()
    runner = _Runner(work)
    runner.moveToThread(thread)
    thread.started.connect(runner.run)
    runner.done.connect(done)  # queued: the receiver lives in the UI thread
    _RUNNING.difference_update({entry for entry in _RUNNING if entry[0].isFinished()})
    _RUNNING.add((thread, runner, stop))
    app = QCoreApplication.instance()
    if app is not None and not getattr(app, "_nianbao_waits_for_threads", False):
        app.aboutToQuit.connect(_wait_for_all)
        app._nianbao_waits_for_threads = True
    thread.start()
    return thread


def running() -> list[QThread]:
    """The threads started here that have not finished yet."""
    return [t for t, _, _ in _RUNNING if not t.isFinished()]
