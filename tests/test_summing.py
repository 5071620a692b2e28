"""汇总 (nianbao sum): a county's reports chosen, added up, matched to its units list, and a
summary report checked against them (rule SUM-PARTS)."""

import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import fixturegen
from conftest import run_cli
from core.check import check_files, load
from core.schema import schema
from core.sum_report import width
from core.summing import summarise
from core.units import UnitsError, match_units, read_units

CELLS = [c for c in schema().cell_ids() if "org_subtotal" not in c]


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    folder = tmp_path_factory.mktemp("county")
    built = fixturegen.build_county(folder / "各单位")
    units = folder / "单位名单.txt"
    units.write_text("单位名称\n" + "\n".join(built["units"]) + "\n", encoding="utf-8")
    built["units_file"] = units
    built["folder"] = folder / "各单位"
    return built


def expected_sum(specs) -> dict:
    total = {}
    for spec in specs:
        for cell_id in CELLS:
            total[cell_id] = total.get(cell_id, 0) + Decimal(str(spec.values.get(cell_id, 0)))
    return {k: int(v) if v == v.to_integral_value() else float(v) for k, v in total.items()}


def test_a_county_is_summed_once_per_unit_with_what_is_missing(county):
    proc = run_cli("sum", county["folder"], "--units", county["units_file"], "--json")
    data = json.loads(proc.stdout)
    assert proc.returncode == 1  # the sixth unit's 结转 disagrees with last year's report
    assert {"cells", "findings", "parts", "left_out", "missing_units"} <= set(data)
    assert data["meta"]["year"] == 2023
    assert data["cells"] == expected_sum(county["specs"].values())
    assert sorted(p["file"] for p in data["parts"]) == sorted(str(p) for p in county["specs"])
    left = {Path(o["file"]).name: o for o in data["left_out"]}
    assert set(left) == {county["duplicate"].name, county["last_year"].name}
    dup = left[county["duplicate"].name]
    assert dup["reason"] == "duplicate" and dup["same_as"].endswith(county["duplicate"].stem + ".docx")
    assert "只计一次" in dup["message"] and "数字一致" in dup["message"]
    old = left[county["last_year"].name]
    assert old["reason"] == "other_year" and "2022 年度" in old["message"]
    assert data["missing_units"] == [county["missing"]]
    assert data["unlisted"] == [str(county["unlisted"])]
    units = {Path(p["file"]).name: p["unit"] for p in data["parts"]}
    assert units["01-教育局.docx"] == "教育局"  # listed without the county's name
    assert units["02-公安局.docx"] == "某县公安局"
    sixth = next(p for p in data["parts"] if p["previous"])
    assert sixth["previous"] == str(county["last_year"]) and sixth["has_errors"]
    assert [f["cells"] for f in sixth["findings"] if f["rule"] == "CROSS-YEAR-CARRY"] == [
        ["requests.carried_over.natural"],
        ["requests.carried_over.total"],
    ]
    assert all(not p["has_errors"] for p in data["parts"] if p is not sixth)


def test_the_listing_shows_totals_and_warnings_in_chinese(county):
    proc = run_cli("sum", county["folder"], "--units", county["units_file"])
    out = proc.stdout
    total = expected_sum(county["specs"].values())
    assert "2023 年度汇总：计入 12 份报告，2 个文件未计入" in out
    new_line = next(line for line in out.splitlines() if "本年新收申请" in line)
    assert new_line.split()[-2] == str(total["requests.new.total"])
    carry_line = next(line for line in out.splitlines() if "结转下年度继续办理" in line)
    new_at = width(new_line[: new_line.index(str(total["requests.new.total"]))])
    carry_at = width(carry_line[: carry_line.index(str(total["requests.carry_forward.total"]))])
    assert new_at == carry_at  # figures aligned in one column on a terminal
    assert f"缺报单位（名单中有、未收到报告）：1 个\n  {county['missing']}" in out
    assert "不在单位名单中的报告（已计入，请核实）：1 份" in out and "某县档案馆" in out
    assert "与上年报告对照（1 个单位）" in out and "CROSS-YEAR-CARRY" in out
    assert "[重复]" in out and "[其他年度]" in out
    assert "Traceback" not in proc.stderr


def test_year_chooses_the_reports_summed(county):
    data = json.loads(run_cli("sum", county["folder"], "--year", "2022", "--json").stdout)
    assert [Path(p["file"]).name for p in data["parts"]] == [county["last_year"].name]
    assert sum(1 for o in data["left_out"] if o["reason"] == "other_year") == 13
    assert data["missing_units"] is None


@pytest.fixture(scope="module")
def summary(county, tmp_path_factory):
    """The county government's summary report with two cells off."""
    folder = tmp_path_factory.mktemp("summary")
    off = {"requests.granted.natural": 3, "appeals.review.upheld": -1}
    spec = fixturegen.summary_spec(list(county["specs"].values()), off=off)
    return fixturegen.build_docx(folder / "某县汇总.docx", spec), off


def test_against_names_the_cells_off_by_how_much_and_the_parts(county, summary):
    path, off = summary
    proc = run_cli("sum", county["folder"], "--against", path, "--json")
    data = json.loads(proc.stdout)
    found = [f for f in data["findings"] if f["rule"] == "SUM-PARTS"]
    assert sorted(f["cells"][0] for f in found) == sorted(off)
    total = expected_sum(county["specs"].values())
    for f in found:
        cell = f["cells"][0]
        assert f["severity"] == "error"  # no units list: nothing known to be missing
        assert f["expected"] == total[cell] and f["actual"] == total[cell] + off[cell]
        contributors = [s.agency for s in county["specs"].values() if s.values[cell]]
        assert contributors and all(a in f["message"] for a in contributors[:6])
    granted = next(f for f in found if f["cells"][0] == "requests.granted.natural")
    assert "汇总报告多 3" in granted["message"]
    review = next(f for f in found if f["cells"][0] == "appeals.review.upheld")
    assert "汇总报告少 1" in review["message"]
    assert data["against"]["file"] == str(path)
    assert proc.returncode == 1
    text = run_cli("sum", county["folder"], "--against", path).stdout
    assert "2 个单元格不一致" in text


def test_against_is_a_warning_where_parts_are_missing(county, summary):
    path, off = summary
    data = json.loads(
        run_cli("sum", county["folder"], "--against", path, "--units", county["units_file"], "--json").stdout
    )
    found = [f for f in data["findings"] if f["rule"] == "SUM-PARTS"]
    assert len(found) == 2 and {f["severity"] for f in found} == {"warning"}
    assert all("另有 1 个单位的报告缺少或无法读取" in f["message"] for f in found)


def test_sum_parts_quiet_when_the_summary_matches_or_says_it_holds_its_own_figures(county, tmp_path):
    parts = list(county["specs"].values())
    exact = fixturegen.build_docx(tmp_path / "exact.docx", fixturegen.summary_spec(parts))
    results = check_files(list(county["specs"]))
    assert [f for f in summarise(results, against=load(exact)).result.findings if f.rule == "SUM-PARTS"] == []

    def own(doc):
        doc.paragraphs[1].add_run("本报告统计数据包括县政府本级和所属各部门、各乡镇。")

    more = fixturegen.summary_spec(parts, off={"requests.new.natural": 4, "requests.new.total": 4}, edit=own)
    larger = fixturegen.build_docx(tmp_path / "larger.docx", more)
    s = summarise(results, against=load(larger))
    assert s.own_figures and [f for f in s.result.findings if f.rule == "SUM-PARTS"] == []
    less = fixturegen.summary_spec(parts, off={"requests.new.natural": -4, "requests.new.total": -4}, edit=own)
    smaller = fixturegen.build_docx(tmp_path / "smaller.docx", less)
    found = [f for f in summarise(results, against=load(smaller)).result.findings if f.rule == "SUM-PARTS"]
    assert sorted(f.cells[0] for f in found) == ["requests.new.natural", "requests.new.total"]
    # An ordinary check never runs the rule: no parts are given.
    assert "SUM-PARTS" not in {f.rule for f in check_files([larger])[0].findings}


def test_the_summary_itself_in_the_folder_is_not_one_of_its_parts(county, summary, tmp_path):
    path, _ = summary
    results = check_files([*county["specs"], path])
    s = summarise(results, against=load(path))
    assert [o.reason for o in s.left_out] == ["summary"]
    assert len(s.parts) == len(county["specs"])


def test_duplicates_whose_figures_differ_are_said_to(make_docx):
    a, _ = make_docx(name="甲.docx", agency="某县教育局")
    b, _ = make_docx(name="甲-发布稿.docx", agency="某县 教育局", raw={"requests.new.natural": "99"})
    s = summarise(check_files([a, b]))
    assert len(s.parts) == 1 and s.parts[0].file == str(a)  # the one without errors
    assert "1 个单元格数字不同" in s.left_out[0].message and "自然人" in s.left_out[0].message


def test_units_list_from_excel_and_its_limits(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [["单位名称", "联系人"], ["1. 某县教育局", "张三"], [None], ["某县公安局\u200b", ""], ["某县教育局"]]:
        ws.append(row)
    xlsx = tmp_path / "名单.xlsx"
    wb.save(xlsx)
    assert read_units(xlsx) == ["某县教育局", "某县公安局"]
    gbk = tmp_path / "名单.txt"
    gbk.write_bytes("某县民政局\r\n\r\n某县财政局\r\n".encode("gbk"))
    assert read_units(gbk) == ["某县民政局", "某县财政局"]
    for content, words in [(b"", "没有单位名称"), (("长" * 200).encode(), "过长"), (b"\xff\xfe\x00\xd8", "编码")]:
        bad = tmp_path / "bad.txt"
        bad.write_bytes(content)
        with pytest.raises(UnitsError, match=words):
            read_units(bad)
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a workbook")
    with pytest.raises(UnitsError, match="不是可读取的 Excel"):
        read_units(fake)
    proc = run_cli("sum", tmp_path, "--units", fake)
    assert proc.returncode == 2 and "Excel" in proc.stderr and "Traceback" not in proc.stderr
    assert "（" not in proc.stderr and not re.search(r"Error|Zip", proc.stderr), proc.stderr  # no exception names


def test_units_list_that_is_a_report_or_a_zip_bomb_is_refused_plainly(tmp_path, make_docx):
    report, _ = make_docx(name="报告.docx")
    proc = run_cli("sum", tmp_path, "--units", report)
    assert proc.returncode == 2 and "是报告文件，不是单位名单" in proc.stderr and "Traceback" not in proc.stderr
    bomb = tmp_path / "名单.xlsx"  # a workbook whose one sheet inflates to 200 MB
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/worksheets/sheet1.xml", b" " * (200 * 1024 * 1024))
    with pytest.raises(UnitsError, match="过大"):
        read_units(bomb)


def test_matching_is_exact_first_and_never_guesses_between_two():
    units = ["某县教育局", "教育局", "人民政府", "卫生健康委员会"]
    agencies = ["某县教育局", "某市某县教育局", "某县城关镇人民政府", "某县河口乡人民政府", "某县卫生健康委员会"]
    matched = match_units(units, agencies)
    assert matched["某县教育局"] == "某县教育局"  # exact, though 教育局 also fits
    assert matched["某市某县教育局"] == "教育局"
    assert "某县城关镇人民政府" not in matched and "某县河口乡人民政府" not in matched  # two fit 人民政府
    assert matched["某县卫生健康委员会"] == "卫生健康委员会"


def test_outputs_never_overwrite_an_input_or_an_existing_file(county, tmp_path):
    first = next(iter(county["specs"]))
    proc = run_cli("sum", county["folder"], "--xlsx", first)
    assert proc.returncode == 3 and "原稿" in proc.stderr
    existing = tmp_path / "汇总.xlsx"
    existing.write_bytes(b"keep")
    proc = run_cli("sum", county["folder"], "--xlsx", existing)
    assert proc.returncode == 3 and "--force" in proc.stderr and existing.read_bytes() == b"keep"
    proc = run_cli("sum", county["folder"], "--docx", county["units_file"])
    assert proc.returncode == 3
    proc = run_cli("sum", county["folder"], "--year", "23")
    assert proc.returncode == 2 and "四位年份" in proc.stderr


def test_xlsx_and_docx_hold_the_summed_tables(county, tmp_path):
    import docx

    xlsx, out = tmp_path / "汇总.xlsx", tmp_path / "汇总报告.docx"
    proc = run_cli(
        "sum",
        county["folder"],
        "--units",
        county["units_file"],
        "--xlsx",
        xlsx,
        "--docx",
        out,
        "--agency",
        "某县人民政府",
    )
    assert proc.returncode == 1, proc.stderr
    total = expected_sum(county["specs"].values())
    wb = openpyxl.load_workbook(xlsx)
    assert {"汇总", "表三 依申请公开", "未计入文件", "缺报单位", "上年对照"} <= set(wb.sheetnames)
    assert wb["表三 依申请公开"].cell(row=4, column=10).value == total["requests.new.total"]
    assert [c.value for c in wb["缺报单位"][2]] == [county["missing"], "未收到报告"]
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "某县人民政府2023年政府信息公开工作年度报告"
    assert f"新收政府信息公开申请 {total['requests.new.total']} 件" in "".join(p.text for p in document.paragraphs)
    # Read back as a report, the filled draft holds exactly the summed tables.
    back = check_files([out])[0]
    assert back.to_json()["cells"] == total
    assert not back.errors


def test_the_governments_own_summary_in_the_folder_is_not_summed_again(county, tmp_path):
    # 某县人民政府's report already holds its departments' figures: added to them it doubles
    # every figure. It is left out, saying why; its departments are summed as before.
    folder = tmp_path / "含汇总"
    folder.mkdir()
    for path in county["specs"]:
        (folder / Path(path).name).write_bytes(Path(path).read_bytes())
    summary = fixturegen.summary_spec(list(county["specs"].values()))
    fixturegen.build_docx(folder / "县政府汇总.docx", summary)
    data = json.loads(run_cli("sum", folder, "--json").stdout)
    assert data["cells"] == expected_sum(county["specs"].values())
    left = {Path(o["file"]).name: o for o in data["left_out"]}
    assert left["县政府汇总.docx"]["reason"] == "summary"
    assert "某县人民政府" in left["县政府汇总.docx"]["message"] and "--against" in left["县政府汇总.docx"]["message"]
