"""A corpus of hostile files of every kind the product reads (DOCX, PDF, web page, MHT, text
export), generated here and small, each checked by the command line in its own process under a
memory limit (RLIMIT_AS) and a time limit: every one gets a plain answer — exit status 0, 1 or 2,
valid JSON, a Chinese message for what cannot be read, no traceback, nothing leaked."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

import fixturegen
from conftest import ROOT

MEMORY_LIMIT = 1536 * 1024 * 1024  # bytes of address space per file
SECONDS = 90  # per file, on a loaded 2-core machine; a bound, not a speed figure
TOKEN = "SECRET-TOKEN-8f3a2c"  # in a file beside the corpus that an external entity names


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"fuzz-base-{os.getpid()}.docx"
    fixturegen.build_docx(path, fixturegen.make_spec(raw={"appeals.review.total": "9"}))
    buffer.write(path.read_bytes())
    path.unlink()
    return buffer.getvalue()


def _rezip(base: bytes, replace: dict[str, bytes], drop: tuple[str, ...] = ()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename not in drop:
                zout.writestr(info.filename, replace.get(info.filename, zin.read(info)))
        for name, data in replace.items():
            if name not in zin.namelist():
                zout.writestr(name, data)
    return out.getvalue()


def _document(base: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        return zf.read("word/document.xml")


def _pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF with a correct cross-reference table from the given object bodies."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _pdf_page(content: bytes, filters: bytes = b"") -> bytes:
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d %s >>\nstream\n" % (len(content), filters) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def corpus(folder: Path) -> dict[str, Path]:
    secret = folder / "secret.txt"
    secret.write_text(TOKEN, encoding="utf-8")
    rng = random.Random(12)
    base = _docx_bytes()
    doc = _document(base)
    files: dict[str, bytes] = {}
    # -- DOCX ----------------------------------------------------------------------------------
    files["truncated.docx"] = base[: len(base) // 2]
    files["flipped-bytes.docx"] = bytes(b ^ 0xFF if rng.random() < 0.001 else b for b in base)
    files["pk-garbage.docx"] = b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(4000))
    files["no-document.docx"] = _rezip(base, {}, drop=("word/document.xml",))
    files["empty-document.docx"] = _rezip(base, {"word/document.xml": b""})
    files["not-xml.docx"] = _rezip(base, {"word/document.xml": b"<w:document><<<>>"})
    files["xxe.docx"] = _rezip(
        base,
        {
            "word/document.xml": doc.replace(
                b"<w:document",
                b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://%s">]><w:document' % str(secret).encode(),
                1,
            ).replace(b"<w:t>", b"<w:t>&x;", 1)
        },
    )
    laughs = (
        b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            b'<!ENTITY %s "%s">' % (chr(98 + i).encode(), (b"&" + chr(97 + i).encode() + b";") * 10) for i in range(9)
        )
        + b"]>"
    )
    files["billion-laughs.docx"] = _rezip(
        base,
        {
            "word/document.xml": doc.replace(b"<w:document", laughs + b"<w:document", 1).replace(
                b"<w:t>", b"<w:t>&j;", 1
            )
        },
    )
    files["grid-span-text.docx"] = _rezip(
        base, {"word/document.xml": doc.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="abc"/>')}
    )
    files["grid-span-negative.docx"] = _rezip(
        base, {"word/document.xml": doc.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="-5"/>')}
    )
    files["vmerge-orphans.docx"] = _rezip(base, {"word/document.xml": doc.replace(b"<w:tcPr>", b"<w:tcPr><w:vMerge/>")})
    nested = b"<w:tbl><w:tr><w:tc>" * 200 + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * 200
    files["nested-tables.docx"] = _rezip(base, {"word/document.xml": doc.replace(b"<w:body>", b"<w:body>" + nested, 1)})
    files["deep-xml.docx"] = _rezip(
        base,
        {
            "word/document.xml": doc.replace(
                b"<w:body>", b"<w:body>" + b"<w:sdt><w:sdtContent>" * 5000 + b"</w:sdtContent></w:sdt>" * 5000, 1
            )
        },
    )
    files["rels-outside.docx"] = _rezip(
        base,
        {
            "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            b'Target="../../../../etc/passwd"/></Relationships>'
        },
    )
    files["ctrl-chars.docx"] = _rezip(
        base, {"word/document.xml": doc.replace(b"<w:t>", b"<w:t>&#x1b;&#x0;=cmd|'/C calc'!A0", 3)}
    )
    files["digits.docx"] = _rezip(
        base, {"word/document.xml": doc.replace(b"<w:t>9</w:t>", b"<w:t>" + b"9" * 50_000 + b"</w:t>", 1)}
    )
    # -- PDF -----------------------------------------------------------------------------------
    pdf = _pdf_page(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET")
    files["minimal.pdf"] = pdf
    files["truncated.pdf"] = pdf[: len(pdf) // 2]
    files["header-only.pdf"] = b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(3000))
    bomb = zlib.compress(b"BT /F1 12 Tf 72 720 Td (0) Tj ET\n" * 2_000_000, 9)
    files["flate-bomb.pdf"] = _pdf_page(bomb, b"/Filter /FlateDecode")
    files["bad-flate.pdf"] = _pdf_page(b"\x78\x9c garbage", b"/Filter /FlateDecode")
    files["page-loop.pdf"] = _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 999999999 >>",
            b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>",
        ]
    )
    files["many-chars.pdf"] = _pdf_page(
        b"BT /F1 1 Tf " + b"1 0 Td (\xe5\xad\x97\xe5\xad\x97\xe5\xad\x97\xe5\xad\x97) Tj " * 50_000 + b"ET"
    )
    # -- web pages and MHT ---------------------------------------------------------------------
    files["deep.html"] = b"<html><body>" + b"<div>" * 50_000 + b"</div>" * 50_000 + b"</body></html>"
    files["charset-undefined.html"] = (
        b'<html><head><meta charset="undefined"></head><body><table><tr><td>1</td></tr></table></body></html>'
    )
    files["charset-bogus.html"] = b'<html><head><meta charset="x-\xff\xfe"></head><body>\xff\xfe\x00</body></html>'
    files["big-spans.html"] = (
        b"<html><body><table>" + b'<tr><td colspan="999" rowspan="999">1</td></tr>' * 300 + b"</table></body></html>"
    )
    files["nul-bytes.html"] = b"<html><body><table><tr><td>\x00\x00\x001</td></tr></table>\x00</body></html>"
    files["nested.html"] = (
        b"<html><body>" + b"<table><tr><td>" * 500 + b"1" + b"</td></tr></table>" * 500 + b"</body></html>"
    )
    files["undefined.mht"] = (
        b'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="b"\n\n--b\n'
        b'Content-Type: text/html; charset="undefined"\nContent-Transfer-Encoding: base64\n\n!!!not base64!!!\n--b--\n'
    )
    files["endless.mht"] = (
        b'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="b"\n\n'
        + b'--b\nContent-Type: multipart/related; boundary="b"\n\n' * 2000
    )
    # -- text exports --------------------------------------------------------------------------
    files["binary.txt"] = bytes(rng.randrange(256) for _ in range(20_000))
    files["one-line.txt"] = "表三 ".encode() + b"1" * 2_000_000
    files["bad-gbk.txt"] = "二、主动公开政府信息情况".encode("gbk") + b"\x81\x30\xff\xfe" * 1000
    files["utf16.txt"] = "表二 主动公开\n".encode("utf-16")
    paths = {}
    for name, data in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    return corpus(tmp_path_factory.mktemp("fuzz"))


LIMITED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
sys.argv = ["nianbao", "check", "--json", sys.argv[1]]
from app.cli import entry
entry()
"""


def _names() -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return sorted(corpus(Path(folder)))


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS is POSIX")
@pytest.mark.parametrize("name", _names())
def test_hostile_file_gets_a_plain_answer(hostile, name):
    proc = subprocess.run(
        [sys.executable, "-c", LIMITED.format(limit=MEMORY_LIMIT), str(hostile[name])],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=ROOT,
        timeout=SECONDS,
    )
    assert proc.returncode in (0, 1, 2), (name, proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr, (name, proc.stderr[-2000:])
    (answer,) = json.loads(proc.stdout)  # valid JSON: no Infinity, no NaN
    if answer["error"]:
        message = answer["error"]["message"]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message
        assert answer["error"]["code"] not in ("internal",), (name, message)
    assert TOKEN not in proc.stdout, "a file's external entity was resolved"
