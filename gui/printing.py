"""Printing HTML (the findings sheet) on A4 through QTextDocument: to PDF, to a printer, to a preview.

GUI layer. The document is laid out on the device's page body (A4, margins in millimetres) so
that table headers (``<thead>``) repeat on every page; each page is drawn with a footer
「第 i 页，共 n 页」. ``write_pdf`` works headless: it starts an offscreen QGuiApplication if none
is running, which is how ``nianbao sheet`` prints without a display.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
)

from core.outputs import write_output
from core.pdf_text import fix_text_layer
from core.presentation import FONT_LISTS

# Margins after GB/T 9704 (left 订口 28 mm, right 26 mm: its 156 mm type area); head and foot a
# little shorter than its 37/35 mm, to give the statutory tables room.
MARGINS_MM = QMarginsF(28, 30, 26, 25)
FOOTER_PT = 16
FONT_FAMILIES = list(FONT_LISTS["body"])
MAX_PASSES = 60  # pagination: one forced break per pass, and a sheet has far fewer


def ensure_gui_application() -> QGuiApplication:
    app = QGuiApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])
    return app


def use_a4(device: QPagedPaintDevice) -> None:
    """The sheet's page: A4 portrait with its margins, for the PDF and the print preview alike."""
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )


def _document(html: str, device: QPagedPaintDevice) -> tuple[QTextDocument, QSizeF, float]:
    doc = QTextDocument()
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(10)
    doc.setDefaultFont(font)
    doc.documentLayout().setPaintDevice(device)
    doc.setHtml(html)
    dpi = device.resolution()
    body = device.pageLayout().paintRectPixels(dpi)
    footer = FOOTER_PT * dpi / 72
    page = QSizeF(body.width(), body.height() - footer)
    doc.setPageSize(page)
    return doc, page, footer


def _extent(doc: QTextDocument, block) -> tuple[float, float]:
    """Top and bottom of a block; of its whole table row when the block is in a table."""
    layout = doc.documentLayout()
    cursor = QTextCursor(block)
    table = cursor.currentTable()
    rect = layout.blockBoundingRect(block)
    if table is None:
        return rect.top(), rect.bottom()
    row = table.cellAt(cursor).row()
    top, bottom = rect.top(), rect.bottom()
    for col in range(table.columns()):
        cell = table.cellAt(row, col)
        b, last = cell.firstCursorPosition().block(), cell.lastCursorPosition().block()
        while b.isValid():
            r = layout.blockBoundingRect(b)
            top, bottom = min(top, r.top()), max(bottom, r.bottom())
            if b == last:
                break
            b = b.next()
    return top, bottom


def anchors(doc: QTextDocument) -> list[tuple[str, float, float]]:
    """(name, top, bottom) of every named anchor, in document order."""
    found = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            for name in it.fragment().charFormat().anchorNames():
                found.append((name, *_extent(doc, block)))
            it += 1
        block = block.next()
    return found


def straddler(doc: QTextDocument, page_height: float) -> str | None:
    """The first row, unit or kept heading (see sheet.html.j2) that a page break cuts through
    and that would fit on one page; None when there is none."""
    marks = anchors(doc)
    ends = {name[4:]: bottom for name, _, bottom in marks if name.startswith("end:")}
    spans = []
    for i, (name, top, bottom) in enumerate(marks):
        if name.startswith("unit:"):
            bottom = ends.get(name[5:], bottom)
        elif name.startswith("next:"):
            following = next((m for m in marks[i + 1 :] if not m[0].startswith("end:")), None)
            if following is not None:
                bottom = ends.get(following[0][5:], following[2]) if following[0].startswith("unit:") else following[2]
        elif not name.startswith("row:"):
            continue
        spans.append((name, top, bottom))
    for name, top, bottom in spans:
        if bottom - top > page_height * 0.98:
            continue  # taller than a page: it must run on
        if int(top // page_height) != int((bottom - 1) // page_height):
            return name
    return None


def paginate(render: Callable[[frozenset[str]], str], device: QPagedPaintDevice) -> str:
    """Render until no row or kept block straddles a page break on this device: each pass adds
    a page break before the first that does."""
    breaks: set[str] = set()
    html = render(frozenset())
    for _ in range(MAX_PASSES):
        doc, page, _ = _document(html, device)
        cut = straddler(doc, page.height())
        if cut is None or cut in breaks:
            break
        breaks.add(cut)
        html = render(frozenset(breaks))
    return html


def print_html(html: str | Callable[[frozenset[str]], str], device: QPagedPaintDevice) -> int:
    """Lay ``html`` out on the device's pages and paint them; returns the page count. ``html``
    may be a renderer ``breaks -> HTML`` (core.sheet.sheet_renderer), paginated first."""
    if callable(html):
        html = paginate(html, device)
    doc, page, footer = _document(html, device)
    pages = doc.pageCount()
    painter = QPainter(device)
    if not painter.isActive():
        raise OSError(f"cannot paint on {type(device).__name__}")
    footer_font = QFont(doc.defaultFont())
    footer_font.setPointSizeF(9)
    for i in range(pages):
        if i and not device.newPage():
            painter.end()
            raise OSError(f"cannot start page {i + 1} on {type(device).__name__}")
        painter.save()
        painter.translate(0, -i * page.height())
        doc.drawContents(painter, QRectF(0, i * page.height(), page.width(), page.height()))
        painter.restore()
        painter.setFont(footer_font)
        painter.drawText(
            QRectF(0, page.height(), page.width(), footer),
            Qt.AlignmentFlag.AlignCenter,
            f"第 {i + 1} 页，共 {pages} 页",
        )
    if not painter.end():  # QPdfWriter: the file could not be written out whole
        raise OSError(f"cannot finish {type(device).__name__}")
    return pages


def write_pdf(html: str | Callable[[frozenset[str]], str], out: str | Path, title: str = "审核单", inputs=()) -> int:
    """Print to a PDF whose text copies out as the characters printed (core.pdf_text), through
    core.outputs.write_output (a temporary file, checked, then renamed; never over ``inputs``);
    returns the page count, raises core.outputs.OutputError when the PDF could not be written whole."""
    ensure_gui_application()
    pages = []

    def write(tmp: Path) -> bool:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(300)
        writer.setTitle(title)
        writer.setCreator("年报校核 nianbao")
        use_a4(writer)
        page_html = paginate(html, writer) if callable(html) else html
        try:
            pages.append(print_html(page_html, writer))
        except OSError:  # the painter could not open or finish the file
            return False
        finally:
            del writer  # the file is complete once the painter has ended; let go of it
        text = QTextDocument()
        text.setHtml(page_html)
        tmp.write_bytes(fix_text_layer(tmp.read_bytes(), text.toPlainText()))
        return True

    write_output(out, write, inputs=inputs)
    return pages[0]
