"""One Qt table model per statutory table, over the official grid layout and the review's state.

GUI layer. Label and header cells come from :mod:`core.grid`; value cells show the cell's text,
are editable, and are coloured by their worst finding (BackgroundRole/ForegroundRole) with the
findings as tooltip. Edits go to the review's undo stack; the model repaints only the cells the
review reports as changed.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from core import presentation
from core.cell_tip import RULE_MARK, rule_line
from core.grid import VALUE, GridLayout, layout
from core.limits import clip
from core.presentation import PALETTE
from core.rules import ERROR, WARNING
from gui.review import Review

CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 2
FRAME_ROLE = Qt.ItemDataRole.UserRole + 3  # a total whose broken sum a diagnosis explains

ERROR_BG, ERROR_FG = QColor(PALETTE[ERROR].background), QColor(PALETTE[ERROR].foreground)
WARNING_BG, WARNING_FG = QColor(PALETTE[WARNING].background), QColor(PALETTE[WARNING].foreground)
HEADER_BG = QColor(presentation.HEADER_BG)
EDITED_FG = QColor("#0d47a1")
MISSING_BG = QColor("#f5f5f5")


def rich_tooltip(tip: str) -> str:
    """A tooltip as rich text: it wraps at a readable width, and rule ids are small and grey."""
    out = []
    for line in tip.split("\n"):
        indent = "&nbsp;" * 4 if line.startswith("    ") else ""
        text, _, code = line.strip().partition(RULE_MARK)
        small = f' <small style="color:#777777">{escape(code)}</small>' if code else ""
        out.append(f"{indent}{escape(text)}{small}")
    return "<qt>" + "<br>".join(out) + "</qt>"


_ROOT = QModelIndex()


class StatutoryTableModel(QAbstractTableModel):
    CELL_ID_ROLE = CELL_ID_ROLE

    def __init__(self, table_id: str, review: Review, parent=None):
        super().__init__(parent)
        self.table_id = table_id
        self.review = review
        self.grid: GridLayout = layout(table_id)
        self._bold = QFont()
        self._bold.setBold(True)
        review.loaded.connect(self._reset)
        review.cells_changed.connect(self._cells_changed)

    # -- structure -----------------------------------------------------------------------------
    def _reset(self) -> None:
        self.beginResetModel()
        session = self.review.session
        self.grid = session.report.layout(self.table_id) if session else layout(self.table_id)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else self.grid.rows

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else self.grid.cols

    def index_of(self, cell_id: str) -> QModelIndex:
        pos = self.grid.position(cell_id)
        return self.index(*pos) if pos else QModelIndex()

    # -- content -------------------------------------------------------------------------------
    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cell = self.grid.at(index.row(), index.column())
        if cell is None:
            return None
        if cell.kind != VALUE:
            return self._label_data(cell, role)
        session = self.review.session
        state = session.state(cell.cell_id) if session else None
        if role == Qt.ItemDataRole.DisplayRole:
            raw = (state.raw or "") if state else ""
            return raw if len(raw) <= 40 else raw[:40] + "…"  # a cell shows a figure, not a page
        if role == Qt.ItemDataRole.EditRole:
            return (state.raw or "") if state else ""
        if role == CELL_ID_ROLE:
            return cell.cell_id
        if state is None:
            return None
        if role == SEVERITY_ROLE:
            return state.severity
        if role == FRAME_ROLE:
            return state.explained and state.suggestion is None
        if state.suggestion is not None and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.FontRole,
        ):  # the cell a diagnosis names is the one coloured
            return {
                Qt.ItemDataRole.BackgroundRole: QBrush(ERROR_BG),
                Qt.ItemDataRole.ForegroundRole: QBrush(ERROR_FG),
                Qt.ItemDataRole.FontRole: self._bold,
            }[role]
        if state.explained and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            return None  # a total a diagnosis explains: framed by the delegate, not coloured
        if role == Qt.ItemDataRole.BackgroundRole:
            if state.severity == ERROR:
                return QBrush(ERROR_BG)
            if state.severity == WARNING:
                return QBrush(WARNING_BG)
            return QBrush(MISSING_BG) if state.raw is None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if state.severity == ERROR:
                return QBrush(ERROR_FG)
            if state.severity == WARNING:
                return QBrush(WARNING_FG)
            return QBrush(EDITED_FG) if session.is_edited(cell.cell_id) else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if state.severity == ERROR or session.is_edited(cell.cell_id) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = session.tip(cell.cell_id)
            return rich_tooltip(clip(tip)) if tip else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _label_issue(self, cell):
        session = self.review.session
        if session is None or cell.label_of is None:
            return None
        for issue in session.report.labels:
            if issue.table == self.table_id and issue.id == cell.label_of:
                return issue
        return None

    def _label_data(self, cell, role: int):
        issue = (
            self._label_issue(cell) if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole) else None
        )
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            if issue:
                return rich_tooltip(
                    f"【提示】原稿写作“{issue.found}”，标准表述为“{issue.standard}”\n{rule_line('LABEL-NONSTANDARD')}"
                )
            return cell.text
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(WARNING_BG if issue else HEADER_BG)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if cell.kind == "label" and cell.col_span < 3 and cell.row_span == 1:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        cell = self.grid.at(index.row(), index.column())
        if cell is None:
            return Qt.ItemFlag.NoItemFlags
        if cell.kind == VALUE and self.review.session is not None:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
        if self._label_issue(cell) is not None:  # a nonstandard name can be selected, as its finding's place
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled

    def setData(self, index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        cell = self.grid.at(index.row(), index.column())
        if cell is None or cell.kind != VALUE or self.review.session is None:
            return False
        text = "" if value is None else str(value).strip()
        self.review.edit({cell.cell_id: text}, "")
        return True

    def _cells_changed(self, cell_ids) -> None:
        for cell_id in cell_ids:
            index = self.index_of(cell_id)
            if index.isValid():
                self.dataChanged.emit(index, index)
