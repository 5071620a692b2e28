"""Building the standard report template (``resources/templates/report.docx``) for docxtpl.

Core layer. The template is an ordinary DOCX that Word or WPS can open and restyle: the standard
title, the six official headings, the three tables in the official layout (from :mod:`core.grid`)
with every statutory cell a field, and the signature block. Body text is 仿宋 三号, headings 黑体,
the title 宋体 二号 bold — fonts every Windows PC has; elsewhere Word, WPS and LibreOffice substitute.

Fields it receives (see ``docs/template.md``): ``title``, ``preamble`` (list of paragraphs),
``sections.<id>`` (lists of paragraphs, ids: overview proactive requests appeals problems
other), ``c.<table>.<row>.<col>`` (the cell texts), ``agency``, ``signed_date``.

Rebuild it with ``python -m core.template``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from core.docx_tables import draw_grid
from core.grid import HEADER, LABEL, VALUE, layout
from core.paths import resource
from core.schema import schema

BODY_FONT, HEADING_FONT, TITLE_FONT, TABLE_FONT = "仿宋", "黑体", "宋体", "宋体"
TEXT_WIDTH_CM = 15.6  # A4 less the 公文 margins of 2.8 cm and 2.6 cm
TABLE_WIDTHS = {
    "proactive": [4.2, 3.8, 3.8, 3.8],
    "requests": [1.5, 2.2, 4.2] + [(TEXT_WIDTH_CM - 7.9) / 7] * 7,
    "appeals": [TEXT_WIDTH_CM / 15] * 15,
}


def _font(target, name: str, size_pt: float | None = None, bold: bool | None = None) -> None:
    """Set a style's or run's font for Latin and East Asian text alike."""
    target.font.name = name
    r_pr = target.element.get_or_add_rPr()
    r_pr.get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if size_pt is not None:
        target.font.size = Pt(size_pt)
    if bold is not None:
        target.font.bold = bold


def _paragraph(doc, text: str, style: str = "Normal", align=None, indent: bool = False):
    p = doc.add_paragraph(text, style=style)
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(32)  # two characters of 三号
    return p


def _loop(doc, items: str) -> None:
    """A docxtpl paragraph loop: one body paragraph per item of ``items``."""
    _paragraph(doc, f"{{%p for text in {items} %}}")
    _paragraph(doc, "{{ text }}", indent=True)
    _paragraph(doc, "{%p endfor %}")


def _header_rows(grid) -> int:
    """How many rows at the top of a table are its column headers (to repeat on every page)."""
    starts: dict[int, set[str]] = {}
    for cell in grid.cells:
        starts.setdefault(cell.row, set()).add(cell.kind)
    count = 0
    while starts.get(count) == {HEADER}:
        count += 1
    return count


def _keep_rows_whole(table, header_rows: int) -> None:
    """No row split across a page (its figures half on each page), the header rows repeated on
    the next page, and rows kept with the next so that a table never starts with only its header
    at the foot of a page."""
    for i, tr in enumerate(table._tbl.tr_lst):
        props = tr.get_or_add_trPr()
        # CT_TrPr's order: … cantSplit, trHeight, tblHeader …
        props.insert_element_before(OxmlElement("w:cantSplit"), "w:trHeight", "w:tblHeader", "w:jc", "w:hidden")
        if i < header_rows:
            props.insert_element_before(OxmlElement("w:tblHeader"), "w:tblCellSpacing", "w:jc", "w:hidden")
    rows = table.rows
    # a short table (表二, 表四) stays on one page; a long one (表三) at least with its first rows
    kept = rows[:-1] if len(rows) <= 20 else rows[: header_rows + 2]
    for row in kept:
        for cell in row.cells:
            for para in cell.paragraphs:
                para.paragraph_format.keep_with_next = True


def build_template(path: str | Path) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    normal = doc.styles["Normal"]
    _font(normal, BODY_FONT, 16)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)
    heading = doc.styles.add_style("年报标题一", 1)  # paragraph style
    heading.base_style = normal
    _font(heading, HEADING_FONT, 16)
    heading.paragraph_format.keep_with_next = True  # never a heading alone at the foot of a page
    title = doc.styles.add_style("年报大标题", 1)
    title.base_style = normal
    _font(title, TITLE_FONT, 22, bold=True)
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = Pt(12)

    _paragraph(doc, "{{ title }}", "年报大标题", WD_ALIGN_PARAGRAPH.CENTER)
    _loop(doc, "preamble")
    for sec in schema().sections:
        _paragraph(doc, sec.heading, "年报标题一")
        _loop(doc, f"sections.{sec.id}")
        if sec.table:
            grid = layout(sec.table)

            def text_of(cell):
                return f"{{{{ c.{cell.cell_id} }}}}" if cell.kind == VALUE else cell.text

            def style_of(cell):
                bold = cell.kind == HEADER
                align = WD_ALIGN_PARAGRAPH.LEFT if cell.kind == LABEL else WD_ALIGN_PARAGRAPH.CENTER
                return {"bold": bold, "align": align}

            table = draw_grid(doc, grid, text_of, TABLE_WIDTHS[sec.table], size_pt=9, style_of=style_of)
            table.alignment = 1  # centred
            _keep_rows_whole(table, _header_rows(grid))
            for run in (r for row in table.rows for c in row.cells for p in c.paragraphs for r in p.runs):
                _font(run, TABLE_FONT)
            for row in table.rows:
                for c in row.cells:
                    for p in c.paragraphs:
                        p.paragraph_format.line_spacing = Pt(12)
            _paragraph(doc, "")
    _paragraph(doc, "")
    _paragraph(doc, "{{ agency }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(doc, "{{ signed_date }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.core_properties.title = "政府信息公开工作年度报告（标准格式模板）"
    doc.core_properties.author = "年报校核 nianbao"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


DEFAULT_TEMPLATE = resource("templates", "report.docx")

if __name__ == "__main__":
    print(build_template(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_TEMPLATE))
