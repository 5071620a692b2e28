"""The findings list: a table model over the review's findings, and a filter on severity and text.

GUI layer.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from core.decisions import DISMISSED, LAPSED_ZH, PENDING_ZH, STATUS_ZH
from core.limits import clip
from core.rules import ERROR, SEVERITY_ZH, Finding
from core.schema import cell_labels
from core.sheet import finding_place
from gui.review import Review
from gui.table_model import ERROR_BG, ERROR_FG, WARNING_BG, WARNING_FG, rich_tooltip, rule_line

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("级别", "表", "位置", "说明", "规则", "审核")
STATUS_COLUMN = 5
DECIDED_FG = QColor("#7a7a7a")  # a dismissed finding's text, greyed


def place(finding: Finding) -> tuple[str, str]:
    """(table name, row·column) of a finding's first cell, for the list."""
    if not finding.cells:
        return "", "全文"
    table, row, col = finding_place(finding) if finding.rule == "LABEL-NONSTANDARD" else cell_labels(finding.cells[0])
    if finding.rule == "TABLE-MISSING":
        return table, "整张表"
    return table, f"{row} · {col}"


_ROOT = QModelIndex()


class FindingsModel(QAbstractTableModel):
    def __init__(self, review: Review, parent=None):
        super().__init__(parent)
        self.review = review
        self.findings: list[Finding] = []
        review.findings_changed.connect(self.refresh)
        review.decisions_changed.connect(self._decisions_changed)

    def _decisions_changed(self) -> None:
        if self.findings:  # repaint in place: the selection stays where the reviewer is
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.findings) - 1, len(COLUMNS) - 1))

    def decision(self, row: int):
        session = self.review.session
        return session.decision_at(row) if session and row < len(session.findings) else None

    def status_text(self, row: int) -> str:
        """待处理 / 已确认 / 已忽略：理由 / 待处理（原决定已失效）."""
        decision = self.decision(row)
        if decision is not None:
            return STATUS_ZH[decision.status] + (f"：{decision.reason}" if decision.reason else "")
        lapsed = self.review.session.lapsed_at(row) if self.review.session else None
        if lapsed is not None:
            return f"{PENDING_ZH}（原“{STATUS_ZH[lapsed.status]}”{LAPSED_ZH}：数值已改变）"
        return PENDING_ZH

    def refresh(self) -> None:
        self.beginResetModel()
        self.findings = list(self.review.session.findings) if self.review.session else []
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.findings):
            return None
        f = self.findings[index.row()]
        col = index.column()
        if role == FINDING_ROLE:
            return f
        if col == STATUS_COLUMN and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            decision = self.decision(index.row())
            text = self.status_text(index.row())
            if role == Qt.ItemDataRole.ToolTipRole and decision is not None:
                text += f"\n{decision.by or '（未署名）'}  {decision.at}"
            return text
        if role == Qt.ItemDataRole.DisplayRole:
            table, where = place(f)
            return (SEVERITY_ZH[f.severity], table, where, clip(f.message, 500), f.rule)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return rich_tooltip(f"{clip(f.message)}\n{rule_line(f.rule)}")
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and col
            and getattr(self.decision(index.row()), "status", None) == DISMISSED
        ):
            return QBrush(DECIDED_FG)
        if col == 0 and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(ERROR_BG if f.severity == ERROR else WARNING_BG)
        if col == 0 and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(ERROR_FG if f.severity == ERROR else WARNING_FG)
        if col == 0 and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class FindingsFilter(QSortFilterProxyModel):
    """Rows of one severity (or all) whose text contains the search words."""

    ALL, ERRORS, WARNINGS = 0, 1, 2
    # the decision filter: all, pending (incl. lapsed), confirmed, dismissed
    STATUSES = ("全部状态", "待处理", "已确认", "已忽略")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.severity = self.ALL
        self.status = 0
        self.words = ""

    def _refilter(self, change) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:
            change()
            self.invalidateFilter()

    def set_severity(self, severity: int) -> None:
        self._refilter(lambda: setattr(self, "severity", severity))

    def set_status(self, status: int) -> None:
        self._refilter(lambda: setattr(self, "status", status))

    def set_words(self, words: str) -> None:
        self._refilter(lambda: setattr(self, "words", words.strip()))

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        f = self.sourceModel().findings[source_row]
        if self.severity == self.ERRORS and f.severity != ERROR:
            return False
        if self.severity == self.WARNINGS and f.severity == ERROR:
            return False
        if self.status:
            decision = self.sourceModel().decision(source_row)
            wanted = (None, None, "confirmed", "dismissed")[self.status]
            if (decision.status if decision else None) != wanted:
                return False
        if self.words:
            haystack = f"{f.message} {f.rule} {' '.join(place(f))}"
            return all(w in haystack for w in self.words.split())
        return True
