"""The window as a clerk meets it at 1366×768 (issue 17): sizes, readable columns, undo texts,
recompute from the grid, export state, whole-document findings, report tables, PDF zoom,
tooltips, Chinese dialogs, restored edits, screenshots."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, QSettings, Qt
from PySide6.QtGui import QImage, QTextLength, QWheelEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel
from window_helpers import opened

import fixturegen
from conftest import ROOT, SEEDS, pixels_of
from core.autosave import AutosaveStore
from gui import dialogs
from gui.main_window import MainWindow
from gui.table_model import ERROR_BG

SAMPLES = ROOT / "samples"
V = fixturegen.consistent_values()
SMALL_SCREEN = (1366, 728)  # 1366×768 less a taskbar


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    asked = {"close": [], "info": []}
    monkeypatch.setattr(dialogs, "ask_close", lambda parent, n: asked["close"].append(n) or dialogs.KEEP)
    monkeypatch.setattr(dialogs, "info", lambda parent, title, text: asked["info"].append(text))
    return asked


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(AutosaveStore(tmp_path / "autosave"))
    qtbot.addWidget(w)
    w.resize(*SMALL_SCREEN)
    w.show()
    qtbot.waitExposed(w)
    return w


def finding_row(window, rule: str) -> int:
    """The list's row of the first finding of ``rule`` (opening the diagnosis it is listed under)."""
    index = next(i for i, f in enumerate(window.findings_view.model.findings) if f.rule == rule)
    return window.findings_view.reveal(index).row()


def test_first_start_fits_the_screen(qtbot, tmp_path):
    w = MainWindow(AutosaveStore(tmp_path / "autosave"))
    qtbot.addWidget(w)
    w.show()
    available = w.screen().availableGeometry()
    assert w.width() <= available.width() and w.height() <= available.height()
    assert w.width() <= 1600 and w.height() <= 1000
    top, grid = w.top.sizes()
    assert grid > top > 0  # the grid gets the larger share


def test_every_grid_column_is_readable_at_1366(qtbot, window):
    assert opened(window, SAMPLES / "示例-有误.docx")
    for table_id, view in window.grid_view.views.items():
        window.grid_view.setCurrentWidget(view)
        qtbot.wait(20)  # row heights follow the widths a moment later
        model = view.model()
        last = model.columnCount() - 1
        assert view.columnViewportPosition(last) + view.columnWidth(last) <= view.viewport().width(), table_id
        for cell in model.grid.cells:
            if cell.kind == "value":
                continue
            width = sum(view.columnWidth(c) for c in range(cell.col, cell.col + cell.col_span)) - 8
            height = sum(view.rowHeight(r) for r in range(cell.row, cell.row + cell.row_span))
            needed = view.fontMetrics().boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, cell.text)
            assert needed.height() <= height, (table_id, cell.text, needed.height(), height)
            # no label broken a character a line: the widest character fits two to a line at least
            assert width >= 2 * view.fontMetrics().horizontalAdvance("中"), (table_id, cell.text)


def test_undo_names_the_cell_in_chinese_and_the_toolbar_keeps_still(qtbot, window):
    assert opened(window, SAMPLES / "示例-有误.docx")
    toolbar = window.findChild(type(window.addToolBar("x")), "main-toolbar")
    button = toolbar.widgetForAction(window.actions["undo"])
    before = button.sizeHint().width()
    model = window.grid_view.models["appeals"]
    assert model.setData(model.index_of("appeals.review.total"), "4")
    undo = window.actions["undo"]
    assert undo.isEnabled() and undo.text() == "撤销：表四“行政复议”总计 3→4"
    assert undo.iconText() == "撤销"
    assert button.sizeHint().width() == before
    undo.trigger()
    assert window.actions["redo"].text() == "重做：表四“行政复议”总计 3→4"
    assert window.actions["undo"].text() == "撤销"


def test_recompute_follows_the_grid_cell_and_survives_an_edit(qtbot, window):
    assert opened(window, SAMPLES / "示例-有误.docx")
    blank = finding_row(window, "VALUE-BLANK")
    window.findings_view.select_row(blank)
    assert not window.actions["recompute_one"].isEnabled()
    grid = window.grid_view
    view, model = grid.views["appeals"], grid.models["appeals"]
    grid.setCurrentWidget(view)
    view.setCurrentIndex(model.index_of("appeals.review.total"))  # the red total, chosen in the grid
    assert window.actions["recompute_one"].isEnabled()
    # an edit elsewhere refreshes the findings list; the action stays with the selected total
    requests = grid.models["requests"]
    requests.setData(requests.index_of("requests.granted.natural"), "0")
    grid.setCurrentWidget(view)
    assert window.actions["recompute_one"].isEnabled()
    window.actions["recompute_one"].trigger()
    assert window.review.session.raw("appeals.review.total") == "4"
    assert window.actions["undo"].text() == "撤销：以分项为准重算总计：表四“行政复议”总计 3→4"
    assert not window.actions["recompute_one"].isEnabled()  # that total is right now


def test_after_export_quitting_does_not_claim_unexported_edits(qtbot, window, tmp_path, monkeypatch, isolated):
    assert opened(window, SAMPLES / "示例-有误.docx")
    window.review.recompute_all()
    assert window.windowTitle().startswith("*")
    out = tmp_path / "更正稿.docx"
    monkeypatch.setattr(dialogs, "confirm_changes", lambda *a: True)
    monkeypatch.setattr(dialogs, "save_file", lambda *a: str(out))
    assert window.export_docx() == out and out.is_file()
    assert not window.windowTitle().startswith("*") and "已导出更正稿" in window.file_label.text()
    window.close()
    assert isolated["close"] == []
    # a further edit is unexported again
    window.show()
    model = window.grid_view.models["appeals"]
    model.setData(model.index_of("appeals.suit_direct.total"), "99")
    assert window.windowTitle().startswith("*") and window.review.unexported_count() == 1
    window.close()
    assert isolated["close"] == [1]


@pytest.mark.parametrize(
    "seed, rule, anchor",
    [
        ("000_95bd9eddfbd07791.txt", "OVERVIEW-LENGTH", "heading"),
        ("001_154e5da753eb525e.txt", "SECTION-MISSING", "heading"),
        ("001_154e5da753eb525e.txt", "META-DATE-MISSING", "end"),
    ],
)
def test_a_whole_document_finding_scrolls_the_report_and_clears_the_grid(qtbot, window, seed, rule, anchor):
    assert opened(window, SEEDS / seed)
    grid = window.grid_view
    grid.select_cells(["requests.new.natural"])
    assert grid.views["requests"].selectionModel().hasSelection()
    document = window.document_view
    bar = document.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    row = finding_row(window, rule)
    table = window.findings_view.table
    index = table.model().index(row, 3)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    assert not any(v.selectionModel().hasSelection() for v in grid.views.values())
    assert grid.current_cell() is None
    assert window.findings_view.proxy.index(row, 2).data() == "全文"
    if anchor == "end":
        assert bar.value() == bar.maximum() > 0
    else:
        finding = window.findings_view.model.findings[row]
        block = document.show_place(finding)
        outline = window.review.session.report.outline
        heading = outline.headings["overview"] if rule == "OVERVIEW-LENGTH" else None
        if heading is None:
            heading = next(
                b
                for b in outline.headings.values()
                if document.review.session.report.document.blocks[b].text.strip() == finding.actual
            )
        assert block == f"block-{heading}"
        text = window.review.session.report.document.blocks[heading].text.strip()
        block = document.document().begin()
        while block.isValid() and block.text().strip() != text:
            block = block.next()
        assert block.isValid()
        top = document.document().documentLayout().blockBoundingRect(block).top() - bar.value()
        assert -2 <= top < document.viewport().height() // 3, (text, top)


def test_report_tables_keep_readable_columns_and_scroll_sideways(qtbot, window):
    assert opened(window, SEEDS / "000_95bd9eddfbd07791.txt")
    document = window.document_view
    char = document.fontMetrics().horizontalAdvance("中")
    tables = document.tables()
    assert len(tables) >= 3
    for table in tables:
        widths = table.format().columnWidthConstraints()
        assert len(widths) == table.columns()
        assert all(w.type() == QTextLength.Type.FixedLength and w.rawValue() >= 3 * char for w in widths)
    assert document.horizontalScrollBar().maximum() > 0  # the wide 表三 scrolls, it is not squeezed
    assert opened(window, SAMPLES / "示例-有误.docx")
    requests = next(t for t in window.document_view.tables() if "本年新收" in _text(t))
    first = requests.format().columnWidthConstraints()[0].rawValue()
    assert first >= 7 * char  # 三、本年度办理结果: a phrase a line, not a character or two


def _text(table) -> str:
    cursor = table.firstCursorPosition()
    cursor.setPosition(table.lastPosition(), cursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def test_tooltips_give_the_rules_title_with_the_id_small(window):
    assert opened(window, SAMPLES / "示例-有误.docx")
    model = window.grid_view.models["requests"]
    tip = model.index_of("requests.granted.natural").data(Qt.ItemDataRole.ToolTipRole)
    assert "规则：应填数字的单元格为空白或占位符（按 0 计）" in tip
    assert '<small style="color:#777777">VALUE-BLANK</small>' in tip
    findings = window.findings_view.proxy
    tip = findings.index(finding_row(window, "REQ-ROW-TOTAL"), 3).data(Qt.ItemDataRole.ToolTipRole)
    assert "表三每一行：总计 = 自然人 + 法人或其他组织各列" in tip and "<small" in tip


def test_label_nonstandard_is_placed_on_the_row_name(window):
    assert opened(window, SAMPLES / "示例-有误.docx")
    row = finding_row(window, "LABEL-NONSTANDARD")
    model = window.findings_view.proxy
    assert model.index(row, 2).data() == "二、上年结转政府信息公开申请数量 · （行名）"
    window.findings_view.select_row(row)
    view = window.grid_view.views["requests"]
    current = view.currentIndex()
    cell = view.model().grid.at(current.row(), current.column())
    assert cell.kind != "value" and "二、上年结转" in cell.text
    assert view.selectionModel().isSelected(current)


def test_pdf_zoom_fit_page_fit_width_and_ctrl_wheel(qtbot, window):
    assert opened(window, SAMPLES / "示例-有误.pdf")
    pdf = window.pdf_view
    pane = window.pdf_pane
    assert {a.text() for a in pane.zoom_actions.values()} == {"适合宽度", "适合页面", "缩小", "放大"}
    qtbot.wait(50)
    pane.zoom_actions["fit_page"].trigger()
    qtbot.wait(50)
    page = pdf._page_rect(0)
    assert page.height() <= pdf.viewport().height() and page.width() <= pdf.viewport().width()
    fit_page = pdf.zoom_percent()
    pane.zoom_actions["fit_width"].trigger()
    assert pdf.zoom_percent() > fit_page
    before = pdf.zoom_percent()
    wheel = QWheelEvent(
        QPointF(50, 50),
        QPointF(pdf.mapToGlobal(QPoint(50, 50))),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(pdf.viewport(), wheel)
    assert pdf.zoom_percent() > before and pane.percent.text().strip() == f"{pdf.zoom_percent()}%"
    # the mirrored layout matches Qt's: the last page ends where the scroll range does
    pdf.zoom_by(1.5)
    qtbot.wait(50)
    last = pdf._page_rect(pdf.pdf.pageCount() - 1)
    bottom = last.bottom() + pdf.pageSpacing() + pdf.documentMargins().bottom()
    assert abs(pdf.verticalScrollBar().maximum() + pdf.viewport().height() - bottom) <= 2
    assert pdf.horizontalScrollBar().maximum() > 0
    # a finding's cell is framed where it is, zoomed in as well
    window.findings_view.select_row(finding_row(window, "APPEAL-GROUP-TOTAL"))
    window.source.setCurrentIndex(1)
    qtbot.wait(50)
    assert pdf.viewport().rect().contains(pdf._mark_rect().toRect())


def test_qt_dialogs_speak_chinese(qapp, monkeypatch, tmp_path):
    from gui.app import install_translations

    assert install_translations(qapp)
    seen = {}

    def fake_exec(dialog):
        dialog.show()
        seen["labels"] = {label.text() for label in dialog.findChildren(QLabel)}
        seen["type"] = dialog.iconProvider().type(__import__("PySide6.QtCore").QtCore.QFileInfo(str(tmp_path)))
        dialog.hide()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QFileDialog, "exec", fake_exec)
    monkeypatch.setattr(QFileDialog, "__init__", _non_native(QFileDialog.__init__))
    # the conftest stubs replace open_file and its siblings; all of them go through this one
    assert dialogs._file_dialog(None, "打开年度报告", str(tmp_path), dialogs.DRAFT_FILTER, "open") is None
    assert {"查找范围：", "文件名：", "文件类型："} <= seen["labels"], seen["labels"]
    assert seen["type"] == "文件夹"
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Warning, "t", "x", QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel
    )
    assert {b.text() for b in box.buttons()} == {"确定", "取消"}


def _non_native(init):
    def wrapped(self, *args):
        init(self, *args)
        self.setOption(QFileDialog.Option.DontUseNativeDialog, True)

    return wrapped


def test_restored_autosave_is_an_undoable_step(qtbot, tmp_path, monkeypatch):
    store = AutosaveStore(tmp_path / "autosave")
    first = MainWindow(store)
    qtbot.addWidget(first)
    assert opened(first, SAMPLES / "示例-有误.docx")
    first.review.recompute_all()
    first.review.session = None  # as after a crash: the edits are only in the autosave
    monkeypatch.setattr(dialogs, "ask_restore", lambda *a: True)
    second = MainWindow(store)
    qtbot.addWidget(second)
    assert opened(second, SAMPLES / "示例-有误.docx")
    session = second.review.session
    assert session.raw("appeals.review.total") == "4"
    undo = second.actions["undo"]
    assert undo.isEnabled() and undo.text() == "撤销：恢复自动保存的 2 处修改"
    undo.trigger()
    assert session.raw("appeals.review.total") == "3" and second.review.edit_count() == 0


def test_screenshot_of_a_folder_and_of_the_print_preview(tmp_path):
    from gui.app import screenshot

    folder = tmp_path / "报告"
    folder.mkdir()
    shutil.copy(SAMPLES / "示例-有误.docx", folder)
    (folder / "损坏.docx").write_bytes(b"not a docx")
    out = tmp_path / "batch.png"
    assert screenshot(str(out), str(folder)) == 0
    shot = QImage(str(out))
    assert (shot.width(), shot.height()) == (1366, 768) and pixels_of(shot, ERROR_BG) > 100
    out = tmp_path / "preview.png"
    assert screenshot(str(out), str(SAMPLES / "示例-有误.docx"), preview=True) == 0
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (1366, 768)


def test_screenshot_of_an_unreadable_file_says_why_without_a_dialog(tmp_path, capsys):
    from gui.app import screenshot

    bad = tmp_path / "损坏.docx"
    bad.write_bytes(b"not a docx")
    assert screenshot(str(tmp_path / "x.png"), str(bad)) == 2
    assert "无法打开：" in capsys.readouterr().err


def test_last_years_report_of_another_agency_is_questioned(window, isolated):
    assert opened(window, SEEDS / "000_95bd9eddfbd07791.txt")  # 硚口区融媒体中心 2023
    assert opened(window, SEEDS / "003_5a057bc617f955f0.txt", window.load_previous)  # 六安市叶集区融媒体中心 2022
    assert len(isolated["info"]) == 1 and "不是同一单位" in isolated["info"][0]
    assert "应对照" not in isolated["info"][0]  # 2022 is the year before
    assert opened(window, SEEDS / "002_b08546210772d0f8.txt", window.load_previous)  # another agency, and 2023 again
    assert "应对照 2022 年度的报告" in isolated["info"][1]


def test_the_frozen_build_keeps_and_finds_qts_chinese_catalogue(monkeypatch, tmp_path):
    import sys

    from gui.app import translation_folders

    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    line = next(x for x in spec.splitlines() if x.startswith("a.datas") and "translations" in x)

    class Analysis:
        datas = [
            ("PySide6/Qt/translations/qtbase_zh_CN.qm", "x", "DATA"),
            ("PySide6/Qt/translations/qtbase_de.qm", "x", "DATA"),
        ]

    exec(line, {"a": Analysis})  # the spec's own filter, on what PyInstaller collects
    assert [d[0] for d in Analysis.datas] == ["PySide6/Qt/translations/qtbase_zh_CN.qm"]
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert str(tmp_path / "PySide6" / "Qt" / "translations") in translation_folders()


def test_a_cell_in_the_reports_wide_table_is_scrolled_into_view_sideways(qtbot, window):
    assert opened(window, SAMPLES / "示例-有误.docx")
    document = window.document_view
    assert document.horizontalScrollBar().maximum() > 0
    for cell_id in ("requests.new.total", "requests.new.natural"):
        document.show_cell(cell_id)
        rect = document.cursorRect(document.anchor_cursor(f"cell-{cell_id}"))
        assert 0 <= rect.x() < document.viewport().width() and 0 <= rect.y() < document.viewport().height(), cell_id
