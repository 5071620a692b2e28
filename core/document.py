"""The parsed document: paragraphs and tables in reading order, whatever the input format.

Core layer. Readers (DOCX, PDF, saved web pages, the plain-text exports) produce a :class:`Document`; the locator finds
the statutory tables in it by content. A table is a list of rows, a row a list of the cells that
really exist in it: a horizontally spanned cell appears once (with its span), a vertically merged
continuation appears as an empty cell marked ``merged_up`` — the same shape the plain-text
exports of real reports have.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class PageBox(NamedTuple):
    """Where a PDF shows something: the page index and the box, in points from the page's top left."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float


class UnreadChunk(NamedTuple):
    """A part embedded in a DOCX (``w:altChunk``) that could not be read: its name in the package
    and why — "rtf", "too_large", "damaged", "too_deep" (chunks within chunks), "missing" (not in
    the package, or outside it) or "kind" (another kind of content)."""

    part: str
    why: str


@dataclass
class Cell:
    """One cell of a table as read: its text, its first grid column and how many it spans, whether
    it continues a vertical merge."""

    text: str
    grid_col: int
    span: int = 1
    merged_up: bool = False
    where: PageBox | None = None  # where a PDF shows the cell


@dataclass
class Paragraph:
    """A paragraph of the body, with its style's name where the reader knows it."""

    text: str
    style: str | None = None


@dataclass
class Table:
    """A table as rows of cells on grid positions."""

    rows: list[list[Cell]]

    def text(self) -> str:
        return "\n".join(c.text for row in self.rows for c in row)


@dataclass
class Document:
    """What a reader gives: the body's paragraphs and tables in document order, and what it could
    not read."""

    blocks: list[Paragraph | Table]
    kind: str  # "docx", "pdf", "html" or "text"
    has_images: bool = False
    notes: list[str] = field(default_factory=list)
    unread_chunks: list[UnreadChunk] = field(default_factory=list)  # DOCX parts not read (see UnreadChunk)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[tuple[int, Table]]:
        return [(i, b) for i, b in enumerate(self.blocks) if isinstance(b, Table)]
