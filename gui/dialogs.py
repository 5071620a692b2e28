"""Every dialog the window shows, as small functions, so that tests can replace them.

GUI layer. Callers always go through the module (``dialogs.ask_restore(...)``), never import the
functions by name, so a test's monkeypatch takes effect and no modal dialog can hang a test.
"""

from __future__ import annotations

from PySide6.QtCore import QFileInfo
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFileIconProvider,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from core import formats
from core.presentation import PALETTE
from core.rules import ERROR

DRAFT_FILTER = formats.dialog_filter()

KEEP, DISCARD, CANCEL = "keep", "discard", "cancel"


def _ask(parent: QWidget | None, title: str, text: str, info: str, buttons, default: int = 0) -> int:
    """A question box with the given (label, role) buttons; the index of the one clicked, -1 if none."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setInformativeText(info)
    added = [box.addButton(label, role) for label, role in buttons]
    box.setDefaultButton(added[default])
    box.exec()
    return added.index(box.clickedButton()) if box.clickedButton() in added else -1


def error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def info(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


class _ChineseIcons(QFileIconProvider):
    """The type column of Qt's own file dialog in Chinese (Qt's catalogue leaves it English)."""

    def type(self, info) -> str:
        if info.isDir():
            return "文件夹"
        return f"{info.suffix().upper()} 文件" if info.suffix() else "文件"


def _file_dialog(parent, title: str, folder: str, file_filter: str, mode: str) -> str | None:
    """A file dialog in Chinese: the platform's own where there is one (Windows, a desktop's
    portal), else Qt's, whose labels Qt's Chinese catalogue leaves partly English (Look in:,
    Files of type:) and which are set here."""
    dialog = QFileDialog(parent, title, folder, file_filter)
    if mode == "folder":
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    elif mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    if mode != "folder" and folder and not QFileInfo(folder).isDir():
        dialog.selectFile(folder)
    Label = QFileDialog.DialogLabel
    for label, text in (
        (Label.LookIn, "查找范围："),
        (Label.FileName, "文件夹：" if mode == "folder" else "文件名："),
        (Label.FileType, "文件类型："),
        (Label.Accept, {"save": "保存", "folder": "选择文件夹"}.get(mode, "打开")),
        (Label.Reject, "取消"),
    ):
        dialog.setLabelText(label, text)
    dialog.setIconProvider(_ChineseIcons())
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return dialog.selectedFiles()[0] or None


def open_file(parent: QWidget | None, folder: str) -> str | None:
    return _file_dialog(parent, "打开年度报告", folder, DRAFT_FILTER, "open")


def open_units(parent: QWidget | None, folder: str) -> str | None:
    """Ask for the list of units a summary expects (text, one a line, or Excel's first column)."""
    path, _ = QFileDialog.getOpenFileName(
        parent, "载入应报送单位名单", folder, "单位名单 (*.txt *.csv *.xlsx);;所有文件 (*)"
    )
    return path or None


def open_folder(parent: QWidget | None, folder: str) -> str | None:
    return _file_dialog(parent, "选择存放报告的文件夹", folder, "", "folder")


def open_decisions(parent: QWidget | None, folder: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "导入审核决定", folder, "审核决定 (*.json);;所有文件 (*)")
    return path or None


def save_file(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str | None:
    """Ask where to save; the dialog itself asks before replacing an existing file."""
    return _file_dialog(parent, title, suggested, file_filter, "save")


def choose_template(parent: QWidget | None, current: str) -> str | None:
    """The office's own template (path), "" for the built-in standard one, None if cancelled."""
    Role = QMessageBox.ButtonRole
    choice = _ask(
        parent,
        "更正稿模板",
        f"当前模板：{current or '标准格式（内置）'}",
        "可以选择本单位按自己版式修改过的模板（.docx，字段说明见 docs/template.md）。",
        [("选择模板文件…", Role.AcceptRole), ("使用标准格式", Role.ResetRole), ("取消", Role.RejectRole)],
    )
    if choice == 1:
        return ""
    if choice != 0:
        return None
    return _file_dialog(parent, "选择更正稿模板", current, "Word 模板 (*.docx)", "open")


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to ``width``×``height``, or less where the screen (1366×768 and its taskbar) is smaller."""
    screen = widget.screen() or QApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width, height = min(width, available.width() - 16), min(height, available.height() - 48)
    widget.resize(width, height)


def preview_dialog(parent: QWidget | None, paint, setup=None):
    """Qt's print preview of the findings sheet, not yet shown; ``paint(printer)`` draws the pages,
    ``setup(printer)`` chooses the paper first (the sheet's A4, not the system's default)."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if setup is not None:
        setup(printer)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_ = printer  # the dialog does not own its printer: keep it alive as long as the dialog
    dialog.setWindowTitle("打印预览 - 审核单")
    dialog.paintRequested.connect(paint)
    fit_to_screen(dialog, 1000, 800)
    return dialog


def print_preview(parent: QWidget | None, paint, setup=None) -> None:
    """Show Qt's print preview; ``paint(printer)`` draws the pages (also when printing)."""
    preview_dialog(parent, paint, setup).exec()


def confirm_changes(parent: QWidget | None, lines: list[str], remaining: list[str], notes: list[str] = ()) -> bool:
    """Show what the corrected report will change, before asking where to save it."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("导出更正稿")
    dialog.resize(760, 460)
    layout = QVBoxLayout(dialog)
    head = (
        f"更正稿将按标准格式生成，共 {len(lines)} 处更改，原稿不会被修改："
        if lines
        else "更正稿只把报告统一为标准格式，没有数值或表述更改。"
    )
    layout.addWidget(QLabel(head, dialog))
    text = QPlainTextEdit(dialog)
    text.setReadOnly(True)
    body = "\n".join(lines)
    if notes:
        body += "\n\n请注意（需在正文中修改）：\n" + "\n".join(notes)
    if remaining:
        body += f"\n\n以下 {len(remaining)} 个错误无法自动更正，导出后请人工核实：\n" + "\n".join(remaining)
    text.setPlainText(body)
    layout.addWidget(text)
    if remaining:
        hint = QLabel("提示：总计与分项不符的，可先点击“全部重算总计”再导出。", dialog)
        hint.setStyleSheet(f"color:{PALETTE[ERROR].background}")
        layout.addWidget(hint)
    buttons = QDialogButtonBox(dialog)
    buttons.addButton("继续导出…", QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_restore(parent: QWidget | None, count: int, when: str) -> bool:
    Role = QMessageBox.ButtonRole
    return 0 == _ask(
        parent,
        "恢复未完成的修改",
        f"这份报告有上次审核时未完成的 {count} 处修改（{when}自动保存）。",
        "是否恢复这些修改？选择“不恢复”将从原稿重新开始，自动保存的修改会被删除。",
        [("恢复修改", Role.AcceptRole), ("不恢复", Role.RejectRole)],
    )


def ask_close(parent: QWidget | None, count: int) -> str:
    Role = QMessageBox.ButtonRole
    choice = _ask(
        parent,
        "有未导出的修改",
        f"当前报告有 {count} 处修改尚未导出为更正稿。",
        "保留：修改已自动保存，下次打开同一份报告时可以恢复。\n放弃：删除这些修改，原稿不受影响。",
        [("保留修改并关闭", Role.AcceptRole), ("放弃修改", Role.DestructiveRole), ("取消", Role.RejectRole)],
    )
    return {0: KEEP, 1: DISCARD}.get(choice, CANCEL)


def ask_reason(parent: QWidget | None, count: int, reasons: tuple[str, ...], reviewer: str) -> tuple[str, str] | None:
    """Why ``count`` findings are dismissed, and who says so: (reason, reviewer), or None if
    cancelled. A dismissal always carries a reason: 确定 stays disabled until one is given."""
    from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit

    dialog = QDialog(parent)
    dialog.setWindowTitle("忽略问题")
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(f"忽略选中的 {count} 个问题。请写明理由（将印在审核单上）：", dialog))
    form = QFormLayout()
    reason = QComboBox(dialog)
    reason.setEditable(True)
    reason.addItems(list(reasons))
    reason.setCurrentIndex(-1)
    reason.lineEdit().setPlaceholderText("选择或输入理由，例如：正文口径不同，已核实")
    reason.setMinimumWidth(360)
    name = QLineEdit(reviewer, dialog)
    name.setPlaceholderText("审核人姓名")
    form.addRow("理由：", reason)
    form.addRow("审核人：", name)
    layout.addLayout(form)
    buttons = QDialogButtonBox(dialog)
    ok = buttons.addButton("忽略", QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    ok.setEnabled(False)
    reason.currentTextChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
    if dialog.exec() != QDialog.DialogCode.Accepted or not reason.currentText().strip():
        return None
    return reason.currentText().strip(), name.text().strip()


def show_crash(parent: QWidget | None, details: str, log_path: str, saved: bool = True) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, "程序出错", "", parent=parent)
    kept = "您的修改已自动保存" if saved else "自动保存目前无法写入，请尽快导出更正稿"
    box.setText(f"程序遇到意外错误。{kept}，原稿没有被修改。")
    box.setInformativeText(f"错误详情已记录在：\n{log_path}\n请把详情发给技术支持。")
    box.setDetailedText(details)
    copy = box.addButton("复制详情", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    if box.clickedButton() is copy:
        QApplication.clipboard().setText(details)
