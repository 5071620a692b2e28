"""The official layout of each statutory table as a grid of cells with spans.

Core layer. Derived from the schema alone: block captions, header rows, label columns with their
vertical merges, and one value cell per statutory cell id. The window's grid, the generated
fixtures and the exports all draw the tables from this one description.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from core.cell_id import cell_id
from core.schema import schema

CAPTION, HEADER, LABEL, VALUE = "caption", "header", "label", "value"


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    text: str
    kind: str
    row_span: int = 1
    col_span: int = 1
    cell_id: str | None = None
    label_of: str | None = None  # for label and header cells: the row, group or column id named


@dataclass(frozen=True, eq=False)
class GridLayout:
    table_id: str
    rows: int
    cols: int
    cells: tuple[GridCell, ...]

    def __post_init__(self) -> None:
        # Built once: views look cells up on every paint.
        object.__setattr__(self, "_at", {(c.row, c.col): c for c in self.cells})
        object.__setattr__(self, "_pos", {c.cell_id: (c.row, c.col) for c in self.cells if c.cell_id})

    def at(self, row: int, col: int) -> GridCell | None:
        """The cell whose top-left corner is (row, col); None where a span covers it."""
        return self._at.get((row, col))

    def position(self, cell_id: str) -> tuple[int, int] | None:
        return self._pos.get(cell_id)

    @property
    def value_cells(self) -> list[GridCell]:
        return [c for c in self.cells if c.kind == VALUE]


class _Builder:
    def __init__(self, table_id: str):
        self.table_id = table_id
        self.cells: list[GridCell] = []

    def add(self, row, col, text, kind, row_span=1, col_span=1, cell_id=None, label_of=None):
        self.cells.append(GridCell(row, col, text, kind, row_span, col_span, cell_id, label_of))

    def value(self, row, col, row_id, col_id, col_span=1):
        self.add(row, col, "", VALUE, 1, col_span, cell_id(self.table_id, row_id, col_id))

    def done(self, rows, cols) -> GridLayout:
        return GridLayout(self.table_id, rows, cols, tuple(self.cells))


def _proactive() -> GridLayout:
    t = schema().table("proactive")
    b = _Builder("proactive")
    r = 0
    for block in t.blocks:
        rows = [t.row(rid) for rid in block["rows"]]
        cols = rows[0].cols
        b.add(r, 0, block["caption"], CAPTION, col_span=4)
        b.add(r + 1, 0, t.header["content"], HEADER)
        span = 3 // len(cols)
        for i, col in enumerate(cols):
            b.add(r + 1, 1 + i * span, t.column(col).label, HEADER, col_span=span, label_of=col)
        r += 2
        for row in rows:
            b.add(r, 0, row.label, LABEL, label_of=row.id)
            for i, col in enumerate(row.cols):
                b.value(r, 1 + i * span, row.id, col, col_span=span)
            r += 1
    return b.done(r, 4)


def _requests(columns: tuple[str, ...]) -> GridLayout:
    t = schema().table("requests")
    b = _Builder("requests")
    values = [c for c in t.column_ids(with_optional=True) if c in columns]
    org = [c for c in values if t.column(c).group == "org"]
    width = 3 + len(values)
    b.add(0, 0, t.corner, HEADER, row_span=3, col_span=3)
    b.add(0, 3, t.header["top"], HEADER, col_span=len(values))
    b.add(1, 3, t.column("natural").label, HEADER, row_span=2, label_of="natural")
    b.add(1, 4, t.header["org_group"], HEADER, col_span=len(org))
    b.add(1, width - 1, t.column("total").label, HEADER, row_span=2, label_of="total")
    for i, col in enumerate(org):
        b.add(2, 4 + i, t.column(col).label, HEADER, label_of=col)
    first = 3
    index = {row.id: first + i for i, row in enumerate(t.rows)}
    results = [row for row in t.rows if row.group]
    b.add(index[results[0].id], 0, t.group("results").label, LABEL, row_span=len(results), label_of="results")
    for group in t.groups:
        members = [row for row in t.rows if row.group == group.id]
        if group.parent and members:
            b.add(index[members[0].id], 1, group.label, LABEL, row_span=len(members), label_of=group.id)
    for row in t.rows:
        r = index[row.id]
        if row.group is None:
            b.add(r, 0, row.label, LABEL, col_span=3, label_of=row.id)
        elif row.group == "results":
            b.add(r, 1, row.label, LABEL, col_span=2, label_of=row.id)
        else:
            b.add(r, 2, row.label, LABEL, label_of=row.id)
        for i, col in enumerate(values):
            b.value(r, 3 + i, row.id, col)
    return b.done(first + len(t.rows), width)


def _appeals() -> GridLayout:
    t = schema().table("appeals")
    b = _Builder("appeals")
    n = len(t.columns)
    review, *suits = t.rows
    b.add(0, 0, review.label, HEADER, col_span=n, label_of=review.id)
    b.add(0, n, suits[0].parent_label, HEADER, col_span=n * len(suits))
    for i, col in enumerate(t.columns):
        b.add(1, i, col.label, HEADER, row_span=2, label_of=col.id)
    for g, suit in enumerate(suits, start=1):
        b.add(1, g * n, suit.label, HEADER, col_span=n, label_of=suit.id)
        for i, col in enumerate(t.columns):
            b.add(2, g * n + i, col.label, HEADER, label_of=col.id)
    for g, group in enumerate(t.rows):
        for i, col in enumerate(t.columns):
            b.value(3, g * n + i, group.id, col.id)
    return b.done(4, n * len(t.rows))


@cache
def layout(table_id: str, columns: tuple[str, ...] | None = None) -> GridLayout:
    """The official grid of a table; for 表三, with the value ``columns`` a draft has (a
    :attr:`core.report.Report.columns` entry; the standard ones when not given)."""
    if table_id == "proactive":
        return _proactive()
    if table_id == "requests":
        return _requests(columns or schema().table("requests").column_ids())
    return _appeals()
