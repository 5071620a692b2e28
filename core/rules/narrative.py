"""NARRATIVE-MISMATCH: numbers stated in the text against the tables.

Core layer. Only sentences that state a table's own figure in a recognisable form are read —
收到/新收…申请N件, 上年结转N件, 结转下年度N件, 予以公开N件…, 自然人N件, 法人或其他组织N件,
行政复议N件, 行政诉讼N件, 制发规范性文件N件, 现行有效规范性文件N件 — and the negations 未收到申请,
未发生行政复议. A clause that speaks of 备案, 受理, 同比, 累计, 上年度 or another year, or of a
percentage, is skipped: a false alarm costs a reviewer's trust, so when unsure the rule stays quiet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.report import Report
from core.rules import WARNING, Rule, rule
from core.rules.arithmetic import sum_cells
from core.text import NUMBER, flat, quote, sentences, to_int
from core.values import format_number

_SKIP = re.compile(r"备案|受理|同比|环比|累计|上年度|去年|上一年|比上年|较上年|增长|下降|增加|减少|%|％|百分|率")


def _cells(row: str, cols=("total",)) -> list[str]:
    return [f"requests.{row}.{c}" for c in cols]


def _org() -> tuple[str, ...]:
    """表三's five 法人或其他组织 columns (not the 8-column variant's 小计), from the schema."""
    from core.schema import schema

    return tuple(c.id for c in schema().table("requests").columns if c.group == "org" and not c.optional)


def _group(prefix: str) -> list[str]:
    from core.schema import schema

    return [f"requests.{r.id}.total" for r in schema().table("requests").rows if r.group == prefix]


@dataclass(frozen=True, repr=False, eq=False)  # only iterated (CLAIMS): no methods compiled at start for it
class Claim:
    """A figure the text may state: its pattern, what it is called and the cells whose sum it may
    mean."""

    pattern: re.Pattern
    what: str
    readings: tuple[tuple[str, ...], ...]  # each reading: cells whose sum the text may mean


def _claim(regex: str, what: str, *readings) -> Claim:
    return Claim(re.compile(regex.replace("N", NUMBER)), what, tuple(tuple(r) for r in readings))


GAP = r"[^，。；;,\d]{0,12}?"
CLAIMS = (
    _claim(
        rf"(?:新收|收到|接收|共收)(?:[^，。；;,\d]{{0,12}}?)申请{GAP}N件",
        "收到的申请",
        _cells("new"),
        _cells("new") + _cells("carried_over"),
    ),
    _claim(rf"上年(?:结转|转结){GAP}N件", "上年结转的申请", _cells("carried_over")),
    _claim(rf"(?:结转|转结)(?:至|到)?下一?年度?{GAP}N件", "结转下年度的申请", _cells("carry_forward")),
    _claim(r"予以公开N件", "予以公开的件数", _cells("granted")),
    _claim(r"部分公开N件", "部分公开的件数", _cells("partial")),
    _claim(r"不予公开N件", "不予公开的件数", _group("denied")),
    _claim(r"无法提供N件", "无法提供的件数", _group("unable")),
    _claim(r"不予处理N件", "不予处理的件数", _group("rejected")),
    _claim(r"其他处理N件", "其他处理的件数", _group("other")),
    _claim(
        r"自然人(?:提出|申请)?N件",
        "自然人的申请",
        _cells("new", ["natural"]),
        _cells("new", ["natural"]) + _cells("carried_over", ["natural"]),
    ),
    _claim(
        r"法人或其他组织(?:提出|申请)?N件",
        "法人或其他组织的申请",
        _cells("new", _org()),
        _cells("new", _org()) + _cells("carried_over", _org()),
    ),
    _claim(rf"行政复议(?:案件)?{GAP}N(?:件|起)", "行政复议", ["appeals.review.total"]),
    _claim(
        rf"行政诉讼(?:案件)?{GAP}N(?:件|起)",
        "行政诉讼",
        ["appeals.suit_direct.total", "appeals.suit_after_review.total"],
    ),
    _claim(rf"制发{GAP}规范性文件N件", "制发的规范性文件", ["proactive.normative_docs.issued"]),
    _claim(r"现行有效的?(?:行政)?规范性文件N件", "现行有效的规范性文件", ["proactive.normative_docs.in_force"]),
)
NEGATIONS = (
    (re.compile(r"(?:未|没有)(?:收到|接到)[^，。；;]{0,12}?申请"), "未收到申请", _cells("new")),
    (
        re.compile(r"(?:未|没有)(?:发生|被申请|出现)[^，。；;]{0,12}?行政复议"),
        "未发生行政复议",
        ["appeals.review.total"],
    ),
    (
        re.compile(r"(?:未|没有)(?:发生|被提起|出现)[^，。；;]{0,12}?行政诉讼"),
        "未发生行政诉讼",
        ["appeals.suit_direct.total", "appeals.suit_after_review.total"],
    ),
)


def _clause(sentence: str, start: int, end: int) -> str:
    left = max(sentence.rfind(p, 0, start) for p in "，,；;、") + 1
    return sentence[left:end]


def _other_year(text: str, year: int | None) -> bool:
    return any(int(y) != year for y in re.findall(r"((?:19|20)\d{2})年", text)) if year else False


@rule("NARRATIVE-MISMATCH", WARNING, "正文中的数字与统计表不一致", "正文与表不符")
def narrative_mismatch(self: Rule, report: Report):
    """A number stated in the text disagrees with the table: 收到…申请N件 against 一、本年新收 (or
    一 + 二), 上年结转N件, 结转下年度N件, the 办理结果 breakdown, the 自然人 / 法人或其他组织 split,
    行政复议N件, 行政诉讼N件, 制发 and 现行有效规范性文件N件; or the text says 未收到申请 / 未发生行政复议
    while the table has some. The sentence is quoted. Clauses about 备案, 受理, 同比, 累计, other years
    or percentages are not read."""
    year = report.meta.year
    seen = set()
    for section, paragraph in report.narrative():
        if section == "problems":
            continue  # 五 speaks of last year's problems and this year's plans
        for sentence in sentences(paragraph):
            folded = flat(sentence)
            # every claim ends in N件 (or N起): without either, none can match
            for claim in CLAIMS if "件" in folded or "起" in folded else ():
                for m in claim.pattern.finditer(folded):
                    clause = _clause(folded, m.start(), m.end())
                    if _SKIP.search(clause) or _other_year(clause, year):
                        continue
                    stated = to_int(m.group(1))
                    sums = [sum_cells(report, cells) for cells in claim.readings]
                    if stated is None or any(s is None for s in sums) or stated in sums:
                        continue
                    key = (claim.what, stated)
                    if key in seen:
                        continue
                    seen.add(key)
                    yield self.finding(
                        f"正文称{claim.what}为 {stated} 件，统计表为 {format_number(sums[0])} 件：“{quote(sentence)}”",
                        claim.readings[0],
                        sums[0],
                        stated,
                    )
            for pattern, what, cells in NEGATIONS:
                m = pattern.search(folded)
                if m and not _other_year(_clause(folded, m.start(), m.end()), year):
                    total = sum_cells(report, cells)
                    if total and (what, 0) not in seen:
                        seen.add((what, 0))
                        yield self.finding(
                            f"正文称“{what}”，统计表却有 {format_number(total)} 件：“{quote(sentence)}”",
                            cells,
                            total,
                            0,
                        )
