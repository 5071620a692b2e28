"""The report as the checker sees it: metadata, every statutory cell found, label deviations.

Core layer. The locator fills a :class:`Report` from a :class:`core.document.Document`; rules read
it; the window edits its cell values; exports render it. Cell ids are the spec's
``<table>.<row>.<col>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from core.document import Cell, Document
from core.sections import Outline
from core.values import Value


class SourceRef(NamedTuple):
    """Where a statutory cell stands in the document: a table block, its row, the cell in the row."""

    block: int  # index into Document.blocks
    row: int
    cell: int


@dataclass
class Located:
    """A statutory cell: its value and where it was read from; ``source`` is None for a cell
    the draft does not have (folded into another row, added in the review, or a 汇总's sum)."""

    value: Value
    source: SourceRef | None = None


@dataclass(frozen=True)
class LabelIssue:
    """A row, column or group label that is not the standard wording (LABEL-NONSTANDARD)."""

    table: str
    kind: str  # "row", "column" or "group"
    id: str
    found: str
    standard: str


@dataclass
class Meta:
    """The report's title, agency and year, as the locator found them."""

    title: str | None = None
    agency: str | None = None
    year: int | None = None

    def to_json(self) -> dict:
        return {"title": self.title, "agency": self.agency, "year": self.year}


def standard_columns() -> dict[str, tuple[str, ...]]:
    """Every table's standard value columns (its optional ones left out), by table id."""
    from core.schema import schema

    return {t.id: t.column_ids() for t in schema().tables}


@dataclass
class Report:
    """A located report: the document, the statutory cells read from it, and what the locator saw on
    the way."""

    document: Document
    meta: Meta = field(default_factory=Meta)
    cells: dict[str, Located] = field(default_factory=dict)
    tables: dict[str, list[int]] = field(default_factory=dict)  # table id -> block indices
    # table id -> the value columns the table has, in schema order (core.locate sets it once
    # from the header): the standard ones, and an optional one (表三's 小计) the header prints
    columns: dict[str, tuple[str, ...]] = field(default_factory=standard_columns)
    labels: list[LabelIssue] = field(default_factory=list)
    outdated_labels: list[str] = field(default_factory=list)
    title_blocks: list[int] = field(default_factory=list)  # the paragraphs that make up the title
    outline: Outline | None = None  # sections, narrative and signature (core.sections)
    previous: Report | None = None  # last year's report of the same agency, when given
    summed: object | None = None  # a 汇总 report's parts added up (core.summing.PartsSum), when given
    # table id -> (blocks of one candidate, blocks of another, cells they disagree on): two
    # candidates fit equally (TABLE-AMBIGUOUS); the cells hold the first candidate's figures
    ambiguous: dict[str, tuple[list[int], list[int], list[str]]] = field(default_factory=dict)
    # group id -> the label of a group printed as one row (2019 shape, （六）其他处理): its figures
    # are read into the group's last item (other_other); the other items are not in the draft
    merged_rows: dict[str, str] = field(default_factory=dict)
    # (table id, label text, block, row, why) of rows inside a statutory table that were not read
    # (TABLE-PART-UNREAD): "label" — figures under a label that matches no statutory row;
    # "count" — more or fewer figures than the header's columns, so none can be placed
    unread: list[tuple[str, str, int, int, str]] = field(default_factory=list)
    # table id -> the label of a column the header adds beyond the statutory ones (a 备注 or 说明
    # column of notes) and the texts in it: not read as figures or labels (TABLE-EXTRA-COLUMN)
    note_columns: dict[str, tuple[str, list[str]]] = field(default_factory=dict)

    def folded_cells(self) -> list[str]:
        """Cells the draft does not have because it prints their group as one row (merged_rows):
        every item of the group but the last, in every column."""
        from core.schema import schema

        table = schema().table("requests")
        out = []
        for group_id in self.merged_rows:
            items = [r for r in table.rows if r.group == group_id][:-1]
            out += [
                f"requests.{r.id}.{c.id}" for r in items for c in table.columns if self.has_column("requests", c.id)
            ]
        return out

    def narrative(self, section_id: str | None = None) -> list[tuple[str | None, str]]:
        """(section id, paragraph text) of the narrative, of one section or all (preamble: None)."""
        if self.outline is None:
            return []
        blocks = self.document.blocks
        pairs = [(None, i) for i in self.outline.preamble] + [
            (sid, i) for sid, ids in self.outline.body.items() for i in ids
        ]
        return [(sid, blocks[i].text) for sid, i in pairs if section_id is None or sid == section_id]

    def source_cell(self, cell_id: str) -> Cell | None:
        """The document's cell a statutory cell was read from, if the draft has it."""
        located = self.cells.get(cell_id)
        if located is None or located.source is None:
            return None
        block, row, cell = located.source
        return self.document.blocks[block].rows[row][cell]

    def value(self, cell_id: str) -> Value | None:
        located = self.cells.get(cell_id)
        return located.value if located else None

    def has_column(self, table_id: str, col_id: str) -> bool:
        return col_id in self.columns[table_id]

    def extra_columns(self, table_id: str) -> tuple[str, ...]:
        """Columns the draft has beyond the standard layout (表三's 小计), which outputs drop."""
        from core.schema import schema

        standard = schema().table(table_id).column_ids()
        return tuple(c for c in self.columns[table_id] if c not in standard)

    def layout(self, table_id: str):
        """The table's grid (core.grid) with the columns this draft has."""
        from core.grid import layout

        return layout(table_id, self.columns[table_id])
