"""gui/background.py: the one way the window runs work off the UI thread (a draft's opening, a
batch's check): the work runs in its own thread, its result comes back in the UI thread, and the
thread outlives whatever started it until it has finished."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject

from gui import background

TIMEOUT = 30_000  # ms: a guard against a hang, not a measure


class Receiver(QObject):
    def __init__(self):
        super().__init__()
        self.got: list[tuple[object, int]] = []

    def done(self, result) -> None:
        self.got.append((result, threading.get_ident()))


def test_the_work_runs_in_its_thread_and_its_result_comes_back_in_the_ui_thread(qtbot):
    release = threading.Event()
    ran_in: list[int] = []

    def work():
        ran_in.append(threading.get_ident())
        assert release.wait(30)
        return "读完了"

    receiver = Receiver()
    thread = background.run_in_thread(work, receiver.done)
    qtbot.waitUntil(lambda: bool(ran_in), timeout=TIMEOUT)
    assert ran_in[0] != threading.get_ident()
    assert thread in background.running() and not receiver.got  # held: still running, nothing yet
    release.set()
    qtbot.waitUntil(lambda: bool(receiver.got), timeout=TIMEOUT)
    assert receiver.got == [("读完了", threading.get_ident())]  # delivered in the UI thread
    qtbot.waitUntil(lambda: thread not in background.running(), timeout=TIMEOUT)


def test_a_batch_window_closed_while_checking_lets_its_check_finish(qtbot, make_docx, monkeypatch):
    import core.check
    from gui.batch_view import BatchWindow

    release = threading.Event()
    real = core.check.check_files

    def held(files, *a, **k):
        assert release.wait(30)
        return real(files, *a, **k)

    monkeypatch.setattr("gui.batch_view.check_files", held)
    files = [str(make_docx(name=f"{i}.docx")[0]) for i in range(2)]
    batch = BatchWindow(files)
    qtbot.addWidget(batch)
    batch.show()
    batch.start()
    batch.close()  # closing does not wait for the check, nor destroy its running thread
    assert background.running()
    with qtbot.waitSignal(batch.finished, timeout=TIMEOUT):
        release.set()
    assert [r.file for r in batch.results] == files and all(r.ok for r in batch.results)
    qtbot.waitUntil(lambda: not background.running(), timeout=TIMEOUT)
