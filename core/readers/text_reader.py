"""Reading the plain-text exports of real reports (``shared/seeds``).

Core layer. Those exports write narrative as lines and tables in one of two shapes:

* one cell per line, each cell line starting with a tab, rows separated by a blank line, and a
  line without a tab right after a cell continuing that cell (a label broken across lines);
* one row per line, cells separated by tabs.

Both become the same :class:`core.document.Table` rows as a DOCX table would.
"""

from __future__ import annotations

import re
from pathlib import Path

from core.document import Cell, Document, Paragraph, Table
from core.errors import ReadError

_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096]:
        raise ReadError("not_text", name)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("not_text", name)


def _next_nonblank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip() and "\t" not in lines[i]:
        i += 1
    return i


def _is_cell_mode(line: str) -> bool:
    return line.startswith("\t") and line.count("\t") == 1


def _cell_mode_table(lines: list[str], start: int) -> tuple[list[list[Cell]], int]:
    """Rows of a one-cell-per-line table starting at ``start``, and the index past it.

    A line without a tab continues the cell above it, also after one blank line (a cell
    holding two paragraphs) as long as the table goes on below; two blank lines end the table.
    """
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    i = start
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            row.append(Cell(text=line.split("\t", 1)[1], grid_col=len(row)))
            i += 1
            continue
        if line.strip():  # directly under a cell: the cell goes on
            row[-1].text += "\n" + line
            i += 1
            continue
        j = _next_nonblank(lines, i)
        if j >= len(lines):
            break
        if "\t" in lines[j]:
            rows.append(row)
            row = []
            i = j
            continue
        # Text after a blank line: a second paragraph of the cell only if it follows a single
        # blank line and the table resumes right after it.
        run_end = j
        while run_end < len(lines) and lines[run_end].strip() and "\t" not in lines[run_end]:
            run_end += 1
        resumes = _next_nonblank(lines, run_end)
        if j - i == 1 and resumes - run_end <= 1 and resumes < len(lines) and "\t" in lines[resumes]:
            row[-1].text += "\n" + "\n".join(lines[j:run_end])
            i = run_end
            continue
        break
    if row:
        rows.append(row)
    return rows, i


def _row_mode_table(lines: list[str], start: int) -> tuple[list[list[Cell]], int]:
    """Rows of a one-row-per-line table; blank lines inside it are skipped."""
    rows: list[list[Cell]] = []
    i = start
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            rows.append([Cell(text=t, grid_col=n) for n, t in enumerate(line.split("\t"))])
        elif line.strip():
            break
        else:
            j = _next_nonblank(lines, i)
            if j >= len(lines) or "\t" not in lines[j]:
                break
        i += 1
    return rows, i


def parse_text(text: str) -> Document:
    lines = [_BOOKMARK.sub("", line.rstrip("\r")) for line in text.split("\n")]
    blocks: list = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            read = _cell_mode_table if _is_cell_mode(line) else _row_mode_table
            rows, i = read(lines, i)
            if len(rows) == 1 and len(rows[0]) == 1:
                blocks.append(Paragraph(rows[0][0].text.strip()))  # an indented paragraph, not a table
            elif rows:
                blocks.append(Table(rows))
            continue
        if line.strip():
            blocks.append(Paragraph(line.strip()))
        i += 1
    return Document(blocks=blocks, kind="text")


def read_text(path: Path, name: str) -> Document:
    return parse_text(_decode(path.read_bytes(), name))
