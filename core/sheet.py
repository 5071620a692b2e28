"""The findings sheet as HTML: what a reviewer prints, signs and files.

Core layer. Builds the sheet's data from a check (the draft's file facts, its findings in plain
words, the three tables with the faulty cells marked, any corrections made in the review) and
renders ``resources/templates/sheet.html.j2`` with Jinja2 (autoescape, StrictUndefined). Turning
the HTML into pages is Qt's work, in ``gui/printing.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2

from core import __version__
from core.grid import LABEL, VALUE, layout
from core.paths import resource
from core.report import Report
from core.rules import ERROR, SEVERITY_ZH, Finding, catalogue
from core.schema import cell_labels, schema
from core.values import format_number

# A Latin face first (digits and letters keep their text in the PDF), then CJK faces for
# Windows, macOS and Linux desktops.
SERIF_FONTS = (
    '"Times New Roman", "Liberation Serif", "DejaVu Serif", "SimSun", "宋体", "Songti SC", '
    '"Noto Serif CJK SC", "Noto Sans CJK SC", "Microsoft YaHei", serif'
)


def _size(path: Path) -> str:
    try:
        n = path.stat().st_size
    except OSError:  # the draft was moved or deleted while the review was open
        return "（原稿已不在原位置）"
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.2f} MB"


def _value(v) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return format_number(v)


def _where(f: Finding) -> tuple[str, str, str]:
    """(table, row, column) a finding is about, named the way the list names them."""
    if not f.cells:
        return "", "", ""
    labels = [cell_labels(c) for c in f.cells]
    table = labels[0][0]
    if f.rule == "TABLE-MISSING":
        return table, "整张表", ""
    rows = {label[1] for label in labels}
    cols = {label[2] for label in labels}
    if f.rule == "LABEL-NONSTANDARD":
        return (table, labels[0][1], "（行名）") if len(rows) == 1 else (table, "（列名）", labels[0][2])
    if f.marked and len(f.marked) == 1:  # a total: the cell that is wrong
        _, row, col = cell_labels(f.marked[0])
        return table, row, col
    row = labels[0][1] if len(rows) == 1 else "多行"
    col = labels[0][2] if len(cols) == 1 else "多列"
    return table, row, col


def _finding_row(f: Finding, summaries: dict[str, str]) -> dict:
    table, row, col = _where(f)
    actual = "未找到" if f.rule in ("TABLE-MISSING", "ROW-MISSING") else _value(f.actual)
    expected = _value(f.expected)
    if f.rule == "LABEL-NONSTANDARD":  # both wordings are in the message; the columns hold numbers
        actual = expected = ""
    return {
        "severity": f.severity,
        "severity_zh": SEVERITY_ZH[f.severity],
        "table": table,
        "row": row,
        "col": col,
        "actual": actual,
        "expected": expected,
        "message": f.message,
        "rule": f.rule,
        "rule_summary": summaries[f.rule],
    }


def _tables(report: Report, findings: list[Finding], shown: dict[str, str] | None) -> list[dict]:
    worst: dict[str, str] = {}
    for f in findings:
        for cell_id in f.marked:
            if worst.get(cell_id) != ERROR:
                worst[cell_id] = f.severity
    out = []
    for t in schema().tables:
        grid = layout(t.id, report.eight_columns if t.id == "requests" else False)
        rows: list[list[dict]] = [[] for _ in range(grid.rows)]
        for cell in sorted(grid.cells, key=lambda c: (c.row, c.col)):
            text, cls = cell.text, "label" if cell.kind == LABEL else ""
            if cell.kind == VALUE:
                if shown is not None:
                    text = shown.get(cell.cell_id, "—").strip()
                else:
                    value = report.value(cell.cell_id)
                    text = value.raw.strip() if value is not None else "—"
                cls = worst.get(cell.cell_id, "")
            rows[cell.row].append({"text": text, "cls": cls, "colspan": cell.col_span, "rowspan": cell.row_span})
        out.append({"name": t.name, "title": t.title, "found": t.id in report.tables, "rows": rows})
    return out


def sheet_context(
    path: str | Path,
    report: Report,
    findings: list[Finding],
    sha256: str,
    edits: dict[str, str | None] | None = None,
    original: dict[str, str] | None = None,
    now: dt.datetime | None = None,
) -> dict:
    """Everything the sheet shows. ``findings`` are those of the draft as submitted; where the
    reviewer corrected cells (``edits`` against the draft's ``original`` texts), the tables show
    the draft's values and a list records each correction."""
    path = Path(path)
    summaries = {r.code: r.summary for r in catalogue()}
    edit_rows = []
    for cell_id, after in sorted((edits or {}).items()):
        table, row, col = cell_labels(cell_id)
        before = (original or {}).get(cell_id)
        edit_rows.append(
            {
                "table": table,
                "row": row,
                "col": col,
                "before": before if before not in (None, "") else "（空白）",
                "after": after if after not in (None, "") else "（空白）",
            }
        )
    return {
        "fonts": SERIF_FONTS,
        "meta": report.meta.to_json(),
        "file": {"name": path.name, "size": _size(path), "sha256": sha256},
        "checked_at": (now or dt.datetime.now()).strftime("%Y年%m月%d日 %H:%M"),
        "version": __version__,
        "errors": sum(1 for f in findings if f.severity == ERROR),
        "warnings": sum(1 for f in findings if f.severity != ERROR),
        "findings": [_finding_row(f, summaries) for f in findings],
        "edits": edit_rows,
        "tables": _tables(report, findings, original),
    }


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(resource("templates"))),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def sheet_html(context: dict) -> str:
    return _env.get_template("sheet.html.j2").render(**context)
