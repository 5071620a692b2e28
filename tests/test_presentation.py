"""One presentation vocabulary (core/presentation.py): the window, the report pane, the Excel
export and the findings sheet colour by one palette, and name a cell's worst finding, the
verdict and a finding's 填写值/应为 one way."""

from __future__ import annotations

import json
from decimal import Decimal

import openpyxl
import pytest

from core import presentation
from core.check import check_file
from core.presentation import DIAGNOSIS, PALETTE, actual_expected, verdict, worst_severity
from core.render import document_html
from core.rules import ERROR, WARNING, Finding
from core.sheet import sheet_context, sheet_html
from core.values import json_number
from core.xlsx import write_workbook


def _f(rule: str, severity: str = ERROR, expected=None, actual=None) -> Finding:
    return Finding(rule, severity, "说明", ("requests.new.total",), expected, actual)


class _Diagnosis:  # what a diagnosis looks like to worst_severity: no severity of its own
    pass


def test_worst_severity():
    assert worst_severity([]) is None
    assert worst_severity([_f("X", WARNING)]) == WARNING
    assert worst_severity([_f("X", WARNING), _f("Y", ERROR), _f("Z", WARNING)]) == ERROR
    assert worst_severity([_f("X", WARNING), _Diagnosis()]) == ERROR


def test_verdict_and_its_colours():
    assert (verdict(0), verdict(1), verdict(7)) == ("通过", "有错误", "有错误")
    assert presentation.verdict_colours(2) == PALETTE[ERROR]
    assert presentation.verdict_colours(0) == presentation.PASSED != PALETTE[ERROR]


def test_json_number():
    assert json_number(Decimal("12")) == 12 and isinstance(json_number(Decimal("12.0")), int)
    assert json_number(Decimal("2.5")) == 2.5 and isinstance(json_number(Decimal("2.5")), float)
    assert json_number(None) is None and json_number(3) == 3 and json_number("文字") == "文字"
    json.dumps([json_number(Decimal("1E+2")), json_number(Decimal("-3"))])


def test_actual_and_expected_as_shown():
    assert actual_expected(_f("REQ-ROW-TOTAL", expected=Decimal("77"), actual=Decimal("78"))) == ("78", "77")
    assert actual_expected(_f("ROW-MISSING")) == ("未找到", "")
    assert actual_expected(_f("REQ-BALANCE", expected=Decimal(3), actual=Decimal(4))) == ("", "")
    assert actual_expected(_f("LABEL-NONSTANDARD", expected="标准", actual="变体")) == ("", "")
    assert actual_expected(_f("VALUE-NOT-NUMBER", expected=None, actual="若干")) == ("若干", "")


@pytest.fixture
def faulty(make_docx):
    path, _ = make_docx(raw={"requests.new.total": "999", "proactive.coercion.decisions": ""})
    result = check_file(path)
    assert result.errors and result.warnings
    return result


def test_excel_and_the_sheet_and_the_pane_colour_by_the_palette(faulty, tmp_path):
    out = write_workbook([faulty], tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(out)
    fills = {c.fill.fgColor.rgb[-6:] for ws in wb for row in ws.iter_rows() for c in row if c.fill.fill_type}
    assert presentation.Colours.excel(PALETTE[ERROR].background) in fills
    assert presentation.Colours.excel(PALETTE[WARNING].background) in fills
    html = sheet_html(sheet_context(faulty.file, faulty.report, faulty.findings, "0" * 64))
    for name in (ERROR, WARNING, DIAGNOSIS):
        assert f".{name} {{ background-color: {PALETTE[name].background}; color: {PALETTE[name].foreground};" in html
    severities = {c: worst_severity([f for f in faulty.findings if c in f.marked]) for c in faulty.report.cells}
    pane = document_html(faulty.report, severities, {})
    assert f'bgcolor="{PALETTE[ERROR].background}"' in pane


def test_the_window_colours_by_the_palette():
    pytest.importorskip("PySide6")
    from PySide6.QtGui import QColor

    from gui.findings_model import DIAGNOSIS_BG
    from gui.table_model import ERROR_BG, ERROR_FG, WARNING_BG

    assert ERROR_BG == QColor(PALETTE[ERROR].background) and ERROR_FG == QColor(PALETTE[ERROR].foreground)
    assert WARNING_BG == QColor(PALETTE[WARNING].background)
    assert DIAGNOSIS_BG == QColor(PALETTE[DIAGNOSIS].background)
