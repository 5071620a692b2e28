"""Small text helpers for the narrative rules: Word's 字数, Chinese numerals, sentences, dates.

Core layer.
"""

from __future__ import annotations

import re
import unicodedata

_WORD_TOKEN = re.compile(r"[A-Za-z0-9]+|\S")
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMBER = r"(\d+|[零〇一二两三四五六七八九十百千]+)"
_SENTENCE_END = re.compile(r"(?<=[。；;！!？?])")
_SPACES = re.compile(r"\s+")


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


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph as written, with white space removed (for quoting)."""
    return [s for s in _SENTENCE_END.split(_SPACES.sub("", text)) if s]


def flat(sentence: str) -> str:
    """A sentence folded for matching: full-width digits and punctuation become half-width."""
    return unicodedata.normalize("NFKC", sentence)


def quote(sentence: str, limit: int = 80) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
