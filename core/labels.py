"""Normalizing label text so that real-world variants compare equal.

Core layer. Drafts break labels across lines, pad them with spaces, mix full- and half-width
brackets and dots, and number them in several styles. :func:`norm` removes the differences that
carry no meaning; :func:`strip_numbering` removes the leading 一、 / （一） / 1. numbering, which
the locator reads separately.
"""

from __future__ import annotations

import re
import unicodedata

from core.memo import short_text_memo

_SPACE = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")
# What norm() drops, in one pass: white space (as _SPACE), quotes and 。 (re's cache keeps it compiled)
_DROPPED = "[\\s\u200b\u200c\u200d\ufeff\"'“”‘’「」『』。]+"
_NUMERALS = "一二三四五六七八九十"
_NUMBERING = re.compile(rf"^(?:[{_NUMERALS}]+[、.]|\([{_NUMERALS}\d]+\)[、.]?|\d+[.、](?!\d))")


@short_text_memo
def norm(text: str) -> str:
    return re.sub(_DROPPED, "", unicodedata.normalize("NFKC", text)).replace("．", ".")


def strip_numbering(normed: str) -> tuple[str, list[str]]:
    """Split leading numbering off normalized text: ("予以公开", ["(一)"])."""
    marks = []
    while True:
        m = _NUMBERING.match(normed)
        if not m:
            return normed, marks
        marks.append(m.group(0))
        normed = normed[m.end() :]


@short_text_memo
def core_label(text: str) -> str:
    return strip_numbering(norm(text))[0]


def numeral_of(mark: str) -> str | None:
    """The Chinese numeral inside a bracketed mark such as "(四)", else None."""
    m = re.fullmatch(rf"\(([{_NUMERALS}]+)\)[、.]?", mark)
    return m.group(1) if m else None


_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")


def display(text: str) -> str:
    """Raw label text as one line, for messages: line breaks and padding inside CJK text go."""
    return _CJK_GAP.sub("", _SPACE.sub(" ", text).strip())
