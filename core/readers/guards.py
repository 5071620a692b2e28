"""Bounds checked before a reader sees a file (core.limits): a zip bomb, a DOCX of a million
cells or a gridSpan of a billion, a page of huge spans, a text export of gigabytes are refused
with ``ReadError("too_large")`` in a linear scan of bounded bytes, before lxml, pdfminer or the
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


def check_package(zf: zipfile.ZipFile, name: str) -> None:
    """Member count, declared sizes and ratios of a DOCX package, then one read of every member
    (zipfile checks each CRC: this is ``testzip``, within bounds — 2,000 entries naming one 256 MB
    member would be 512 GB of work for it) with a scan of the XML parts for element and cell
    counts and gridSpan values. A damaged member raises zipfile.BadZipFile."""
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
    elements = cells = 0
    for info in infos:  # every member read once: zipfile checks its CRC, as testzip would
        data = zf.read(info)  # bounded by the declared sizes checked above
        if info not in xml or not info.filename.lower().startswith("word/"):
            continue
        elements += data.count(b"<") - data.count(b"</")
        cells += (
            data.count(b"<w:tc>") + data.count(b"<w:tc ") + data.count(b"<w:tc/")
        )  # other prefixes: the element bound
        if elements > LIMITS.xml_elements:
            raise too_large(name, f"超过 {LIMITS.xml_elements:,} 个文档元素")
        if cells > LIMITS.xml_cells:
            raise too_large(name, f"超过 {LIMITS.xml_cells:,} 个表格单元格")
        spans = [int(m) for m in _GRID_SPAN.findall(data)] if b"gridSpan" in data else []
        if spans and max(spans) > LIMITS.grid_span:
            raise too_large(name, f"一个单元格横跨 {max(spans):,} 列")


def check_pdf(path: Path, name: str) -> None:
    """Page count and the decompressed size of every page's content streams, inflated with a
    ceiling (a 30 KB stream can inflate to gigabytes inside pdfminer). A file pdfminer cannot
    open is left to the PDF reader, which says why."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFStream, resolve1

    total = 0
    try:
        with path.open("rb") as fh:
            document = PDFDocument(PDFParser(fh))
            for number, page in enumerate(PDFPage.create_pages(document), 1):
                if number > LIMITS.pdf_pages:
                    raise too_large(name, f"超过 {LIMITS.pdf_pages:,} 页")
                size = ops = 0
                for stream in page.contents:
                    stream = resolve1(stream)
                    if isinstance(stream, PDFStream):
                        data = _inflated(stream, LIMITS.pdf_page_bytes - size)
                        size += len(data)
                        ops += data.count(b"Tj") + data.count(b"TJ") + data.count(b"'") + data.count(b'"')
                    if size > LIMITS.pdf_page_bytes:
                        raise too_large(name, f"第 {number} 页的内容超过 {LIMITS.pdf_page_bytes // MB} MB")
                    if ops > LIMITS.pdf_page_text_ops:
                        raise too_large(name, f"第 {number} 页有超过 {LIMITS.pdf_page_text_ops:,} 段文字")
                total += size
                if total > LIMITS.pdf_total_bytes:
                    raise too_large(name, f"页面内容合计超过 {LIMITS.pdf_total_bytes // MB} MB")
    except ReadError:
        raise
    except Exception:  # damaged, encrypted, …: the reader's own messages cover these
        return


def _inflated(stream, ceiling: int) -> bytes:
    """A content stream decompressed, at most ``ceiling + 1`` bytes of it (more means too large).
    Filters other than Flate are rare in content streams: their raw bytes are counted."""
    import zlib

    raw = stream.rawdata if stream.rawdata is not None else stream.data or b""
    filters = stream.get_filters()
    if not filters:
        return raw
    if str(getattr(filters[0][0], "name", filters[0][0])) not in ("FlateDecode", "Fl"):
        return raw
    try:
        return zlib.decompressobj().decompress(raw, max(1, ceiling + 1))
    except zlib.error:
        return raw


def check_html(data: bytes, name: str) -> None:
    spans = [int(m) for m in _HTML_SPAN.findall(data)]
    if spans and max(spans) > LIMITS.html_span:
        raise too_large(name, f"一个单元格横跨 {max(spans):,} 行或列")
