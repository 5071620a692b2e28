"""Every action of the window, declared in one place; menus, toolbar and context menus look them up.

GUI layer.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class Spec:
    text: str
    tip: str
    shortcut: QKeySequence.StandardKey | str | None = None


SPECS = {
    "open": Spec("打开报告…", "打开一份年度报告（.docx）", QKeySequence.StandardKey.Open),
    "close": Spec("关闭报告", "关闭当前报告", QKeySequence.StandardKey.Close),
    "open_batch": Spec("批量检查文件夹…", "检查一个文件夹中的全部报告，逐份列出结果"),
    "load_previous": Spec("载入上年年报…", "与本单位上一年度的年报对照：结转数、现行有效件数、问题部分是否雷同"),
    "export_docx": Spec("导出更正稿…", "按标准格式生成更正后的报告（.docx），原稿不变", "Ctrl+E"),
    "export_xlsx": Spec("导出 Excel…", "把三张表和问题清单导出为 Excel 工作簿"),
    "choose_template": Spec("选择更正稿模板…", "使用本单位自己的更正稿模板（.docx）"),
    "print_sheet": Spec("打印审核单…", "预览并打印本报告的审核单", QKeySequence.StandardKey.Print),
    "export_sheet": Spec("导出审核单 PDF…", "把审核单保存为 PDF 文件", "Ctrl+Shift+P"),
    "quit": Spec("退出", "退出程序", QKeySequence.StandardKey.Quit),
    "apply_suggestion": Spec("采用建议", "把诊断认为填错的单元格改为建议的数值（可撤销）", "Ctrl+Shift+A"),
    "recompute_one": Spec("以分项为准重算总计", "把选中问题的总计改为各分项之和", "Ctrl+R"),
    "recompute_all": Spec("全部重算总计", "把所有与分项不符的总计一次改为各分项之和（可撤销）", "Ctrl+Shift+R"),
    "next_finding": Spec("下一个问题", "跳到下一个问题", QKeySequence.StandardKey.FindNext),
    "previous_finding": Spec("上一个问题", "跳到上一个问题", QKeySequence.StandardKey.FindPrevious),
    "confirm_finding": Spec("确认问题", "把选中的问题确认为须退回起草单位修改的问题", "Ctrl+K"),
    "dismiss_finding": Spec("忽略…", "忽略选中的问题（须写明理由，理由印在审核单上）", "Ctrl+I"),
    "restore_finding": Spec("恢复", "撤销对选中问题的确认或忽略，恢复为待处理", "Ctrl+U"),
    "import_decisions": Spec("导入审核决定…", "读取审核决定文件（.json），套用到本报告"),
    "export_decisions": Spec("导出审核决定…", "把本报告的审核决定保存为文件，供命令行 check --decisions 使用"),
    "about": Spec("关于", "关于年报校核"),
}


class Actions:
    def __init__(self, parent: QWidget, undo_stack: QUndoStack):
        self.by_name: dict[str, QAction] = {}
        for name, spec in SPECS.items():
            action = QAction(spec.text, parent)
            action.setToolTip(spec.tip)
            action.setStatusTip(spec.tip)
            if spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
            self.by_name[name] = action
        self.by_name["undo"] = _step_action(
            parent,
            "撤销",
            QKeySequence.StandardKey.Undo,
            undo_stack.undo,
            undo_stack.canUndoChanged,
            undo_stack.undoTextChanged,
        )
        self.by_name["redo"] = _step_action(
            parent,
            "重做",
            QKeySequence.StandardKey.Redo,
            undo_stack.redo,
            undo_stack.canRedoChanged,
            undo_stack.redoTextChanged,
        )
        self.by_name["undo"].setEnabled(undo_stack.canUndo())
        self.by_name["redo"].setEnabled(undo_stack.canRedo())

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]


def _step_action(parent: QWidget, verb: str, shortcut, trigger, can_changed, text_changed) -> QAction:
    """Undo or redo: the menu says what (撤销：表四“行政复议”总计 3→4), the toolbar button keeps its
    one word, so the toolbar never jumps when the text changes."""
    action = QAction(verb, parent)
    action.setIconText(verb)
    action.setShortcut(QKeySequence(shortcut))
    action.setEnabled(False)
    action.triggered.connect(trigger)
    can_changed.connect(action.setEnabled)

    def describe(text: str) -> None:
        action.setText(f"{verb}：{text}" if text else verb)
        action.setIconText(verb)
        action.setToolTip(f"{verb}：{text}" if text else f"没有可{verb}的修改")
        action.setStatusTip(action.toolTip())

    text_changed.connect(describe)
    describe("")
    return action
