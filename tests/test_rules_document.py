"""Rules beyond the arithmetic: structure, narrative, dates, units, and last year's report.
Each rule is made to fire on a fixture built for it and to stay quiet on a clean one."""

from __future__ import annotations

import pytest
from docx import Document

import fixturegen
from conftest import run_cli
from core.check import check_file, check_files
from core.text import to_int, word_count

V = fixturegen.consistent_values()


def rules_of(path, previous=None) -> dict[str, list]:
    found: dict[str, list] = {}
    for f in check_file(path, previous).findings:
        found.setdefault(f.rule, []).append(f)
    return found


def paragraph(doc, starts: str):
    return next(p for p in doc.paragraphs if p.text.startswith(starts))


def set_text(starts: str, text: str):
    def edit(doc):
        paragraph(doc, starts).text = text

    return edit


def add_after(starts: str, text: str):
    def edit(doc):
        paragraph(doc, starts).insert_paragraph_before(text)

    return edit


@pytest.fixture
def draft(make_docx):
    def build(**kw):
        return make_docx(**kw)[0]

    return build


def test_clean_fixture_is_quiet(draft):
    assert rules_of(draft()) == {}


# -- SECTION-MISSING ---------------------------------------------------------------------------
def test_section_unnumbered_missing_and_out_of_order(draft):
    found = rules_of(draft(edit=set_text("二、主动公开", "主动公开政府信息情况")))
    assert [f.message for f in found["SECTION-MISSING"]] == [
        "标题“主动公开政府信息情况”没有序号，应为“二、主动公开政府信息情况”"
    ]

    def drop_six(doc):
        p = paragraph(doc, "六、")
        p._p.getparent().remove(p._p)

    assert "缺少第六部分" in rules_of(draft(edit=drop_six))["SECTION-MISSING"][0].message
    found = rules_of(draft(edit=set_text("五、存在", "三、存在的主要问题及改进情况")))
    assert "序号不对" in found["SECTION-MISSING"][0].message


def test_sub_headings_numbered_like_sections_are_not_sections(draft):
    path = draft(edit=add_after("（一）主动公开", "二、强化内容保障，提升信息公开质量"))
    assert "SECTION-MISSING" not in rules_of(path)


# -- OVERVIEW-LENGTH -----------------------------------------------------------------------------
def test_word_count_counts_as_word_does():
    assert word_count("ab12 中文，2023年") == 6
    assert word_count("") == 0


def test_overview_length(draft):
    long = "政务公开工作扎实推进。" * 95  # 1,045 字
    found = rules_of(draft(edit=add_after("（五）监督保障", long)))
    assert found["OVERVIEW-LENGTH"][0].actual > 1000
    assert "OVERVIEW-LENGTH" not in rules_of(draft(edit=add_after("（五）监督保障", "政务公开。" * 100)))


# -- PLACEHOLDER, FEE-STATEMENT -------------------------------------------------------------------
@pytest.mark.parametrize("text", ["全年主动公开信息XX条。", "联系人：某某。", "具体情况待补充。", "全年公开××条。"])
def test_placeholder(draft, text):
    found = rules_of(draft(edit=add_after("（五）监督保障", text)))
    assert found["PLACEHOLDER"][0].message.endswith(f"“{text}”")


def test_placeholder_quiet_on_ordinary_text(draft):
    assert "PLACEHOLDER" not in rules_of(draft(edit=add_after("（五）监督保障", "使用 XML 和 Excel 格式发布数据。")))


def test_fee_statement(draft):
    found = rules_of(draft(edit=set_text("本机关", "本年度无其他需要报告的事项。")))
    assert "信息处理费" in found["FEE-STATEMENT"][0].message


# -- FEE-UNIT, REGULATIONS-LEVEL, FORMAT-OUTDATED ----------------------------------------------
def test_fee_unit(draft):
    assert rules_of(draft(raw={"proactive.fees.amount": "12500000"}))["FEE-UNIT"][0].cells == ("proactive.fees.amount",)
    assert "FEE-UNIT" in rules_of(draft(raw={"proactive.fees.amount": "0.12345678"}))
    said = draft(edit=add_after("（五）监督保障", "全年行政事业性收费金额1.25元。"))
    assert "FEE-UNIT" in rules_of(said)
    assert "FEE-UNIT" not in rules_of(
        draft(raw={"proactive.fees.amount": "0"}, edit=add_after("（五）监督保障", "收费金额0元。"))
    )


def test_regulations_level(draft):
    county = {"proactive.regulations.issued": "1", "proactive.regulations.in_force": "1"}
    assert "REGULATIONS-LEVEL" in rules_of(draft(agency="某县市场监督管理局", raw=county))
    assert "REGULATIONS-LEVEL" not in rules_of(draft(agency="某市人民政府", raw=county))
    assert "REGULATIONS-LEVEL" not in rules_of(draft(agency="某县市场监督管理局"))  # no 规章 figures


def test_format_outdated(tmp_path):
    doc = Document()
    doc.add_paragraph("某局2023年政府信息公开工作年度报告")
    doc.add_paragraph("二、主动公开政府信息情况")
    table = doc.add_table(rows=3, cols=4)
    for r, row in enumerate(
        [
            ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
            ["规章", "0", "0", "0"],
            ["规范性文件", "1", "1", "9"],
        ]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "old.docx"
    doc.save(str(path))
    found = rules_of(path)
    assert found["FORMAT-OUTDATED"][0].severity == "error"
    assert "本年新制作数量" in found["FORMAT-OUTDATED"][0].message


# -- dates --------------------------------------------------------------------------------------------
def test_meta_deadline_by_level(draft):
    assert "META-DEADLINE" in rules_of(draft(signed="2024年3月5日"))
    assert "META-DEADLINE" not in rules_of(draft(signed="2024年1月31日"))
    assert "META-DEADLINE" not in rules_of(draft(agency="某县人民政府", signed="2024年2月10日"))
    assert "META-DEADLINE" in rules_of(draft(agency="某县人民政府", signed="2024年2月25日"))
    assert "META-DEADLINE" not in rules_of(draft(agency="某省人民政府", signed="2024年3月30日"))


def test_meta_date_missing(draft):
    assert "META-DATE-MISSING" in rules_of(draft(signed=""))


def test_meta_year(draft):
    period = draft(edit=set_text("本报告根据", "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。"))
    assert rules_of(period)["META-YEAR"][0].actual == 2022
    assert "META-YEAR" in rules_of(draft(signed="2026年1月10日"))
    assert "META-YEAR" not in rules_of(draft(edit=add_after("存在的主要问题", "2022年度存在问题：发布不及时。")))


# -- NARRATIVE-MISMATCH ---------------------------------------------------------------------------
def test_chinese_numerals():
    assert [to_int(x) for x in ("三", "十二", "二十", "一百零五", "两", "17", "零")] == [3, 12, 20, 105, 2, 17, 0]


@pytest.mark.parametrize(
    "sentence, cells",
    [
        (f"全年新收政府信息公开申请{V['requests.new.total'] + 3}件。", "requests.new.total"),
        (f"上年结转申请{V['requests.carried_over.total'] + 1}件。", "requests.carried_over.total"),
        (f"结转下年度继续办理{V['requests.carry_forward.total'] + 2}件。", "requests.carry_forward.total"),
        (
            f"其中予以公开{V['requests.granted.total'] + 1}件、部分公开{V['requests.partial.total']}件。",
            "requests.granted.total",
        ),
        ("被申请行政复议九件。", "appeals.review.total"),
        ("全年制发行政规范性文件12件。", "proactive.normative_docs.issued"),
    ],
)
def test_narrative_mismatch_fires(draft, sentence, cells):
    found = rules_of(draft(edit=add_after("（三）政府信息管理", sentence)))["NARRATIVE-MISMATCH"]
    assert len(found) == 1 and found[0].cells[0] == cells
    assert sentence.rstrip("。") in found[0].message


def test_narrative_negation(draft):
    found = rules_of(draft(edit=add_after("（三）政府信息管理", "本年度未收到政府信息公开申请。")))
    assert "未收到申请" in found["NARRATIVE-MISMATCH"][0].message


@pytest.mark.parametrize(
    "sentence",
    [
        f"全年新收政府信息公开申请{V['requests.new.total']}件。",
        f"共收到政府信息公开申请{V['requests.new.total'] + V['requests.carried_over.total']}件（含上年结转）。",
        "收到申请同比增加3件。",
        "全年受理各类群众诉求办件109513件，按时办结率100%。",
        "2022年收到政府信息公开申请10件。",
        "累计收到政府信息公开申请300件。",
        "全年备案规范性文件7件。",
        "申请办结率达到98%。",
        f"被申请行政复议{V['appeals.review.total']}件。",
        f"被申请行政复议{'四' if V['appeals.review.total'] == 4 else V['appeals.review.total']}件。",
    ],
)
def test_narrative_mismatch_stays_quiet(draft, sentence):
    assert "NARRATIVE-MISMATCH" not in rules_of(draft(edit=add_after("（三）政府信息管理", sentence)))


def test_no_narrative_mismatch_on_seeds(seeds):
    for seed in seeds:
        assert "NARRATIVE-MISMATCH" not in {f.rule for f in check_file(seed).findings}, seed.name


# -- last year's report -----------------------------------------------------------------------
def _year_pair(make_docx, raw_now=None, edit_then=None):
    then, _ = make_docx(
        name="2022.docx",
        year=2022,
        raw={
            f"requests.carry_forward.{c}": str(V[f"requests.carried_over.{c}"])
            for c in ("natural", "business", "research", "ngo", "legal", "other_org", "total")
        }
        | {"proactive.normative_docs.in_force": "34"},
        edit=edit_then,
    )
    now, _ = make_docx(name="2023.docx", year=2023, raw=raw_now)
    return then, now


def test_cross_year_quiet_when_it_carries(make_docx):
    then, now = _year_pair(
        make_docx, edit_then=set_text("存在的主要问题", "存在的主要问题：上年度信息更新不够及时，栏目设置有待优化。")
    )
    found = rules_of(now, then)
    assert not {"CROSS-YEAR-CARRY", "CROSS-YEAR-IN-FORCE", "CROSS-YEAR-REPEAT"} & set(found)


def test_cross_year_carry_in_force_and_repeat(make_docx):
    then, now = _year_pair(
        make_docx,
        raw_now={
            "requests.carried_over.natural": str(V["requests.carried_over.natural"] + 1),
            "proactive.normative_docs.in_force": "40",
        },
    )
    found = rules_of(now, then)
    carry = found["CROSS-YEAR-CARRY"]
    assert {f.cells[0] for f in carry} >= {"requests.carried_over.natural"} and carry[0].severity == "error"
    assert found["CROSS-YEAR-IN-FORCE"][0].expected == 37 and found["CROSS-YEAR-IN-FORCE"][0].actual == 40
    assert "CROSS-YEAR-REPEAT" in found  # both years' 五 are the generator's same text


def test_batch_pairs_consecutive_years_and_cli_previous(make_docx, tmp_path):
    then, now = _year_pair(make_docx, raw_now={"requests.carried_over.natural": "99"})
    results = check_files([now, then])
    assert results[0].report.previous is results[1].report
    assert "CROSS-YEAR-CARRY" in {f.rule for f in results[0].findings}
    assert results[1].report.previous is None
    proc = run_cli("check", now, "--previous", then)
    assert proc.returncode == 1 and "CROSS-YEAR-CARRY" in proc.stdout
    proc = run_cli("check", tmp_path)
    assert "已对照上年" in proc.stdout and "共检查 2 份报告" in proc.stdout


def test_parallel_batch_matches_serial(make_docx):
    paths = [make_docx(name=f"r{i}.docx", raw={"appeals.review.total": str(i)})[0] for i in range(9)]
    serial = [r.to_json() for r in check_files(paths, jobs=1)]
    parallel = [r.to_json() for r in check_files(paths)]
    assert serial == parallel


def test_sum_adds_cell_by_cell_and_lists_flawed_inputs(make_docx, tmp_path):
    import openpyxl

    from core.summing import sum_reports

    a, _ = make_docx(name="a.docx", agency="甲局")
    b, _ = make_docx(name="b.docx", agency="乙局", raw={"appeals.review.upheld": "见附件"})
    summed = sum_reports(check_files([a, b]))
    cells = summed.to_json()["cells"]
    assert cells["requests.new.total"] == 2 * V["requests.new.total"]
    assert cells["appeals.review.upheld"] == V["appeals.review.upheld"]  # text cannot be added
    assert "APPEAL-GROUP-TOTAL" in {f.rule for f in summed.findings}
    out = tmp_path / "sum.xlsx"
    proc = run_cli("sum", a, b, "--xlsx", out)
    assert proc.returncode == 1 and "b.docx" in proc.stdout and "a.docx" not in proc.stdout
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "汇总" and "表三 依申请公开" in wb.sheetnames
    assert wb["表三 依申请公开"].cell(row=4, column=10).value == 2 * V["requests.new.total"]
