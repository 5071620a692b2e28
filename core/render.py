"""The parsed document as simple HTML, for the window's read-only report view.

Core layer. Headings, paragraphs and tables (with their spans) in reading order; the statutory
tables carry an anchor and a caption bar, and their cells an anchor per cell id and the colour of
the cell's worst finding. A cell edited in the review shows its draft text struck through and
the new text beside it. Kept to the HTML subset that Qt's rich text understands.
"""

from __future__ import annotations

import re
from html import escape

from core.document import Paragraph, Table
from core.limits import clip
from core.presentation import PALETTE
from core.report import Report
from core.schema import schema

_HEADING = re.compile(r"^\s*[一二三四五六七八九十]{1,2}\s*、.{2,30}$")


def _row_spans(table: Table) -> dict[tuple[int, int], int]:
    """Row span of every cell that starts a vertical merge, keyed by (row, grid column)."""
    spans: dict[tuple[int, int], int] = {}
    open_at: dict[int, tuple[int, int]] = {}
    for r, row in enumerate(table.rows):
        for c in row:
            if c.merged_up and c.grid_col in open_at:
                key = open_at[c.grid_col]
                spans[key] = spans.get(key, 1) + 1
            else:
                open_at[c.grid_col] = (r, c.grid_col)
    return spans


def document_html(report: Report, severities: dict[str, str | None], edits: dict[str, str | None]) -> str:
    where = {loc.source: cid for cid, loc in report.cells.items() if loc.source is not None}
    table_of_block = {b: t for t, blocks in report.tables.items() for b in blocks}
    parts = ['<html><body style="font-size:11pt; line-height:150%">']
    title = report.meta.title
    pending = ""  # anchors of skipped empty paragraphs, carried to the next shown block
    for index, block in enumerate(report.document.blocks):
        anchor = f'{pending}<a name="block-{index}"></a>'
        if isinstance(block, Paragraph):
            text = clip(block.text.strip())
            if not text:
                pending = anchor
                continue
            pending = ""
            if title and text.replace(" ", "") and text.replace(" ", "") in title and index < 6:
                parts.append(f'<h2 align="center">{anchor}{escape(text)}</h2>')
            elif _HEADING.match(text):
                parts.append(f"<h3>{anchor}{escape(text)}</h3>")
            else:
                parts.append(f"<p>{anchor}{escape(text)}</p>")
            continue
        pending = ""
        table_id = table_of_block.get(index)
        if table_id:
            t = schema().table(table_id)
            parts.append(
                f'<a name="table-{table_id}"></a>{anchor}'
                '<p style="background:#1565c0; color:#ffffff; font-weight:bold">'
                f"&nbsp;{t.name}（法定统计表）{escape(t.title)}</p>"
            )
        spans = _row_spans(block)
        border = "#1565c0" if table_id else "#888888"
        lead = "" if table_id else anchor  # a statutory table's anchors are above its caption
        parts.append(f'<table border="1" cellspacing="0" cellpadding="3" width="100%" style="border-color:{border}">')
        for r, row in enumerate(block.rows):
            parts.append("<tr>")
            for ci, cell in enumerate(row):
                if cell.merged_up:
                    continue
                attrs = []
                if cell.span > 1:
                    attrs.append(f'colspan="{cell.span}"')
                if spans.get((r, cell.grid_col), 1) > 1:
                    attrs.append(f'rowspan="{spans[(r, cell.grid_col)]}"')
                content = escape(clip(cell.text, 500)).replace("\n", "<br>")
                cell_id = where.get((index, r, ci))
                if cell_id:
                    colours = PALETTE.get(severities.get(cell_id) or "")
                    if colours:
                        attrs.append(f'bgcolor="{colours.background}" style="color:{colours.foreground}"')
                    if cell_id in edits:
                        new = edits[cell_id]
                        content = f'<s>{content}</s> <span style="color:#1565c0">→ {escape(clip(new or ""))}</span>'
                    content = f'<a name="cell-{cell_id}"></a>{content}'
                parts.append(f"<td {' '.join(attrs)}>{lead}{content}</td>")
                lead = ""
            parts.append("</tr>")
        parts.append("</table><p></p>")
    parts.append(f'<p>{pending}<a name="end"></a></p></body></html>')
    return "".join(parts)
