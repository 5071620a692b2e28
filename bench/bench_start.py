"""Benchmark: the whole `nianbao check` process beside a bare interpreter start, in the same run.

Issue 18's target: a whole ``check`` within 3× ``python -c pass``. Both are measured the way the
product runs, not the way a development checkout happens to:

- **without ``site``** (``python -S``, the program's folder and the dependencies' folder put on
  ``sys.path`` by the command itself): the frozen executable does not run ``site`` either, and an
  editable install (``pip install -e``) makes ``site`` import a path finder (pathlib, urllib, …,
  about 10 ms) into every start — the floor's as much as the program's, which flatters the ratio;
- **from bytecode**: the checkout's modules are compiled first (``compileall``), as ``pip install``
  and the frozen build do; where ``PYTHONDONTWRITEBYTECODE`` is set (as on the development
  machines) every start would otherwise compile our ~9,000 lines again.

A second floor, printed in the same rounds, is ``python -S`` importing only the libraries any check
must load (lxml.etree and the standard library's zipfile, json, argparse, re, decimal, pathlib,
unicodedata; nothing of ours): about 4× the bare start on its own, so it says how close the program
is to what CPython and lxml allow, where 3× the bare start cannot be reached.

Rounds are interleaved (floor, text, ``--json``, …) and medians printed, as wall time and as the
processes' CPU time (user + system: steadier when other work shares the cores). The console script
of this virtual environment against its own ``python -c pass`` (``site`` and all) follows for
comparison, and a breakdown of one fresh process: importing ``app.cli.check``, the first check (which
imports the reader, lxml and the rules, and loads the schema) and a second one. ``--against DIR``
measures another checkout (e.g. ``git archive main | tar -x -C DIR``) in the same rounds.

    .venv/bin/python bench/bench_start.py [--runs 15] [--against DIR] [FILE]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "示例-有误.docx"
SITE_PACKAGES = sysconfig.get_paths()["purelib"]  # lxml, python-docx, … (platlib is the same in a venv)

# The second floor: what any check must import whatever its own code does — lxml for the XML, and
# the standard library's zip, JSON, command-line, regular-expression, decimal and path modules —
# imported by ``python -S`` with nothing of ours: how close the program is to what CPython and lxml allow.
LIBRARIES = ("lxml.etree", "zipfile", "json", "argparse", "re", "decimal", "pathlib", "unicodedata")
LIBRARY_FLOOR = "import sys; sys.path[:0] = [{site!r}]; import " + ", ".join(LIBRARIES)
# What the console script does (``from app.cli import entry; entry()``), with the checkout first on
# sys.path and the dependencies after it; sys.argv[1:] are the command's arguments.
BOOT = "import sys; sys.path[:0] = [{root!r}, {site!r}]; from app.cli import entry; entry()"
# One fresh process's import, first check and second check, in ms (printed as three numbers).
BREAKDOWN = (
    "import sys, time, io, contextlib; sys.path[:0] = [{root!r}, {site!r}]; t0 = time.perf_counter()\n"
    "from app.cli import main\nimport app.cli.check\n"
    "t1 = time.perf_counter()\n"
    "with contextlib.redirect_stdout(io.StringIO()): main(['check', '--json', sys.argv[1]])\n"
    "t2 = time.perf_counter()\n"
    "with contextlib.redirect_stdout(io.StringIO()): main(['check', '--json', sys.argv[1]])\n"
    "t3 = time.perf_counter()\n"
    "sys.stderr.write(' '.join(f'{{1000 * x:.2f}}' for x in (t1 - t0, t2 - t1, t3 - t2)))"
)


def run(command: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) time of one process, in ms; it must exit 0 or 1 (findings)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{command} exited with {code}")
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def compile_checkout(root: Path) -> None:
    for package in ("app", "core", "gui", "resources"):
        if (root / package).is_dir():
            compileall.compile_dir(str(root / package), quiet=1)


def commands(root: Path, file: Path) -> dict[str, list[str]]:
    boot = BOOT.format(root=str(root), site=SITE_PACKAGES)
    return {
        "check FILE": [sys.executable, "-S", "-c", boot, "check", str(file)],
        "check --json FILE": [sys.executable, "-S", "-c", boot, "check", "--json", str(file)],
    }


def breakdown(root: Path, file: Path, runs: int) -> str:
    code = BREAKDOWN.format(root=str(root), site=SITE_PACKAGES)
    rows = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-S", "-c", code, str(file)], capture_output=True, text=True)
        rows.append([float(x) for x in proc.stderr.split()[-3:]])
    imp, first, second = (statistics.median(col) for col in zip(*rows))
    return f"import app.cli.check {imp:6.1f} ms   first check {first:6.1f} ms   second check {second:6.1f} ms"


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("file", nargs="?", type=Path, default=SAMPLE)
    args.add_argument("--runs", type=int, default=15)
    args.add_argument("--against", type=Path, help="another checkout to measure in the same rounds")
    opts = args.parse_args()
    roots = {"this": ROOT} | ({"against": opts.against.resolve()} if opts.against else {})
    for root in roots.values():
        compile_checkout(root)
    installed = Path(sys.executable).parent / ("nianbao.exe" if os.name == "nt" else "nianbao")
    timed = {"floor: python -S -c pass": [sys.executable, "-S", "-c", "pass"]}
    libraries = "floor: python -S, the libraries imported"
    timed[libraries] = [sys.executable, "-S", "-c", LIBRARY_FLOOR.format(site=SITE_PACKAGES)]
    for name, root in roots.items():
        timed |= {f"{name}: {label}": command for label, command in commands(root, opts.file).items()}
    timed["as installed here: python -c pass"] = [sys.executable, "-c", "pass"]
    if installed.exists():
        timed["as installed here: nianbao check FILE"] = [str(installed), "check", str(opts.file)]
    for command in timed.values():  # warm the disk cache; nothing is timed
        run(command)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in timed}
    for _ in range(opts.runs):
        for name, command in timed.items():
            times[name].append(run(command))
    medians = {name: tuple(statistics.median(col) for col in zip(*rows)) for name, rows in times.items()}
    print(f"file: {opts.file.name}; {opts.runs} interleaved rounds, medians; ratios to the floor of the same run")
    print(f"  (the libraries: {', '.join(LIBRARIES)}; second ratio: to them)")
    for name, (wall, cpu) in medians.items():
        floor = medians["as installed here: python -c pass" if name.startswith("as installed") else next(iter(medians))]
        line = (
            f"  {name:40s} wall {wall:6.1f} ms ({wall / floor[0]:4.1f}x)   cpu {cpu:6.1f} ms ({cpu / floor[1]:4.1f}x)"
        )
        if not name.startswith(("as installed", "floor")):
            lib_wall, lib_cpu = medians[libraries]
            line += f"   to the libraries: wall {wall / lib_wall:4.1f}x, cpu {cpu / lib_cpu:4.1f}x"
        print(line)
    for name, root in roots.items():
        print(f"  {name}: one fresh process: {breakdown(root, opts.file, max(5, opts.runs // 2))}")


if __name__ == "__main__":
    main()
