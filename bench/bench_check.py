"""Benchmark: parse+check time in-process, and the whole `nianbao check` command.

Prints figures for a typical report and a 200-row stress report (a typical report with a
200-row annex table and a long narrative). Targets (issue: read and check from the command line):
under 50 ms in-process for a typical report, under 0.6 s for the whole command.

    .venv/bin/python bench/bench_check.py
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import fixturegen  # noqa: E402
from core.check import check_file  # noqa: E402


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _command() -> list[str]:
    exe = shutil.which("nianbao", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "app.cli"]


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    typical = fixturegen.build_docx(folder / "typical.docx", fixturegen.make_spec())
    stress = fixturegen.build_docx(
        folder / "stress.docx", fixturegen.make_spec(fixturegen.Layout(extra_rows=200, requests="loose"))
    )
    check_file(typical)  # warm imports
    command = _command()
    print(f"command: {' '.join(command)} check FILE")
    for name, path, target_ms in (("typical", typical, 50), ("200-row stress", stress, None)):
        result = check_file(path)
        assert result.ok and result.errors == 0, result.findings
        in_process = median_ms(lambda p=path: check_file(p), 21)
        whole = median_ms(
            lambda p=path: subprocess.run([*command, "check", str(p)], check=True, capture_output=True), 7
        )
        note = f" (target < {target_ms} ms)" if target_ms else ""
        print(f"{name:>15}: {path.stat().st_size / 1024:6.1f} KiB  parse+check median {in_process:6.1f} ms{note}")
        print(f"{'':>15}  whole `nianbao check` median {whole:6.0f} ms (target < 600 ms)")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
