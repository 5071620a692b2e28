"""A parallel batch keeps its results in a spool on disk, not in memory (core.check.iter_files):
they are handed out one at a time, in input order (a few chunks of them read back at a time), and ``nianbao check FOLDER`` lets each go once
written, so the parent's memory does not grow with the batch. The answers are those of the batch
held in memory (one worker, core.check's ``_Kept`` without a spool)."""

from __future__ import annotations

import gc
import io
import json
import tempfile
from contextlib import redirect_stderr, redirect_stdout

import app.cli.check
import core.check
import fixturegen
from app.cli import main
from core.check import PARALLEL_FROM, CheckResult, check_files, iter_files

N = 48
MOST = 2 * core.check.CHUNK + 2  # the result handed out, one read again, the spool's last chunks read


def _folder(make_docx, tmp_path, n: int = N):
    """``n`` drafts, several agencies with consecutive years (paired), faults, an unreadable file."""
    layouts = list(fixturegen.LAYOUTS)
    for i in range(n - 1):
        make_docx(
            layouts[i % len(layouts)],
            name=f"r{i:02d}.docx",
            agency=f"某市第{i % 5}局",
            year=2021 + i % 3,
            raw={"appeals.review.total": "9"} if i % 4 == 0 else None,
            seed=i,
        )
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    return sorted(str(p) for p in tmp_path.glob("*.docx"))


def _alive() -> int:
    gc.collect()
    return sum(isinstance(o, CheckResult) for o in gc.get_objects())


def test_a_parallel_batch_hands_out_its_results_one_at_a_time(make_docx, tmp_path, monkeypatch):
    files = _folder(make_docx, tmp_path)
    spool_dir = tmp_path / "spool"
    spool_dir.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool_dir))  # where a named spool would be left
    held = check_files(files, jobs=1)  # every result in memory, as the window's batch view keeps them
    expected = [(r.to_json(), r.report is not None and r.report.previous is not None) for r in held]
    assert sum(paired for _, paired in expected) >= N // 2  # consecutive years were paired
    del held
    before = _alive()
    seen, most = [], 0
    for result in iter_files(files, jobs=2):
        most = max(most, _alive() - before)
        seen.append((result.to_json(), result.report is not None and result.report.previous is not None))
        del result
    assert seen == expected
    assert most <= MOST, f"{most} results alive at once: the batch holds its results again"
    assert list(spool_dir.iterdir()) == []  # the spool leaves nothing behind


def test_check_folder_makes_one_pass_and_keeps_no_result(make_docx, tmp_path, monkeypatch):
    files = _folder(make_docx, tmp_path)
    expected = [r.to_json() for r in check_files(files, jobs=1)]
    real, counts = app.cli.check.iter_files, []

    def counted(*args, **kw):
        before = _alive()
        for result in real(*args, **kw):
            counts.append(_alive() - before)
            yield result

    monkeypatch.setattr(app.cli.check, "iter_files", counted)
    for options in ([], ["--json"]):
        counts.clear()
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            status = main(["check", *options, str(tmp_path)])
        assert status == 2 and len(counts) == N
        assert max(counts) <= MOST, f"{max(counts)} results alive at once: the command line holds them again"
        if options:
            assert json.loads(out.getvalue()) == expected
            assert err.getvalue().startswith("broken.docx：")
        else:
            assert f"共检查 {N} 份报告" in out.getvalue() and out.getvalue().count("已对照上年") >= N // 2


def test_without_a_temporary_folder_the_batch_keeps_its_results_in_memory(make_docx, tmp_path, monkeypatch):
    files = _folder(make_docx, tmp_path, PARALLEL_FROM)
    expected = [r.to_json() for r in check_files(files, jobs=1)]

    def refused(*args, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryFile", refused)
    assert [r.to_json() for r in check_files(files, jobs=2)] == expected


def test_a_disk_that_fills_up_during_the_batch_keeps_the_rest_in_memory(make_docx, tmp_path, monkeypatch):
    """The spool's writes fail part-way (ENOSPC after the first chunk): the chunks written are
    read back from the file, the rest from memory, and the answers are the same."""
    files = _folder(make_docx, tmp_path, 2 * PARALLEL_FROM + 4)
    expected = [r.to_json() for r in check_files(files, jobs=1)]
    real = tempfile.TemporaryFile
    writes: list[int] = []

    class FillsUp:
        def __init__(self, *args, **kw):
            self.file = real(*args, **kw)

        def write(self, data):
            writes.append(len(data))
            if len(writes) > 1:
                raise OSError(28, "No space left on device")
            return self.file.write(data)

        def __getattr__(self, name):
            return getattr(self.file, name)

    monkeypatch.setattr(tempfile, "TemporaryFile", FillsUp)
    assert [r.to_json() for r in check_files(files, jobs=2)] == expected
    assert len(writes) == 2  # one chunk written, one refused, the rest never tried
