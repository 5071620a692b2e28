"""The batch view's 「汇总」 tab: the summed tables read-only in the grid, the missing units, the
disagreements with a loaded summary report, the carry-over findings per unit."""

import openpyxl
import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QAbstractItemView

import fixturegen
from core.check import check_files, expand_inputs
from gui import dialogs
from gui.batch_view import BatchWindow


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    folder = tmp_path_factory.mktemp("county-window")
    built = fixturegen.build_county(folder / "各单位")
    units = folder / "名单.txt"
    units.write_text("\n".join(built["units"]), encoding="utf-8")
    off = {"requests.granted.natural": 3, "appeals.review.upheld": -1}
    summary = fixturegen.build_docx(
        folder / "某县汇总.docx", fixturegen.summary_spec(list(built["specs"].values()), off=off)
    )
    return {**built, "folder": folder / "各单位", "units_file": units, "summary": summary, "off": off}


def test_sum_tab_shows_the_sum_the_missing_units_and_the_disagreements(qtbot, county, monkeypatch, tmp_path):
    batch = BatchWindow(expand_inputs([str(county["folder"])]))
    qtbot.addWidget(batch)
    assert not batch.tabs.isTabEnabled(1)
    with qtbot.waitSignal(batch.finished, timeout=60000):
        batch.start()
    assert batch.tabs.isTabEnabled(1)
    panel = batch.sum_panel
    batch.tabs.setCurrentWidget(panel)
    expected = check_files(list(county["specs"]))
    new_total = sum(r.report.value("requests.new.total").counted for r in expected)
    model, view = panel.grid.models["requests"], panel.grid.views["requests"]
    assert model.index_of("requests.new.total").data() == str(new_total)
    assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert "计入 12 份报告，2 个文件未计入" in panel.heading.text()
    notes = panel.notes.toPlainText()
    assert "与上年报告对照" in notes and "CROSS-YEAR" not in notes and "“上年结转”为" in notes
    assert "[重复]" in notes and "[其他年度]" in notes

    monkeypatch.setattr(dialogs, "open_units", lambda *a, **k: str(county["units_file"]))
    panel.choose_units()
    assert "缺报 1 个" in panel.heading.text()
    assert county["missing"] in panel.notes.toPlainText()
    monkeypatch.setattr(dialogs, "open_file", lambda *a, **k: str(county["summary"]))
    panel.choose_against()
    assert "有 2 个单元格不一致" in panel.heading.text()
    notes = panel.notes.toPlainText()
    assert "汇总报告多 3" in notes and "汇总报告少 1" in notes
    session = panel.review.session
    for cell in county["off"]:
        assert session.state(cell).severity == "warning"  # a unit is missing: a warning
    assert session.state("requests.new.total").severity is None
    panel._clicked(QUrl("cell:appeals.review.upheld"))
    assert panel.grid.current_cell() == "appeals.review.upheld"

    xlsx = tmp_path / "汇总.xlsx"
    monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: str(xlsx))
    assert panel.export("xlsx") == xlsx
    assert "缺报单位" in openpyxl.load_workbook(xlsx).sheetnames
    docx = tmp_path / "初稿.docx"
    monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: str(docx))
    assert panel.export("docx") == docx
    assert check_files([docx])[0].report.value("requests.new.total").counted == new_total
    errors = []
    monkeypatch.setattr(dialogs, "error", lambda *a, **k: errors.append(a[2]))
    monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: str(county["summary"]))
    assert panel.export("docx") is None and "原件本身" in errors[-1]
    batch.close()
