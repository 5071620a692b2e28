"""Benchmark of the built executable: folder size, start-up to a shown window, and `check` time.

    python bench/bench_exe.py build/dist/nianbao
Targets (issue: a double-click executable): window shown in under 2 s; the folder under 200 MB.
Start-up is measured as the whole `nianbao --screenshot` run (process start, window shown with
the sample loaded and painted, PNG written): an upper bound of the time to a shown window.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _median(command: list[str], runs: int = 5) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(dist: Path) -> None:
    size = sum(p.stat().st_size for p in dist.rglob("*") if p.is_file() and not p.is_symlink())  # links share data
    suffix = ".exe" if os.name == "nt" else ""
    windowed, console = dist / f"nianbao{suffix}", dist / f"nianbao-console{suffix}"
    sample = ROOT / "samples" / "示例-有误.docx"
    shot = Path(tempfile.mkdtemp()) / "shot.png"
    print(f"folder size:                       {size / 1024 / 1024:6.1f} MB (target < 200 MB)")
    print(
        f"start to window shown (screenshot): {_median([str(windowed), '--screenshot', str(shot), str(sample)]):6.2f} s (target < 2 s)"
    )
    print(f"`nianbao-console check` on sample:  {_median([str(console), 'check', str(sample)]):6.2f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "build" / "dist" / "nianbao"))
