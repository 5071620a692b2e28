"""Benchmark: checking a batch of 500 generated reports end to end, as `nianbao check FOLDER`.

Twenty reports are generated (different agencies, years, layouts and faults) and copied to 500
files; the whole command is timed. Target (issue: beyond arithmetic, and a whole batch): under
30 s on the 2-core machine.

    .venv/bin/python bench/bench_batch.py
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import fixturegen  # noqa: E402

COUNT = 500


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
    print(
        f"{COUNT} reports, {os.cpu_count()} cores: `nianbao check FOLDER` took {elapsed:5.1f} s "
        f"({elapsed / COUNT * 1000:.0f} ms per report; target < 30 s)"
    )
    print(f"last line: {lines[-1] if lines else proc.stderr.strip()[:200]}")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
