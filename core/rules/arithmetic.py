"""Rules on the statutory arithmetic (勾稽关系), driven by the schema's relations.

Core layer. Each relation in ``resources/schema.json`` says which cells must add up to which,
for every row or every column of a table; these rules evaluate them on the cells that were found
and could be read (blanks and placeholders count as 0; unreadable text is VALUE-NOT-NUMBER's
business and makes a relation unevaluable rather than wrong).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from core.cell_id import CellId
from core.report import Report
from core.rules import ERROR, Rule, rule
from core.schema import Relation, Table, row_display, schema
from core.values import format_number


def sum_cells(report: Report, cell_ids) -> Decimal | None:
    """The sum of the cells as counted (blanks 0), or None if one is missing or unreadable."""
    total = Decimal(0)
    cells = report.cells
    for cell_id in cell_ids:
        located = cells.get(cell_id)  # report.value(cell_id)
        counted = None if located is None else located.value.counted
        if counted is None:
            return None
        total += counted
    return total


def _relations(code: str) -> Iterator[tuple[Relation, Table]]:
    for rel in schema().relations:
        if rel.rule == code:
            yield rel, schema().table(rel.table)


def totals(report: Report, code: str) -> Iterator[tuple[str, list[str], Decimal, Decimal, Relation]]:
    """Every (total cell, part cells, expected, found) of relation ``code`` that is broken.

    Shared with the recompute action, which sets each total to its expected value.
    """
    for rel, table in _relations(code):
        if not report.has_column(table.id, rel.total) and rel.each == "row":
            continue
        lines = (
            [(r.id, rel.total, [f"{table.id}.{r.id}.{p}" for p in rel.parts]) for r in table.rows]
            if rel.each == "row"
            else [
                (rel.total, c.id, [f"{table.id}.{p}.{c.id}" for p in rel.parts])
                for c in table.columns
                if report.has_column(table.id, c.id)
            ]
        )
        for row_id, col_id, parts in lines:
            total_id = f"{table.id}.{row_id}.{col_id}"
            found = report.value(total_id)
            counted = None if found is None else found.counted
            if counted is None:
                continue
            expected = sum_cells(report, parts)
            if expected is not None and expected != counted:
                yield total_id, parts, expected, counted, rel


def _total_findings(rule: Rule, report: Report, subject, basis: str = ""):
    """One finding per broken total of ``rule``: "<subject>应为 <basis><expected>，实为 <found>",
    whose fix sets the total to its parts' sum."""
    for total_id, parts, expected, found, _ in totals(report, rule.code):
        _, row_id, col_id = CellId.split(total_id)
        yield rule.finding(
            f"{subject(row_id, col_id)}应为 {basis}{format_number(expected)}，实为 {format_number(found)}",
            [total_id, *parts],
            expected,
            found,
            marks=[total_id],
            fix={total_id: format_number(expected)},  # the parts taken as right
        )


def _row(table_id: str, row_id: str) -> str:
    table = schema().table(table_id)
    return f"{table.name}“{row_display(table, table.row(row_id))}”"


@rule("REQ-ROW-TOTAL", ERROR, "表三每一行：总计 = 自然人 + 法人或其他组织各列", "行总计不符")
def req_row_total(self: Rule, report: Report):
    """Every row of 表三: 总计 equals 自然人 plus the five 法人或其他组织 columns
    (商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他). A 小计 column, where present, is not
    added again."""
    return _total_findings(self, report, lambda row, col: f"{_row('requests', row)}行：总计")


@rule("REQ-ORG-SUBTOTAL", ERROR, "表三（8 列式）每一行：小计 = 法人或其他组织五列之和", "小计不符")
def req_org_subtotal(self: Rule, report: Report):
    """In the 8-column variant of 表三, the 小计 under 法人或其他组织 equals 商业企业 + 科研机构 +
    社会公益组织 + 法律服务机构 + 其他 in every row. Silent for the standard 7-column table."""
    return _total_findings(self, report, lambda row, col: f"{_row('requests', row)}行：法人或其他组织“小计”")


@rule("REQ-RESULTS-TOTAL", ERROR, "表三每一列：（七）总计 = 21 项办理结果之和", "办理结果总计不符")
def req_results_total(self: Rule, report: Report):
    """Every column of 表三: the row （七）总计 equals the sum of the 21 result rows, from
    （一）予以公开 to （六）其他处理 3.其他."""
    table = schema().table("requests")
    return _total_findings(
        self, report, lambda row, col: f"{table.name}“{table.column(col).label}”列：“（七）总计”", "各项办理结果之和 "
    )


@rule("APPEAL-GROUP-TOTAL", ERROR, "表四每一组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结", "复议诉讼总计不符")
def appeal_group_total(self: Rule, report: Report):
    """Each of the three groups of 表四 (行政复议, 行政诉讼·未经复议直接起诉, 行政诉讼·复议后起诉):
    总计 equals 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    return _total_findings(self, report, lambda row, col: f"{_row('appeals', row)}：总计")


# How REQ-BALANCE names the four figures of a column: 一 + 二 = 三（七） + 四.
BALANCE_TERMS = ("第一项“本年新收”", "第二项“上年结转”", "第三项“办理结果总计”", "第四项“结转下年度”")


@rule("REQ-BALANCE", ERROR, "表三每一列：第一项 + 第二项 = 第三项 + 第四项", "收结数不平衡")
def req_balance(self: Rule, report: Report):
    """Every column of 表三: 一、本年新收 + 二、上年结转 equals 三、（七）总计 + 四、结转下年度继续办理,
    the rule the table prints in its own corner. A recomputation of totals cannot repair it: one
    of the four figures is wrong and a person must say which."""
    for rel, table in _relations(self.code):
        for col in table.columns:
            if not report.has_column(table.id, col.id):
                continue
            left = [f"{table.id}.{r}.{col.id}" for r in rel.left]
            right = [f"{table.id}.{r}.{col.id}" for r in rel.right]
            lsum, rsum = sum_cells(report, left), sum_cells(report, right)
            if lsum is None or rsum is None or lsum == rsum:
                continue
            figures = [format_number(report.value(c).counted) for c in (*left, *right)]
            terms = [f"{name} {fig}" for name, fig in zip(BALANCE_TERMS, figures, strict=True)]
            yield self.finding(
                f"{table.name}“{col.label}”列：{terms[0]} 加 {terms[1]}，合计 {format_number(lsum)}；"
                f"{terms[2]} 加 {terms[3]}，合计 {format_number(rsum)}。两者应相等，这四个数中至少有一个填错",
                [*left, *right],
                lsum,
                rsum,
            )
