"""The published PDF's own pages, for a report read from a PDF.

GUI layer. QtPdf renders the file the reviewer opened (read-only); selecting a finding scrolls to
the page and place where the reader found its cell and frames it there, so the number can be
compared with what the public sees.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView

from gui.review import Review

MARK = QColor("#d32f2f")


class PdfPagesView(QPdfView):
    def __init__(self, review: Review, parent=None):
        super().__init__(parent)
        self.review = review
        self.pdf = QPdfDocument(self)
        self.setDocument(self.pdf)
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.setPageSpacing(12)
        self.marked: tuple[int, float, float, float, float] | None = None

    def load(self, path) -> bool:
        """Show the file's pages; False if QtPdf cannot render it (the tables were still read)."""
        self.clear()
        return self.pdf.load(str(path)) == QPdfDocument.Error.None_

    def clear(self) -> None:
        self.marked = None
        self.pdf.close()

    def where(self, cell_id: str) -> tuple[int, float, float, float, float] | None:
        """(page, x0, top, x1, bottom) where the report's PDF shows the cell, if it does."""
        session = self.review.session
        cell = session.report.source_cell(cell_id) if session else None
        return cell.where if cell else None

    def show_cell(self, cell_id: str) -> int | None:
        """Frame the cell and scroll to it (once the pages are laid out); returns the page index,
        or None where the PDF does not show the cell."""
        self.marked = self.where(cell_id)
        self.viewport().update()
        if self.marked is None or self.pdf.pageCount() == 0:
            return None
        QTimer.singleShot(0, self._scroll_to_mark)
        return self.marked[0]

    # QPdfView's navigator only goes to the top of a page, and it has no API for marking a place.
    # Its layout is simple: pages stacked below the document margin with pageSpacing between
    # them, each scaled to the viewport's width (FitToWidth).
    def _scale(self, page: int) -> float:
        margins = self.documentMargins()
        available = self.viewport().width() - margins.left() - margins.right()
        return available / max(self.pdf.pagePointSize(page).width(), 1.0)

    def _page_top(self, page: int) -> float:
        y = float(self.documentMargins().top())
        for i in range(page):
            y += self.pdf.pagePointSize(i).height() * self._scale(i) + self.pageSpacing()
        return y

    def _mark_rect(self) -> QRectF | None:
        if self.marked is None or self.marked[0] >= self.pdf.pageCount():
            return None
        page, x0, top, x1, bottom = self.marked
        scale = self._scale(page)
        y = self._page_top(page) - self.verticalScrollBar().value()
        x = self.documentMargins().left() - self.horizontalScrollBar().value()
        return QRectF(x + x0 * scale, y + top * scale, (x1 - x0) * scale, (bottom - top) * scale)

    def _scroll_to_mark(self) -> None:
        if self.marked is None or self.marked[0] >= self.pdf.pageCount():
            return
        page, _, top, _, _ = self.marked
        # the cell a third of the way down, its table's header and row labels in sight above it
        target = self._page_top(page) + top * self._scale(page) - self.viewport().height() / 3
        self.verticalScrollBar().setValue(round(target))
        self.viewport().update()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        rect = self._mark_rect()
        if rect is None:
            return
        painter = QPainter(self.viewport())
        painter.setPen(QPen(MARK, 2))
        fill = QColor(MARK)
        fill.setAlpha(40)
        painter.setBrush(fill)
        painter.drawRect(rect.adjusted(-1, -1, 1, 1))
        painter.end()
