"""Small text helpers for the narrative rules: Word's 字数, Chinese numerals, sentences, dates.

Core layer.
"""

from __future__ import annotations

import re
import unicodedata

from core.memo import short_text_memo

_WORD_TOKEN = re.compile(r"[A-Za-z0-9]+|\S")
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMBER = r"(\d+|[零〇一二两三四五六七八九十百千]+)"
_SENTENCE_END = re.compile(r"(?<=[。；;！!？?])")
_SPACES = re.compile(r"\s+")
# 〇 as drafts type it: 零, a Latin or Cyrillic O (Ｏ folds to O), a circle (○ ◯)
_ZEROS = "〇零OoОо○◯"
_YEAR_DIGITS = "一二三四五六七八九" + _ZEROS
_DAY = r"(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_DATE = re.compile(rf"^(\d{{4}}|[{_YEAR_DIGITS}]{{4}})年{_DAY}月{_DAY}日$")


def word_count(text: str) -> int:
    """字数 as Word counts it: each CJK character or punctuation mark is one, and so is each run
    of Latin letters or digits."""
    return len(_WORD_TOKEN.findall(text))


def to_int(text: str) -> int | None:
    """Arabic or Chinese numerals (三, 十二, 二十, 一百零五) as an int; None if not a number."""
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def parse_date(normed: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date line as a whole (folded by :func:`core.labels.norm`): 2022年1月14日,
    or in Chinese numerals as GB/T 9704 documents write it, 二〇二二年一月十四日, 二〇二二年十二月三十一日
    (〇 also typed 零, Ｏ or ○); None for anything else."""
    m = _DATE.match(normed)
    if not m:
        return None
    year = m.group(1)
    if not year.isdigit():
        year = "".join("0" if ch in _ZEROS else str(_DIGITS[ch]) for ch in year)
    month, day = to_int(m.group(2)), to_int(m.group(3))
    if month is None or day is None:
        return None
    return int(year), month, day


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph as written, with white space removed (for quoting)."""
    return [s for s in _SENTENCE_END.split(_SPACES.sub("", text)) if s]


@short_text_memo  # each sentence is folded by several rules
def flat(sentence: str) -> str:
    """A sentence folded for matching: full-width digits and punctuation become half-width."""
    return unicodedata.normalize("NFKC", sentence)


def quote(sentence: str, limit: int = 80) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
