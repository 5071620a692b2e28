"""The right pane: the three statutory tables as editable grids, one tab each.

GUI layer. Each tab is a QTableView over a :class:`gui.table_model.StatutoryTableModel`, with the
official layout's merged cells reproduced by ``setSpan``. Tab titles count the table's errors and
warnings so that a problem in another table is never out of sight.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
)

from core.cell_id import CellId
from core.presentation import PALETTE
from core.rules import ERROR, WARNING
from core.schema import schema
from gui.frozen_columns import FrozenColumns
from gui.review import Review
from gui.table_model import FRAME_ROLE, StatutoryTableModel

# Column widths in pixels for label columns; value columns share the rest.
LABEL_WIDTHS = {"proactive": [130], "requests": [70, 110, 200], "appeals": []}


SELECTION_PEN = QPen(QColor("#0d47a1"), 3)
EXPLAINED_PEN = QPen(QColor(PALETTE[ERROR].background), 2, Qt.PenStyle.DashLine)  # a total a diagnosis explains


def balanced(text: str, width: int, metrics) -> str:
    """A short heading that needs two or more lines, broken into even lines (结果/维持, not
    结果维/持); longer texts wrap as Qt wraps them."""
    if not text or "\n" in text or "\u2028" in text or len(text) > 8 or width <= 0:
        return text
    lines = -(-metrics.horizontalAdvance(text) // width)  # ceiling
    if lines < 2:
        return text
    size = -(-len(text) // lines)
    return "\u2028".join(text[i : i + size] for i in range(0, len(text), size))  # a line break Qt keeps


class CellDelegate(QStyledItemDelegate):
    """Paints a selected cell with its own finding colour and a thick frame, so that selecting a
    finding's cells never hides which of them is red or amber."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.text = balanced(option.text, option.rect.width() - 8, option.fontMetrics)

    def paint(self, painter, option, index) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.state &= ~QStyle.StateFlag.State_Selected
        opt.state &= ~QStyle.StateFlag.State_HasFocus
        if opt.backgroundBrush.style() == Qt.BrushStyle.NoBrush:
            # The view has already painted a selected row's panel in the highlight colour.
            painter.fillRect(option.rect, option.palette.base())
        # The view is our parent; QStyleOption.widget is avoided (reading it from Python in a
        # paint loop corrupted None's reference count in PySide6 6.12).
        view = self.parent()
        style = view.style() if view else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, view)
        if index.data(FRAME_ROLE):
            painter.save()
            painter.setPen(EXPLAINED_PEN)
            painter.drawRect(option.rect.adjusted(2, 2, -3, -3))
            painter.restore()
        if selected:
            painter.save()
            painter.setPen(SELECTION_PEN)
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()


class GridView(QTabWidget):
    context_menu_requested = Signal(object, object)  # (QMenu, cell id or None) to be filled by the window

    def __init__(self, review: Review, parent=None):
        super().__init__(parent)
        self.review = review
        self.models: dict[str, StatutoryTableModel] = {}
        self.views: dict[str, QTableView] = {}
        self.frozen: dict[str, FrozenColumns] = {}  # the label columns kept in view, once scrolled
        self._spans: dict[str, list[tuple[int, int, int, int]]] = {}
        self._rows = QTimer(self, singleShot=True, interval=0)
        self._rows.timeout.connect(self._fit_rows)
        for table in schema().tables:
            model = StatutoryTableModel(table.id, review, self)
            view = QTableView(self)
            view.setModel(model)
            view.setItemDelegate(CellDelegate(view))
            view.setObjectName(f"grid-{table.id}")
            view.horizontalHeader().hide()
            view.verticalHeader().hide()
            view.setWordWrap(True)
            view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            view.setEditTriggers(
                QAbstractItemView.EditTrigger.DoubleClicked
                | QAbstractItemView.EditTrigger.EditKeyPressed
                | QAbstractItemView.EditTrigger.AnyKeyPressed
            )
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos, v=view: self._context_menu(v, pos))
            model.modelReset.connect(lambda v=view, m=model: self._layout(v, m))
            view.horizontalHeader().sectionResized.connect(self._rows_later)
            self.models[table.id] = model
            self.views[table.id] = view
            if LABEL_WIDTHS[table.id]:  # row labels stay in view when the grid scrolls sideways
                view.horizontalScrollBar().valueChanged.connect(lambda x, t=table.id: x > 0 and self._freeze(t))
            self.addTab(view, table.tab_title)
            self._layout(view, model)
        review.findings_changed.connect(self._update_titles)
        review.decisions_changed.connect(self._update_titles)
        self.currentChanged.connect(self._rows_later)

    def _rows_later(self, *_) -> None:
        self._rows.start()

    def _fit_rows(self) -> None:
        """Row heights follow the column widths, so that a wrapped label is never cut."""
        view = self.currentWidget()
        if view is not None:
            view.resizeRowsToContents()  # the frozen labels follow (sectionResized)

    def _layout(self, view: QTableView, model: StatutoryTableModel) -> None:
        view.clearSpans()
        spans = [(c.row, c.col, c.row_span, c.col_span) for c in model.grid.cells if c.row_span > 1 or c.col_span > 1]
        for span in spans:
            view.setSpan(*span)
        header = view.horizontalHeader()
        widths = LABEL_WIDTHS[model.table_id]
        char = view.fontMetrics().horizontalAdvance("中")
        # a value column holds a header of three characters a line (社会公/益组织) and a number
        header.setMinimumSectionSize(round(char * 3.4) + 8)
        for col in range(model.grid.cols):
            if col < len(widths):
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(col, round(widths[col] * char / 13))
            else:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self._spans[model.table_id] = spans
        if model.table_id in self.frozen:
            self.frozen[model.table_id].sync(spans)
        self._rows_later()  # row heights of the table shown (another tab's when it is shown)

    def _freeze(self, table_id: str) -> None:
        """The first time a grid scrolls sideways: lay its label columns over its left edge."""
        if table_id not in self.frozen:
            frozen = FrozenColumns(self.views[table_id], len(LABEL_WIDTHS[table_id]), CellDelegate)
            self.frozen[table_id] = frozen
            frozen.sync(self._spans[table_id])

    def _update_titles(self) -> None:
        session = self.review.session
        for i, table in enumerate(schema().tables):
            title = table.tab_title
            if session:
                mine = [f for f in session.pending() if f.cells and f.cells[0].startswith(table.id + ".")]
                errors = sum(1 for f in mine if f.severity == ERROR)
                warnings = sum(1 for f in mine if f.severity == WARNING)
                marks = [f"{errors} 错" if errors else "", f"{warnings} 提示" if warnings else ""]
                if any(marks):
                    title += f"（{' '.join(m for m in marks if m)}）"
            self.setTabText(i, title)

    def select_cells(self, cell_ids) -> None:
        """Show the table of the first cell and select every listed cell of that table."""
        cell_ids = list(cell_ids)
        if not cell_ids:
            return
        table_id = CellId.split(cell_ids[0]).table
        view, model = self.views[table_id], self.models[table_id]
        self.setCurrentWidget(view)
        selection = QItemSelection()
        for cell_id in cell_ids:
            index = model.index_of(cell_id)
            if index.isValid():
                selection.select(index, index)
        view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        first = model.index_of(cell_ids[0])
        if first.isValid():
            view.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            view.scrollTo(first)

    def clear_selection(self) -> None:
        """No cell framed: the finding chosen is about the whole document."""
        for view in self.views.values():
            view.selectionModel().clearSelection()
            view.selectionModel().setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)

    def select_label(self, finding) -> bool:
        """Select the row or column name a LABEL-NONSTANDARD finding is about; False if not shown."""
        session = self.review.session
        if session is None:
            return False
        for issue in session.report.labels:
            if issue.found != finding.actual or issue.standard != finding.expected:
                continue
            model, view = self.models[issue.table], self.views[issue.table]
            cell = next((c for c in model.grid.cells if c.kind != "value" and c.label_of == issue.id), None)
            if cell is None:
                continue
            self.setCurrentWidget(view)
            index = model.index(cell.row, cell.col)
            view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            view.scrollTo(index)
            return True
        return False

    def current_cell(self) -> str | None:
        view = self.currentWidget()
        index = view.currentIndex() if view else None
        return index.data(StatutoryTableModel.CELL_ID_ROLE) if index is not None and index.isValid() else None

    def _context_menu(self, view: QTableView, pos) -> None:
        index = view.indexAt(pos)
        cell_id = index.data(StatutoryTableModel.CELL_ID_ROLE) if index.isValid() else None
        menu = QMenu(view)
        self.context_menu_requested.emit(menu, cell_id)
        if not menu.isEmpty():
            menu.exec(view.viewport().mapToGlobal(pos))
