"""Reading a DOCX draft into paragraphs and tables, exactly, on grid positions.

Core layer. python-docx opens the package; the body is then walked as XML, because the
convenient APIs lose things real drafts contain: ``row.cells`` repeats a merged cell in every grid
slot it covers and ``table.cell(r, c)`` in a loop is quadratic. Here each ``w:tc`` is read once,
with its grid column (``gridBefore`` + the spans before it), its ``gridSpan`` and whether it
continues a vertical merge. Text in tracked insertions (``w:ins``) and content controls
(``w:sdt``) is read; deleted and moved-away text and the fallback copy of drawings are not.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from core.document import Cell, Document, Paragraph, Table
from core.errors import ReadError
from core.readers import DAMAGED_ZIP

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W_NS,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
W = f"{{{W_NS}}}"

_EXCLUDED = "not(ancestor::w:del or ancestor::w:moveFrom or ancestor::mc:Fallback)"
_RUN_ITEMS = etree.XPath(
    f"(.//w:r/w:t | .//w:r/w:tab | .//w:r/w:br | .//w:r/w:cr | .//w:r/w:noBreakHyphen)[{_EXCLUDED}]",
    namespaces=NS,
)
_CELL_PARAS = etree.XPath(f".//w:p[{_EXCLUDED}]", namespaces=NS)
_ROWS = etree.XPath("./w:tr | ./w:sdt/w:sdtContent/w:tr | ./w:customXml/w:tr", namespaces=NS)
_CELLS = etree.XPath("./w:tc | ./w:sdt/w:sdtContent/w:tc | ./w:customXml/w:tc", namespaces=NS)
_HAS_DRAWING = etree.XPath("boolean(.//w:drawing | .//w:pict)", namespaces=NS)
# Containers whose children are body-level blocks.
_TRANSPARENT = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo"}


def paragraph_text(p: etree._Element) -> str:
    parts = []
    for el in _RUN_ITEMS(p):
        tag = el.tag
        if tag == W + "t":
            parts.append(el.text or "")
        elif tag == W + "tab":
            parts.append("\t")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc: etree._Element) -> str:
    return "\n".join(paragraph_text(p) for p in _CELL_PARAS(tc))


def _int_attr(parent: etree._Element | None, tag: str, default: int) -> int:
    if parent is None:
        return default
    el = parent.find(W + tag)
    if el is None:
        return default
    try:
        return max(1, int(el.get(W + "val", default)))
    except ValueError:
        return default


def _read_table(tbl: etree._Element) -> Table:
    rows: list[list[Cell]] = []
    for tr in _ROWS(tbl):
        tr_pr = tr.find(W + "trPr")
        if tr_pr is not None and tr_pr.find(W + "del") is not None:
            continue  # a row deleted with tracked changes on
        col = _int_attr(tr_pr, "gridBefore", 0) if tr_pr is not None else 0
        cells = []
        for tc in _CELLS(tr):
            tc_pr = tc.find(W + "tcPr")
            span = _int_attr(tc_pr, "gridSpan", 1)
            v_merge = tc_pr.find(W + "vMerge") if tc_pr is not None else None
            merged_up = v_merge is not None and v_merge.get(W + "val", "continue") != "restart"
            cells.append(Cell(text=_cell_text(tc), grid_col=col, span=span, merged_up=merged_up))
            col += span
        rows.append(cells)
    return Table(rows)


def _style(p: etree._Element) -> str | None:
    ps = p.find(f"{W}pPr/{W}pStyle")
    return ps.get(W + "val") if ps is not None else None


def _blocks(parent: etree._Element, out: list) -> None:
    for el in parent.iterchildren():
        tag = el.tag
        if tag == W + "p":
            out.append(Paragraph(paragraph_text(el), _style(el)))
        elif tag == W + "tbl":
            out.append(_read_table(el))
        elif tag in _TRANSPARENT:
            _blocks(el, out)


def read_docx(path: Path, name: str) -> Document:
    import docx  # python-docx; imported here so the sniffing above stays cheap
    from docx.opc.exceptions import PackageNotFoundError

    try:
        body = docx.Document(str(path)).element.body
    except (PackageNotFoundError, KeyError, etree.XMLSyntaxError, *DAMAGED_ZIP):
        raise ReadError("damaged", name) from None
    blocks: list = []
    _blocks(body, blocks)
    return Document(blocks=blocks, kind="docx", has_images=bool(_HAS_DRAWING(body)))
