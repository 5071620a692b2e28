"""A batch survives its workers: one killed by the system (SIGKILL, as the OOM killer does) or
one file that hangs costs only that file; every other report is answered."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

import pytest

import core.check
from core.check import PARALLEL_FROM, check_files


@pytest.fixture
def doomed(monkeypatch):
    """Workers are forked from this process, so they inherit a ``load`` that kills its own
    worker on "kill" files and hangs on "hang" files: a real SIGKILL, a real hang."""
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("needs forked workers to carry the test's loader")
    real = core.check.load

    def load(path):
        if "kill" in os.path.basename(path):
            os.kill(os.getpid(), signal.SIGKILL)
        if "hang" in os.path.basename(path):
            time.sleep(3600)
        return real(path)

    monkeypatch.setattr(core.check, "load", load)


def batch(make_docx, names):
    return [
        make_docx(name=n, raw={"appeals.review.total": "9"} if i % 3 == 0 else None)[0] for i, n in enumerate(names)
    ]


def test_a_killed_worker_loses_only_its_file(make_docx, doomed):
    names = [f"r{i:02d}.docx" for i in range(PARALLEL_FROM + 4)]
    names[5] = "kill-me.docx"
    files = batch(make_docx, names)
    results = check_files(files, jobs=2, seconds_per_file=30)
    assert [r.file for r in results] == [str(f) for f in files]
    for i, (name, r) in enumerate(zip(names, results)):
        if name == "kill-me.docx":
            assert r.error.code == "worker_failed" and "kill-me.docx" in r.error.message
        else:
            assert r.ok, (name, r.error and r.error.message)
            assert (r.errors > 0) == (i % 3 == 0), (name, r.errors)


def test_a_hanging_file_is_given_up_in_bounded_time(make_docx, doomed):
    names = [f"r{i:02d}.docx" for i in range(PARALLEL_FROM)]
    names[2] = "hang.docx"
    files = batch(make_docx, names)
    start = time.monotonic()
    results = check_files(files, jobs=2, seconds_per_file=3)
    assert time.monotonic() - start < 60  # a bound, not a speed figure: without it this never ends
    by_name = dict(zip(names, results))
    assert by_name["hang.docx"].error.code == "worker_failed"
    assert all(r.ok for n, r in by_name.items() if n != "hang.docx")


def test_files_sent_in_chunks_lose_only_the_failing_ones(make_docx, doomed, tmp_path):
    """A large batch goes to the workers several files at a time (core.check.CHUNK): a worker
    killed, or a file hanging, in the middle of a chunk costs that file only — the chunk's other
    files are checked again in the next round."""
    good, _ = make_docx(name="good.docx")
    bad, _ = make_docx(name="bad.docx", raw={"appeals.review.total": "9"})
    names = [f"r{i:02d}.docx" for i in range(25)]  # in chunks of 3
    names[4], names[13] = "kill-me.docx", "hang.docx"
    files = []
    for i, name in enumerate(names):
        files.append(tmp_path / name)
        files[-1].write_bytes((bad if i % 3 == 0 else good).read_bytes())
    assert max(map(len, core.check._chunks(list(range(len(files))), 2))) > 1  # chunks, not single files
    results = check_files(files, jobs=2, seconds_per_file=3)
    assert [r.file for r in results] == [str(f) for f in files]
    for i, (name, r) in enumerate(zip(names, results)):
        if name in ("kill-me.docx", "hang.docx"):
            assert r.error.code == "worker_failed" and name in r.error.message
        else:
            assert r.ok, (name, r.error and r.error.message)
            assert (r.errors > 0) == (i % 3 == 0), (name, r.errors)
