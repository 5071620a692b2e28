"""Reading a number out of a statutory table cell, keeping its raw text beside it.

Core layer. The spec (section 3) lists what real drafts put in number cells: ``0``, `` 0 ``,
full-width ``０``, ``0件``, blanks, placeholders (``/``, ``—``, ``-``, ``无``), decimals for the
fee, and notes such as ``22（其中修订16件）``. Anything else is not a number and is never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from core.limits import LIMITS
from core.memo import short_text_memo

# Statuses a cell can have; rules turn the non-"ok" ones into findings.
OK = "ok"
BLANK = "blank"  # empty cell
PLACEHOLDER = "placeholder"  # "/", "—", "无" …: counted as 0
ANNOTATED = "annotated"  # a number followed by a bracketed note
INVALID = "invalid"  # text that is not a number

# The grey prompt of an unfilled Word/WPS content control, as a printed or exported draft shows it.
CONTROL_PROMPTS = (
    "单击或点击此处输入文字",
    "单击此处输入文字",
    "点击或轻触此处以输入文本",
    "clickortaphere",
    "clickhere",
)
PLACEHOLDERS = {"/", "\\", "-", "--", "—", "——", "–", "―", "─", "无", "空", "暂无", "n/a", "na", "×", "x"}
UNITS = ("万元", "元", "件", "条", "个", "项", "次", "份", "宗", "起")
# Digits, with commas only as whole thousands groups (1,234): "1,25" or "12,34" could be a decimal
# comma or a slip, so such a cell is text, never a guess.
_NUMBER = r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-−]?\.\d+"
_PLAIN = re.compile(rf"^({_NUMBER})(?:{'|'.join(UNITS)})?$")
_ANNOTATED = re.compile(rf"^({_NUMBER})(?:{'|'.join(UNITS)})?[(\[](.+)[)\]]$")


@dataclass(frozen=True)
class Value:
    """A cell's text read as a figure: the text, its number, its status (a number, one with a
    bracketed note, blank, a placeholder, text) and the note."""

    raw: str
    number: Decimal | None
    status: str
    note: str | None = None

    @property
    def counted(self) -> Decimal | None:
        """The number arithmetic uses: blanks and placeholders count as 0, text as nothing."""
        if self.status in (BLANK, PLACEHOLDER):
            return Decimal(0)
        return self.number

    def json_number(self) -> int | float | None:
        """A plain JSON number, or None where the cell is blank or unreadable (spec section 5)."""
        if self.status in (BLANK, PLACEHOLDER):
            return None
        return json_number(self.number)


def json_number(n: object) -> object:
    """A number as plain JSON: a whole Decimal as an int, another as a float; anything else
    (an int, text, None) as it is. The one conversion for --json, decisions, diagnoses, Excel."""
    if isinstance(n, Decimal):
        return int(n) if n == n.to_integral_value() else float(n)
    return n


def _clean(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw)
    return re.sub(r"[\s\u200b\u200c\u200d\ufeff]+", "", text)


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace("−", "-").replace(",", ""))
    except InvalidOperation:
        return None


def _too_long(number_text: str) -> bool:
    """More digits than any real figure (core.limits): text, never a huge Decimal whose int()
    is quadratic and whose float() is Infinity."""
    return sum(ch.isdigit() for ch in number_text) > LIMITS.number_digits


# Digits with a space between them ("1 2"): one figure or two? Text, never a guess.
_SPACED_DIGITS = re.compile(r"\d[\s\u200b\u200c\u200d\ufeff]+\d")


@short_text_memo
def parse_value(raw: str) -> Value:
    if _SPACED_DIGITS.search(unicodedata.normalize("NFKC", raw)):
        return Value(raw, None, INVALID)
    text = _clean(raw)
    if not text:
        return Value(raw, None, BLANK)
    if text.lower() in PLACEHOLDERS or text.lower().rstrip("。.").startswith(CONTROL_PROMPTS):
        return Value(raw, None, PLACEHOLDER)
    if len(text) > 2_000:  # no figure, even with its note, is this long: text (and no regex over megabytes)
        return Value(raw, None, INVALID)
    m = _PLAIN.match(text)
    if m and _too_long(m.group(1)):
        return Value(raw, None, INVALID)
    if m:
        number = _decimal(m.group(1))
        if number is not None:
            return Value(raw, number, OK)
    m = _ANNOTATED.match(text)
    if m and _too_long(m.group(1)):
        return Value(raw, None, INVALID)
    if m:
        number = _decimal(m.group(1))
        if number is not None:
            return Value(raw, number, ANNOTATED, note=m.group(2))
    return Value(raw, None, INVALID)


def format_number(number: Decimal | int | float | None) -> str:
    if number is None:
        return "空"
    d = Decimal(str(number))
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")
