"""The review window, offscreen with pytest-qt: colours, editing, undo, recompute, drop, autosave."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLineEdit
from window_helpers import opened

import fixturegen
from conftest import ROOT, pixels_of
from core.autosave import AutosaveStore
from core.rules import ERROR, rule_title
from gui import dialogs
from gui.findings_model import DIAGNOSIS_ROLE, FINDING_ROLE
from gui.main_window import MainWindow
from gui.table_model import ERROR_BG, FRAME_ROLE, WARNING_BG

V = fixturegen.consistent_values()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    calls = {"error": [], "restore": [], "close": []}
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: calls["error"].append(message))
    monkeypatch.setattr(dialogs, "info", lambda *a: None)
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, n, when: calls["restore"].append(n) or True)
    monkeypatch.setattr(dialogs, "ask_close", lambda parent, n: calls["close"].append(n) or dialogs.KEEP)
    return calls


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(AutosaveStore(tmp_path / "autosave"))
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    return w


def coloured(window, colour) -> set[str]:
    """Every value cell of every grid whose background is ``colour``."""
    found = set()
    for model in window.grid_view.models.values():
        for cell in model.grid.value_cells:
            brush = model.index_of(cell.cell_id).data(Qt.ItemDataRole.BackgroundRole)
            if brush is not None and brush.color() == colour:
                found.add(cell.cell_id)
    return found


def test_models_pass_qtmodeltester(qtmodeltester, window, make_docx):
    for model in window.grid_view.models.values():
        qtmodeltester.check(model)  # empty, before a report is loaded
    path, _ = make_docx("eight", raw={"requests.new.total": "999"})
    assert opened(window, path)
    for model in window.grid_view.models.values():
        qtmodeltester.check(model)
    qtmodeltester.check(window.findings_view.model)
    qtmodeltester.check(window.findings_view.proxy)


def test_exactly_the_faulty_cells_are_coloured(window, make_docx):
    path, _ = make_docx(
        raw={
            "appeals.suit_direct.total": str(V["appeals.suit_direct.total"] + 1),
            "proactive.coercion.decisions": "",
            "proactive.penalty.decisions": "-1",
        }
    )
    assert opened(window, path)
    assert coloured(window, ERROR_BG) == {"appeals.suit_direct.total", "proactive.penalty.decisions"}
    assert coloured(window, WARNING_BG) == {"proactive.coercion.decisions"}
    tip = window.grid_view.models["appeals"].index_of("appeals.suit_direct.total").data(Qt.ItemDataRole.ToolTipRole)
    assert "总计应为" in tip and "APPEAL-GROUP-TOTAL" in tip and f"应为：{V['appeals.suit_direct.total']}" in tip
    assert "2 处错误，1 处提示" in window.summary.text()


def test_fix_by_typing_then_undo_and_redo(qtbot, window, make_docx):
    right = str(V["appeals.suit_direct.total"])
    path, _ = make_docx(raw={"appeals.suit_direct.total": "99"})
    assert opened(window, path)
    grid = window.grid_view
    view, model = grid.views["appeals"], grid.models["appeals"]
    grid.setCurrentWidget(view)
    index = model.index_of("appeals.suit_direct.total")
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClicks(view, right[0])  # any key starts editing, as in a spreadsheet
    editor = view.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == right[0]
    qtbot.keyClicks(editor, right[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # commits through a queued call
    qtbot.waitUntil(lambda: index.data() == right, timeout=2000)
    assert coloured(window, ERROR_BG) == set()
    assert window.summary.text().strip() == "未发现问题"
    window.actions["undo"].trigger()
    assert index.data() == "99"
    assert coloured(window, ERROR_BG) == {"appeals.suit_direct.total"}
    window.actions["redo"].trigger()
    assert coloured(window, ERROR_BG) == set()


def test_only_changed_cells_are_repainted(qtbot, window, make_docx):
    path, _ = make_docx()
    assert opened(window, path)
    model = window.grid_view.models["requests"]
    changed = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), a.column(), b.row(), b.column())))
    assert model.setData(model.index_of("requests.granted.legal"), str(V["requests.granted.legal"] + 1))
    # the edited cell, the row total and the column total that now disagree, and the balance cells
    positions = {
        model.grid.position(c)
        for c in ("requests.granted.legal", "requests.granted.total", "requests.results_total.legal")
    }
    assert positions <= {(r, c) for r, c, _, _ in changed}
    assert len(changed) < 15


def test_recompute_actions(window, make_docx):
    path, _ = make_docx(
        raw={
            "requests.granted.total": "0",
            "appeals.review.total": "0",
            "requests.results_total.natural": "1",
        }
    )
    assert opened(window, path)
    session = window.review.session
    rules = {f.rule for f in session.findings if f.severity == ERROR}
    assert {"REQ-ROW-TOTAL", "APPEAL-GROUP-TOTAL", "REQ-RESULTS-TOTAL"} <= rules
    # one finding, one total
    appeal = next(f for f in window.findings_view.model.findings if f.rule == "APPEAL-GROUP-TOTAL")
    window.findings_view.select_finding(appeal)
    assert window.actions["recompute_one"].isEnabled()
    window.actions["recompute_one"].trigger()
    assert session.raw("appeals.review.total") == str(V["appeals.review.total"])
    # everything else in one undoable step
    window.actions["recompute_all"].trigger()
    assert [f.rule for f in session.findings if f.severity == ERROR] == []
    assert session.raw("requests.granted.total") == str(V["requests.granted.total"])
    window.actions["undo"].trigger()
    assert {"REQ-ROW-TOTAL", "REQ-RESULTS-TOTAL"} <= {f.rule for f in session.findings}
    assert session.raw("appeals.review.total") == str(V["appeals.review.total"])


def test_choosing_a_finding_selects_its_cells(window, make_docx):
    path, _ = make_docx(raw={"requests.new.total": "999"})
    assert opened(window, path)
    row = next(f for f in window.findings_view.model.findings if f.rule == "REQ-ROW-TOTAL")
    window.findings_view.select_finding(row)
    view = window.grid_view.views["requests"]
    assert window.grid_view.currentWidget() is view
    selected = {
        i.data(window.grid_view.models["requests"].CELL_ID_ROLE) for i in view.selectionModel().selectedIndexes()
    }
    assert "requests.new.total" in selected and "requests.new.natural" in selected


def test_findings_filter(window, make_docx):
    path, _ = make_docx(raw={"requests.new.total": "999", "proactive.coercion.decisions": ""})
    assert opened(window, path)
    proxy = window.findings_view.proxy
    everything = proxy.rowCount()
    window.findings_view.severity.setCurrentIndex(1)
    assert 0 < proxy.rowCount() < everything
    assert all(proxy.index(r, 0).data().endswith(("错误", "诊断")) for r in range(proxy.rowCount()))
    window.findings_view.severity.setCurrentIndex(0)
    window.findings_view.search.setText("表二")
    assert proxy.rowCount() == 1


def _drop(window, path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    return event


def test_drop_opens_the_file(qtbot, window, make_docx):
    path, spec = make_docx()
    event = _drop(window, path)
    assert event.isAccepted() and event.dropAction() == Qt.DropAction.CopyAction
    qtbot.waitUntil(lambda: window.review.session is not None, timeout=3000)
    assert window.review.session.report.meta.title == spec.title
    assert spec.title in window.windowTitle()


def test_dropping_a_legacy_doc_explains_what_to_do(qtbot, window, tmp_path, isolated_settings):
    legacy = tmp_path / "旧稿.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    _drop(window, legacy)
    qtbot.waitUntil(lambda: bool(isolated_settings["error"]), timeout=3000)
    assert "另存为" in isolated_settings["error"][0]
    assert window.review.session is None


def test_unreadable_file_gets_the_cli_message(window, tmp_path, isolated_settings):
    empty = tmp_path / "空.docx"
    empty.write_bytes(b"")
    assert not opened(window, empty)
    from core.check import check_file

    assert isolated_settings["error"] == [check_file(empty).error.message]


def test_edits_survive_a_crash_and_are_offered_back(qtbot, tmp_path, make_docx, isolated_settings):
    path, _ = make_docx(raw={"appeals.review.total": "99"})
    draft_bytes = path.read_bytes()
    store = AutosaveStore(tmp_path / "autosave")
    first = MainWindow(store)  # not given to qtbot: it is deleted below, as a crash would
    assert opened(first, path)
    model = first.grid_view.models["appeals"]
    model.setData(model.index_of("appeals.review.total"), str(V["appeals.review.total"]))
    model.setData(model.index_of("appeals.review.upheld"), "1")
    # A crash: the window goes away without closeEvent; nothing else is written.
    first.review.undo_stack.indexChanged.disconnect()
    first.deleteLater()

    second = MainWindow(store)
    qtbot.addWidget(second)
    assert opened(second, path)
    assert isolated_settings["restore"] == [2]
    session = second.review.session
    assert session.raw("appeals.review.total") == str(V["appeals.review.total"])
    assert session.raw("appeals.review.upheld") == "1"
    assert path.read_bytes() == draft_bytes  # the draft itself was never written


def test_declining_restore_starts_from_the_draft(qtbot, tmp_path, make_docx, monkeypatch):
    path, _ = make_docx()
    store = AutosaveStore(tmp_path / "autosave")
    first = MainWindow(store)
    qtbot.addWidget(first)
    opened(first, path)
    first.review.edit({"appeals.review.upheld": "7"}, "test")
    monkeypatch.setattr(dialogs, "ask_restore", lambda *a: False)
    second = MainWindow(store)
    qtbot.addWidget(second)
    opened(second, path)
    assert second.review.session.raw("appeals.review.upheld") == str(V["appeals.review.upheld"])
    assert store.load(second.review.session.sha256) is None


def test_close_with_edits_asks_first(qtbot, window, make_docx, monkeypatch):
    path, _ = make_docx()
    opened(window, path)
    window.review.edit({"appeals.review.upheld": "7"}, "test")
    monkeypatch.setattr(dialogs, "ask_close", lambda parent, n: dialogs.CANCEL)
    assert not window.close()
    assert window.isVisible()
    monkeypatch.setattr(dialogs, "ask_close", lambda parent, n: dialogs.DISCARD)
    sha = window.review.session.sha256
    assert window.close()
    assert window.review.autosave.load(sha) is None


def test_label_deviation_marks_the_label_not_the_values(window, make_docx):
    path, _ = make_docx("variants")
    opened(window, path)
    model = window.grid_view.models["requests"]
    label = next(c for c in model.grid.cells if c.label_of == "carried_over")
    index = model.index(label.row, label.col)
    assert index.data(Qt.ItemDataRole.BackgroundRole).color() == WARNING_BG
    assert "上年转结" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert coloured(window, WARNING_BG) == set()


def test_screenshot_command(tmp_path, make_docx):
    from PySide6.QtGui import QImage

    from gui.app import screenshot

    path, _ = make_docx(raw={"requests.new.total": "999"})
    out = tmp_path / "shot.png"
    assert screenshot(str(out), str(path)) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)  # the screens clerks have
    assert pixels_of(image, ERROR_BG) > 500  # the wrong total is shown red, in the grid and in the report


def test_export_corrected_report_from_the_grid(window, make_docx, tmp_path, monkeypatch):
    from core.check import check_file

    path, _ = make_docx("variants", raw={"appeals.review.total": "99"})
    before = path.read_bytes()
    opened(window, path)
    window.review.recompute_all()
    shown = []
    monkeypatch.setattr(dialogs, "confirm_changes", lambda parent, lines, remaining, notes: shown.append(lines) or True)
    out = tmp_path / "更正稿.docx"
    monkeypatch.setattr(dialogs, "save_file", lambda *a: str(out))
    assert window.export_docx() == out
    assert any("表四“行政复议”行“总计”列：99 → 4" in line for line in shown[0])
    assert any("上年结转" in line for line in shown[0])
    result = check_file(out)
    assert result.errors == 0 and not [f for f in result.findings if f.rule == "LABEL-NONSTANDARD"]
    assert path.read_bytes() == before


def test_export_names_the_notes_the_table_drops_and_the_text_it_contradicts(window, make_docx, tmp_path, monkeypatch):
    """A figure's bracketed note cannot stay in the table, and a recomputed total no longer
    matches what the text says: the preview says both, for the reviewer to put in the text."""
    path, _ = make_docx(raw={"requests.new.natural": "5（含2件转办）"})
    opened(window, path)
    shown = []
    monkeypatch.setattr(dialogs, "confirm_changes", lambda parent, lines, remaining, notes: shown.append(notes))
    assert window.export_docx() is None  # the preview was declined: nothing written
    assert any("说明“含2件转办”" in n and "写入正文" in n for n in shown[0]), shown
    assert not any("正文与统计表不一致" in n for n in shown[0])
    assert not list(tmp_path.glob("*更正稿*"))
    opened(window, ROOT / "samples" / "示例-有误.docx")  # its text says 78 where 77 is right
    window.review.recompute_all()
    window.export_docx()
    assert any("正文与统计表不一致" in n and "78 件" in n for n in shown[1]), shown[1]


def test_export_refuses_the_draft_itself(window, make_docx, monkeypatch, isolated_settings):
    path, _ = make_docx()
    before = path.read_bytes()
    opened(window, path)
    monkeypatch.setattr(dialogs, "confirm_changes", lambda *a: True)
    monkeypatch.setattr(dialogs, "save_file", lambda *a: str(path))
    assert window.export_docx() is None
    assert window.export_xlsx() is None
    assert path.read_bytes() == before
    assert isolated_settings["error"] and "原稿" in isolated_settings["error"][0]


def test_export_workbook_from_the_window(window, make_docx, tmp_path, monkeypatch):
    import openpyxl

    path, _ = make_docx(raw={"appeals.review.total": "99"})
    opened(window, path)
    out = tmp_path / "结果.xlsx"
    monkeypatch.setattr(dialogs, "save_file", lambda *a: str(out))
    assert window.export_xlsx() == out
    cell = openpyxl.load_workbook(out)["表四 复议诉讼"].cell(row=4, column=5)
    assert cell.value == 99 and rule_title("APPEAL-GROUP-TOTAL") in cell.comment.text


def test_load_previous_year_report(window, make_docx, monkeypatch):
    v = fixturegen.consistent_values()
    then, _ = make_docx(name="2022.docx", year=2022)  # its carry_forward differs from this year's carried_over
    now, _ = make_docx(name="2023.docx", year=2023)
    opened(window, now)
    assert "CROSS-YEAR-CARRY" not in {f.rule for f in window.review.session.findings}
    assert opened(window, then, window.load_previous)
    rules = {f.rule for f in window.review.session.findings}
    assert "CROSS-YEAR-CARRY" in rules and "CROSS-YEAR-REPEAT" in rules
    model = window.grid_view.models["requests"]
    tip = model.index_of("requests.carried_over.natural").data(Qt.ItemDataRole.ToolTipRole)
    assert f"上年“结转下年度继续办理”：{v['requests.carry_forward.natural']}" in tip
    assert "对照上年：2022.docx" in window.file_label.text()


def test_dropping_a_folder_opens_the_batch_view(qtbot, window, make_docx, tmp_path, monkeypatch):
    make_docx(name="a.docx")
    make_docx(name="b.docx", raw={"appeals.review.total": "9"})
    (tmp_path / "~$a.docx").write_bytes(b"lock")  # Word's lock file is not a report
    _drop(window, tmp_path)
    qtbot.waitUntil(lambda: bool(getattr(window, "batch_windows", None)), timeout=3000)
    batch = window.batch_windows[-1]
    qtbot.waitUntil(lambda: batch.table.rowCount() == 2, timeout=10000)
    assert [batch.table.item(r, 0).text() for r in range(2)] == ["a.docx", "b.docx"]
    assert batch.table.item(1, 3).text() == "1"
    batch.open_row(1)
    qtbot.waitUntil(lambda: window.review.session is not None, timeout=10000)  # read in the background
    assert window.review.session.path.name == "b.docx"
    out = tmp_path / "out" / "批量.xlsx"
    out.parent.mkdir()
    monkeypatch.setattr(dialogs, "save_file", lambda *a: str(out))
    assert batch.export() == out
    batch.close()


def test_toolbar_offers_the_main_jobs(window):
    toolbar = window.findChild(__import__("PySide6.QtWidgets", fromlist=["QToolBar"]).QToolBar, "main-toolbar")
    texts = [a.text() for a in toolbar.actions()]
    for name in ("open", "recompute_one", "recompute_all", "export_docx", "print_sheet"):
        assert window.actions[name].text() in texts


def test_pdf_pages_beside_the_grid_and_a_finding_frames_its_cell(qtbot, window, layout_pdfs, tmp_path):
    docx, pdf = layout_pdfs["published"]
    faulty = tmp_path / "已发布.pdf"
    faulty.write_bytes(pdf.read_bytes())
    event = _drop(window, faulty)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: window.review.session is not None, timeout=10000)
    assert window.source.isTabVisible(1) and window.source.currentWidget() is window.pdf_pane
    assert window.pdf_view.pdf.pageCount() >= 3
    bar = window.pdf_view.verticalScrollBar()
    for cell_id in ("proactive.regulations.issued", "appeals.review.total"):
        page = window.pdf_view.show_cell(cell_id)
        assert page == window.pdf_view.where(cell_id)[0]
        qtbot.wait(50)
        rect = window.pdf_view._mark_rect()
        assert window.pdf_view.viewport().rect().contains(rect.toRect()), (cell_id, rect)
    assert bar.value() > 0
    # choosing a finding in the list goes the same way
    window.review.edit({"appeals.review.total": "9"}, "改总计")
    row = next(f for f in window.findings_view.model.findings if "appeals.review.total" in f.cells)
    window.findings_view.select_finding(row)
    assert window.pdf_view.marked == window.pdf_view.where(row.cells[0])
    assert "PDF 第" in window.statusBar().currentMessage()
    # a DOCX has no pages to show
    assert opened(window, docx)
    assert not window.source.isTabVisible(1) and window.pdf_view.pdf.pageCount() == 0


def test_web_page_opens_in_the_window(window, tmp_path):
    page = fixturegen.build_html(tmp_path / "年报.htm", fixturegen.make_spec(raw={"requests.new.total": "999"}))
    assert opened(window, page)
    assert not window.source.isTabVisible(1)
    assert "requests.new.total" in coloured(window, ERROR_BG)


def test_scanned_pdf_gets_a_dialog(window, tmp_path, isolated_settings, qapp):
    from test_published import _scan

    scan = tmp_path / "扫描.pdf"
    _scan(scan, "某局2023年政府信息公开工作年度报告")
    assert not opened(window, scan)
    assert "扫描" in isolated_settings["error"][0] and window.review.session is None


# -- diagnoses: the culprit coloured with its proposed value, the totals it explains framed, one
# diagnosis row over the sum findings it explains, 「采用建议」 undoable

CULPRIT = "requests.granted.natural"


def open_faulty(window, make_docx):
    path, _ = make_docx(raw={CULPRIT: str(V[CULPRIT] + 10)})
    assert opened(window, path)
    return window.review.session


def test_the_culprit_is_coloured_and_the_totals_it_explains_are_framed(window, make_docx):
    session = open_faulty(window, make_docx)
    assert {f.rule for f in session.findings if f.severity == ERROR} == {"REQ-ROW-TOTAL", "REQ-RESULTS-TOTAL"}
    model = window.grid_view.models["requests"]
    assert coloured(window, ERROR_BG) == {CULPRIT}
    for total in ("requests.granted.total", "requests.results_total.natural"):
        assert model.index_of(total).data(FRAME_ROLE) is True
    assert not model.index_of(CULPRIT).data(FRAME_ROLE)
    tip = model.index_of(CULPRIT).data(Qt.ItemDataRole.ToolTipRole)
    assert f"建议改为 {V[CULPRIT]}" in tip and "很可能填错" in tip
    assert "不必改" in model.index_of("requests.granted.total").data(Qt.ItemDataRole.ToolTipRole)


def test_one_diagnosis_row_over_the_sum_findings_it_explains(window, make_docx):
    session = open_faulty(window, make_docx)
    view = window.findings_view
    proxy = view.proxy
    rows = [proxy.index(r, 0) for r in range(proxy.rowCount())]
    assert rows[0].data(DIAGNOSIS_ROLE) is not None and rows[0].data() == "▸ 诊断"
    shown = {i.data(FINDING_ROLE).rule for i in rows if i.data(FINDING_ROLE) is not None}
    assert not shown & {"REQ-ROW-TOTAL", "REQ-RESULTS-TOTAL"}  # under the diagnosis, closed
    view._toggle(proxy.index(0, 0))
    under = [proxy.index(r, 0) for r in (1, 2)]
    assert {i.data(FINDING_ROLE).rule for i in under} == {"REQ-ROW-TOTAL", "REQ-RESULTS-TOTAL"}
    assert all(i.data().startswith("└") for i in under)
    view._toggle(proxy.index(0, 0))
    assert proxy.rowCount() == len(rows)
    # choosing a finding listed under it opens the diagnosis
    view.select_finding(next(f for f in session.findings if f.rule == "REQ-ROW-TOTAL"))
    assert view.current_finding().rule == "REQ-ROW-TOTAL" and proxy.rowCount() == len(rows) + 2


def test_apply_suggestion_in_one_click_and_undo(window, make_docx):
    session = open_faulty(window, make_docx)
    window.findings_view.select_row(0)
    view = window.grid_view.views["requests"]
    selected = {i.data(window.grid_view.models["requests"].CELL_ID_ROLE) for i in view.selectedIndexes()}
    assert selected == {CULPRIT}
    assert window.actions["apply_suggestion"].isEnabled()
    window.actions["apply_suggestion"].trigger()
    assert session.raw(CULPRIT) == str(V[CULPRIT])
    assert [f for f in session.findings if f.severity == ERROR] == [] and session.diagnoses == []
    assert "已采用建议" in window.statusBar().currentMessage()
    window.actions["undo"].trigger()
    assert session.raw(CULPRIT) == str(V[CULPRIT] + 10) and session.diagnoses
    # from the grid: the culprit as current cell offers the same
    window.grid_view.select_cells([CULPRIT])
    window.findings_view.table.clearSelection()
    window.findings_view.table.setCurrentIndex(window.findings_view.proxy.index(-1, -1))
    window._update_state()
    assert window.actions["apply_suggestion"].isEnabled()


def test_an_undecidable_diagnosis_offers_no_suggestion(window, make_docx):
    path, _ = make_docx(raw={"appeals.review.upheld": str(V["appeals.review.upheld"] + 1)})
    assert opened(window, path)
    window.findings_view.select_row(0)
    diagnosis = window.findings_view.current_diagnosis()
    assert diagnosis is not None and not diagnosis.unique
    assert not window.actions["apply_suggestion"].isEnabled()
    assert "无法仅凭合计判断" in window.findings_view.proxy.index(0, 3).data()


def test_recomputing_a_total_a_diagnosis_explains_says_it_overrides_the_diagnosis(window, make_docx):
    session = open_faulty(window, make_docx)
    window.findings_view.select_finding(next(f for f in session.findings if f.rule == "REQ-ROW-TOTAL"))
    window.actions["recompute_one"].trigger()
    assert "这覆盖了诊断" in window.statusBar().currentMessage()
    assert session.raw(CULPRIT) == str(V[CULPRIT] + 10)  # the culprit itself is left as typed


def test_apply_suggestion_names_the_change_in_the_undo_menu(window, make_docx):
    open_faulty(window, make_docx)
    window.findings_view.select_row(0)
    window.actions["apply_suggestion"].trigger()
    assert window.review.undo_stack.undoText() == f"采用建议：表三“（一）予以公开”自然人 {V[CULPRIT] + 10}→{V[CULPRIT]}"
