"""汇总: adding the statutory tables of many reports cell by cell (逐级汇总).

Core layer. What a 政务公开办 needs for its government's summary report: the parts chosen first —
one report per unit and year (the same agency's report as .docx, .pdf and .html is counted
once), every report of one year (the latest present, or the one asked for), the others left out
with the reason — then every statutory cell summed over them (blanks and placeholders count as 0;
text that is not a number cannot be added and leaves its part listed with the error), and the
sum checked like a report. With a list of the units expected (:mod:`core.units`), the units
without a report and the reports of no listed unit; with a published or draft summary report,
that report checked against the sum cell by cell (rule SUM-PARTS, :mod:`core.rules.summary`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from core import formats
from core.check import CheckResult, _key, finish
from core.document import Document
from core.report import Located, Meta, Report
from core.rules import ERROR, Finding, run_rules
from core.rules.summary import SUM_RULE, says_own_figures
from core.schema import cell_display, schema
from core.units import match_units
from core.values import format_number, parse_value

OTHER_YEAR, DUPLICATE, UNREADABLE, YEAR_UNKNOWN, IS_SUMMARY = (
    "other_year",
    "duplicate",
    "unreadable",
    "year_unknown",
    "summary",
)


@dataclass
class LeftOut:
    """An input not added to the sum, and why (spec section 5, ``left_out``)."""

    file: str
    reason: str
    message: str
    same_as: str | None = None  # the part it duplicates, or this year's report it was paired with

    def to_json(self) -> dict:
        return {"file": self.file, "reason": self.reason, "message": self.message, "same_as": self.same_as}


@dataclass
class PartsSum:
    """What rule SUM-PARTS compares a summary report with: the summed report, who contributed
    what to each cell, and which parts are known to be missing."""

    report: Report
    contributions: dict[str, list[tuple[str, Decimal]]]
    missing: list[str]


@dataclass
class Summation:
    result: CheckResult  # the summed tables and their findings (SUM-PARTS ones with a summary)
    year: int | None
    parts: list[CheckResult]
    left_out: list[LeftOut] = field(default_factory=list)
    units: list[str] | None = None
    unit_of: dict[str, str] = field(default_factory=dict)  # part file -> listed unit
    missing_units: list[str] = field(default_factory=list)
    against: CheckResult | None = None  # the summary report, checked (SUM-PARTS findings moved to result)
    own_figures: bool = False  # the summary says it holds 本级 figures besides its parts
    previous_of: dict[str, str] = field(default_factory=dict)  # part file -> last year's report file

    @property
    def unlisted(self) -> list[CheckResult]:
        """Parts whose agency is no unit of the list (empty without a list)."""
        if self.units is None:
            return []
        return [p for p in self.parts if p.file not in self.unit_of]

    @property
    def flawed(self) -> list[CheckResult]:
        return [p for p in self.parts if p.errors]

    def carry_over(self) -> dict[str, list[Finding]]:
        """Per part paired with last year's report: its cross-year findings (may be empty)."""
        return {
            p.file: [f for f in p.findings if f.rule.startswith("CROSS-YEAR-")]
            for p in self.parts
            if p.report is not None and p.report.previous is not None
        }

    def unreadable(self) -> list[LeftOut]:
        return [o for o in self.left_out if o.reason == UNREADABLE]

    def to_json(self) -> dict:
        data = self.result.to_json()
        data["parts"] = [
            {
                "file": p.file,
                "agency": p.report.meta.agency,
                "year": p.report.meta.year,
                "unit": self.unit_of.get(p.file),
                "has_errors": bool(p.errors),
                "errors": p.errors,
                "warnings": p.warnings,
                "previous": self.previous_of.get(p.file),
                "findings": [f.to_json() for f in p.findings],
            }
            for p in self.parts
        ]
        data["left_out"] = [o.to_json() for o in self.left_out]
        data["missing_units"] = None if self.units is None else list(self.missing_units)
        data["unlisted"] = None if self.units is None else [p.file for p in self.unlisted]
        data["against"] = self.against.to_json() if self.against is not None else None
        return data


def part_name(result: CheckResult) -> str:
    """How a part is named in messages: its agency, else its file name."""
    if result.report is not None and result.report.meta.agency:
        return result.report.meta.agency
    return Path(result.file).name


def _add(readable: list[CheckResult]) -> tuple[Report, dict[str, list[tuple[str, Decimal]]]]:
    reports = [r.report for r in readable]
    years = {r.meta.year for r in reports}
    year = years.pop() if len(years) == 1 else None
    summed = Report(document=Document(blocks=[], kind="sum"), meta=Meta(title=f"{len(reports)} 份报告汇总", year=year))
    contributions: dict[str, list[tuple[str, Decimal]]] = {}
    for table in schema().tables:
        summed.tables[table.id] = []
        for cell_id in table.cell_ids(with_optional=False):
            total, seen, who = Decimal(0), False, []
            for part in readable:
                value = part.report.value(cell_id)
                if value is not None and value.counted is not None:
                    total += value.counted
                    seen = True
                    if value.counted:
                        who.append((part_name(part), value.counted))
            if seen:
                summed.cells[cell_id] = Located(parse_value(format_number(total)))
                contributions[cell_id] = who
    return summed, contributions


def sum_reports(results: list[CheckResult]) -> CheckResult:
    """Every readable result's statutory cells added up, and the sum checked."""
    summed, _ = _add([r for r in results if r.report is not None])
    return CheckResult(file="汇总", report=summed, findings=run_rules(summed))


def _differing_cells(a: Report, b: Report) -> list[str]:
    ids = schema().table("proactive").cell_ids(False) + [
        c for t in ("requests", "appeals") for c in schema().table(t).cell_ids(False)
    ]
    out = []
    for cell_id in ids:
        va, vb = a.value(cell_id), b.value(cell_id)
        if (va.counted if va else None) != (vb.counted if vb else None):
            out.append(cell_id)
    return out


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve() or Path(a).samefile(b)
    except OSError:
        return False


def _level_summaries(parts: list[CheckResult]) -> list[CheckResult]:
    """The reports among ``parts`` that sum the others up: a government's own report (某市某区人民政府)
    beside reports of its own departments and towns (某市某区教育局, 某市某区某镇人民政府 …). A
    county government's report in a city's folder of county reports is a part, not a summary."""
    agencies = [(r, (r.report.meta.agency or "").strip()) for r in parts]
    found = []
    for r, agency in agencies:
        region = agency.removesuffix("人民政府")
        if region and region != agency and any(o is not r and a.startswith(region) for o, a in agencies):
            found.append(r)
    return found


def choose_parts(results: list[CheckResult], year: int | None = None, exclude: str | None = None):
    """(the year summed, the parts, what was left out and why) — see the module doc."""
    left_out: list[LeftOut] = []
    readable: list[CheckResult] = []
    for r in results:
        if exclude is not None and _same_file(r.file, exclude):
            left_out.append(LeftOut(r.file, IS_SUMMARY, "这是用于核对的汇总报告本身，不计入各单位之和"))
        elif r.report is None:
            message = r.error.message if r.error else "无法读取"
            left_out.append(LeftOut(r.file, UNREADABLE, f"无法读取，未计入汇总：{message}"))
        else:
            readable.append(r)
    known = [r.report.meta.year for r in readable if r.report.meta.year]
    target = year if year is not None else (max(known) if known else None)
    this_year: list[CheckResult] = []
    for r in readable:
        y = r.report.meta.year
        if target is None or y == target:
            this_year.append(r)
        elif y is None:
            left_out.append(
                LeftOut(r.file, YEAR_UNKNOWN, f"未能识别报告年度，未计入 {target} 年度汇总；请核对报告标题")
            )
        else:
            left_out.append(LeftOut(r.file, OTHER_YEAR, f"这是 {y} 年度的报告，本次汇总 {target} 年度，未计入"))
    groups: dict[str, list[CheckResult]] = {}
    for r in this_year:
        groups.setdefault(_key(r.report) or f"file:{r.file}", []).append(r)
    parts: list[CheckResult] = []
    for group in groups.values():
        group.sort(key=lambda r: (formats.preference(r.file), r.errors, r.file))
        kept = group[0]
        parts.append(kept)
        for dup in group[1:]:
            differ = _differing_cells(kept.report, dup.report)
            text = f"与“{Path(kept.file).name}”是同一单位（{part_name(kept)}）同一年度的报告，只计一次"
            if differ:
                shown = "、".join(cell_display(c) for c in differ[:3]) + ("等" if len(differ) > 3 else "")
                text += f"；但两份有 {len(differ)} 个单元格数字不同（{shown}），请确认以哪份为准"
            else:
                text += "，两份数字一致"
            left_out.append(LeftOut(dup.file, DUPLICATE, text, kept.file))
    for summary in _level_summaries(parts):
        parts.remove(summary)
        left_out.append(
            LeftOut(
                summary.file,
                IS_SUMMARY,
                f"这是“{summary.report.meta.agency}”的年度报告，即本级政府的汇总报告，其中已含下列单位的数字，"
                "再计入会重复计算，未计入；如需核对它与各单位之和，请用 --against 给出它",
            )
        )
    order = {r.file: i for i, r in enumerate(results)}
    parts.sort(key=lambda r: order[r.file])
    left_out.sort(key=lambda o: order.get(o.file, len(order)))
    return target, parts, left_out


def summarise(
    results: list[CheckResult],
    year: int | None = None,
    units: list[str] | None = None,
    against: CheckResult | None = None,
) -> Summation:
    """Choose the parts, add them up, match them to the units list, check a summary against them.

    ``results`` are checked results (:func:`core.check.check_files`, which pairs consecutive
    years of one agency); ``against`` a loaded (not yet checked) summary report."""
    target, parts, left_out = choose_parts(results, year, exclude=against.file if against is not None else None)
    summed, contributions = _add(parts)
    summed.meta.year = target
    by_report = {id(r.report): r.file for r in results if r.report is not None}
    previous_of = {p.file: by_report.get(id(p.report.previous)) for p in parts if p.report.previous is not None}
    for entry in left_out:
        if entry.reason == OTHER_YEAR:
            now = next((f for f, prev in previous_of.items() if prev == entry.file), None)
            if now is not None:
                entry.same_as = now
                entry.message += f"（已用作“{Path(now).name}”的上年对照）"
    s = Summation(
        CheckResult(file="汇总", report=summed, findings=run_rules(summed)),
        target,
        parts,
        left_out,
        units,
        previous_of=previous_of,
    )
    if units is not None:
        agencies = {p.report.meta.agency: p for p in parts if p.report.meta.agency}
        matched = match_units(units, list(agencies))
        s.unit_of = {agencies[a].file: u for a, u in matched.items()}
        s.missing_units = [u for u in units if u not in set(matched.values())]
    if against is not None:
        missing = list(s.missing_units) + [Path(o.file).name for o in s.unreadable()]
        if against.report is not None:
            s.own_figures = says_own_figures(against.report)
            against.report.summed = PartsSum(summed, contributions, missing)
        finish(against)
        s.result.findings += [f for f in against.findings if f.rule == SUM_RULE]
        against.findings = [f for f in against.findings if f.rule != SUM_RULE]
        s.result.findings.sort(key=lambda f: f.severity != ERROR)
        s.against = against
    return s
