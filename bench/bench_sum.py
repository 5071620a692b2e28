"""Benchmark: `nianbao sum FOLDER` over 500 reports, next to `nianbao check FOLDER` on the same files.

500 reports of 500 different units (layouts cycled, some with faults) are generated; both commands
run on the folder in the same run, alternated, twice each. The batch check is the floor: a sum reads and checks every
report as the check does, then chooses the parts, adds them up and checks the sum. Target: the
sum within 10 % of the check.

    .venv/bin/python bench/bench_sum.py
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

import fixturegen  # noqa: E402

COUNT = 500


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
    return time.perf_counter() - start, proc


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="nianbao-sum-"))
    try:
        layouts = itertools.cycle(fixturegen.LAYOUTS.values())
        for i in range(COUNT):
            spec = fixturegen.make_spec(
                next(layouts),
                agency=f"某市第{i}区市场监督管理局",
                raw={"appeals.review.total": "9"} if i % 7 == 0 else {},
                seed=i,
            )
            fixturegen.build_docx(folder / f"报告{i:03d}.docx", spec)
        exe = shutil.which("nianbao", path=str(Path(sys.executable).parent))
        command = [exe] if exe else [sys.executable, "-m", "app.cli"]
        # Alternated (check, sum, sum, check) so that a warm cache or a busy neighbour on the
        # shared cores weighs on both alike; each figure is the median of its runs.
        times: dict[str, list[float]] = {"check": [], "sum": []}
        for name in ("check", "sum", "sum", "check"):
            elapsed, proc = timed([*command, name, str(folder), *(["--json"] if name == "sum" else [])])
            times[name].append(elapsed)
            if name == "sum":
                data = json.loads(proc.stdout)
        check_s, sum_s = statistics.median(times["check"]), statistics.median(times["sum"])
        print(
            f"{COUNT} reports, {os.cpu_count()} cores: `nianbao sum FOLDER` took {sum_s:5.1f} s "
            f"({sum_s / COUNT * 1000:.0f} ms per report), {len(data['parts'])} parts added"
        )
        print(
            f"floor, `nianbao check FOLDER` on the same files: {check_s:5.1f} s; "
            f"sum / check = {sum_s / check_s:.2f} (target ≤ 1.10)"
        )
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
