"""The reviewer's decisions in the window: 确认问题, 忽略 (with a reason), 恢复, on the selected findings.

GUI layer. Wires the actions declared in :mod:`gui.actions` into the 审核 menu, the toolbar and
the findings' context menu; every decision goes through :meth:`gui.review.Review.decide`, which
saves it beside the autosave at once (so it survives a crash). The decisions file of spec
section 5 is imported and exported here too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu, QToolBar

from core.decisions import CONFIRMED, DISMISSED, REASONS, DecisionsError, DecisionSet, load_decisions, save_decisions
from gui import dialogs, settings

NAMES = ("confirm_finding", "dismiss_finding", "restore_finding")
FILE_NAMES = ("import_decisions", "export_decisions")


def reviewer() -> str:
    """The name decisions are recorded under: the one the reviewer last typed, else none (the
    sheet says 未署名). Never the computer's login name: "root" or "Administrator" would go onto
    a signed sheet as the reviewer."""
    return settings.get(settings.REVIEWER) or ""


class DecisionActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.review = window.review
        a = window.actions
        a["confirm_finding"].triggered.connect(self.confirm)
        a["dismiss_finding"].triggered.connect(self.dismiss)
        a["restore_finding"].triggered.connect(self.restore)
        a["import_decisions"].triggered.connect(self.choose_import)
        a["export_decisions"].triggered.connect(self.choose_export)
        menu = next(m.menu() for m in window.menuBar().actions() if m.text().startswith("审核"))
        first = menu.actions()[0] if menu.actions() else None
        for name in NAMES:
            menu.insertAction(first, a[name])
        menu.insertSeparator(first)
        menu.addSeparator()
        for name in FILE_NAMES:
            menu.addAction(a[name])
        toolbar = window.findChild(QToolBar, "main-toolbar")
        if toolbar is not None:
            toolbar.addSeparator()
            for name in NAMES:
                toolbar.addAction(a[name])
        view = window.findings_view
        view.context_menu_requested.connect(self._menu)
        view.table.selectionModel().selectionChanged.connect(self.update)
        self.review.findings_changed.connect(self.update)
        self.review.decisions_changed.connect(self.update)
        self.review.decisions_changed.connect(window._update_state)
        self.review.decisions_unsaved.connect(self._unsaved)
        self.update()

    def _rows(self) -> list[int]:
        return self.window.findings_view.selected_rows() if self.review.session else []

    def update(self, *_) -> None:
        rows = self._rows()
        session = self.review.session
        decided = [r for r in rows if session and session.decision_at(r) is not None]
        self.window.actions["confirm_finding"].setEnabled(bool(rows))
        self.window.actions["dismiss_finding"].setEnabled(bool(rows))
        self.window.actions["restore_finding"].setEnabled(bool(decided))
        for name in FILE_NAMES:
            self.window.actions[name].setEnabled(session is not None)

    def _menu(self, menu: QMenu, _finding) -> None:
        menu.addSeparator()
        for name in NAMES:
            menu.addAction(self.window.actions[name])

    def _unsaved(self, why: str) -> None:
        dialogs.error(
            self.window,
            "审核决定未能保存",
            f"审核决定无法自动保存（{why}）。本次的决定仍然有效；请用「审核 → 导出审核决定…」另存一份。",
        )

    def _report(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    # -- deciding -----------------------------------------------------------------------------------
    def confirm(self) -> None:
        rows = self._rows()
        if rows:
            self.review.decide(rows, CONFIRMED, by=reviewer())
            self._report(f"已确认 {len(rows)} 个问题（须退回修改）")

    def dismiss(self) -> None:
        rows = self._rows()
        if not rows:
            return
        answer = dialogs.ask_reason(self.window, len(rows), REASONS, reviewer())
        if answer is None:
            return
        reason, name = answer
        if not reason.strip():  # a dismissal always carries a reason
            return
        if name:
            settings.put(settings.REVIEWER, name)
        self.review.decide(rows, DISMISSED, reason=reason, by=name)
        self._report(f"已忽略 {len(rows)} 个问题：{reason}")

    def restore(self) -> None:
        rows = self._rows()
        if rows:
            self.review.decide(rows, None)
            self._report(f"已恢复 {len(rows)} 个问题为待处理")

    # -- the decisions file ---------------------------------------------------------------------------
    def choose_import(self) -> None:
        session = self.review.session
        if session is None:
            return
        path = dialogs.open_decisions(self.window, str(session.path.parent))
        if path:
            self.import_file(path)

    def import_file(self, path: str | Path) -> bool:
        """Add a decisions file's decisions to this review (they replace any on the same finding)."""
        try:
            recorded = load_decisions(path)
        except DecisionsError as err:
            dialogs.error(self.window, "无法导入审核决定", err.message)
            return False
        mine = self.review.session.decisions
        keys = {d.key for d in recorded.decisions}
        merged = [d for d in mine.decisions if d.key not in keys] + recorded.decisions
        state = recorded.review_state if recorded.review_state != "pending" else mine.review_state
        self.review.set_decisions(DecisionSet(merged, state))
        applied = len(self.review.session.applied.by_finding)
        self._report(f"已导入 {len(recorded.decisions)} 条审核决定，当前 {applied} 个问题已有决定")
        return True

    def choose_export(self) -> None:
        session = self.review.session
        if session is None:
            return
        suggested = str(session.path.with_name(f"{session.path.stem}-审核决定.json"))
        out = dialogs.save_file(self.window, "导出审核决定", suggested, "审核决定 (*.json)")
        if out:
            self.export_file(out)

    def export_file(self, out: str | Path) -> Path | None:
        session = self.review.session
        if Path(out).resolve() == session.path.resolve():
            dialogs.error(self.window, "无法导出", "不能保存为报告原稿本身，请换一个文件名。")
            return None
        try:
            path = save_decisions(out, session.decisions)
        except OSError as err:
            dialogs.error(self.window, "无法导出", f"无法写入“{out}”：{err.strerror or err}")
            return None
        self._report(f"已导出审核决定：{path}（{len(session.decisions.decisions)} 条）")
        return path
