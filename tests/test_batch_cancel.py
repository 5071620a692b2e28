"""A batch stops when asked (``check_files(…, cancel=…)``, set when the window showing it is
closed or the program quits): the files not started are never checked, and
:class:`core.check.Cancelled` is raised instead of a list of results."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

import pytest

import core.check
from core.check import PARALLEL_FROM, Cancelled, check_files


def test_a_small_batch_stops_between_files(make_docx, monkeypatch):
    files = [make_docx(name=f"{i}.docx")[0] for i in range(5)]
    cancel = threading.Event()
    seen: list[str] = []
    real = core.check.load

    def load(path):
        seen.append(path)
        if len(seen) == 2:
            cancel.set()
        return real(path)

    monkeypatch.setattr(core.check, "load", load)
    with pytest.raises(Cancelled):
        check_files(files, jobs=1, cancel=cancel)
    assert seen == [str(f) for f in files[:2]]


def test_a_large_batch_stops_after_the_files_being_checked(make_docx, tmp_path, monkeypatch):
    """Workers are forked, so they inherit a ``load`` that marks each file it starts on and
    takes a while over it: once the first mark appears the batch is cancelled, and the files in
    the chunks not yet sent are never started."""
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("needs forked workers to carry the test's loader")
    good, _ = make_docx(name="good.docx")
    files = []
    for i in range(64):  # in chunks of 8: at most 2 running and 3 queued when cancelled
        files.append(tmp_path / f"r{i:02d}.docx")
        files[-1].write_bytes(good.read_bytes())
    assert len(files) >= PARALLEL_FROM
    marks = tmp_path / "marks"
    marks.mkdir()
    real = core.check.load

    def load(path):
        (marks / Path(path).name).touch()
        time.sleep(0.1)
        return real(path)

    monkeypatch.setattr(core.check, "load", load)
    cancel = threading.Event()

    def cancel_once_started():
        while not any(marks.iterdir()):
            time.sleep(0.01)
        cancel.set()

    threading.Thread(target=cancel_once_started, daemon=True).start()
    with pytest.raises(Cancelled):
        check_files(files, jobs=2, seconds_per_file=30, cancel=cancel)
    assert 0 < len(list(marks.iterdir())) <= 5 * 8 < len(files)
