"""The PDF engine under the PDF reader: each page's characters with their boxes, its thin ruling
segments and the table cells its ruling lines draw, one page at a time.

Core layer. PDFium (through pypdfium2: Apache-2.0/BSD-3, the engine of Chrome's PDF viewer,
fuzzed continuously upstream, prebuilt for Windows, Linux x86-64 and ARM) parses the file; this
module reads what :mod:`core.readers.pdf_reader` needs from it and closes every page and text page
before it goes on, so memory stays bounded by one page and cost grows linearly with the pages.

Coordinates are PDF points from the top left of the page's media box, turned as the page is shown
(its /Rotate applied). A character's box runs across its advance width and up by its font size
from the font's descent below the baseline, as pdfminer (which the reader was built on) drew it.
Spaces and line breaks PDFium infers are left out; the reader spaces words by their gaps. Cells
are found from the ruling lines as pdfplumber's ``find_tables`` found them: horizontal and
vertical edges within 3 pt snapped to their average and joined, their crossings, and for each
crossing the smallest rectangle whose four sides are drawn; rectangles that share corners make
one table.

PDFium is not thread-safe: one document is read at a time (a lock).
"""

from __future__ import annotations

import ctypes
import itertools
import math
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import ReadError
from core.limits import LIMITS
from core.readers.guards import too_large

SNAP = 3.0  # edges this close are one line (pdfplumber's snap_tolerance)
JOIN = 3.0  # collinear edges this close are joined (join_tolerance)
EDGE_MIN = 3.0  # shorter edges draw no cell side (edge_min_length)
CROSS = 3.0  # an edge reaching this close to another crosses it (intersection_tolerance)
_LOCK = threading.RLock()


@dataclass
class PdfPage:
    number: int
    width: float
    height: float
    doctop: float  # the page's top across the document (the heights of the pages before it)
    # text, x0, x1, top, bottom, size; unmapped: a glyph whose font gives no text for it
    chars: list[dict] = field(default_factory=list)
    rules: list[tuple[float, float, float]] = field(default_factory=list)  # thin horizontal: top, x0, x1
    tables: list[tuple[tuple[float, float, float, float], list[tuple[float, float, float, float]]]] = field(
        default_factory=list
    )  # (bbox, cells) top to bottom; boxes are (x0, top, x1, bottom)
    has_images: bool = False


def read_pages(path: Path, name: str) -> Iterator[PdfPage]:
    """The pages of the PDF at ``path``, one at a time; ReadError for a locked or damaged file.
    Close the iterator (``contextlib.closing``) when not reading it to the end."""
    import pypdfium2
    import pypdfium2.raw as raw

    with _LOCK:
        try:
            pdf = pypdfium2.PdfDocument(str(path))
        except pypdfium2.PdfiumError as err:
            code = getattr(err, "err_code", None)
            locked = code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY)
            raise ReadError("encrypted_pdf" if locked else "damaged_pdf", name) from None
        try:
            if len(pdf) > LIMITS.pdf_pages:
                raise too_large(name, f"超过 {LIMITS.pdf_pages:,} 页")
            doctop = 0.0
            for number in range(len(pdf)):
                try:
                    page = pdf[number]
                except pypdfium2.PdfiumError:
                    raise ReadError("damaged_pdf", name) from None
                try:
                    content = _read_page(raw, page, number, doctop)
                finally:
                    page.close()
                doctop += content.height
                yield content
        finally:
            pdf.close()


# -- one page -------------------------------------------------------------------------------------
def _read_page(raw, page, number: int, doctop: float) -> PdfPage:
    left, bottom, right, top = page.get_mediabox()
    rotation = page.get_rotation() % 360
    width, height = right - left, top - bottom
    if rotation in (90, 270):
        width, height = height, width
    # PDF user space to the shown page, top-left origin (pdfminer's initial matrix, then y flipped)
    to_page = {
        0: (1.0, 0.0, 0.0, -1.0, -left, top),
        90: (0.0, 1.0, 1.0, 0.0, -bottom, -left),
        180: (-1.0, 0.0, 0.0, 1.0, right, -bottom),
        270: (0.0, -1.0, -1.0, 0.0, top, right),
    }.get(rotation, (1.0, 0.0, 0.0, -1.0, -left, top))
    out = PdfPage(number, width, height, doctop)
    textpage = page.get_textpage()
    try:
        out.chars = _chars(raw, textpage, to_page)
    finally:
        textpage.close()
    edges: list[dict] = []
    _walk(raw, page, None, to_page, edges, out)
    out.tables = find_tables(edges)
    return out


def _address_functions(raw):
    """FPDFText_GetTextObject, FPDFTextObj_GetFont and FPDFFont_GetDescent on plain addresses
    (ints), so a run of characters from one text object is recognised without a ctypes cast per
    character: private copies of the library's functions (pypdfium2's own keep their types), or,
    where pypdfium2 keeps its library elsewhere, the public ones with casts."""
    try:
        from pypdfium2_raw.bindings import _libs

        lib = _libs["pdfium"]
    except (ImportError, KeyError):
        lib = None
    if lib is None:

        def address(pointer) -> int | None:
            return ctypes.cast(pointer, ctypes.c_void_p).value

        return (
            lambda tp, index: address(raw.FPDFText_GetTextObject(tp, index)),
            lambda obj: address(raw.FPDFTextObj_GetFont(ctypes.cast(obj, raw.FPDF_PAGEOBJECT))),
            lambda font, size, out: raw.FPDFFont_GetDescent(ctypes.cast(font, raw.FPDF_FONT), size, out),
        )
    text_object, font_of, descent = (
        lib["FPDFText_GetTextObject"],
        lib["FPDFTextObj_GetFont"],
        lib["FPDFFont_GetDescent"],
    )
    text_object.argtypes, text_object.restype = (ctypes.c_void_p, ctypes.c_int), ctypes.c_void_p
    font_of.argtypes, font_of.restype = (ctypes.c_void_p,), ctypes.c_void_p
    descent.argtypes, descent.restype = (ctypes.c_void_p, ctypes.c_float, ctypes.POINTER(ctypes.c_float)), ctypes.c_int
    return text_object, font_of, descent


def _chars(raw, textpage, m) -> list[dict]:
    a, b, c, d, e, f = m
    tp = textpage.raw
    box, mat = raw.FS_RECTF(), raw.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    get_box, get_origin, get_matrix = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharOrigin, raw.FPDFText_GetMatrix
    font_size, generated, unicode_of = raw.FPDFText_GetFontSize, raw.FPDFText_IsGenerated, raw.FPDFText_GetUnicode
    map_error, hyphen = raw.FPDFText_HasUnicodeMapError, raw.FPDFText_IsHyphen
    text_object, font_of, font_descent = _address_functions(raw)
    descent_value = ctypes.c_float()
    descents: dict[int, float] = {}  # font -> its descent (negative), per 1 pt of size
    last_object, size, descent = -1, 0.0, 0.0
    chars: list[dict] = []
    count = textpage.count_chars()
    i = 0
    while i < count:
        index, i = i, i + 1
        # PDFium's own spaces and line breaks (not in the file) are left out: the reader spaces words
        # by their gaps, as it did with pdfminer
        if generated(tp, index) == 1:
            continue
        code = unicode_of(tp, index)
        if code < 0x20 and code not in (9, 10, 13):
            if code == 2 and hyphen(tp, index) == 1:
                code = 0x2D  # a hyphen PDFium marked as ending a line
            else:
                continue
        if 0xD800 <= code < 0xDC00 and i < count:  # a UTF-16 surrogate pair (wchar_t on Windows)
            low = unicode_of(tp, i)
            if 0xDC00 <= low < 0xE000:
                code, i = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), i + 1
        get_box(tp, index, box)
        get_origin(tp, index, ox, oy)
        obj = text_object(tp, index)
        if obj != last_object:  # font, size and matrix are the text object's
            last_object = obj
            get_matrix(tp, index, mat)
            size = font_size(tp, index) * math.hypot(mat.c, mat.d)
            font = font_of(obj) if obj else None
            descent = descents.get(font) if font else 0.0
            if descent is None:
                ok = font_descent(font, 1.0, descent_value)
                descent = descents[font] = min(descent_value.value, 0.0) if ok else 0.0
        # on the shown page: across the advance width; up by the font size from the font's
        # descent below the baseline (pdfminer's box, which the reader's tolerances were set on)
        xs = (a * box.left + c * box.bottom + e, a * box.right + c * box.top + e)
        base = b * ox.value + d * oy.value + f - descent * size
        chars.append(
            {
                "text": chr(code) if code < 0x110000 else "\ufffd",
                "x0": min(xs),
                "x1": max(xs),
                "top": base - size,
                "bottom": base,
                "size": size,
                "unmapped": map_error(tp, index) == 1,
            }
        )
    return chars


def _walk(raw, page, form, to_page, edges: list[dict], out: PdfPage, depth: int = 0) -> None:
    """Every path object of the page (and of the forms it draws) as edges; images noted."""
    if form is None:
        count = raw.FPDFPage_CountObjects(page.raw)
        get = raw.FPDFPage_GetObject
        parent = page.raw
    else:
        count = raw.FPDFFormObj_CountObjects(form)
        get = raw.FPDFFormObj_GetObject
        parent = form
    matrix = raw.FS_MATRIX()
    for i in range(max(count, 0)):
        obj = get(parent, i)
        if not obj:
            continue
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            out.has_images = True
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            if raw.FPDFPageObj_GetMatrix(obj, matrix):
                m = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), to_page)
                _path_edges(raw, obj, m, edges, out)
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 15:
            if raw.FPDFPageObj_GetMatrix(obj, matrix):
                m = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), to_page)
                _walk(raw, page, obj, m, edges, out, depth + 1)


def _compose(inner, outer):
    """The matrix applying ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _path_edges(raw, obj, m, edges: list[dict], out: PdfPage) -> None:
    """A painted path as pdfminer shaped it: per subpath a line (``m l``), a rectangle (four sides
    closed, axis-parallel) or a curve (its points, edges between consecutive ones)."""
    a, b, c, d, e, f = m
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[tuple[str, list[tuple[float, float]]]] = []
    shape: list[str] = []
    points: list[tuple[float, float]] = []
    controls = 0  # PDFium gives a Bézier curve as three points: two controls, then its end
    for i in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        if not seg or not raw.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_BEZIERTO and controls < 2:
            controls += 1
            continue
        controls = 0
        point = (round(a * x.value + c * y.value + e, 3), round(b * x.value + d * y.value + f, 3))
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if shape:
                subpaths.append(("".join(shape), points))
            shape, points = ["m"], [point]
            continue
        if not shape:
            continue
        shape.append("c" if kind == raw.FPDF_SEGMENT_BEZIERTO else "l")
        points.append(point)
        if raw.FPDFPathSegment_GetClose(seg):
            shape.append("h")
            points.append(points[0])
    if shape:
        subpaths.append(("".join(shape), points))
    for text, pts in subpaths:
        _shape_edges(text, pts, edges, out)


def _shape_edges(shape: str, pts: list[tuple[float, float]], edges: list[dict], out: PdfPage) -> None:
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-2] + pts[-1:]
    if shape in ("mlh", "ml"):
        (x0, y0), (x1, y1) = pts[0], pts[1]
        e = _box(x0, y0, x1, y1)
        e["orientation"] = "h" if e["top"] == e["bottom"] else "v"
        edges.append(e)
        if e["bottom"] - e["top"] < 2 and e["x1"] - e["x0"] > 2:
            out.rules.append((e["top"], e["x0"], e["x1"]))
        return
    if shape in ("mlllh", "mllll") and len(pts) == 5:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            r = _box(x0, y0, x2, y2)
            if r["bottom"] - r["top"] < 2 and r["x1"] - r["x0"] > 2:
                out.rules.append((r["top"], r["x0"], r["x1"]))
            top, bottom, left, right = dict(r), dict(r), dict(r), dict(r)
            top.update(bottom=r["top"], height=0.0, orientation="h")
            bottom.update(top=r["bottom"], height=0.0, orientation="h")
            left.update(x1=r["x0"], width=0.0, orientation="v")
            right.update(x0=r["x1"], width=0.0, orientation="v")
            edges += (top, bottom, left, right)
            return
    for p0, p1 in zip(pts, pts[1:]):
        e = _box(p0[0], p0[1], p1[0], p1[1])
        e["orientation"] = "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)
        edges.append(e)


def _box(x0: float, y0: float, x1: float, y1: float) -> dict:
    x0, x1 = min(x0, x1), max(x0, x1)
    top, bottom = min(y0, y1), max(y0, y1)
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top}


# -- cells from ruling lines (pdfplumber's table finder, "lines" strategy, default settings) --------
def find_tables(edges: list[dict]) -> list[tuple[tuple[float, float, float, float], list[tuple]]]:
    """The tables the edges draw: (bbox, cell boxes), top to bottom; boxes are (x0, top, x1, bottom)."""
    edges = [
        e for e in edges if e["orientation"] in ("v", "h") and e["height" if e["orientation"] == "v" else "width"] >= 1
    ]
    edges = _merge(edges)
    edges = [e for e in edges if e["height" if e["orientation"] == "v" else "width"] >= EDGE_MIN]
    cells = _cells(_intersections(edges))
    tables = []
    for group in _group(cells):
        bbox = (min(c[0] for c in group), min(c[1] for c in group), max(c[2] for c in group), max(c[3] for c in group))
        tables.append((bbox, group))
    return tables


def _cluster_avgs(objs: list[dict], attr: str) -> list[tuple[list[dict], float]]:
    values = sorted({o[attr] for o in objs})
    index: dict[float, int] = {}
    n, last = -1, None
    for v in values:
        if last is None or v > last + SNAP:
            n += 1
        index[v] = n
        last = v
    groups: dict[int, list[dict]] = {}
    for o in sorted(objs, key=lambda o: index[o[attr]]):
        groups.setdefault(index[o[attr]], []).append(o)
    return [(g, sum(o[attr] for o in g) / len(g)) for _, g in sorted(groups.items())]


def _merge(edges: list[dict]) -> list[dict]:
    snapped = []
    for group, avg in _cluster_avgs([e for e in edges if e["orientation"] == "v"], "x0"):
        for e in group:
            shift = avg - e["x0"]
            snapped.append({**e, "x0": e["x0"] + shift, "x1": e["x1"] + shift})
    for group, avg in _cluster_avgs([e for e in edges if e["orientation"] == "h"], "top"):
        for e in group:
            shift = avg - e["top"]
            snapped.append({**e, "top": e["top"] + shift, "bottom": e["bottom"] + shift})

    def group_of(e: dict) -> tuple[str, float]:
        return ("h", e["top"]) if e["orientation"] == "h" else ("v", e["x0"])

    out: list[dict] = []
    for (orientation, _), items in itertools.groupby(sorted(snapped, key=group_of), key=group_of):
        lo, hi, size = ("x0", "x1", "width") if orientation == "h" else ("top", "bottom", "height")
        joined: list[dict] = []
        for e in sorted(items, key=lambda e: e[lo]):
            if joined and e[lo] <= joined[-1][hi] + JOIN:
                last = joined[-1]
                if e[hi] > last[hi]:
                    joined[-1] = {**last, hi: e[hi], size: e[hi] - last[lo]}
            else:
                joined.append(e)
        out += joined
    return out


def _intersections(edges: list[dict]) -> dict[tuple[float, float], tuple[set, set]]:
    """Crossing points: (x, top) -> (boxes of the vertical edges, boxes of the horizontal ones)."""
    vs = sorted((e for e in edges if e["orientation"] == "v"), key=lambda e: (e["x0"], e["top"]))
    hs = sorted((e for e in edges if e["orientation"] == "h"), key=lambda e: (e["top"], e["x0"]))
    out: dict[tuple[float, float], tuple[set, set]] = {}
    for v in vs:
        vbox = (v["x0"], v["top"], v["x1"], v["bottom"])
        for h in hs:
            if v["top"] <= h["top"] + CROSS and v["bottom"] >= h["top"] - CROSS:
                if h["x0"] - CROSS <= v["x0"] <= h["x1"] + CROSS:
                    both = out.setdefault((v["x0"], h["top"]), (set(), set()))
                    both[0].add(vbox)
                    both[1].add((h["x0"], h["top"], h["x1"], h["bottom"]))
    return out


def _cells(crossings: dict[tuple[float, float], tuple[set, set]]) -> list[tuple[float, float, float, float]]:
    """For each crossing, the smallest rectangle to its right and below whose sides are drawn."""
    points = sorted(crossings)
    below_of: dict[float, list] = {}
    right_of: dict[float, list] = {}
    for p in points:
        below_of.setdefault(p[0], []).append(p)
        right_of.setdefault(p[1], []).append(p)

    def connects(p1, p2) -> bool:
        if p1[0] == p2[0] and crossings[p1][0] & crossings[p2][0]:
            return True
        return p1[1] == p2[1] and bool(crossings[p1][1] & crossings[p2][1])

    cells = []
    for pt in points:
        below = [p for p in below_of[pt[0]] if p > pt]
        right = [p for p in right_of[pt[1]] if p > pt]
        found = None
        for b in below:
            if not connects(pt, b):
                continue
            for r in right:
                if not connects(pt, r):
                    continue
                corner = (r[0], b[1])
                if corner in crossings and connects(corner, r) and connects(corner, b):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _group(cells: list[tuple]) -> list[list[tuple]]:
    """Cells sharing corners, as tables of more than one cell, top to bottom."""
    remaining = list(cells)
    corners: set = set()
    current: list[tuple] = []
    tables = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            x0, top, x1, bottom = cell
            own = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or any(c in corners for c in own):
                corners.update(own)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(list(current))
            corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
