"""Rules on the report as a document: its sections, title and dates, signature, placeholders,
the length of 一、总体情况, the fee statement, and the format and units of the tables.

Core layer.
"""

from __future__ import annotations

import datetime as dt
import re

from core.cell_id import CellId
from core.labels import norm, strip_numbering
from core.report import Report
from core.rules import ERROR, WARNING, Rule, rule
from core.schema import cell_display, schema
from core.text import flat, quote, sentences, word_count
from core.values import format_number

OVERVIEW_LIMIT = 1000
_PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:[XxＸｘ]{2,}|×{2,})(?![A-Za-z])|某某|待补充|待填写|……")
_PERIOD = re.compile(r"((?:19|20)\d{2})年1月1日(?:起)?(?:至|到|-|—)(?:((?:19|20)\d{2})年)?12月31日")
_FEE = re.compile(r"处理费|信息处理.{0,12}费用|收取.{0,8}费|收费")


@rule("SECTION-MISSING", WARNING, "六个部分缺少、顺序不对或没有序号", "正文部分不全")
def section_missing(self: Rule, report: Report):
    """The format has six sections, in order, headed 一、总体情况 … 六、其他需要报告的事项. A section is
    recognised by its heading's wording, not its numeral, so sub-headings numbered 一、二、 inside
    总体情况 are not taken for sections. Fires for a missing heading, an unnumbered or wrongly
    numbered one, and one out of order."""
    if report.outline is None:
        return
    seen = []
    for sec in schema().sections:
        block = report.outline.headings.get(sec.id)
        if block is None:
            yield self.finding(f"缺少第{sec.heading[0]}部分“{sec.heading}”")
            continue
        text = report.document.blocks[block].text.strip()
        _, marks = strip_numbering(norm(text))
        numeral = sec.heading[:2]
        if not marks:
            yield self.finding(f"标题“{text}”没有序号，应为“{sec.heading}”", expected=sec.heading, actual=text)
        elif norm(marks[0]) != norm(numeral):
            yield self.finding(f"标题“{text}”序号不对，应为“{sec.heading}”", expected=sec.heading, actual=text)
        if seen and block < seen[-1][1]:
            yield self.finding(f"“{sec.heading}”出现在“{seen[-1][0]}”之前，顺序不对", expected=sec.heading, actual=text)
        seen.append((sec.heading, block))


@rule("OVERVIEW-LENGTH", WARNING, "“一、总体情况”超过 1000 字", "总体情况过长")
def overview_length(self: Rule, report: Report):
    """The format asks that 一、总体情况 stay within about 1,000 字. Counted as Word counts 字数: a CJK
    character or punctuation mark is one, a run of Latin letters or digits is one; the heading itself
    is not counted."""
    text = "".join(t for _, t in report.narrative("overview"))
    count = word_count(text)
    if count > OVERVIEW_LIMIT:
        yield self.finding(
            f"“一、总体情况”约 {count} 字，超过格式要求的 1000 字左右", expected=OVERVIEW_LIMIT, actual=count
        )


@rule("PLACEHOLDER", WARNING, "正文中留有 XX、某某、待补充等占位文字", "留有占位文字")
def placeholder(self: Rule, report: Report):
    """Leftover template text in the narrative: XX, ××, 某某, 待补充, 待填写, ……. Each sentence is quoted."""
    for _, paragraph in report.narrative():
        for sentence in sentences(paragraph):
            m = _PLACEHOLDER.search(flat(sentence))
            if m:
                yield self.finding(f"正文留有占位文字“{m.group(0)}”：“{quote(sentence)}”", actual=m.group(0))


@rule("FEE-STATEMENT", WARNING, "“六、其他需要报告的事项”没有报告信息处理费", "未报告信息处理费")
def fee_statement(self: Rule, report: Report):
    """Section 六 must report the 信息处理费 collected under 《政府信息公开信息处理费管理办法》
    (国办函〔2020〕109号), even when none was collected."""
    if report.outline is None or "other" not in report.outline.headings:
        return  # SECTION-MISSING says so already
    text = flat("".join(t for _, t in report.narrative("other")))
    if not _FEE.search(text):
        yield self.finding("“六、其他需要报告的事项”没有说明信息处理费的收取情况（未收取也应写明）")


@rule("FORMAT-OUTDATED", ERROR, "统计表仍是 2019 年旧格式", "仍是旧格式")
def format_outdated(self: Rule, report: Report):
    """表二 uses the rows and columns of the 2019 format (本年新制作数量, 本年新公开数量, 对外公开总数量)
    rather than those of the 2021 format (国办公开办函〔2021〕30号)."""
    if report.outdated_labels:
        found = "、".join(dict.fromkeys(report.outdated_labels))
        table = schema().table("proactive")
        yield self.finding(
            f"{table.name}使用了 2019 年旧格式的栏目（{found}），应按 2021 年新格式填报",
            table.cell_ids(),
            schema().format,
            found,
            marks=[],
        )


def _fee_in_yuan(report: Report) -> str | None:
    for _, paragraph in report.narrative():
        for sentence in sentences(paragraph):
            m = re.search(r"(?:行政事业性收费|收费金额)[^，。；,;\d]{0,10}?(\d+(?:\.\d+)?)元", flat(sentence))
            if m and "万元" not in m.group(0):
                return sentence
    return None


@rule("FEE-UNIT", WARNING, "收费金额的单位像是“元”而不是“万元”", "收费单位存疑")
def fee_unit(self: Rule, report: Report):
    """表二 asks for 本年收费金额 in 万元. Fires when the amount is a whole number of ten million or
    more, when it has more than six decimals, or when the text states a nonzero fee in 元."""
    value = report.value("proactive.fees.amount")
    if value is None or value.number is None or value.number == 0:
        return
    amount = value.number
    reason = None
    if amount >= 10_000_000 and amount == amount.to_integral_value():
        reason = f"金额 {format_number(amount)} 按万元计过大，可能填的是“元”"
    elif -amount.as_tuple().exponent > 6:
        reason = f"金额 {format_number(amount)} 超过 6 位小数"
    else:
        said = _fee_in_yuan(report)
        if said:
            reason = f"正文以“元”表述收费金额：“{quote(said)}”"
    if reason:
        yield self.finding(
            f"{cell_display('proactive.fees.amount')}：{reason}；表中应填万元",
            ["proactive.fees.amount"],
            None,
            amount,
        )


_NO_REGULATIONS = re.compile(r"乡|镇|街道|县|(?<!自治)区")


@rule("REGULATIONS-LEVEL", WARNING, "不能制定规章的单位填报了规章数字", "不应有规章数字")
def regulations_level(self: Rule, report: Report):
    """Only provincial governments and those of 设区的市 make 规章. Figures in the 规章 row from a
    乡镇, a 街道, or a county-level government or department (judged from the title) need a check."""
    agency = report.meta.agency or ""
    if not agency or not _NO_REGULATIONS.search(agency) or "省" in agency and "县" not in agency:
        return
    table = schema().table("proactive")
    regulations, normative = table.row("regulations"), table.row("normative_docs")
    ids = [str(CellId(table.id, regulations.id, c)) for c in table.row_cols(regulations)]
    numbers = [report.value(i).number for i in ids if report.value(i) is not None]
    if any(n for n in numbers if n is not None):
        yield self.finding(
            f"{table.name}“{regulations.label}”行有数字，但“{agency}”属于县级及以下，不能制定规章；"
            f"请核实是否应填入“{normative.label}”行",
            ids,
        )


def _deadline(report: Report) -> dt.date | None:
    """The publication deadline for the unit's level (spec section 1), judged from the title."""
    year, agency = report.meta.year, report.meta.agency or ""
    if year is None:
        return None
    nxt = year + 1
    if agency.endswith(("人民政府", "政府")) and not re.search(r"(乡|镇)人民政府$|街道", agency):
        if re.search(r"(省|自治区)人民政府$", agency):
            return dt.date(nxt, 3, 31)
        if re.search(r"市人民政府$", agency):
            return dt.date(nxt, 3, 10)  # a prefecture, or a county-level city: the later date
        return dt.date(nxt, 2, 20)  # a county or a district
    return dt.date(nxt, 1, 31)  # a department, a 乡镇 or a 街道


@rule("META-DEADLINE", WARNING, "落款日期晚于公布期限", "落款晚于期限")
def meta_deadline(self: Rule, report: Report):
    """The report is due by 31 January of the next year for a department, a 乡镇 or a 街道; a county's
    summary report by 20 February, a prefecture's by 10 March, a province's by 31 March (条例第四十九条).
    Compared with the signature date."""
    if report.outline is None or report.outline.signed_date is None:
        return
    deadline = _deadline(report)
    try:
        signed = dt.date(*report.outline.signed_date)
    except ValueError:
        return
    if deadline and signed > deadline:
        yield self.finding(
            f"落款日期 {signed:%Y年%m月%d日} 晚于公布期限 {deadline:%Y年%m月%d日}",
            expected=f"{deadline:%Y-%m-%d}",
            actual=f"{signed:%Y-%m-%d}",
        )


@rule("META-DATE-MISSING", WARNING, "报告末尾没有落款日期", "缺少落款日期")
def meta_date_missing(self: Rule, report: Report):
    """The signature block at the end carries the agency and the date; no date line was found among
    the last paragraphs."""
    if report.outline is not None and report.outline.signed_date is None:
        yield self.finding("报告末尾没有落款日期（应写明机关名称和成文日期）")


@rule("META-YEAR", WARNING, "标题年份、统计期限与落款年份不一致", "年份不一致")
def meta_year(self: Rule, report: Report):
    """The title's year, the statistics period (1 January to 31 December of that year), the year the
    overview opens with, and the signature date (early in the next year) must agree."""
    year = report.meta.year
    if year is None:
        return
    for _, paragraph in report.narrative():
        for sentence in sentences(paragraph):
            m = _PERIOD.search(flat(sentence))
            if m and (int(m.group(1)) != year or (m.group(2) and int(m.group(2)) != year)):
                yield self.finding(
                    f"标题为 {year} 年，统计期限却是：“{quote(sentence)}”", expected=year, actual=int(m.group(1))
                )
    overview = report.narrative("overview")
    if overview:
        first = sentences(overview[0][1])
        m = re.match(r"((?:19|20)\d{2})年(?!度存在)", flat(first[0])) if first else None
        if m and int(m.group(1)) != year:
            yield self.finding(
                f"标题为 {year} 年，“一、总体情况”却从 {m.group(1)} 年写起", expected=year, actual=int(m.group(1))
            )
    signed = report.outline.signed_date if report.outline else None
    if signed and signed[0] not in (year, year + 1):
        yield self.finding(f"标题为 {year} 年，落款日期却在 {signed[0]} 年", expected=year + 1, actual=signed[0])
