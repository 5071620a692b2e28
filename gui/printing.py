"""Printing HTML (the findings sheet) on A4 through QTextDocument: to PDF, to a printer, to a preview.

GUI layer. The document is laid out on the device's page body (A4, margins in millimetres) so
that table headers (``<thead>``) repeat on every page; each page is drawn with a footer
「第 i 页，共 n 页」. ``write_pdf`` works headless: it starts an offscreen QGuiApplication if none
is running, which is how ``nianbao sheet`` prints without a display.
"""

from __future__ import annotations

import os
import sys
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
    QTextDocument,
)

from core.outputs import write_output

MARGINS_MM = QMarginsF(18, 16, 18, 16)
FOOTER_PT = 16
FONT_FAMILIES = [
    "Times New Roman",
    "Liberation Serif",
    "DejaVu Serif",
    "SimSun",
    "宋体",
    "Songti SC",
    "Noto Serif CJK SC",
    "Noto Sans CJK SC",
    "Microsoft YaHei",
]


def ensure_gui_application() -> QGuiApplication:
    app = QGuiApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])
    return app


def _a4(device: QPagedPaintDevice) -> None:
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )


def print_html(html: str, device: QPagedPaintDevice) -> int:
    """Lay ``html`` out on the device's pages and paint them; returns the page count."""
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
    pages = doc.pageCount()
    painter = QPainter(device)
    if not painter.isActive():
        raise OSError(f"cannot paint on {type(device).__name__}")
    footer_font = QFont(font)
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


def write_pdf(html: str, out: str | Path, title: str = "审核单", inputs=()) -> int:
    """Print ``html`` to the PDF ``out`` through core.outputs.write_output (a temporary file,
    checked, then renamed; never over ``inputs``); returns the page count, raises
    core.outputs.OutputError when the PDF could not be written whole."""
    ensure_gui_application()
    pages = []

    def write(tmp: Path) -> bool:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(300)
        writer.setTitle(title)
        writer.setCreator("年报校核 nianbao")
        _a4(writer)
        try:
            pages.append(print_html(html, writer))
        except OSError:  # the painter could not open the file
            return False
        finally:
            del writer  # QPdfWriter finishes and closes the file when it is destroyed
        return True

    write_output(out, write, inputs=inputs)
    return pages[0]
