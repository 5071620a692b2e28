"""Generating DOCX report drafts with python-docx, in every layout spec section 3 lists.

Project code shared by the tests, the benchmarks and ``samples/``: it builds a report with known,
consistent numbers (every 勾稽关系 holds), lays the three statutory tables out in a chosen layout,
and lets a caller override any cell's raw text to inject a fault. Run it as a script to rebuild
the bundled samples: ``python tests/fixturegen.py samples``.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.docx_tables import PlannedTable, draw_grid  # noqa: E402
from core.grid import CAPTION, GridCell, GridLayout, layout, request_value_columns  # noqa: E402
from core.schema import schema  # noqa: E402

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


def add_requests(doc, spec: Spec) -> None:
    eight = spec.layout.eight_columns
    if spec.layout.requests != "loose":
        grid = layout("requests", eight)
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
    grid = layout(table_id, spec.layout.eight_columns)
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


def build_html(path: str | Path, spec: Spec, encoding: str = "gbk") -> Path:
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
<style>td {{ font-size: 12px }}</style></head>
<body><div class="nav">您当前的位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<table width="100%" border="0"><tr><td>
{chr(10).join(body)}
</td></tr></table>
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
