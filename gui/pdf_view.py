"""The published PDF's own pages, for a report read from a PDF.

GUI layer. QtPdf renders the file the reviewer opened (read-only); selecting a finding scrolls to
the page and place where the reader found its cell and frames it there, so the number can be
compared with what the public sees.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPen
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QToolBar, QVBoxLayout, QWidget

from gui.review import Review

MARK = QColor("#d32f2f")
ZOOM_STEP = 1.15
MIN_ZOOM, MAX_ZOOM = 0.25, 4.0


class PdfPagesView(QPdfView):
    zoom_changed = Signal(int)  # percent of the page's natural size

    def __init__(self, review: Review, parent=None):
        super().__init__(parent)
        self.review = review
        # Not the view's own child: a child is destroyed after the view is half gone, and closing
        # a loaded document then notifies the dying view (a crash on quitting with a PDF open).
        self.pdf = QPdfDocument(parent if parent is not None else self)
        self.setDocument(self.pdf)
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.setPageSpacing(12)
        self.marked: tuple[int, float, float, float, float] | None = None
        self._scroll_timer = QTimer(self, singleShot=True, interval=0)  # once the pages are laid out
        self._scroll_timer.timeout.connect(self._scroll_to_mark)

    def load(self, path) -> bool:
        """Show the file's pages; False if QtPdf cannot render it (the tables were still read)."""
        self.clear()
        return self.pdf.load(str(path)) == QPdfDocument.Error.None_

    def clear(self) -> None:
        self.marked = None
        self.pdf.close()

    def clear_mark(self) -> None:
        self.marked = None
        self.viewport().update()

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
        self._scroll_timer.start()
        return self.marked[0]

    # -- zoom ----------------------------------------------------------------------------------
    def fit_width(self) -> None:
        self.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._zoomed()

    def fit_page(self) -> None:
        self.setZoomMode(QPdfView.ZoomMode.FitInView)
        self._zoomed()

    def zoom_by(self, factor: float) -> None:
        """Zoom in (factor > 1) or out from what is shown now, within 25 %–400 %."""
        current = self.scale_of(0) / self._resolution() if self.pdf.pageCount() else self.zoomFactor()
        self.setZoomMode(QPdfView.ZoomMode.Custom)
        self.setZoomFactor(min(MAX_ZOOM, max(MIN_ZOOM, current * factor)))
        self._zoomed()

    def zoom_percent(self) -> int:
        return round(100 * self.scale_of(0) / self._resolution()) if self.pdf.pageCount() else 100

    def _zoomed(self) -> None:
        self.zoom_changed.emit(self.zoom_percent())
        if self.marked is not None:
            self._scroll_timer.start()

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(ZOOM_STEP**steps)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.zoomMode() != QPdfView.ZoomMode.Custom:
            self.zoom_changed.emit(self.zoom_percent())

    # QPdfView's navigator only goes to the top of a page, and it has no API for marking a place.
    # Its layout (QPdfViewPrivate::calculateDocumentLayout) is simple and mirrored here: pages
    # stacked below the document margin with pageSpacing between them, centred across the wider
    # of the viewport and the widest page, each scaled by the zoom mode.
    def _resolution(self) -> float:
        screen = QGuiApplication.primaryScreen()
        return (screen.logicalDotsPerInch() if screen else 96.0) / 72.0

    def _page_size(self, page: int) -> QSize:
        points = self.pdf.pagePointSize(page)
        margins = self.documentMargins()
        mode = self.zoomMode()
        if mode == QPdfView.ZoomMode.Custom:
            return (points * self._resolution() * self.zoomFactor()).toSize()
        size = (points * self._resolution()).toSize()
        if mode == QPdfView.ZoomMode.FitToWidth:
            factor = (self.viewport().width() - margins.left() - margins.right()) / max(size.width(), 1)
            return QSize(round(size.width() * factor), round(size.height() * factor))
        room = self.viewport().size() + QSize(-margins.left() - margins.right(), -self.pageSpacing())
        return size.scaled(room, Qt.AspectRatioMode.KeepAspectRatio)

    def _page_rect(self, page: int) -> QRectF:
        """Where ``page`` is in the scrolled content, in viewport pixels before scrolling."""
        margins = self.documentMargins()
        sizes = [self._page_size(i) for i in range(page + 1)]
        widest = max(self._page_size(i).width() for i in range(self.pdf.pageCount()))
        total = widest + margins.left() + margins.right()
        y = margins.top() + sum(sz.height() + self.pageSpacing() for sz in sizes[:-1])
        x = (max(total, self.viewport().width()) - sizes[-1].width()) // 2
        return QRectF(x, y, sizes[-1].width(), sizes[-1].height())

    def scale_of(self, page: int) -> float:
        """Pixels per PDF point on ``page`` as shown."""
        return self._page_size(page).width() / max(self.pdf.pagePointSize(page).width(), 1.0)

    def _page_top(self, page: int) -> float:
        return self._page_rect(page).y()

    def _mark_rect(self) -> QRectF | None:
        if self.marked is None or self.marked[0] >= self.pdf.pageCount():
            return None
        page, x0, top, x1, bottom = self.marked
        scale = self.scale_of(page)
        where = self._page_rect(page)
        y = where.y() - self.verticalScrollBar().value()
        x = where.x() - self.horizontalScrollBar().value()
        return QRectF(x + x0 * scale, y + top * scale, (x1 - x0) * scale, (bottom - top) * scale)

    def _scroll_to_mark(self) -> None:
        if self.marked is None or self.marked[0] >= self.pdf.pageCount():
            return
        page, _, top, _, _ = self.marked
        # the cell a third of the way down, its table's header and row labels in sight above it
        scale = self.scale_of(page)
        target = self._page_top(page) + top * scale - self.viewport().height() / 3
        self.verticalScrollBar().setValue(round(target))
        x0, x1 = self.marked[1], self.marked[3]
        left = self._page_rect(page).x() + (x0 + x1) / 2 * scale - self.viewport().width() / 2
        self.horizontalScrollBar().setValue(round(left))
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


class PdfPane(QWidget):
    """The PDF's pages with a zoom bar: 适合宽度, 适合页面, 缩小, 放大 (and Ctrl+wheel on the pages)."""

    def __init__(self, review: Review, parent=None):
        super().__init__(parent)
        self.view = PdfPagesView(review, self)
        bar = QToolBar(self)
        bar.setObjectName("pdf-zoom")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.zoom_actions = {}
        for name, text, tip, slot in (
            ("fit_width", "适合宽度", "页面宽度与窗格同宽", self.view.fit_width),
            ("fit_page", "适合页面", "整页显示在窗格中", self.view.fit_page),
            ("zoom_out", "缩小", "缩小（Ctrl+滚轮向下）", lambda: self.view.zoom_by(1 / ZOOM_STEP)),
            ("zoom_in", "放大", "放大（Ctrl+滚轮向上）", lambda: self.view.zoom_by(ZOOM_STEP)),
        ):
            action = bar.addAction(text)
            action.setToolTip(tip)
            action.triggered.connect(slot)
            self.zoom_actions[name] = action
        self.percent = QLabel("", bar)
        self.percent.setMinimumWidth(self.percent.fontMetrics().horizontalAdvance("400%") + 12)
        bar.addWidget(self.percent)
        self.view.zoom_changed.connect(lambda p: self.percent.setText(f" {p}%"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.view)
