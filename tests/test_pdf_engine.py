"""The PDF engine (core/readers/pdf_engine.py) on PDFs written here byte by byte, so every
coordinate it must give is known: characters scaled through the text matrix, ruling lines drawn
as lines, rectangles and inside a form, a turned page, the error codes, and memory bounded per
page on a 500-page file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import ReadError
from core.readers import read_document
from core.readers.pdf_engine import find_tables, read_pages

ROOT = Path(__file__).resolve().parent.parent


def write_pdf(path: Path, pages: list[str], rotate: int = 0, forms: dict[str, str] | None = None) -> Path:
    """A PDF of A4 pages (595×842) with the given content streams, Helvetica as /F1 (its descent
    0.3 em below the baseline) and the
    given form XObjects (name -> content stream) as /Fm…, with a correct cross-reference table."""
    forms = forms or {}
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /Helvetica /Flags 32 /FontBBox [-166 -225 1000 931] /ItalicAngle 0"
        b" /Ascent 700 /Descent -300 /CapHeight 700 /StemV 80 >>"
    )
    font = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FontDescriptor %d 0 R >>"
        % descriptor
    )
    form_refs = {}
    for name, stream in forms.items():
        data = stream.encode("latin-1")
        form_refs[name] = add(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Length %d >>\nstream\n%s\nendstream"
            % (len(data), data)
        )
    xobjects = b" ".join(b"/%s %d 0 R" % (n.encode(), r) for n, r in form_refs.items())
    resources = b"<< /Font << /F1 %d 0 R >> /XObject << %s >> >>" % (font, xobjects)
    pages_id = len(objects) + 2 * len(pages) + 1
    kids = []
    for stream in pages:
        data = stream.encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Rotate %d /Resources %s /Contents %d 0 R >>"
                % (pages_id, rotate, resources, content)
            )
        )
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))) == (
        pages_id
    )
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    path.write_bytes(bytes(out))
    return path


def grid(x0: float, y0: float, widths: list[float], heights: list[float]) -> str:
    """Stroked ruling lines of a table whose top-left corner is (x0, y0) in PDF space."""
    xs = [x0 + sum(widths[:i]) for i in range(len(widths) + 1)]
    ys = [y0 - sum(heights[:i]) for i in range(len(heights) + 1)]
    lines = [f"{xs[0]} {y} m {xs[-1]} {y} l S" for y in ys]
    lines += [f"{x} {ys[0]} m {x} {ys[-1]} l S" for x in xs]
    return "0.5 w\n" + "\n".join(lines)


def test_characters_are_scaled_through_the_text_matrix(tmp_path):
    # font size 1 scaled to 12 pt by the text matrix, as WPS writes it; the baseline at y=700
    pdf = write_pdf(tmp_path / "a.pdf", ["BT /F1 1 Tf 12 0 0 12 100 700 Tm (AB) Tj ET"])
    (page,) = read_pages(pdf, "a.pdf")
    assert (page.width, page.height, page.doctop) == (595, 842, 0)
    a, b = page.chars
    assert (a["text"], b["text"]) == ("A", "B")
    assert a["size"] == pytest.approx(12)
    # up by the font size from the font's descent (0.3 em below the baseline), as pdfminer
    assert a["bottom"] == pytest.approx(842 - 700 + 0.3 * 12)
    assert a["top"] == pytest.approx(a["bottom"] - 12)
    # Helvetica's A is 667/1000 em wide
    assert a["x0"] == pytest.approx(100) and a["x1"] == pytest.approx(100 + 0.667 * 12, abs=0.01)
    assert b["x0"] == pytest.approx(a["x1"], abs=0.01)
    assert not a["unmapped"] and not page.tables and not page.has_images


def test_cells_from_lines_rectangles_and_forms(tmp_path):
    lines = grid(100, 700, [50, 80], [20, 20])
    # a two-by-two table drawn as filled hairline rectangles, and the first once more inside a form
    # moved down by 450 pt
    rects = "\n".join(
        [f"300 {y} 130 0.5 re f" for y in (500, 480, 460)] + [f"{x} 460 0.5 40.5 re f" for x in (300, 350, 430)]
    )
    form = grid(100, 700, [50, 80], [20, 20])
    pdf = write_pdf(tmp_path / "t.pdf", [lines + "\n" + rects + "\nq 1 0 0 1 0 -450 cm /Fm0 Do Q"], forms={"Fm0": form})
    (page,) = read_pages(pdf, "t.pdf")
    assert len(page.tables) == 3
    (bbox, cells), (bbox2, cells2), (bbox3, cells3) = page.tables
    assert bbox == pytest.approx((100, 142, 230, 182))
    assert sorted(cells) == [
        pytest.approx(c)
        for c in [(100, 142, 150, 162), (100, 162, 150, 182), (150, 142, 230, 162), (150, 162, 230, 182)]
    ]
    assert len(cells2) == 4 and bbox2 == pytest.approx((300.25, 341.75, 430.25, 381.75))
    assert bbox3 == pytest.approx((100, 142 + 450, 230, 182 + 450))
    # the horizontal hairlines are ruling segments, for struck-out text
    assert (341.5, 300, 430) in page.rules


def test_a_turned_page_is_read_as_shown(tmp_path):
    # /Rotate 90: the page is shown 842 wide, 595 high; text drawn up the page reads left to right
    pdf = write_pdf(tmp_path / "r.pdf", ["BT /F1 10 Tf 0 1 -1 0 300 100 Tm (X) Tj ET"], rotate=90)
    (page,) = read_pages(pdf, "r.pdf")
    assert (page.width, page.height) == (842, 595)
    (x,) = page.chars
    assert x["size"] == pytest.approx(10)
    assert x["x0"] == pytest.approx(100) and x["x1"] > x["x0"]
    assert x["bottom"] == pytest.approx(300 + 0.3 * 10)


def test_find_tables_needs_every_side_drawn():
    def h(y, x0, x1):
        return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0, "orientation": "h"}

    def v(x, y0, y1):
        return {"x0": x, "x1": x, "top": y0, "bottom": y1, "width": 0, "height": y1 - y0, "orientation": "v"}

    # two cells side by side, the second open at the bottom; edges 1 pt apart snap together
    edges = [h(0, 0, 20), h(10, 0, 10), v(0, 0, 10), v(10.8, 0, 10), v(20, 0, 10)]
    assert find_tables(edges) == []  # one closed cell is no table
    edges.append(h(10.5, 10, 20))
    ((bbox, cells),) = find_tables(edges)
    assert len(cells) == 2 and bbox[0] == 0 and bbox[2] == 20


def test_error_codes(tmp_path):
    good = write_pdf(tmp_path / "g.pdf", ["BT /F1 12 Tf 100 700 Td (Hello) Tj ET"])
    data = good.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[:60])
    with pytest.raises(ReadError) as err:
        list(read_pages(cut, "cut.pdf"))
    assert err.value.code == "damaged_pdf" and "损坏" in err.value.message
    empty = write_pdf(tmp_path / "e.pdf", [grid(100, 700, [50], [20])])
    with pytest.raises(ReadError) as err:
        read_document(empty)
    assert err.value.code == "pdf_scanned"


def test_pages_are_read_one_at_a_time(tmp_path):
    pdf = write_pdf(tmp_path / "p.pdf", [f"BT /F1 12 Tf 100 700 Td (Page {n}) Tj ET" for n in range(3)])
    pages = read_pages(pdf, "p.pdf")
    first = next(pages)
    assert first.number == 0 and "".join(c["text"] for c in first.chars) == "Page 0"
    assert [p.doctop for p in pages] == [842, 1684]


MEMORY_LIMIT_MB = 200


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak from /proc (Linux)")
def test_500_page_pdf_within_memory_bound(tmp_path):
    """500 pages, each a full page of text and a ruled table: peak memory of the whole read stays
    under the bound (pages and text pages are closed as the reader goes)."""
    body = "\n".join(
        f"BT /F1 9 Tf 60 {800 - 12 * i} Td (Line {i} of the narrative, with figures 12345.) Tj ET" for i in range(40)
    )
    table = grid(60, 300, [120, 60, 60, 60, 60], [14] * 16)
    cells = "\n".join(
        f"BT /F1 8 Tf {65 + 60 * c} {290 - 14 * r} Td ({r * c}) Tj ET" for r in range(16) for c in range(1, 5)
    )
    pdf = write_pdf(tmp_path / "long.pdf", [body + "\n" + table + "\n" + cells] * 500)
    code = (
        "import re, sys; sys.path.insert(0, sys.argv[2]); from core.readers import read_document; "
        "from core.errors import ReadError\n"
        "try:\n    read_document(sys.argv[1])\nexcept ReadError as err:\n    print(err.code)\n"
        "print(int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) // 1024)"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(pdf), str(ROOT)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    *codes, peak = proc.stdout.split()
    assert codes == ["no_tables"] or not codes, codes  # read to the end: no statutory table in it
    print(f"500-page PDF: peak memory {peak} MB")
    assert int(peak) < MEMORY_LIMIT_MB


def test_fonts_without_a_text_map_are_named(layout_pdfs, tmp_path):
    """A LibreOffice export whose fonts lose their ToUnicode maps (renamed in place, so the
    cross-reference table stays valid): PDFium flags every glyph, the reader says pdf_unmapped."""
    data = layout_pdfs["official"][1].read_bytes()
    assert data.count(b"/ToUnicode") >= 2
    stripped = tmp_path / "无编码.pdf"
    stripped.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))
    pages = list(read_pages(stripped, stripped.name))
    assert sum(c["unmapped"] for p in pages for c in p.chars) > 100
    with pytest.raises(ReadError) as err:
        read_document(stripped)
    assert err.value.code == "pdf_unmapped" and "编码" in err.value.message


def test_page_count_is_bounded_before_any_page_is_read(monkeypatch):
    import dataclasses

    from core.errors import ReadError
    from core.readers import pdf_engine
    from core.readers.pdf_reader import read_pdf

    sample = Path(__file__).resolve().parent.parent / "samples" / "示例-有误.pdf"
    monkeypatch.setattr(pdf_engine, "LIMITS", dataclasses.replace(pdf_engine.LIMITS, pdf_pages=1))
    with pytest.raises(ReadError) as caught:
        read_pdf(sample, sample.name)
    assert caught.value.code == "too_large" and "页" in caught.value.message


def test_the_pdf_guard_needs_no_pdf_library(monkeypatch, tmp_path):
    # pdfminer is no dependency of the product: the guard scans the bytes itself
    import sys
    import zlib

    from core.errors import ReadError
    from core.readers import guards

    monkeypatch.setitem(sys.modules, "pdfminer", None)
    bomb = zlib.compress(b"BT (x) Tj ET\n" * 30_000, 9)
    pdf = tmp_path / "炸弹.pdf"
    head = b"1 0 obj << /Length " + str(len(bomb)).encode() + b" /Filter /FlateDecode >> stream\n"
    pdf.write_bytes(b"%PDF-1.4\n" + head + bomb + b"\nendstream endobj\n%%EOF\n")
    with pytest.raises(ReadError) as caught:
        guards.check_pdf(pdf, pdf.name)
    assert caught.value.code == "too_large"
