"""Checking one input end to end: read, locate, run the rules.

Core layer. :func:`check_file` never raises for a bad input: an unreadable file comes back as a
result with ``error`` set (a :class:`core.errors.ReadError`), and so does an unexpected failure,
so that a batch goes on and no traceback reaches a user.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from core import formats, logger
from core.compact import compact, forget
from core.diagnose import Diagnosis, diagnose
from core.errors import ReadError
from core.labels import norm
from core.limits import LIMITS
from core.locate import locate
from core.readers import read_document
from core.report import Report
from core.rules import ERROR, WARNING, Finding, run_rules
from core.schema import schema

if TYPE_CHECKING:  # core.decisions is imported only where decisions are laid over a check
    import weakref

    from core.decisions import Applied, Decision, DecisionSet, DecisionStore

log = logger(__name__)


@dataclass
class CheckResult:
    """One file's check: the report read, its findings and diagnoses, or the reason it could not be
    read."""

    file: str
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    error: ReadError | None = None
    diagnoses: list[Diagnosis] = field(default_factory=list)  # which cells broke the sums
    decisions: DecisionSet | None = None  # the reviewer's decisions, where some were given
    applied: Applied | None = None

    def decide(self, recorded: DecisionSet | None) -> None:
        """Lay recorded decisions over the findings (spec section 5)."""
        self.decisions = recorded
        if recorded is not None and self.report is not None:
            from core import decisions

            self.applied = decisions.apply(recorded.decisions, self.findings, self.report)

    def decision(self, index: int) -> Decision | None:
        return self.applied.of(index) if self.applied else None

    @property
    def dismissed(self) -> int:
        if self.applied is None:  # no decisions laid over: none dismissed
            return 0
        from core import decisions

        return decisions.dismissed(self.findings, self.applied)

    @property
    def open_errors(self) -> int:
        """Error findings not dismissed: what the exit status counts."""
        if self.applied is None:  # no decisions laid over: every error is open
            return self.errors
        from core import decisions

        return decisions.open_errors(self.findings, self.applied)

    @property
    def ok(self) -> bool:
        return self.error is None

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(ERROR)

    @property
    def warnings(self) -> int:
        return self.count(WARNING)

    def to_json(self) -> dict:
        cells = {}
        if self.report is not None:
            for cell_id in schema().cell_ids():
                located = self.report.cells.get(cell_id)
                if located is not None:
                    cells[cell_id] = located.value.json_number()
        return {
            "file": self.file,
            "ok": self.ok,
            "error": {"code": self.error.code, "message": self.error.message} if self.error else None,
            "meta": self.report.meta.to_json() if self.report else {"title": None, "agency": None, "year": None},
            "cells": cells,
            "findings": [self._finding_json(i, f) for i, f in enumerate(self.findings)],
            "diagnoses": [d.to_json() for d in self.diagnoses],
        }

    def _finding_json(self, index: int, finding: Finding) -> dict:
        out = finding.to_json()
        decision = self.decision(index)
        if decision is not None:
            out["decision"] = decision.public()
        return out


def decide_from_store(results: list[CheckResult], store: DecisionStore, default: DecisionSet | None = None) -> int:
    """Lay each readable draft's decisions kept by the window (``store``: by SHA-256, else by
    path) over its result, ``default`` where none are kept; returns how many drafts had some."""
    return sum(decide_one_from_store(r, store, default) for r in results)


def decide_one_from_store(result: CheckResult, store: DecisionStore, default: DecisionSet | None = None) -> bool:
    """:func:`decide_from_store` for one result: whether the store kept decisions for it."""
    if not result.ok:
        return False
    from core.session import file_sha256

    recorded = store.load_for(file_sha256(Path(result.file)), result.file)[0]
    result.decide(recorded if recorded is not None else default)
    return recorded is not None


def read_report(path: str | Path) -> Report:
    """Read and locate; raises ReadError when the input is not a report at all."""
    path = Path(path)
    doc = read_document(path)
    report = locate(doc)
    if not report.tables:
        raise ReadError("tables_are_pictures" if doc.has_images else "no_tables", path.name)
    return report


def load(path: str | Path) -> CheckResult:
    """Read and locate one input, without running the rules; never raises for a bad input."""
    result = CheckResult(file=str(path))
    try:
        result.report = read_report(path)
    except ReadError as err:
        result.error = err
    except Exception as err:  # never let a bad input end a batch with a traceback
        log.exception("internal error while reading %s", path)
        result.error = ReadError("internal", Path(path).name, type(err).__name__)
    return result


def finish(result: CheckResult, previous: Report | None = None) -> CheckResult:
    """Run the rules on a loaded input, with last year's report where there is one."""
    if result.report is None:
        return result
    result.report.previous = previous
    try:
        result.findings = run_rules(result.report)
        result.diagnoses = diagnose(result.report)
    except Exception as err:
        log.exception("internal error while checking %s", result.file)
        result.report, result.findings, result.diagnoses = None, [], []
        result.error = ReadError("internal", Path(result.file).name, type(err).__name__)
    return result


def check_file(path: str | Path, previous: str | Path | None = None) -> CheckResult:
    prior = load(previous).report if previous else None
    return finish(load(path), prior)


PARALLEL_FROM = 8  # inputs; below that, starting worker processes costs more than it saves


def _key(report: Report | None) -> str | None:
    return norm(report.meta.agency) if report and report.meta.agency else None


WATCHDOG_EXIT = 75  # a worker that ran out of time ends itself with this status

_PRIOR: Report | None = None  # in a batch worker: last year's report given for every input


def _remember(prior: Report | None) -> None:
    global _PRIOR
    _PRIOR = prior


def _checked(path: str, previous: str | None = None, prior: Report | None = None) -> CheckResult:
    """One input read and checked — against last year's report read from ``previous``, or
    ``prior`` as given — and made compact (core.compact): what a batch keeps of it."""
    if previous is not None:
        prior = load(previous).report
    result = finish(load(path), prior)
    if result.report is not None:
        result.report = compact(result.report)
    return result


Task = tuple[str, "str | None"]  # an input, and last year's report to check it against (or None)


class _Watchdog:
    """Ends a batch worker (the whole process, status :data:`WATCHDOG_EXIT`) whose current file
    has taken longer than it was given: a hanging file must not stop the batch. One thread per
    worker, started with its first file and sleeping until the current file's deadline (a
    portable timer, no signals); arming it for a file only sets the deadline, so a file costs
    no thread and no wake-up of its own."""

    def __init__(self) -> None:
        self.deadline: float | None = None  # time.monotonic() by which the current file must be done
        self.seconds = 0.0
        self.pid: int | None = None  # the process whose thread watches (a forked child has none)

    def arm(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        if self.pid != os.getpid():
            self.pid = os.getpid()
            threading.Thread(target=self._watch, name="nianbao-watchdog", daemon=True).start()

    def disarm(self) -> None:
        self.deadline = None

    def _watch(self) -> None:
        # Each wake-up sees the deadline of the file then being read (or none): it sleeps until
        # that deadline, or for a whole file's time when between files, so a file that runs
        # over its time is ended at its deadline, whichever file came before it.
        while True:
            deadline = self.deadline
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                os._exit(WATCHDOG_EXIT)
            time.sleep(deadline - now if deadline is not None else self.seconds)


_WATCHDOG = _Watchdog()


Mark = tuple["str | None", "int | None"]  # a report's agency key and year: what pairing needs


def _mark(result: CheckResult) -> Mark | None:
    return (_key(result.report), result.report.meta.year) if result.report is not None else None


def _checked_bounded(chunk: list[Task], seconds: float) -> tuple[list[Mark | None], bytes]:
    """``_checked`` of each task of ``chunk`` in a batch worker, each file bounded in time
    (:class:`_Watchdog`): what one round trip to a worker brings back — each result's mark, and
    the results pickled together (one pickle, so each value and cell-id tuple once), which the
    parent writes to its spool as they are."""
    import pickle

    results = []
    for path, previous in chunk:
        _WATCHDOG.arm(seconds)
        try:
            results.append(_checked(path, previous, _PRIOR))
        finally:
            _WATCHDOG.disarm()
    return [_mark(r) for r in results], pickle.dumps(results, pickle.HIGHEST_PROTOCOL)


def _failed(path: str, seconds: float) -> CheckResult:
    detail = f"超过 {seconds:g} 秒仍未完成，或因内存不足被系统终止"
    return CheckResult(file=path, error=ReadError("worker_failed", Path(path).name, detail))


class Cancelled(Exception):
    """A batch stopped by its caller (``check_files``' ``cancel`` set) before every file was checked."""


def _stop_if(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled


def _result(future, cancel: threading.Event | None) -> list[CheckResult]:
    """``future``'s results, waited for; :class:`Cancelled` as soon as ``cancel`` is set."""
    if cancel is None:
        return future.result()
    while True:
        _stop_if(cancel)
        try:
            return future.result(timeout=0.1)
        except TimeoutError:  # not done yet (a worker's own TimeoutError is re-raised)
            if future.done():
                raise


CHUNK = 8  # inputs sent to a worker at once, at most: one round trip (and one pickle) for several


def _chunks(indices: list[int], workers: int) -> list[list[int]]:
    """``indices`` in order, cut into chunks of up to :data:`CHUNK`: small enough that every
    worker gets several (the last ones finish together), one each in a small batch."""
    size = max(1, min(CHUNK, len(indices) // (workers * 4)))
    return [indices[i : i + size] for i in range(0, len(indices), size)]


def _round(
    tasks: list[Task],
    indices: list[int],
    workers: int,
    seconds: float,
    prior: Report | None,
    keep: Keep,
    cancel: threading.Event | None = None,
) -> list[int]:
    """One pool over ``tasks[i]`` for ``i`` in ``indices``, sent in chunks: each chunk's results,
    as they come back, are handed to ``keep`` at once (and let go of here), and the tasks whose
    worker died (killed by the system, out of memory, out of time) before answering — every task
    of its chunk — are returned. Once ``cancel`` is set, the chunks not started are dropped, the
    ones running finish, and :class:`Cancelled` is raised."""
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: for a batch only
    from concurrent.futures.process import BrokenProcessPool

    lost: list[int] = []
    workers = min(workers, len(indices))
    with ProcessPoolExecutor(max_workers=workers, initializer=_remember, initargs=(prior,)) as pool:
        chunks = _chunks(indices, workers)
        futures = deque((chunk, pool.submit(_checked_bounded, [tasks[i] for i in chunk], seconds)) for chunk in chunks)
        while futures:
            chunk, future = futures.popleft()
            try:
                marks, results = _result(future, cancel)
            except Cancelled:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
            except BrokenProcessPool:
                lost += chunk
                continue
            except Exception as err:  # a result that could not be sent back, …
                if len(chunk) > 1:  # asked again, in smaller chunks, until it is this file's alone
                    lost += chunk
                    continue
                path = tasks[chunk[0]][0]
                log.error("worker failed on %s: %r", path, err)
                marks, results = (
                    [None],
                    [CheckResult(file=path, error=ReadError("internal", Path(path).name, type(err).__name__))],
                )
            del future  # its results go to keep, not kept here
            keep(chunk, marks, results)
            del results
    return lost


def _run_parallel(
    tasks: list[Task],
    workers: int,
    seconds: float,
    prior: Report | None,
    keep: Keep,
    cancel: threading.Event | None = None,
) -> None:
    """Every task answered (to ``keep``, once each) even when workers die: the tasks a dead pool
    left unanswered run again in a fresh pool; where a round makes no progress, the first of them
    runs alone, and a file that kills even its own worker is reported as failed
    (``worker_failed``)."""
    pending = list(range(len(tasks)))
    while pending:
        lost = _round(tasks, pending, workers, seconds, prior, keep, cancel)
        if lost and len(lost) == len(pending):  # no progress: find the culprit alone
            dead = _round(tasks, lost[:1], 1, seconds, prior, keep, cancel)
            if dead:
                keep(dead[:1], [None], [_failed(tasks[dead[0]][0], seconds)])
            lost = lost[1:]
        pending = lost


def _pairs(marks: list[Mark | None]) -> dict[int, int]:
    """Input index -> the index of the same agency's report of the year before, in the batch
    (where two inputs are of one agency and year, the later in the list counts); ``marks`` holds
    each input's (agency key, year), None where it could not be read."""
    by_year: dict[tuple[str, int], int] = {}
    keyed = [(i, *mark) for i, mark in enumerate(marks) if mark is not None]
    for i, key, year in keyed:
        if key and year:
            by_year[(key, year)] = i
    return {i: by_year[(key, year - 1)] for i, key, year in keyed if key and year and (key, year - 1) in by_year}


def previous_doubts(report: Report, previous: Report) -> list[str]:
    """Why ``previous`` may not be last year's report of the same agency (empty when it looks right,
    or when the titles do not say)."""
    doubts = []
    this, last = report.meta, previous.meta
    if _key(report) and _key(previous) and _key(report) != _key(previous):
        doubts.append(f"上年报告的机关是“{last.agency}”，本报告是“{this.agency}”，不是同一单位")
    if this.year and last.year and last.year != this.year - 1:
        doubts.append(f"上年报告是 {last.year} 年度的，本报告是 {this.year} 年度，应对照 {this.year - 1} 年度的报告")
    return doubts


def check_files(
    paths: list[str | Path],
    previous: str | Path | Report | None = None,
    jobs: int | None = None,
    seconds_per_file: float | None = None,
    cancel: threading.Event | None = None,
) -> list[CheckResult]:
    """Every result of :func:`iter_files` (see there), in a list."""
    return list(iter_files(paths, previous, jobs, seconds_per_file, cancel))


def iter_files(
    paths: list[str | Path],
    previous: str | Path | Report | None = None,
    jobs: int | None = None,
    seconds_per_file: float | None = None,
    cancel: threading.Event | None = None,
) -> Iterator[CheckResult]:
    """Check many inputs, in parallel processes when there are enough of them, and hand out
    their results in input order, one at a time; each holds a compact report (core.compact: no
    document — open the file to review it). Reports of the same agency from consecutive years
    are paired, so the later one is checked against the earlier; ``previous``, when given, is
    last year's report for every input. In parallel, each file's check is bounded in time
    (core.limits) and a worker that dies takes only its file.

    The rules run where the file is read (in the workers): first every input on its own, then
    the inputs paired with last year's report once more, with it (read again in the worker). In
    parallel, the results wait in a spool on disk (:class:`_Kept`), not in memory, until they are
    handed out: a caller that lets each go keeps the batch's memory flat.

    ``cancel`` (set from another thread, e.g. when the window showing the batch is closed) stops
    the batch between files: :class:`Cancelled` is raised and nothing more is handed out."""
    import weakref

    paths = [str(p) for p in paths]
    prior = previous if isinstance(previous, Report) or previous is None else load(previous).report
    parallel = len(paths) >= PARALLEL_FROM and jobs != 1
    if parallel:
        workers, seconds = jobs or os.cpu_count() or 2, seconds_per_file or LIMITS.seconds_per_file

        def run(tasks: list[Task], keep: Keep) -> None:
            _run_parallel(tasks, workers, seconds, prior, keep, cancel)
    else:

        def run(tasks: list[Task], keep: Keep) -> None:
            for n, (path, last) in enumerate(tasks):
                _stop_if(cancel)
                result = _checked(path, last, prior)
                keep([n], [_mark(result)], [result])

    kept = _Kept(spool=parallel)
    try:
        marks: list[Mark | None] = [None] * len(paths)

        def first(indices: list[int], marked: list[Mark | None], results: bytes | list[CheckResult]) -> None:
            for i, mark in zip(indices, marked):
                marks[i] = mark
            kept.put(indices, results)

        def again(ns: list[int], marked: list[Mark | None], results: bytes | list[CheckResult]) -> None:
            kept.put([order[n] for n in ns], results)

        run([(p, None) for p in paths], first)
        pairs = {} if prior is not None else _pairs(marks)
        order = list(pairs)
        run([(paths[i], paths[j]) for i, j in pairs.items()], again)
        handed: weakref.WeakValueDictionary[int, Report] = weakref.WeakValueDictionary()  # one object per report
        for i in range(len(paths)):
            result = kept.get(i)
            if result.report is not None:
                result.report = handed.setdefault(i, result.report)
                if prior is not None:
                    result.report.previous = prior
                elif i in pairs:  # the year before, as this batch keeps it
                    result.report.previous = _previous_of(pairs[i], kept, handed)
            yield result
            del result
    finally:
        kept.close()
        forget()


# Takes the results of some inputs, by the inputs' indices: their marks, and the results (pickled
# together, as a worker sends them, or not).
Keep = Callable[[list[int], "list[Mark | None]", "bytes | list[CheckResult]"], None]


def _previous_of(j: int, kept: _Kept, handed: weakref.WeakValueDictionary[int, Report]) -> Report | None:
    """Input ``j``'s report as last year's of another: the one handed out (or to be), while it is
    alive; else read again — its final result's, or its first pass's where the final has none."""
    report = handed.get(j)
    if report is not None:
        return report
    report = kept.get(j).report
    if report is not None:
        return handed.setdefault(j, report)
    return kept.get(j, first=True).report


class _Kept:
    """A batch's results by input index, as they come a chunk at a time: each input's final
    result, and its first pass's where a second (the check against last year's report) replaced
    it. In a parallel batch (``spool``) the chunks are written, as the workers pickled them, one
    after another to an anonymous temporary file — gone when closed, or when the process ends,
    however it ends — and only their places are kept in memory; a chunk is read back when one of
    its results is asked for, and the last few read are kept (results are asked for in input
    order, and a chunk holds consecutive inputs). A small batch's chunks, and every chunk when no
    temporary file can be made or once the disk is full, wait in memory instead (the file is
    unbuffered, so a failed write leaves nothing pending in it)."""

    KEEP = 2  # chunks read back and kept: a first pass's and a second's

    def __init__(self, spool: bool) -> None:
        self._file = None
        if spool:
            import tempfile

            try:
                self._file = tempfile.TemporaryFile(buffering=0)
            except OSError:  # no temporary folder to write to: the results wait in memory
                log.warning("no spool for the batch; its results are kept in memory", exc_info=True)
        self._end = 0  # where the next chunk goes: the file's length
        self._full = False  # a write failed: the chunks written stay in the file, the rest in memory
        # each chunk: (offset, length) in the file, or in memory as sent (pickled or not)
        self._chunks: list[tuple[int, int] | bytes | list[CheckResult]] = []
        self._final: dict[int, tuple[int, int]] = {}  # input -> (its chunk, its place in it)
        self._first: dict[int, tuple[int, int]] = {}
        self._read: dict[int, list[CheckResult]] = {}  # chunk -> its results, the last few read

    def put(self, indices: list[int], results: bytes | list[CheckResult]) -> None:
        chunk = len(self._chunks)
        self._chunks.append(results if self._file is None or self._full else self._write(results))
        for place, i in enumerate(indices):
            if i in self._final:
                self._first.setdefault(i, self._final[i])
            self._final[i] = (chunk, place)

    def _write(self, results: bytes | list[CheckResult]) -> tuple[int, int] | bytes | list[CheckResult]:
        """Where the chunk ``results`` is kept: its offset and length in the file, or ``results``
        itself should the file refuse it."""
        import pickle

        data = results if isinstance(results, bytes) else pickle.dumps(results, pickle.HIGHEST_PROTOCOL)
        try:
            self._file.seek(self._end)
            view = memoryview(data)
            while view:
                view = view[self._file.write(view) :]
        except OSError:  # the disk is full (or gone): the rest waits in memory, as a small batch's does
            log.warning("the batch's spool could not be written; its results are kept in memory", exc_info=True)
            self._full = True
            return results
        at, self._end = self._end, self._end + len(data)
        return at, len(data)

    def get(self, i: int, first: bool = False) -> CheckResult:
        chunk, place = self._first.get(i, self._final[i]) if first else self._final[i]
        results = self._read.get(chunk)
        if results is None:
            results = self._chunks[chunk]
            if isinstance(results, tuple):
                results = self._load(*results)
            if isinstance(results, bytes):  # a worker's pickled chunk
                import pickle

                results = self._read[chunk] = pickle.loads(results)
                while len(self._read) > self.KEEP:
                    del self._read[next(iter(self._read))]
        return results[place]

    def _load(self, at: int, length: int) -> bytes:
        data = bytearray()
        self._file.seek(at)
        while len(data) < length:
            piece = self._file.read(length - len(data))
            if not piece:
                raise OSError("the batch's spool ended early")
            data += piece
        return bytes(data)

    def close(self) -> None:
        self._read.clear()
        self._chunks.clear()
        if self._file is not None:
            self._file.close()


def expand_inputs(items: list[str]) -> list[str]:
    """Files as given; folders replaced by the reports inside them (Word's ~$ lock files skipped).
    A legacy .doc/.wps in a folder is listed too, so that it is answered as unreadable (with what
    to do) rather than silently left out of a batch or a 汇总."""
    files: list[str] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            # legacy Word/WPS copies too: never read, but answered (「另存为 .docx」), not skipped
            found = [p for p in path.rglob("*") if (formats.is_report(p) or formats.is_legacy(p)) and p.is_file()]
            files += sorted(str(p) for p in found if not p.name.startswith("~$"))
        else:
            files.append(item)
    return files
