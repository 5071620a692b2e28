"""The row labels of a grid kept in view when the grid scrolls sideways (Qt's frozen-column idea).

GUI layer. A second, borderless QTableView over the same model and selection model lies over the
grid's left edge and shows only its label columns, with the same spans, widths and row heights,
scrolled up and down with it. It is shown only while the grid is scrolled sideways — when it is
not, the grid's own label columns are where the overlay would be — so the clerk always sees
which row a figure belongs to.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView

EDGE = QPen(QColor("#90a4ae"), 2)


class FrozenColumns(QTableView):
    def __init__(self, view: QTableView, count: int, delegate):
        super().__init__(view)
        self.view = view
        self.count = count
        self.setObjectName(f"{view.objectName()}-labels")
        self.setModel(view.model())
        self.setSelectionModel(view.selectionModel())
        self.setItemDelegate(delegate(self))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(view.selectionMode())
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(view.verticalScrollMode())
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.hide()
        view.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(view.verticalScrollBar().setValue)
        view.horizontalScrollBar().valueChanged.connect(self.place)
        view.horizontalScrollBar().rangeChanged.connect(self.place)
        view.horizontalHeader().sectionResized.connect(self._column_resized)
        view.verticalHeader().sectionResized.connect(self._row_resized)
        self._resizes = _Resizes(self)
        view.installEventFilter(self._resizes)

    def sync(self, spans) -> None:
        """Take over the grid's spans (``spans``: (row, col, row span, col span) of every merged
        cell), column widths and row heights; called after the grid has laid itself out."""
        self.clearSpans()
        for row, col, row_span, col_span in spans:
            if col < self.count:
                self.setSpan(row, col, row_span, col_span)
        for col in range(self.model().columnCount()):
            self.setColumnHidden(col, col >= self.count)
            self.setColumnWidth(col, self.view.columnWidth(col))
        for row in range(self.model().rowCount()):
            self.setRowHeight(row, self.view.rowHeight(row))
        self.place()

    def _column_resized(self, col: int, _old: int, new: int) -> None:
        if col < self.count:
            self.setColumnWidth(col, new)
            self.place()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        self.setRowHeight(row, new)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        painter = QPainter(self.viewport())  # where the labels end (a line, not a style sheet:
        painter.setPen(EDGE)  # Qt's style-sheet style is slow to build at the window's start)
        x = self.viewport().width() - 1
        painter.drawLine(x, 0, x, self.viewport().height())
        painter.end()

    def place(self, *_) -> None:
        """Over the grid's label columns while it is scrolled sideways; hidden otherwise."""
        scrolled = self.view.horizontalScrollBar().value() > 0
        if scrolled:
            frame = self.view.frameWidth()
            width = sum(self.view.columnWidth(c) for c in range(self.count)) + 2
            self.setGeometry(frame, frame, width, self.view.viewport().height())
            self.verticalScrollBar().setValue(self.view.verticalScrollBar().value())
        self.setVisible(scrolled)
        if scrolled:
            self.raise_()


class _Resizes(QObject):
    """Keeps the overlay's height with the grid's."""

    def __init__(self, frozen: FrozenColumns):
        super().__init__(frozen)
        self.frozen = frozen

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.frozen.place()
        return False
