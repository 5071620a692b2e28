"""What a finding is and where it sits: its fix (set by the rule), its place (from the schema),
its rule's title; the outputs only display them."""

from __future__ import annotations

import openpyxl

import fixturegen
from core.check import check_file, read_report
from core.diagnose import diagnose
from core.regenerate import corrected_copy
from core.rules import Place, catalogue, rule_title, run_rules
from core.schema import cell_labels, schema
from core.session import recompute_totals
from core.xlsx import write_workbook

V = fixturegen.consistent_values()
WRONG = {
    "requests.new.total": str(V["requests.new.total"] + 1),  # a wrong total: REQ-ROW-TOTAL, REQ-BALANCE
    "appeals.review.upheld": str(V["appeals.review.upheld"] + 1),  # a part: APPEAL-GROUP-TOTAL
    "proactive.licensing.decisions": "=1+1",  # text, and formula-like
}


def test_the_total_rules_are_the_schemas_relations_with_a_total():
    with_total = [r.rule for r in schema().relations if r.total]
    assert schema().total_rules == tuple(dict.fromkeys(with_total))
    assert "REQ-BALANCE" not in schema().total_rules and len(schema().total_rules) == 4


def test_a_wrong_totals_fix_is_its_parts_sum_and_applying_it_clears_the_finding(make_docx):
    draft, _ = make_docx(raw=WRONG)
    report = read_report(draft)
    findings = run_rules(report)
    fixed = [f for f in findings if f.fix]
    assert {f.rule for f in fixed} == {"REQ-ROW-TOTAL", "APPEAL-GROUP-TOTAL"}
    for f in fixed:
        assert f.rule in schema().total_rules
        assert list(f.fix) == list(f.marked) == [f.cells[0]]  # the total, and nothing else
        assert f.fix[f.cells[0]] == str(f.expected)
    # no rule but the totals' claims to know a value: a person must decide the rest
    assert all(not f.fix for f in findings if f.rule not in schema().total_rules)
    assert recompute_totals(report) == {
        "requests.new.total": str(V["requests.new.total"]),
        "appeals.review.total": str(V["appeals.review.total"] + 1),
    }


def test_recomputed_totals_leave_no_total_finding(make_docx):
    # a part of 表三 mistyped: its row total, （七）总计 and the grand total all move
    draft, _ = make_docx(raw={"requests.denied_law.natural": str(V["requests.denied_law.natural"] + 2)})
    report = read_report(draft)
    changes = recompute_totals(report)
    assert set(changes) == {
        "requests.denied_law.total",
        "requests.results_total.natural",
        "requests.results_total.total",
    }
    assert list(changes) == sorted(changes, key=schema().cell_ids().index)  # in the tables' order
    after = corrected_copy(report, recompute=True)
    assert not [f for f in run_rules(after) if f.rule in schema().total_rules]


def test_a_diagnosis_fix_is_what_apply_suggestions_writes(make_docx):
    draft, _ = make_docx(raw=WRONG)
    report = read_report(draft)
    diagnoses = diagnose(report)
    unique = [d for d in diagnoses if d.unique]
    assert unique and any(not d.unique for d in diagnoses)  # 表四's group cannot tell which cell
    assert all(d.fix == {c.cell: str(c.proposed) for c in d.changes} for d in unique)
    assert all(d.fix == {} for d in diagnoses if not d.unique)
    corrected = corrected_copy(report, recompute=False, suggestions=True)
    for d in unique:
        for cell_id, text in d.fix.items():
            assert corrected.value(cell_id).raw == text


def test_a_findings_place_comes_from_its_cells_or_its_rule(make_docx):
    draft, _ = make_docx(
        raw=WRONG,
        layout=fixturegen.Layout(label_variants=True),  # 上年转结 for 上年结转: LABEL-NONSTANDARD on a row
    )
    findings = check_file(str(draft)).findings
    by_rule = {f.rule: f for f in findings}
    assert by_rule["REQ-ROW-TOTAL"].place == Place(*cell_labels("requests.new.total"))
    assert by_rule["REQ-BALANCE"].place == Place("表三", "多行", "总计")
    assert by_rule["REQ-BALANCE"].place.where == "多行 · 总计"
    labels = {f.place for f in findings if f.rule == "LABEL-NONSTANDARD"}
    assert Place("表三", "二、上年结转政府信息公开申请数量", "（行名）") in labels
    # a finding about the text has no place in a table
    draft, _ = make_docx(name="none.docx", layout=fixturegen.Layout(omit=("appeals",)))
    missing = next(f for f in check_file(str(draft)).findings if f.rule == "TABLE-MISSING")
    assert missing.place == Place("表四", "整张表") and missing.place.where == "整张表"
    assert Place().where == ""


def test_a_group_labels_place_names_the_group_not_a_column(make_docx):
    from core.report import LabelIssue
    from core.rules.structure import label_nonstandard

    report = read_report(make_docx()[0])
    report.labels = [LabelIssue("requests", "group", "denied", "（三）不予公开的", "（三）不予公开")]
    rule = next(r for r in catalogue() if r.code == "LABEL-NONSTANDARD")
    (f,) = label_nonstandard(rule, report)
    assert f.place == Place("表三", "（三）不予公开", "（行名）")


def test_every_rule_has_a_short_chinese_title():
    titles = [r.title for r in catalogue()]
    assert len(set(titles)) == len(titles)
    for r in catalogue():
        assert 2 <= len(r.title) <= 10 and any("\u4e00" <= ch <= "\u9fff" for ch in r.title), r.code
        assert not any("A" <= ch <= "Z" for ch in r.title), r.code
    assert rule_title("REQ-ROW-TOTAL") == "行总计不符"


def test_the_workbook_writes_figures_as_numbers_and_names_rules_by_title(make_docx, tmp_path):
    draft, _ = make_docx(raw=WRONG)
    clean, _ = make_docx(name="clean.docx")
    for results, name in (
        ([check_file(str(draft))], "one.xlsx"),
        ([check_file(str(draft)), check_file(str(clean))], "two.xlsx"),
    ):
        out = write_workbook(results, tmp_path / name)
        ws = openpyxl.load_workbook(out)["问题清单"]
        head = [c.value for c in ws[1]]
        assert head[-1] == "诊断（哪一格填错）" and head.index("规则编号") == head.index("规则") + 1
        rows = [dict(zip(head, r)) for r in ws.iter_rows(min_row=2)]
        total = next(r for r in rows if r["规则编号"].value == "REQ-ROW-TOTAL")
        assert total["规则"].value == "行总计不符"
        assert total["填写值"].value == V["requests.new.total"] + 1 and total["填写值"].data_type == "n"
        assert total["应为"].value == V["requests.new.total"] and total["应为"].data_type == "n"
        assert "应为" in total["诊断（哪一格填错）"].value
        text = next(r for r in rows if r["规则编号"].value == "VALUE-NOT-NUMBER")
        assert text["填写值"].value == "'=1+1" and text["填写值"].data_type == "s"  # never a formula
        assert not any(r["规则"].value in {x.code for x in catalogue()} for r in rows)
