"""Bad input (spec section 6): each kind gets its own plain Chinese message and exit status 2,
never a traceback, and the input file is never modified."""

import hashlib
import io
import zipfile

import pytest
from docx import Document

from conftest import run_cli
from core.check import check_file

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _ole(streams: list[str]) -> bytes:
    # Enough of a compound file for sniffing: the magic, then directory entry names in UTF-16LE.
    return OLE + b"\x00" * 504 + b"".join(s.encode("utf-16-le") + b"\x00\x00" for s in streams) + b"\x00" * 1024


def _bad_files(tmp_path, make_docx):
    good, _ = make_docx()
    data = good.read_bytes()
    files = {
        "empty": (tmp_path / "空文件.docx", b""),
        "not_docx": (tmp_path / "随便.docx", "这是一段普通文字，不是 Word 文档。".encode()),
        "damaged": (tmp_path / "截断.docx", data[: len(data) // 2]),
        "encrypted": (tmp_path / "加密.docx", _ole(["EncryptionInfo", "EncryptedPackage"])),
        "legacy_doc": (tmp_path / "旧版.docx", _ole(["WordDocument", "1Table"])),
        "rtf": (tmp_path / "rtf.docx", b"{\\rtf1\\ansi hello}"),
        "damaged_pdf": (tmp_path / "报告.docx", b"%PDF-1.7\n..."),
    }
    xlsx = io.BytesIO()
    with zipfile.ZipFile(xlsx, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    files["other_office"] = (tmp_path / "表格.docx", xlsx.getvalue())
    for path, content in files.values():
        path.write_bytes(content)
    no_tables = tmp_path / "无表格.docx"
    doc = Document()
    doc.add_paragraph("某局2023年政府信息公开工作年度报告")
    doc.add_paragraph("一、总体情况")
    doc.save(str(no_tables))
    paths = {code: path for code, (path, _) in files.items()}
    paths["no_tables"] = no_tables
    paths["not_found"] = tmp_path / "不存在.docx"
    paths["is_directory"] = tmp_path
    return paths


def test_each_bad_input_has_its_own_code_and_message(tmp_path, make_docx):
    paths = _bad_files(tmp_path, make_docx)
    messages = {}
    for code, path in paths.items():
        result = check_file(path)
        assert not result.ok, code
        assert result.error.code == code, (code, result.error.code)
        messages[code] = result.error.message
    assert len(set(messages.values())) == len(messages)
    assert "另存为" in messages["legacy_doc"] and ".docx" in messages["legacy_doc"]
    assert "密码" in messages["encrypted"]
    assert "损坏" in messages["damaged"]


def test_truncated_anywhere_is_a_plain_error(tmp_path, make_docx):
    good, _ = make_docx()
    data = good.read_bytes()
    for cut in (4, 100, len(data) // 3, len(data) - 30):
        bad = tmp_path / f"cut{cut}.docx"
        bad.write_bytes(data[:cut])
        result = check_file(bad)
        assert result.error is not None and result.error.code == "damaged", cut


def test_corrupted_inner_xml(tmp_path, make_docx):
    good, _ = make_docx()
    bad = tmp_path / "xml.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            content = src.read(item)
            if item.filename == "word/document.xml":
                content = content[: len(content) // 2]
            dst.writestr(item, content)
    assert check_file(bad).error.code == "damaged"


def test_picture_only_report(tmp_path):
    from docx.shared import Cm

    png = tmp_path / "table.png"
    # a 1x1 PNG
    png.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d0e5d60000000049454e44ae426082"
        )
    )
    doc = Document()
    doc.add_paragraph("某局2023年政府信息公开工作年度报告")
    doc.add_picture(str(png), width=Cm(2))
    path = tmp_path / "图片表格.docx"
    doc.save(str(path))
    result = check_file(path)
    assert result.error.code == "tables_are_pictures"
    assert "图片" in result.error.message


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_cli_exit_2_and_no_traceback(tmp_path, make_docx, json_flag):
    paths = _bad_files(tmp_path, make_docx)
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths.values() if p.is_file()}
    for code, path in paths.items():
        proc = run_cli("check", *json_flag, path)
        assert proc.returncode == 2, (code, proc.stdout, proc.stderr)
        assert "Traceback" not in proc.stderr + proc.stdout
        assert proc.stderr.strip(), code
        assert any("\u4e00" <= ch <= "\u9fff" for ch in proc.stderr), code
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in before}
    assert before == after


def test_unreadable_input_in_json(tmp_path):
    path = tmp_path / "空.docx"
    path.write_bytes(b"")
    import json

    proc = run_cli("check", "--json", path)
    (entry,) = json.loads(proc.stdout)
    assert entry["ok"] is False
    assert entry["error"]["code"] == "empty"
    assert entry["error"]["message"] in proc.stderr
    assert entry["cells"] == {} and entry["findings"] == []


def test_bad_command_line_is_plain(tmp_path):
    proc = run_cli("check")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "命令参数有误" in proc.stderr
