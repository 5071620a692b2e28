"""Excel export of checks: the three tables in the official layout with faulty cells filled and
commented, a findings sheet, and — for several reports — a first summary sheet.

Core layer (openpyxl).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from core.check import CheckResult
from core.decisions import PENDING_ZH, REVIEW_STATES
from core.diagnose import Diagnosis
from core.grid import LABEL, VALUE
from core.outputs import write_output
from core.presentation import HEADER_BG, PALETTE, Colours, result_status, worst_severity
from core.rules import ERROR, SEVERITY_ZH, SUM_COMPARISONS, rule_title
from core.schema import schema
from core.values import json_number

FILLS = {s: PatternFill("solid", fgColor=Colours.excel(c.background)) for s, c in PALETTE.items()}
FONTS = {s: Font(color=Colours.excel(c.foreground), bold=True) for s, c in PALETTE.items()}
HEADER_FILL = PatternFill("solid", fgColor=Colours.excel(HEADER_BG))
THIN = Side(style="thin", color="666666")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


# OWASP's CSV-injection guidance: a cell whose text starts with one of these is a formula to
# Excel, LibreOffice and WPS (after an import or an edit, even when openpyxl stored it as text).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32_767  # Excel's own limit: a longer cell makes Excel "repair" the workbook
_ONLY_DASHES = re.compile(r"[-\s]+")


def text_cell(value):
    """Any text that goes into a cell: never a formula, never a character openpyxl refuses.

    A leading ``= + - @`` (and tab, CR) gets an apostrophe in front, as OWASP advises; a cell of
    dashes only (a draft's 「-」 for nothing) stays as it is. Numbers and None pass through."""
    if not isinstance(value, str):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    if text.startswith(FORMULA_STARTS) and not _ONLY_DASHES.fullmatch(text):
        text = "'" + text[: MAX_CELL_CHARS - 1]
    return text


def _number_or_text(raw: str):
    from core.values import OK, parse_value

    value = parse_value(raw)
    if value.status == OK and value.number is not None:
        n = value.number
        if abs(n) < 10**15:
            return json_number(n)
    return text_cell(raw.strip())


def _row(values):
    return [text_cell(v) for v in values]


def _table_sheet(wb: Workbook, title: str, result: CheckResult, table_id: str) -> None:
    report = result.report
    ws = wb.create_sheet(title[:31])
    by_cell: dict[str, list] = {}
    for f in result.findings:
        for cell_id in f.marked:
            by_cell.setdefault(cell_id, []).append(f)
    grid = report.layout(table_id)
    labels = {issue.id: issue for issue in report.labels if issue.table == table_id}
    for cell in grid.cells:
        target = ws.cell(row=cell.row + 1, column=cell.col + 1)
        if cell.kind == VALUE:
            value = report.value(cell.cell_id)
            target.value = _number_or_text(value.raw) if value is not None else None
            target.alignment = Alignment(horizontal="center", vertical="center")
            found = by_cell.get(cell.cell_id)
            proposed = next((p for d in result.diagnoses if (p := d.proposal(cell.cell_id)) is not None), None)
            if proposed is not None:  # the cell a diagnosis names: coloured, with its proposed value
                found = [*(found or []), *(d for d in result.diagnoses if d.proposal(cell.cell_id) is not None)]
            if found:
                worst = worst_severity(found)
                target.fill, target.font = FILLS[worst], FONTS[worst]
                target.comment = Comment(text_cell("\n".join(_note(f) for f in found)), "年报校核")
        else:
            target.value = cell.text
            target.fill = HEADER_FILL
            issue = labels.get(cell.label_of) if cell.label_of else None
            if issue is not None:  # LABEL-NONSTANDARD belongs on the name, not on a value cell
                target.fill, target.font = FILLS["warning"], FONTS["warning"]
                target.comment = Comment(f"【提示】原稿写作“{issue.found}”，标准表述为“{issue.standard}”", "年报校核")
            target.alignment = Alignment(
                horizontal="left" if cell.kind == LABEL else "center", vertical="center", wrap_text=True
            )
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                ws.cell(row=r + 1, column=c + 1).border = BORDER
        if cell.row_span > 1 or cell.col_span > 1:
            ws.merge_cells(
                start_row=cell.row + 1,
                start_column=cell.col + 1,
                end_row=cell.row + cell.row_span,
                end_column=cell.col + cell.col_span,
            )
    widths = {"proactive": [18, 14, 14, 14], "requests": [10, 16, 30], "appeals": []}[table_id]
    for col in range(1, grid.cols + 1):
        ws.column_dimensions[get_column_letter(col)].width = widths[col - 1] if col <= len(widths) else 10


def _note(item) -> str:
    """A comment line for a finding, or for a diagnosis that names the cell."""
    if isinstance(item, Diagnosis):
        return f"【诊断】{item.message}"
    return f"【{SEVERITY_ZH[item.severity]}】{item.message}（{rule_title(item.rule)}）"


def _findings_sheet(wb: Workbook, results: list[CheckResult], with_file: bool) -> None:
    ws = wb.create_sheet("问题清单")
    header = (["文件"] if with_file else []) + ["级别", "表", "行", "列", "填写值", "应为", "说明", "规则", "规则编号"]
    ws.append(header + ["单元格", *DECISION_COLUMNS, "诊断（哪一格填错）"])
    for result in results:
        for i, f in enumerate(result.findings):
            diagnosis = next((d.message for d in result.diagnoses if d.explains_finding(f)), "")
            values = [
                SEVERITY_ZH[f.severity],
                f.place.table,
                f.place.row,
                f.place.col,
                None if f.rule in SUM_COMPARISONS else _number(f.actual),
                None if f.rule in SUM_COMPARISONS else _number(f.expected),
                f.message,
                rule_title(f.rule),
                f.rule,
                " ".join(f.cells),
            ]
            ws.append(
                _row(
                    ([Path(result.file).name] if with_file else [])
                    + values
                    + _decision_cells(result.decision(i))
                    + [diagnosis]
                )
            )
            fill_at = 2 if with_file else 1
            ws.cell(row=ws.max_row, column=fill_at).fill = FILLS[f.severity]
            ws.cell(row=ws.max_row, column=fill_at).font = FONTS[f.severity]
    for c in ws[1]:
        c.font, c.fill = Font(bold=True), HEADER_FILL
    widths = ([24] if with_file else []) + [6, 6, 30, 12, 10, 10, 70, 18, 20, 30, 10, 30, 10, 22, 70]
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"


DECISION_COLUMNS = ("审核决定", "理由", "审核人", "决定时间")


def _decision_cells(decision) -> list:
    """Who decided what, when and why; a finding with no decision is 待处理."""
    if decision is None:
        return [PENDING_ZH, None, None, None]
    return [decision.status_zh, decision.reason or None, decision.by or None, decision.at or None]


def _number(v):
    """A figure as an Excel number (text stays text): 78, 1.25; a number too long for Excel's
    15 digits as its text."""
    if v is None or isinstance(v, (str, bool)):
        return v
    n = json_number(v)
    return n if abs(n) < 10**15 else str(v)


def _summary_sheet(wb: Workbook, results: list[CheckResult]) -> None:
    ws = wb.create_sheet("汇总", 0)
    ws.append(["序号", "文件", "机关", "年度", "错误", "提示", "状态", "已忽略", "审核状态"])
    for i, r in enumerate(results, 1):
        meta = r.report.meta if r.report else None
        status = result_status(r)
        review = REVIEW_STATES[r.decisions.review_state] if r.decisions else REVIEW_STATES["pending"]
        counts = (None, None) if r.error else (r.errors, r.warnings)
        dismissed = None if r.error else r.dismissed
        row = [i, Path(r.file).name, meta and meta.agency, meta and meta.year, *counts, status, dismissed, review]
        ws.append(_row(row))
        if r.error or r.errors:
            ws.cell(row=ws.max_row, column=7).fill = FILLS[ERROR]
            ws.cell(row=ws.max_row, column=7).font = FONTS[ERROR]
    for c in ws[1]:
        c.font, c.fill = Font(bold=True), HEADER_FILL
    for letter, width in zip("ABCDEFGHI", [6, 36, 30, 8, 8, 8, 40, 8, 10]):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"


def report_sheet_names(files: list[str]) -> list[str]:
    """A sheet-name stem per report: its file name without extension, with the extension where two
    reports share a stem (示例.docx, 示例.pdf), and a number where even that clashes; never a
    character Excel refuses in a sheet name."""
    stems = [Path(f).stem for f in files]
    names, used = [], set()
    for f, stem in zip(files, stems):
        name = Path(f).name if stems.count(stem) > 1 else stem
        name = _BAD_SHEET_CHARS.sub("_", name).strip("'") or "报告"
        base, n = name[:24], 2
        while base.casefold() in used:
            base, n = f"{name[:20]}({n})", n + 1
        used.add(base.casefold())
        names.append(base)
    return names


def _list_sheet(wb: Workbook, title: str, rows: list[list]) -> None:
    ws = wb.create_sheet(title[:31])
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row, 1):
            cell = ws.cell(row=r, column=c)
            if isinstance(v, str):  # text from documents: never a formula, no control characters
                cell.value = text_cell(v)
                cell.data_type = "s"
            else:
                cell.value = _number(v)
    for c in ws[1]:
        c.font, c.fill = Font(bold=True), HEADER_FILL
    for letter in "ABCD":
        ws.column_dimensions[letter].width = 40
    ws.freeze_panes = "A2"


def write_workbook(
    results: list[CheckResult],
    out: str | Path,
    summary_of: list[CheckResult] | None = None,
    extra_sheets: list[tuple[str, list[list]]] = (),
    inputs=(),
) -> Path:
    """Table sheets and a findings sheet for ``results``; a first summary sheet of ``summary_of``
    (by default the results themselves, when there are several); then ``extra_sheets``, each a
    title and its rows (the first row a header). Written through :func:`core.outputs.write_output`,
    never over one of the checked files or ``inputs`` (raises core.outputs.OutputError)."""
    wb = Workbook()
    wb.remove(wb.active)
    several = len(results) > 1
    readable = [r for r in results if r.report is not None]
    names = report_sheet_names([r.file for r in readable]) if several else [""] * len(readable)
    for name, result in zip(names, readable):
        for t in schema().tables:
            _table_sheet(wb, f"{name}-{t.name}" if several else t.tab_title, result, t.id)
    _findings_sheet(wb, readable, with_file=several)
    if summary_of is not None or several or len(readable) < len(results):
        # an unreadable file is always named in the summary sheet, never an empty findings list
        _summary_sheet(wb, summary_of if summary_of is not None else results)
    for title, rows in extra_sheets:
        _list_sheet(wb, title, rows)
    read = [r.file for r in (*results, *(summary_of or ()))]
    buffer = io.BytesIO()
    wb.save(buffer)
    return write_output(out, buffer.getvalue(), inputs=[*read, *inputs])
