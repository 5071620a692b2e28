"""How results are shown, one way each: the colours of a severity, a cell's worst finding, the
有错误/通过 verdict, a finding's 填写值/应为, the CJK font lists (a number in JSON is
:func:`core.values.json_number`).

Core layer, no Qt: the window (``gui/table_model.py``, ``gui/findings_model.py``,
``gui/main_window.py``, ``gui/sum_view.py``), the report pane (``core/render.py``), the Excel export
(``core/xlsx.py``), the findings sheet (``core/sheet.py`` and its template) and the printer
(``gui/printing.py``) all read this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from core.rules import ERROR, SUM_COMPARISONS, WARNING
from core.values import format_number

DIAGNOSIS = "diagnosis"  # the colour of a cell a diagnosis names, and of its row in the list


@dataclass(frozen=True)
class Colours:
    """A background and a text colour, as ``#rrggbb``."""

    background: str  # "#rrggbb"
    foreground: str

    @staticmethod
    def excel(colour: str) -> str:
        """openpyxl's form of a colour: "C62828"."""
        return colour.lstrip("#").upper()


# The one palette: severities (and diagnoses) by their background and text colour.
PALETTE: dict[str, Colours] = {
    ERROR: Colours("#c62828", "#ffffff"),
    WARNING: Colours("#ffc107", "#000000"),
    DIAGNOSIS: Colours("#6a1b9a", "#ffffff"),
}
PASSED = Colours("#2e7d32", "#ffffff")  # the verdict of a report without errors
HEADER_BG = "#e8eef5"  # table headers: the window's grids, the sheet, the workbook


def worst_severity(findings: Iterable[object]) -> str | None:
    """The severity a cell is coloured by: error if any finding on it is an error, warning if it
    has only warnings, None without findings. A diagnosis (it has no severity) counts as an error."""
    worst = None
    for f in findings:
        if getattr(f, "severity", ERROR) == ERROR:
            return ERROR
        worst = WARNING
    return worst


VERDICT_ERRORS, VERDICT_PASSED = "有错误", "通过"


def verdict(errors: int) -> str:
    """有错误 or 通过, by the number of (open) errors."""
    return VERDICT_ERRORS if errors else VERDICT_PASSED


def result_status(result) -> str:
    """A checked file's status in a batch list (window and workbook): why it could not be read,
    or its verdict."""
    return f"无法读取：{result.error.message}" if result.error else verdict(result.errors)


def verdict_colours(errors: int) -> Colours:
    return PALETTE[ERROR] if errors else PASSED


# Rules whose message already says the figure found and the one expected.
VALUES_IN_MESSAGE = ("LABEL-NONSTANDARD", *SUM_COMPARISONS)
NOT_FOUND_RULES = ("TABLE-MISSING", "ROW-MISSING")


def display_value(v: object) -> str:
    """A finding's expected or actual value as text: a number formatted, text as it is, blank for none."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return format_number(v)


def actual_expected(f) -> tuple[str, str]:
    """(填写值, 应为) shown beside a finding's message: blank where the message says them,
    未找到 where the cell was not found."""
    if f.rule in VALUES_IN_MESSAGE:
        return "", ""
    actual = "未找到" if f.rule in NOT_FOUND_RULES else display_value(f.actual)
    return actual, display_value(f.expected)


# Type in the manner of GB/T 9704: title in 小标宋 (else 黑体), headings in 黑体, body in 仿宋.
# Each list puts a Latin face first (figures and letters, tabular digits), then the faces Windows
# 10/11 ships (仿宋 FangSong, 黑体 SimHei, 宋体 SimSun, 微软雅黑), then macOS's, then the Noto CJK
# faces of Linux desktops (统信, 麒麟, Debian's fonts-noto-cjk). Qt falls back family by family,
# character by character.
LATIN = ("Times New Roman", "Liberation Serif", "DejaVu Serif")
FONT_LISTS = {
    "title": LATIN
    + ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "小标宋", "SimHei", "黑体", "STHeiti")
    + ("Noto Serif CJK SC", "Noto Sans CJK SC", "Microsoft YaHei", "微软雅黑"),
    "heading": LATIN + ("SimHei", "黑体", "STHeiti", "Heiti SC", "Noto Sans CJK SC", "Microsoft YaHei", "微软雅黑"),
    "body": LATIN
    + ("FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "SimSun", "宋体", "Songti SC")
    + ("Noto Serif CJK SC", "Noto Sans CJK SC", "Microsoft YaHei", "微软雅黑"),
}


def css_families(names: tuple[str, ...], generic: str = "serif") -> str:
    return ", ".join(f'"{n}"' for n in names) + f", {generic}"
