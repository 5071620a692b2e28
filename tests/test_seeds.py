"""The five real seed reports (plain-text exports): every statutory cell read, all 0."""

from core.check import check_file
from core.schema import schema

STANDARD_CELLS = [cid for cid in schema().cell_ids() if "org_subtotal" not in cid]


def test_every_statutory_cell_of_every_seed_is_read_as_zero(seeds):
    for path in seeds:
        result = check_file(path)
        assert result.ok, (path.name, result.error and result.error.message)
        cells = result.to_json()["cells"]
        assert sorted(cells) == sorted(STANDARD_CELLS), path.name
        assert set(cells.values()) == {0}, path.name


def test_no_seed_has_an_error_finding(seeds):
    for path in seeds:
        result = check_file(path)
        assert [f.message for f in result.findings if f.severity == "error"] == [], path.name


def test_seed_001_old_wording_is_reported_and_nothing_else(seeds):
    result = check_file(next(p for p in seeds if p.name.startswith("001")))
    labels = [f for f in result.findings if f.rule == "LABEL-NONSTANDARD"]
    assert sorted((f.actual, f.expected) for f in labels) == [
        ("二、上年转结政府信息公开申请数量", "二、上年结转政府信息公开申请数量"),
        ("四、转结下年度继续办理", "四、结转下年度继续办理"),
    ]
    carried = next(f for f in labels if "上年转结" in f.actual)
    assert carried.cells == tuple(
        f"requests.carried_over.{c}"
        for c in schema().table("requests").row_cols(schema().table("requests").row("carried_over"))
        if c != "org_subtotal"
    )


def test_other_seeds_have_standard_wording(seeds):
    for path in seeds:
        if path.name.startswith("001"):
            continue
        result = check_file(path)
        assert [f.message for f in result.findings if f.rule == "LABEL-NONSTANDARD"] == [], path.name


def test_seed_titles(seeds):
    metas = {p.name[:3]: check_file(p).report.meta for p in seeds}
    assert metas["000"].agency == "硚口区融媒体中心" and metas["000"].year == 2023
    assert metas["003"].agency == "六安市叶集区融媒体中心" and metas["003"].year == 2022
    assert metas["004"].title == "硚口区大数据中心2023年度政府信息公开工作年度报告"


def test_every_seed_gives_its_agency_and_fix_keeps_it(seeds, tmp_path):
    """Seed 001 sets 北仑区传媒中心 on its own line above 2023年政府信息公开工作年度报告."""
    from docx import Document

    from conftest import run_cli
    from core.check import read_report

    agencies = {"000": "硚口区融媒体中心", "001": "北仑区传媒中心", "002": "硚口区社会管理网格化服务中心"}
    agencies |= {"003": "六安市叶集区融媒体中心", "004": "硚口区大数据中心"}
    for path in seeds:
        meta = check_file(path).report.meta
        assert meta.agency == agencies[path.name[:3]], path.name
    seed = next(p for p in seeds if p.name.startswith("001"))
    assert read_report(seed).meta.title == "北仑区传媒中心2023年政府信息公开工作年度报告"
    out = tmp_path / "fixed.docx"
    assert run_cli("fix", str(seed), "--out", str(out)).returncode in (0, 1)
    assert "北仑区传媒中心2023年政府信息公开工作年度报告" in [p.text for p in Document(str(out)).paragraphs]
