"""Parsing number cells: every form spec section 3 lists."""

from decimal import Decimal

import pytest

from core.values import ANNOTATED, BLANK, INVALID, OK, PLACEHOLDER, parse_value


@pytest.mark.parametrize(
    "raw, number, status",
    [
        ("0", 0, OK),
        (" 0 ", 0, OK),
        ("０", 0, OK),
        ("0件", 0, OK),
        ("１２", 12, OK),
        ("1,234", 1234, OK),
        ("1.25", Decimal("1.25"), OK),
        ("12.6", Decimal("12.6"), OK),
        ("-3", -3, OK),
        ("－3", -3, OK),
        ("−3", -3, OK),
        ("2.5", Decimal("2.5"), OK),
        ("", None, BLANK),
        ("  \n", None, BLANK),
        ("/", None, PLACEHOLDER),
        ("／", None, PLACEHOLDER),
        ("—", None, PLACEHOLDER),
        ("——", None, PLACEHOLDER),
        ("-", None, PLACEHOLDER),
        ("无", None, PLACEHOLDER),
        ("22（其中修订16件）", 22, ANNOTATED),
        ("55（含自然失效29件）", 55, ANNOTATED),
        ("55件(含自然失效29件)", 55, ANNOTATED),
        ("见附件", None, INVALID),
        ("若干", None, INVALID),
        ("12件其中3件", None, INVALID),
        ("3-5", None, INVALID),
        # a comma that is not a whole thousands group, or a space between digits: decimal comma,
        # two figures or a slip? Text, never a guess (1,25 万元 must not become 125)
        ("1,25", None, INVALID),
        ("12,34", None, INVALID),
        ("3，5", None, INVALID),
        ("1,2345", None, INVALID),
        ("1 2", None, INVALID),
        ("1\n2", None, INVALID),
        ("1,234,567", 1234567, OK),
    ],
)
def test_parse_value(raw, number, status):
    value = parse_value(raw)
    assert value.status == status
    assert value.raw == raw
    assert value.number == (None if number is None else Decimal(number))


def test_blank_and_placeholder_count_as_zero_but_export_as_null():
    for raw in ("", "/", "无"):
        value = parse_value(raw)
        assert value.counted == 0
        assert value.json_number() is None


def test_text_counts_as_nothing():
    assert parse_value("见附件").counted is None


def test_json_numbers_are_plain():
    assert parse_value("7").json_number() == 7 and isinstance(parse_value("7").json_number(), int)
    assert parse_value("1.25").json_number() == 1.25
