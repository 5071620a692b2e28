"""Bounds checked before a reader sees a file (core.limits): a zip bomb, a DOCX of a million
cells or a gridSpan of a billion, a page of huge spans, a text export of gigabytes are refused
with ``ReadError("too_large")`` in a linear scan of bounded bytes, before lxml, PDFium or the
grid walk can take minutes and gigabytes.

Core layer. Called from :func:`core.readers.read_document` only.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
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
    member would be 512 GB of work for it). A damaged member raises zipfile.BadZipFile. Returns
    the members read, by name (up to KEEP_BYTES of them), for the reader. The counts that bound a
    parse (elements, cells, gridSpan) are taken of the parts the reader parses, as it reads them
    (:class:`PartBounds`): a part nothing parses (stylesWithEffects.xml, the theme) needs none."""
    infos = zf.infolist()
    if len(infos) > LIMITS.zip_members:
        raise too_large(name, f"压缩包内有 {len(infos)} 个部件")
    total = sum(i.file_size for i in infos)
    if total > LIMITS.zip_total_bytes:
        raise too_large(name, f"解压后约 {total // MB} MB")
    for info in infos:
        if info.file_size > LIMITS.zip_ratio_from and info.file_size > LIMITS.zip_ratio * max(1, info.compress_size):
            raise too_large(name, f"部件“{info.filename[:40]}”的压缩比异常")
    for info in infos:
        if info.file_size > LIMITS.zip_xml_bytes and info.filename.lower().endswith((".xml", ".rels")):
            raise too_large(name, f"部件“{info.filename[:40]}”解压后 {info.file_size // MB} MB")
    kept: dict[str, bytes] = {}
    kept_bytes = 0
    fp = zf.fp
    for info in infos:  # every member read once, its CRC checked, as testzip would
        data = _member(fp, info)
        if data is None:  # zipfile's read: its checks, and its exception where one fails
            data = zf.read(info)  # bounded by the declared sizes checked above
        if kept_bytes + len(data) <= KEEP_BYTES:
            kept[info.filename] = data
            kept_bytes += len(data)
        else:  # and never an earlier entry of the same name: zipfile reads a name's last entry
            kept.pop(info.filename, None)
    return kept


def _member(fp, info: zipfile.ZipInfo) -> bytes | None:
    """One member of the zip file open as ``fp``, decompressed and its CRC checked, without
    zipfile's layers of file objects (half the time of ``zf.read`` on a typical draft's 17
    members); at most ``file_size + 1`` bytes are inflated, as zipfile would. None wherever
    anything is not plainly right (a flag, another compression method, a local header that does
    not match, a short or long stream, a CRC): zipfile then reads it, and refuses it as it always
    did. zipfile's readers seek before each read, so moving ``fp`` is harmless."""
    try:
        if info.flag_bits & 0x61 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return None
        fp.seek(info.header_offset)
        header = fp.read(30)
        if len(header) != 30 or header[:4] != b"PK\x03\x04":
            return None
        (local_flags,) = struct.unpack_from("<H", header, 6)
        name_len, extra_len = struct.unpack_from("<HH", header, 26)
        name = fp.read(name_len)  # decoded as zipfile does, by the local header's own flag
        if name.decode("utf-8" if local_flags & 0x800 else "cp437") != info.orig_filename:
            return None
        begin = info.header_offset + 30 + name_len + extra_len
        limit = getattr(info, "_end_offset", None)  # zipfile's overlapped-entries check, where it has one
        if limit is not None and begin + info.compress_size > limit:
            return None
        fp.seek(begin)
        raw = fp.read(info.compress_size)
        if len(raw) != info.compress_size:
            return None
        if info.compress_type == zipfile.ZIP_STORED:
            data = raw
        else:
            inflate = zlib.decompressobj(-15)
            data = inflate.decompress(raw, info.file_size + 1)
            if not inflate.eof:
                return None
        if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
            return None
        return data
    except Exception:  # noqa: BLE001 - anything odd: zipfile's own read decides
        return None


def bounded(part: str) -> bool:
    """Whether the parse bounds count ``part``: an XML part (under word/ or not: _rels/.rels may
    name a main part anywhere)."""
    return part.lower().endswith((".xml", ".rels"))


class PartBounds:
    """The element and cell counts and gridSpan values of the XML parts a reader parses, taken as
    it reads each (once), before lxml or the grid walk sees it: what core.limits bounds is what
    would be built. The counts are first taken as upper bounds (cheaper, _Tally); only where a
    part's exact count passes a limit after the other parts' bounds are the parts so far counted
    again, exactly, so what is refused, and with which message, is what exact counting alone
    refuses."""

    def __init__(self, name: str):
        self.name = name
        self.seen: set[str] = set()
        self.parts: list[bytes] = []
        self.elements = _Tally(LIMITS.xml_elements, ELEMENT_BOUNDS, False)
        self.cells = _Tally(LIMITS.xml_cells, CELL_BOUNDS, False)

    def check(self, part: str, data: bytes) -> None:
        if part in self.seen or not bounded(part):
            return
        self.seen.add(part)
        self.parts.append(data)
        if not (self.elements.add(data) and self.cells.add(data)):
            if len(self.elements.bounds) > 1:
                self._recount()
            elif self.elements.total > self.elements.limit:
                raise too_large(self.name, f"超过 {LIMITS.xml_elements:,} 个文档元素")
            else:
                raise too_large(self.name, f"超过 {LIMITS.xml_cells:,} 个表格单元格")
        # re's literal search finds no gridSpan in a 400 KB styles part faster than `in` (two-way)
        spans = [int(m) for m in _GRID_SPAN.findall(data)] if re.search(b"gridSpan", data) else []
        if spans and max(spans) > LIMITS.grid_span:
            raise too_large(self.name, f"一个单元格横跨 {max(spans):,} 列")

    def _recount(self) -> None:
        """The parts so far counted exactly, in the order read; exact counts from here on."""
        self.elements = _Tally(LIMITS.xml_elements, ELEMENT_BOUNDS, True)
        self.cells = _Tally(LIMITS.xml_cells, CELL_BOUNDS, True)
        for data in self.parts:
            if not self.elements.add(data):
                raise too_large(self.name, f"超过 {LIMITS.xml_elements:,} 个文档元素")
            if not self.cells.add(data):
                raise too_large(self.name, f"超过 {LIMITS.xml_cells:,} 个表格单元格")


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
