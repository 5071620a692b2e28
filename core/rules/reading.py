"""Rules on how the tables were read: where the reader could not be sure which table is meant.

Core layer. The locator reads every candidate table (core.locate); where two of them fit a
statutory table equally well — both under its section heading, both as complete — and give
different figures, it keeps the first but never silently: this rule names the cells.
"""

from __future__ import annotations

from core.cell_id import CellId
from core.report import Report
from core.rules import ERROR, WARNING, Place, Rule, rule
from core.schema import cell_display, schema


def _ordinal(report: Report, blocks: list[int]) -> str:
    """第N个表格 for the first block of a candidate, counting the document's tables."""
    tables = [i for i, _ in report.document.tables]
    return f"第{tables.index(blocks[0]) + 1}个表格" if blocks and blocks[0] in tables else "另一个表格"


@rule("TABLE-AMBIGUOUS", ERROR, "有两张表都像同一张法定统计表，数字不一致", "统计表重复且不一致")
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


@rule("TABLE-PART-UNREAD", ERROR, "统计表中有填了数字却对应不上法定栏目的行，没有读取", "有行未能读取")
def table_part_unread(self: Rule, report: Report):
    """A row inside a statutory table holds figures that were not read: its label matches no
    statutory row, not even approximately, or it has more or fewer figures than the header has
    columns (a cell deleted or added shifts every figure after it). The checker never guesses:
    the finding quotes the row and lists the table's cells that were not found."""
    for table_id, label, _, _, why in report.unread:
        table = schema().table(table_id)
        missing = [
            c for c in table.cell_ids() if c not in report.cells and report.has_column(table_id, CellId.split(c).col)
        ]
        if why == "count":
            message = (
                f"{table.name}“{label}”一行的数字个数与表头的栏目数不一致（可能删掉或多出了单元格），"
                "无法确定每个数字属于哪一栏，这一行没有读取。请按标准格式补齐这一行"
            )
        else:
            message = (
                f"{table.name}中“{label}”一行填有数字，但对应不上任何法定栏目，没有读取。请按标准格式填写这一行的名称"
            )
        yield self.finding(message, missing)


@rule("ROWS-COMBINED", WARNING, "表三“（六）其他处理”只填了一行（2019 年格式）", "其他处理未分行")
def rows_combined(self: Rule, report: Report):
    """表三 prints （六）其他处理 as one row, as the 2019 format did, in a table that otherwise
    follows the 2021 format, which splits it into three rows (1.申请人无正当理由逾期不补正…,
    2.申请人逾期未按收费通知要求缴纳费用…, 3.其他). Its figures are read into 3.其他 so that they
    count in （七）总计; the two other rows are not in the draft and are left blank."""
    table = schema().table("requests")
    for group_id, label in report.merged_rows.items():
        items = [r for r in table.rows if r.group == group_id]
        cells = [f"requests.{r.id}.{c.id}" for r in items for c in table.columns if report.has_column("requests", c.id)]
        names = "“" + "”“".join(r.label for r in items) + "”"
        yield self.finding(
            f"{table.name}“{label}”只填了一行（2019 年格式的写法）。2021 年格式把它分为{names}{len(items)}行；"
            f"本程序把这一行的数字计入“{items[-1].label}”参与（七）总计的核对，请按三种情形分行填写",
            [c for c in cells if c in report.cells],
            marks=[],
        )


# Why an embedded part could not be read (core.document.UnreadChunk.why), as a clerk is told it.
_CHUNK_WHY = {
    "rtf": "是 RTF 格式，本程序无法读取",
    "too_large": "太大，超出了本程序读取的上限",
    "damaged": "已损坏，无法读取",
    "too_deep": "嵌套层数过多（嵌入的内容里又嵌入了内容），没有读取",
    "missing": "不在文件中（可能链接到了文件以外的位置），无法读取",
    "kind": "的格式本程序无法识别，没有读取",
}


@rule("CHUNK-UNREAD", WARNING, "文档中嵌入的一段内容（altChunk）无法读取，其中的文字和表格没有检查", "嵌入内容未读取")
def chunk_unread(self: Rule, report: Report):
    """A Word document can carry parts of its text as embedded content (``w:altChunk``): OA
    systems assemble reports so, and Word merges the parts in when it opens the file. The checker
    reads embedded Word documents, web pages (HTML, MHTML) and plain text in place; a part it
    cannot read — RTF, beyond the size bounds of its kind, damaged, nested too deep, missing from
    the package — is never dropped without a word: this rule names it. Whatever the part held (a
    statutory table, a section of text) was not checked; a statutory table in it is reported
    missing as well. Saving the document again in Word merges the part into the document."""
    for part, why in report.document.unread_chunks:
        yield self.finding(
            f"文档中嵌入的一段内容（{part.rsplit('/', 1)[-1][:40]}）{_CHUNK_WHY.get(why, _CHUNK_WHY['kind'])}，"
            "其中的文字和表格都没有检查。请在 Word 中打开文档，另存为 .docx 后再检查",
        )


@rule("TABLE-EXTRA-COLUMN", WARNING, "统计表多了一栏备注或说明，不属于法定栏目，其中的文字没有读取", "统计表有多余栏目")
def table_extra_column(self: Rule, report: Report):
    """A statutory table has a column of notes beside its statutory columns (a 备注 or 说明 column,
    as some units add to 表二). The checker reads the statutory columns exactly and leaves the
    notes out: they are neither row labels nor figures. The statutory format has no such column;
    what the notes say belongs in the text of the report."""
    for table_id, (label, texts) in report.note_columns.items():
        table = schema().table(table_id)
        quoted = "、".join(f"“{t[:20]}”" for t in texts[:2]) + ("等" if len(texts) > 2 else "")
        said = f"（其中写有{quoted}）" if texts else ""
        yield self.finding(
            f"{table.name}“{table.title}”多了一栏“{label}”{said}，法定格式没有这一栏。本程序只读取法定栏目的数字，"
            "没有读取这一栏的文字；需要说明的情况请写在报告正文中，并按标准格式删去这一栏",
            place=Place(table.name, "（列名）", label),
        )
