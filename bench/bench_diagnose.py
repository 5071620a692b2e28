"""Benchmark: diagnosis time (which cell broke the sums), typical and worst case.

Prints the median time of :func:`core.diagnose.diagnose` on in-memory reports — a typical faulty
report (one slip in 表三, one in 表四, like the bundled sample), three slips in 表三 (the
deepest search), a report where two slips cancel in a column, and the worst case, every relation
broken — beside a floor measured in the same run: reading all relations of the report from the
schema and evaluating each once. Targets (issue #15): under 5 ms typical, under 50 ms worst.

    .venv/bin/python bench/bench_diagnose.py
"""

from __future__ import annotations

import random
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from bench_check import median_ms, ratio_line  # noqa: E402

import fixturegen  # noqa: E402
from core.diagnose import diagnose, equations  # noqa: E402
from core.document import Document  # noqa: E402
from core.report import Located, Report  # noqa: E402
from core.values import parse_value  # noqa: E402


def report_of(values: dict) -> Report:
    report = Report(document=Document(kind="docx", blocks=[]))
    report.cells = {cid: Located(parse_value(str(v))) for cid, v in values.items()}
    return report


def evaluate_all(report: Report) -> int:
    """The floor: every relation built from the schema and evaluated once on the found figures."""
    broken = 0
    for eq in equations(report):
        lhs = sum(k * int(report.value(c).counted) for c, k in zip(eq.cells, eq.coefs, strict=True))
        broken += lhs != eq.const
    return broken


def _timed(fn, arg) -> float:
    start = time.perf_counter()
    fn(arg)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    good = fixturegen.consistent_values(7)
    rng = random.Random(50)
    low = next(f"requests.{r}.natural" for r in fixturegen.RESULT_ROWS[1:] if good[f"requests.{r}.natural"] >= 2)
    cases = {
        "typical (1 slip in 表三, 1 in 表四)": good
        | {
            "requests.granted.natural": 12 if good["requests.granted.natural"] != 12 else 21,
            "appeals.review.upheld": 3,
        },
        "3 slips in 表三": good
        | {"requests.granted.natural": 31, "requests.denied_law.business": 17, "requests.unable_create.legal": 4},
        "2 slips cancelling in a column": good
        | {
            "requests.granted.natural": int(good["requests.granted.natural"]) + 2,
            low: int(good[low]) - 2,
        },
        "4 slips in 表三 (beyond 3: searched in full, none)": good
        | {
            "requests.granted.natural": 31,
            "requests.denied_law.business": 17,
            "requests.unable_create.legal": 4,
            "requests.rejected_mass.research": 9,
        },
        "worst (every relation broken)": {k: (rng.randint(0, 99) if "." in k else v) for k, v in good.items()},
    }
    targets = {name: 50 for name in cases} | {"typical (1 slip in 表三, 1 in 表四)": 5}
    for name, values in cases.items():
        report = report_of(values)
        diagnose(report)  # warm the schema
        found = diagnose(report)
        broken = evaluate_all(report)
        total = len(equations(report))
        took = median_ms(lambda r=report: diagnose(r), 51)
        floor = median_ms(lambda r=report: evaluate_all(r), 51)
        target = f" (target < {targets[name]} ms)" if name in targets else ""
        summary = "; ".join(
            f"{len(d.changes)} 处{'（唯一）' if d.unique else f'，{1 + len(d.alternatives)} 种可能'}" for d in found
        )
        print(f"{name}: {broken}/{total} relations broken, diagnoses: {summary or 'none'}")
        print("  " + ratio_line("diagnose", took, "evaluate all relations once", floor) + target)
    # the slowest of many random faulty reports (1 to 5 cells off by a few)
    ids = [k for k in good if k.startswith(("requests.", "appeals."))]
    slowest, which = 0.0, {}
    for _ in range(300):
        values = dict(good)
        for c in rng.sample(ids, rng.randint(1, 5)):
            values[c] = max(0, int(values[c]) + rng.choice([-3, -2, -1, 1, 2, 3, 9]))
        report = report_of(values)
        took = min(_timed(diagnose, report) for _ in range(3))  # the least disturbed of three runs
        if took > slowest:
            slowest, which = took, {c: values[c] for c in ids if values[c] != good[c]}
    print(f"slowest of 300 random faulty reports: {slowest:6.2f} ms (target < 50 ms), faults {which}")


if __name__ == "__main__":
    main()
