"""Bombs and oddities are answered plainly and quickly (core.limits): zip bombs, a million cells,
a huge gridSpan or colspan, a huge text export, numbers of thousands of digits, a FIFO, an
undefined charset. Each file is made here, small."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from core.check import check_file
from core.limits import LIMITS
from core.values import INVALID, parse_value

MB = 1024 * 1024


def run(*args, timeout=60) -> subprocess.CompletedProcess:
    """The command line, with a time limit: a bound that does not hold fails the test, never hangs it."""
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=timeout,
    )


def refused(path: Path, code: str = "too_large") -> dict:
    proc = run("check", path, "--json")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and "内部错误" not in proc.stderr
    (answer,) = json.loads(proc.stdout)
    assert answer["error"]["code"] == code, answer["error"]
    return answer


def rezip(source: Path, out: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info)))
    return out


def test_many_entries_on_one_huge_member_do_not_hang_testzip(tmp_path):
    """2,000 directory entries naming one 256 MB member: 512 GB for testzip."""
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open(zipfile.ZipInfo("word/document.xml"), "w", force_zip64=True) as member:
            for _ in range(256):
                member.write(b"\0" * MB)
    data = bomb.read_bytes()
    end = data.rindex(b"PK\x05\x06")
    cd_size, cd_offset = struct.unpack("<II", data[end + 12 : end + 20])
    directory = data[cd_offset : cd_offset + cd_size] * 2000
    eocd = data[end : end + 8] + struct.pack("<HHII", 2000, 2000, len(directory), cd_offset) + data[end + 20 :]
    bomb.write_bytes(data[:cd_offset] + directory + eocd)
    with zipfile.ZipFile(bomb) as zf:
        assert len(zf.infolist()) == 2000 and {i.file_size for i in zf.infolist()} == {256 * MB}
    answer = refused(bomb)
    assert "过大或结构异常" in answer["error"]["message"]


def test_deflate_bomb(tmp_path, make_docx):
    draft, _ = make_docx()
    body = b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body>' + b"<w:p/>" * (8 * MB) + b"</w:body></w:document>"
    refused(rezip(draft, tmp_path / "bomb.docx", {"word/document.xml": body}))


def test_a_hundred_thousand_cells(tmp_path, make_docx):
    draft, _ = make_docx()
    row = b"<w:tr>" + b"<w:tc/>" * 1000 + b"</w:tr>"
    body = (
        b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:tbl>' + row * 101 + b"</w:tbl></w:body></w:document>"
    )
    assert len(body) < LIMITS.zip_ratio_from  # the cell count, not the ratio, refuses it
    refused(rezip(draft, tmp_path / "cells.docx", {"word/document.xml": body}))


def test_huge_grid_span(tmp_path, make_docx):
    draft, _ = make_docx()
    with zipfile.ZipFile(draft) as zf:
        xml = zf.read("word/document.xml")
    assert b"<w:tcPr>" in xml
    xml = xml.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="1000000000"/>', 1)
    answer = refused(rezip(draft, tmp_path / "span.docx", {"word/document.xml": xml}))
    assert "横跨" in answer["error"]["message"]


def test_huge_html_spans_and_text_export(tmp_path):
    page = tmp_path / "网页.html"
    page.write_text("<html><body><table>" + '<tr><td colspan="99999999">1</td></tr>' * 50 + "</table></body></html>")
    refused(page)
    text = tmp_path / "导出.txt"
    text.write_bytes(("表三 " + "1 " * 40).encode() * (LIMITS.text_bytes // 80 + 10))
    refused(text)


@pytest.mark.parametrize("digits", [16, 400, 5_000, 1_000_000])
def test_numbers_with_more_digits_than_any_figure_are_text(make_docx, digits):
    raw = "9" * digits if digits != 400 else "1" + "0" * 399
    assert parse_value(raw).status == INVALID
    draft, _ = make_docx(raw={"appeals.review.total": raw})
    proc = run("check", draft, "--json")
    assert proc.returncode == 1, proc.stderr
    assert "Infinity" not in proc.stdout and "NaN" not in proc.stdout
    (answer,) = json.loads(proc.stdout)
    assert answer["cells"]["appeals.review.total"] is None
    assert any(f["rule"] == "VALUE-NOT-NUMBER" and "appeals.review.total" in f["cells"] for f in answer["findings"])


def test_real_figures_stay_numbers():
    assert parse_value("123456789012345").number == 123456789012345
    assert parse_value("1,234.50万元").status == "ok"


def test_fifo_named_docx_is_refused_not_waited_for(tmp_path):
    fifo = tmp_path / "管道.docx"
    os.mkfifo(fifo)
    answer = refused(fifo, "not_regular")
    assert "不是普通文件" in answer["error"]["message"]
    assert check_file(fifo).error.code == "not_regular"


@pytest.mark.parametrize("suffix", [".html", ".mht"])
def test_undefined_charset_is_no_traceback(tmp_path, suffix):
    html = '<html><head><meta charset="undefined"></head><body><table><tr><td>1</td></tr></table></body></html>'
    if suffix == ".mht":
        html = (
            'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="b"\n\n--b\n'
            'Content-Type: text/html; charset="undefined"\n\n' + html + "\n--b--\n"
        )
    page = tmp_path / f"page{suffix}"
    page.write_text(html, encoding="utf-8")
    proc = run("check", page)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "内部错误" not in proc.stderr, proc.stderr
