"""The parsed document as simple HTML, for the window's read-only report view.

Core layer. The title, the section headings, the narrative, the signature and the tables (with
their spans) in reading order, as the locator's outline has them; the statutory
tables carry an anchor and a caption bar, and their cells an anchor per cell id and the colour of
the cell's worst finding. A cell edited in the review shows its draft text struck through and
the new text beside it. Kept to the HTML subset that Qt's rich text understands.
"""

from __future__ import annotations

from html import escape
from typing import NamedTuple

from core.document import Paragraph, Table
from core.limits import clip
from core.presentation import PALETTE
from core.report import Report
from core.schema import schema

NUMBER_COLUMN = 3  # characters: the narrowest a column gets (a number of five digits)
LABEL_COLUMN = 8  # characters: the widest a label column asks for before it wraps
CELL_PAD = 10  # pixels of cell padding and border


class Width(NamedTuple):
    """How wide the pane draws tables: a CJK character's advance and the room across, in pixels."""

    char: int
    available: int


def width_in_chars(text: str) -> int:
    """Width of the text's longest line, in CJK characters (a Latin letter or digit counts half)."""
    longest = max(text.split("\n"), key=len)
    return max(1, round(sum(1 if ord(ch) > 0x2E80 else 0.55 for ch in longest)))


def column_widths(table: Table, width: Width, shown: dict[tuple[int, int], str] | None = None) -> list[int]:
    """Pixel widths of a table's grid columns, readable first: a column is as wide as its widest
    one-column cell (up to :data:`LABEL_COLUMN` characters, at least :data:`NUMBER_COLUMN`), and
    all of them at least the pane's width together — a wider table scrolls sideways instead of
    squeezing a column to a character. ``shown``: (row, cell) -> the text shown where it is not
    the cell's own (an edit beside the draft's figure)."""
    columns = max((c.grid_col + c.span for row in table.rows for c in row), default=0)
    wanted = [NUMBER_COLUMN] * columns
    for r, row in enumerate(table.rows):
        for ci, cell in enumerate(row):
            text = (shown or {}).get((r, ci), cell.text).strip()
            if cell.span == 1 and not cell.merged_up and text:
                wanted[cell.grid_col] = max(wanted[cell.grid_col], min(LABEL_COLUMN, width_in_chars(text)))
    pixels = [w * width.char + CELL_PAD for w in wanted]
    total = sum(pixels)
    scale = max(1.0, width.available / total) if total else 1.0
    return [round(p * scale) for p in pixels]


def _kinds(report: Report) -> dict[int, str]:
    """How each paragraph block is shown, from the outline the locator built: the title, a
    section heading, the signature; any other paragraph is body text."""
    kinds = {i: "title" for i in report.title_blocks}
    outline = report.outline
    if outline is not None:
        kinds.update({i: "heading" for i in outline.headings.values()})
        kinds.update({i: "signature" for i in (outline.signer, outline.signed) if i is not None})
    return kinds


_PARAGRAPH = {
    "title": '<h2 align="center">{}</h2>',
    "heading": "<h3>{}</h3>",
    "signature": '<p align="right">{}</p>',
}


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


def document_html(
    report: Report, severities: dict[str, str | None], edits: dict[str, str | None], width: Width | None = None
) -> str:
    """The report as the pane shows it. Paragraphs are shown as the outline the locator built
    (core.sections) says they are: the title blocks centred, each section's heading as a
    heading, the signature to the right. ``width``: size the tables' columns for the pane."""
    where = {loc.source: cid for cid, loc in report.cells.items() if loc.source is not None}
    table_of_block = {b: t for t, blocks in report.tables.items() for b in blocks}
    kinds = _kinds(report)
    parts = ['<html><body style="font-size:11pt; line-height:150%">']
    pending = ""  # anchors of skipped empty paragraphs, carried to the next shown block
    for index, block in enumerate(report.document.blocks):
        anchor = f'{pending}<a name="block-{index}"></a>'
        if isinstance(block, Paragraph):
            text = clip(block.text.strip())
            if not text:
                pending = anchor
                continue
            pending = ""
            parts.append(_PARAGRAPH.get(kinds.get(index), "<p>{}</p>").format(anchor + escape(text)))
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
        shown = {
            (r, ci): f"{cell.text} → {edits[where[(index, r, ci)]] or ''}"
            for r, row in enumerate(block.rows)
            for ci, cell in enumerate(row)
            if where.get((index, r, ci)) in edits
        }
        widths = column_widths(block, width, shown) if width else None
        table_width = f"{sum(widths)}" if widths else "100%"
        parts.append(
            f'<table border="1" cellspacing="0" cellpadding="3" width="{table_width}" style="border-color:{border}">'
        )
        for r, row in enumerate(block.rows):
            parts.append("<tr>")
            for ci, cell in enumerate(row):
                if cell.merged_up:
                    continue
                attrs = []
                if cell.span > 1:
                    attrs.append(f'colspan="{cell.span}"')
                elif widths:
                    attrs.append(f'width="{widths[cell.grid_col]}"')
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
