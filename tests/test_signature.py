"""The signature at the end of a report: its date line, in Arabic or Chinese numerals, found under
the agency line, and what reads it (META-DATE-MISSING, META-DEADLINE, META-YEAR)."""

from __future__ import annotations

import pytest

from core.check import check_file
from core.labels import norm
from core.text import parse_date


@pytest.mark.parametrize(
    "text,date",
    [
        ("2024年1月15日", (2024, 1, 15)),
        ("２０２４年１月１５日", (2024, 1, 15)),
        ("二〇二二年一月十四日", (2022, 1, 14)),
        ("二〇二二年十二月三十一日", (2022, 12, 31)),
        ("二〇二四年二月二十日", (2024, 2, 20)),
        ("二零二四年十月十日", (2024, 10, 10)),
        ("二ＯＯ九年三月五日", (2009, 3, 5)),  # full-width Latin O
        ("二О二四年一月九日", (2024, 1, 9)),  # Cyrillic О
        ("二○二四年一月九日", (2024, 1, 9)),  # white circle
        ("二 〇 二 四 年 一 月 九 日", (2024, 1, 9)),
    ],
)
def test_date_lines_in_either_numerals(text, date):
    assert parse_date(norm(text)) == date


@pytest.mark.parametrize(
    "text", ["二〇二四年", "二〇二四年一月九日印发", "二〇二年一月九日", "2024年十十月九日", "一月九日"]
)
def test_what_is_no_date_line(text):
    assert parse_date(norm(text)) is None


def rules_of(path) -> dict[str, list]:
    result = check_file(path)
    found: dict[str, list] = {}
    for f in result.findings:
        found.setdefault(f.rule, []).append(f)
    return found, result.report


def test_chinese_numeral_signature_is_read_everywhere(make_docx):
    path, _ = make_docx(signed="二〇二四年一月十五日")  # a 2023 report, due by 31 January
    found, report = rules_of(path)
    assert report.outline.signed_date == (2024, 1, 15)
    assert not {"META-DATE-MISSING", "META-DEADLINE", "META-YEAR"} & set(found)

    found, _ = rules_of(make_docx(signed="二〇二四年三月五日", name="late.docx")[0])
    assert "2024年03月05日" in found["META-DEADLINE"][0].message
    found, _ = rules_of(make_docx(signed="二〇二六年一月十日", name="year.docx")[0])
    assert "META-YEAR" in found and "META-DATE-MISSING" not in found


SITE_FURNITURE = """<div class="share">分享到：<a>微信</a> <a>微博</a>　<a>打印本页</a>　<a>关闭窗口</a></div>
<div class="footer"><p>主办：某县人民政府办公室　承办：某县大数据中心</p>
<p>网站标识码：3301020007　备案号：浙ICP备05008876号-1</p>
<p>地址：和平路88号　邮编：310000　联系电话：0410-7668029</p>
<p>Copyright © 2024 版权所有</p></div>
</body></html>"""


def saved_page(tmp_path, spec, furniture: str = SITE_FURNITURE):
    """fixturegen's web page with a longer site footer after the article, as portals print it."""
    import fixturegen

    path = fixturegen.build_html(tmp_path / "年报.html", spec, "utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("</body></html>", furniture), encoding="utf-8")
    return path


def test_signature_is_found_above_a_web_pages_footer(tmp_path):
    import fixturegen

    spec = fixturegen.make_spec(agency="某县教育局")
    found, report = rules_of(saved_page(tmp_path, spec))
    assert report.outline.signed_date == (2024, 1, 15)
    assert report.document.blocks[report.outline.signer].text.strip() == "某县教育局"
    assert "META-DATE-MISSING" not in found
    other = " ".join(report.document.blocks[i].text for i in report.outline.body["other"])
    assert "网站标识码" not in other and "分享到" not in other  # the footer is not the report's text


def test_a_sentence_after_the_signature_is_no_furniture(tmp_path):
    """Only site furniture is skipped: a report that ends with a sentence has no date at its end."""
    import fixturegen

    spec = fixturegen.make_spec(agency="某县教育局")
    tail = (
        "<p>如对本报告有疑问，请联系本局办公室，邮编：310000。</p>\n"
        "<p>本报告电子版可在本局网站下载，欢迎分享到朋友圈。</p>\n</body></html>"
    )
    found, _ = rules_of(saved_page(tmp_path, spec, tail))
    assert "META-DATE-MISSING" in found
