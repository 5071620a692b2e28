"""The rule that checks a summary (汇总) report against the sum of its parts.

Core layer. Silent unless ``report.summed`` is set: ``nianbao sum … --against SUMMARY`` and the
batch view's 「载入汇总报告」 set it to the parts added up (:class:`core.summing.PartsSum`).
"""

from __future__ import annotations

import re

from core.report import Report
from core.rules import ERROR, WARNING, Finding, Rule, rule
from core.schema import cell_display, schema
from core.values import format_number

SUM_RULE = "SUM-PARTS"
SHOWN_PARTS = 6  # contributors named in a message; the rest are counted
# A summary that says it holds the government's own (本级) figures besides its parts' sum:
# 含本级, 包括县政府本级, 本级及所属各部门 …. Compiled by re on first use (a summary), not at every start.
OWN_FIGURES = (
    r"(?:含|包括|包含|加上)[^。；]{0,15}本级|本级(?:政府|机关)?[^。；]{0,4}(?:及|和|与)[^。；]{0,12}(?:所属|下属|各)"
)


def says_own_figures(report: Report) -> bool:
    """Whether a summary report states that it holds its government's own (本级) figures."""
    return any(re.search(OWN_FIGURES, text) for _, text in report.narrative())


def _contributors(who: list) -> str:
    if not who:
        return "各单位报告此格均为 0"
    shown = "，".join(f"{name} {format_number(n)}" for name, n in who[:SHOWN_PARTS])
    more = f" 等 {len(who)} 个单位" if len(who) > SHOWN_PARTS else ""
    return f"计入的单位：{shown}{more}"


@rule(SUM_RULE, ERROR, "汇总报告的数字与各单位报告之和不一致", "汇总与各单位不符")
def sum_parts(self: Rule, report: Report):
    """With the reports of its parts (``nianbao sum … --against``, or 「载入汇总报告」 in the batch
    view): every statutory cell of a summary (汇总) report equals the sum of that cell over the
    parts, each disagreeing cell named with both figures, the difference and the units that
    contribute to it. A summary that states it includes its government's own (本级) figures may be
    larger than its parts, never smaller. Where parts are missing (a listed unit without a report,
    an unreadable report) the finding is a warning, since the missing part may explain it."""
    parts = report.summed
    if parts is None:
        return
    own = says_own_figures(report)
    severity = WARNING if parts.missing else ERROR
    for table in schema().tables:
        for cell_id in table.cell_ids(with_optional=False):
            value = report.value(cell_id)
            if value is None or value.counted is None:
                continue  # not found, or text: the summary's own findings say so
            summed = parts.report.value(cell_id)
            total = summed.counted if summed is not None and summed.counted is not None else 0
            found = value.counted
            if found == total or (own and found > total):
                continue
            diff = found - total
            message = (
                f"{cell_display(cell_id)}：汇总报告填写 {format_number(found)}，各单位报告之和为 "
                f"{format_number(total)}（汇总报告{'多' if diff > 0 else '少'} {format_number(abs(diff))}）；"
                + _contributors(parts.contributions.get(cell_id, []))
            )
            if parts.missing:
                message += f"。另有 {len(parts.missing)} 个单位的报告缺少或无法读取，差额可能由此而来"
            yield Finding(self.code, severity, message, (cell_id,), total, found)
