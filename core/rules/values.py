"""Rules on single cells: what is written in a number cell.

Core layer. Spec section 3: blanks and placeholders count as 0 and earn a warning, a number with a
bracketed note counts as that number and earns a warning, other text is an error and is never
guessed at; negative counts and fractions in counts are errors.
"""

from __future__ import annotations

from collections import defaultdict

from core.report import Report
from core.rules import ERROR, WARNING, Rule, rule
from core.schema import cell_display, row_display, schema, split_cell_id
from core.values import ANNOTATED, BLANK, INVALID, PLACEHOLDER, format_number


def _cells(report: Report) -> list:
    folded = set(report.folded_cells())  # not in the draft at all: ROWS-COMBINED says so
    return [(cell_id, located.value) for cell_id, located in report.cells.items() if cell_id not in folded]


def _is_decimal(cell_id: str) -> bool:
    table, _, col = split_cell_id(cell_id)
    return schema().table(table).column(col).decimal


@rule("VALUE-NOT-NUMBER", ERROR, "统计表单元格中填写了非数字的文字", "不是数字")
def value_not_number(self: Rule, report: Report):
    """A statutory cell holds text that is not a number, e.g. 见附件 or 若干. The checker does not
    guess a value: the cell takes no part in the sums until it is corrected."""
    for cell_id, value in _cells(report):
        if value.status == INVALID:
            yield self.finding(
                f"{cell_display(cell_id)}：“{value.raw.strip()}”不是数字，请只填写数字", [cell_id], None, value.raw
            )


@rule("VALUE-NEGATIVE", ERROR, "件数或金额为负数", "负数")
def value_negative(self: Rule, report: Report):
    """A count or an amount below 0. No statutory figure can be negative."""
    for cell_id, value in _cells(report):
        if value.number is not None and value.number < 0:
            yield self.finding(
                f"{cell_display(cell_id)}：数值不能为负数，实为 {format_number(value.number)}",
                [cell_id],
                None,
                value.number,
            )


@rule("VALUE-NOT-INTEGER", ERROR, "件数带有小数", "件数有小数")
def value_not_integer(self: Rule, report: Report):
    """A count with a fraction, e.g. 2.5 applications. Only 行政事业性收费's 本年收费金额（万元）
    may have decimals."""
    for cell_id, value in _cells(report):
        n = value.number
        if n is not None and n != n.to_integral_value() and not _is_decimal(cell_id):
            yield self.finding(f"{cell_display(cell_id)}：件数应为整数，实为 {format_number(n)}", [cell_id], None, n)


@rule("VALUE-BLANK", WARNING, "应填数字的单元格为空白或占位符（按 0 计）", "空白或占位符")
def value_blank(self: Rule, report: Report):
    """A blank cell, or a placeholder such as /, —, - or 无, where a number belongs. It counts as 0
    for the sums; the format asks for the figure, 0 included. One finding per row lists every
    such cell of the row."""
    by_row: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cell_id, value in _cells(report):
        if value.status in (BLANK, PLACEHOLDER):
            table, row, _ = split_cell_id(cell_id)
            by_row[(table, row)].append(cell_id)
    for (table_id, row_id), cell_ids in by_row.items():
        table = schema().table(table_id)
        row = table.row(row_id)
        cols = "、".join(table.column(split_cell_id(c)[2]).label for c in cell_ids)
        raws = {report.value(c).raw.strip() for c in cell_ids} - {""}
        shown = f"填写“{'”“'.join(sorted(raws))}”或空白" if raws else "空白"
        yield self.finding(
            f"{table.name}“{row_display(table, row)}”行“{cols}”列{shown}，已按 0 计；请填写数字（没有则填 0）",
            cell_ids,
            0,
            None,
        )


@rule("VALUE-ANNOTATED", WARNING, "数字后带有说明文字", "数字带说明")
def value_annotated(self: Rule, report: Report):
    """A number followed by a note in the cell, e.g. 22（其中修订16件）. The number counts; the
    note belongs in the narrative, not in the table."""
    for cell_id, value in _cells(report):
        if value.status == ANNOTATED:
            yield self.finding(
                f"{cell_display(cell_id)}：“{value.raw.strip()}”含说明文字，表中应只填数字 "
                f"{format_number(value.number)}，说明请写入正文",
                [cell_id],
                value.number,
                value.raw.strip(),
            )
