"""Writing a :mod:`core.grid` layout (or any planned grid) into a python-docx document.

Core layer. Used by the report template builder and by the test fixtures. Texts are written
through the row and cell elements while the table is unmerged and only the merges go through
``table.cell(r, c)``, which rebuilds the whole grid on every call.
"""

from __future__ import annotations

from docx.shared import Cm, Pt
from docx.table import _Cell

from core.grid import GridCell, GridLayout


def write_cell(cell, text: str, size_pt: float = 9, bold: bool = False, align=None) -> None:
    """Write text into a cell; "\\n" becomes a line break inside one paragraph."""
    para = cell.paragraphs[0]
    if align is not None:
        para.alignment = align
    parts = text.split("\n")
    for i, part in enumerate(parts):
        run = para.add_run(part)
        run.bold = bold
        run.font.size = Pt(size_pt)
        if i < len(parts) - 1:
            run.add_break()


class PlannedTable:
    """A table planned as texts and merges, then written in one pass by :meth:`apply`."""

    def __init__(self, doc, rows: int, cols: int, widths_cm: list[float] | None = None, size_pt: float = 9):
        self.table = doc.add_table(rows=rows, cols=cols)
        self.table.style = "Table Grid"
        self.table.autofit = False
        self.widths = [Cm(w) for w in widths_cm] if widths_cm else None
        self.size_pt = size_pt
        self.texts: dict[tuple[int, int], tuple[str, dict]] = {}
        self.merges: list[tuple[int, int, int, int]] = []

    def set(self, r: int, c: int, text: str, **style) -> None:
        self.texts[(r, c)] = (text, style)

    def merge(self, r0: int, c0: int, r1: int, c1: int, text: str, **style) -> None:
        self.texts[(r0, c0)] = (text, style)
        self.merges.append((r0, c0, r1, c1))

    def apply(self):
        trs = self.table._tbl.tr_lst
        if self.widths:
            for col, width in zip(self.table.columns, self.widths):
                col.width = width
            for tr in trs:
                for tc, width in zip(tr.tc_lst, self.widths):
                    _Cell(tc, self.table).width = width
        for (r, c), (text, style) in self.texts.items():
            write_cell(_Cell(trs[r].tc_lst[c], self.table), text, style.pop("size_pt", self.size_pt), **style)
        for r0, c0, r1, c1 in self.merges:
            self.table.cell(r0, c0).merge(self.table.cell(r1, c1))
        return self.table


def draw_grid(
    doc,
    grid: GridLayout,
    text_of,
    widths_cm,
    merged: bool = True,
    rows: range | None = None,
    size_pt: float = 9,
    style_of=None,
):
    """Write a grid layout (or the rows ``rows`` of it) as a DOCX table.

    ``merged=False`` writes every spanned cell's text in its top-left slot and leaves the rest of
    the span blank, as drafts without merges do. ``style_of(cell)`` may give write_cell options.
    """
    rows = rows or range(grid.rows)
    out = PlannedTable(doc, len(rows), grid.cols, widths_cm, size_pt)
    for cell in grid.cells:
        if cell.row not in rows:
            continue
        r = cell.row - rows.start
        text = text_of(cell)
        style = style_of(cell) if style_of else {}
        if merged and (cell.row_span > 1 or cell.col_span > 1):
            out.merge(r, cell.col, r + cell.row_span - 1, cell.col + cell.col_span - 1, text, **style)
        else:
            out.set(r, cell.col, text, **style)
    return out.apply()


__all__ = ["GridCell", "PlannedTable", "draw_grid", "write_cell"]
