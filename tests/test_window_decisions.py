"""Decisions in the window: confirm, dismiss with a reason, restore; they survive re-check, edits
elsewhere, close/reopen and a crash, and lapse visibly when one of their cells changes value."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from window_helpers import opened

import fixturegen
from core.autosave import AutosaveStore
from core.decisions import CONFIRMED, DISMISSED, DecisionStore
from gui import dialogs
from gui.main_window import MainWindow

V = fixturegen.consistent_values()
RAW = {
    "requests.new.total": str(V["requests.new.total"] + 1),
    "appeals.review.total": "9",
    "requests.granted.natural": "",
}
REASON = "正文口径不同，已核实"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    asked = []
    monkeypatch.setattr(dialogs, "ask_reason", lambda parent, n, reasons, who: asked.append(n) or (REASON, "王五"))
    monkeypatch.setattr(dialogs, "ask_restore", lambda *a: True)
    monkeypatch.setattr(dialogs, "ask_close", lambda *a: dialogs.KEEP)
    return asked


def make_window(qtbot, tmp_path) -> MainWindow:
    w = MainWindow(AutosaveStore(tmp_path / "autosave"))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    return w


def rows_of(window, rule: str) -> list[int]:
    return [i for i, f in enumerate(window.findings_view.model.findings) if f.rule == rule]


def select(window, rows: list[int]) -> None:
    view = window.findings_view.table
    view.clearSelection()
    for row in rows:
        proxy_index = window.findings_view.reveal(row)  # under its diagnosis, if one explains it
        view.selectionModel().select(
            proxy_index,
            view.selectionModel().SelectionFlag.Select | view.selectionModel().SelectionFlag.Rows,
        )


def status(window, row: int) -> str:
    model = window.findings_view.model
    return model.index(model.row_of(row), 5).data()


def test_decide_several_restore_and_counts(qtbot, tmp_path, make_docx, qtmodeltester, isolated_settings):
    draft, _ = make_docx(raw=RAW)
    w = make_window(qtbot, tmp_path)
    assert opened(w, draft)
    session = w.review.session
    errors = session.count("error")
    row_total, appeal = rows_of(w, "REQ-ROW-TOTAL")[0], rows_of(w, "APPEAL-GROUP-TOTAL")[0]
    assert status(w, row_total) == "待处理"
    select(w, [row_total, appeal])
    w.actions["dismiss_finding"].trigger()
    assert isolated_settings == [2]  # one reason asked for both
    assert status(w, row_total) == f"已忽略：{REASON}" and status(w, appeal) == f"已忽略：{REASON}"
    assert session.count("error") == errors - 2
    assert f"{errors - 2} 处错误" in w.summary.text() and "待处理" in w.summary.text()
    tab = w.grid_view.tabText(2)  # 表四: its one error dismissed
    assert "错" not in tab, tab
    # filters
    w.findings_view.status.setCurrentIndex(3)
    assert w.findings_view.proxy.rowCount() == 2
    w.findings_view.status.setCurrentIndex(1)
    assert w.findings_view.proxy.rowCount() == len(session.findings) - 2
    w.findings_view.status.setCurrentIndex(0)
    qtmodeltester.check(w.findings_view.model)
    # confirm by the keyboard shortcut, restore
    select(w, [row_total])
    assert w.actions["confirm_finding"].shortcut() == QKeySequence("Ctrl+K")
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.findings_view.table.setFocus()
    qtbot.keyClick(w.findings_view.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert status(w, row_total) == "已确认"
    w.actions["restore_finding"].trigger()
    assert status(w, row_total) == "待处理"


def test_a_cancelled_or_empty_reason_dismisses_nothing(qtbot, tmp_path, make_docx, monkeypatch):
    draft, _ = make_docx(raw=RAW)
    w = make_window(qtbot, tmp_path)
    assert opened(w, draft)
    for answer in (None, ("  ", "王五")):
        monkeypatch.setattr(dialogs, "ask_reason", lambda *a, answer=answer: answer)
        select(w, [0])
        w.actions["dismiss_finding"].trigger()
        assert status(w, 0) == "待处理"
    assert not w.review.session.decisions.decisions


def test_decisions_survive_recheck_edits_reopen_and_crash_and_lapse_visibly(qtbot, tmp_path, make_docx):
    draft, _ = make_docx(raw=RAW)
    w = make_window(qtbot, tmp_path)
    assert opened(w, draft)
    row_total, appeal = rows_of(w, "REQ-ROW-TOTAL")[0], rows_of(w, "APPEAL-GROUP-TOTAL")[0]
    select(w, [row_total])
    w.actions["confirm_finding"].trigger()
    select(w, [appeal])
    w.actions["dismiss_finding"].trigger()
    # saved at once beside the autosave, keyed by the draft's SHA-256
    stored = tmp_path / "autosave" / f"{w.review.session.sha256}{DecisionStore.SUFFIX}"
    payload = json.loads(stored.read_text(encoding="utf-8"))
    assert {d["status"] for d in payload["decisions"]} == {CONFIRMED, DISMISSED}
    # an edit elsewhere and a re-check keep them
    assert w.review.edit({"proactive.fees.amount": "7"}, "edit")
    assert status(w, rows_of(w, "REQ-ROW-TOTAL")[0]) == "已确认"
    assert status(w, rows_of(w, "APPEAL-GROUP-TOTAL")[0]) == f"已忽略：{REASON}"
    # "crash": a new window over the same autosave folder, the old one never closed properly
    crashed = make_window(qtbot, tmp_path)
    assert opened(crashed, draft)
    assert status(crashed, rows_of(crashed, "REQ-ROW-TOTAL")[0]) == "已确认"
    assert status(crashed, rows_of(crashed, "APPEAL-GROUP-TOTAL")[0]) == f"已忽略：{REASON}"
    # edit a decided cell: the decision lapses, visibly; undo brings it back
    part = "requests.new.natural"
    assert crashed.review.edit({part: str(V[part] + 4)}, "edit")
    row = rows_of(crashed, "REQ-ROW-TOTAL")[0]
    assert "已失效" in status(crashed, row) and status(crashed, row).startswith("待处理")
    assert "已失效" in crashed.summary.text()
    crashed.review.undo_stack.undo()
    assert status(crashed, rows_of(crashed, "REQ-ROW-TOTAL")[0]) == "已确认"
    # close and reopen
    crashed.close_report()
    assert opened(crashed, draft)
    assert status(crashed, rows_of(crashed, "APPEAL-GROUP-TOTAL")[0]) == f"已忽略：{REASON}"


def test_a_draft_changed_on_disk_keeps_the_decisions_that_still_match(qtbot, tmp_path, make_docx):
    draft, _ = make_docx(raw=RAW)
    w = make_window(qtbot, tmp_path)
    assert opened(w, draft)
    select(w, [rows_of(w, "REQ-ROW-TOTAL")[0], rows_of(w, "APPEAL-GROUP-TOTAL")[0]])
    w.actions["confirm_finding"].trigger()
    w.close_report()
    part = "requests.new.natural"
    fixturegen.build_docx(draft, fixturegen.make_spec(raw={**RAW, part: str(V[part] + 2)}))
    assert opened(w, draft)
    assert w.review.decisions_carried
    assert status(w, rows_of(w, "APPEAL-GROUP-TOTAL")[0]) == "已确认"
    assert "已失效" in status(w, rows_of(w, "REQ-ROW-TOTAL")[0])


def test_decisions_file_export_import_and_workbook(qtbot, tmp_path, make_docx, monkeypatch):
    from openpyxl import load_workbook

    draft, _ = make_docx(raw=RAW)
    w = make_window(qtbot, tmp_path)
    assert opened(w, draft)
    select(w, [rows_of(w, "APPEAL-GROUP-TOTAL")[0]])
    w.actions["dismiss_finding"].trigger()
    out = w.decision_actions.export_file(tmp_path / "d.json")
    assert json.loads(out.read_text(encoding="utf-8"))["decisions"][0]["reason"] == REASON
    assert w.decision_actions.export_file(draft) is None  # never over the draft
    w.review.decide(list(range(len(w.review.session.findings))), None)
    assert w.decision_actions.import_file(out)
    assert status(w, rows_of(w, "APPEAL-GROUP-TOTAL")[0]) == f"已忽略：{REASON}"
    bad = tmp_path / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    assert not w.decision_actions.import_file(bad)
    monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: str(tmp_path / "book.xlsx"))
    assert w.export_xlsx()
    ws = load_workbook(tmp_path / "book.xlsx")["问题清单"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert any("已忽略" in r and REASON in r and "王五" in r for r in rows)


def test_batch_review_state_kept_with_the_decisions(qtbot, tmp_path, make_docx, monkeypatch):
    from openpyxl import load_workbook

    from gui.batch_view import REVIEW_COLUMN

    a, _ = make_docx(raw=RAW, name="a.docx")
    b, _ = make_docx(name="b.docx")
    w = make_window(qtbot, tmp_path)
    batch = w.open_batch([str(a), str(b)])
    qtbot.waitUntil(lambda: bool(batch.results), timeout=60000)
    assert batch.table.item(0, REVIEW_COLUMN).text() == "待审"
    assert batch.set_review_state(0, "returned")
    assert batch.set_review_state(1, "passed")
    again = w.open_batch([str(a), str(b)])
    qtbot.waitUntil(lambda: bool(again.results), timeout=60000)
    assert [again.table.item(r, REVIEW_COLUMN).text() for r in (0, 1)] == ["退回修改", "通过"]
    monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: str(tmp_path / "sum.xlsx"))
    assert again.export()
    ws = load_workbook(tmp_path / "sum.xlsx")["汇总"]
    head = [c.value for c in ws[1]]
    assert [r[head.index("审核状态")].value for r in ws.iter_rows(min_row=2)] == ["退回修改", "通过"]
    batch.close()
    again.close()


def test_the_windows_sheet_carries_the_decisions(qtbot, tmp_path, make_docx, monkeypatch):
    import pdfplumber

    draft, _ = make_docx(raw=RAW)
    w = make_window(qtbot, tmp_path)
    assert opened(w, draft)
    select(w, [rows_of(w, "APPEAL-GROUP-TOTAL")[0]])
    w.actions["dismiss_finding"].trigger()
    select(w, [rows_of(w, "REQ-ROW-TOTAL")[0]])
    w.actions["confirm_finding"].trigger()
    out = tmp_path / "sheet.pdf"
    monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: str(out))
    assert w.export_sheet()
    with pdfplumber.open(out) as pdf:
        text = "".join("".join(c["text"] for c in p.chars) for p in pdf.pages)
    assert "已忽略的问题" in text and REASON in text and "王五" in text and "已确认" in text


def test_a_decision_that_cannot_be_saved_is_said(qtbot, tmp_path, make_docx, monkeypatch):
    draft, _ = make_docx(raw=RAW)
    w = make_window(qtbot, tmp_path)
    assert opened(w, draft)
    said = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: said.append(message))

    def refuse(*a, **k):
        raise PermissionError(13, "权限不足")

    monkeypatch.setattr(w.review.decision_store, "save", refuse)
    select(w, [0])
    w.actions["confirm_finding"].trigger()
    assert status(w, 0) == "已确认" and said and "导出审核决定" in said[0]
