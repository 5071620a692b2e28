"""汇总: adding the statutory tables of many reports cell by cell (逐级汇总).

Core layer. What a 主管部门 or a government needs for its own 本级/汇总 report: every statutory
cell summed over the readable inputs (blanks and placeholders count as 0; text that is not a
number cannot be added and leaves its input listed with the error), then checked like a report.
"""

from __future__ import annotations

from decimal import Decimal

from core.check import CheckResult
from core.document import Document
from core.report import Located, Meta, Report
from core.rules import run_rules
from core.schema import schema
from core.values import format_number, parse_value


def sum_reports(results: list[CheckResult]) -> CheckResult:
    readable = [r.report for r in results if r.report is not None]
    years = {r.meta.year for r in readable}
    year = years.pop() if len(years) == 1 else None
    summed = Report(document=Document(blocks=[], kind="sum"), meta=Meta(title=f"{len(readable)} 份报告汇总", year=year))
    for table in schema().tables:
        summed.tables[table.id] = []
        for cell_id in table.cell_ids(with_optional=False):
            total, seen = Decimal(0), False
            for report in readable:
                value = report.value(cell_id)
                if value is not None and value.counted is not None:
                    total += value.counted
                    seen = True
            if seen:
                summed.cells[cell_id] = Located(parse_value(format_number(total)), -1, -1, -1)
    return CheckResult(file="汇总", report=summed, findings=run_rules(summed))
