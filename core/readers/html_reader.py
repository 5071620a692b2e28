"""Reading a report saved from a government website: HTML (GBK or UTF-8) or a single-file MHTML.

Core layer. The page is decoded by its byte-order mark, its declared charset, or else whichever
of UTF-8 and GB18030 decodes it; lxml parses it as a browser would. Scripts, styles and page
chrome carry no report text and are skipped. Every ``<table>`` holding data becomes a
:class:`core.document.Table` on grid positions, ``rowspan``/``colspan`` expanded exactly as the
DOCX reader expands vertical and horizontal merges; a table that only lays the page out (it holds
other tables) is read through as the flow of its cells. Paragraphs are block elements and the
lines ``<br>`` separates.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from core.document import Cell, Document, Paragraph, Table
from core.errors import ReadError

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "utf8": "utf-8"}
# No report text: page machinery, and text deleted or struck out (a tracked change left visible).
_SKIPPED = {"script", "style", "noscript", "template", "head", "title", "select", "option", "button", "iframe"}
_SKIPPED |= {"del", "s", "strike", "input", "textarea", "svg", "canvas", "object", "embed", "audio", "video"}
# Hidden widgets a saved page keeps (translate, search, "copied" toasts): inline styles, the
# hidden attribute, and classes or ids a <style> block hides.
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^\s*(?:[a-z0-9]*)?([.#])([\w-]+)\s*$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section", "article",
    "header", "footer", "main", "aside", "nav", "center", "blockquote", "pre", "form", "body", "html", "hr",
    "tr", "td", "th", "caption", "address", "figure", "figcaption",
}  # fmt: skip
_SPACE = re.compile(r"[ \t\r\n\f]+")


def _charset(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    return _ALIASES.get(name, name)


def _decode(data: bytes, declared: str | None, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    m = _CHARSET.search(data[:4096])
    candidates = [c for c in (_charset(declared), _charset(m.group(1).decode("ascii")) if m else None) if c]
    for encoding in (*candidates, "utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except (UnicodeError, LookupError):  # UnicodeError: charset=undefined
            continue
    raise ReadError("not_html", name)


def _from_mhtml(data: bytes, name: str) -> tuple[bytes, str | None]:
    """The HTML part of a page saved as a single file (.mht), and its charset."""
    import email  # only for a single-file page (the email package's parser costs a few ms to import)
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return payload, part.get_content_charset()
    raise ReadError("not_html", name)


def _is_mhtml(data: bytes) -> bool:
    head = data[:2048].lower()
    return b"mime-version:" in head and b"multipart/related" in head


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _cell_text(el, parent: _Flow | None = None) -> str:
    """A cell's text, its lines (paragraphs, br) kept as line breaks."""
    flow = _Flow()
    if parent is not None:
        flow.hidden_classes, flow.hidden_ids = parent.hidden_classes, parent.hidden_ids
    flow.walk(el)
    flow.flush()
    return "\n".join(p.text for p in flow.blocks)


def _rows(table) -> list:
    """The table's own rows, through thead/tbody/tfoot, not those of nested tables."""
    rows = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if _tag(c) == "tr")
    return rows


def _span(el, attr: str) -> int:
    """rowspan/colspan as a browser takes it: its digits, 1 without any, at most 1000."""
    return max(1, min(int(re.sub(r"\D", "", el.get(attr) or "") or 1), 1000))


def _table(table, parent: _Flow | None = None) -> Table:
    """rowspan/colspan expanded onto grid columns: a spanned cell once, with its span; each row
    it reaches below holds an empty continuation marked ``merged_up``."""
    covered: dict[int, dict[int, int]] = {}  # row -> {first grid column: span} still merged from above
    out: list[list[Cell]] = []
    for r, tr in enumerate(_rows(table)):
        below = covered.pop(r, {})
        cells = [Cell("", col, span, merged_up=True) for col, span in below.items()]
        taken = {c for col, span in below.items() for c in range(col, col + span)}
        col = 0
        for td in tr:
            if _tag(td) not in ("td", "th"):
                continue
            while col in taken:
                col += 1
            colspan, rowspan = _span(td, "colspan"), _span(td, "rowspan")
            cells.append(Cell(_cell_text(td, parent), col, colspan))
            for extra in range(1, rowspan):
                covered.setdefault(r + extra, {})[col] = colspan
            col += colspan
        out.append(sorted(cells, key=lambda c: c.grid_col))
    return Table(out)


def _hidden_selectors(root) -> tuple[set[str], set[str]]:
    """Classes and ids that the page's own style sheets hide (``.hide{display:none}``)."""
    classes, ids = set(), set()
    for style in root.iter("style"):
        for selectors, body in _CSS_RULE.findall(style.text or ""):
            if not _HIDDEN_STYLE.search(body):
                continue
            for selector in selectors.split(","):
                m = _SIMPLE_SELECTOR.match(selector)
                if m:
                    (classes if m.group(1) == "." else ids).add(m.group(2))
    return classes, ids


class _Flow:
    """Paragraphs and tables in reading order."""

    def __init__(self):
        self.blocks: list[Paragraph | Table] = []
        self.line: list[str] = []
        self.hidden_classes: set[str] = set()
        self.hidden_ids: set[str] = set()

    def hidden(self, el) -> bool:
        if el.get("hidden") is not None or el.get("aria-hidden") == "true":
            return True
        if _HIDDEN_STYLE.search(el.get("style") or ""):
            return True
        if self.hidden_ids and el.get("id") in self.hidden_ids:
            return True
        return bool(self.hidden_classes) and not self.hidden_classes.isdisjoint((el.get("class") or "").split())

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.line).replace("\xa0", " ")).strip()
        if text:
            self.blocks.append(Paragraph(text))
        self.line = []

    def text(self, text: str | None) -> None:
        if text:
            self.line.append(text)

    def walk(self, el) -> None:
        tag = _tag(el)
        if tag in _SKIPPED or not tag or self.hidden(el):
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table" and not el.xpath(".//table"):
            self.flush()
            self.blocks.append(_table(el, self))
            return
        block = tag in _BLOCKS or tag == "table"
        if block:
            self.flush()
        self.text(el.text)
        for child in el:
            self.walk(child)
            self.text(child.tail)
        if block:
            self.flush()


def read_html(path: Path, name: str) -> Document:
    # Pictures on a web page are its logo and banners far more often than a report's tables.
    return Document(blocks=html_blocks(path.read_bytes(), name), kind="html")


def html_blocks(data: bytes, name: str) -> list[Paragraph | Table]:
    """The paragraphs and tables of a page (HTML or MHTML) in reading order; also a DOCX's HTML
    chunk (core.readers.docx_reader). The caller has checked its bounds (guards.check_html)."""
    declared = None
    if _is_mhtml(data):
        data, declared = _from_mhtml(data, name)
    text = _CONTROL.sub("", _XML_DECL.sub("", _decode(data, declared, name)))
    if not text.strip():
        raise ReadError("empty", name)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        raise ReadError("not_html", name) from None
    flow = _Flow()
    flow.hidden_classes, flow.hidden_ids = _hidden_selectors(root)
    flow.walk(root)
    flow.flush()
    return flow.blocks
