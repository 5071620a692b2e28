"""Generating DOCX report drafts with python-docx, in every layout spec section 3 lists.

Project code shared by the tests, the benchmarks and ``samples/``: it builds a report with known,
consistent numbers (every 勾稽关系 holds), lays the three statutory tables out in a chosen layout,
and lets a caller override any cell's raw text to inject a fault. A top-level module of the
source tree, exposed by the editable install (``import fixturegen``) and never part of the built
program (build.spec excludes it). Run it to rebuild the bundled samples: ``python -m fixturegen samples``.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from core.docx_tables import PlannedTable, draw_grid
from core.grid import CAPTION, GridCell, GridLayout, layout
from core.schema import schema

ROOT = Path(__file__).resolve().parent

ORG = ["business", "research", "ngo", "legal", "other_org"]
RESULT_ROWS = next(r.parts for r in schema().relations if r.rule == "REQ-RESULTS-TOTAL")


@dataclass
class Layout:
    proactive: str = "official"  # official | split | unmerged
    requests: str = "official"  # official | loose (unmerged, half-width, split/broken labels)
    appeals: str = "official"  # official | compact (no vertical merges, broken labels)
    eight_columns: bool = False  # 法人或其他组织 with a 小计 column
    label_variants: bool = False  # 上年转结 / 转结下年度
    tracked: bool = False  # a value in a tracked insertion, a cell in a content control
    published: bool = False  # page numbers, a running header, repeated and spaced-out table headers
    extra_rows: int = 0  # padding rows in a trailing non-statutory table (stress)
    omit: tuple[str, ...] = ()  # statutory tables left out


@dataclass
class Spec:
    agency: str = "某市某区市场监督管理局"
    year: int = 2023
    values: dict[str, object] = field(default_factory=dict)  # cell id -> number
    raw: dict[str, str] = field(default_factory=dict)  # cell id -> text written instead
    layout: Layout = field(default_factory=Layout)
    signed: str | None = None  # signature date; default 1 月 15 日 of the next year; "" for none
    edit: object = None  # a function called with the python-docx Document before it is saved

    def text(self, cell_id: str) -> str:
        if cell_id in self.raw:
            return self.raw[cell_id]
        value = self.values.get(cell_id, 0)
        return str(value)

    @property
    def title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"


def consistent_values(seed: int = 7, eight_columns: bool = False) -> dict[str, object]:
    """Nonzero figures for every statutory cell, with every sum relation satisfied."""
    rng = random.Random(seed)
    v: dict[str, object] = {
        "proactive.regulations.issued": 0,
        "proactive.regulations.repealed": 0,
        "proactive.regulations.in_force": 0,
        "proactive.normative_docs.issued": 5,
        "proactive.normative_docs.repealed": 2,
        "proactive.normative_docs.in_force": 37,
        "proactive.licensing.decisions": 126,
        "proactive.penalty.decisions": 48,
        "proactive.coercion.decisions": 3,
        "proactive.fees.amount": Decimal("1.25"),
    }
    cols = ["natural", *ORG]
    for row in RESULT_ROWS:
        for col in cols:
            v[f"requests.{row}.{col}"] = (
                rng.choice([0, 0, 0, 1, 2, 3, 5]) if col in ("natural", "business") else rng.choice([0, 0, 0, 0, 1])
            )
    for col in cols:
        results = sum(v[f"requests.{row}.{col}"] for row in RESULT_ROWS)
        v[f"requests.results_total.{col}"] = results
        v[f"requests.carry_forward.{col}"] = rng.choice([0, 1, 2])
        carried = min(rng.choice([0, 1, 2]), results + v[f"requests.carry_forward.{col}"])
        v[f"requests.carried_over.{col}"] = carried
        v[f"requests.new.{col}"] = results + v[f"requests.carry_forward.{col}"] - carried
    for row in schema().table("requests").rows:
        v[f"requests.{row.id}.total"] = sum(v[f"requests.{row.id}.{c}"] for c in cols)
        if eight_columns:
            v[f"requests.{row.id}.org_subtotal"] = sum(v[f"requests.{row.id}.{c}"] for c in ORG)
    appeals = {"review": [2, 1, 0, 1], "suit_direct": [1, 0, 1, 0], "suit_after_review": [0, 1, 0, 0]}
    for group, nums in appeals.items():
        for col, n in zip(["upheld", "corrected", "other", "pending"], nums):
            v[f"appeals.{group}.{col}"] = n
        v[f"appeals.{group}.total"] = sum(nums)
    return v


def zero_values(eight_columns: bool = False) -> dict[str, object]:
    return {cid: 0 for cid in schema().cell_ids() if eight_columns or "org_subtotal" not in cid}


def _heading(doc, text: str) -> None:
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(16)


def _draw(doc, grid: GridLayout, text_of, widths_cm, merged: bool = True, rows: range | None = None) -> None:
    draw_grid(doc, grid, text_of, widths_cm, merged=merged, rows=rows)


def _text_of(spec: Spec, labels: dict[str, str] | None = None):
    labels = labels or {}

    def text_of(cell: GridCell) -> str:
        if cell.cell_id:
            return spec.text(cell.cell_id)
        return labels.get(cell.text, cell.text)

    return text_of


# -- 表二 ----------------------------------------------------------------------------------------
PROACTIVE_WIDTHS = [4, 3.5, 3.5, 3.5]


def add_proactive(doc, spec: Spec) -> None:
    grid = layout("proactive")
    text_of = _text_of(spec)
    if spec.layout.proactive == "split":
        starts = [c.row for c in grid.cells if c.kind == CAPTION] + [grid.rows]
        for a, b in zip(starts, starts[1:]):
            _draw(doc, grid, text_of, PROACTIVE_WIDTHS, rows=range(a, b))
            doc.add_paragraph()
        return
    _draw(doc, grid, text_of, PROACTIVE_WIDTHS, merged=spec.layout.proactive == "official")


# -- 表三 ----------------------------------------------------------------------------------------
def _request_labels(spec: Spec) -> dict[str, str]:
    if not spec.layout.label_variants:
        return {}
    return {
        "二、上年结转政府信息公开申请数量": "二、上年转结政府信息公开申请数量",
        "四、结转下年度继续办理": "四、转结下年度继续办理",
    }


def _request_widths(n_values: int) -> list[float]:
    return [1.4, 2.0, 4.2] + [(14.5 - 7.6) / n_values] * n_values


def request_value_columns(eight_columns: bool) -> tuple[str, ...]:
    """表三's value columns in a layout with or without the 小计 column."""
    return schema().table("requests").column_ids(with_optional=eight_columns)


def add_requests(doc, spec: Spec) -> None:
    eight = spec.layout.eight_columns
    if spec.layout.requests != "loose":
        grid = layout("requests", request_value_columns(eight))
        _draw(doc, grid, _text_of(spec, _request_labels(spec)), _request_widths(grid.cols - 3))
        return
    _add_loose_requests(doc, spec)


def _add_loose_requests(doc, spec: Spec) -> None:
    """No merges, half-width brackets, padded and broken labels, group labels split from their
    numbering — in either order — as in real drafts."""
    sch = schema().table("requests")
    value_cols = request_value_columns(spec.layout.eight_columns)
    col_labels = {c.id: c.label for c in sch.columns}
    col_labels.update({"business": "商业\n企业", "research": "科研\n机构", "ngo": "社会公益 组织"})
    n_label = 3
    width = n_label + len(value_cols)
    grid = PlannedTable(doc, 3 + len(sch.rows), width, _request_widths(len(value_cols)))
    labels = {r.id: r.label for r in sch.rows}
    for standard, variant in _request_labels(spec).items():
        labels[next(r.id for r in sch.rows if r.label == standard)] = variant

    def half(s: str) -> str:
        return s.replace("（", "(").replace("）", ")").replace(".", ". ")

    org_cols = [c for c in value_cols if col_labels and sch.column(c).group == "org"]
    grid.set(0, 0, half(sch.corner))
    grid.set(0, n_label, sch.header["top"])
    grid.set(1, n_label, col_labels["natural"])
    grid.set(1, n_label + value_cols.index(org_cols[0]), sch.header["org_group"])
    grid.set(1, width - 1, col_labels["total"])
    for c in org_cols:
        grid.set(2, n_label + value_cols.index(c), col_labels[c])
    groups = {g.id: g for g in sch.groups}
    for i, row in enumerate(sch.rows):
        r = 3 + i
        if row.group is None:
            grid.set(r, 0, labels[row.id].replace("本年", "本 年"))
        elif row.group == "results":
            if row.id == "granted":
                grid.set(r, 0, "三、本 年度 办 理 结 果")
            grid.set(r, 1, half(labels[row.id]))
        else:
            if [x.id for x in sch.rows if x.group == row.group][0] == row.id:
                g = groups[row.group]
                numeral, word = half(g.label)[:3], g.label[3:]
                a, b = (word, numeral) if row.group in ("unable", "other") else (numeral, word)
                grid.set(r, 0, a)
                grid.set(r, 1, b)
            grid.set(r, 2, half(labels[row.id]))
        for j, col in enumerate(value_cols):
            grid.set(r, n_label + j, spec.text(f"requests.{row.id}.{col}"))
    grid.apply()


# -- 表四 ----------------------------------------------------------------------------------------
def add_appeals(doc, spec: Spec) -> None:
    grid = layout("appeals")
    text_of = _text_of(spec)
    if spec.layout.appeals == "compact":
        broken = {
            c.label: c.label[:2] + "\n" + c.label[2:] for c in schema().table("appeals").columns if len(c.label) == 4
        }
        text_of = _text_of(spec, broken)
        # no vertical merges: the review group's column labels stand in the second row only
        grid = GridLayout(
            grid.table_id,
            grid.rows,
            grid.cols,
            tuple(GridCell(c.row, c.col, c.text, c.kind, 1, c.col_span, c.cell_id) for c in grid.cells),
        )
    _draw(doc, grid, text_of, [14.5 / grid.cols] * grid.cols)


def _run_in(tag: str, text_tag: str, text: str, attrs: dict[str, str]):
    """``<tag attrs><w:r><text_tag>text</text_tag></w:r></tag>``: a run inside a tracked change or field."""
    outer = OxmlElement(tag)
    for name, value in attrs.items():
        outer.set(qn(name), value)
    run = OxmlElement("w:r")
    inner = OxmlElement(text_tag)
    inner.text = text
    run.append(inner)
    outer.append(run)
    return outer


# -- tracked changes and content controls ------------------------------------------------------
def _apply_tracked(doc, spec: Spec) -> None:
    """Put requests.new.natural in a tracked insertion (after a deleted old value), wrap the cell
    of appeals.review.total in a cell-level content control, and a paragraph in a block-level one."""
    tables = doc.tables
    req = next(t for t in tables if "本年新收" in t._tbl.xml or "本 年新收" in t._tbl.xml)
    cell = req.cell(3, 3)
    p = cell.paragraphs[0]
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    p._p.append(_run_in("w:del", "w:delText", "99", {"w:id": "1", "w:author": "审核人"}))
    p._p.append(_run_in("w:ins", "w:t", spec.text("requests.new.natural"), {"w:id": "2", "w:author": "审核人"}))

    app = next(t for t in tables if "行政复议" in t._tbl.xml)
    tc = app.rows[3]._tr.tc_lst[4]
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    tr = tc.getparent()
    position = tr.index(tc)
    tr.remove(tc)
    content.append(tc)
    sdt.append(OxmlElement("w:sdtPr"))
    sdt.append(content)
    tr.insert(position, sdt)

    body = doc.element.body
    para = body.find(qn("w:p"))
    wrapper = OxmlElement("w:sdt")
    inner = OxmlElement("w:sdtContent")
    body.insert(body.index(para), wrapper)
    wrapper.append(OxmlElement("w:sdtPr"))
    wrapper.append(inner)
    inner.append(para)


# -- as published -------------------------------------------------------------------------------
def _apply_published(doc, spec: Spec) -> None:
    """What a report ready for publication carries: "- N -" page numbers in the footer, a running
    header, the request table's header rows repeated on every page it runs over, and its column
    labels spaced out character by character (商 业 企 业)."""
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = spec.title
    footer = section.footer.paragraphs[0]
    footer.add_run("- ")
    footer._p.append(_run_in("w:fldSimple", "w:t", "1", {"w:instr": "PAGE"}))
    footer.add_run(" -")
    labels = {c.label for c in schema().table("requests").columns}
    req = next(t for t in doc.tables if "年新收" in t._tbl.xml)
    for tr in req._tbl.tr_lst[:3]:
        tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell in req._cells[: 3 * len(req.columns)]:
        if cell.text in labels and len(cell.text) > 2:
            cell.paragraphs[0].runs[0].text = " ".join(cell.text)
            for extra in cell.paragraphs[0].runs[1:]:
                extra.text = ""


# -- the whole report --------------------------------------------------------------------------
def narrative(spec: Spec) -> dict[str, list[str]]:
    v = {k: spec.text(k) for k in ("requests.new.total", "requests.carried_over.total", "requests.carry_forward.total")}
    return {
        "一、总体情况": [
            f"{spec.year}年，{spec.agency}坚持以公开为常态、不公开为例外，认真贯彻落实《中华人民共和国政府信息公开条例》，"
            "政府信息公开工作取得新进展。",
            "（一）主动公开。全年通过门户网站主动公开政府信息，及时发布政策文件和解读材料。",
            f"（二）依申请公开。全年新收政府信息公开申请{v['requests.new.total']}件，上年结转{v['requests.carried_over.total']}件，"
            f"结转下年度继续办理{v['requests.carry_forward.total']}件。",
            "（三）政府信息管理。严格落实信息发布审核制度，定期清理过时信息。",
            "（四）平台建设。持续优化政府网站栏目，提升检索和互动功能。",
            "（五）监督保障。将政务公开纳入年度目标考核，主动接受社会监督。",
        ],
        "二、主动公开政府信息情况": [],
        "三、收到和处理政府信息公开申请情况": [],
        "四、政府信息公开行政复议、行政诉讼情况": [],
        "五、存在的主要问题及改进情况": [
            "存在的主要问题：一是政策解读形式较为单一；二是依申请公开答复的规范化水平有待提升。",
            "改进情况：下一步将丰富图解、视频等解读形式，加强业务培训，提升答复质量。",
        ],
        "六、其他需要报告的事项": [
            f"本机关{spec.year}年度未收取政府信息公开信息处理费。",
        ],
    }


def build_docx(path: str | Path, spec: Spec) -> Path:
    path = Path(path)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(12)
    title = doc.add_paragraph()
    title.add_run(spec.title).bold = True
    doc.add_paragraph(
        f"本报告根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自{spec.year}年1月1日起至"
        f"{spec.year}年12月31日止。"
    )
    adders = {
        "二、主动公开政府信息情况": add_proactive,
        "三、收到和处理政府信息公开申请情况": add_requests,
        "四、政府信息公开行政复议、行政诉讼情况": add_appeals,
    }
    for heading, paragraphs in narrative(spec).items():
        _heading(doc, heading)
        for text in paragraphs:
            doc.add_paragraph(text)
        table_id = {"二": "proactive", "三": "requests", "四": "appeals"}.get(heading[0])
        if heading in adders and table_id not in spec.layout.omit:
            adders[heading](doc, spec)
    doc.add_paragraph(spec.agency)
    if spec.signed != "":
        doc.add_paragraph(spec.signed or f"{spec.year + 1}年1月15日")
    if spec.layout.extra_rows:
        pad = PlannedTable(doc, spec.layout.extra_rows, 4)
        for r in range(spec.layout.extra_rows):
            for c in range(4):
                pad.set(r, c, f"附表第{r + 1}行第{c + 1}列")
        pad.apply()
    if spec.layout.tracked:
        _apply_tracked(doc, spec)
    if spec.layout.published:
        _apply_published(doc, spec)
    if spec.edit:
        spec.edit(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def _html_table(spec: Spec, table_id: str) -> str:
    grid = layout(table_id, request_value_columns(spec.layout.eight_columns))
    labels = _request_labels(spec)
    rows = []
    for r in range(grid.rows):
        tds = []
        for cell in sorted((c for c in grid.cells if c.row == r), key=lambda c: c.col):
            text = escape(spec.text(cell.cell_id) if cell.cell_id else labels.get(cell.text, cell.text))
            if cell.cell_id == "requests.new.natural":
                text = f"<del>99</del><ins>{text}</ins>"  # a correction left visible on the page
            tag = "th" if cell.kind == "header" else "td"
            spans = (f' rowspan="{cell.row_span}"' if cell.row_span > 1 else "") + (
                f" colspan={cell.col_span}" if cell.col_span > 1 else ""
            )
            tds.append(f'<{tag}{spans} valign="middle"><p align="center"><span>&nbsp;{text}&nbsp;</span></p></{tag}>')
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return '<table border="1" cellspacing="0" cellpadding="2"><tbody>\n' + "\n".join(rows) + "\n</tbody></table>"


# Widgets a saved government page keeps after the signature, hidden until clicked: a translate
# bar, a site search, a "copied" toast, a share box hidden by the page's own style sheet.
HIDDEN_WIDGETS = """<div id="translate" style="display: none">翻译 English 繁體 2024年3月1日</div>
<div class="search-box hide"><p>站内搜索</p><input type="text" value="请输入关键词"/><p>2024年3月2日更新</p></div>
<div hidden>复制成功！</div><div class="share" aria-hidden="true">分享到：微信 微博</div>
<div style="visibility:hidden">本页已复制到剪贴板</div>"""


def build_html(path: str | Path, spec: Spec, encoding: str = "gbk", widgets: bool = False) -> Path:
    """The report as a government website shows it: page chrome around a layout table, the
    narrative in paragraphs and <br>-separated lines, the statutory tables in the official layout
    with rowspan/colspan, saved in the given encoding (GBK as older sites serve it)."""
    tables = {"二": "proactive", "三": "requests", "四": "appeals"}
    body = [f'<div class="title"><h1>{escape(spec.title)}</h1></div>', '<div id="zoom">']
    body.append(
        f"<p style='text-indent:2em'>本报告根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自{spec.year}年1月1日起至"
        f"{spec.year}年12月31日止。</p>"
    )
    for heading, paragraphs in narrative(spec).items():
        body.append(f"<p><strong>{escape(heading)}</strong></p>")
        if paragraphs:
            body.append("<p>" + "<br/>\n".join(f"&nbsp;&nbsp;{escape(t)}" for t in paragraphs) + "</p>")
        table_id = tables.get(heading[0])
        if table_id and table_id not in spec.layout.omit:
            body.append(_html_table(spec, table_id))
    body.append(f"<p align='right'>{escape(spec.agency)}<br>{spec.signed or f'{spec.year + 1}年1月15日'}</p></div>")
    charset = "gb2312" if encoding == "gbk" else encoding
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{escape(spec.title)}_政务公开</title>
<script type="text/javascript">var nav = "<table><tr><td>首页</td></tr></table>";</script>
<style>td {{ font-size: 12px }} .hide, .popup {{ display:none; }}</style></head>
<body><div class="nav">您当前的位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<table width="100%" border="0"><tr><td>
{chr(10).join(body)}
</td></tr></table>
{HIDDEN_WIDGETS if widgets else ""}
<div class="footer">主办：{escape(spec.agency)}　网站标识码：0000000000</div>
</body></html>"""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(page.encode(encoding))
    return path


def make_spec(layout: Layout | None = None, raw: dict[str, str] | None = None, seed: int = 7, **kw) -> Spec:
    layout = layout or Layout()
    return Spec(values=consistent_values(seed, layout.eight_columns), raw=dict(raw or {}), layout=layout, **kw)


COUNTY = "某县"
COUNTY_UNITS = ["教育局", "公安局", "民政局", "财政局", "人力资源和社会保障局", "自然资源局", "住房和城乡建设局"]
COUNTY_UNITS += ["交通运输局", "卫生健康委员会", "市场监督管理局", "城关镇人民政府", "河口乡人民政府"]


def build_county(folder: str | Path, year: int = 2023) -> dict:
    """A county's folder of reports for 汇总 tests: the 12 units of ``COUNTY_UNITS`` less the last
    one (its report is missing), the 4th also as a web page (a duplicate), the 6th also with last
    year's report (its 结转 off by one in 自然人), and one report of a unit no list names (县档案馆).
    Returns the units list as a 政务公开办 writes it (some names without the county), the specs
    of the parts that should be added, and the special files."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    specs: dict[Path, Spec] = {}
    for i, unit in enumerate(COUNTY_UNITS[:-1]):
        spec = make_spec(agency=COUNTY + unit, year=year, seed=100 + i)
        specs[build_docx(folder / f"{i + 1:02d}-{unit}.docx", spec)] = spec
    extra = make_spec(agency=COUNTY + "档案馆", year=year, seed=99)
    unlisted = build_docx(folder / "13-档案馆.docx", extra)
    specs[unlisted] = extra
    fourth = next(p for p, s in specs.items() if s.agency == COUNTY + COUNTY_UNITS[3])
    duplicate = build_html(folder / f"{fourth.stem}.html", specs[fourth])
    sixth = next(s for s in specs.values() if s.agency == COUNTY + COUNTY_UNITS[5])
    carry = {f"requests.carry_forward.{c}": str(sixth.values[f"requests.carried_over.{c}"]) for c in ["natural", *ORG]}
    carry["requests.carry_forward.natural"] = str(sixth.values["requests.carried_over.natural"] + 1)
    carry["requests.carry_forward.total"] = str(sixth.values["requests.carried_over.total"] + 1)
    last = build_docx(
        folder / f"06-{COUNTY_UNITS[5]}-{year - 1}.docx",
        make_spec(agency=sixth.agency, year=year - 1, seed=5, raw=carry),
    )
    units = [COUNTY + u if i % 3 else u for i, u in enumerate(COUNTY_UNITS)]  # some without the county
    return {
        "units": units,
        "specs": specs,
        "missing": units[-1],
        "duplicate": duplicate,
        "last_year": last,
        "unlisted": unlisted,
    }


def summary_spec(parts: list[Spec], agency: str = COUNTY + "人民政府", off: dict[str, int] | None = None, **kw) -> Spec:
    """The county's own summary report: every cell the sum of ``parts``, ``off`` cells changed by
    the given amounts."""
    values: dict[str, object] = {}
    for spec in parts:
        for cell_id, value in spec.values.items():
            values[cell_id] = values.get(cell_id, 0) + value
    for cell_id, delta in (off or {}).items():
        values[cell_id] = values[cell_id] + delta
    return Spec(agency=agency, year=parts[0].year, values=values, **kw)


LAYOUTS = {
    "official": Layout(),
    "split": Layout(proactive="split"),
    "unmerged": Layout(proactive="unmerged", requests="loose", appeals="compact"),
    "loose": Layout(requests="loose", appeals="compact"),
    "eight": Layout(eight_columns=True),
    "eight_loose": Layout(eight_columns=True, requests="loose", proactive="split"),
    "variants": Layout(label_variants=True),
    "tracked": Layout(tracked=True),
    "published": Layout(published=True, eight_columns=True),
}


# -- shapes Word, WPS, converters and OA systems make (spec section 3) ---------------------------
# Each shape is built the way those programs write it, not the way the reader expects: an edit of
# the python-docx document before saving, and/or a rewrite of the saved package.
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _tables_of(doc, word: str):
    return [t for t in doc.tables if word in t._tbl.xml]


def _requests_table(doc):
    return next(t for t in doc.tables if "年新收" in t._tbl.xml or "本 年新收" in t._tbl.xml)


def _appeals_table(doc):
    return next(t for t in doc.tables if "复议后起诉" in t._tbl.xml)


def _paragraph(text: str):
    p = OxmlElement("w:p")
    if text:
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = text
        r.append(t)
        p.append(r)
    return p


def split_table(tbl, at: int, repeat_header: int = 0, between: str | None = None, restart: bool = False):
    """Cut a w:tbl before row ``at`` into two tables, as a page break or Word's 拆分表格 does:
    the second keeps the grid; ``repeat_header`` header rows copied on top of it; a paragraph
    (续表) or an empty one between. ``restart=False`` leaves a vertical merge running through the
    cut as ``vMerge`` continuations; ``True`` restarts it with an empty cell, as Word does."""
    import copy

    rows = tbl.findall(qn("w:tr"))
    second = OxmlElement("w:tbl")
    for tag in ("w:tblPr", "w:tblGrid"):
        el = tbl.find(qn(tag))
        if el is not None:
            second.append(copy.deepcopy(el))
    for tr in rows[:repeat_header]:
        second.append(copy.deepcopy(tr))
    for tr in rows[at:]:
        second.append(tr)
    if restart:
        first = rows[at]
        for tc in first.findall(qn("w:tc")):
            vm = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            if vm is not None and vm.get(qn("w:val")) is None:
                vm.set(qn("w:val"), "restart")
    tbl.addnext(second)
    tbl.addnext(_paragraph(between or ""))
    return second


def _split_requests(at: int, repeat_header: int, between: str | None, restart: bool = False):
    def edit(doc):
        split_table(_requests_table(doc)._tbl, at, repeat_header, between, restart)

    return edit


def _stack_appeals(doc) -> None:
    """表四 as two stacked tables: 行政复议 (5 columns) above 行政诉讼 (10 columns), as offices
    draw it when the 15-column table does not fit the page."""
    import copy

    tbl = _appeals_table(doc)._tbl
    rows = tbl.findall(qn("w:tr"))
    n = 5

    def part(first_col: int, width: int, keep_rows):
        new = OxmlElement("w:tbl")
        new.append(copy.deepcopy(tbl.find(qn("w:tblPr"))))
        grid = OxmlElement("w:tblGrid")
        for _ in range(width):
            col = OxmlElement("w:gridCol")
            col.set(qn("w:w"), str(9000 // width))
            grid.append(col)
        new.append(grid)
        for r in keep_rows:
            tr = copy.deepcopy(rows[r])
            col = 0
            for tc in tr.findall(qn("w:tc")):
                span_el = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
                span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
                if not (first_col <= col < first_col + width):
                    tr.remove(tc)
                col += span
            new.append(tr)
        return new

    review = part(0, n, [0, 1, 2, 3])
    suits = part(n, 2 * n, [0, 1, 2, 3])
    tbl.addprevious(review)
    tbl.addprevious(_paragraph(""))
    tbl.addprevious(suits)
    tbl.getparent().remove(tbl)


def _wrap_in_one_cell(doc, elements, caption: str | None = None):
    """Move body elements into a one-cell table (a frame, or a web page's layout table)."""
    first = elements[0]
    tbl = OxmlElement("w:tbl")
    pr = OxmlElement("w:tblPr")
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), "0")
    width.set(qn("w:type"), "auto")
    pr.append(width)
    tbl.append(pr)
    grid = OxmlElement("w:tblGrid")
    col = OxmlElement("w:gridCol")
    col.set(qn("w:w"), "9000")
    grid.append(col)
    tbl.append(grid)
    tr = OxmlElement("w:tr")
    tc = OxmlElement("w:tc")
    tbl.append(tr)
    tr.append(tc)
    first.addprevious(tbl)
    if caption:
        tc.append(_paragraph(caption))
    for el in elements:
        tc.append(el)
    tc.append(_paragraph(""))  # a cell must end with a paragraph
    return tbl


def _control_around_requests(doc) -> None:
    """表三 inside a block-level content control (an OA template's form field around the table)."""
    tbl = _requests_table(doc)._tbl
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    alias = OxmlElement("w:alias")
    alias.set(qn("w:val"), "表三")
    pr.append(alias)
    sdt.append(pr)
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    tbl.addprevious(sdt)
    content.append(tbl)


def _frame_requests(doc) -> None:
    _wrap_in_one_cell(doc, [_requests_table(doc)._tbl], "表三：收到和处理政府信息公开申请情况")


def _web_layout(doc) -> None:
    """A report copied from a government web page into Word: everything sits in the page's layout
    table, beside a navigation column."""
    body = doc.element.body
    elements = [el for el in body if el.tag != qn("w:sectPr")]
    tbl = _wrap_in_one_cell(doc, elements)
    tr = tbl.find(qn("w:tr"))
    nav = OxmlElement("w:tc")
    nav.append(_paragraph("首页 > 政务公开 > 政府信息公开年报"))
    tr.insert(0, nav)
    grid = tbl.find(qn("w:tblGrid"))
    col = OxmlElement("w:gridCol")
    col.set(qn("w:w"), "1500")
    grid.insert(0, col)


def text_box_run(width_pt: int = 453, height_pt: int = 113, wrap: str = "wrapTopAndBottom"):
    """A run holding one text box as Word 2010+ saves it: a wps shape in mc:Choice and the same
    box again as VML in mc:Fallback; both ``w:txbxContent`` are empty, for the caller to fill."""
    from lxml import etree

    ns = (
        f'xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    cx, cy = width_pt * 12700, height_pt * 12700
    return etree.fromstring(
        f"""<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0"
 layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="{cx}" cy="{cy}"/>
<wp:{wrap}/><wp:docPr id="9" name="文本框 9"/><a:graphic><a:graphicData
 uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:spPr/><wps:txbx>
<w:txbxContent/></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape style="width:{width_pt}pt;height:{height_pt}pt"><v:textbox><w:txbxContent/></v:textbox></v:shape></w:pict>
</mc:Fallback></mc:AlternateContent></w:r>"""
    )


def _textbox_appeals(doc) -> None:
    """表四 inside a text box, as Word 2010+ saves it: a wps shape in mc:Choice and the same text
    box again as VML in mc:Fallback."""
    import copy

    tbl = _appeals_table(doc)._tbl
    run = text_box_run()
    boxes = list(run.iter(f"{{{W_NS}}}txbxContent"))
    caption = _paragraph("表四 政府信息公开行政复议、行政诉讼情况")
    for box in boxes:
        box.append(copy.deepcopy(caption))
        box.append(copy.deepcopy(tbl))
        box.append(_paragraph(""))
    anchor = _paragraph("")
    anchor.append(run)
    tbl.addprevious(anchor)
    tbl.getparent().remove(tbl)


def _placeholders(cells: list[str]):
    """Unfilled content controls in value cells, still showing Word's grey placeholder text."""

    def edit(doc):
        for t in doc.tables:
            for tc in t._tbl.iter(qn("w:tc")):
                text = "".join(x.text or "" for x in tc.iter(qn("w:t")))
                if text != "⟦PLC⟧":
                    continue
                p = tc.find(qn("w:p"))
                for r in p.findall(qn("w:r")):
                    p.remove(r)
                sdt = OxmlElement("w:sdt")
                pr = OxmlElement("w:sdtPr")
                pr.append(OxmlElement("w:showingPlcHdr"))
                sdt.append(pr)
                content = OxmlElement("w:sdtContent")
                content.append(_paragraph("单击或点击此处输入文字。").find(qn("w:r")))
                sdt.append(content)
                p.append(sdt)

    return edit


def _numbered_headings(doc) -> None:
    """The six section headings and the 一、总体情况 sub-headings numbered by Word's automatic list
    numbering (numbering.xml): 一、 and （一） are not in the text."""
    from docx.oxml import parse_xml

    numbering = f"""<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="90">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum><w:num w:numId="93"><w:abstractNumId w:val="90"/></w:num></w:numbering>"""
    part = doc.part.numbering_part  # the template's numbering part, extended as Word does
    for child in parse_xml(numbering):
        if child.tag == qn("w:abstractNum"):
            part.element.insert(0, child)
        else:
            part.element.append(child)
    sections = [h for h in narrative(Spec()) if h[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")]
    for p in doc.paragraphs:
        level = None
        if p.text in sections:
            level, text = 0, p.text[2:]
        elif p.text[:1] == "（" and p.text[2:3] == "）" and p.text[1] in "一二三四五":
            level, text = 1, p.text[3:]
        if level is None:
            continue
        p.runs[0].text = text
        for extra in p.runs[1:]:
            extra.text = ""
        p_pr = p._p.get_or_add_pPr()
        num_pr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), str(level))
        num_id = OxmlElement("w:numId")
        num_id.set(qn("w:val"), "93")
        num_pr.append(ilvl)
        num_pr.append(num_id)
        p_pr.insert(0, num_pr)


def _agency_line(doc) -> None:
    """The agency on its own line above <年份>年政府信息公开工作年度报告 (seed 001)."""
    title = doc.paragraphs[0]
    spec_title = title.text
    year_at = spec_title.index("20")
    agency, rest = spec_title[:year_at], spec_title[year_at:]
    title.runs[0].text = rest
    title._p.addprevious(_paragraph(agency))


def _second_stats_table(doc, heading: str = "一、总体情况") -> None:
    """A table of what was published by category inside 一、总体情况 (or wherever ``heading`` is),
    with a 行政规范性文件 row whose figure is not 表二's."""
    anchor = next(p for p in doc.paragraphs if p.text == heading)
    t = doc.add_table(rows=4, cols=3)
    t.style = "Table Grid"
    for r, texts in enumerate([("类别", "发布数量（条）", "占比"), ("行政规范性文件", "7", "10%")]):
        for c, text in enumerate(texts):
            t.cell(r, c).text = text
    for r, texts in enumerate([("政策解读", "30", "43%"), ("行政许可", "33", "47%")], start=2):
        for c, text in enumerate(texts):
            t.cell(r, c).text = text
    following = anchor._p.getnext()
    following.addnext(t._tbl)


def _ambiguous_proactive(doc, between: str = "") -> None:
    """表二 drawn twice under heading 二 with different figures: two candidates fit equally (one
    right after the other, or with a line of text between)."""
    import copy

    tbl = next(t for t in doc.tables if "第二十条" in t._tbl.xml)._tbl
    twin = copy.deepcopy(tbl)
    for tc in twin.iter(qn("w:tc")):
        texts = list(tc.iter(qn("w:t")))
        if len(texts) == 1 and texts[0].text == "37":
            texts[0].text = "38"
    tbl.addnext(twin)
    tbl.addnext(_paragraph(between))


def _blank_appeals_row(doc) -> None:
    """表四's value row left empty, as small units do when they had no case."""
    tbl = _appeals_table(doc)._tbl
    for t in tbl.findall(qn("w:tr"))[3].iter(qn("w:t")):
        t.text = ""


OTHER_ROWS = [r.id for r in schema().table("requests").rows if r.group == "other"]


def _other_as_one_row(doc) -> None:
    """（六）其他处理 printed as one row (the 2019 shape) inside a 2021-format 表三: the group label
    spans the label columns, each figure is the sum of the three rows it replaces."""
    tbl = _requests_table(doc)._tbl
    rows = tbl.findall(qn("w:tr"))
    first = next(i for i, tr in enumerate(rows) if "逾期不补正" in "".join(t.text or "" for t in tr.iter(qn("w:t"))))
    parts = rows[first : first + len(OTHER_ROWS)]

    def texts(tr):
        return [tc for tc in tr.findall(qn("w:tc"))]

    sums = [0] * (len(texts(parts[0])) - 3)
    for tr in parts:
        for j, tc in enumerate(texts(tr)[3:]):
            sums[j] += int("".join(t.text or "" for t in tc.iter(qn("w:t"))) or 0)
    tcs = texts(parts[0])
    group, label = tcs[1], tcs[2]
    pr = group.find(qn("w:tcPr"))
    pr.remove(pr.find(qn("w:vMerge")))
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), "2")
    pr.insert(0, span)
    parts[0].remove(label)
    for tc, total in zip(tcs[3:], sums):
        t = next(tc.iter(qn("w:t")))
        t.text = str(total)
    for tr in parts[1:]:
        tbl.remove(tr)


def _other_values(values: dict) -> None:
    for col in ["natural", *ORG, "total"]:
        values[f"requests.other_other.{col}"] = sum(values.pop(f"requests.{r}.{col}") for r in OTHER_ROWS)


def _label_typo(doc) -> None:
    """A label with a typo, as published: 2.其他法律行政止公开."""
    for t in _requests_table(doc)._tbl.iter(qn("w:t")):
        if t.text == "2.其他法律行政法规禁止公开":
            t.text = "2.其他法律行政止公开"


def _note_column(table, header: str, notes: dict[str, str], label: str = "备注"):
    """An edit: a column of notes added at the right of ``table(doc)``, as some units add one —
    ``label`` in the header rows that hold the text ``header``, the note ``notes[text]`` in the
    row holding ``text`` (a note may contain a row's key word: 本级无规章制定权; ``"#"``: a row of
    figures only), blank elsewhere."""

    def edit(doc) -> None:
        tbl = table(doc)._tbl
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), "1200")
        tbl.find(qn("w:tblGrid")).append(col)
        for tr in tbl.iter(qn("w:tr")):
            text = "".join(t.text or "" for t in tr.iter(qn("w:t")))
            keys = [key for key in notes if key in text or (key == "#" and text.isdigit())]
            note = label if header in text else notes[keys[0]] if keys else ""
            tc = OxmlElement("w:tc")
            tc.append(_paragraph(note))
            tr.append(tc)

    return edit


PROACTIVE_NOTES = {
    "规章": "本级无规章制定权",
    "行政规范性文件": "含区政府办公室文件",
    "行政事业性收费": "不含已取消项目",
}
REQUEST_NOTES = {"（一）予以公开": "含网上申请12件", "三、本年度办理结果": "详见正文"}
APPEAL_NOTES = {"#": "行政复议案件均已审结"}


def _combine(*edits):
    def edit(doc):
        for e in edits:
            e(doc)

    return edit


# -- package rewrites (after saving) ------------------------------------------------------------
def _rewrite_package(path: Path, change) -> None:
    """Rewrite a saved package part by part: ``change(name, data) -> [(name, data), …]``."""
    import zipfile

    with zipfile.ZipFile(path) as src:
        items = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    out = []
    for name, data in items:
        out.extend(change(name, data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in out:
            dst.writestr(name, data)


def word_online(path: Path) -> None:
    """Word Online's naming: the main part is word/document2.xml (found only through _rels/.rels)."""

    def change(name, data):
        if name == "word/document.xml":
            return [("word/document2.xml", data)]
        if name == "word/_rels/document.xml.rels":
            return [("word/_rels/document2.xml.rels", data)]
        if name in ("_rels/.rels", "[Content_Types].xml"):
            return [(name, data.replace(b"word/document.xml", b"word/document2.xml"))]
        return [(name, data)]

    _rewrite_package(path, change)


STRICT = {
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main": b"http://purl.oclc.org/ooxml/wordprocessingml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
    b"http://schemas.openxmlformats.org/drawingml/2006/main": b"http://purl.oclc.org/ooxml/drawingml/main",
}


def strict_ooxml(path: Path) -> None:
    """Saved as Strict Open XML Document: purl.oclc.org namespaces and relationship types."""

    def change(name, data):
        if name.endswith(".xml") or name.endswith(".rels"):
            for a, b in STRICT.items():
                data = data.replace(a, b)
            if name == "word/document.xml":
                data = data.replace(b"<w:document ", b'<w:document w:conformance="strict" ', 1)
        return [(name, data)]

    _rewrite_package(path, change)


def macro_enabled(path: Path) -> Path:
    """A .docm: macro-enabled main part content type and a vbaProject.bin (never run)."""
    macro = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b'Attribute VB_Name = "NewMacros"\x00' * 20

    def change(name, data):
        if name == "[Content_Types].xml":
            data = data.replace(
                b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                b"application/vnd.ms-word.document.macroEnabled.main+xml",
            ).replace(
                b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
            )
            return [(name, data)]
        if name == "word/_rels/document.xml.rels":
            rel = (
                b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"'
                b' Target="vbaProject.bin"/></Relationships>'
            )
            return [(name, data.replace(b"</Relationships>", rel)), ("word/vbaProject.bin", macro)]
        return [(name, data)]

    _rewrite_package(path, change)
    target = path.with_suffix(".docm")
    path.replace(target)
    return target


def alt_chunk(path: Path, spec: Spec) -> None:
    """表三 arriving as an embedded DOCX chunk (w:altChunk), as OA systems assemble reports."""
    import io

    chunk = Document()
    chunk.add_paragraph("表三")
    add_requests(chunk, spec)
    buffer = io.BytesIO()
    chunk.save(buffer)
    chunk_in_place(
        path,
        _requests_table,
        "/word/afchunk1.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        buffer.getvalue(),
    )


def chunk_in_place(path: Path, table, name: str, content_type: str, data: bytes) -> None:
    """Replace the table ``table(doc)`` of the draft at ``path`` by a w:altChunk of part ``name``
    holding ``data``."""
    doc = Document(str(path))
    chunk_edit(table, name, content_type, data)(doc)
    doc.save(str(path))


def chunk_edit(table, name: str, content_type: str, data: bytes):
    """An edit: the table ``table(doc)`` replaced by a w:altChunk of part ``name`` holding ``data``."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    def edit(doc) -> None:
        part = Part(PackURI(name), content_type, data, doc.part.package)
        rid = doc.part.relate_to(part, RT.A_F_CHUNK)
        tbl = table(doc)._tbl
        alt = OxmlElement("w:altChunk")
        alt.set(qn("r:id"), rid)
        tbl.addprevious(alt)
        tbl.getparent().remove(tbl)

    return edit


# 表二 as an RTF chunk (OA systems write them too): not read, CHUNK-UNREAD
RTF_CHUNK = b"{\\rtf1\\ansi\\ansicpg936 \\b \\'b1\\'ed\\'b6\\'fe}"


def note_row(doc) -> None:
    """A 备注 row under 表三, its note merged over the other columns: text under the table, not
    a column of notes."""
    row = _requests_table(doc).add_row()
    row.cells[0].text = "备注"
    merged = row.cells[1].merge(row.cells[-1])
    merged.text = "本表统计口径为本机关本年度收到的全部申请"


def _proactive_table(doc):
    return next(t for t in doc.tables if "制发件数" in t._tbl.xml)


def html_alt_chunk(path: Path, spec: Spec, data: bytes | None = None, name: str = "/word/afchunk1.htm") -> None:
    """表二 arriving as an HTML chunk (w:altChunk, content type text/html), as OA systems write
    it: the table as a web page shows it (``data``: other bytes in its place, e.g. an RTF chunk)."""
    if data is None:
        page = f"<html><head><meta charset='gb2312'></head><body>{_html_table(spec, 'proactive')}</body></html>"
        data = page.encode("gbk")
    chunk_in_place(path, _proactive_table, name, "text/html", data)


@dataclass(frozen=True)
class Shape:
    """A draft shape: the layout, an edit of the document, a rewrite of the saved package, the
    cells it leaves blank (read as 0 with VALUE-BLANK), the rules it rightly raises, and the
    table a fault injected in it should be found in."""

    edit: object = None
    package: object = None
    blank: tuple[str, ...] = ()
    expect: frozenset = frozenset()
    fault: str = "requests.new.total"
    suffix: str = ".docx"
    layout: Layout = field(default_factory=Layout)
    values: object = None  # adjusts the figures read (a function of the values dict)
    absent: tuple[str, ...] = ()  # cells not in the draft at all (null, no VALUE-BLANK)


APPEAL_CELLS = tuple(c for c in schema().table("appeals").cell_ids())
PLACEHOLDER_CELLS = (
    "proactive.regulations.issued",
    *[c for c, v in consistent_values().items() if c.startswith("requests.") and v == 0][:3],
)
SHAPES: dict[str, Shape] = {
    "requests_split": Shape(_split_requests(11, 0, None)),
    "requests_split_header_xubiao": Shape(_split_requests(14, 3, "续表"), fault="requests.denied_safety.total"),
    "requests_split_restart": Shape(
        _split_requests(20, 3, "续表三", restart=True), fault="requests.results_total.natural"
    ),
    "requests_split_loose": Shape(_split_requests(16, 0, "（续表）"), layout=Layout(requests="loose")),
    "appeals_stacked": Shape(_stack_appeals, fault="appeals.suit_after_review.total"),
    "requests_frame": Shape(_frame_requests),
    "requests_in_control": Shape(_control_around_requests),
    "web_layout": Shape(_web_layout, fault="appeals.review.total"),
    "appeals_textbox": Shape(_textbox_appeals, fault="appeals.suit_direct.total"),
    "appeals_blank_row": Shape(_blank_appeals_row, blank=APPEAL_CELLS, expect=frozenset({"VALUE-BLANK"})),
    "second_stats_table": Shape(_second_stats_table, fault="requests.carry_forward.total"),
    "proactive_twice": Shape(_ambiguous_proactive, expect=frozenset({"TABLE-AMBIGUOUS"})),
    "proactive_twice_apart": Shape(
        lambda doc: _ambiguous_proactive(doc, "以下为修订后的主动公开情况统计表（供参考）："),
        expect=frozenset({"TABLE-AMBIGUOUS"}),
    ),
    "placeholders": Shape(
        _placeholders(list(PLACEHOLDER_CELLS)), blank=PLACEHOLDER_CELLS, expect=frozenset({"VALUE-BLANK"})
    ),
    "numbered_headings": Shape(_numbered_headings),
    "other_one_row": Shape(
        _other_as_one_row,
        values=_other_values,
        absent=tuple(f"requests.{r}.{c}" for r in OTHER_ROWS[:-1] for c in ["natural", *ORG, "total"]),
        expect=frozenset({"ROWS-COMBINED"}),
        fault="requests.results_total.natural",
    ),
    "label_typo": Shape(_label_typo, expect=frozenset({"LABEL-NONSTANDARD"}), fault="requests.denied_law.total"),
    "agency_line": Shape(_agency_line),
    "word_online": Shape(package=word_online),
    "strict": Shape(package=strict_ooxml),
    "docm": Shape(package=macro_enabled, suffix=".docm"),
    "alt_chunk": Shape(package="alt_chunk"),
    "alt_chunk_html": Shape(package="alt_chunk_html"),
    "proactive_notes": Shape(
        _note_column(lambda doc: _proactive_table(doc), "信息内容", PROACTIVE_NOTES),
        expect=frozenset({"TABLE-EXTRA-COLUMN"}),
    ),
    "requests_notes": Shape(
        _note_column(_requests_table, "申请人情况", REQUEST_NOTES, "说明"), expect=frozenset({"TABLE-EXTRA-COLUMN"})
    ),
    "appeals_notes": Shape(
        _note_column(_appeals_table, "行政复议", APPEAL_NOTES),
        expect=frozenset({"TABLE-EXTRA-COLUMN"}),
        fault="appeals.review.total",
    ),
}


def build_shape(folder: Path, name: str, raw: dict[str, str] | None = None, seed: int = 7) -> tuple[Path, Spec]:
    """Build draft shape ``name`` (see SHAPES) with its figures; ``raw`` overrides cells (faults)."""
    shape = SHAPES[name]
    raw = dict(raw or {})
    for cell in shape.blank:
        if name == "placeholders":
            raw.setdefault(cell, "⟦PLC⟧")
        else:
            raw.setdefault(cell, "")
    spec = make_spec(shape.layout, raw=raw, seed=seed, edit=shape.edit)
    if name == "appeals_blank_row":
        spec.values.update({c: 0 for c in APPEAL_CELLS})
    path = build_docx(folder / f"{name}.docx", spec)
    if shape.values:
        shape.values(spec.values)
    if shape.package == "alt_chunk":
        alt_chunk(path, spec)
    elif shape.package == "alt_chunk_html":
        html_alt_chunk(path, spec)
    elif shape.package:
        path = shape.package(path) or path
    return path, spec


# -- a PDF as WPS 文字 exports it ------------------------------------------------------------------
WPS_SPACED = {"三、本年度办理结果": "三 、本 年 度办 理 结果", "总计": "总 计", "自然人": "自 然 人"}
WPS_TYPO = {"2.其他法律行政法规禁止公开": "2.其他法律行政止公开"}
PAGE_W, PAGE_H, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 595.0, 842.0, 72.0, 80.0, 770.0


def _wps_cells(table_id: str, spec: Spec, one_row_other: bool):
    """(row, col, row_span, col_span, text, kind) of a table as the WPS export draws it: the
    labels spaced and mistyped as published, （六）其他处理 as one row when asked."""
    grid = layout(table_id)
    cells = []
    for c in grid.cells:
        text = spec.text(c.cell_id) if c.cell_id else WPS_SPACED.get(c.text, WPS_TYPO.get(c.text, c.text))
        cells.append([c.row, c.col, c.row_span, c.col_span, text, c.kind, c.cell_id])
    rows = grid.rows
    if table_id == "requests" and one_row_other:
        first = grid.position(f"requests.{OTHER_ROWS[0]}.natural")[0]
        gone = range(first + 1, first + len(OTHER_ROWS))
        sums = {}
        for col in request_value_columns(False):
            sums[col] = sum(int(spec.text(f"requests.{r}.{col}")) for r in OTHER_ROWS)
        kept = []
        for cell in cells:
            r, c, rs, cs, text, kind, cell_id = cell
            if r in gone or (r == first and c == 2):
                continue
            if r == first and c == 1:
                cell[2], cell[3] = 1, 2
            if r == first and cell_id:
                cell[4] = str(sums[cell_id.split(".")[2]])
            if r < first < r + rs - 1:
                cell[2] = rs - len(gone)
            if r > first:
                cell[0] = r - len(gone)
            kept.append(cell)
        cells, rows = kept, rows - len(gone)
    return cells, rows, grid.cols


class _WpsPainter:
    """Draws a report page by page the way WPS exports it: one text operator per character, a
    running header and a "- N -" page number on every page, tables as stroked cell rectangles."""

    def __init__(self, path: Path, title: str):
        from PySide6.QtCore import QMarginsF
        from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter

        self.app = QGuiApplication.instance() or QGuiApplication(["fixturegen"])
        self.writer = QPdfWriter(str(path))
        self.writer.setCreator("WPS 文字")
        self.writer.setTitle(title)
        self.writer.setResolution(72)
        self.writer.setPageLayout(
            QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        )
        self.painter = QPainter(self.writer)
        self.title = title
        self.page = 1
        self.y = MARGIN_TOP
        self.furniture()

    def font(self, size: float, bold: bool = False):
        from PySide6.QtGui import QFont, QFontMetricsF

        font = QFont("Noto Serif CJK SC")
        font.setPointSizeF(size)
        font.setBold(bold)
        self.painter.setFont(font)
        return QFontMetricsF(font)

    def chars(self, x: float, baseline: float, text: str, size: float, bold: bool = False, spacing: float = 0) -> float:
        from PySide6.QtCore import QPointF

        metrics = self.font(size, bold)
        for ch in text:
            if not ch.isspace():
                self.painter.drawText(QPointF(x, baseline), ch)
            x += metrics.horizontalAdvance(ch) + spacing
        return x

    def width(self, text: str, size: float, spacing: float = 0) -> float:
        metrics = self.font(size)
        return sum(metrics.horizontalAdvance(ch) + spacing for ch in text)

    def furniture(self) -> None:
        from PySide6.QtCore import QLineF

        self.chars((PAGE_W - self.width(self.title, 9)) / 2, 50, self.title, 9)
        self.painter.drawLine(QLineF(MARGIN_X, 56, PAGE_W - MARGIN_X, 56))
        marker = f"- {self.page} -"
        self.chars((PAGE_W - self.width(marker, 10)) / 2, 810, marker, 10)

    def need(self, height: float) -> None:
        if self.y + height > MARGIN_BOTTOM:
            self.writer.newPage()
            self.page += 1
            self.y = MARGIN_TOP
            self.furniture()

    def centered(self, text: str, size: float, bold: bool = True) -> None:
        self.need(size * 1.8)
        self.chars((PAGE_W - self.width(text, size)) / 2, self.y + size, text, size, bold)
        self.y += size * 1.8

    def paragraph(self, text: str, size: float = 12, bold: bool = False, spacing: float = 0, indent: bool = True):
        width = PAGE_W - 2 * MARGIN_X
        line, lines = "", []
        lead = 2 * size if indent else 0
        for ch in text:
            if self.width(line + ch, size, spacing) + (lead if not lines else 0) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
        for n, part in enumerate(lines):
            self.need(size * 1.6)
            self.chars(MARGIN_X + (lead if n == 0 else 0), self.y + size, part, size, bold, spacing)
            self.y += size * 1.6
        self.y += size * 0.4

    def table(self, cells, rows: int, widths: list[float], size: float = 7.5) -> None:
        from PySide6.QtCore import QRectF

        xs = [MARGIN_X]
        for w in widths:
            xs.append(xs[-1] + w)
        line_h = size * 1.3

        def wrap(text: str, width: float) -> list[str]:
            out = []
            for para in text.split("\n"):
                line = ""
                for ch in para:
                    if line and self.width(line + ch, size) > width - 4:
                        out.append(line)
                        line = ""
                    line += ch
                out.append(line)
            return out

        heights = [14.0] * rows
        for r, c, rs, cs, text, _kind, _ in cells:
            if rs == 1:
                heights[r] = max(heights[r], len(wrap(text, xs[c + cs] - xs[c])) * line_h + 4)
        self.need(sum(heights))
        ys = [self.y]
        for h in heights:
            ys.append(ys[-1] + h)
        for r, c, rs, cs, text, kind, _ in cells:
            x0, x1, y0, y1 = xs[c], xs[c + cs], ys[r], ys[r + rs]
            self.painter.drawRect(QRectF(x0, y0, x1 - x0, y1 - y0))
            lines = wrap(text, x1 - x0)
            top = y0 + (y1 - y0 - len(lines) * line_h) / 2
            for n, part in enumerate(lines):
                left = x0 + 2 if kind == "label" else x0 + (x1 - x0 - self.width(part, size)) / 2
                self.chars(left, top + (n + 1) * line_h - 0.3 * size, part, size)
        self.y = ys[-1] + 12

    def close(self) -> None:
        self.painter.end()


def build_wps_pdf(path: str | Path, spec: Spec, one_row_other: bool = True) -> Path:
    """The report as WPS 文字 exports it to PDF: the title on two lines (agency above
    <年份>年政府信息公开工作年度报告), spaced headings and labels, every character its own text
    operator, running header and page numbers, 表三 in the 2021 format but with （六）其他处理 as
    one row and a mistyped label (2.其他法律行政止公开)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = _WpsPainter(path, spec.title)
    pdf.centered(spec.agency, 18)
    pdf.centered(f"{spec.year}年政府信息公开工作年度报告", 18)
    pdf.y += 8
    pdf.paragraph(
        f"本报告根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自{spec.year}年1月1日起至"
        f"{spec.year}年12月31日止。"
    )
    widths = {
        "proactive": [451 * w / sum(PROACTIVE_WIDTHS) for w in PROACTIVE_WIDTHS],
        "requests": [40, 55, 150] + [(451 - 245) / 7] * 7,
        "appeals": [451 / 15] * 15,
    }
    for heading, paragraphs in narrative(spec).items():
        spaced = heading[0] + " " + heading[1:] if heading[0] in "三四" else heading
        pdf.paragraph(spaced, 12, bold=True, spacing=1.5 if heading[0] == "三" else 0, indent=False)
        for text in paragraphs:
            pdf.paragraph(text)
        table_id = {"二": "proactive", "三": "requests", "四": "appeals"}.get(heading[0])
        if table_id and table_id not in spec.layout.omit:
            cells, rows, _ = _wps_cells(table_id, spec, one_row_other)
            pdf.table(cells, rows, widths[table_id])
    pdf.paragraph(spec.agency, indent=False)
    pdf.paragraph(spec.signed or f"{spec.year + 1}年1月15日", indent=False)
    pdf.close()
    return path


def wps_values(spec: Spec) -> dict:
    """The figures a reader should take from build_wps_pdf(spec): （六） folded into 3.其他."""
    values = {k: float(v) if isinstance(v, Decimal) else v for k, v in spec.values.items()}
    for col in ["natural", *ORG, "total"]:
        values[f"requests.other_other.{col}"] = sum(int(spec.text(f"requests.{r}.{col}")) for r in OTHER_ROWS)
        for r in OTHER_ROWS[:-1]:
            values[f"requests.{r}.{col}"] = None
    return values


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def export(docs: list[Path], outdir: Path, to: str = "pdf", options: dict | None = None) -> list[Path]:
    """Export DOCX files with LibreOffice headless in one run, as a report is published: to PDF
    (``options``: PDF export settings such as a password) or to another format it writes (html).
    Returns the files written; raises RuntimeError if LibreOffice wrote none of some."""
    outdir.mkdir(parents=True, exist_ok=True)
    target = to
    if options:
        settings = {
            k: {"type": "boolean", "value": str(v).lower()} if isinstance(v, bool) else {"type": "string", "value": v}
            for k, v in options.items()
        }
        target = f"pdf:writer_pdf_Export:{json.dumps(settings)}"
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            [soffice(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", target]
            + ["--outdir", str(outdir), *map(str, docs)],
            capture_output=True,
            text=True,
            timeout=600,
        )
    written = [outdir / f"{doc.stem}.{to}" for doc in docs]
    missing = [p.name for p in written if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {missing}: {proc.stdout} {proc.stderr}")
    return written


def build_samples(folder: Path) -> list[Path]:
    """The reports the repository ships: one clean, one with typical faults; the faulty one also
    as a government web page (GBK) and, where LibreOffice is installed, as its published PDF."""
    folder.mkdir(parents=True, exist_ok=True)
    clean = build_docx(folder / "示例-无误.docx", make_spec(agency="某市某区市场监督管理局"))
    faulty_spec = make_spec(
        Layout(label_variants=True),
        agency="某市某区教育局",
        raw={
            "requests.new.total": str(consistent_values()["requests.new.total"] + 1),
            "requests.granted.natural": "",
            "appeals.review.total": "3",
            "proactive.normative_docs.in_force": "22（其中修订16件）",
        },
    )
    faulty = build_docx(folder / "示例-有误.docx", faulty_spec)
    page = build_html(folder / "示例-有误.html", faulty_spec, "gbk")
    built = [clean, faulty, page]
    if soffice():
        built += export([faulty], folder)
    return built


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "samples"
    for p in build_samples(target):
        print(p)
