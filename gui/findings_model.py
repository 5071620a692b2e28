"""The findings list: a table model over the review's findings, and a filter on severity and text.

GUI layer.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from core.cell_tip import rule_line
from core.decisions import DISMISSED, LAPSED_ZH, PENDING_ZH, STATUS_ZH
from core.diagnose import Diagnosis
from core.limits import clip
from core.presentation import DIAGNOSIS, PALETTE
from core.rules import ERROR, SEVERITY_ZH, Finding, rule_title, rule_titles
from gui.review import Review
from gui.table_model import ERROR_BG, ERROR_FG, WARNING_BG, WARNING_FG, rich_tooltip

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("级别", "表", "位置", "说明", "规则", "审核")
STATUS_COLUMN = 5
DECIDED_FG = QColor("#7a7a7a")  # a dismissed finding's text, greyed


def place(finding: Finding) -> tuple[str, str]:
    """(table name, row · column) of a finding (core's :attr:`Finding.place`), for the list; 全文
    for a finding about the text."""
    return finding.place.table, finding.place.where or "全文"


_ROOT = QModelIndex()
DIAGNOSIS_ROLE = Qt.ItemDataRole.UserRole + 2
DIAGNOSIS_BG, DIAGNOSIS_FG = QColor(PALETTE[DIAGNOSIS].background), QColor(PALETTE[DIAGNOSIS].foreground)


@dataclass(frozen=True)
class Entry:
    """One row of the list: a diagnosis, or a finding (under the diagnosis that explains it)."""

    finding: Finding | None = None
    diagnosis: Diagnosis | None = None
    parent: int | None = None  # the row of the diagnosis a finding is listed under
    index: int | None = None  # a finding's place in the review's findings (decisions go by it)

    @property
    def severity(self) -> str:
        return ERROR if self.diagnosis is not None else self.finding.severity


def diagnosis_place(d: Diagnosis) -> tuple[str, str]:
    """(table name, where) of a diagnosis, for the list."""
    table, row, col = d.where()
    return table, f"{row} · {col}" if col else row


class FindingsModel(QAbstractTableModel):
    def __init__(self, review: Review, parent=None):
        super().__init__(parent)
        self.review = review
        self.findings: list[Finding] = []
        self.entries: list[Entry] = []
        self.expanded: set[tuple[str, ...]] = set()  # diagnoses shown open, by the cells they name
        review.findings_changed.connect(self.refresh)
        review.decisions_changed.connect(self._decisions_changed)

    def _decisions_changed(self) -> None:
        if self.entries:  # repaint in place: the selection stays where the reviewer is
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.entries) - 1, len(COLUMNS) - 1))

    def finding_index(self, row: int) -> int | None:
        """The place in the review's findings of the finding on a row (None: a diagnosis row)."""
        return self.entries[row].index if 0 <= row < len(self.entries) else None

    def row_of(self, index: int) -> int:
        """The row of the review's finding number ``index``."""
        return next(r for r, e in enumerate(self.entries) if e.index == index)

    def decision(self, row: int):
        session = self.review.session
        index = self.finding_index(row)
        return session.decision_at(index) if session and index is not None and index < len(session.findings) else None

    def status_text(self, row: int) -> str:
        """待处理 / 已确认 / 已忽略：理由 / 待处理（原决定已失效）."""
        decision = self.decision(row)
        if decision is not None:
            return STATUS_ZH[decision.status] + (f"：{decision.reason}" if decision.reason else "")
        index = self.finding_index(row)
        lapsed = self.review.session.lapsed_at(index) if self.review.session and index is not None else None
        if lapsed is not None:
            return f"{PENDING_ZH}（原“{STATUS_ZH[lapsed.status]}”{LAPSED_ZH}：数值已改变）"
        return PENDING_ZH

    def refresh(self) -> None:
        self.beginResetModel()
        session = self.review.session
        self.findings = list(session.findings) if session else []
        diagnoses = list(session.diagnoses) if session else []
        # each diagnosis leads, with the sum findings it explains listed under it
        self.entries = []
        placed: set[int] = set()
        for d in diagnoses:
            row = len(self.entries)
            self.entries.append(Entry(diagnosis=d))
            for i, f in enumerate(self.findings):
                if i not in placed and d.explains_finding(f):
                    placed.add(i)
                    self.entries.append(Entry(finding=f, parent=row, index=i))
        self.entries += [Entry(finding=f, index=i) for i, f in enumerate(self.findings) if i not in placed]
        self.endResetModel()

    def is_open(self, row: int) -> bool:
        d = self.entries[row].diagnosis
        return d is not None and d.cells in self.expanded

    def set_open(self, row: int, shown: bool) -> None:
        d = self.entries[row].diagnosis
        if d is not None:
            (self.expanded.add if shown else self.expanded.discard)(d.cells)
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.entries)

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
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if entry.diagnosis is not None:
            return self._diagnosis_data(index, entry.diagnosis, role)
        f = entry.finding
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
            level = SEVERITY_ZH[f.severity] if entry.parent is None else f"└ {SEVERITY_ZH[f.severity]}"
            return (level, table, where, clip(f.message, 500), rule_title(f.rule))[col]
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

    def _diagnosis_data(self, index, d: Diagnosis, role):
        col = index.column()
        if role == DIAGNOSIS_ROLE:
            return d
        if role == Qt.ItemDataRole.DisplayRole:
            table, where = diagnosis_place(d)
            explained = sum(1 for e in self.entries if e.parent == index.row())
            level = f"{'▾' if self.is_open(index.row()) else '▸'} 诊断"
            rules = f"解释 {explained} 条" if explained else rule_titles(d.explains)
            return (level, table, where, d.message, rules, "")[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = d.message
            if d.unique:
                tip += "\n" + "；".join(f"建议改为 {c.proposed}" for c in d.changes) + "（“采用建议”，可撤销）"
            return tip + "\n单击“▸ 诊断”或双击本行，展开或收起它所解释的合计问题"
        if col == 0 and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(DIAGNOSIS_BG)
        if col == 0 and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(DIAGNOSIS_FG)
        if col == 0 and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
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

    def refresh(self) -> None:
        """Filter again (a diagnosis was opened or closed)."""
        self._refilter(lambda: None)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        model = self.sourceModel()
        entry = model.entries[source_row]
        if self.status and entry.diagnosis is not None:
            return False  # a filter on decisions lists findings only, flat: a diagnosis is not decided
        if entry.parent is not None and not model.is_open(entry.parent) and not self.status:
            return False
        if self.severity == self.ERRORS and entry.severity != ERROR:
            return False
        if self.severity == self.WARNINGS and entry.severity == ERROR:
            return False
        if self.status:
            decision = self.sourceModel().decision(source_row)
            wanted = (None, None, "confirmed", "dismissed")[self.status]
            if (decision.status if decision else None) != wanted:
                return False
        if self.words:
            if entry.diagnosis is not None:
                d = entry.diagnosis
                haystack = (
                    f"{d.message} {' '.join(d.explains)} {rule_titles(d.explains)} {' '.join(diagnosis_place(d))}"
                )
            else:
                f = entry.finding
                haystack = f"{f.message} {f.rule} {rule_title(f.rule)} {' '.join(place(f))}"
            return all(w in haystack for w in self.words.split())
        return True
