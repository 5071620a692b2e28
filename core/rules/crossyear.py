"""Rules that compare a report with last year's report of the same agency.

Core layer. Silent unless ``report.previous`` is set (``--previous`` on the command line, a pair
of consecutive years in a batch, 「载入上年年报」 in the window).
"""

from __future__ import annotations

import re

from core.cell_id import CellId
from core.report import Report
from core.rules import ERROR, WARNING, Rule, rule
from core.schema import schema
from core.values import format_number

REPEAT_RATIO = 0.9


def counterpart(cell_id: str) -> tuple[str, str] | None:
    """The cell of last year's report that this year's cell must carry on from, with its label
    (the schema's ``cross_year``): 二、上年结转 from 四、结转下年度继续办理, 现行有效件数 from 现行有效件数."""
    return schema().counterpart(cell_id)


def _number(report: Report, cell_id: str):
    value = report.value(cell_id)
    return value.counted if value is not None else None


@rule("CROSS-YEAR-CARRY", ERROR, "本年“上年结转”与上年“结转下年度”不一致", "结转与上年不符")
def cross_year_carry(self: Rule, report: Report):
    """Per column of 表三: this year's 二、上年结转 equals last year's 四、结转下年度继续办理."""
    prev = report.previous
    if prev is None:
        return
    carry = schema().carry("requests")
    table = schema().table(carry.table)
    for col in table.columns:
        if col.optional:
            continue
        now_id = str(CellId(carry.table, carry.row, col.id))
        then_id = str(CellId(carry.table, carry.from_row, col.id))
        now, then = _number(report, now_id), _number(prev, then_id)
        if now is not None and then is not None and now != then:
            yield self.finding(
                f"{table.name}“{col.label}”列：本年“上年结转”为 {format_number(now)}，上年报告“结转下年度继续办理”为 "
                f"{format_number(then)}，两者应相等",
                [now_id],
                then,
                now,
            )


@rule("CROSS-YEAR-IN-FORCE", WARNING, "现行有效件数与上年不衔接", "现行有效与上年不衔接")
def cross_year_in_force(self: Rule, report: Report):
    """For 规章 and 行政规范性文件: this year's 现行有效件数 equals last year's 现行有效件数 plus this
    year's 本年制发件数 minus 本年废止件数."""
    prev = report.previous
    if prev is None:
        return
    stock = schema().stock("proactive")
    table = schema().table(stock.table)
    for row in (r.id for r in table.rows if stock.col in r.cols):
        ids = [str(CellId(table.id, row, c)) for c in (stock.col, stock.added, stock.removed)]
        in_force, issued, repealed = (_number(report, i) for i in ids)
        before = _number(prev, ids[0])
        if None in (in_force, issued, repealed, before):
            continue
        expected = before + issued - repealed
        if in_force != expected:
            label = table.row(row).label
            yield self.finding(
                f"{table.name}“{label}”行：上年现行有效 {format_number(before)} 件，本年制发 {format_number(issued)} 件、"
                f"废止 {format_number(repealed)} 件，现行有效应为 {format_number(expected)} 件，实为 {format_number(in_force)} 件",
                ids,
                expected,
                in_force,
                marks=[ids[0]],
            )


def _section_text(report: Report, section: str) -> str:
    return re.sub(r"\s+|\d", "", "".join(t for _, t in report.narrative(section)))


@rule("CROSS-YEAR-REPEAT", WARNING, "“存在的主要问题及改进情况”与上年雷同", "问题与上年雷同")
def cross_year_repeat(self: Rule, report: Report):
    """Section 五 must be specific to the year; the format forbids repeating last year's text
    (年年雷同). Compared with last year's section 五, years and figures ignored; fires at 90 % alike."""
    prev = report.previous
    if prev is None:
        return
    now, then = _section_text(report, "problems"), _section_text(prev, "problems")
    if len(now) < 30 or len(then) < 30:
        return
    import difflib  # only with last year's report

    ratio = difflib.SequenceMatcher(None, now, then, autojunk=False).ratio()
    if ratio >= REPEAT_RATIO:
        yield self.finding(
            f"“五、存在的主要问题及改进情况”与上年报告相似度为 {ratio:.0%}，应结合本年实际具体撰写",
            expected=f"< {REPEAT_RATIO:.0%}",
            actual=f"{ratio:.0%}",
        )
