"""Reading a published PDF report (exported from Word or WPS) into paragraphs and tables.

Core layer. :mod:`core.readers.pdf_engine` (PDFium) gives, page by page, the characters of the
text layer and the cells its ruling lines draw. Each table becomes the grid the DOCX reader would
give: the cell edges of the whole table (all its pages) are clustered into column and row
boundaries, every cell gets its grid column, span and vertical-merge continuations, and its text
is rebuilt from the characters inside it.
Across a page break the parts of one table are joined again: running page markers (“- 4 -”,
“第 4 页”) are dropped, a header row repeated on the new page is dropped, and a row that the
break split in two is put back together. Text outside tables becomes paragraphs, lines wrapped
by the page joined again.

A PDF without a text layer (a scan) is refused with a plain message; nothing is ever guessed
from images.
"""

from __future__ import annotations

import bisect
import contextlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from core.document import Cell, Document, Paragraph, Table
from core.errors import ReadError
from core.readers.pdf_engine import PdfPage, read_pages

# A page marker: "- 4 -", "—4—", "4", "第 4 页", "第4页 共12页", "4 / 12".
_PAGE_MARKER = re.compile(
    r"^[-－—–~～]*\s*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:[/／]\s*\d{1,4}|[，,]?\s*共\s*\d{1,4}\s*页)?\s*[-－—–~～]*$"
)
_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
_NUMBER = re.compile(r"^[\d.,，]+$")
_NUMBERED = re.compile(r"^\d+[.、．]")
_MIN_TEXT_CHARS = 20  # fewer readable characters than this in the whole file: a scan
EDGE_TOLERANCE = 2.0  # points within which two cell edges are the same grid line


@dataclass
class _Line:
    page: int
    top: float  # on the page
    doctop: float  # across the document
    x0: float
    x1: float
    size: float
    text: str


@dataclass
class _PdfCell:
    x0: float
    top: float  # doctop
    x1: float
    bottom: float
    page: int
    page_top: float
    text: str = ""
    continued: bool = False  # the rest of a vertically merged cell the page break cut


@dataclass
class _Piece:
    """One page's part of a table."""

    page: int
    x0: float
    x1: float
    top: float  # doctop
    cells: list[_PdfCell] = field(default_factory=list)


# Fonts that map CJK glyphs to Kangxi radicals (⾏ U+2F8F for 行) or compatibility ideographs in
# their ToUnicode tables, as WPS exports often do: read as the ideographs they show.
_RADICALS = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")


def _ideographs(text: str) -> str:
    return _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text) if _RADICALS.search(text) else text


def _text_of(chars: list[dict]) -> list[tuple[float, float, float, float, str]]:
    """Characters grouped into lines: (top, x0, x1, size, text), top to bottom."""
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if lines:
            last = lines[-1]
            ref = last[0]
            if abs(ch["top"] - ref["top"]) <= max(1.0, 0.4 * ref["size"]):
                last.append(ch)
                continue
        lines.append([ch])
    out = []
    for line in lines:
        line.sort(key=lambda c: c["x0"])
        parts = [line[0]["text"]]
        for prev, ch in zip(line, line[1:]):
            gap = ch["x0"] - prev["x1"]
            if gap > 0.5 * max(prev["size"], ch["size"]) and not prev["text"].isspace() and not ch["text"].isspace():
                parts.append(" ")
            parts.append(ch["text"])
        text = _ideographs("".join(parts).strip())
        if text:
            size = max(c["size"] for c in line)
            out.append((min(c["top"] for c in line), line[0]["x0"], line[-1]["x1"], size, text))
    return out


class _Strikes:
    """Whether a line is drawn through a character's middle: text struck out, as Word and WPS
    show deleted text when a PDF is exported with tracked changes visible."""

    def __init__(self, page: PdfPage):
        self.segments = sorted(page.rules)
        self.ys = [s[0] for s in self.segments]

    def __call__(self, ch: dict) -> bool:
        height = ch["bottom"] - ch["top"]
        lo = bisect.bisect_left(self.ys, ch["top"] + 0.45 * height)
        hi = bisect.bisect_right(self.ys, ch["top"] + 0.85 * height)
        width = ch["x1"] - ch["x0"]
        for _, x0, x1 in self.segments[lo:hi]:
            if min(x1, ch["x1"]) - max(x0, ch["x0"]) >= 0.8 * width:
                return True
        return False


def _join_lines(lines: list[str]) -> str:
    """Lines the layout wrapped, as the one line they were written as: CJK text and numbers run
    on, Latin words keep a space between them."""
    text = ""
    for line in lines:
        if text and text[-1].isascii() and text[-1].isalpha() and line[:1].isascii() and line[:1].isalpha():
            text += " "
        text += line
    return text


def _cluster(values: list[float]) -> list[float]:
    """Sorted representatives of values, those within EDGE_TOLERANCE of each other merged."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= EDGE_TOLERANCE:
            continue
        out.append(v)
    return out


def _index(bounds: list[float], v: float) -> int:
    i = bisect.bisect_left(bounds, v - EDGE_TOLERANCE)
    return min(i, len(bounds) - 1)


def _owners(pieces, chars: list[dict], offset: float) -> list[_PdfCell | None]:
    """The cell that holds each character's centre: in the first table whose box holds it, the
    smallest such cell (nested rectangles); None for text outside tables. Each cell looks only at
    the characters in its own rows, so the cost follows the characters, not characters × cells."""
    centres = [((ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2) for ch in chars]
    owners: list[_PdfCell | None] = [None] * len(chars)
    areas = [0.0] * len(chars)
    claimed = [False] * len(chars)
    for (x0, top, x1, bottom), piece in pieces:
        mine = [i for i, (cx, cy) in enumerate(centres) if not claimed[i] and x0 <= cx <= x1 and top <= cy <= bottom]
        mine.sort(key=lambda i: centres[i][1])
        ys = [centres[i][1] + offset for i in mine]
        for i in mine:
            claimed[i] = True
        for cell in piece.cells:
            area = (cell.x1 - cell.x0) * (cell.bottom - cell.top)
            for i in mine[bisect.bisect_left(ys, cell.top) : bisect.bisect_right(ys, cell.bottom)]:
                if cell.x0 <= centres[i][0] <= cell.x1 and (owners[i] is None or area < areas[i]):
                    owners[i], areas[i] = cell, area
    return owners


class _PdfReader:
    def __init__(self):
        self.heights: dict[int, float] = {}
        self.lines: list[_Line] = []
        self.pieces: list[_Piece] = []
        self.text_chars = 0
        self.unmapped = 0
        self.has_images = False

    # -- per page -------------------------------------------------------------------------------
    def read_page(self, number: int, page: PdfPage) -> None:
        self.heights[number] = page.height
        self.has_images = self.has_images or page.has_images
        offset = page.doctop
        pieces = []
        for bbox, cells in page.tables:
            x0, top, x1, _ = bbox
            piece = _Piece(number, x0, x1, top + offset)
            for cx0, ctop, cx1, cbottom in cells:
                piece.cells.append(_PdfCell(cx0, ctop + offset, cx1, cbottom + offset, number, ctop))
            pieces.append((bbox, piece))
        cell_chars: dict[int, list[dict]] = {}
        free: list[dict] = []
        struck = _Strikes(page)
        kept = []
        for ch in page.chars:
            if struck(ch):
                continue  # deleted text a tracked-changes view left visible
            if ch["unmapped"]:
                self.unmapped += 1
                continue
            if not ch["text"].isspace():
                self.text_chars += 1
            kept.append(ch)
        for ch, owner in zip(kept, _owners(pieces, kept, offset)):
            if owner is None:
                free.append(ch)
            else:
                cell_chars.setdefault(id(owner), []).append(ch)
        for _, piece in pieces:
            for cell in piece.cells:
                cell.text = _join_lines([t for *_, t in _text_of(cell_chars.get(id(cell), []))])
            self.pieces.append(piece)
        for top, x0, x1, size, text in _text_of(free):
            self.lines.append(_Line(number, top, top + offset, x0, x1, size, text))

    # -- running headers and page markers --------------------------------------------------
    def drop_page_furniture(self) -> None:
        """Remove page numbers and running headers/footers repeated in the page margins."""
        heights = self.heights

        def in_margin(line: _Line) -> bool:
            h = heights[line.page]
            return line.top < 0.1 * h or line.top > 0.88 * h

        def key(line: _Line) -> tuple[str, int]:
            return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text)), round(line.top / 4)

        counts: dict[tuple[str, int], set[int]] = {}
        for line in self.lines:
            if in_margin(line):
                counts.setdefault(key(line), set()).add(line.page)
        self.lines = [
            line
            for line in self.lines
            if not _PAGE_MARKER.match(line.text) and not (in_margin(line) and len(counts.get(key(line), ())) >= 2)
        ]

    # -- the flow of blocks ------------------------------------------------------------------
    def blocks(self) -> list[Paragraph | Table]:
        items: list[tuple[float, int, object]] = [(ln.doctop, 1, ln) for ln in self.lines]
        items += [(p.top, 0, p) for p in self.pieces]
        items.sort(key=lambda it: (it[0], it[1]))
        blocks: list[Paragraph | Table] = []
        group: list[_Piece] = []
        para: list[_Line] = []
        right = self._right_margin()
        left = min((ln.x0 for ln in self.lines), default=0.0)
        for _, _, item in items:
            if isinstance(item, _Piece):
                if para:
                    blocks.append(self._paragraph(para))
                    para = []
                if group and self._continues(group[-1], item):
                    group.append(item)
                    continue
                if group:
                    blocks.append(_table(group))
                group = [item]
                continue
            if group:
                blocks.append(_table(group))
                group = []
            if para and self._starts_paragraph(para[-1], item, left, right):
                blocks.append(self._paragraph(para))
                para = []
            para.append(item)
        if para:
            blocks.append(self._paragraph(para))
        if group:
            blocks.append(_table(group))
        return blocks

    def _right_margin(self) -> float:
        ends = sorted(ln.x1 for ln in self.lines)
        return ends[int(len(ends) * 0.9)] if ends else 0.0

    @staticmethod
    def _continues(before: _Piece, after: _Piece) -> bool:
        """A table part at the top of the next page, as wide as the one that ended the page."""
        return (
            after.page == before.page + 1
            and abs(after.x0 - before.x0) <= 3 * EDGE_TOLERANCE
            and abs(after.x1 - before.x1) <= 3 * EDGE_TOLERANCE
        )

    @staticmethod
    def _starts_paragraph(prev: _Line, line: _Line, left: float, right: float) -> bool:
        size = max(prev.size, line.size)
        return (
            prev.x1 < right - 1.5 * size  # the line before ended short
            or line.x0 > left + 0.8 * size  # this one is indented
            or abs(prev.size - line.size) > 1  # a heading and its body
            or (line.page == prev.page and line.doctop - prev.doctop > 2.2 * size)  # a gap
            or bool(_HEADING_START.match(line.text))
        )

    @staticmethod
    def _paragraph(lines: list[_Line]) -> Paragraph:
        return Paragraph(_join_lines([line.text for line in lines]))


# -- one table from its parts ------------------------------------------------------------------
def _grid_rows(cells: list[_PdfCell], xs: list[float], ys: list[float]) -> list[list[tuple[int, int, int, int]]]:
    """(row0, row1, col0, col1) of each cell on the table's grid."""
    return [(_index(ys, c.top), _index(ys, c.bottom), _index(xs, c.x0), _index(xs, c.x1)) for c in cells]


def _rows_of(piece: _Piece, xs: list[float]) -> list[list[tuple[_PdfCell, int, int, int]]]:
    """A part's cells by row: (cell, col0, col1, rows spanned), each row left to right."""
    ys = _cluster([c.top for c in piece.cells] + [c.bottom for c in piece.cells])
    rows: list[list[tuple[_PdfCell, int, int, int]]] = [[] for _ in range(max(len(ys) - 1, 0))]
    for cell, (r0, r1, c0, c1) in zip(piece.cells, _grid_rows(piece.cells, xs, ys)):
        if r1 > r0 and c1 > c0:
            rows[r0].append((cell, c0, c1, r1 - r0))
    return [sorted(row, key=lambda it: it[1]) for row in rows]


def _row_texts(row) -> list[str]:
    return [re.sub(r"\s+", "", cell.text) for cell, *_ in row]


def _covering(rows, index: int, c0: int, c1: int):
    """The cell of an earlier row that covers row ``index`` at exactly columns c0..c1."""
    for r in range(index, -1, -1):
        for cell, a, b, span in rows[r]:
            if a == c0 and b == c1 and r + span > index:
                return cell
    return None


def _join_split_row(rows, continuation) -> None:
    """Put a row the page break split back together. The new page's first row is the rest of
    the last row when it has text only in cells where that row has text, one each, and either
    it fills fewer cells than the last row begins and has no label of its own beside numbers,
    or none of its texts is a number or begins with numbering as a new row's label would."""
    last = len(rows) - 1
    texts = [(cell, c0, c1) for cell, c0, c1, _ in continuation[0] if cell.text.strip()]
    if not texts or last < 0:
        return
    filled = {
        id(cell) for r in range(last + 1) for cell, _, _, span in rows[r] if r + span > last and cell.text.strip()
    }
    targets = [_covering(rows, last, c0, c1) for _, c0, c1 in texts]
    if any(t is None or id(t) not in filled for t in targets) or len({id(t) for t in targets}) != len(targets):
        return
    own = [cell for cell, _, _, _ in rows[last] if cell.text.strip()]  # cells the last row begins
    numbers = [bool(_NUMBER.match(cell.text.strip())) for cell, _, _ in texts]
    numbered = any(
        _HEADING_START.match(cell.text.strip()) or _NUMBERED.match(cell.text.strip()) for cell, _, _ in texts
    )
    labelled = any(numbers) and not all(numbers)  # a label beside numbers: a row of its own
    if not ((len(targets) < len(own) and not labelled) or not (any(numbers) or numbered)):
        return
    for (cell, _, _), target in zip(texts, targets):
        target.text = _join_lines([target.text, cell.text])
        cell.text = ""
    first = continuation.pop(0)
    # cells of the split row that also span rows below it go on as their continuation
    for cell, c0, c1, span in first:
        if span > 1 and continuation:
            continuation[0].append((cell, c0, c1, span - 1))
            continuation[0].sort(key=lambda it: it[1])


def _continue_merges(rows, continuation) -> None:
    """Mark the cells at the top of a new page that go on with a vertically merged cell of the
    page before (same columns, one of the two spanning rows); text the break pushed over (the
    second half of 三、本年度办理结果) is put back. A cell beginning with its own numbering is a
    new label, not a continuation."""
    last = len(rows) - 1
    spans = {id(cell): span for r in range(last + 1) for cell, _, _, span in rows[r]}
    for cell, c0, c1, span in continuation[0]:
        target = _covering(rows, last, c0, c1)
        if target is None or (span == 1 and spans[id(target)] == 1):
            continue
        text = cell.text.strip()
        if text and (_HEADING_START.match(text) or _NUMBER.match(text) or _NUMBERED.match(text)):
            continue
        if text:
            target.text = _join_lines([target.text, text])
        cell.continued = True


def _table(pieces: list[_Piece]) -> Table:
    xs = _cluster([v for p in pieces for c in p.cells for v in (c.x0, c.x1)])
    rows: list[list[tuple[_PdfCell, int, int, int]]] = []
    for n, piece in enumerate(pieces):
        part = _rows_of(piece, xs)
        if n and rows:
            repeated = 0
            while part and repeated < len(rows) and any(_row_texts(rows[repeated])):
                if _row_texts(part[0]) != _row_texts(rows[repeated]):
                    break
                part.pop(0)  # a header row repeated on the new page
                repeated += 1
            if part:
                _join_split_row(rows, part)
            if part:
                _continue_merges(rows, part)
        rows.extend(part)
    out: list[list[Cell]] = []
    open_spans: list[tuple[int, int, int]] = []  # (col0, span, rows left)
    for row in rows:
        cells = [Cell("", c0, span, merged_up=True) for c0, span, left in open_spans if left > 0]
        open_spans = [(c0, span, left - 1) for c0, span, left in open_spans if left > 1]
        for cell, c0, c1, height in row:
            if cell.continued:  # an empty continuation, as a DOCX vertical merge reads
                cells.append(Cell("", c0, c1 - c0, merged_up=True))
            else:
                where = (cell.page, cell.x0, cell.page_top, cell.x1, cell.page_top + cell.bottom - cell.top)
                cells.append(Cell(cell.text, c0, c1 - c0, where=where))
            if height > 1:
                open_spans.append((c0, c1 - c0, height - 1))
        out.append(sorted(cells, key=lambda c: c.grid_col))
    return Table(out)


def read_pdf(path: Path, name: str) -> Document:
    reader = _PdfReader()
    with contextlib.closing(read_pages(path, name)) as pages:
        for page in pages:
            reader.read_page(page.number, page)
    if reader.text_chars < _MIN_TEXT_CHARS:
        code = "pdf_unmapped" if reader.unmapped else "pdf_scanned"
        raise ReadError(code, name)
    if reader.unmapped > reader.text_chars:
        raise ReadError("pdf_unmapped", name)
    reader.drop_page_furniture()
    blocks = reader.blocks()
    return Document(blocks=blocks, kind="pdf", has_images=reader.has_images)
