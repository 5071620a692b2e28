"""Benchmark: parse+check time in-process, and the whole `nianbao check` command, each beside its floor.

Prints figures for a typical report and a 200-row stress report (a typical report with a
200-row annex table and a long narrative), each beside the floor measured in the same run: for
the in-process check, unzipping the draft and parsing its ``word/document.xml`` with lxml (what
any reader must do at least); for the whole command, a bare interpreter start (``python -S -c pass``,
interleaved with the command; both without ``site`` and from bytecode, as bench/bench_start.py
explains). Targets (issue 18): ≤ 5× and ≤ 3× those floors; a typical check well under 50 ms in-process.
The in-process figure and its floor are timed alternately, run by run, so that a busy machine
slows both alike; each in-process check starts with the label memos emptied (core.memo), as a
first check does, so a repeated file gains nothing from the runs before it.

    .venv/bin/python bench/bench_check.py
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent

import fixturegen  # noqa: E402
from core import memo  # noqa: E402
from core.check import check_file  # noqa: E402


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def interleaved_ms(first, second, runs: int) -> tuple[float, float]:
    """Medians of two operations timed alternately, run by run."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for fn, out in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[0]), statistics.median(times[1])


def first_check(path: Path) -> None:
    """One check as the first of a session makes it: nothing remembered from an earlier one."""
    memo.clear()
    check_file(path)


def ratio_line(label: str, figure_ms: float, floor_label: str, floor_ms: float) -> str:
    """One benchmark figure beside its floor, measured in the same run, and their ratio."""
    return (
        f"{label}: {figure_ms:7.1f} ms   floor ({floor_label}) {floor_ms:7.1f} ms   ratio {figure_ms / floor_ms:5.1f}x"
    )


def parse_floor(path: Path) -> None:
    """The least a DOCX reader does: open the package and parse the main part."""
    with zipfile.ZipFile(path) as package:
        etree.fromstring(package.read("word/document.xml"))


def _command() -> list[str]:
    """The console script's ``entry()`` without ``site`` (bench_start.BOOT), from bytecode."""
    from bench_start import BOOT, SITE_PACKAGES, compile_checkout

    compile_checkout(ROOT)
    return [sys.executable, "-S", "-c", BOOT.format(root=str(ROOT), site=SITE_PACKAGES)]


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    typical = fixturegen.build_docx(folder / "typical.docx", fixturegen.make_spec())
    stress = fixturegen.build_docx(
        folder / "stress.docx", fixturegen.make_spec(fixturegen.Layout(extra_rows=200, requests="loose"))
    )
    check_file(typical)  # warm imports
    command = _command()
    print(f"command: {sys.executable} -S -c 'from app.cli import entry; entry()' check FILE")
    for name, path in (("typical", typical), ("200-row stress", stress)):
        result = check_file(path)
        assert result.ok and result.errors == 0, result.findings
        in_process, floor = interleaved_ms(lambda p=path: first_check(p), lambda p=path: parse_floor(p), 41)
        interpreter, whole = interleaved_ms(
            lambda: subprocess.run([sys.executable, "-S", "-c", "pass"], check=True),
            lambda p=path: subprocess.run([*command, "check", str(p)], check=True, capture_output=True),
            9,
        )
        print(f"{name} ({path.stat().st_size / 1024:.1f} KiB)")
        print("  " + ratio_line("parse+check in-process", in_process, "unzip + lxml parse of document.xml", floor))
        print("  " + ratio_line("whole `nianbao check`  ", whole, "python -S -c pass", interpreter))
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
