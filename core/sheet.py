"""The findings sheet as HTML: what a reviewer prints, signs and files.

Core layer. Builds the sheet's data from a check (the draft's file facts, its findings in plain
words, the three tables with the faulty cells marked, any corrections made in the review) and
renders ``resources/templates/sheet.html.j2`` with Jinja2 (autoescape, StrictUndefined). Turning
the HTML into pages is Qt's work, in ``gui/printing.py``.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from core import __version__
from core.decisions import DISMISSED, NONE, Applied
from core.diagnose import Diagnosis, diagnose
from core.grid import LABEL, VALUE
from core.paths import resource
from core.presentation import (
    FONT_LISTS,
    HEADER_BG,
    PALETTE,
    PASSED,
    actual_expected,
    css_families,
    display_value,
    worst_severity,
)
from core.report import Report
from core.rules import ERROR, SEVERITY_ZH, Finding, catalogue, rule_title, rule_titles
from core.schema import cell_labels, schema

# Column widths of the statutory tables on the sheet: 表三's row labels wide enough not to wrap
# much, so that the table fits on one page; value columns share the rest.
COLUMN_WIDTHS = {"requests": ("8%", "12%", "30%")}
VALUE_WIDTHS = {"requests": "7%"}


SERIF_FONTS = css_families(FONT_LISTS["body"])


def _size(path: Path) -> str:
    try:
        n = path.stat().st_size
    except OSError:  # the draft was moved or deleted while the review was open
        return "（原稿已不在原位置）"
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.2f} MB"


def _decision(decision) -> dict | None:
    if decision is None:
        return None
    return {
        "status": decision.status,
        "status_zh": decision.status_zh,
        "reason": decision.reason,
        "by": decision.by or "（未署名）",
        "at": decision.at_display,
    }


def _finding_row(f: Finding, summaries: dict[str, str], decision=None) -> dict:
    actual, expected = actual_expected(f)
    return {
        "severity": f.severity,
        "severity_zh": SEVERITY_ZH[f.severity],
        "table": f.place.table,
        "row": f.place.row,
        "col": f.place.col,
        "where": f.place.where,
        "actual": actual,
        "expected": expected,
        "message": f.message,
        "rule": f.rule,
        "rule_title": rule_title(f.rule),
        "rule_summary": summaries[f.rule],
        "kind": "finding",
        "under": False,
        "decision": _decision(decision),
        "finding": f,
    }


def _diagnosis_row(d: Diagnosis, explained: int) -> dict:
    table, row, col = d.where()
    single = d.unique and len(d.changes) == 1
    found = d.changes[0].found if single else None
    return {
        "kind": "diagnosis",
        "severity": "diagnosis",
        "severity_zh": "诊断",
        "table": table,
        "row": row,
        "col": col,
        "actual": display_value(found) if single else "",
        "expected": str(d.changes[0].proposed) if single else "",
        "message": d.message,
        "rule": "、".join(d.explains),
        "rule_title": rule_titles(d.explains),
        "rule_summary": f"解释下列 {explained} 条合计问题" if explained else "按全部合计推算",
        "under": False,
        "decision": None,
    }


def _finding_rows(rows: list[dict], diagnoses: list[Diagnosis], dismissed: list[dict] = ()) -> list[dict]:
    """Each diagnosis first, the sum findings it explains listed under it, then the rest. A
    diagnosis whose findings were all dismissed is left out with them."""
    out, placed = [], set()
    for d in diagnoses:
        mine = [i for i, r in enumerate(rows) if i not in placed and d.explains_finding(r["finding"])]
        if not mine and any(d.explains_finding(r["finding"]) for r in dismissed):
            continue
        placed.update(mine)
        out.append(_diagnosis_row(d, len(mine)))
        out += [rows[i] | {"under": True} for i in mine]
    return out + [r for i, r in enumerate(rows) if i not in placed]


def _tables(
    report: Report, findings: list[Finding], shown: dict[str, str] | None, diagnoses: list[Diagnosis] = ()
) -> list[dict]:
    on_cell: dict[str, list] = {}
    for f in findings:
        for cell_id in f.marked:
            on_cell.setdefault(cell_id, []).append(f)
    for d in diagnoses:  # the cell a diagnosis names is marked too, though no finding marks it
        for change in d.changes if d.unique else ():
            on_cell.setdefault(change.cell, []).append(d)
    worst = {cell_id: worst_severity(found) for cell_id, found in on_cell.items()}
    out = []
    for t in schema().tables:
        grid = report.layout(t.id)
        rows: list[list[dict]] = [[] for _ in range(grid.rows)]
        for cell in sorted(grid.cells, key=lambda c: (c.row, c.col)):
            text, cls = cell.text, "label" if cell.kind == LABEL else "head"
            if cell.kind == VALUE:
                if shown is not None:
                    text = shown.get(cell.cell_id, "—").strip()
                else:
                    value = report.value(cell.cell_id)
                    text = value.raw.strip() if value is not None else "—"
                cls = f"num {worst.get(cell.cell_id, '')}".strip()
            width = ""
            if cell.col_span == 1:
                widths = COLUMN_WIDTHS.get(t.id, ())
                width = widths[cell.col] if cell.col < len(widths) else VALUE_WIDTHS.get(t.id, "")
            rows[cell.row].append(
                {"text": text, "cls": cls, "colspan": cell.col_span, "rowspan": cell.row_span, "width": width}
            )
        width = VALUE_WIDTHS.get(t.id, "")  # value columns narrow, so that long row labels do not wrap
        out.append(
            {"name": t.name, "title": t.title, "found": t.id in report.tables, "rows": rows, "value_width": width}
        )
    return out


def sheet_context(
    path: str | Path,
    report: Report,
    findings: list[Finding],
    sha256: str,
    edits: dict[str, str | None] | None = None,
    original: dict[str, str] | None = None,
    now: dt.datetime | None = None,
    diagnoses: list[Diagnosis] | None = None,
    decisions: Applied | None = None,
) -> dict:
    """Everything the sheet shows. ``findings`` are those of the draft as submitted; where the
    reviewer corrected cells (``edits`` against the draft's ``original`` texts), the tables show
    the draft's values and a list records each correction. ``decisions`` (laid over
    ``findings``) put a confirmed finding's status in the list and a dismissed one, with its
    reason, in a section of its own, so that the signature covers it."""
    path = Path(path)
    diagnoses = diagnose(report) if diagnoses is None else diagnoses
    summaries = {r.code: r.summary for r in catalogue()}
    applied = decisions or NONE
    rows = [_finding_row(f, summaries, applied.of(i)) for i, f in enumerate(findings)]
    listed = [r for r in rows if not r["decision"] or r["decision"]["status"] != DISMISSED]
    dismissed = [r for r in rows if r["decision"] and r["decision"]["status"] == DISMISSED]
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
        "palette": PALETTE,
        "passed": PASSED.background,
        "header_bg": HEADER_BG,
        "title_fonts": css_families(FONT_LISTS["title"], "sans-serif"),
        "heading_fonts": css_families(FONT_LISTS["heading"], "sans-serif"),
        "meta": report.meta.to_json(),
        "file": {"name": path.name, "size": _size(path), "sha256": sha256},
        "checked_at": (now or dt.datetime.now()).strftime("%Y年%m月%d日 %H:%M"),
        "version": __version__,
        "errors": sum(1 for f in findings if f.severity == ERROR),
        "warnings": sum(1 for f in findings if f.severity != ERROR),
        "findings": _finding_rows(listed, diagnoses, dismissed),
        "dismissed": dismissed,
        "confirmed": sum(1 for r in rows if r["decision"] and r["decision"]["status"] != DISMISSED),
        "decided": bool(applied.by_finding),
        "edits": edit_rows,
        "tables": _tables(report, findings, original, diagnoses),
    }


@functools.cache
def _env():
    import jinja2  # only when a sheet is rendered
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    # our own template, but rendered sandboxed all the same: the values it shows come from drafts
    return ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(resource("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def sheet_html(context: dict, breaks: frozenset[str] = frozenset()) -> str:
    """The sheet's HTML; ``breaks`` names the rows and headings that start a new page (chosen by
    the printer's pagination, which knows where the pages fall: see gui/printing.py)."""
    return _env().get_template("sheet.html.j2").render(**context, breaks=breaks)


def sheet_renderer(context: dict):
    """``breaks -> HTML``, for the printer's pagination."""
    return lambda breaks=frozenset(): sheet_html(context, breaks)
