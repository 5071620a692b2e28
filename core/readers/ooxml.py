"""Opening a WordprocessingML package the way Word does: through its relationships.

Core layer. The main part is the target of the package's ``officeDocument`` relationship in
``_rels/.rels`` — Word Online saves it as ``word/document2.xml``, so its name is never assumed.
Strict Open XML (ISO 29500 strict, ``purl.oclc.org`` namespaces) is mapped onto the transitional
namespaces before parsing, so one reader serves both. A macro-enabled ``.docm`` is read as XML
like any other package; its macros are never run or even opened. XML is parsed without entity
resolution or network access.
"""

from __future__ import annotations

import posixpath
import zipfile

from lxml import etree

PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_TRANSITIONAL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
OFFICE_DOCUMENT = ("/officeDocument",)
# Strict namespace -> transitional namespace (the parts a report's body uses).
STRICT_NAMESPACES = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": REL_TRANSITIONAL.encode(),
    b"http://purl.oclc.org/ooxml/drawingml/main": b"http://schemas.openxmlformats.org/drawingml/2006/main",
    b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing": (
        b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    ),
    b"http://purl.oclc.org/ooxml/officeDocument/math": b"http://schemas.openxmlformats.org/officeDocument/2006/math",
}
DEFAULT_MAIN = "word/document.xml"

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


class Unzipped:
    """A zip package some of whose members are decompressed already (the bounds check read them,
    core.readers.guards): those are taken from memory, the others read from the zip file. Each
    member read goes through ``check`` first (the parse bounds, guards.PartBounds). ``names`` and
    ``main``: the package's member names and main part, where the bounds check found them. Reads
    like a :class:`zipfile.ZipFile`."""

    def __init__(self, zf: zipfile.ZipFile, members: dict[str, bytes], check=None, names=None, main=None):
        self.zf = zf
        self.members = members
        self.check = check
        self.names: set[str] | None = names
        self.main: str | None = main

    def read(self, name: str, check: bool = True) -> bytes:
        """A member; with ``check`` False, without the parse bounds (the caller bounds what of
        it it parses)."""
        data = self.members.get(name)
        if data is None:
            data = self.zf.read(name)
        if check and self.check is not None:
            self.check(name, data)
        return data

    def namelist(self) -> list[str]:
        return self.zf.namelist()

    def getinfo(self, name: str) -> zipfile.ZipInfo:
        return self.zf.getinfo(name)


def to_transitional(data: bytes) -> bytes:
    """Strict Open XML namespaces replaced by the transitional ones (a no-op for transitional)."""
    if b"purl.oclc.org/ooxml" not in data:
        return data
    for strict, transitional in STRICT_NAMESPACES.items():
        data = data.replace(strict, transitional)
    return data


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(to_transitional(data), PARSER)


def rels_name(part: str) -> str:
    """The relationships part of ``part``: word/document2.xml -> word/_rels/document2.xml.rels."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def relationships(zf: zipfile.ZipFile, part: str, names: set[str] | None = None) -> list[tuple[str, str, str, str]]:
    """(id, type, target part name or URL, target mode) of the relationships of ``part``
    ("" for the package's own). Internal targets are resolved against the part's folder."""
    names = names if names is not None else set(zf.namelist())
    rels = "_rels/.rels" if not part else rels_name(part)
    if rels not in names:
        return []
    root = parse(zf.read(rels))
    base = posixpath.dirname(part)
    out = []
    for rel in root.iter(f"{{{PKG_RELS}}}Relationship"):
        target, mode = rel.get("Target", ""), rel.get("TargetMode", "Internal")
        if mode != "External":
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        out.append((rel.get("Id", ""), rel.get("Type", ""), target, mode))
    return out


def main_part(zf: zipfile.ZipFile, names: set[str] | None = None) -> str | None:
    """The package's main document part, found through ``_rels/.rels``; ``word/document.xml``
    where a package has no usable relationships part. None if there is none."""
    names = names if names is not None else set(zf.namelist())
    try:
        rels = relationships(zf, "", names)
    except etree.XMLSyntaxError:
        rels = []
    for _, kind, target, mode in rels:
        if mode != "External" and kind.endswith(OFFICE_DOCUMENT) and target in names:
            return target
    return DEFAULT_MAIN if DEFAULT_MAIN in names else None
