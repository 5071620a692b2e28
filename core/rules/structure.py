"""Rules on the tables' structure and wording: missing tables, rows and columns, nonstandard
labels, and the in-force count of 表二.

Core layer.
"""

from __future__ import annotations

from core.cell_id import CellId
from core.report import Report
from core.rules import ERROR, WARNING, Place, Rule, rule
from core.schema import cell_display, row_display, schema
from core.sections import heading_deviations
from core.values import format_number


@rule("TABLE-MISSING", ERROR, "找不到法定统计表", "缺少统计表")
def table_missing(self: Rule, report: Report):
    """One of the three statutory tables (表二 主动公开, 表三 依申请公开, 表四 行政复议和行政诉讼)
    cannot be found. Tables are found by their labels, so a table pasted as a picture, or one
    whose labels are all rewritten, counts as missing."""
    for table in schema().tables:
        if table.id not in report.tables:
            yield self.finding(
                f"未找到{table.name}“{table.title}”。请确认报告中有这张表，并且是可编辑的表格",
                table.cell_ids(with_optional=False),
                place=Place(table.name, "整张表"),
            )


@rule("ROW-MISSING", ERROR, "统计表缺少法定的行、列或数值", "缺少行、列或数值")
def row_missing(self: Rule, report: Report):
    """A statutory row or column cannot be found in a table that was found, or a row that was
    found has no value in one of its columns."""
    for table in schema().tables:
        if table.id not in report.tables:
            continue
        cols = [c for c in table.columns if report.has_column(table.id, c.id)]
        missing_cols = {
            c.id
            for c in cols
            if not any(f"{table.id}.{r.id}.{c.id}" in report.cells for r in table.rows if c.id in table.row_cols(r))
        }
        for col in cols:
            if col.id in missing_cols:
                ids = [f"{table.id}.{r.id}.{col.id}" for r in table.rows if col.id in table.row_cols(r)]
                yield self.finding(f"{table.name}中未找到“{col.label}”列", ids)
        for row in table.rows:
            ids = [f"{table.id}.{row.id}.{c}" for c in table.row_cols(row) if report.has_column(table.id, c)]
            if not any(i in report.cells for i in ids):
                yield self.finding(f"{table.name}中未找到“{row_display(table, row)}”行", ids)
                continue
            for cell_id in ids:
                if cell_id not in report.cells and CellId.split(cell_id).col not in missing_cols:
                    yield self.finding(f"{cell_display(cell_id)}：未找到数值", [cell_id])


@rule("PROACTIVE-IN-FORCE", WARNING, "表二现行有效件数少于本年制发件数减本年废止件数", "现行有效件数偏少")
def proactive_in_force(self: Rule, report: Report):
    """For 规章 and 行政规范性文件: 现行有效件数 = last year's 现行有效 + 本年制发 - 本年废止, so it
    cannot be less than 本年制发件数 - 本年废止件数. If it is, at least one of the three numbers is
    wrong."""
    stock = schema().stock("proactive")
    table = schema().table(stock.table)
    for row in table.rows:
        if stock.col not in row.cols:
            continue
        ids = [str(CellId(table.id, row.id, c)) for c in (stock.added, stock.removed, stock.col)]
        values = [report.value(i) for i in ids]
        if any(v is None or v.counted is None for v in values):
            continue
        issued, repealed, in_force = (v.counted for v in values)
        floor = issued - repealed
        if in_force < floor:
            yield self.finding(
                f"{table.name}“{row.label}”行：现行有效件数为 {format_number(in_force)}，少于本年制发件数减本年废止件数"
                f"（{format_number(issued)}-{format_number(repealed)}={format_number(floor)}），三个数不可能同时正确",
                ids,
                floor,
                in_force,
            )


@rule("LABEL-NONSTANDARD", WARNING, "行、列或标题的表述与标准格式不一致", "表述不规范")
def label_nonstandard(self: Rule, report: Report):
    """A row, column or group label that deviates from the wording of the 2021 format, such as
    上年转结 for 上年结转, 转结下年度 for 结转下年度 or 合计 for 总计, and a section heading in another
    wording (四、因政府信息公开工作被申请行政复议、提起行政诉讼情况 for 四、政府信息公开行政复议、行政诉讼情况).
    Differences of spacing, line breaks, bracket width and numbering style are not deviations. The
    finding shows both wordings."""
    for issue in report.labels:
        table = schema().table(issue.table)
        kind = {"row": "行", "column": "列", "group": "行"}[issue.kind]
        if issue.kind == "column":
            ids = [f"{table.id}.{r.id}.{issue.id}" for r in table.rows if issue.id in table.row_cols(r)]
            place = Place(table.name, "（列名）", table.column(issue.id).label)
        elif issue.kind == "row":
            ids = [f"{table.id}.{issue.id}.{c}" for c in table.row_cols(table.row(issue.id))]
            place = Place(table.name, row_display(table, table.row(issue.id)), "（行名）")
        else:
            ids = [f"{table.id}.{r.id}.{c}" for r in table.rows if r.group == issue.id for c in table.row_cols(r)]
            place = Place(table.name, table.group(issue.id).label, "（行名）")
        ids = [i for i in ids if i in report.cells]
        yield self.finding(
            f"{table.name}{kind}名“{issue.found}”与标准表述不一致，应为“{issue.standard}”",
            ids,
            issue.standard,
            issue.found,
            marks=[],
            place=place,
        )
    for section, found in heading_deviations(report.outline, report.document) if report.outline else ():
        yield self.finding(
            f"标题“{found}”与标准表述不一致，应为“{section.heading}”", expected=section.heading, actual=found, marks=[]
        )
