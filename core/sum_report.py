"""The summed tables as a text listing of key figures and as a standard report to start from.

Core layer. :func:`key_figures` gives the figures a 政务公开办 looks at first (新收, 办结, 结转,
复议, 诉讼, 现行有效 …) as (label, text) pairs; :func:`write_summary_docx` fills the standard template
(``resources/templates/report.docx``, :mod:`core.regenerate`) with the summed tables and opening
sentences built from them, so that the compiler of the 汇总 report starts from a filled draft.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

from core.regenerate import _cells_context, _render
from core.report import Report
from core.schema import row_display, schema
from core.template import DEFAULT_TEMPLATE
from core.values import format_number

REASONS = {"other_year": "其他年度", "duplicate": "重复", "unreadable": "无法读取", "year_unknown": "年度不明"}
REASONS["summary"] = "汇总报告"


def _n(report: Report, cell_id: str) -> Decimal:
    value = report.value(cell_id)
    return value.counted if value is not None and value.counted is not None else Decimal(0)


def _rows(report: Report, rows, col: str = "total") -> Decimal:
    return sum((_n(report, f"requests.{r}.{col}") for r in rows), Decimal(0))


def _group(group_id: str) -> list[str]:
    """The rows of a group of 表三 (（三）不予公开 …), from the schema."""
    return [r.id for r in schema().table("requests").rows if r.group == group_id]


def key_figures(report: Report) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(label, figure)]) for the listing of a sum."""
    f = format_number
    proactive = [
        (
            schema().table("proactive").row(row).label,
            f"制发 {f(_n(report, f'proactive.{row}.issued'))}  废止 {f(_n(report, f'proactive.{row}.repealed'))}  "
            f"现行有效 {f(_n(report, f'proactive.{row}.in_force'))} 件",
        )
        for row in (r.id for r in schema().table("proactive").rows if schema().stock("proactive").col in r.cols)
    ]
    proactive += [
        (f"{label}决定", f"{f(_n(report, f'proactive.{row}.decisions'))} 件")
        for row, label in (("licensing", "行政许可"), ("penalty", "行政处罚"), ("coercion", "行政强制"))
    ]
    proactive.append(("行政事业性收费", f"{f(_n(report, 'proactive.fees.amount'))} 万元"))
    requests = [
        ("本年新收申请", f"{f(_n(report, 'requests.new.total'))} 件"),
        ("上年结转", f"{f(_n(report, 'requests.carried_over.total'))} 件"),
        ("本年办结（办理结果总计）", f"{f(_n(report, 'requests.results_total.total'))} 件"),
        ("  予以公开", f"{f(_n(report, 'requests.granted.total'))} 件"),
        ("  部分公开", f"{f(_n(report, 'requests.partial.total'))} 件"),
        ("  不予公开", f"{f(_rows(report, _group('denied')))} 件"),
        ("  无法提供", f"{f(_rows(report, _group('unable')))} 件"),
        ("  不予处理", f"{f(_rows(report, _group('rejected')))} 件"),
        ("  其他处理", f"{f(_rows(report, _group('other')))} 件"),
        ("结转下年度继续办理", f"{f(_n(report, 'requests.carry_forward.total'))} 件"),
    ]
    appeals_table = schema().table("appeals")
    appeals = [
        (
            label,
            f"{f(_n(report, f'appeals.{g}.total'))} 件（维持 {f(_n(report, f'appeals.{g}.upheld'))}，纠正 "
            f"{f(_n(report, f'appeals.{g}.corrected'))}，其他 {f(_n(report, f'appeals.{g}.other'))}，尚未审结 "
            f"{f(_n(report, f'appeals.{g}.pending'))}）",
        )
        for g, label in ((r.id, row_display(appeals_table, r)) for r in appeals_table.rows)
    ]
    return [("主动公开", proactive), ("依申请公开（总计列）", requests), ("行政复议、行政诉讼", appeals)]


def width(text: str) -> int:
    """Columns a terminal gives ``text``: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def listing(report: Report) -> list[str]:
    """The key figures as aligned lines of Chinese text."""
    blocks = key_figures(report)
    columns = max(width(label) for _, rows in blocks for label, _ in rows) + 2
    lines = []
    for heading, rows in blocks:
        lines.append(f"  {heading}")
        lines += [f"    {pad(label, columns)}{figure}" for label, figure in rows]
    return lines


def _paragraphs(report: Report, year: int | None, parts: int) -> dict[str, list[str]]:
    f = format_number
    new, carried = _n(report, "requests.new.total"), _n(report, "requests.carried_over.total")
    done, forward = _n(report, "requests.results_total.total"), _n(report, "requests.carry_forward.total")
    review = _n(report, "appeals.review.total")
    suits = _n(report, "appeals.suit_direct.total") + _n(report, "appeals.suit_after_review.total")
    period = f"自{year}年1月1日起至{year}年12月31日止" if year else "为本年度1月1日起至12月31日止"
    return {
        "preamble": [
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定编制，"
            f"统计表数据由所属 {parts} 个单位的年度报告逐级汇总。本报告中所列数据的统计期限{period}。"
        ],
        "overview": [
            f"本年度共新收政府信息公开申请 {f(new)} 件，上年结转 {f(carried)} 件，办结 {f(done)} 件，"
            f"结转下年度继续办理 {f(forward)} 件。",
            f"现行有效行政规范性文件 {f(_n(report, 'proactive.normative_docs.in_force'))} 件。"
            f"发生政府信息公开行政复议 {f(review)} 件、行政诉讼 {f(suits)} 件。",
        ],
    }


def write_summary_docx(
    report: Report, out: str | Path, agency: str = "", year: int | None = None, parts: int = 0, template=None
) -> Path:
    """The summed tables in the standard report, its opening sentences filled from them; the
    narrative of each section left for the compiler (raises core.regenerate.TemplateError)."""
    text = _paragraphs(report, year, parts)
    sections = {s.id: [] for s in schema().sections}
    sections["overview"] = text["overview"]
    name = agency or "（机关名称）"
    context = {
        "title": f"{name}{year or ''}{'年' if year else ''}政府信息公开工作年度报告",
        "preamble": text["preamble"],
        "sections": sections,
        "c": _cells_context(report),
        "agency": agency,
        "signed_date": "",
    }
    out = Path(out)
    _render(template or DEFAULT_TEMPLATE, context, out)
    return out


def write_sum_workbook(s, out: str | Path) -> Path:
    """The summed tables, one row per part, and sheets for what was left out, the missing units
    and the carry-over findings per unit (``s`` a :class:`core.summing.Summation`)."""
    from core.rules import rule_title
    from core.summing import part_name
    from core.xlsx import write_workbook

    sheets = [
        (
            "未计入文件",
            [["文件", "原因", "说明"]] + [[Path(o.file).name, REASONS[o.reason], o.message] for o in s.left_out],
        )
    ]
    if s.units is not None:
        rows = [["单位", "情况"]] + [[u, "未收到报告"] for u in s.missing_units]
        rows += [[part_name(p), f"不在单位名单中（{Path(p.file).name}）"] for p in s.unlisted]
        sheets.append(("缺报单位", rows))
    carry = [["单位", "文件", "上年报告", "规则", "说明"]]
    for file, findings in s.carry_over().items():
        part = next(p for p in s.parts if p.file == file)
        then = Path(s.previous_of.get(file) or "").name
        for f in findings or [None]:
            carry.append(
                [
                    part_name(part),
                    Path(file).name,
                    then,
                    rule_title(f.rule) if f else "",
                    f.message if f else "衔接一致",
                ]
            )
    if len(carry) > 1:
        sheets.append(("上年对照", carry))
    return write_workbook([s.result], out, summary_of=s.parts, extra_sheets=sheets)
