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
