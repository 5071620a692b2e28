"""Benchmark: checking a batch of 500 generated reports end to end, as `nianbao check FOLDER`.

Twenty reports are generated (different agencies, years, layouts and faults) and copied to 500
files; the whole command is timed beside two floors measured in the same run: two worker processes
that check each draft in-process and return only its counts (what the batch machinery costs on
top: issue 18's target is ≤ 1.15× this), and two workers that only unzip and parse each draft's
``word/document.xml`` (the least any reader does).

    .venv/bin/python bench/bench_batch.py
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from bench_check import parse_floor, ratio_line  # noqa: E402

import fixturegen  # noqa: E402

COUNT = 500


def _parsed(path: Path) -> int:
    parse_floor(path)
    return 1


def _checked(path: Path) -> int:
    from core.check import check_file

    result = check_file(path)
    return 1 if result.ok else 0


def floor_seconds(work, files: list[Path]) -> float:
    """Two workers (this machine's cores) doing ``work`` on every file and returning a count."""
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        assert sum(pool.map(work, files, chunksize=8)) == len(files)
    return time.perf_counter() - start


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="nianbao-batch-"))
    layouts = itertools.cycle(fixturegen.LAYOUTS.values())
    originals = []
    for i in range(20):
        spec = fixturegen.make_spec(
            next(layouts),
            agency=f"某市第{i}区市场监督管理局",
            year=2022 + i % 2,
            raw={"appeals.review.total": "9"} if i % 3 == 0 else {},
            seed=i,
        )
        originals.append(fixturegen.build_docx(folder / f"src{i}.docx", spec))
    batch = folder / "batch"
    batch.mkdir()
    for n in range(COUNT):
        shutil.copy(originals[n % len(originals)], batch / f"报告{n:03d}.docx")
    exe = shutil.which("nianbao", path=str(Path(sys.executable).parent))
    command = [exe] if exe else [sys.executable, "-m", "app.cli"]
    start = time.perf_counter()
    proc = subprocess.run([*command, "check", str(batch)], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    lines = proc.stdout.strip().splitlines()
    files = sorted(batch.iterdir())
    label = f"{COUNT} reports, `nianbao check FOLDER`"
    print(
        ratio_line(label, elapsed * 1000, "2 workers checking, returning counts", floor_seconds(_checked, files) * 1000)
    )
    print(
        ratio_line(label, elapsed * 1000, "2 workers only parsing document.xml", floor_seconds(_parsed, files) * 1000)
    )
    print(f"last line: {lines[-1] if lines else proc.stderr.strip()[:200]}")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
