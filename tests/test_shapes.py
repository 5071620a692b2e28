"""Drafts in the shapes Word, WPS, converters and OA systems make (spec section 3, second list):
each read cell for cell with no false finding, and a fault injected in each found by a sum rule."""

from decimal import Decimal

import pytest
from docx import Document

import fixturegen
from core.check import check_file, read_report
from core.regenerate import regenerate

SHAPES = list(fixturegen.SHAPES)
SUM_RULES = {"REQ-ROW-TOTAL", "REQ-ORG-SUBTOTAL", "REQ-RESULTS-TOTAL", "REQ-BALANCE", "APPEAL-GROUP-TOTAL"}


def expected_cells(spec, shape) -> dict:
    cells = {k: float(v) if isinstance(v, Decimal) else v for k, v in spec.values.items()}
    for cell in shape.blank:  # blank reads as null in the JSON (counted as 0 with VALUE-BLANK)
        cells[cell] = None
    for cell in shape.absent:
        cells[cell] = None
    return cells


@pytest.mark.parametrize("name", SHAPES)
def test_shape_read_cell_for_cell(tmp_path, name):
    shape = fixturegen.SHAPES[name]
    path, spec = fixturegen.build_shape(tmp_path, name)
    result = check_file(path)
    assert result.ok, result.error and result.error.message
    out = result.to_json()
    assert out["cells"] == expected_cells(spec, shape)
    assert {f.rule for f in result.findings} == set(shape.expect), [f.message for f in result.findings]
    assert out["meta"] == {"title": spec.title, "agency": spec.agency, "year": spec.year}
    blanks = {c for f in result.findings if f.rule == "VALUE-BLANK" for c in f.cells}
    assert blanks == set(shape.blank)


@pytest.mark.parametrize("name", SHAPES)
def test_shape_fault_found_by_a_sum_rule(tmp_path, name):
    shape = fixturegen.SHAPES[name]
    clean = fixturegen.make_spec(shape.layout)
    if shape.values:
        shape.values(clean.values)
    fault = shape.fault
    wrong = str(int(clean.values[fault]) + 1) if fault not in shape.blank else "1"
    path, _ = fixturegen.build_shape(tmp_path, name, raw={fault: wrong})
    result = check_file(path)
    assert result.ok
    assert result.to_json()["cells"][fault] == int(wrong)
    assert any(f.rule in SUM_RULES and fault in f.cells for f in result.findings), [f.rule for f in result.findings]
    assert not {"TABLE-MISSING", "ROW-MISSING"} & {f.rule for f in result.findings}


def test_web_layout_fault_in_every_table(tmp_path):
    v = fixturegen.consistent_values()
    raw = {
        "requests.granted.total": str(v["requests.granted.total"] + 2),
        "appeals.suit_after_review.total": str(v["appeals.suit_after_review.total"] + 1),
    }
    path, _ = fixturegen.build_shape(tmp_path, "web_layout", raw=raw)
    rules = {(f.rule, f.cells[0]) for f in check_file(path).findings}
    assert ("REQ-ROW-TOTAL", "requests.granted.total") in rules
    assert ("APPEAL-GROUP-TOTAL", "appeals.suit_after_review.total") in rules


def test_stacked_appeals_keep_their_groups(tmp_path):
    """复议后起诉's figures stay under 复议后起诉 when 表四 is two stacked tables."""
    raw = {"appeals.suit_after_review.upheld": "4", "appeals.suit_after_review.total": "5"}
    path, _ = fixturegen.build_shape(tmp_path, "appeals_stacked", raw=raw)
    cells = check_file(path).to_json()["cells"]
    assert cells["appeals.suit_after_review.upheld"] == 4 and cells["appeals.suit_after_review.total"] == 5
    assert cells["appeals.suit_direct.upheld"] == fixturegen.consistent_values()["appeals.suit_direct.upheld"]


def test_second_statistics_table_does_not_replace_proactive(tmp_path):
    path, spec = fixturegen.build_shape(tmp_path, "second_stats_table")
    report = read_report(path)
    assert report.value("proactive.normative_docs.issued").number == spec.values["proactive.normative_docs.issued"]
    located = report.cells["proactive.normative_docs.issued"]
    assert report.source_cell("proactive.normative_docs.issued").text == "5"
    assert report.outline.headings["proactive"] < located.block


@pytest.mark.parametrize("name", ["proactive_twice", "proactive_twice_apart"])
def test_twice_drawn_table_is_a_finding_not_a_pick(tmp_path, name):
    path, _ = fixturegen.build_shape(tmp_path, name)
    findings = [f for f in check_file(path).findings if f.rule == "TABLE-AMBIGUOUS"]
    assert [f.cells for f in findings] == [("proactive.normative_docs.in_force",)]
    assert findings[0].severity == "error" and "表二" in findings[0].message
    if name == "proactive_twice_apart":
        assert "第1个表格和第2个表格" in findings[0].message


def test_agency_line_kept_by_fix(tmp_path):
    path, spec = fixturegen.build_shape(tmp_path, "agency_line")
    out = tmp_path / "fixed.docx"
    result = regenerate(read_report(path), out)
    assert not [c for c in result.changes if c.kind == "title"]
    assert spec.title in [p.text for p in Document(str(out)).paragraphs]


def test_numbered_headings_are_read_with_their_numbers(tmp_path):
    path, _ = fixturegen.build_shape(tmp_path, "numbered_headings")
    report = read_report(path)
    texts = [report.document.blocks[i].text for i in report.outline.headings.values()]
    assert texts[0] == "一、总体情况" and texts[-1] == "六、其他需要报告的事项"
    assert "（二）依申请公开" in " ".join(b.text for b in report.document.paragraphs)


def test_saved_page_hidden_widgets_are_not_text(tmp_path):
    spec = fixturegen.make_spec()
    page = fixturegen.build_html(tmp_path / "年报.html", spec, "gbk", widgets=True)
    result = check_file(page)
    assert result.ok
    assert {f.rule for f in result.findings} == set(), [f.message for f in result.findings]
    assert result.to_json()["cells"] == expected_cells(spec, fixturegen.Shape())
    text = " ".join(b.text for b in result.report.document.paragraphs)
    for hidden in ("翻译", "站内搜索", "复制成功", "分享到", "剪贴板", "请输入关键词"):
        assert hidden not in text
    assert result.report.outline.signed_date == (spec.year + 1, 1, 15)
    faulty = fixturegen.build_html(
        tmp_path / "错.html", fixturegen.make_spec(raw={"appeals.review.total": "9"}), widgets=True
    )
    assert any(f.rule == "APPEAL-GROUP-TOTAL" for f in check_file(faulty).findings)


def test_row_that_matches_no_label_is_named_not_dropped(tmp_path):
    def rename(doc):
        for t in fixturegen._requests_table(doc)._tbl.iter(fixturegen.qn("w:t")):
            if t.text == "5.属于三类内部事务信息":
                t.text = "5.其他不宜公开的情形"

    spec = fixturegen.make_spec(edit=rename)
    result = check_file(fixturegen.build_docx(tmp_path / "d.docx", spec))
    unread = [f for f in result.findings if f.rule == "TABLE-PART-UNREAD"]
    assert len(unread) == 1 and "5.其他不宜公开的情形" in unread[0].message
    assert set(unread[0].cells) == {c for c in spec.values if c.startswith("requests.denied_internal.")}
    assert not any(c.startswith("requests.denied_internal.") for c in result.to_json()["cells"])


def test_one_row_other_processing_counts_and_is_named(tmp_path):
    path, spec = fixturegen.build_shape(tmp_path, "other_one_row")
    result = check_file(path)
    combined = [f for f in result.findings if f.rule == "ROWS-COMBINED"]
    assert len(combined) == 1 and combined[0].severity == "warning"
    assert "（六）其他处理" in combined[0].message and "3.其他" in combined[0].message
    assert "requests.other_other.natural" in combined[0].cells
    assert not [f for f in result.findings if f.rule in ("ROW-MISSING", "VALUE-BLANK", "TABLE-PART-UNREAD")]


# -- PDFs drawn the way WPS 文字 exports them ---------------------------------------------------
def test_wps_pdf_read_cell_for_cell(qapp, tmp_path):
    spec = fixturegen.make_spec()
    result = check_file(fixturegen.build_wps_pdf(tmp_path / "wps.pdf", spec))
    assert result.ok
    out = result.to_json()
    assert out["cells"] == fixturegen.wps_values(spec)
    assert out["meta"] == {"title": spec.title, "agency": spec.agency, "year": spec.year}
    rules = {f.rule: f for f in result.findings}
    assert set(rules) == {"LABEL-NONSTANDARD", "ROWS-COMBINED"}, [f.message for f in result.findings]
    assert rules["LABEL-NONSTANDARD"].actual == "2.其他法律行政止公开"
    assert set(result.report.outline.headings) == {s for s in ("overview", "proactive", "requests", "appeals",
                                                               "problems", "other")}  # fmt: skip


def test_wps_pdf_faults_found_by_sum_rules(qapp, tmp_path):
    v = fixturegen.consistent_values()
    raw = {
        "requests.granted.natural": str(v["requests.granted.natural"] + 1),
        "appeals.suit_after_review.upheld": str(v["appeals.suit_after_review.upheld"] + 2),
    }
    spec = fixturegen.make_spec(raw=raw)
    result = check_file(fixturegen.build_wps_pdf(tmp_path / "wps.pdf", spec))
    found = {(f.rule, c) for f in result.findings for c in f.cells}
    assert ("REQ-ROW-TOTAL", "requests.granted.natural") in found
    assert ("REQ-RESULTS-TOTAL", "requests.granted.natural") in found
    assert ("APPEAL-GROUP-TOTAL", "appeals.suit_after_review.upheld") in found
    assert not {"TABLE-MISSING", "ROW-MISSING", "TABLE-PART-UNREAD"} & {f.rule for f in result.findings}


# -- the same shapes as LibreOffice exports them to PDF -----------------------------------------
PDF_SHAPES = [n for n, s in fixturegen.SHAPES.items() if s.package is None]


@pytest.fixture(scope="module")
def shape_pdfs(tmp_path_factory):
    from conftest import to_pdf

    folder = tmp_path_factory.mktemp("shape_pdfs")
    built = {n: fixturegen.build_shape(folder, n) for n in PDF_SHAPES}
    pdfs = to_pdf([p for p, _ in built.values()], folder / "pdf")
    return {n: (pdf, spec) for (n, (_, spec)), pdf in zip(built.items(), pdfs)}


@pytest.mark.parametrize("name", PDF_SHAPES)
def test_shape_exported_to_pdf_reads_the_same(shape_pdfs, name):
    shape = fixturegen.SHAPES[name]
    pdf, spec = shape_pdfs[name]
    result = check_file(pdf)
    assert result.ok
    out = result.to_json()
    assert out["cells"] == expected_cells(spec, shape)
    assert {f.rule for f in result.findings} == set(shape.expect), [f.message for f in result.findings]
    if name != "web_layout":  # the page's navigation column prints beside the title in the PDF
        assert out["meta"]["agency"] == spec.agency
