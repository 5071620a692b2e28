"""Remembering what a pure function of one short text returned.

Core layer. The locator normalises the same labels and parses the same cell texts hundreds of
times per report (each row's cells are tried as labels, as figures, as blank filler): a function
wrapped here works each short text out once. Bounded: at most MEMO_ENTRIES texts of at most
MEMO_CHARS characters are kept, the least recently used going first; a longer text (a whole
table's, a narrative) is worked out on every call. Only for functions whose result depends on
the text alone and is never changed by a caller (a str, a frozen dataclass).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

MEMO_ENTRIES = 8192  # texts kept per function
MEMO_CHARS = 200  # longest text kept (a label or a figure is far shorter)

T = TypeVar("T")
_MEMOS: list = []  # every memo made here, for clear()


def short_text_memo(fn: Callable[[str], T]) -> Callable[[str], T]:
    remembered = functools.lru_cache(maxsize=MEMO_ENTRIES)(fn)

    @functools.wraps(fn)
    def call(text: str) -> T:
        return remembered(text) if len(text) <= MEMO_CHARS else fn(text)

    _MEMOS.append(remembered)
    return call


def clear() -> None:
    """Forget every remembered text (a benchmark measuring a first check does this)."""
    for memo in _MEMOS:
        memo.cache_clear()
