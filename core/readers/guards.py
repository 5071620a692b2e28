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
    """Member count, declared sizes and ratios of a DOCX package, then a scan of its XML parts
    for element and cell counts and gridSpan values. Run before ``testzip`` (which decompresses
    every member: 2,000 entries naming one 256 MB member is 512 GB of work)."""
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
    for info in xml:
        if not info.filename.lower().startswith("word/"):
            continue
        data = zf.read(info)  # bounded by the declared size checked above
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


def check_html(data: bytes, name: str) -> None:
    spans = [int(m) for m in _HTML_SPAN.findall(data)]
    if spans and max(spans) > LIMITS.html_span:
        raise too_large(name, f"一个单元格横跨 {max(spans):,} 行或列")
