"""Published reports: PDFs exported from the drafts and saved web pages read into the same cells,
the same table shapes and the same findings as the DOCX they came from."""

from __future__ import annotations

import hashlib

import pytest

import fixturegen
from conftest import run_cli, to_pdf
from core.check import check_file, expand_inputs, read_report
from core.document import Paragraph, Table
from core.errors import ReadError
from core.labels import norm
from core.readers import read_document

LAYOUTS = list(fixturegen.LAYOUTS)


def cells(report) -> dict[str, tuple]:
    return {cid: (loc.value.status, loc.value.number, norm(loc.value.raw)) for cid, loc in report.cells.items()}


def shapes(report) -> dict[str, list[list[tuple[str, bool]]]]:
    """Each statutory table's rows as (normalized text, continues a vertical merge) per cell."""
    doc = report.document
    return {
        tid: [[(norm(c.text), c.merged_up) for c in row] for b in blocks for row in doc.blocks[b].rows]
        for tid, blocks in report.tables.items()
    }


def findings(result) -> list[tuple[str, str]]:
    return sorted((f.rule, f.message) for f in result.findings)


def assert_same_report(original, published) -> None:
    a, b = check_file(original), check_file(published)
    assert b.ok, b.error and b.error.message
    assert len(b.report.cells) in (200, 225)
    assert cells(b.report) == cells(a.report)
    assert shapes(b.report) == shapes(a.report)
    assert findings(b) == findings(a)
    assert b.report.meta == a.report.meta
    assert list(b.report.outline.headings) == list(a.report.outline.headings)
    assert b.report.outline.signed_date == a.report.outline.signed_date


# -- PDF ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", LAYOUTS)
def test_pdf_round_trip_reads_the_same_report(layout_pdfs, name):
    docx, pdf = layout_pdfs[name]
    assert_same_report(docx, pdf)


@pytest.fixture(scope="module")
def faulty_pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faulty")
    spec = fixturegen.make_spec(
        fixturegen.Layout(requests="loose", published=True),
        raw={
            "requests.new.total": "999",
            "requests.granted.natural": "",
            "proactive.normative_docs.in_force": "22（其中修订16件）",
            "appeals.review.total": "一",
            "requests.carried_over.total": "-1",
        },
    )
    docx = fixturegen.build_docx(folder / "有误.docx", spec)
    (pdf,) = to_pdf([docx], folder)
    return docx, pdf


def test_pdf_faults_give_the_same_findings(faulty_pdf):
    docx, pdf = faulty_pdf
    assert_same_report(docx, pdf)
    rules = {rule for rule, _ in findings(check_file(pdf))}
    assert {"REQ-ROW-TOTAL", "VALUE-BLANK", "VALUE-ANNOTATED", "VALUE-NOT-NUMBER"} <= rules


def test_pdf_tables_run_across_pages_as_one_table(layout_pdfs):
    report = read_report(layout_pdfs["published"][1])
    (block,) = report.tables["requests"]
    pages = {c.where[0] for row in report.document.blocks[block].rows for c in row if c.where}
    assert len(pages) >= 2, "the fixture should make the request table run over a page break"
    texts = [b.text for b in report.document.blocks if isinstance(b, Paragraph)]
    assert not [t for t in texts if norm(t).strip("-").isdigit()], "page numbers read as text"
    assert texts.count(report.meta.title) == 1, "the running header repeats the title"
    page, x0, top, x1, bottom = report.source_cell("requests.new.total").where
    assert 0 <= x0 < x1 <= 612 and 0 <= top < bottom <= 842


def test_pdf_split_rows_are_joined(layout_pdfs):
    """LibreOffice breaks rows across pages in the loose layout; each comes back whole."""
    report = read_report(layout_pdfs["loose"][1])
    labels = [norm(c.text) for b in report.tables["requests"] for row in report.document.blocks[b].rows for c in row]
    assert "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)" in labels
    assert any("要求行政机关确认或重新出具已获取信息" in label for label in labels)


def _scan(path, text: str) -> None:
    """A PDF with a page that is only a picture of text, as a scanner makes it."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QFont, QImage, QPageSize, QPainter, QPdfWriter

    image = QImage(1240, 1754, QImage.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(QFont("Noto Sans CJK SC", 28))
    painter.drawText(QRect(100, 100, 1040, 1500), 0, text)
    painter.end()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.A4))
    painter = QPainter(writer)
    painter.drawImage(painter.viewport(), image)
    painter.end()


def test_scanned_pdf_is_refused_plainly(tmp_path, qapp):
    scan = tmp_path / "扫描件.pdf"
    _scan(scan, "某局2023年政府信息公开工作年度报告\n一、本年新收政府信息公开申请数量 77")
    before = hashlib.sha256(scan.read_bytes()).hexdigest()
    result = check_file(scan)
    assert result.error.code == "pdf_scanned" and result.report is None and not result.findings
    proc = run_cli("check", scan)
    assert proc.returncode == 2
    assert "扫描" in proc.stderr + proc.stdout and "Traceback" not in proc.stderr
    assert hashlib.sha256(scan.read_bytes()).hexdigest() == before


def test_damaged_pdf(layout_pdfs, tmp_path):
    data = layout_pdfs["official"][1].read_bytes()
    for n, cut in enumerate((len(data) // 2, 400, 20)):
        broken = tmp_path / f"截断{n}.pdf"
        broken.write_bytes(data[:cut])
        result = check_file(broken)
        assert not result.ok
        assert result.error.code in ("damaged_pdf", "pdf_scanned"), result.error.code
    # on the command line: the one plain message, none of pdfminer's warnings
    corrupted = bytearray(data)
    for i in range(len(data) // 3, len(data) * 2 // 3, 997):
        corrupted[i] ^= 0x5A
    (tmp_path / "损坏.pdf").write_bytes(bytes(corrupted))
    proc = run_cli("check", tmp_path / "损坏.pdf")
    assert proc.returncode in (0, 1, 2)
    assert not [line for line in proc.stderr.splitlines() if line.isascii() and line.strip()], proc.stderr


def test_password_protected_pdf(layout_pdfs, tmp_path):
    docx = layout_pdfs["official"][0]
    (locked,) = to_pdf([docx], tmp_path / "locked", {"EncryptFile": True, "DocumentOpenPassword": "secret"})
    result = check_file(locked)
    assert result.error.code == "encrypted_pdf" and "密码" in result.error.message
    # a published PDF that only forbids copying and editing opens without a password
    restricted = {"RestrictPermissions": True, "PermissionPassword": "owner", "EnableCopyingOfContent": False}
    (published,) = to_pdf([docx], tmp_path / "restricted", restricted)
    assert_same_report(docx, published)


# -- HTML ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def layout_html(layout_pdfs, tmp_path_factory):
    """Every layout as LibreOffice saves it as a web page (its tables with rowspan and colspan)."""
    docs = [docx for docx, _ in layout_pdfs.values()]
    pages = to_pdf(docs, tmp_path_factory.mktemp("html"), to="html")
    return {name: (docx, page) for (name, (docx, _)), page in zip(layout_pdfs.items(), pages)}


@pytest.mark.parametrize("name", [n for n in LAYOUTS if n != "tracked"])
def test_libreoffice_web_page_reads_the_same_report(layout_html, name):
    # (tracked is left out: LibreOffice's HTML export writes deleted text as ordinary text)
    docx, html = layout_html[name]
    assert "span=" in html.read_text(encoding="utf-8")
    assert_same_report(docx, html)


@pytest.mark.parametrize("layout", ["official", "eight"])
@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
def test_government_web_page(tmp_path, layout, encoding):
    spec = fixturegen.make_spec(fixturegen.LAYOUTS[layout])
    docx = fixturegen.build_docx(tmp_path / "原稿.docx", spec)
    html = fixturegen.build_html(tmp_path / "年报.html", spec, encoding)
    assert_same_report(docx, html)
    assert not check_file(html).findings


def test_web_page_tables_expand_rowspan_and_colspan_like_docx_merges(tmp_path):
    """The official layout written as HTML spans reads into exactly the cells DOCX merges give."""
    spec = fixturegen.make_spec(fixturegen.LAYOUTS["official"])
    docx = read_document(fixturegen.build_docx(tmp_path / "a.docx", spec))
    html = read_document(fixturegen.build_html(tmp_path / "a.html", spec))

    def grid(doc):
        return [
            [[(norm(c.text), c.grid_col, c.span, c.merged_up) for c in row] for row in t.rows]
            for t in doc.blocks
            if isinstance(t, Table)
        ]

    assert grid(html) == grid(docx)
    merged = [c for t in grid(html) for row in t for c in row if c[3]]
    assert len(merged) > 20 and any(c[2] > 1 for c in merged)


def test_saved_single_file_web_page(tmp_path):
    spec = fixturegen.make_spec()
    html = fixturegen.build_html(tmp_path / "a.html", spec, "gbk").read_bytes()
    import base64

    body = base64.encodebytes(html).decode("ascii")
    mht = tmp_path / "年报.mht"
    mht.write_text(
        "From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
        "------B\r\nContent-Type: text/html; charset=gb2312\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        f"{body}\r\n------B--\r\n",
        encoding="ascii",
    )
    assert_same_report(fixturegen.build_docx(tmp_path / "a.docx", spec), mht)


def test_html_reader_keeps_what_a_page_shows(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<html><body><script>document.write('<p>脚本</p>')</script>"
        "<p>第一段<br>第二段</p><div>第三段<del>删去</del></div>"
        "<table><tr><td rowspan=2>甲</td><td colspan=2>乙</td></tr><tr><td>丙</td><td>丁</td></tr></table>"
        "</body></html>",
        encoding="utf-8",
    )
    doc = read_document(page)
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == ["第一段", "第二段", "第三段"]
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert [[(c.text, c.grid_col, c.span, c.merged_up) for c in row] for row in table.rows] == [
        [("甲", 0, 1, False), ("乙", 1, 2, False)],
        [("", 0, 1, True), ("丙", 1, 1, False), ("丁", 2, 1, False)],
    ]


def test_undecodable_web_page(tmp_path):
    page = tmp_path / "乱码.html"
    page.write_bytes(b"<html><body>" + bytes(range(128, 256)) * 4 + b"</body></html>")
    result = check_file(page)
    assert not result.ok and result.error.code in ("not_html", "no_tables")


# -- everywhere a DOCX goes ---------------------------------------------------------------------
def test_cli_and_batch_take_pdf_and_web_pages(layout_pdfs, tmp_path):
    folder = tmp_path / "年报"
    folder.mkdir()
    docx, pdf = layout_pdfs["official"]
    (folder / "甲.pdf").write_bytes(pdf.read_bytes())
    fixturegen.build_html(folder / "乙.html", fixturegen.make_spec())
    (folder / "说明.png").write_bytes(b"\x89PNG")
    assert sorted(p.rsplit("/", 1)[-1] for p in expand_inputs([str(folder)])) == ["乙.html", "甲.pdf"]
    proc = run_cli("check", folder)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "甲.pdf" in proc.stdout and "乙.html" in proc.stdout
    out = tmp_path / "更正.docx"
    proc = run_cli("fix", folder / "甲.pdf", "--out", out)
    assert proc.returncode in (0, 1) and out.exists(), proc.stdout + proc.stderr


def test_read_errors_are_picklable_with_new_codes():
    import pickle

    for code in ("pdf_scanned", "pdf_unmapped", "encrypted_pdf", "damaged_pdf", "not_html"):
        err = pickle.loads(pickle.dumps(ReadError(code, "x.pdf")))
        assert err.code == code and "x.pdf" in err.message
