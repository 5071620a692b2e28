"""The DOCX package check (core.readers.guards): every member's CRC and decompressed size is
checked, but the parse bounds (elements, cells, gridSpan) are taken only of the parts the reader
parses, as it reads them; the members are read from the file's bytes where nothing is odd and by
zipfile, with its own refusal, where anything is."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import fixturegen
from core.check import check_file
from core.errors import ReadError
from core.limits import LIMITS
from core.readers import guards, read_document

CELLS = b"<w:tbl><w:tr>" + b"<w:tc/>" * (LIMITS.xml_cells + 1) + b"</w:tr></w:tbl>"
SPAN = b'<w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr>'


def rezip(source: Path, out: Path, replace: dict[str, bytes], stored: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            method = zipfile.ZIP_STORED if info.filename in stored else zipfile.ZIP_DEFLATED
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info)), method)
    return out


def _styled(data: bytes, extra: bytes) -> bytes:
    """A styles part with ``extra`` inside its root element."""
    end = data.rindex(b"</w:styles>")
    return data[:end] + extra + data[end:]


def test_parts_nothing_parses_are_not_counted(tmp_path, make_docx):
    draft, _ = make_docx()
    with zipfile.ZipFile(draft) as zf:
        names = set(zf.namelist())
        effects = zf.read("word/stylesWithEffects.xml")
        numbering = zf.read("word/numbering.xml")
    assert {"word/stylesWithEffects.xml", "word/numbering.xml"} <= names
    clean = check_file(draft)
    # stylesWithEffects.xml is never parsed: a hundred thousand cells and a huge span in it refuse nothing
    odd = rezip(draft, tmp_path / "effects.docx", {"word/stylesWithEffects.xml": _styled(effects, CELLS + SPAN)})
    result = check_file(odd)
    assert result.ok and [f.rule for f in result.findings] == [f.rule for f in clean.findings]
    # numbering.xml is parsed: the same cells in it are refused, before lxml sees them
    end = numbering.rindex(b"</w:numbering>")
    counted = rezip(
        draft, tmp_path / "numbering.docx", {"word/numbering.xml": numbering[:end] + CELLS + numbering[end:]}
    )
    with pytest.raises(ReadError) as err:
        read_document(counted)
    assert err.value.code == "too_large" and "单元格" in err.value.message
    spanned = rezip(draft, tmp_path / "span.docx", {"word/numbering.xml": numbering[:end] + SPAN + numbering[end:]})
    with pytest.raises(ReadError) as err:
        read_document(spanned)
    assert err.value.code == "too_large" and "横跨" in err.value.message


def test_styles_are_counted_where_they_are_parsed(tmp_path):
    """Of styles.xml only the styles that number are parsed (docs/reading.md): only they count."""
    draft, _ = fixturegen.build_shape(tmp_path, "numbered_headings")  # paragraphs with styles that number
    with zipfile.ZipFile(draft) as zf:
        styles = zf.read("word/styles.xml")
    assert check_file(draft).ok and b"numPr" in styles
    unparsed = rezip(draft, tmp_path / "unparsed.docx", {"word/styles.xml": _styled(styles, CELLS + SPAN)})
    assert check_file(unparsed).ok
    end = styles.index(b"</w:style>", styles.index(b"numPr"))  # inside the first numbered style
    parsed = rezip(draft, tmp_path / "parsed.docx", {"word/styles.xml": styles[:end] + SPAN + styles[end:]})
    with pytest.raises(ReadError) as err:
        read_document(parsed)
    assert err.value.code == "too_large" and "横跨" in err.value.message


def test_a_damaged_member_nothing_reads_is_still_refused(tmp_path, make_docx):
    draft, _ = make_docx()
    with zipfile.ZipFile(draft) as zf:
        theme = zf.read("word/theme/theme1.xml")
    marked = theme.replace(b"</a:theme>", b"<!--MARK-12345--></a:theme>")
    assert marked != theme
    stored = rezip(
        draft, tmp_path / "stored.docx", {"word/theme/theme1.xml": marked}, stored=("word/theme/theme1.xml",)
    )
    assert check_file(stored).ok
    data = stored.read_bytes()
    assert data.count(b"MARK-12345") == 1
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(data.replace(b"MARK-12345", b"MARK-12346"))  # the CRC no longer matches
    with pytest.raises(ReadError) as err:
        read_document(damaged)
    assert err.value.code == "damaged"


def test_members_read_from_the_bytes_are_what_zipfile_reads(tmp_path, make_docx):
    draft, _ = make_docx()
    stored = rezip(draft, tmp_path / "stored.docx", {}, stored=("word/document.xml", "word/styles.xml"))
    for path in (draft, stored):
        with zipfile.ZipFile(path) as zf, path.open("rb") as fp:
            for info in zf.infolist():
                assert guards._member(fp, info) == zf.read(info), info.filename
    # a CRC that does not match, a truncated stream: not read here (zipfile then refuses the member)
    with zipfile.ZipFile(draft) as zf, draft.open("rb") as blob:
        info = zf.getinfo("word/document.xml")
        info.CRC ^= 1
        assert guards._member(blob, info) is None
        info.CRC ^= 1
        assert guards._member(blob, info) is not None
        info.compress_size -= 10
        assert guards._member(blob, info) is None


def test_a_main_part_outside_word_is_counted(tmp_path, make_docx):
    """_rels/.rels may name a main part anywhere: it is counted wherever it is."""
    draft, _ = make_docx()
    out = tmp_path / "elsewhere.docx"
    body = b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body>' + CELLS + b"</w:body></w:document>"
    with zipfile.ZipFile(draft) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "_rels/.rels":
                assert b'Target="word/document.xml"' in data
                data = data.replace(b'Target="word/document.xml"', b'Target="main/document.xml"')
            if info.filename != "word/document.xml":
                zout.writestr(info.filename, data)
        zout.writestr("main/document.xml", body)
    with pytest.raises(ReadError) as err:
        read_document(out)
    assert err.value.code == "too_large" and "单元格" in err.value.message


def test_a_local_header_that_names_another_member_is_refused(tmp_path, make_docx):
    """zipfile compares each local header's name, decoded by that header's own UTF-8 flag, with
    the directory's: so does the read from the file's bytes (else zipfile reads and refuses)."""
    draft, _ = make_docx()
    named = rezip(draft, tmp_path / "named.docx", {})
    with zipfile.ZipFile(named) as zf:
        info = zf.getinfo("word/theme/theme1.xml")
    data = bytearray(named.read_bytes())
    start = info.header_offset
    assert data[start + 30 : start + 30 + len(info.filename)] == info.filename.encode()
    data[start + 30 + len("word/")] = ord("W")  # word/Wheme/theme1.xml in the local header only
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(bytes(data))
    with zipfile.ZipFile(damaged) as zf:
        assert guards._member(io.BytesIO(bytes(data)), zf.getinfo(info.filename)) is None
    with pytest.raises(ReadError) as err:
        read_document(damaged)
    assert err.value.code == "damaged"
