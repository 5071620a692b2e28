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


def test_work_that_raises_still_ends_its_thread(qtbot):
    """Were the thread left running, quitting (which waits for it) would hang for ever."""

    def work():
        raise RuntimeError("坏了")

    receiver = Receiver()
    with qtbot.captureExceptions() as raised:
        thread = background.run_in_thread(work, receiver.done)
        qtbot.waitUntil(thread.isFinished, timeout=TIMEOUT)
    assert [type(e[1]) for e in raised] == [RuntimeError] and not receiver.got


def test_quitting_stops_the_running_work_and_waits_for_it(qtbot):
    stop = threading.Event()

    def work():
        assert stop.wait(30)  # not stopped: the wait below would take 30 s and then find this unset
        return "已停止"

    receiver = Receiver()
    thread = background.run_in_thread(work, receiver.done, stop=stop.set)
    background._wait_for_all()  # what the application runs when it quits
    assert stop.is_set() and thread.isFinished()


def test_a_batch_window_closed_while_checking_stops_its_check(qtbot, make_docx, monkeypatch):
    """Nobody will see the rows of a closed batch view: its check stops after the file being
    read (a large batch: after the files the workers are checking), and its thread ends, without
    the window waiting for it."""
    import core.check
    from gui.batch_view import BatchWindow

    release = threading.Event()
    seen: list[str] = []
    real = core.check.load

    def held(path):
        seen.append(path)
        assert release.wait(30)
        return real(path)

    monkeypatch.setattr(core.check, "load", held)
    files = [str(make_docx(name=f"{i}.docx")[0]) for i in range(3)]  # a small batch: checked in this process
    batch = BatchWindow(files)
    qtbot.addWidget(batch)
    batch.show()
    batch.start()
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    batch.close()  # does not wait for the check, nor destroy its running thread
    assert background.running()
    release.set()
    qtbot.waitUntil(lambda: not background.running(), timeout=TIMEOUT)
    assert seen == files[:1] and batch.results == []
