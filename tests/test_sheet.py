"""The findings sheet: a real PDF from Qt's printing, read back as text."""

from __future__ import annotations

import re
import unicodedata

import pdfplumber
import pytest
from PySide6.QtCore import QSettings
from window_helpers import opened

import fixturegen
from conftest import ROOT, run_cli
from core.rules import rule_title
from core.session import Session
from core.sheet import sheet_context, sheet_renderer
from gui import dialogs, printing

V = fixturegen.consistent_values()


@pytest.fixture(autouse=True)
def chinese_font(qapp):
    from PySide6.QtGui import QFontDatabase

    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.skip("no Chinese font installed (Debian: fonts-noto-cjk; scripts/test.sh installs it as root)")


# Noto CJK gives some characters and their radical forms one glyph, so a PDF's text layer may name
# the radical: NFKC folds the Kangxi radicals, this table the supplement's that occur here.
RADICALS = str.maketrans("⻚⻅⻓⻔⻋⻉⻛⻜⻢⻥⻄⻩⻬⻮⻳⻙⻝⻨", "页见长门车贝风飞马鱼西黄齐齿龟韦食麦")


def pdf_pages(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        # characters in the order they were drawn: a wrapped table cell's text stays together
        return [
            "".join(unicodedata.normalize("NFKC", c["text"]) for c in p.chars).translate(RADICALS) for p in pdf.pages
        ]


def squash(text: str) -> str:
    """Whitespace gone and widths folded, as the extracted text has them."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def make_sheet(path, out):
    session = Session.open(path)
    html = sheet_renderer(sheet_context(session.path, session.report, session.findings, session.sha256))
    return session, printing.write_pdf(html, out)


def test_faulty_report_sheet_lists_every_finding(make_docx, tmp_path, qapp):
    draft, spec = make_docx(
        raw={
            "requests.new.total": str(V["requests.new.total"] + 1),
            "appeals.review.total": "9",
            "proactive.licensing.decisions": "-3",
            "proactive.coercion.decisions": "",
        }
    )
    out = tmp_path / "sheet.pdf"
    session, pages = make_sheet(draft, out)
    texts = pdf_pages(out)
    assert len(texts) == pages
    assert squash(f"第{pages}页，共{pages}页") in squash(texts[-1])
    whole = squash("".join(texts))
    assert squash(spec.title) in whole and session.sha256 in whole
    assert squash(f"共发现{session.count('error')}处错误、{session.count('warning')}处提示") in whole
    for f in session.findings:  # each by its rule's Chinese title, never by the rule's code
        assert squash(f"规则：{rule_title(f.rule)}") in whole and f.rule not in whole
        assert squash(f.message) in whole, f.message
    assert squash("一、本年新收政府信息公开申请数量") in whole
    assert str(V["requests.new.total"] + 1) in whole and "审核人" in whole


def test_clean_report_sheet_says_so(make_docx, tmp_path, qapp):
    draft, _ = make_docx()
    out = tmp_path / "sheet.pdf"
    make_sheet(draft, out)
    whole = squash("".join(pdf_pages(out)))
    assert "未发现问题" in whole
    assert "问题清单" not in whole


def test_many_findings_run_over_pages_with_the_header_repeated(make_docx, tmp_path, qapp):
    raw = {
        f"requests.{row.id}.natural": "不详" for row in __import__("core.schema").schema.schema().table("requests").rows
    }
    draft, _ = make_docx(raw=raw)
    out = tmp_path / "sheet.pdf"
    session, pages = make_sheet(draft, out)
    assert session.count("error") == 25
    texts = [squash(t) for t in pdf_pages(out)]
    with_findings = [t for t in texts if squash(f"规则：{rule_title('VALUE-NOT-NUMBER')}") in t]
    assert len(with_findings) >= 2
    for text in with_findings:
        assert "序号级别表行列" in text  # the <thead> repeats on every page of the list
    assert [squash(f"第{i}页，共{pages}页") in t for i, t in enumerate(texts, 1)] == [True] * pages


def test_cli_sheet(make_docx, tmp_path):
    draft, _ = make_docx(raw={"appeals.review.total": "9"})
    clean, _ = make_docx(name="clean.docx")
    out = tmp_path / "out.pdf"

    def run(*args):
        return run_cli("sheet", *args)

    proc = run(draft, "--pdf", out)
    assert proc.returncode == 1 and out.exists()
    assert squash(rule_title("APPEAL-GROUP-TOTAL")) in squash("".join(pdf_pages(out)))
    before = out.read_bytes()
    proc = run(draft, "--pdf", out)
    assert proc.returncode == 3 and "--force" in proc.stderr and out.read_bytes() == before
    folder = tmp_path / "sheets"
    proc = run(draft, clean, "--out-dir", folder)
    assert proc.returncode == 1
    assert sorted(p.name for p in folder.iterdir()) == ["clean-审核单.pdf", "draft-审核单.pdf"]
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    proc = run(empty, "--pdf", tmp_path / "e.pdf")
    assert proc.returncode == 2 and "空" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "e.pdf").exists()


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from core.autosave import AutosaveStore
    from gui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setattr(dialogs, "ask_restore", lambda *a: False)
    monkeypatch.setattr(dialogs, "ask_close", lambda *a: dialogs.DISCARD)
    w = MainWindow(AutosaveStore(tmp_path / "autosave"))
    qtbot.addWidget(w)
    return w


def test_window_exports_the_sheet_with_corrections(window, make_docx, tmp_path, monkeypatch):
    draft, _ = make_docx(raw={"appeals.review.total": "9"})
    opened(window, draft)
    window.review.recompute_all()
    out = tmp_path / "导出" / "审核单.pdf"
    out.parent.mkdir()
    monkeypatch.setattr(dialogs, "save_file", lambda *a: str(out))
    assert window.export_sheet() == str(out)
    whole = squash("".join(pdf_pages(out)))
    assert squash(rule_title("APPEAL-GROUP-TOTAL")) in whole  # the draft's finding stays on record
    assert "审核中更正的数值" in whole and "行政复议" in whole


def test_window_print_goes_through_the_preview(window, make_docx, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    draft, _ = make_docx()
    opened(window, draft)
    out = tmp_path / "printed.pdf"

    def fake_preview(parent, paint, setup):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        setup(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        paint(printer)

    monkeypatch.setattr(dialogs, "print_preview", fake_preview)
    window.actions["print_sheet"].trigger()
    assert "未发现问题" in squash("".join(pdf_pages(out)))


def test_the_print_preview_has_the_pages_of_the_exported_sheet(window, tmp_path, monkeypatch):
    """The preview lays the sheet out on the same A4 page as the exported PDF, whatever paper
    the system's printer defaults to: the same pages, the same breaks."""
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

    opened(window, ROOT / "samples" / "示例-有误.docx")
    exported = tmp_path / "审核单.pdf"
    monkeypatch.setattr(dialogs, "save_file", lambda *a: str(exported))
    window.export_sheet()
    previewed = tmp_path / "预览.pdf"
    shown = []

    def fake_preview(parent, paint, setup):
        dialog = dialogs.preview_dialog(parent, paint, setup)
        printer = dialog.printer_
        shown.append(printer.pageLayout().pageSize().id())
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(previewed))
        paint(printer)

    monkeypatch.setattr(dialogs, "print_preview", fake_preview)
    window.actions["print_sheet"].trigger()
    assert shown == [QPageSize.PageSizeId.A4]
    assert len(pdf_pages(previewed)) == len(pdf_pages(exported)) > 1
