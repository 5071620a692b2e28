"""Reading a DOCX draft into paragraphs and tables, exactly, on grid positions.

Core layer. The package is opened with :mod:`zipfile` and its main part — found through
``_rels/.rels``, Strict namespaces mapped (:mod:`core.readers.ooxml`) — is parsed with lxml
directly: python-docx's ``Document()`` parses styles, settings and every other part first and
its convenient APIs lose things real drafts contain (``row.cells`` repeats a merged cell in every
grid slot it covers, ``table.cell(r, c)`` in a loop is quadratic). Here each ``w:tc`` is read
once, with its grid column (``gridBefore`` + the spans before it), its ``gridSpan`` and whether
it continues a vertical merge.

What offices really produce is read into the same flat stream of blocks, in document order:

- text in tracked insertions (``w:ins``) and content controls (``w:sdt``); never deleted or
  moved-away text; an unfilled content control still showing its placeholder
  (``w:showingPlcHdr``) reads as blank;
- tables nested in a layout table (a web page pasted into Word) or in a one-cell frame table:
  the outer table is layout, its cells' paragraphs and tables become blocks;
- text boxes (``w:txbxContent``) after the paragraph they are anchored in, once: the VML
  ``mc:Fallback`` copy of ``mc:AlternateContent`` is dropped;
- embedded chunks (``w:altChunk``) in place, as Word merges them on opening: a DOCX chunk read
  like the main part, an HTML or MHTML one (OA systems write 表二 so) by the web-page reader
  within its bounds, a plain-text one as paragraphs; a chunk that cannot be read (RTF, too
  large, damaged, nested too deep, missing) is listed in ``Document.unread_chunks``, never
  dropped without a word;
- automatic list numbering (numbering.xml, directly or through a paragraph style): the number
  Word shows (一、 / （一） / 1.) is put in front of the text, as a reader sees it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from core.document import Cell, Document, Paragraph, Table, UnreadChunk
from core.errors import ReadError
from core.limits import LIMITS
from core.readers import DAMAGED_ZIP, _looks_like_html, guards
from core.readers.ooxml import Unzipped, main_part, parse, relationships, to_transitional

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS = {"w": W_NS, "mc": MC_NS}
W = f"{{{W_NS}}}"
MC = f"{{{MC_NS}}}"

_EXCLUDED = "not(ancestor::w:del or ancestor::w:moveFrom)"
_RUN_ITEMS = etree.XPath(
    f"(.//w:r/w:t | .//w:r/w:tab | .//w:r/w:br | .//w:r/w:cr | .//w:r/w:noBreakHyphen)[{_EXCLUDED}]",
    namespaces=NS,
)
_CELL_PARAS = etree.XPath(f".//w:p[{_EXCLUDED}]", namespaces=NS)
_RUN_TAGS = (W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen")
_RUN_CHARS = {W + "tab": "\t", W + "noBreakHyphen": "-", W + "br": "\n", W + "cr": "\n"}  # and w:t its text
W_P, W_R, W_T = W + "p", W + "r", W + "t"
_REMOVED = (W + "del", W + "moveFrom")


def _children(parent: etree._Element, tag: str) -> list[etree._Element]:
    """``tag`` children of parent, through content controls and custom XML around them
    (./w:tr | ./w:sdt/w:sdtContent/w:tr | ./w:customXml/w:tr, in document order)."""
    out = []
    for el in parent:
        if el.tag == tag:
            out.append(el)
        elif el.tag == W + "sdt":
            content = el.find(W + "sdtContent")
            if content is not None:
                out.extend(c for c in content if c.tag == tag)
        elif el.tag == W + "customXml":
            out.extend(c for c in el if c.tag == tag)
    return out


def _ROWS(tbl: etree._Element) -> list[etree._Element]:  # noqa: N802 - reads as the XPath it replaces
    return _children(tbl, W + "tr")


def _CELLS(tr: etree._Element) -> list[etree._Element]:  # noqa: N802
    return _children(tr, W + "tc")


# A paragraph inside another (a text box's, in a run): then a run's text is in both (_paragraph_texts).
_NESTED_PARAGRAPH = etree.XPath("boolean(descendant-or-self::w:p//w:p)", namespaces=NS)
# Containers whose children are body-level blocks.
_TRANSPARENT = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo", W + "smartTag"}
_SKIP = {W + "sdtPr", W + "sdtEndPr", W + "tcPr", W + "del", W + "moveFrom"}
ALT_CHUNK = "/aFChunk"
NUMBERING = "/numbering"
STYLES = "/styles"
MAX_CHUNK_DEPTH = 3
MAX_CHUNK_BYTES = 50 * 1024 * 1024
HTML_CHUNK_SUFFIXES = (".htm", ".html", ".xhtml", ".mht", ".mhtml")


# -- automatic numbering -------------------------------------------------------------------------
_CN_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("A") + r) + out
    return out


def _roman(n: int) -> str:
    pairs = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")]
    pairs += [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in pairs:
        while n >= value:
            out, n = out + letters, n - value
    return out


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalHalfWidth": str,
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "taiwaneseCountingThousand": _chinese,
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "decimalEnclosedParen": lambda n: f"({n})",
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 0 < n <= 20 else str(n),
}


def _val(el: etree._Element | None, default: str | None = None) -> str | None:
    return default if el is None else el.get(W + "val", default)


class Numbering:
    """Word's list counters, advanced paragraph by paragraph in document order."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstract id -> ilvl -> (fmt, text, start)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstract id, start overrides)
        self.style_num: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if numbering is not None:
            for ab in numbering.iterfind(W + "abstractNum"):
                levels = {}
                for lvl in ab.iterfind(W + "lvl"):
                    try:
                        ilvl = int(lvl.get(W + "ilvl", "0"))
                        start = int(_val(_first(lvl, W + "start"), "1"))
                    except ValueError:
                        continue
                    levels[ilvl] = (
                        _val(_first(lvl, W + "numFmt"), "decimal"),
                        _val(_first(lvl, W + "lvlText"), ""),
                        start,
                    )
                self.levels[ab.get(W + "abstractNumId", "")] = levels
            for num in numbering.iterfind(W + "num"):
                overrides = {}
                for ov in num.iterfind(W + "lvlOverride"):
                    start = _first(ov, W + "startOverride")
                    try:
                        if start is not None:
                            overrides[int(ov.get(W + "ilvl", "0"))] = int(_val(start, "1"))
                    except ValueError:
                        continue
                self.nums[num.get(W + "numId", "")] = (_val(_first(num, W + "abstractNumId"), ""), overrides)
        if styles is not None:
            for style in styles.iterfind(W + "style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    num_id = _val(_first(num_pr, W + "numId"))
                    ilvl = _val(_first(num_pr, W + "ilvl"), "0")
                    if num_id and ilvl.isdigit():
                        self.style_num[style.get(W + "styleId", "")] = (num_id, int(ilvl))

    def numbered(self, root: etree._Element) -> set[etree._Element]:
        """The paragraphs under ``root`` that :meth:`label` may number (a superset): those with a
        numPr of their own or a numbered style. Any other paragraph's label is "", and it advances
        no counter, so label() need not look at it."""
        found: set[etree._Element] = set()
        if not self.nums:
            return found
        marks = [num_pr for num_pr in root.iter(W + "numPr")]
        if self.style_num:
            marks += [s for s in root.iter(W + "pStyle") if s.get(W + "val") in self.style_num]
        for mark in marks:
            p_pr = mark.getparent()
            p = p_pr.getparent() if p_pr is not None and p_pr.tag == W + "pPr" else None
            if p is not None and p.tag == W_P:
                found.add(p)
        return found

    def label(self, p: etree._Element) -> str:
        """The number Word shows before paragraph ``p`` ("" for none), advancing its counter."""
        if not self.nums:
            return ""
        p_pr = _first(p, W + "pPr")
        if p_pr is None:
            return ""
        num_pr = _first(p_pr, W + "numPr")
        style = _val(_first(p_pr, W + "pStyle"))
        num_id, ilvl = None, 0
        if style in self.style_num:
            num_id, ilvl = self.style_num[style]
        if num_pr is not None:
            num_id = _val(_first(num_pr, W + "numId"), num_id)
            level = _val(_first(num_pr, W + "ilvl"))
            if level is not None and level.isdigit():
                ilvl = int(level)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start = overrides.get(ilvl, levels[ilvl][2])
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        fmt, text, _ = levels[ilvl]
        if fmt in ("none", "bullet"):
            return ""
        for k in range(9):
            if f"%{k + 1}" in text:
                value = counters.get(k, overrides.get(k, levels.get(k, ("", "", 1))[2]))
                k_fmt = levels.get(k, (fmt, "", 1))[0]
                text = text.replace(f"%{k + 1}", FORMATS.get(k_fmt, str)(value))
        return text


# -- the package --------------------------------------------------------------------------------
class _Package:
    """One WordprocessingML package: its main part parsed and prepared, its numbering, its chunks."""

    def __init__(self, zf: zipfile.ZipFile, depth: int = 0):
        names = set(zf.namelist())
        self.main = main_part(zf, names)
        if self.main is None:
            raise KeyError("no main part")
        self.root = parse(zf.read(self.main))
        rels = relationships(zf, self.main, names)

        def part(suffix: str) -> bytes | None:
            target = next((t for _, kind, t, mode in rels if kind.endswith(suffix) and t in names), None)
            return zf.read(target) if target else None

        numbering = part(NUMBERING)
        numbering = parse(numbering) if numbering and b"numId" in numbering else None
        body = self.root.find(W + "body")
        if numbering is not None and (body is None or next(body.iter(W + "numPr", W + "pStyle"), None) is None):
            # no paragraph has a numPr or a style of its own: none is numbered (Numbering.numbered)
            # and styles.xml, often 300 KB of latent styles, is not needed
            self.numbering = Numbering(None, None)
        else:
            # only the styles that number are parsed
            self.numbering = Numbering(numbering, _numbered_styles(part(STYLES)) if numbering is not None else None)
        self.chunks: dict[str, list] = {}
        self.unread: list[UnreadChunk] = []  # chunks that could not be read, here and inside chunks
        for rid, kind, target, mode in rels:
            if not kind.endswith(ALT_CHUNK):
                continue
            if mode == "External" or target not in names:
                self.unread.append(UnreadChunk(target, "missing"))
            elif depth >= MAX_CHUNK_DEPTH:
                self.unread.append(UnreadChunk(target, "too_deep"))
            else:
                self.chunks[rid] = self._chunk(zf, target, depth)
        self.body = body
        if self.body is None:
            raise KeyError("no body")
        self.numbered = self.numbering.numbered(self.body)  # before the text boxes are set aside
        self.boxes = _prepare(self.body)
        # tracked deletions or moves anywhere: text must then be filtered by its ancestors
        self.removed = any(True for _ in self.body.iter(*_REMOVED))
        self.texts: dict[etree._Element, str] = {}  # each paragraph's text, where no text is removed
        if not self.removed:
            for root in (self.body, *(box for boxes in self.boxes.values() for box in boxes)):
                self.texts.update(_paragraph_texts(root))

    def _chunk(self, zf: zipfile.ZipFile, target: str, depth: int) -> list:
        """The blocks of an embedded chunk: a DOCX package read like the main one; an HTML or
        MHTML page by the web-page reader, within a saved page's bounds; a plain-text chunk as
        paragraphs. What cannot be read is noted in ``self.unread`` and gives no blocks."""
        size = zf.getinfo(target).file_size
        lower = target.lower()
        if size > MAX_CHUNK_BYTES:
            self.unread.append(UnreadChunk(target, "too_large"))
            return []
        data = zf.read(target)
        head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if data.startswith(b"PK"):
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as inner:
                    package = _Package(inner, depth + 1)
            except (KeyError, etree.XMLSyntaxError, *DAMAGED_ZIP):
                self.unread.append(UnreadChunk(target, "damaged"))
                return []
            self.unread.extend(package.unread)
            out: list = []
            package.walk(package.body, out)
            return out
        if head.startswith(b"{\\rtf"):
            self.unread.append(UnreadChunk(target, "rtf"))
            return []
        if lower.endswith(".txt"):
            text = data.decode("utf-8", "replace")
            return [Paragraph(line) for line in text.splitlines()]
        if lower.endswith(HTML_CHUNK_SUFFIXES) or _looks_like_html(head):
            try:
                if size > LIMITS.html_bytes:
                    raise guards.too_large(target, "")
                guards.check_html(data, target)
                from core.readers.html_reader import html_blocks  # email, lxml.html: only for such a chunk

                return html_blocks(data, target)
            except ReadError as err:
                if err.code != "empty":
                    self.unread.append(UnreadChunk(target, "too_large" if err.code == "too_large" else "damaged"))
                return []
        self.unread.append(UnreadChunk(target, "kind"))
        return []

    # -- reading --------------------------------------------------------------------------------
    def paragraph_text(self, p: etree._Element) -> str:
        label = self.numbering.label(p) if p in self.numbered else ""
        if self.removed:
            return label + paragraph_text(p)
        text = self.texts.get(p)
        return label + (_fast_text(p) if text is None else text)

    def cell_texts(self, tbl: etree._Element) -> dict[etree._Element, list[str]] | None:
        """The paragraph texts under each w:tc of ``tbl``, in document order (what cell_text joins),
        in one pass over the table; None where a cell's text is more than its paragraphs' texts
        (tracked deletions, text boxes, list numbering): then cell_text reads each cell."""
        if self.removed or self.boxes or self.numbered:
            return None
        texts, tc_tag = self.texts, W + "tc"
        lines: dict[etree._Element, list[str]] = {}
        for p in tbl.iter(W_P):
            text = texts.get(p)
            if text is None:
                text = _fast_text(p)
            around = p.getparent()
            while around is not None and around is not tbl:  # every cell around the paragraph
                if around.tag == tc_tag:
                    found = lines.get(around)
                    if found is None:
                        lines[around] = [text]
                    else:
                        found.append(text)
                around = around.getparent()
        return lines

    def cell_text(self, tc: etree._Element) -> str:
        paras = _CELL_PARAS(tc) if self.removed else tc.iter(W_P)
        if not self.boxes:
            return "\n".join(self.paragraph_text(p) for p in paras)
        lines = []
        for p in paras:  # a text box anchored in the cell (set aside by _prepare) is the cell's text
            lines.append(self.paragraph_text(p))
            for box in self.boxes.get(p, ()):
                lines.extend(self.paragraph_text(q) for q in box.iter(W_P))
        return "\n".join(lines)

    def read_table(self, tbl: etree._Element) -> Table:
        rows: list[list[Cell]] = []
        props, plain = _cell_props(tbl), (1, False)
        lines, tr_pr_tag = self.cell_texts(tbl), W + "trPr"
        for tr in _ROWS(tbl):
            tr_pr = _first(tr, tr_pr_tag)
            if tr_pr is not None and _first(tr_pr, W + "del") is not None:
                continue  # a row deleted with tracked changes on
            col = _int_attr(tr_pr, "gridBefore", 0) if tr_pr is not None else 0
            cells = []
            for tc in _CELLS(tr):
                span, merged_up = props.get(tc, plain)
                text = self.cell_text(tc) if lines is None else "\n".join(lines.get(tc, ()))
                cells.append(Cell(text, col, span, merged_up))
                col += span
            rows.append(cells)
        return Table(rows)

    def walk(self, parent: etree._Element, out: list) -> None:
        for el in parent.iterchildren():
            tag = el.tag
            if tag == W + "p":
                out.append(Paragraph(self.paragraph_text(el), _style(el)))
                for box in self.boxes.get(el, ()):
                    self.walk(box, out)
            elif tag == W + "tbl":
                if _is_layout(el):
                    for tr in _ROWS(el):
                        for tc in _CELLS(tr):
                            self.walk(tc, out)
                else:
                    out.append(self.read_table(el))
            elif tag == W + "altChunk":
                out.extend(self.chunks.get(el.get(f"{{{R_NS}}}id", ""), ()))
            elif tag in _TRANSPARENT:
                self.walk(el, out)


def _prepare(body: etree._Element) -> dict:
    """Drop what is not the report's text and set text boxes aside.

    The ``mc:Fallback`` copy of an ``mc:AlternateContent`` with a ``mc:Choice`` goes (it repeats
    the text box); an unfilled content control's placeholder text goes; each outermost text box
    is detached and returned under the block-level paragraph it is anchored in, so its contents
    are read once, after that paragraph."""
    for alt in list(body.iter(MC + "AlternateContent")):
        if alt.find(MC + "Choice") is not None:
            for fallback in alt.findall(MC + "Fallback"):
                alt.remove(fallback)
    for sdt in list(body.iter(W + "sdt")):
        pr = sdt.find(W + "sdtPr")
        if pr is not None and pr.find(W + "showingPlcHdr") is not None:
            content = sdt.find(W + "sdtContent")
            if content is None or content.find(f".//{W}tbl") is not None:
                continue  # a control around a whole table holds the table, not a placeholder
            for t in content.iter(W + "t"):
                t.text = ""
    boxes: dict = {}
    found = [box for box in body.iter(W + "txbxContent")]
    outermost = [b for b in found if not any(a.tag == W + "txbxContent" for a in b.iterancestors())]
    anchors = []
    for box in outermost:
        anchor = next((a for a in box.iterancestors(W + "p")), None)
        while anchor is not None:
            outer = next(anchor.iterancestors(W + "p"), None)
            if outer is None:
                break
            anchor = outer
        anchors.append(anchor)
    for box, anchor in zip(outermost, anchors):
        if anchor is None:
            continue
        box.getparent().remove(box)
        boxes.setdefault(anchor, []).append(box)
    return boxes


def _numbered_styles(data: bytes | None) -> etree._Element | None:
    """A w:styles element holding only the styles of ``data`` that carry list numbering."""
    if not data or b"numPr" not in data:
        return None
    data = to_transitional(data)
    if b"<w:styles" not in data:  # another namespace prefix: parse it whole
        return parse(data)
    blocks, pos = [], 0
    while (i := data.find(b"numPr", pos)) >= 0:
        start, end = data.rfind(b"<w:style ", 0, i), data.find(b"</w:style>", i)
        if start < 0 or end < 0:
            break
        if start >= pos:
            blocks.append(data[start : end + len(b"</w:style>")])
        pos = end + len(b"</w:style>")
    return parse(b'<w:styles xmlns:w="' + W_NS.encode() + b'">' + b"".join(blocks) + b"</w:styles>")


def _is_layout(tbl: etree._Element) -> bool:
    """A table used as page layout: it holds other tables, or it is one cell (a frame)."""
    for inner in tbl.iterdescendants(W + "tbl"):  # .//w:tc//w:tbl, without XPath: a table in a cell
        around = inner.getparent()
        while around is not None and around is not tbl:
            if around.tag == W + "tc":
                return True
            around = around.getparent()
    rows = _ROWS(tbl)
    return len(rows) == 1 and len(_CELLS(rows[0])) == 1


def _run_text(items) -> str:
    parts = []
    for el in items:
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


def _paragraph_texts(root: etree._Element) -> dict[etree._Element, str]:
    """The text of every paragraph under ``root`` (``root`` too, if it is one), for a document
    without tracked deletions or moves: the run items (t, tab, br, cr, noBreakHyphen children of
    a w:r) inside it, in document order. One pass over the tree: lxml's iter() with several tags
    is set up once, not once per paragraph, and an element's ``.tag`` is read only where it
    matched. A paragraph nested in another has its text in both."""
    pieces: dict[etree._Element, list[str]] = {}
    nested = _NESTED_PARAGRAPH(root)  # else a run is in one paragraph at most: the nearest one around it
    for el in root.iter(W_P, *_RUN_TAGS):
        tag = el.tag
        if tag == W_P:
            pieces[el] = []
            continue
        run = el.getparent()
        if run.tag != W_R:
            continue
        piece = (el.text or "") if tag == W_T else _RUN_CHARS[tag]
        around = run.getparent()
        while around is not None:  # every paragraph around the run, up to root
            texts = pieces.get(around)
            if texts is not None:
                texts.append(piece)
                if not nested:
                    break
            if around is root:
                break
            around = around.getparent()
    return {p: "".join(texts) for p, texts in pieces.items()}


def _fast_text(p: etree._Element) -> str:
    """paragraph_text for a document without tracked deletions or moves."""
    return _paragraph_texts(p)[p]


def paragraph_text(p: etree._Element) -> str:
    return _run_text(_RUN_ITEMS(p))


def _first(parent: etree._Element, tag: str) -> etree._Element | None:
    """``parent.find(tag)`` for a plain tag: its first child of that tag (a loop over a few
    children costs less than find()'s path parsing)."""
    for child in parent:
        if child.tag == tag:
            return child
    return None


def _int_attr(parent: etree._Element | None, tag: str, default: int) -> int:
    if parent is None:
        return default
    return _int_val(_first(parent, W + tag), default)


def _int_val(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return max(1, int(el.get(W + "val", default)))
    except ValueError:
        return default


def _cell_props(tbl: etree._Element) -> dict[etree._Element, tuple[int, bool]]:
    """(gridSpan, continues a vertical merge) of the cells under ``tbl`` that have either, by
    ``w:tc``: the first w:gridSpan and the first w:vMerge child of a cell's first w:tcPr. One
    pass over the table for the few cells that span or merge; every other cell is (1, False)."""
    found: dict[etree._Element, list] = {}
    tc_pr_tag, tc_tag, span_tag = W + "tcPr", W + "tc", W + "gridSpan"
    for el in tbl.iter(span_tag, W + "vMerge"):
        tc_pr = el.getparent()
        if tc_pr.tag != tc_pr_tag:
            continue
        tc = tc_pr.getparent()
        if tc is None or tc.tag != tc_tag or _first(tc, tc_pr_tag) is not tc_pr:
            continue
        first = found.setdefault(tc, [None, None])
        i = 0 if el.tag == span_tag else 1
        if first[i] is None:
            first[i] = el
    return {
        tc: (_int_val(span, 1), v_merge is not None and v_merge.get(W + "val", "continue") != "restart")
        for tc, (span, v_merge) in found.items()
    }


def _style(p: etree._Element) -> str | None:
    """The paragraph's style id: ``p.find("w:pPr/w:pStyle")``'s value."""
    for child in p:
        if child.tag == W + "pPr":
            ps = _first(child, W + "pStyle")
            if ps is not None:
                return ps.get(W + "val")
    return None


def read_docx(path: Path, name: str, kept: dict[str, bytes] | None = None) -> Document:
    """The draft at ``path``; ``kept``: members already decompressed (by the bounds check)."""
    try:
        with zipfile.ZipFile(path) as zf:
            package = _Package(Unzipped(zf, kept) if kept else zf)
    except (KeyError, etree.XMLSyntaxError, *DAMAGED_ZIP):
        raise ReadError("damaged", name) from None
    blocks: list = []
    package.walk(package.body, blocks)
    return Document(
        blocks=blocks,
        kind="docx",
        has_images=next(package.body.iter(W + "drawing", W + "pict"), None) is not None,
        unread_chunks=package.unread,
    )
