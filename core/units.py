"""The list of units a summary (汇总) expects, and matching reports' agencies to it.

Core layer. A 政务公开办 keeps a list of the departments and towns that must report: a text file,
one unit per line, or an Excel workbook with the units in the first column. The list is untrusted
input: its size, the number of units and the length of a name are bounded, control characters
are dropped, and anything unreadable is refused with a plain Chinese message (:class:`UnitsError`).

Matching an agency to a unit is by normalised name (:func:`core.labels.norm`): exact first; then,
for what is left, a name that contains the other (a list that says 区市场监督管理局 for the report of
某市某区市场监督管理局) where exactly one candidate fits. Two candidates that fit equally are never
guessed between: both stay unmatched.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from core import formats
from core.labels import norm
from core.limits import LIMITS, MB

MIN_CONTAINED = 3  # characters: a shorter name (县政府) contained in another is no evidence
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_HEADER = {"单位", "单位名称", "机关", "机关名称", "名称", "部门", "部门名称", "序号"}
_NUMBERED = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)[.、．)）]\s*")


class UnitsError(Exception):
    """The units list cannot be used; the message says why, in Chinese."""


def _clean(text: object) -> str:
    name = _CONTROL.sub("", str(text if text is not None else "")).strip()
    return _NUMBERED.sub("", name).strip()


def _lines_of_text(data: bytes) -> list[str]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnitsError("单位名单无法识别编码，请另存为 UTF-8 或 GBK 编码的文本文件（每行一个单位）。")
    # A CSV's first field, a tab-separated export's first column.
    return [re.split(r"[,\t，]", line, maxsplit=1)[0] for line in text.splitlines()]


def _lines_of_xlsx(path: Path) -> list[str]:
    unreadable = UnitsError(f"单位名单“{path.name}”不是可读取的 Excel 文件，请用 Excel 或 WPS 打开后另存为 .xlsx。")
    try:  # the declared sizes bound what openpyxl inflates (zipfile stops a member at its size)
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise unreadable from None
    if len(infos) > LIMITS.zip_members or sum(i.file_size for i in infos) > LIMITS.units_xlsx_bytes:
        raise UnitsError(f"单位名单“{path.name}”过大，请只保留单位名称一列。")
    from openpyxl import load_workbook

    try:
        wb = load_workbook(str(path), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise unreadable from None
    try:
        ws = wb.worksheets[0]
        names = []
        for row in ws.iter_rows(min_col=1, max_col=1, values_only=True):
            names.append("" if row[0] is None else str(row[0]))
            if len(names) > LIMITS.units_count + 1:
                break
        return names
    finally:
        wb.close()


def read_units(path: str | Path) -> list[str]:
    """The unit names of a list, in order, without blanks, duplicates or a header line."""
    path = Path(path)
    if not path.is_file():
        raise UnitsError(f"找不到单位名单：{path}")
    if path.stat().st_size > LIMITS.units_bytes:
        raise UnitsError(f"单位名单“{path.name}”过大（超过 {LIMITS.units_bytes // MB} MB），请只保留单位名称一列。")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        lines = _lines_of_xlsx(path)
    elif suffix in (".xls", ".et"):
        raise UnitsError(f"单位名单“{path.name}”是旧版 Excel 格式，请另存为 .xlsx 或文本文件（每行一个单位）。")
    elif suffix != ".txt" and (formats.is_report(path) or formats.is_legacy(path)):
        raise UnitsError(
            f"“{path.name}”是报告文件，不是单位名单。单位名单应是文本文件（.txt，每行一个单位）"
            "或 Excel 表格（.xlsx，第一列为单位名称）。"
        )
    else:
        lines = _lines_of_text(path.read_bytes())
    names: list[str] = []
    seen: set[str] = set()
    for line in lines:
        name = _clean(line)
        if not name or name.startswith("#") or (not names and name in _HEADER):
            continue
        if len(name) > LIMITS.unit_name_chars:
            raise UnitsError(
                f"单位名单“{path.name}”中有一行过长（超过 {LIMITS.unit_name_chars} 字）：{name[:20]}……请每行只写一个单位名称。"
            )
        if norm(name) in seen:
            continue
        seen.add(norm(name))
        names.append(name)
        if len(names) > LIMITS.units_count:
            raise UnitsError(f"单位名单“{path.name}”超过 {LIMITS.units_count} 个单位，请确认文件是否正确。")
    if not names:
        raise UnitsError(f"单位名单“{path.name}”中没有单位名称。请每行写一个单位，或在 Excel 第一列填写。")
    return names


def match_units(units: list[str], agencies: list[str]) -> dict[str, str]:
    """agency -> unit for every agency that matches exactly one listed unit (see module doc)."""
    by_norm = {norm(u): u for u in units}
    matched: dict[str, str] = {}
    taken: set[str] = set()
    for agency in agencies:
        unit = by_norm.get(norm(agency))
        if unit is not None and unit not in taken:
            matched[agency] = unit
            taken.add(unit)
    left_units = [u for u in units if u not in taken]
    left_agencies = [a for a in agencies if a not in matched]

    def fits(a: str, u: str) -> bool:
        na, nu = norm(a), norm(u)
        short = min(len(na), len(nu))
        return short >= MIN_CONTAINED and (na in nu or nu in na)

    candidates = {a: [u for u in left_units if fits(a, u)] for a in left_agencies}
    claimed: dict[str, list[str]] = {}
    for a, us in candidates.items():
        for u in us:
            claimed.setdefault(u, []).append(a)
    for a, us in candidates.items():
        if len(us) == 1 and len(claimed[us[0]]) == 1:
            matched[a] = us[0]
    return matched
