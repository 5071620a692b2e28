"""Bounds checked before a reader sees a file (core.limits): a zip bomb, a DOCX of a million
cells or a gridSpan of a billion, a page of huge spans, a text export of gigabytes are refused
with ``ReadError("too_large")`` in a linear scan of bounded bytes, before lxml, PDFium or the
grid walk can take minutes and gigabytes.

Core layer. Called from :func:`core.readers.read_document` only.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from core.errors import ReadError
from core.limits import LIMITS, MB

_GRID_SPAN = re.compile(rb":gridSpan\b[^>]*?:val\s*=\s*[\"']?\s*(\d{1,20})")
_HTML_SPAN = re.compile(rb"(?:col|row)span\s*=\s*[\"']?\s*(\d{1,20})", re.IGNORECASE)


def too_large(name: str, what: str) -> ReadError:
    return ReadError("too_large", name, what)


def check_size(path: Path, name: str, size: int, limit: int) -> None:
    if size > limit:
        raise too_large(name, f"{size // MB} MB，上限 {limit // MB} MB")


# Decompressed members the package check hands on to the reader, so that no part is
# decompressed twice; beyond this total the reader reads the rest from the zip file again.
KEEP_BYTES = 64 * MB


class _Recount(Exception):
    """An upper bound reached a limit: count again, exactly (see check_package)."""


def _elements(data: bytes) -> int:
    return data.count(b"<") - data.count(b"</")


def _cells(data: bytes) -> int:
    return data.count(b"<w:tc>") + data.count(b"<w:tc ") + data.count(b"<w:tc/")  # other prefixes: the element bound


# Upper bounds of each count in one XML part, cheapest first, the exact count last: every start
# tag has a "<" and a part of n bytes has at most n of them; every cell's tag begins "<w:tc",
# six bytes at least.
ELEMENT_BOUNDS = (len, lambda data: data.count(b"<"), _elements)
CELL_BOUNDS = (lambda data: len(data) // 6, lambda data: data.count(b"<w:tc"), _cells)


class _Tally:
    """A count of one kind of tag over the XML parts so far, against its limit. Each part adds
    the cheapest of its bounds that keeps the total within the limit (with ``exact``, its exact
    count only), so the total is never below the exact count: while it is within the limit, so
    is the count. :meth:`add` is False where even a part's exact count takes the total over."""

    def __init__(self, limit: int, bounds: tuple, exact: bool):
        self.limit = limit
        self.bounds = bounds[-1:] if exact else bounds
        self.total = 0

    def add(self, data: bytes) -> bool:
        for bound in self.bounds:
            n = bound(data)
            if self.total + n <= self.limit:
                self.total += n
                return True
        self.total += n
        return False


def check_package(zf: zipfile.ZipFile, name: str) -> dict[str, bytes]:
    """Member count, declared sizes and ratios of a DOCX package, then one read of every member
    (zipfile checks each CRC: this is ``testzip``, within bounds — 2,000 entries naming one 256 MB
    member would be 512 GB of work for it) with a scan of the XML parts for element and cell
    counts and gridSpan values. A damaged member raises zipfile.BadZipFile. Returns the members
    read, by name (up to KEEP_BYTES of them), for the reader.

    The element and cell counts are first taken as upper bounds (cheaper, _Tally); only where a
    part's exact count passes a limit after other parts' bounds is the package read again with
    exact counts throughout, so what is refused, and with which message, is exactly what exact
    counting alone refuses."""
    infos = zf.infolist()
    if len(infos) > LIMITS.zip_members:
        raise too_large(name, f"压缩包内有 {len(infos)} 个部件")
    total = sum(i.file_size for i in infos)
    if total > LIMITS.zip_total_bytes:
        raise too_large(name, f"解压后约 {total // MB} MB")
    xml = [i for i in infos if i.filename.lower().endswith((".xml", ".rels"))]
    for info in infos:
        if info.file_size > LIMITS.zip_ratio_from and info.file_size > LIMITS.zip_ratio * max(1, info.compress_size):
            raise too_large(name, f"部件“{info.filename[:40]}”的压缩比异常")
    for info in xml:
        if info.file_size > LIMITS.zip_xml_bytes:
            raise too_large(name, f"部件“{info.filename[:40]}”解压后 {info.file_size // MB} MB")
    try:
        return _read_members(zf, name, infos, xml, exact=False)
    except _Recount:
        return _read_members(zf, name, infos, xml, exact=True)


def _read_members(
    zf: zipfile.ZipFile, name: str, infos: list[zipfile.ZipInfo], xml: list[zipfile.ZipInfo], exact: bool
) -> dict[str, bytes]:
    counted = [i for i in xml if i.filename.lower().startswith("word/")]
    elements = _Tally(LIMITS.xml_elements, ELEMENT_BOUNDS, exact)
    cells = _Tally(LIMITS.xml_cells, CELL_BOUNDS, exact)
    kept: dict[str, bytes] = {}
    kept_bytes = 0
    for info in infos:  # every member read once: zipfile checks its CRC, as testzip would
        data = zf.read(info)  # bounded by the declared sizes checked above
        if kept_bytes + len(data) <= KEEP_BYTES:
            kept[info.filename] = data
            kept_bytes += len(data)
        else:  # and never an earlier entry of the same name: zipfile reads a name's last entry
            kept.pop(info.filename, None)
        if info not in counted:
            continue
        if not elements.add(data):
            if not exact:
                raise _Recount
            raise too_large(name, f"超过 {LIMITS.xml_elements:,} 个文档元素")
        if not cells.add(data):
            if not exact:
                raise _Recount
            raise too_large(name, f"超过 {LIMITS.xml_cells:,} 个表格单元格")
        # re's literal search finds no gridSpan in a 400 KB styles part faster than `in` (two-way)
        spans = [int(m) for m in _GRID_SPAN.findall(data)] if re.search(b"gridSpan", data) else []
        if spans and max(spans) > LIMITS.grid_span:
            raise too_large(name, f"一个单元格横跨 {max(spans):,} 列")
    return kept


# A PDF stream's dictionary and data: "<< … >> stream\r?\n … endstream". The dictionary is
# matched from its last "<<" before the keyword, which is enough to see its /Filter.
_PDF_STREAM = re.compile(rb"stream\r?\n")
_PDF_END = b"endstream"
_TEXT_OPS = re.compile(rb"(?:Tj|TJ|'|\")(?=[\s\]\[<>()/]|$)")


def check_pdf(path: Path, name: str) -> None:
    """The decompressed size and text operators of every stream in the file, each inflated with
    a ceiling (a 30 KB stream can inflate to gigabytes), before any PDF library parses it; the
    page count is bounded by the reader (core.readers.pdf_engine). A linear scan of the bytes,
    with no PDF library: the file's size is bounded already (core.limits)."""
    data = path.read_bytes()
    total = 0
    pos = 0
    while True:
        m = _PDF_STREAM.search(data, pos)
        if m is None:
            return
        begin = m.end()
        stop = data.find(_PDF_END, begin)
        if stop < 0:
            return
        head = data[max(0, m.start() - 600) : m.start()]
        raw = data[begin:stop]
        pos = stop + len(_PDF_END)
        if b"/FlateDecode" in head[head.rfind(b"<<") :] or b"/Fl " in head[head.rfind(b"<<") :]:
            inflated = _inflated(raw, LIMITS.pdf_page_bytes)
        else:
            inflated = raw
        if len(inflated) > LIMITS.pdf_page_bytes:
            raise too_large(name, f"其中一段页面内容解压后超过 {LIMITS.pdf_page_bytes // MB} MB")
        if len(_TEXT_OPS.findall(inflated)) > LIMITS.pdf_page_text_ops:
            raise too_large(name, f"其中一段页面内容有超过 {LIMITS.pdf_page_text_ops:,} 段文字")
        total += len(inflated)
        if total > LIMITS.pdf_total_bytes:
            raise too_large(name, f"页面内容合计超过 {LIMITS.pdf_total_bytes // MB} MB")


def _inflated(raw: bytes, ceiling: int) -> bytes:
    """A Flate stream decompressed, at most ``ceiling + 1`` bytes of it (more means too large);
    its raw bytes where it does not decompress (the reader then says what is wrong)."""
    import zlib

    try:
        return zlib.decompressobj().decompress(raw, max(1, ceiling + 1))
    except zlib.error:
        return raw


def check_html(data: bytes, name: str) -> None:
    spans = [int(m) for m in _HTML_SPAN.findall(data)]
    if spans and max(spans) > LIMITS.html_span:
        raise too_large(name, f"一个单元格横跨 {max(spans):,} 行或列")
