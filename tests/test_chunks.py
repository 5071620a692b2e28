"""Embedded chunks (w:altChunk) that OA systems write: an HTML chunk is read in place with the
web-page reader and its bounds; a chunk that cannot be read is named (CHUNK-UNREAD), never
dropped without a word (the holdout case h01)."""

from __future__ import annotations

import dataclasses

import pytest

import fixturegen
from core.check import check_file
from core.readers import docx_reader

PROACTIVE = list(fixturegen.schema().table("proactive").cell_ids())


def _draft(tmp_path, data: bytes | None = None, name: str = "/word/afchunk1.htm"):
    spec = fixturegen.make_spec(fixturegen.Layout())
    path = fixturegen.build_docx(tmp_path / "chunk.docx", spec)
    fixturegen.html_alt_chunk(path, spec, data, name)
    return path, spec


def test_html_chunk_is_read_cell_for_cell(tmp_path):
    path, spec = _draft(tmp_path)
    result = check_file(path)
    assert result.ok
    cells = result.to_json()["cells"]
    read = {c: cells[c] for c in PROACTIVE if spec.values.get(c) is not None}
    assert read == {c: spec.values[c] for c in read}
    assert read  # the chunk holds 表二's figures
    assert not result.findings, [f.message for f in result.findings]


def test_mht_chunk_is_read(tmp_path):
    spec = fixturegen.make_spec(fixturegen.Layout())
    html = f"<html><body>{fixturegen._html_table(spec, 'proactive')}</body></html>".encode()
    mht = (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n--B\r\n'
        b'Content-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n' + html + b"\r\n--B--\r\n"
    )
    path, _ = _draft(tmp_path, mht, "/word/afchunk1.mht")
    result = check_file(path)
    assert not result.findings, [f.message for f in result.findings]
    assert result.to_json()["cells"]["proactive.regulations.issued"] == spec.values["proactive.regulations.issued"]


def _rules(path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in check_file(path).findings:
        out.setdefault(f.rule, []).append(f.message)
    return out


@pytest.mark.parametrize(
    "data,name,said",
    [
        (fixturegen.RTF_CHUNK, "/word/afchunk1.rtf", "RTF"),
        (b"PK\x03\x04 not a package at all", "/word/afchunk1.docx", "损坏"),
        (b"<html><body><table><tr><td colspan=100000>x</td></tr></table></body></html>", "/word/afchunk1.htm", "上限"),
        (b"\x00\x01\x02 binary", "/word/afchunk1.bin", "无法识别"),
    ],
    ids=["rtf", "damaged", "span-beyond-bounds", "unknown"],
)
def test_unreadable_chunk_is_named(tmp_path, data, name, said):
    path, _ = _draft(tmp_path, data, name)
    rules = _rules(path)
    assert len(rules.get("CHUNK-UNREAD", [])) == 1, rules
    assert said in rules["CHUNK-UNREAD"][0] and "afchunk1" in rules["CHUNK-UNREAD"][0]
    assert "TABLE-MISSING" in rules  # 表二 was in it: reported missing as well


def test_html_chunk_beyond_the_page_size_bound_is_named(tmp_path, monkeypatch):
    path, _ = _draft(tmp_path)
    monkeypatch.setattr(docx_reader, "LIMITS", dataclasses.replace(docx_reader.LIMITS, html_bytes=100))
    rules = _rules(path)
    assert "上限" in rules["CHUNK-UNREAD"][0]


def test_chunks_nested_too_deep_are_named(tmp_path, monkeypatch):
    path, _ = _draft(tmp_path)
    monkeypatch.setattr(docx_reader, "MAX_CHUNK_DEPTH", 0)
    rules = _rules(path)
    assert "嵌套" in rules["CHUNK-UNREAD"][0]
