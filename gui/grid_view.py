"""The right pane: the three statutory tables as editable grids, one tab each.

GUI layer. Each tab is a QTableView over a :class:`gui.table_model.StatutoryTableModel`, with the
official layout's merged cells reproduced by ``setSpan``. Tab titles count the table's errors and
warnings so that a problem in another table is never out of sight.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
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

from core.rules import ERROR, WARNING
from core.schema import schema
from gui.review import Review
from gui.table_model import StatutoryTableModel

TAB_TITLES = {"proactive": "表二 主动公开", "requests": "表三 依申请公开", "appeals": "表四 复议诉讼"}
# Column widths in pixels for label columns; value columns share the rest.
LABEL_WIDTHS = {"proactive": [130], "requests": [70, 110, 200], "appeals": []}


SELECTION_PEN = QPen(QColor("#0d47a1"), 3)


class CellDelegate(QStyledItemDelegate):
    """Paints a selected cell with its own finding colour and a thick frame, so that selecting a
    finding's cells never hides which of them is red or amber."""

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
            self.models[table.id] = model
            self.views[table.id] = view
            self.addTab(view, TAB_TITLES[table.id])
            self._layout(view, model)
        review.findings_changed.connect(self._update_titles)
        review.decisions_changed.connect(self._update_titles)

    def _layout(self, view: QTableView, model: StatutoryTableModel) -> None:
        view.clearSpans()
        for cell in model.grid.cells:
            if cell.row_span > 1 or cell.col_span > 1:
                view.setSpan(cell.row, cell.col, cell.row_span, cell.col_span)
        header = view.horizontalHeader()
        widths = LABEL_WIDTHS[model.table_id]
        for col in range(model.grid.cols):
            if col < len(widths):
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(col, widths[col])
            else:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        view.resizeRowsToContents()

    def _update_titles(self) -> None:
        session = self.review.session
        for i, table in enumerate(schema().tables):
            title = TAB_TITLES[table.id]
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
        table_id = cell_ids[0].split(".")[0]
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
