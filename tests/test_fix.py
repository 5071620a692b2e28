"""The corrected report (docxtpl) and the Excel export: round trips through the checker."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pdfplumber
import pytest
from docx import Document
from docx.oxml.ns import qn

import fixturegen
from conftest import ROOT, run_cli, to_pdf
from core.check import check_file, read_report
from core.regenerate import TemplateError, regenerate
from core.rules import rule_title
from core.schema import schema
from core.template import DEFAULT_TEMPLATE, build_template
from test_docx_layouts import FAULTS, keep_subtotals

ARITHMETIC = {"row total", "results total column", "balance", "appeals total"}


def narrative(path) -> list[str]:
    report = read_report(path)
    plan = report.outline
    blocks = plan.preamble + [i for s in schema().sections for i in plan.body[s.id]]
    assert blocks, f"no narrative read from {path}"  # else the word-for-word checks pass on nothing
    return [report.document.blocks[i].text.strip() for i in blocks]


def paragraphs(path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


@pytest.mark.parametrize("layout", ["official", "loose", "eight", "tracked"])
@pytest.mark.parametrize("fault", list(FAULTS))
def test_fix_then_check_round_trip(make_docx, tmp_path, layout, fault):
    raw, _ = FAULTS[fault]
    draft, _ = make_docx(layout, raw=keep_subtotals(raw, layout))
    out = tmp_path / "fixed.docx"
    result = regenerate(read_report(draft), out, recompute=True)
    reported = {(f.rule, f.cells) for f in result.remaining}
    after = check_file(out)
    assert after.ok
    assert {(f.rule, f.cells) for f in after.findings if f.severity == "error"} == reported
    if fault in ARITHMETIC:
        assert {rule for rule, _ in reported} <= {"REQ-BALANCE"}
    assert not [f for f in after.findings if f.rule == "LABEL-NONSTANDARD"]
    texts = paragraphs(out)
    for text in narrative(draft):
        assert text in texts


def test_seed_narrative_carried_over_word_for_word(seeds, tmp_path):
    for seed in seeds:
        out = tmp_path / f"{seed.stem}.docx"
        result = regenerate(read_report(seed), out)
        texts = paragraphs(out)
        for text in narrative(seed):
            assert text in texts, (seed.name, text[:30])
        after = check_file(out)
        assert after.ok and after.errors == 0, [f.message for f in after.findings]
        assert not [f for f in after.findings if f.rule == "LABEL-NONSTANDARD"]
        if seed.name.startswith("001"):
            assert {c.after for c in result.changes if c.kind == "label"} == {
                "二、上年结转政府信息公开申请数量",
                "四、结转下年度继续办理",
            }
            assert any(c.kind == "heading" and c.after == "二、主动公开政府信息情况" for c in result.changes)


def test_change_list_names_every_change(make_docx, tmp_path):
    v = fixturegen.consistent_values()
    draft, _ = make_docx(
        "variants",
        raw={"appeals.review.total": "9", "proactive.coercion.decisions": "/", "proactive.penalty.decisions": "48件"},
    )
    result = regenerate(read_report(draft), tmp_path / "out.docx", recompute=True)
    lines = [c.line() for c in result.changes]
    assert f"[数值] 表四“行政复议”行“总计”列：9 → {v['appeals.review.total']}" in lines
    assert "[数值] 表二“行政强制”行“本年处理决定数量”列：/ → 0" in lines
    assert "[数值] 表二“行政处罚”行“本年处理决定数量”列：48件 → 48" in lines
    assert "[表述] 表三：二、上年转结政府信息公开申请数量 → 二、上年结转政府信息公开申请数量" in lines


def test_balance_is_reported_not_invented(make_docx, tmp_path):
    raw, _ = FAULTS["balance"]
    draft, _ = make_docx(raw=raw)
    result = regenerate(read_report(draft), tmp_path / "out.docx", recompute=True)
    assert {f.rule for f in result.remaining} == {"REQ-BALANCE"}


def test_narrative_with_markup_characters_is_escaped(tmp_path):
    spec = fixturegen.make_spec()
    draft = fixturegen.build_docx(tmp_path / "draft.docx", spec)
    doc = Document(str(draft))
    doc.paragraphs[3].text = "依据 <条例> & “办法”第 5 条 {{ 不是字段 }}"
    doc.save(str(draft))
    out = tmp_path / "out.docx"
    regenerate(read_report(draft), out)
    assert "依据 <条例> & “办法”第 5 条 {{ 不是字段 }}" in paragraphs(out)


def test_cli_fix(make_docx, tmp_path):
    draft, _ = make_docx(raw={"appeals.review.total": "9"})
    before = draft.read_bytes()
    out = tmp_path / "更正稿.docx"
    proc = run_cli("fix", draft, "--out", out)
    assert proc.returncode == 1 and "APPEAL-GROUP-TOTAL" in proc.stdout  # not recomputed: still wrong
    proc = run_cli("fix", draft, "--out", out, "--recompute-totals")
    assert proc.returncode == 3 and "--force" in proc.stderr
    proc = run_cli("fix", draft, "--out", out, "--recompute-totals", "--force")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "[数值] 表四“行政复议”行“总计”列：9 → 4" in proc.stdout
    proc = run_cli("fix", draft, "--out", draft, "--force")
    assert proc.returncode == 3 and "原稿" in proc.stderr
    assert draft.read_bytes() == before


def test_broken_template_is_a_plain_error(make_docx, tmp_path):
    draft, _ = make_docx()
    bad = tmp_path / "bad.docx"
    doc = Document(str(DEFAULT_TEMPLATE))
    doc.add_paragraph("{{ c.requests.nonexistent.natural }}")
    doc.save(str(bad))
    with pytest.raises(TemplateError, match="字段有误"):
        regenerate(read_report(draft), tmp_path / "o.docx", template=bad)
    assert not (tmp_path / "o.docx").exists()
    proc = run_cli("fix", draft, "--out", tmp_path / "o.docx", "--template", tmp_path / "missing.docx")
    assert proc.returncode == 2 and "找不到模板" in proc.stderr and "Traceback" not in proc.stderr


def test_office_template_keeps_its_own_style(make_docx, tmp_path):
    draft, _ = make_docx()
    house = tmp_path / "本单位模板.docx"
    doc = Document(str(DEFAULT_TEMPLATE))
    doc.paragraphs[0].insert_paragraph_before("某某局办公室（内部版式）")
    doc.save(str(house))
    out = tmp_path / "out.docx"
    regenerate(read_report(draft), out, template=house)
    assert paragraphs(out)[0] == "某某局办公室（内部版式）"
    assert check_file(out).errors == 0


def _template_fields(path) -> set[str]:
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    text = re.sub(r"<[^>]+>", "", xml)
    return set(re.findall(r"\{\{\s*([^}]+?)\s*\}\}", text)) | set(re.findall(r"\{%p\s*for \w+ in ([\w.]+)", text))


def test_template_fields_are_the_documented_ones(tmp_path):
    fields = _template_fields(DEFAULT_TEMPLATE)
    cells = {f"c.{cid}" for cid in schema().cell_ids() if "org_subtotal" not in cid}
    sections = {f"sections.{s.id}" for s in schema().sections}
    assert fields == cells | sections | {"title", "preamble", "text", "agency", "signed_date"}
    rebuilt = build_template(tmp_path / "rebuilt.docx")
    assert _template_fields(rebuilt) == fields, "resources/templates/report.docx is stale: run python -m core.template"
    doc_md = (ROOT / "docs" / "template.md").read_text(encoding="utf-8")
    for name in ("title", "preamble", "sections.<id>", "c.<table>.<row>.<col>", "agency", "signed_date"):
        assert name in doc_md


def test_output_converts_with_libreoffice(make_docx, tmp_path):
    draft, _ = make_docx(raw={"appeals.review.total": "9"})
    out = tmp_path / "fixed.docx"
    regenerate(read_report(draft), out, recompute=True)
    (pdf,) = to_pdf([out], tmp_path / "pdf")
    assert pdf.stat().st_size > 10_000
    with pdfplumber.open(pdf) as opened:
        assert 2 <= len(opened.pages) <= 6


def test_workbook(make_docx, tmp_path):
    draft, _ = make_docx(raw={"appeals.review.total": "9", "proactive.coercion.decisions": ""})
    clean, _ = make_docx(name="clean.docx")
    out = tmp_path / "one.xlsx"
    proc = run_cli("check", draft, "--xlsx", out)
    assert proc.returncode == 1 and out.exists()
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["表二 主动公开", "表三 依申请公开", "表四 复议诉讼", "问题清单"]
    appeals = wb["表四 复议诉讼"]
    total = appeals.cell(row=4, column=5)  # 行政复议·总计 in the official layout
    assert total.value == 9
    assert total.fill.fgColor.rgb.endswith("C62828")
    assert f"（{rule_title('APPEAL-GROUP-TOTAL')}）" in total.comment.text and "总计应为 4" in total.comment.text
    assert appeals.cell(row=4, column=1).value == 2 and appeals.cell(row=4, column=1).comment is None
    coercion = next(
        c for row in wb["表二 主动公开"].iter_rows() for c in row if c.comment and "行政强制" in c.comment.text
    )
    assert coercion.fill.fgColor.rgb.endswith("FFC107")
    assert [c.value for c in wb["问题清单"][1]][:2] == ["级别", "表"]
    many = tmp_path / "many.xlsx"
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    assert run_cli("check", draft, clean, empty, "--xlsx", many).returncode == 2
    wb = openpyxl.load_workbook(many)
    assert wb.sheetnames[0] == "汇总"
    rows = [[c.value for c in r] for r in wb["汇总"].iter_rows(min_row=2)]
    assert [r[1] for r in rows] == ["draft.docx", "clean.docx", "empty.docx"]
    assert rows[0][4] == 1 and rows[1][4] == 0 and "空" in rows[2][6]
    assert run_cli("check", draft, "--xlsx", many).returncode == 3  # exists: not overwritten


def test_a_docx_that_is_not_a_template_is_refused(make_docx, tmp_path):
    # another unit's report, or a template with its tables deleted, would give a "corrected
    # report" without the corrections
    draft, _ = make_docx(name="draft.docx")
    other, _ = make_docx(name="other.docx", agency="某市某区市场监督管理局")
    with pytest.raises(TemplateError, match="不是更正稿模板.*表二、表三、表四"):
        regenerate(read_report(draft), tmp_path / "o.docx", template=other)
    only_title = tmp_path / "only-title.docx"
    doc = Document()
    doc.add_paragraph("{{ title }}")
    doc.save(str(only_title))
    proc = run_cli("fix", draft, "--out", tmp_path / "o.docx", "--template", only_title)
    assert proc.returncode == 2 and "不是更正稿模板" in proc.stderr
    assert not (tmp_path / "o.docx").exists()


def test_template_field_errors_speak_chinese(make_docx, tmp_path):
    draft, _ = make_docx()
    for n, field in enumerate(("{{ 机关 }}", "{% if title %}", "{{ c.requests.nonexistent.natural }}")):
        bad = tmp_path / f"bad{n}.docx"
        doc = Document(str(DEFAULT_TEMPLATE))
        doc.add_paragraph(field)
        doc.save(str(bad))
        with pytest.raises(TemplateError) as caught:
            regenerate(read_report(draft), tmp_path / "o.docx", template=bad)
        assert "字段有误" in str(caught.value)
        assert not re.search(r"undefined|Expected|attribute|end of", str(caught.value)), caught.value


def test_workbook_of_an_unreadable_file_says_so(tmp_path):
    # a clerk opening it must not see an empty 问题清单 and take the file for clean
    bad = tmp_path / "旧稿.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    out = tmp_path / "结果.xlsx"
    proc = run_cli("check", bad, "--xlsx", out)
    assert proc.returncode == 2
    wb = openpyxl.load_workbook(out)
    summary = [[c.value for c in row] for row in wb["汇总"].iter_rows()]
    assert any(row[1] == "旧稿.doc" and "无法读取" in str(row[6]) for row in summary[1:]), summary


def test_corrected_report_keeps_table_rows_whole_and_repeats_headers(make_docx, tmp_path):
    # LibreOffice broke a 表三 row over two pages and started 表二 with its header at a page foot
    draft, _ = make_docx()
    out = tmp_path / "更正.docx"
    regenerate(read_report(draft), out)
    doc = Document(str(out))
    for table in doc.tables:
        rows = table._tbl.tr_lst
        assert all(tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)
    requests = next(t for t in doc.tables if "年新收" in t._tbl.xml)
    repeated = [tr.trPr.find(qn("w:tblHeader")) is not None for tr in requests._tbl.tr_lst]
    assert repeated[:3] == [True, True, True] and not any(repeated[3:])
    headings = [p for p in doc.paragraphs if p.text.startswith(("二、", "三、", "四、"))]
    assert headings and all(p.style.paragraph_format.keep_with_next for p in headings)
