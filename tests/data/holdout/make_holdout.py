"""Build the hold-out reports: annual reports made the way offices make them, by someone who
has not looked at nianbao's reader or its fixture generator.

Run once (``python tests/data/holdout/make_holdout.py``); the files it writes are committed and
the tests do not regenerate them. Every report's figures come from a fixed seed; each file gets a
``<name>.expected.json`` beside it with the truth: every statutory cell as printed (``null``
where the office left the cell blank or wrote a placeholder such as ``—``), the rule ids that
must fire, and a note on how the file was made.

Builders: python-docx tables made from scratch (merged headers, 表三's two-level header and the
法人或其他组织 sub-columns, 表三 split with 续表, tables boxed in a one-cell frame, 表二 as four
small tables or with a 备注 column), an HTML page converted to DOCX by LibreOffice, a DOCX
round-tripped through ODT, a PDF exported by LibreOffice in a serif font, and a saved GBK web
page with the site's header, footer and hidden widgets.
"""

from __future__ import annotations

import copy
import json
import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------- the statutory rows and labels

ORG = ["business", "research", "ngo", "legal", "other_org"]
BASE = ["natural", *ORG]
COL_LABEL = {
    "natural": "自然人",
    "business": "商业企业",
    "research": "科研机构",
    "ngo": "社会公益组织",
    "legal": "法律服务机构",
    "other_org": "其他",
    "org_subtotal": "小计",
    "total": "总计",
}
R3 = "三、本年度办理结果"
G3 = "（三）不予公开"
G4 = "（四）无法提供"
G5 = "（五）不予处理"
G6 = "（六）其他处理"
# (row id, level-1 label, level-2 label, level-3 label)
REQ_ROWS = [
    ("new", "一、本年新收政府信息公开申请数量", None, None),
    ("carried_over", "二、上年结转政府信息公开申请数量", None, None),
    ("granted", R3, "（一）予以公开", None),
    ("partial", R3, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("denied_secret", R3, G3, "1.属于国家秘密"),
    ("denied_law", R3, G3, "2.其他法律行政法规禁止公开"),
    ("denied_safety", R3, G3, "3.危及“三安全一稳定”"),
    ("denied_third_party", R3, G3, "4.保护第三方合法权益"),
    ("denied_internal", R3, G3, "5.属于三类内部事务信息"),
    ("denied_process", R3, G3, "6.属于四类过程性信息"),
    ("denied_enforcement", R3, G3, "7.属于行政执法案卷"),
    ("denied_query", R3, G3, "8.属于行政查询事项"),
    ("unable_not_held", R3, G4, "1.本机关不掌握相关政府信息"),
    ("unable_create", R3, G4, "2.没有现成信息需要另行制作"),
    ("unable_unclear", R3, G4, "3.补正后申请内容仍不明确"),
    ("rejected_petition", R3, G5, "1.信访举报投诉类申请"),
    ("rejected_repeat", R3, G5, "2.重复申请"),
    ("rejected_publication", R3, G5, "3.要求提供公开出版物"),
    ("rejected_mass", R3, G5, "4.无正当理由大量反复申请"),
    ("rejected_confirm", R3, G5, "5.要求行政机关确认或重新出具已获取信息"),
    ("other_no_correction", R3, G6, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_no_fee", R3, G6, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_other", R3, G6, "3.其他"),
    ("results_total", R3, "（七）总计", None),
    ("carry_forward", "四、结转下年度继续办理", None, None),
]
RESULT_ROWS = [r[0] for r in REQ_ROWS[2:23]]
CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPEAL_GROUPS = ["review", "suit_direct", "suit_after_review"]
APPEAL_COLS = ["upheld", "corrected", "other", "pending", "total"]
APPEAL_LABEL = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}
SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
RT_AFCHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")

# ---------------------------------------------------------------- figures


def make_figures(rng: random.Random, scale: int, subtotal: bool, proactive: dict, appeals_scale: int) -> dict:
    """Return {cell_id: number} whose every statutory sum holds."""
    cells: dict[str, float] = {}
    # weights: how often a result row is used, relative to 予以公开
    weight = {r: 0.0 for r in RESULT_ROWS}
    weight.update(
        granted=1.0,
        partial=0.25,
        denied_third_party=0.05,
        denied_process=0.06,
        denied_internal=0.04,
        denied_enforcement=0.03,
        denied_query=0.05,
        unable_not_held=0.5,
        unable_create=0.08,
        unable_unclear=0.05,
        rejected_petition=0.1,
        rejected_repeat=0.08,
        rejected_publication=0.02,
        rejected_confirm=0.03,
        other_no_correction=0.06,
        other_other=0.05,
    )
    col_scale = {"natural": 1.0, "business": 0.25, "research": 0.02, "ngo": 0.03, "legal": 0.12, "other_org": 0.08}
    for col in BASE:
        s = scale * col_scale[col]
        total = 0
        for r in RESULT_ROWS:
            lam = s * weight[r] / 2.5
            v = int(rng.random() * 2 * lam + (0.5 if rng.random() < lam % 1 else 0)) if lam > 0 else 0
            cells[f"requests.{r}.{col}"] = v
            total += v
        cells[f"requests.results_total.{col}"] = total
        cf = rng.randint(0, max(0, int(s / 8))) if s >= 2 else 0
        co = rng.randint(0, min(total + cf, max(0, int(s / 10)))) if s >= 3 else 0
        cells[f"requests.carry_forward.{col}"] = cf
        cells[f"requests.carried_over.{col}"] = co
        cells[f"requests.new.{col}"] = total + cf - co
    for r, *_ in REQ_ROWS:
        if subtotal:
            cells[f"requests.{r}.org_subtotal"] = sum(cells[f"requests.{r}.{c}"] for c in ORG)
        cells[f"requests.{r}.total"] = sum(cells[f"requests.{r}.{c}"] for c in BASE)
    for g in APPEAL_GROUPS:
        s = appeals_scale * (1.0 if g == "review" else 0.5 if g == "suit_direct" else 0.3)
        vals = [rng.randint(0, int(s * w)) if s else 0 for w in (0.6, 0.25, 0.2, 0.3)]
        for c, v in zip(APPEAL_COLS[:4], vals):
            cells[f"appeals.{g}.{c}"] = v
        cells[f"appeals.{g}.total"] = sum(vals)
    for k, v in proactive.items():
        cells[f"proactive.{k}"] = v
    return cells


# ---------------------------------------------------------------- narrative


def narrative(r: dict) -> dict[str, list[str]]:
    """Return {section heading: [paragraphs]} agreeing with the figures in r['cells']."""
    c, y, a, short = r["cells"], r["year"], r["agency"], r["short"]
    new, co, cf = (int(c[f"requests.{k}.total"]) for k in ("new", "carried_over", "carry_forward"))
    granted = int(c["requests.granted.total"])
    review = int(c["appeals.review.total"]) if r.get("text_review", True) else None
    suits = int(c["appeals.suit_direct.total"] + c["appeals.suit_after_review.total"])
    in_force = int(c["proactive.normative_docs.in_force"])
    web = new * 3 // 5
    mail = (new - web) // 3
    last = r.get("last_year_new", new + 3)
    trend = (
        f"同比增长{(new - last) * 100 / last:.1f}%"
        if new > last
        else f"较上年减少{last - new}件"
        if new < last
        else "与上年持平"
    )
    issued = int(c["proactive.normative_docs.issued"])
    p1 = (
        f"{y}年，{a}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《中华人民共和国政府信息公开条例》"
        f"和《国务院办公厅关于印发{y}年政务公开工作要点的通知》部署要求，对照{y - 1}年度政务公开考评反馈问题逐项整改，围绕中心工作，扎实推进决策、执行、管理、服务、结果公开，"
        f"政府信息公开工作取得新进展。"
    )
    sub = [
        f"（一）主动公开。{short}通过门户网站、政务新媒体等渠道主动公开政府信息{r['published']}条，"
        f"其中本年制发行政规范性文件{issued}件，截至{y}年12月31日现行有效行政规范性文件{in_force}件，"
        f"均已在门户网站规范性文件栏目集中公开。",
        f"（二）依申请公开。{y}年共收到政府信息公开申请{new}件，{trend}，其中通过互联网在线提交{web}件、"
        f"信函{mail}件、当面提交{new - web - mail}件；上年结转{co}件。全年予以公开{granted}件，"
        f"结转下年度继续办理{cf}件，所有申请均在法定期限内答复。"
        if new
        else f"（二）依申请公开。{y}年{short}未收到政府信息公开申请，无上年结转申请。",
        "（三）政府信息管理。严格落实公开属性源头认定和保密审查制度，对拟公开信息逐条审核，"
        "动态调整主动公开基本目录，及时清理过时信息。",
        "（四）平台建设。持续优化政府信息公开专栏，规范栏目设置，完善检索功能，做好政务新媒体日常维护和内容保障。",
        "（五）监督保障。将政务公开纳入年度绩效考核，主动接受社会监督，全年未发生因政府信息公开工作被责任追究的情况。",
    ]
    s2 = [f"{y}年，{short}主动公开政府信息情况如下表。"]
    s3 = [f"{y}年，{short}收到和处理政府信息公开申请情况如下表。"]
    if review is None:
        s4 = [f"{y}年，{short}因政府信息公开被提起行政诉讼{suits}件。"]
    elif review == 0 and suits == 0:
        s4 = [f"{y}年，{short}未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"]
    else:
        g = {k: int(c[f"appeals.review.{k}"]) for k in APPEAL_COLS}
        s4 = [
            f"{y}年，{short}因政府信息公开被申请行政复议{review}件，被提起行政诉讼{suits}件。"
            + (
                f"行政复议案件中，结果维持{g['upheld']}件、结果纠正{g['corrected']}件、尚未审结{g['pending']}件。"
                if review
                else ""
            )
        ]
    s5 = [
        f"{y}年，{short}政府信息公开工作取得一定成效，但仍存在{r['problem']}等问题。",
        f"{y + 1}年，{short}将{r['plan']}，进一步提升政府信息公开工作质效。",
    ]
    s6 = [
        f"依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），{short}{y}年度未收取政府信息公开信息处理费。",
        r.get("extra6", f"{y}年度，{short}无其他需要报告的事项。"),
    ]
    return {
        SECTIONS[0]: [p1, *sub],
        SECTIONS[1]: s2,
        SECTIONS[2]: s3,
        SECTIONS[3]: s4,
        SECTIONS[4]: s5,
        SECTIONS[5]: s6,
    }


def intro(r: dict) -> str:
    y = r["year"]
    return (
        "依据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条和《关于印发中华人民共和国"
        "政府信息公开工作年度报告格式的通知》（国办公开办函〔2021〕30号）要求，编制本报告。"
        f"所列统计数据时间范围为{y}年1月1日至{y}年12月31日。如对本报告有疑问，请联系{r['agency']}办公室，"
        f"电话：{r['phone']}。"
    )


# ---------------------------------------------------------------- cell text


def shown(r: dict, cid: str) -> str:
    """The text the office typed into a statutory cell (None-valued truth = blank/placeholder)."""
    if cid in r.get("raw_text", {}):
        return r["raw_text"][cid]
    v = r["printed"][cid]
    table = cid.split(".")[0]
    if cid == "proactive.fees.amount":
        text = f"{v:.2f}".rstrip("0").rstrip(".") if v else "0"
    elif r.get("thousands"):
        text = format(int(v), ",")
    else:
        text = str(int(v))
    if table in r.get("suffix", {}) and not cid.endswith(".amount"):
        text += r["suffix"][table]
    if v == 0 and table in r.get("zero_as", {}):
        text = r["zero_as"][table]
    if r.get("fullwidth"):
        text = text.translate(FULLWIDTH)
    return text


def truth_cell(r: dict, cid: str):
    v = r["printed"][cid]
    table = cid.split(".")[0]
    if v == 0 and table in r.get("zero_as", {}) and r["zero_as"][table].strip() in ("", "—", "/", "-", "无", "——"):
        return None
    return v


# ---------------------------------------------------------------- python-docx building blocks


def set_font(run, east_asia: str, size: float | None = None, bold: bool = False):
    run.font.name = east_asia
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for k in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(k), east_asia)
    if size:
        run.font.size = Pt(size)
    run.bold = bold


def borders(table):
    """Single-line borders on every cell, as Word's 网格型 does without relying on the style."""
    tbl_pr = table._tbl.tblPr
    b = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{edge}")
        e.set(qn("w:val"), "single")
        e.set(qn("w:sz"), "4")
        e.set(qn("w:space"), "0")
        e.set(qn("w:color"), "000000")
        b.append(e)
    tbl_pr.append(b)


def widths(table, cm: list[float]):
    """Column widths as an office sets them (label columns wide, figure columns narrow)."""
    tw = [int(c * 567) for c in cm]  # twips
    for gc, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), tw):
        gc.set(qn("w:w"), str(w))
    table.autofit = False
    for tr in table._tbl.findall(qn("w:tr")):
        col = 0
        for tc in tr.findall(qn("w:tc")):
            span = tc.tcPr.find(qn("w:gridSpan")) if tc.tcPr is not None else None
            n = int(span.get(qn("w:val"))) if span is not None else 1
            tc.get_or_add_tcPr()
            w = tc.tcPr.find(qn("w:tcW"))
            if w is None:
                w = OxmlElement("w:tcW")
                tc.tcPr.insert(0, w)
            w.set(qn("w:w"), str(sum(tw[col : col + n])))
            w.set(qn("w:type"), "dxa")
            col += n


def put(cell, text: str, font: str, size: float = 10.5, bold=False, center=True, breaks=False):
    """Write text into a (possibly merged) cell, replacing what python-docx's merge left there."""
    for p in cell.paragraphs[1:]:
        p._element.getparent().remove(p._element)
    p = cell.paragraphs[0]
    for run in list(p.runs):
        run._element.getparent().remove(run._element)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    parts = text.split("\n") if breaks else [text]
    for i, part in enumerate(parts):
        run = p.add_run(part)
        set_font(run, font, size, bold)
        if i < len(parts) - 1:
            run.add_break()


class DocxBuilder:
    def __init__(self, r: dict):
        self.r = r
        self.rev_id = 0
        self.doc = Document()
        self.font = r.get("font", "仿宋_GB2312")
        self.head_font = r.get("head_font", "黑体")
        self.table_font = r.get("table_font", "宋体")
        st = self.doc.styles["Normal"]
        st.font.name = self.font
        st.element.rPr.rFonts.set(qn("w:eastAsia"), self.font)
        st.font.size = Pt(16 if r.get("big") else 12)

    # text
    def para(self, text, container=None, bold=False, font=None, center=False, size=None, indent=True):
        p = (container or self.doc).add_paragraph()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif indent:
            p.paragraph_format.first_line_indent = Pt(24)
        run = p.add_run(text)
        set_font(run, font or self.font, size, bold)
        return p

    def numbering(self) -> str:
        """A Word list whose numbers read 一、二、三、 (chineseCounting), for auto-numbered headings."""
        el = self.doc.part.numbering_part.element
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="singleLevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
            '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl></w:abstractNum>'
        )
        first = el.find(qn("w:num"))
        if first is not None:
            first.addprevious(abstract)
        else:
            el.append(abstract)
        el.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
        return "90"

    def heading(self, text):
        if self.r.get("heading_style"):
            h = self.doc.add_heading(level=1)
            if self.r.get("auto_numbered_headings"):
                self.num_id = getattr(self, "num_id", None) or self.numbering()
                num = parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{self.num_id}"/></w:numPr>'
                )
                h._p.get_or_add_pPr().append(num)
                text = text[2:]  # the 一、 comes from the list
            run = h.add_run(text)
            set_font(run, self.head_font, 16)
            return h
        return self.para(text, font=self.head_font, size=16, indent=False)

    def value(self, cell, cid: str):
        """A figure as Word stores it: one run, or (as after editing) one run per digit, or a
        tracked revision (the old figure deleted, the new one inserted)."""
        r = self.r
        text = shown(r, cid)
        if r.get("padded_cells"):
            text = f" {text}\u00a0"
        put(cell, text, self.table_font)
        p = cell.paragraphs[0]
        if r.get("padded_cells"):  # an empty paragraph above the figure, as pasted tables keep
            p.insert_paragraph_before("")
        if r.get("formula_totals") and cid.startswith("requests.") and cid.endswith(".total"):
            # the clerk let Word add the row up: a { =SUM(LEFT) } field showing its last result
            for run in list(p.runs):
                run._element.getparent().remove(run._element)
            for xml in (
                '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r {ns}><w:instrText xml:space="preserve"> =SUM(LEFT) </w:instrText></w:r>',
                '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
                "<w:r {ns}><w:t>" + text + "</w:t></w:r>",
                '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
            ):
                p._p.append(parse_xml(xml.format(ns=nsdecls("w"))))
        elif cid in r.get("tracked", {}):
            for run in list(p.runs):
                run._element.getparent().remove(run._element)
            for tag, body, t in (("w:del", r["tracked"][cid], "w:delText"), ("w:ins", text, "w:t")):
                rev = OxmlElement(tag)
                self.rev_id += 1
                rev.set(qn("w:id"), str(self.rev_id))
                rev.set(qn("w:author"), "李明")
                rev.set(qn("w:date"), f"{r['year'] + 1}-01-10T09:30:00Z")
                run = OxmlElement("w:r")
                el = OxmlElement(t)
                el.text = body
                run.append(el)
                rev.append(run)
                p._p.append(rev)
        elif r.get("split_runs") and len(text) > 1:
            for run in list(p.runs):
                run._element.getparent().remove(run._element)
            for k, ch in enumerate(text):
                run = p.add_run(ch)
                set_font(run, self.table_font, 10.5)
                run._element.set(qn("w:rsidR"), "00A3%04X" % (k * 7919 % 65536))

    def label(self, text: str) -> str:
        r = self.r
        if r.get("halfwidth_labels"):
            text = text.replace("（", "(").replace("）", ")")
            text = re.sub(r"^(\d)\.", r"\1. ", text)
        return r.get("label_text", {}).get(text, text)

    # tables
    def new_table(self, container, rows, cols):
        t = (container or self.doc).add_table(rows=rows, cols=cols)
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        borders(t)
        return t

    def proactive(self, container=None):
        """One 4-column table (or four small tables, or with a 备注 column)."""
        r, f = self.r, self.table_font
        note = r.get("proactive_note")
        blocks = [
            (
                "第二十条第（一）项",
                ["本年制发件数", "本年废止件数", "现行有效件数"],
                [("规章", "regulations"), ("行政规范性文件", "normative_docs")],
            ),
            ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", "licensing")]),
            ("第二十条第（六）项", ["本年处理决定数量"], [("行政处罚", "penalty"), ("行政强制", "coercion")]),
            ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", "fees")]),
        ]
        cols3 = {
            "regulations": ["issued", "repealed", "in_force"],
            "normative_docs": ["issued", "repealed", "in_force"],
        }
        ncol = 5 if note else 4
        split = r.get("proactive_split")
        t = None
        for caption, heads, rows in blocks:
            if split or t is None:
                n = (2 + len(rows)) if split else (4 * 2 + 6)
                t = self.new_table(container, n, ncol)
                i = 0
            t.cell(i, 0).merge(t.cell(i, ncol - 1))
            put(t.cell(i, 0), caption, f, bold=True)
            i += 1
            put(t.cell(i, 0), "信息内容", f, bold=True)
            if len(heads) == 3:
                for k, h in enumerate(heads):
                    put(t.cell(i, 1 + k), h, f, bold=True)
            else:
                t.cell(i, 1).merge(t.cell(i, 3))
                put(t.cell(i, 1), heads[0], f, bold=True)
            if note:
                put(t.cell(i, 4), "备注", f, bold=True)
            i += 1
            for label, rid in rows:
                put(t.cell(i, 0), label, f)
                if rid in cols3:
                    for k, col in enumerate(cols3[rid]):
                        self.value(t.cell(i, 1 + k), f"proactive.{rid}.{col}")
                else:
                    col = "amount" if rid == "fees" else "decisions"
                    t.cell(i, 1).merge(t.cell(i, 3))
                    self.value(t.cell(i, 1), f"proactive.{rid}.{col}")
                if note:
                    put(t.cell(i, 4), note.get(rid, ""), f, size=9)
                i += 1
            if split or caption.endswith("（八）项"):
                widths(t, [3.6, 3.0, 3.0, 3.0, 3.0][:ncol] if note else [4.0, 3.6, 3.6, 3.6])
        return t

    def _req_header(self, t, top: int, cols: list[str], nlab: int = 3):
        f = self.table_font
        nv = len(cols)
        lw = nlab
        if self.r.get("unmerged_corner"):  # hand-made header: the corner only over the first row
            t.cell(top, 0).merge(t.cell(top, lw - 1))
        else:
            t.cell(top, 0).merge(t.cell(top + 2, lw - 1))
        put(t.cell(top, 0), CORNER, f, size=9)
        t.cell(top, lw).merge(t.cell(top, lw + nv - 1))
        put(t.cell(top, lw), "申请人情况", f, bold=True)
        t.cell(top + 1, lw).merge(t.cell(top + 2, lw))
        put(t.cell(top + 1, lw), "自然人", f, bold=True)
        org = [c for c in cols if c not in ("natural", "total")]
        t.cell(top + 1, lw + 1).merge(t.cell(top + 1, lw + len(org)))
        put(t.cell(top + 1, lw + 1), "法人或其他组织", f, bold=True)
        for k, c in enumerate(org):
            put(t.cell(top + 2, lw + 1 + k), self.r.get("col_text", {}).get(c, COL_LABEL[c]), f, size=9, breaks=True)
        t.cell(top + 1, lw + nv - 1).merge(t.cell(top + 2, lw + nv - 1))
        put(t.cell(top + 1, lw + nv - 1), self.r.get("total_label", "总计"), f, bold=True)

    def requests(self, container=None):
        r, f = self.r, self.table_font
        cols = ["natural", *ORG] + (["org_subtotal"] if r.get("subtotal") else []) + ["total"]
        remark = r.get("requests_remark")
        split_at = r.get("requests_split")  # row id that opens the second table
        ids = [row[0] for row in REQ_ROWS]
        parts = [REQ_ROWS] if not split_at else [REQ_ROWS[: ids.index(split_at)], REQ_ROWS[ids.index(split_at) :]]
        tables = []
        rows_tr = {}
        for pi, part in enumerate(parts):
            header = pi == 0 or r.get("repeat_header")
            if pi == 1:
                cap = self.para("续表", container=container, indent=False)
                if r.get("page_break_before_continuation"):
                    cap.paragraph_format.page_break_before = True
            cap_row = 1 if r.get("caption_row") and pi == 0 else 0
            nrows = cap_row + len(part) + (3 if header else 0) + (1 if remark and pi == len(parts) - 1 else 0)
            t = self.new_table(container, nrows, 3 + len(cols))
            top = cap_row
            if cap_row:
                t.cell(0, 0).merge(t.cell(0, 2 + len(cols)))
                put(t.cell(0, 0), "收到和处理政府信息公开申请情况", self.head_font, size=12, bold=True)
            if header:
                self._req_header(t, top, cols)
                top += 3
                if r.get("header_rows_repeat"):
                    for row in t.rows[:3]:
                        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
            for i, (rid, l1, l2, l3) in enumerate(part):
                ri = top + i
                if l2 is None:
                    t.cell(ri, 0).merge(t.cell(ri, 2))
                    put(t.cell(ri, 0), self.label(l1), f, center=False)
                else:
                    # level 1: merge down over the run of rows sharing it within this table
                    prev = part[i - 1] if i else None
                    if not prev or prev[1] != l1:
                        end = i
                        while end + 1 < len(part) and part[end + 1][1] == l1:
                            end += 1
                        t.cell(ri, 0).merge(t.cell(top + end, 0))
                        put(t.cell(ri, 0), self.label(l1), f)
                    if l3 is None:
                        t.cell(ri, 1).merge(t.cell(ri, 2))
                        put(t.cell(ri, 1), self.label(l2), f, center=False)
                    else:
                        if not prev or prev[2] != l2:
                            end = i
                            while end + 1 < len(part) and part[end + 1][2] == l2:
                                end += 1
                            t.cell(ri, 1).merge(t.cell(top + end, 1))
                            put(t.cell(ri, 1), self.label(l2), f)
                        put(t.cell(ri, 2), self.label(l3), f, center=False, size=9)
                for k, c in enumerate(cols):
                    self.value(t.cell(ri, 3 + k), f"requests.{rid}.{c}")
                rows_tr[rid] = t.rows[ri]._tr
            if remark and pi == len(parts) - 1:
                last = nrows - 1
                t.cell(last, 0).merge(t.cell(last, 2 + len(cols)))
                put(t.cell(last, 0), remark, f, size=9, center=False)
            if r.get("trailing_empty_row") and pi == len(parts) - 1:
                t.add_row()  # the blank row left at the bottom when the draft was edited
            widths(t, [1.2, 1.5, 4.2] + [1.25] * len(cols))
            tables.append(t)
        # content controls, added once the table is whole (python-docx's cell lookups do not see
        # through them): around whole rows, and around each figure cell of some rows
        for rid in r.get("sdt_rows", []):
            self.wrap_sdt(rows_tr[rid], f"row-{rid}")
        for rid in r.get("sdt_cells", []):
            for k, tc in enumerate(rows_tr[rid].findall(qn("w:tc"))[-len(cols) :]):
                self.wrap_sdt(tc, f"{rid}-{cols[k]}")
        return tables

    def wrap_sdt(self, el, tag: str):
        self.rev_id += 1
        sdt = parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/>'
            f'<w:id w:val="{7000 + self.rev_id}"/></w:sdtPr><w:sdtContent/></w:sdt>'
        )
        el.addprevious(sdt)
        sdt.find(qn("w:sdtContent")).append(el)

    def appeals_stacked(self, container=None):
        """表四 as two tables: 行政复议 (5 columns) above 行政诉讼 (10 columns)."""
        f = self.table_font
        a = self.new_table(container, 3, 5)
        a.cell(0, 0).merge(a.cell(0, 4))
        put(a.cell(0, 0), "行政复议", f, bold=True)
        for k, c in enumerate(APPEAL_COLS):
            put(a.cell(1, k), APPEAL_LABEL[c], f, size=9)
            self.value(a.cell(2, k), f"appeals.review.{c}")
        widths(a, [3.1] * 5)
        self.para("", container=container, indent=False)
        b = self.new_table(container, 4, 10)
        b.cell(0, 0).merge(b.cell(0, 9))
        put(b.cell(0, 0), "行政诉讼", f, bold=True)
        b.cell(1, 0).merge(b.cell(1, 4))
        put(b.cell(1, 0), "未经复议直接起诉", f, bold=True)
        b.cell(1, 5).merge(b.cell(1, 9))
        put(b.cell(1, 5), "复议后起诉", f, bold=True)
        for gi, g in enumerate(APPEAL_GROUPS[1:]):
            for k, c in enumerate(APPEAL_COLS):
                put(b.cell(2, 5 * gi + k), APPEAL_LABEL[c], f, size=9)
                self.value(b.cell(3, 5 * gi + k), f"appeals.{g}.{c}")
        widths(b, [1.55] * 10)
        return b

    def appeals(self, container=None):
        r, f = self.r, self.table_font
        if r.get("appeals_stacked"):
            return self.appeals_stacked(container)
        o = 1 if r.get("caption_row") else 0
        t = self.new_table(container, 4 + o, 15)
        if o:
            t.cell(0, 0).merge(t.cell(0, 14))
            put(t.cell(0, 0), "政府信息公开行政复议、行政诉讼情况", self.head_font, size=12, bold=True)
        t.cell(o, 0).merge(t.cell(o + 1, 4))
        put(t.cell(o, 0), "行政复议", f, bold=True)
        t.cell(o, 5).merge(t.cell(o, 14))
        put(t.cell(o, 5), "行政诉讼", f, bold=True)
        for k, c in enumerate(APPEAL_COLS):
            put(t.cell(o + 2, k), APPEAL_LABEL[c], f, size=9, breaks=True)
        t.cell(o + 1, 5).merge(t.cell(o + 1, 9))
        put(t.cell(o + 1, 5), "未经复议直接起诉", f, bold=True)
        t.cell(o + 1, 10).merge(t.cell(o + 1, 14))
        put(t.cell(o + 1, 10), "复议后起诉", f, bold=True)
        for gi in range(2):
            for k, c in enumerate(APPEAL_COLS):
                put(t.cell(o + 2, 5 + 5 * gi + k), APPEAL_LABEL[c], f, size=9)
        for gi, g in enumerate(APPEAL_GROUPS):
            for k, c in enumerate(APPEAL_COLS):
                self.value(t.cell(o + 3, 5 * gi + k), f"appeals.{g}.{c}")
        widths(t, [1.05] * 15)
        return t

    def altchunk(self, table_html: str):
        """The table as an HTML chunk the document imports (w:altChunk), as OA systems write it."""
        html = ('<html><head><meta charset="utf-8"/></head><body>' + table_html + "</body></html>").encode("utf-8")
        part = Part(PackURI("/word/afchunk1.htm"), "text/html", html, self.doc.part.package)
        rid = self.doc.part.relate_to(part, RT_AFCHUNK)
        self.doc.element.body.append(parse_xml(f'<w:altChunk {nsdecls("w", "r")} r:id="{rid}"/>'))
        # keep the section properties last in the body
        sect = self.doc.element.body.find(qn("w:sectPr"))
        if sect is not None:
            self.doc.element.body.append(sect)

    def textbox(self, table):
        """Move a built table into a text box: a DrawingML shape with its VML fallback, each holding
        its own copy of the table, as Word saves a text box."""
        tbl = table._tbl
        tbl.getparent().remove(tbl)
        p = self.doc.add_paragraph()
        xml = (
            f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:v="urn:schemas-microsoft-com:vml">'
            '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="5760000" cy="1260000"/>'
            '<wp:docPr id="101" name="文本框 101"/><a:graphic>'
            '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5760000" cy="1260000"/>'
            '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></wps:spPr>'
            "<wps:txbx><w:txbxContent/></wps:txbx>"
            '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"/>'
            "</wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>"
            '<mc:Fallback><w:pict><v:shape id="文本框 101" o:spid="_x0000_s1026" type="#_x0000_t202" '
            'xmlns:o="urn:schemas-microsoft-com:office:office" style="width:453.5pt;height:99.2pt" filled="f" stroked="f">'
            '<v:textbox inset="0,0,0,0"><w:txbxContent/></v:textbox></v:shape></w:pict></mc:Fallback>'
            "</mc:AlternateContent></w:r>"
        )
        run = parse_xml(xml)
        for box in run.iter(qn("w:txbxContent")):
            box.append(copy.deepcopy(tbl))
            box.append(parse_xml(f"<w:p {nsdecls('w')}/>"))
        p._p.append(run)

    def overview_table(self):
        """A table of what was published by category, inside 一、总体情况 (not a statutory table)."""
        r, f = self.r, self.table_font
        self.para(f"表1  {r['year']}年主动公开政府信息分类统计", center=True, font=self.head_font, size=12)
        rows = r["overview_table"]
        t = self.new_table(None, 1 + len(rows), 3)
        for k, h in enumerate(["公开类别", "本年公开数量（条）", "累计公开数量（条）"]):
            put(t.cell(0, k), h, f, bold=True)
        for i, row in enumerate(rows, 1):
            for k, v in enumerate(row):
                put(t.cell(i, k), str(v), f)
        widths(t, [5.0, 4.5, 4.5])

    def boxed(self, caption: str):
        """A one-cell frame table holding a caption; the statutory table goes inside its cell."""
        frame = self.new_table(None, 1, 1)
        cell = frame.cell(0, 0)
        put(cell, caption, self.head_font, size=12, bold=True)
        return cell

    def build(self, path: Path):
        r = self.r
        if r.get("agency_own_line"):
            self.para(r["agency"], center=True, size=22, font="方正小标宋简体")
            self.para(f"{r['year']}年政府信息公开工作年度报告", center=True, size=22, font="方正小标宋简体")
        else:
            for line in r.get("title_lines", [r["title"]]):  # a long title broken by hand
                self.para(line, center=True, size=22, font="方正小标宋简体")
        self.para(intro(r))
        text = narrative(r)
        for i, head in enumerate(SECTIONS):
            self.heading(r.get("headings", {}).get(i, head))
            for p in text[head]:
                self.para(p)
            if i == 0 and r.get("overview_table"):
                self.overview_table()
            box = None
            if i in (1, 2, 3) and r.get("boxed"):
                box = self.boxed(
                    [
                        "",
                        "表二 主动公开政府信息情况",
                        "表三 收到和处理政府信息公开申请情况",
                        "表四 政府信息公开行政复议、行政诉讼情况",
                    ][i]
                )
            if i in (2, 3) and r.get("unit_line"):
                self.para("单位：件", container=box, indent=False).alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if i == 1 and r.get("proactive_altchunk"):
                self.altchunk(html_tables(r)[0])
            elif i == 1:
                self.proactive(box)
            elif i == 2:
                self.requests(box)
            elif i == 3 and r.get("appeals_in_textbox"):
                self.textbox(self.appeals())
            elif i == 3:
                self.appeals(box)
            if box is not None:
                self.para("", container=box)
        self.para("")
        self.para(r["agency"], indent=False).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.para(r.get("signed_text", r["signed"]), indent=False).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if r.get("page_furniture"):
            sec = self.doc.sections[0]
            hp = sec.header.paragraphs[0]
            hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_font(hp.add_run(f"{r['agency']}{r['year']}年政府信息公开工作年度报告"), self.font, 9)
            fp = sec.footer.paragraphs[0]
            fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_font(fp.add_run("— "), self.font, 12)
            fp._p.append(
                parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
            )
            set_font(fp.add_run(" —"), self.font, 12)
        self.doc.save(str(path))
        return path


# ---------------------------------------------------------------- HTML tables (rowspan/colspan)


def html_tables(r: dict, td_style: str = "", mso: bool = False) -> tuple[str, str, str]:
    s = f' style="{td_style}"' if td_style else ""

    def td(text, rs=1, cs=1, bold=False):
        a = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
        body = f"<strong>{text}</strong>" if bold else text
        if mso and r.get("digit_spans") and text.isdigit() and len(text) > 1:
            # the figure edited in Word: each digit in its own span
            body = "".join(f"<span lang=EN-US>{d}</span>" for d in text)
        if mso:  # as Word's 另存为网页 writes a cell
            body = (
                "<span lang=EN-US style='font-size:10.5pt;font-family:仿宋_GB2312'>"
                f"{body if body else '&nbsp;'}<o:p></o:p></span>"
            )
            return f"<td{a}{s} valign=middle><p class=MsoNormal align=center style='text-align:center'>{body}</p></td>"
        return f'<td{a}{s}><p align="center">{body if body else "&nbsp;"}</p></td>'

    t2 = ['<table border="1" cellspacing="0" cellpadding="0" width="600">']
    for caption, heads, rows in [
        (
            "第二十条第（一）项",
            ["本年制发件数", "本年废止件数", "现行有效件数"],
            [("规章", "regulations"), ("行政规范性文件", "normative_docs")],
        ),
        ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", "licensing")]),
        ("第二十条第（六）项", ["本年处理决定数量"], [("行政处罚", "penalty"), ("行政强制", "coercion")]),
        ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", "fees")]),
    ]:
        t2.append("<tr>" + td(caption, cs=4, bold=True) + "</tr>")
        if len(heads) == 3:
            t2.append("<tr>" + td("信息内容", bold=True) + "".join(td(h, bold=True) for h in heads) + "</tr>")
        else:
            t2.append("<tr>" + td("信息内容", bold=True) + td(heads[0], cs=3, bold=True) + "</tr>")
        for label, rid in rows:
            if len(heads) == 3:
                vals = "".join(td(shown(r, f"proactive.{rid}.{c}")) for c in ("issued", "repealed", "in_force"))
            else:
                vals = td(shown(r, f"proactive.{rid}.{'amount' if rid == 'fees' else 'decisions'}"), cs=3)
            t2.append("<tr>" + td(label) + vals + "</tr>")
    t2.append("</table>")

    cols = ["natural", *ORG] + (["org_subtotal"] if r.get("subtotal") else []) + ["total"]
    org = cols[1:-1]
    t3 = ['<table border="1" cellspacing="0" cellpadding="0" width="600">']
    if r.get("no_applicant_row"):  # the 申请人情况 row left out
        t3.append(
            "<tr>"
            + td(CORNER, rs=2, cs=3)
            + td("自然人", rs=2)
            + td("法人或其他组织", cs=len(org))
            + td("总计", rs=2)
            + "</tr>"
        )
    else:
        t3.append("<tr>" + td(CORNER, rs=3, cs=3) + td("申请人情况", cs=len(cols), bold=True) + "</tr>")
        t3.append("<tr>" + td("自然人", rs=2) + td("法人或其他组织", cs=len(org)) + td("总计", rs=2) + "</tr>")
    t3.append("<tr>" + "".join(td(COL_LABEL[c]) for c in org) + "</tr>")
    n1 = sum(1 for x in REQ_ROWS if x[1] == R3)
    for i, (rid, l1, l2, l3) in enumerate(REQ_ROWS):
        cells = ""
        prev = REQ_ROWS[i - 1] if i else None
        if l2 is None:
            cells += td(l1, cs=3)
        else:
            if prev[1] != l1:
                cells += td(l1, rs=n1)
            if l3 is None:
                cells += td(l2, cs=2)
            else:
                if prev[2] != l2:
                    cells += td(l2, rs=sum(1 for x in REQ_ROWS if x[2] == l2))
                cells += td(l3)
        cells += "".join(td(shown(r, f"requests.{rid}.{c}")) for c in cols)
        t3.append("<tr>" + cells + "</tr>")
    t3.append("</table>")

    t4 = ['<table border="1" cellspacing="0" cellpadding="0" width="600">']
    if r.get("appeals_official_header"):  # 行政复议's own labels merged down two rows, as the format prints
        t4.append("<tr>" + td("行政复议", cs=5, bold=True) + td("行政诉讼", cs=10, bold=True) + "</tr>")
        t4.append(
            "<tr>"
            + "".join(td(APPEAL_LABEL[c], rs=2) for c in APPEAL_COLS)
            + td("未经复议直接起诉", cs=5)
            + td("复议后起诉", cs=5)
            + "</tr>"
        )
        t4.append("<tr>" + "".join(td(APPEAL_LABEL[c]) for c in APPEAL_COLS) * 2 + "</tr>")
    else:
        t4.append("<tr>" + td("行政复议", rs=2, cs=5, bold=True) + td("行政诉讼", cs=10, bold=True) + "</tr>")
        t4.append("<tr>" + td("未经复议直接起诉", cs=5) + td("复议后起诉", cs=5) + "</tr>")
        t4.append("<tr>" + "".join(td(APPEAL_LABEL[c]) for c in APPEAL_COLS) * 3 + "</tr>")
    t4.append("<tr>" + "".join(td(shown(r, f"appeals.{g}.{c}")) for g in APPEAL_GROUPS for c in APPEAL_COLS) + "</tr>")
    t4.append("</table>")
    return "\n".join(t2), "\n".join(t3), "\n".join(t4)


def html_body(r: dict, td_style: str = "", mso: bool = False) -> str:
    t2, t3, t4 = html_tables(r, td_style, mso)
    text = narrative(r)
    out = [f'<p align="center"><strong>{r["title"]}</strong></p>', f"<p>　　{intro(r)}</p>"]
    for i, head in enumerate(SECTIONS):
        if r.get("ol_headings"):  # the numbering is the list's, not the text's
            out.append(
                f'<ol style="list-style-type:cjk-ideographic" start="{i + 1}"><li><strong>{head[2:]}</strong></li></ol>'
            )
        else:
            out.append(f"<p><strong>{r.get('headings', {}).get(i, head)}</strong></p>")
        out += [f"<p>　　{p}</p>" for p in text[head]]
        if i in (2, 3) and r.get("unit_line"):
            out.append('<p align="right">单位：件</p>')
        out.append({1: t2, 2: t3, 3: t4}.get(i, ""))
    out.append(f'<p align="right">{r["agency"]}</p><p align="right">{r["signed"]}</p>')
    return "\n".join(out)


# ---------------------------------------------------------------- LibreOffice


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    profile = Path(tempfile.mkdtemp(prefix="lo-holdout-"))
    try:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                str(outdir),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert out.exists(), out
    return out


# ---------------------------------------------------------------- the reports


def proactive(normative_docs: tuple[int, int, int], licensing: int, penalty: int, coercion: int, fees: float) -> dict:
    """表二's figures (no report here has 规章 figures: none of these units makes 规章)."""
    issued, repealed, in_force = normative_docs
    return {
        "regulations.issued": 0,
        "regulations.repealed": 0,
        "regulations.in_force": 0,
        "normative_docs.issued": issued,
        "normative_docs.repealed": repealed,
        "normative_docs.in_force": in_force,
        "licensing.decisions": licensing,
        "penalty.decisions": penalty,
        "coercion.decisions": coercion,
        "fees.amount": fees,
    }


REPORTS = [
    dict(
        name="h01_jiangzhou_caizheng_2023",
        agency="江州市财政局",
        short="市财政局",
        year=2023,
        seed=101,
        scale=40,
        appeals=3,
        proactive=proactive(normative_docs=(6, 2, 41), licensing=12, penalty=3, coercion=0, fees=0),
        published=1286,
        problem="政策解读形式较为单一、依申请公开答复文书规范化程度有待提高",
        plan="丰富图解、视频等解读形式，修订依申请公开答复文书范本",
        signed="2024年1月19日",
        how="docx-official",
        heading_style=True,
        auto_numbered_headings=True,
        proactive_altchunk=True,
        trailing_empty_row=True,
        tracked={"requests.granted.natural": "27"},
        split_runs=True,
        raw_text={"proactive.fees.amount": "0.00"},
        col_text={
            "business": "商业\n企业",
            "research": "科研\n机构",
            "ngo": "社会公益\n组织",
            "legal": "法律服务\n机构",
        },
        note="python-docx from scratch: official layout (表二 one 4-column table with block captions spanning all "
        "columns and single values spanning 3 grid columns; 表三 3 label grid columns + 7 value columns, "
        "三、本年度办理结果 and （三）–（六） vertically merged, corner cell over 3 header rows, 法人或其他组织 over "
        "5 sub-columns whose labels break across lines; 表四 15 columns with 行政复议 merged over two header "
        "rows). Headings in Word's Heading 1 style, numbered by a Word list (chineseCounting, '%1、'), so "
        "一、…六、 is not in their text. Multi-digit figures stored one run per digit (as after "
        "editing in Word); requests.granted.natural carries a tracked revision (27 deleted, the printed figure "
        "inserted; truth is the inserted one); 表二 arrives as an HTML altChunk (word/afchunk1.htm, as OA "
        "systems write it), its fee typed 0.00; an empty row left at the bottom of 表三. "
        "Figures add up.",
    ),
    dict(
        name="h02_linshui_jiaoyu_2022_slip",
        agency="临水县教育局",
        short="县教育局",
        year=2022,
        seed=202,
        scale=25,
        appeals=2,
        subtotal=True,
        proactive=proactive(normative_docs=(2, 1, 9), licensing=37, penalty=0, coercion=0, fees=0),
        published=412,
        problem="部分栏目信息更新不够及时、公开内容的可读性不强",
        plan="建立栏目更新台账，每月对各科室公开情况进行通报",
        signed="2023年1月16日",
        how="docx-official",
        padded_cells=True,
        title_lines=["临水县教育局2022年政府", "信息公开工作年度报告"],
        caption_row=True,
        slip=("requests.granted.natural", "transpose"),
        required=["REQ-ROW-TOTAL", "REQ-RESULTS-TOTAL"],
        note="python-docx from scratch, the 8-column 表三 (法人或其他组织 with a 小计 sub-column after 其他). "
        "The title broken by hand over two lines (临水县教育局2022年政府 / 信息公开工作年度报告). "
        "Every figure cell holds an empty paragraph above the figure, the figure padded with a space and "
        "a no-break space (as tables pasted from elsewhere keep); 表三 and 表四 open with a caption row merged "
        "over all columns (收到和处理政府信息公开申请情况 …). "
        "Deliberate slip: requests.granted.natural typed with its digits transposed, so the 予以公开 row "
        "and the 自然人 column no longer add up.",
    ),
    dict(
        name="h03_nanhu_shichang_2024_split",
        agency="南湖区市场监督管理局",
        short="区市场监管局",
        year=2024,
        seed=303,
        scale=60,
        appeals=4,
        proactive=proactive(normative_docs=(1, 0, 5), licensing=2316, penalty=184, coercion=27, fees=0),
        published=2045,
        problem="执法信息公开的时效性不足、依申请公开办理人员业务能力参差不齐",
        plan="推动行政处罚决定在作出之日起七个工作日内公开，组织依申请公开专题培训",
        signed="2025年1月22日",
        how="docx-split",
        signed_text="2025年01月22日",
        sdt_rows=["new", "carried_over"],
        sdt_cells=["granted", "carry_forward"],
        appeals_stacked=True,
        zero_as={"appeals": "——"},
        required=["VALUE-BLANK"],
        overview_table=[
            ("机构职能", 6, 38),
            ("政策文件", 46, 312),
            ("行政规范性文件", 1, 5),
            ("行政许可", 2316, 9870),
            ("行政处罚", 184, 1022),
            ("财政资金", 14, 96),
        ],
        requests_split="denied_query",
        repeat_header=True,
        page_break_before_continuation=True,
        note="python-docx from scratch; 表三 split into two Word tables before 8.属于行政查询事项 (mid-group "
        "（三）不予公开, whose label is repeated in the second part), a 续表 paragraph between them starting "
        "a new page, header rows repeated in the second table; the signature date zero-padded (2025年01月22日); content controls (w:sdt) around the whole "
        "一、 and 二、 rows and around each figure cell of （一）予以公开 and 四、结转下年度继续办理; 表四 as two stacked tables (行政复议 with 5 "
        "columns, then 行政诉讼 with 10), its zeros typed ——; inside 一、总体情况 a 3-column table of what was published by category "
        "(表1, with 行政规范性文件/行政许可/行政处罚 rows and other figures). Figures add up.",
    ),
    dict(
        name="h04_qingshi_zhen_2021_fullwidth",
        agency="青石镇人民政府",
        short="青石镇",
        year=2021,
        seed=404,
        scale=6,
        appeals=0,
        proactive=proactive(normative_docs=(0, 0, 3), licensing=0, penalty=15, coercion=0, fees=0),
        published=236,
        problem="公开信息以工作动态为主、政策解读较少",
        plan="围绕乡村振兴、惠农补贴等群众关心的事项加强解读",
        signed="2022年1月14日",
        how="docx-fullwidth",
        signed_text="二〇二二年一月十四日",
        appeals_in_textbox=True,
        unit_line=True,
        halfwidth_labels=True,
        fullwidth=True,
        zero_as={"appeals": ""},
        agency_own_line=True,
        required=["VALUE-BLANK"],
        note="python-docx from scratch; every figure typed in full-width digits (０–９); 表四's value row "
        "left empty (no appeals, small unit); the signature date in Chinese numerals (二〇二二年一月十四日); 表四 inside a Word text box (DrawingML wps:txbx with its VML "
        "v:textbox fallback, each holding a copy of the table); agency on its own line above the title; 表三 labels with "
        "half-width brackets and '1. ' dots ((一)予以公开, 1. 属于国家秘密); a 单位：件 line above 表三 and 表四. "
        "Figures add up.",
    ),
    dict(
        name="h05_yunling_ziran_2025_boxed",
        agency="云岭市自然资源和规划局",
        short="市自然资源和规划局",
        year=2025,
        seed=505,
        scale=90,
        appeals=8,
        proactive=proactive(normative_docs=(4, 3, 22), licensing=1473, penalty=58, coercion=4, fees=12.6),
        published=1733,
        problem="征地信息公开的完整性有待加强、规划批后公开不够及时",
        plan="完善征地信息公开平台数据对接，规划许可批后公示与审批同步推进",
        signed="2026年1月20日",
        how="docx-boxed",
        formula_totals=True,
        total_label="合计",
        required=["LABEL-NONSTANDARD"],
        suffix={"proactive": "件"},
        boxed=True,
        requests_remark="备注：本表统计口径为本机关本年度收到的全部政府信息公开申请，含通过网上申请平台、信函和当面提交的申请。",
        note="python-docx from scratch; each statutory table inside a one-cell frame table whose cell opens "
        "with a caption (表二/表三/表四 …); 表三's 总计 column headed 合计, each of its cells a Word "
        "{ =SUM(LEFT) } field showing its result; 表二's counts written with the unit (4件, 1473件, 0件); 表三 ends with a 备注 row merged over all columns (text only). "
        "Figures add up.",
    ),
    dict(
        name="h06_xiangnan_weijian_2024_html2docx",
        agency="湘南省卫生健康委员会",
        short="省卫生健康委",
        year=2024,
        seed=606,
        scale=120,
        appeals=10,
        proactive=proactive(normative_docs=(9, 4, 63), licensing=862, penalty=11, coercion=0, fees=1.25),
        published=3120,
        problem="基层医疗卫生机构信息公开标准化程度不高",
        plan="制定医疗卫生服务单位信息公开事项清单，开展抽查评估",
        signed="2025年1月24日",
        how="html->docx",
        year_word="年度",
        appeals_official_header=True,
        no_applicant_row=True,
        raw_text={"proactive.normative_docs.in_force": "63（含本年新制发9件）"},
        required=["VALUE-ANNOTATED"],
        note="Title with 2024年度 (湘南省卫生健康委员会2024年度政府信息公开工作年度报告). The article as copied "
        "from the portal with its menu column: the report inside a two-column layout table (menu | article), "
        "an HTML page (UTF-8, tables with rowspan/colspan, <p> inside every <td>) converted to DOCX by "
        "LibreOffice (soffice --headless --convert-to docx). 现行有效 of 行政规范性文件 typed with a note in the "
        "cell: 63（含本年新制发9件） (truth 63); 表三 without the 申请人情况 header row (corner over two rows); "
        "表四 headed as the format prints it (行政复议's five labels merged down two rows). Figures add up.",
    ),
    dict(
        name="h07_baisha_qu_2023_odt",
        agency="白沙区人民政府",
        short="白沙区人民政府",
        year=2023,
        seed=707,
        scale=200,
        appeals=12,
        proactive=proactive(normative_docs=(14, 6, 118), licensing=15388, penalty=2741, coercion=96, fees=38.47),
        published=9865,
        problem="部分街道和部门公开工作力量薄弱、依申请公开答复质量不均衡",
        plan="开展全区政务公开业务轮训，建立依申请公开疑难件会商机制",
        signed="2024年2月6日",
        how="docx->odt->docx",
        proactive_note={
            "regulations": "本级无规章制定权",
            "normative_docs": "含区政府及区政府办公室文件",
            "licensing": "含区行政审批局办理事项",
            "fees": "不含已取消项目",
        },
        note="python-docx from scratch with a fifth 备注 column in 表二 (text notes beside each figure), saved "
        "as DOCX, converted to ODT by LibreOffice and back to DOCX (MS Word 2007 XML). A 区 government's "
        "summary report (deadline 20 February). Figures add up.",
    ),
    dict(
        name="h08_donghai_gongan_2022_pdf",
        agency="东海市公安局",
        short="市公安局",
        year=2022,
        seed=808,
        scale=150,
        appeals=14,
        proactive=proactive(normative_docs=(3, 5, 27), licensing=40516, penalty=18822, coercion=1305, fees=0),
        published=2630,
        problem="警务公开与群众需求的对接还不够精准",
        plan="梳理户政、出入境、交管等高频事项，完善办事指南公开",
        signed="2023年1月30日",
        how="docx->pdf",
        boxed=True,
        requests_split="unable_not_held",
        repeat_header=True,
        thousands=True,
        page_furniture=True,
        header_rows_repeat=True,
        font="Noto Serif CJK SC",
        head_font="Noto Serif CJK SC",
        table_font="Noto Serif CJK SC",
        slip=("appeals.review.total", "plus_one"),
        text_review=False,
        required=["APPEAL-GROUP-TOTAL"],
        note="python-docx from scratch in Noto Serif CJK SC (body, headings and tables), exported to PDF by "
        "LibreOffice; every statutory table inside a one-cell frame table with a caption; 表三 split before "
        "（四）1.本机关不掌握… into two tables with a 续表 line and repeated header rows; 表三's three header rows marked 'repeat as header row' (w:tblHeader) so the PDF repeats "
        "them on every page the table runs over; a running header (agency and title) and a '— N —' page "
        "number footer on every page; 表二's large counts with thousands separators (40,516). Deliberate slip: 表四's 行政复议 总计 is one more than its four parts.",
    ),
    dict(
        name="h09_heping_jiedao_2025_gbk",
        agency="长宁区和平街道办事处",
        short="和平街道办事处",
        year=2025,
        seed=909,
        scale=8,
        appeals=1,
        proactive=proactive(normative_docs=(0, 0, 0), licensing=0, penalty=26, coercion=0, fees=0),
        published=318,
        problem="公开内容与居民关切结合不够紧密",
        plan="围绕老旧小区改造、民生实事项目加强公开和解读",
        signed="2026年1月12日",
        how="saved-web-page",
        headings={
            3: "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            4: "五、政府信息公开工作存在的主要问题及改进情况",
        },
        digit_spans=True,
        appeals_official_header=True,
        unit_line=True,
        zero_as={"proactive": "—"},
        required=["VALUE-BLANK", "LABEL-NONSTANDARD"],
        note="A government web page saved from the browser: GBK-encoded .html with the site's header, "
        "navigation, breadcrumb, 字号 and share widgets (one hidden with display:none), a visible view "
        "counter, footer with 主办/备案; the article sits in a two-column layout table (a left menu beside it), "
        "the statutory tables inside it as Word-exported HTML tables (MsoNormal paragraphs, <span lang=EN-US>, "
        "<o:p>, rowspan/colspan, &nbsp; fillers, multi-digit figures one <span> per digit), 表四 headed as the format prints it; a 单位：件 line above 表三 "
        "and 表四; zeros in 表二 written as —; headings 四 and 五 in the older wording (四、因政府信息公开工作被申请"
        "行政复议、提起行政诉讼情况, 五、政府信息公开工作存在的主要问题及改进情况). Figures add up.",
    ),
    dict(
        name="h10_taiyuan_renshe_2021_dash",
        agency="太原湾市人力资源和社会保障局",
        short="市人力资源社会保障局",
        year=2021,
        seed=1010,
        scale=30,
        appeals=5,
        proactive=proactive(normative_docs=(5, 1, 34), licensing=219, penalty=7, coercion=0, fees=0),
        published=1507,
        problem="社保政策解读的通俗性不够",
        plan="推出社保待遇计算等一图读懂产品",
        signed="2022年1月25日",
        how="docx->pdf",
        font="Droid Sans Fallback",
        head_font="Droid Sans Fallback",
        table_font="Droid Sans Fallback",
        unmerged_corner=True,
        proactive_split=True,
        zero_as={"requests": "—", "proactive": "/"},
        label_text={
            "二、上年结转政府信息公开申请数量": "二、上年转结政府信息公开申请数量",
            R3: "三、本 年度 办 理 结 果",
        },
        required=["VALUE-BLANK", "LABEL-NONSTANDARD"],
        note="python-docx from scratch in Droid Sans Fallback, exported to PDF by LibreOffice; 表二 as four small "
        "tables (one per 第二十条 block); every zero in 表三 "
        "typed as — and every zero in 表二 as /; 表三 labels 二、上年转结… (nonstandard wording) and "
        "三、本 年度 办 理 结 果 (padded with spaces); 表三's corner cell merged over the first header row only "
        "(label cells of the next two header rows left empty). Figures add up.",
    ),
]


def transpose(v: int) -> int:
    s = str(int(v))
    if len(s) >= 2 and s[0] != s[1]:
        return int(s[1] + s[0] + s[2:])
    return int(v) + 10


def prepare(r: dict) -> dict:
    rng = random.Random(r["seed"])
    r["title"] = f"{r['agency']}{r['year']}{r.get('year_word', '年')}政府信息公开工作年度报告"
    r["phone"] = f"0{rng.randint(200, 999)}-{rng.randint(1000000, 9999999)}"
    cells = make_figures(rng, r["scale"], bool(r.get("subtotal")), r["proactive"], r["appeals"])
    r["cells"] = cells
    printed = dict(cells)
    if r.get("slip"):
        cid, how = r["slip"]
        if how == "transpose":
            # make sure the cell has two different digits so the slip is a real transposition
            if printed[cid] < 10 or transpose(printed[cid]) == printed[cid]:
                raise SystemExit(f"{r['name']}: {cid}={printed[cid]} cannot be transposed; pick another seed")
            printed[cid] = transpose(printed[cid])
        elif how == "plus_one":
            printed[cid] = printed[cid] + 1
    r["printed"] = printed
    return r


# Rules that must stay quiet on a report unless it sets them off on purpose: every report here has
# its six sections, a signature date before its deadline, one year throughout, the 信息处理费
# statement, no placeholders, a short 总体情况, narrative figures that agree with the tables, no
# 规章 figures, fees in 万元, in-force counts that fit.
QUIET = [
    "FEE-STATEMENT",
    "FEE-UNIT",
    "FORMAT-OUTDATED",
    "LABEL-NONSTANDARD",
    "META-DATE-MISSING",
    "META-DEADLINE",
    "META-YEAR",
    "NARRATIVE-MISMATCH",
    "OVERVIEW-LENGTH",
    "PLACEHOLDER",
    "PROACTIVE-IN-FORCE",
    "REGULATIONS-LEVEL",
    "ROWS-COMBINED",
    "SECTION-MISSING",
    "VALUE-ANNOTATED",
    "VALUE-BLANK",
]


def write_truth(r: dict, path: Path):
    truth = {cid: truth_cell(r, cid) for cid in sorted(r["printed"])}
    data = {
        "cells": truth,
        "findings_required": r.get("required", []),
        "findings_forbidden": [q for q in QUIET if q not in r.get("required", [])],
        "meta": {"agency": r["agency"], "year": r["year"]},
        "note": r["note"],
    }
    (HERE / f"{r['name']}.expected.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return path


LAYOUT_OPEN = (
    '<table class="layout" width="1000" border="0" cellspacing="0" cellpadding="0"><tr>'
    '<td class="left" width="200" valign="top"><ul><li>政府信息公开指南</li><li>政府信息公开制度</li>'
    "<li>法定主动公开内容</li><li>政府信息公开年报</li></ul></td>"
    '<td class="bt_content" valign="top"><h1 class="title">{title}</h1><div class="content" id="zoom">'
)
LAYOUT_CLOSE = "</div></td></tr></table>"
SITE_HEAD = """<div class="top"><div class="logo"><img src="images/logo.png" alt=""/>{site}</div>
<div class="toolbar"><a href="#">无障碍</a> | <a href="#">长者模式</a> | <a href="#">English</a></div>
<div style="display:none" class="translate">繁體 | Translate | 搜索：<input/> 2024年 2023年</div></div>
<div class="nav"><a href="#">首页</a><a href="#">政务公开</a><a href="#">政务服务</a><a href="#">互动交流</a></div>
<div class="crumb">当前位置：<a href="#">首页</a> &gt; <a href="#">政务公开</a> &gt; <a href="#">政府信息公开年报</a></div>
<div class="info">发布时间：{date}　　来源：{agency}　　浏览次数：1832　　字号：<a>大</a> <a>中</a> <a>小</a></div>
"""
SITE_FOOT = """<div class="share">分享到：<a>微信</a> <a>微博</a>　<a href="javascript:window.print()">打印本页</a>　<a>关闭窗口</a></div>
<div style="display:none" id="copy-block">复制链接 表三 总计 12 35</div>
<div class="footer"><p>主办：{site}办公室　承办：{site}大数据中心</p>
<p>网站标识码：3301020007　备案号：浙ICP备05008876号-1　公安机关备案号：33010202000111</p>
<p>地址：和平路88号　邮编：310000　联系电话：{phone}</p></div>
<script>var _hmt = _hmt || []; document.write("访问量统计 12");</script>
"""


def build(r: dict, tmp: Path) -> Path:
    how = r["how"]
    if how.startswith("docx") and how not in ("docx->odt->docx", "docx->pdf"):
        return DocxBuilder(r).build(HERE / f"{r['name']}.docx")
    if how == "docx->odt->docx":
        src = DocxBuilder(r).build(tmp / f"{r['name']}.docx")
        odt = soffice(src, "odt", tmp / "odt")
        back = soffice(odt, "docx:MS Word 2007 XML", tmp / "back")
        return Path(shutil.copy(back, HERE / f"{r['name']}.docx"))
    if how == "docx->pdf":
        src = DocxBuilder(r).build(tmp / f"{r['name']}.docx")
        pdf = soffice(src, "pdf", tmp / "pdf")
        return Path(shutil.copy(pdf, HERE / f"{r['name']}.pdf"))
    if how == "html->docx":
        # what a clerk gets selecting the article on the portal (its menu column included) and
        # pasting it into a new document: the report inside the page's two-column layout table
        page = tmp / f"{r['name']}.html"
        page.write_text(
            '<!DOCTYPE html><html><head><meta charset="utf-8"/><title>' + r["title"] + "</title>"
            "<style>body{font-family:'仿宋_GB2312';font-size:16px} td{font-size:12px}</style></head><body>"
            + LAYOUT_OPEN.format(title=r["title"])
            + html_body(r)
            + LAYOUT_CLOSE
            + "</body></html>",
            encoding="utf-8",
        )
        out = soffice(page, "docx:MS Word 2007 XML", tmp / "docx")
        return Path(shutil.copy(out, HERE / f"{r['name']}.docx"))
    if how == "saved-web-page":
        site = "长宁区人民政府"
        body = html_body(r, td_style="border:solid windowtext 1.0pt;padding:0cm 5.4pt", mso=True)
        page = (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head>'
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />'
            f"<title>{r['title']}_{site}</title>"
            '<link href="css/style.css" rel="stylesheet" type="text/css" />'
            '<script src="js/jquery.min.js"></script></head><body>'
            + SITE_HEAD.format(site=site, date=r["signed"], agency=r["agency"])
            + LAYOUT_OPEN.format(title=r["title"])
            + body
            + LAYOUT_CLOSE
            + SITE_FOOT.format(site=site, phone=r["phone"])
            + "</body></html>"
        )
        out = HERE / f"{r['name']}.html"
        out.write_bytes(page.encode("gbk"))
        return out
    raise ValueError(how)


def main():
    for old in HERE.glob("h[0-9][0-9]_*"):
        old.unlink()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for r in REPORTS:
            prepare(r)
            out = build(r, tmp)
            write_truth(r, out)
            print(out.name)


if __name__ == "__main__":
    main()
