"""Reading an input file into a :class:`core.document.Document`.

Core layer. :func:`read_document` sniffs the file's real type from its first bytes (never
trusting the extension alone), refuses what it cannot read with a :class:`core.errors.ReadError`,
and hands DOCX, PDF, saved web pages and plain-text exports to their readers.
"""

from __future__ import annotations

import stat
import struct
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from core.document import Document
from core.errors import ReadError
from core.formats import BY_KIND
from core.limits import LIMITS
from core.readers import guards

if TYPE_CHECKING:
    from core.readers.ooxml import Unzipped

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names an encrypted OOXML package carries inside its OLE container (UTF-16LE).
ENCRYPTION_MARKERS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
TEXT_SUFFIXES = set(BY_KIND["text"].suffixes)
HTML_SUFFIXES = set(BY_KIND["html"].suffixes)


def _looks_like_html(head: bytes) -> bool:
    return head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<!--", b"<meta", b"<head")) or any(
        tag in head for tag in (b"<html", b"<body", b"<table", b"mime-version:")
    )


def _sniff_ole(path: Path, name: str) -> ReadError:
    data = path.read_bytes()
    if any(marker in data for marker in ENCRYPTION_MARKERS):
        return ReadError("encrypted", name)
    return ReadError("legacy_doc", name)


# What a truncated or corrupted package raises while it is opened or its CRCs are checked.
DAMAGED_ZIP = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    struct.error,
)
OTHER_OFFICE = {"xl/workbook.xml": "Excel", "ppt/presentation.xml": "PowerPoint"}


def _open_zip(path: Path, name: str) -> Unzipped:
    """The DOCX package at ``path``, open, its bounds and CRCs checked (core.readers.guards), as
    an ooxml.Unzipped for the reader: the members read, the parse bounds, the main part. Refuses
    what is not a Word package. The caller closes ``.zf``."""
    from core.readers.ooxml import Unzipped, main_part

    zf = None
    try:
        zf = zipfile.ZipFile(path)
        names = set(zf.namelist())
        main = main_part(zf, names)  # through _rels/.rels: Word Online saves word/document2.xml
        if main in OTHER_OFFICE:
            main = None
        if main:  # bounds, and every member's CRC (what testzip checked), in one read
            kept = guards.check_package(zf, name)
    except DAMAGED_ZIP:
        if zf is not None:
            zf.close()
        raise ReadError("damaged", name) from None
    if main is None:
        zf.close()
        for part, what in OTHER_OFFICE.items():
            if part in names:
                raise ReadError("other_office", name, what)
        raise ReadError("not_docx", name)
    bounds = guards.PartBounds(name)
    return Unzipped(zf, kept, bounds.check, names, main)


def read_document(path: str | Path) -> Document:
    path = Path(path)
    name = path.name or str(path)
    if not path.exists():
        raise ReadError("not_found", str(path))
    if path.is_dir():
        raise ReadError("is_directory", name)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device named .docx: opening it would hang
            raise ReadError("not_regular", name)
        size = info.st_size
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as err:
        raise ReadError("unreadable", name, err.strerror or type(err).__name__) from None
    if size == 0:
        raise ReadError("empty", name)
    guards.check_size(path, name, size, LIMITS.file_bytes)
    if head.startswith(OLE_MAGIC):
        raise _sniff_ole(path, name)
    if head.startswith(b"PK"):
        package = _open_zip(path, name)
        try:
            return BY_KIND["docx"].read(path, name, package=package)
        finally:
            package.zf.close()
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"{\\rtf"):
        raise ReadError("rtf", name)
    if b"%pdf-" in head[:1024].lower():
        guards.check_size(path, name, size, LIMITS.pdf_bytes)
        guards.check_pdf(path, name)
        return BY_KIND["pdf"].read(path, name)
    if _looks_like_html(stripped) or path.suffix.lower() in HTML_SUFFIXES:
        guards.check_size(path, name, size, LIMITS.html_bytes)
        guards.check_html(path.read_bytes(), name)
        return BY_KIND["html"].read(path, name)
    if path.suffix.lower() in TEXT_SUFFIXES:
        guards.check_size(path, name, size, LIMITS.text_bytes)
        return BY_KIND["text"].read(path, name)
    raise ReadError("not_docx", name)
