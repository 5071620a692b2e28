"""The window's findings list displays what core says of a finding: its place, its rule's title
(the code only in the tooltip), and 「以分项为准重算总计」 / 「采用建议」 set the fixes core gives."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from window_helpers import opened

from conftest import ROOT
from core.autosave import AutosaveStore
from core.rules import catalogue, rule_title
from gui import dialogs
from gui.main_window import MainWindow

SAMPLE = ROOT / "samples" / "示例-有误.docx"
PLACE, RULE = 2, 4


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setattr(dialogs, "ask_close", lambda parent, n: dialogs.KEEP)
    w = MainWindow(AutosaveStore(tmp_path / "autosave"))
    qtbot.addWidget(w)
    w.resize(1366, 728)
    w.show()
    qtbot.waitExposed(w)
    assert opened(w, SAMPLE)
    return w


def test_the_list_shows_cores_place_and_the_rules_title(window):
    model = window.findings_view.model
    codes = {r.code for r in catalogue()}
    assert model.headerData(RULE, Qt.Orientation.Horizontal) == "规则"
    seen = set()
    for row, entry in enumerate(model.entries):
        shown = model.data(model.index(row, RULE))
        assert shown not in codes and not any(code in shown for code in codes), shown
        if entry.finding is None:
            continue
        f = entry.finding
        seen.add(f.rule)
        assert model.data(model.index(row, PLACE)) == (f.place.where or "全文")
        assert shown == rule_title(f.rule)
        assert f.rule in model.data(model.index(row, RULE), Qt.ItemDataRole.ToolTipRole)  # the code, for support
    assert {"REQ-ROW-TOTAL", "REQ-BALANCE", "LABEL-NONSTANDARD"} <= seen
    balance = next(e.finding for e in model.entries if e.finding and e.finding.rule == "REQ-BALANCE")
    assert balance.place.row == "多行"  # four rows of one column: not the first cell's row


def test_recompute_and_suggestion_set_the_fixes_core_gives(window):
    session = window.review.session
    total = next(f for f in session.findings if f.fix)
    (cell_id, text), *_ = total.fix.items()
    assert window.review.fix(total)
    assert session.raw(cell_id) == text
    window.review.undo_stack.undo()
    diagnosis = next(d for d in session.diagnoses if d.unique)
    assert window.review.apply_suggestion(diagnosis)
    assert {c: session.raw(c) for c in diagnosis.fix} == diagnosis.fix
    window.review.undo_stack.undo()
    vague = next((d for d in session.diagnoses if not d.unique), None)
    assert vague is None or not window.review.apply_suggestion(vague)
