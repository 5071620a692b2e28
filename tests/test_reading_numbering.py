"""List numbering through a paragraph style, and what of styles.xml the DOCX reader parses: only
the styles that number, and only where a paragraph of the body could use one (docs/reading.md)."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

import fixturegen
from core.document import Paragraph
from core.errors import ReadError
from core.readers import read_document

STYLED = "本机关年内编制了政府信息公开指南"


def _add_styled(doc) -> None:
    """A paragraph numbered by its style alone (the template's 编号列表 style: w:numPr in styles.xml)."""
    doc.add_paragraph(STYLED, style="List Number")


def _break_numbered_style(name: str, data: bytes):
    """styles.xml with one numbering style's XML cut short; every other part as it was."""
    if name == "word/styles.xml":
        assert b"<w:numPr>" in data
        data = data.replace(b"<w:numPr>", b"<w:numPr><", 1)
    return [(name, data)]


def _draft(tmp_path, styled: bool, broken: bool):
    spec = fixturegen.make_spec(edit=_add_styled if styled else None)
    path = fixturegen.build_docx(tmp_path / "d.docx", spec)
    if broken:
        fixturegen._rewrite_package(path, _break_numbered_style)
    return path


def test_a_paragraph_numbered_by_its_style_reads_with_its_number(tmp_path):
    doc = read_document(_draft(tmp_path, styled=True, broken=False))
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph) and b.text.endswith(STYLED)]
    assert texts == ["1." + STYLED]


def test_styles_are_parsed_where_a_paragraph_has_a_style(tmp_path):
    with pytest.raises(ReadError) as err:
        read_document(_draft(tmp_path, styled=True, broken=True))
    assert err.value.code == "damaged"


def test_unused_numbering_styles_are_not_parsed(tmp_path):
    """No paragraph of the body has a w:numPr or a w:pStyle: no style can number one, so styles.xml
    is not parsed and a fault in it does not refuse the draft."""
    path = _draft(tmp_path, styled=False, broken=True)
    with zipfile.ZipFile(path) as zf:
        body = etree.fromstring(zf.read("word/document.xml")).find(fixturegen.qn("w:body"))
    assert not list(body.iter(fixturegen.qn("w:numPr"), fixturegen.qn("w:pStyle")))
    doc = read_document(path)
    assert any(isinstance(b, Paragraph) and "年度报告" in b.text for b in doc.blocks)
