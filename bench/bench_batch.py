"""Benchmark: checking batches of 100, 500 and 2,000 generated reports end to end, as
`nianbao check FOLDER`, each beside its floors measured in the same run.

Twenty reports are generated (different agencies, years, layouts and faults) and copied to each
batch's files. Every figure is a whole process, timed from outside, and each process reports its
own (the parent's) peak resident memory (Linux's ``VmHWM``, which leaves the workers
out). The floors: two worker processes that check each draft in-process and return only its
counts (what the batch machinery costs on top: issue 18's target is ≤ 1.15× this), and two
workers that only unzip and parse each draft's ``word/document.xml`` (the least any reader does).
The runs are interleaved (nianbao, then its floors, size after size, ``--repeat`` times) and
medians printed, since the machine is shared. Per-report time at each size shows whether the
cost is linear; the parent's peak memory at each size, beside the floor parent's, whether it
stays flat.

    .venv/bin/python bench/bench_batch.py [--sizes 100,500,2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 500, 2000)
RSS = "PEAK_RSS_KIB"  # the line each measured process ends its standard error with

# The process's own peak memory: Linux's high-water mark of its address space (getrusage's
# ru_maxrss would include the size of the process that started it, kept across exec).
PEAK = f"""
def peak():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
def report_peak():
    sys.stdout.flush()
    sys.stderr.write("\\n{RSS} %d\\n" % peak())
"""

# `nianbao check FOLDER` as the entry point runs it, reporting the process's own peak memory.
NIANBAO = f"""
import sys
{PEAK}
from app.cli import main
try:
    status = main(sys.argv[1:])
finally:
    report_peak()
raise SystemExit(status)
"""

# A floor as its own process: ``bench_batch.floor(kind, folder)``.
FLOOR = f"""
import sys
{PEAK}
sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / "bench")!r}]
from bench_batch import floor
floor(sys.argv[1], sys.argv[2])
report_peak()
"""


def _parsed(path: Path) -> int:
    from bench_check import parse_floor

    parse_floor(path)
    return 1


def _checked(path: Path) -> int:
    from core.check import check_file

    result = check_file(path)
    return 1 if result.ok else 0


FLOORS = {
    "checked": (_checked, "2 workers checking, returning counts"),
    "parsed": (_parsed, "2 workers only parsing document.xml"),
}


def floor(kind: str, folder: str) -> None:
    """Two workers (this machine's cores) doing a floor's work on every file of ``folder`` and
    returning a count; what they need imported before the pool starts, as nianbao does."""
    from concurrent.futures import ProcessPoolExecutor

    import core.check  # noqa: F401

    if kind == "parsed":
        import bench_check  # noqa: F401
    work = FLOORS[kind][0]
    files = sorted(Path(folder).iterdir())
    with ProcessPoolExecutor(max_workers=2) as pool:
        assert sum(pool.map(work, files, chunksize=8)) == len(files)


def _cpu() -> float:
    """CPU seconds (user + system) of this process's finished children, their workers included."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(code: str, *args: str) -> tuple[float, float, str, float]:
    """(seconds, the process's peak memory in MiB, its last line of output, CPU seconds of the
    process and its workers) of ``python -c code``."""
    start, cpu = time.perf_counter(), _cpu()
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    cpu = _cpu() - cpu
    rss = [line for line in proc.stderr.splitlines() if line.startswith(RSS)]
    if not rss:
        raise SystemExit(f"failed: {proc.stderr[-2000:]}")
    lines = proc.stdout.strip().splitlines()
    return elapsed, int(rss[-1].split()[1]) / 1024, lines[-1] if lines else "", cpu


def _originals(folder: Path) -> list[Path]:
    import fixturegen

    layouts = itertools.cycle(fixturegen.LAYOUTS.values())
    out = []
    for i in range(20):
        spec = fixturegen.make_spec(
            next(layouts),
            agency=f"某市第{i}区市场监督管理局",
            year=2022 + i % 2,
            raw={"appeals.review.total": "9"} if i % 3 == 0 else {},
            seed=i,
        )
        out.append(fixturegen.build_docx(folder / f"src{i}.docx", spec))
    return out


def main() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_check import ratio_line
    from bench_start import compile_checkout

    compile_checkout(ROOT)  # the parent starts from bytecode, as installed and as built (docs/start.md)

    args = argparse.ArgumentParser()
    args.add_argument("--sizes", default=",".join(map(str, SIZES)))
    args.add_argument("--repeat", type=int, default=3)
    opts = args.parse_args()
    sizes = [int(n) for n in opts.sizes.split(",")]
    root = Path(tempfile.mkdtemp(prefix="nianbao-batch-"))
    originals = _originals(root)
    folders = {}
    for n in sizes:
        folders[n] = root / f"batch{n}"
        folders[n].mkdir()
        for i in range(n):
            shutil.copy(originals[i % len(originals)], folders[n] / f"报告{i:04d}.docx")
    _run(NIANBAO, "check", str(folders[sizes[0]]))  # warm up: the files and modules in the page cache
    for kind in FLOORS:
        _run(FLOOR, kind, str(folders[sizes[0]]))
    runs: dict[tuple[str, int], list[tuple[float, float, float]]] = {}
    last = {}
    for _ in range(opts.repeat):  # interleaved: each figure beside its floors, time after time
        for n in sizes:
            seconds, mib, last[n], cpu = _run(NIANBAO, "check", str(folders[n]))
            runs.setdefault(("nianbao", n), []).append((seconds, mib, cpu))
            for kind in FLOORS:
                seconds, mib, _, cpu = _run(FLOOR, kind, str(folders[n]))
                runs.setdefault((kind, n), []).append((seconds, mib, cpu))
    shutil.rmtree(root)

    def ms(kind: str, n: int) -> float:
        return statistics.median(s for s, _, _ in runs[(kind, n)]) * 1000

    def mib(kind: str, n: int) -> float:
        return statistics.median(m for _, m, _ in runs[(kind, n)])

    def cpu_ms(kind: str, n: int) -> float:
        return statistics.median(c for _, _, c in runs[(kind, n)]) * 1000

    print(f"medians of {opts.repeat} interleaved runs, each a whole process")
    for n in sizes:
        label = f"{n:5d} reports, `nianbao check FOLDER`"
        for kind, (_, floor_label) in FLOORS.items():
            print(ratio_line(label, ms("nianbao", n), floor_label, ms(kind, n)))
        print(
            f"{n:5d} reports: {ms('nianbao', n) / n:6.2f} ms per report (floor {ms('checked', n) / n:6.2f} ms); "
            f"parent's peak memory {mib('nianbao', n):6.1f} MiB (floor's parent {mib('checked', n):6.1f} MiB)"
            f"; last line: {last[n]}"
        )
        print(
            f"{n:5d} reports: ratio to the 2-worker floor {ms('nianbao', n) / ms('checked', n):.3f} (wall), "
            f"{cpu_ms('nianbao', n) / cpu_ms('checked', n):.3f} (CPU of the process and its workers: "
            f"{cpu_ms('nianbao', n):.0f} ms against {cpu_ms('checked', n):.0f} ms)"
        )
    small, large = min(sizes), max(sizes)
    if small != large:
        per = {k: (ms(k, large) / large) / (ms(k, small) / small) for k in ("nianbao", "checked")}
        print(
            f"linearity: per-report time at {large} / at {small} reports: nianbao {per['nianbao']:.2f}, "
            f"floor {per['checked']:.2f} (1.00 = linear; process start weighs more on the small batch)"
        )
        print(
            f"memory: parent's peak from {small} to {large} reports: nianbao {mib('nianbao', small):.1f} → "
            f"{mib('nianbao', large):.1f} MiB ({mib('nianbao', large) - mib('nianbao', small):+.1f}), floor "
            f"{mib('checked', small):.1f} → {mib('checked', large):.1f} MiB "
            f"({mib('checked', large) - mib('checked', small):+.1f})"
        )


if __name__ == "__main__":
    main()
