"""DOCX drafts in every layout of spec section 3: every cell read right, faults found."""

from decimal import Decimal

import pytest
from docx import Document

import fixturegen
from core.check import check_file
from core.schema import schema
from core.values import parse_value

LAYOUTS = list(fixturegen.LAYOUTS)


def _expected_cells(spec):
    return {k: float(v) if isinstance(v, Decimal) else v for k, v in spec.values.items()}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_cell_read_right(make_docx, layout):
    path, spec = make_docx(layout)
    result = check_file(path)
    assert result.ok
    assert result.to_json()["cells"] == _expected_cells(spec)
    # the variants layout writes 上年转结 and 转结下年度: those two labels, and nothing else, are findings
    wording = ["LABEL-NONSTANDARD"] * 2 if layout == "variants" else []
    assert [f.rule for f in result.findings] == wording, [f.message for f in result.findings]


def test_fixture_numbers_are_nonzero_and_consistent():
    values = fixturegen.consistent_values()
    assert sum(1 for v in values.values() if v) > 40
    assert values["requests.new.total"] > 0


# Each fault: the raw texts written, then {rule: first cell of its finding} expected, exactly.
def _faults():
    v = fixturegen.consistent_values()
    zero_cell = next(c for c in fixturegen.RESULT_ROWS if v[f"requests.{c}.research"] == 0)
    return {
        "row total": (
            {"requests.new.total": str(v["requests.new.total"] + 1)},
            {"REQ-ROW-TOTAL": "requests.new.total", "REQ-BALANCE": "requests.new.total"},
        ),
        "results total column": (
            {
                "requests.results_total.business": str(v["requests.results_total.business"] + 2),
                "requests.results_total.total": str(v["requests.results_total.total"] + 2),
                "requests.carry_forward.business": str(v["requests.carry_forward.business"] - 2),
                "requests.carry_forward.total": str(v["requests.carry_forward.total"] - 2),
            }
            if v["requests.carry_forward.business"] >= 2
            else {
                "requests.results_total.business": str(v["requests.results_total.business"] + 2),
                "requests.results_total.total": str(v["requests.results_total.total"] + 2),
                "requests.new.business": str(v["requests.new.business"] + 2),
                "requests.new.total": str(v["requests.new.total"] + 2),
            },
            {"REQ-RESULTS-TOTAL": "requests.results_total.business"},
        ),
        "balance": (
            {
                "requests.carry_forward.natural": str(v["requests.carry_forward.natural"] + 1),
                "requests.carry_forward.total": str(v["requests.carry_forward.total"] + 1),
            },
            {"REQ-BALANCE": "requests.new.natural"},
        ),
        "appeals total": (
            {"appeals.suit_direct.total": str(v["appeals.suit_direct.total"] + 1)},
            {"APPEAL-GROUP-TOTAL": "appeals.suit_direct.total"},
        ),
        "negative": ({"proactive.licensing.decisions": "-3"}, {"VALUE-NEGATIVE": "proactive.licensing.decisions"}),
        "fraction": ({"proactive.penalty.decisions": "2.5"}, {"VALUE-NOT-INTEGER": "proactive.penalty.decisions"}),
        "text": ({"appeals.review.upheld": "见附件"}, {"VALUE-NOT-NUMBER": "appeals.review.upheld"}),
        "blank": (
            {"proactive.coercion.decisions": "", f"requests.{zero_cell}.research": "/"},
            {"VALUE-BLANK": "proactive.coercion.decisions"},
        ),
        "annotated": (
            {"proactive.normative_docs.in_force": "37（其中修订16件）"},
            {"VALUE-ANNOTATED": "proactive.normative_docs.in_force"},
        ),
        "in force": (
            {"proactive.normative_docs.in_force": "1"},
            {"PROACTIVE-IN-FORCE": "proactive.normative_docs.issued"},
        ),
    }


FAULTS = _faults()


def keep_subtotals(raw: dict[str, str], layout: str) -> dict[str, str]:
    """In the 8-column layouts, move 小计 along with a changed 法人或其他组织 cell, so that a fault
    stays the one fault it is meant to be."""
    if not fixturegen.LAYOUTS[layout].eight_columns:
        return raw
    v = fixturegen.consistent_values(eight_columns=True)
    raw = dict(raw)
    for cell_id, text in list(raw.items()):
        table, row, col = cell_id.split(".")
        if table == "requests" and col in fixturegen.ORG:
            raw[f"requests.{row}.org_subtotal"] = str(
                v[f"requests.{row}.org_subtotal"] + int(parse_value(text).counted) - v[cell_id]
            )
    return raw


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("fault", list(FAULTS))
def test_injected_fault_is_found_with_its_cells(make_docx, layout, fault):
    raw, expected = FAULTS[fault]
    raw = keep_subtotals(raw, layout)
    path, spec = make_docx(layout, raw=raw)
    result = check_file(path)
    fired = {f.rule for f in result.findings if not (layout == "variants" and f.rule == "LABEL-NONSTANDARD")}
    assert fired == set(expected), [f.message for f in result.findings]
    for rule, first_cell in expected.items():
        findings = [f for f in result.findings if f.rule == rule]
        assert any(f.cells[0] == first_cell for f in findings), (rule, [f.cells for f in findings])
    # Every cell a fault did not touch is still read with its own number.
    cells = result.to_json()["cells"]
    for cell_id, value in _expected_cells(spec).items():
        if cell_id not in raw:
            assert cells[cell_id] == value, cell_id


def test_row_total_message_names_row_and_values(make_docx):
    v = fixturegen.consistent_values()
    path, _ = make_docx(raw={"requests.new.total": str(v["requests.new.total"] + 1)})
    finding = next(f for f in check_file(path).findings if f.rule == "REQ-ROW-TOTAL")
    assert finding.message == (
        f"表三“一、本年新收政府信息公开申请数量”行：总计应为 {v['requests.new.total']}，实为 {v['requests.new.total'] + 1}"
    )
    assert finding.cells == (
        "requests.new.total",
        *(f"requests.new.{c}" for c in fixturegen.ORG[:0] + ["natural", *fixturegen.ORG]),
    )
    assert (finding.expected, finding.actual) == (v["requests.new.total"], v["requests.new.total"] + 1)


@pytest.mark.parametrize("layout", ["eight", "eight_loose"])
def test_eight_column_subtotal(make_docx, layout):
    v = fixturegen.consistent_values(eight_columns=True)
    path, _ = make_docx(layout, raw={"requests.granted.org_subtotal": str(v["requests.granted.org_subtotal"] + 4)})
    rules = {f.rule: f for f in check_file(path).findings}
    # The 小计 column is also a column of the results sum, so that breaks as well.
    assert set(rules) == {"REQ-ORG-SUBTOTAL", "REQ-RESULTS-TOTAL"}
    assert rules["REQ-RESULTS-TOTAL"].cells[0] == "requests.results_total.org_subtotal"
    assert rules["REQ-ORG-SUBTOTAL"].cells[0] == "requests.granted.org_subtotal"
    assert "法人或其他组织“小计”应为" in rules["REQ-ORG-SUBTOTAL"].message


def test_missing_table(make_docx):
    path, _ = make_docx(fixturegen.Layout(omit=("appeals",)))
    findings = check_file(path).findings
    assert [f.rule for f in findings] == ["TABLE-MISSING"]
    assert "表四" in findings[0].message and findings[0].cells[0].startswith("appeals.")


def _drop(path, predicate):
    doc = Document(str(path))
    for table in doc.tables:
        for tr in list(table._tbl.tr_lst):
            predicate(tr)
    doc.save(str(path))


def test_missing_row(make_docx):
    path, _ = make_docx("loose")

    def drop_partial(tr):
        if "部分公开" in "".join(tr.itertext()):
            tr.getparent().remove(tr)

    _drop(path, drop_partial)
    findings = check_file(path).findings
    missing = [f for f in findings if f.rule == "ROW-MISSING"]
    assert [f.message for f in missing] == ["表三中未找到“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”行"]
    assert missing[0].cells[0] == "requests.partial.natural"


def test_missing_column(make_docx):
    path, _ = make_docx("loose")
    table = schema().table("requests")

    def drop_research(tr):
        tcs = tr.tc_lst
        if len(tcs) == 3 + len([c for c in table.columns if not c.optional]):
            tr.remove(tcs[3 + 2])

    _drop(path, drop_research)
    result = check_file(path)
    missing = [f.message for f in result.findings if f.rule == "ROW-MISSING"]
    assert missing == ["表三中未找到“科研机构”列"]
    assert result.to_json()["cells"]["requests.new.total"] == fixturegen.consistent_values()["requests.new.total"]
