"""LABEL-NONSTANDARD on the wordings the reader accepts but the format does not print: a column
header taken as a synonym (合计 for 总计), and a section heading in an older or longer wording."""

from __future__ import annotations

import pytest

from core.check import check_file


def findings(path, rule="LABEL-NONSTANDARD"):
    result = check_file(path)
    return [f for f in result.findings if f.rule == rule], result.report


def header_total_as(word: str, table_word: str):
    """An edit that heads the 总计 column of the table holding ``table_word`` with ``word``."""

    def edit(doc):
        for table in doc.tables:
            if table_word not in "".join(c.text for row in table.rows for c in row.cells):
                continue
            for row in table.rows:
                for cell in row.cells:
                    if cell.text.strip() == "总计":
                        cell.paragraphs[0].text = word

    return edit


@pytest.mark.parametrize(
    "name,table_word,table_id", [("表三", "申请人情况", "requests"), ("表四", "行政诉讼", "appeals")]
)
def test_total_column_headed_heji(make_docx, name, table_word, table_id):
    path, spec = make_docx(edit=header_total_as("合计", table_word))
    labels, report = findings(path)
    assert [(f.message, f.expected, f.actual) for f in labels] == [
        (f"{name}列名“合计”与标准表述不一致，应为“总计”", "总计", "合计")
    ]
    assert labels[0].place.col == "总计"
    totals = [cid for cid in report.cells if cid.startswith(table_id + ".") and cid.endswith(".total")]
    assert totals and all(report.value(cid).raw == spec.text(cid) for cid in totals)  # still read right


def test_standard_total_header_is_quiet(make_docx):
    labels, _ = findings(make_docx()[0])
    assert labels == []


def headings_as(**texts: str):
    """An edit that rewrites the section headings starting with each key (its numeral)."""

    def edit(doc):
        for p in doc.paragraphs:
            for numeral, text in texts.items():
                if p.text.startswith(numeral + "、"):
                    p.text = text

    return edit


def test_section_heading_in_an_older_wording(make_docx):
    older = {
        "四": "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "五": "五、政府信息公开工作存在的主要问题及改进情况",
    }
    path = make_docx(edit=headings_as(**older))[0]
    labels, report = findings(path)
    assert [(f.message, f.expected, f.actual, f.cells) for f in labels] == [
        (
            "标题“四、因政府信息公开工作被申请行政复议、提起行政诉讼情况”与标准表述不一致，应为“四、政府信息公开行政复议、行政诉讼情况”",
            "四、政府信息公开行政复议、行政诉讼情况",
            older["四"],
            (),
        ),
        (
            "标题“五、政府信息公开工作存在的主要问题及改进情况”与标准表述不一致，应为“五、存在的主要问题及改进情况”",
            "五、存在的主要问题及改进情况",
            older["五"],
            (),
        ),
    ]
    assert {"appeals", "problems"} <= set(report.outline.headings)  # still found as the sections
    assert findings(path, "SECTION-MISSING")[0] == []


def test_heading_spacing_and_bracket_width_are_no_deviation(make_docx):
    spaced = {"四": "四、政府信息公开 行政复议、行政诉讼情况", "五": "五、存在的主要问题 及改进情况"}
    labels, report = findings(make_docx(edit=headings_as(**spaced))[0])
    assert labels == [] and {"appeals", "problems"} <= set(report.outline.headings)
