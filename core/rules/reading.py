"""Rules on how the tables were read: where the reader could not be sure which table is meant.

Core layer. The locator reads every candidate table (core.locate); where two of them fit a
statutory table equally well — both under its section heading, both as complete — and give
different figures, it keeps the first but never silently: this rule names the cells.
"""

from __future__ import annotations

from core.report import Report
from core.rules import ERROR, Rule, rule
from core.schema import cell_display, schema


def _ordinal(report: Report, blocks: list[int]) -> str:
    """第N个表格 for the first block of a candidate, counting the document's tables."""
    tables = [i for i, _ in report.document.tables]
    return f"第{tables.index(blocks[0]) + 1}个表格" if blocks and blocks[0] in tables else "另一个表格"


@rule("TABLE-AMBIGUOUS", ERROR, "有两张表都像同一张法定统计表，数字不一致")
def table_ambiguous(self: Rule, report: Report):
    """Two tables (or two parts of one table) both fit the same statutory table equally — by
    their labels, their header and the section heading they stand under — and give different
    figures for the same cells. The checker shows the figures of the first and names every cell
    where the second differs; a person must decide which table is the statutory one (and delete
    or retitle the other), because a guess could pass a wrong report."""
    for table_id, (first, second, cells) in report.ambiguous.items():
        table = schema().table(table_id)
        cells = list(dict.fromkeys(cells))
        shown = "、".join(cell_display(c) for c in cells[:3]) + ("等" if len(cells) > 3 else "")
        if first != second:
            message = (
                f"文中{_ordinal(report, first)}和{_ordinal(report, second)}都像{table.name}“{table.title}”，"
                f"但数字不一致（{shown}），无法确定哪一张是法定统计表。目前显示的是前一张的数字，请核对后删除或改正多余的表格"
            )
        else:
            message = (
                f"{table.name}“{table.title}”（文中{_ordinal(report, first)}起）中同一栏目出现了两次，数字不一致"
                f"（{shown}），无法确定采用哪一个。目前显示的是前一处的数字，请核对后删除重复的行或表格"
            )
        yield self.finding(
            message,
            cells,
        )
