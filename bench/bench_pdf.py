"""Benchmark: reading a published 5-page PDF report, and checking it.

Builds the "published" fixture (page numbers, running header, repeated table header, eight
columns) with extra narrative until LibreOffice exports exactly five pages, then times
``read_document`` (PDFium through core/readers/pdf_engine.py: characters, ruling lines, tables
joined across pages) and the whole ``check_file``, in-process, beside the floor measured in the
same run: pypdfium2 (PDFium) extracting every character with its box and every path object's
bounds (issue 18: ≤ 1.5× that engine's own extraction); the same report's DOCX is timed beside it
for comparison. Then a report of about 500 pages (7,500 paragraphs of narrative), read in a
fresh process: time and peak memory beside the same floor's (issue 18: ≤ 200 MiB, cost linear
in pages). Needs LibreOffice (soffice) on the PATH.

    .venv/bin/python bench/bench_pdf.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

import pypdfium2  # noqa: E402
import pypdfium2.raw as pdfium_raw  # noqa: E402
from bench_check import median_ms, ratio_line  # noqa: E402

import fixturegen  # noqa: E402
from core.check import check_file  # noqa: E402
from core.readers import read_document  # noqa: E402

PAGES = 5
PADDING = (
    "全年围绕重点领域信息公开、政策解读、回应关切和平台建设开展工作，逐项落实年度政务公开工作要点，相关做法已形成制度。"
)


def _padded(paragraphs: int):
    def edit(doc) -> None:
        anchor = next(p for p in doc.paragraphs if p.text.startswith("（五）"))
        for i in range(paragraphs):
            new = doc.add_paragraph(f"{i + 1}. {PADDING}")
            anchor._p.addnext(new._p)
            anchor = new

    return edit


def _five_pages(folder: Path) -> tuple[Path, Path]:
    paragraphs = 20
    for _ in range(8):
        spec = fixturegen.make_spec(fixturegen.LAYOUTS["published"], edit=_padded(paragraphs))
        docx = fixturegen.build_docx(folder / "report.docx", spec)
        (pdf,) = fixturegen.export([docx], folder)
        opened = pypdfium2.PdfDocument(pdf)
        pages = len(opened)
        opened.close()
        if pages == PAGES:
            return docx, pdf
        paragraphs += 12 if pages < PAGES else -5
    raise SystemExit(f"could not lay the report out on {PAGES} pages (last: {pages})")


def pdfium_floor(path: Path) -> int:
    """Every character with its box and every ruling path's bounds, through PDFium: the floor."""
    count = 0
    pdf = pypdfium2.PdfDocument(path)
    try:
        for page in pdf:
            text = page.get_textpage()
            for i in range(text.count_chars()):
                text.get_charbox(i)
                text.get_text_range(i, 1)
                count += 1
            for obj in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_PATH]):
                obj.get_bounds()
            text.close()
            page.close()
    finally:
        pdf.close()
    return count


def _long_report(folder: Path) -> Path:
    """About 500 A4 pages: the statutory tables plus 7,500 paragraphs of narrative."""
    from copy import deepcopy

    from docx import Document

    path = fixturegen.build_docx(folder / "long.docx", fixturegen.make_spec())
    doc = Document(str(path))
    template, anchor = doc.paragraphs[3]._p, doc.paragraphs[4]._p
    for _ in range(7_500):
        anchor.addprevious(deepcopy(template))
    doc.save(str(path))
    (pdf,) = fixturegen.export([path], folder)
    return pdf


_MEASURE = """
import re, sys, time
sys.path.insert(0, sys.argv[2]); sys.path.insert(0, sys.argv[2] + "/bench")
start = time.perf_counter()
if sys.argv[3] == "read":
    from core.readers import read_document
    read_document(sys.argv[1])
else:
    from bench_pdf import pdfium_floor
    pdfium_floor(sys.argv[1])
ms = (time.perf_counter() - start) * 1000
peak = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) / 1024
print(ms, peak)
"""


def _measure(pdf: Path, what: str) -> tuple[float, float]:
    """Milliseconds and peak MiB of reading ``pdf`` (``read``) or of the floor, in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(pdf), str(ROOT), what], check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), float(out[1])


def main() -> None:
    if not fixturegen.soffice():
        raise SystemExit("LibreOffice (soffice) is needed to export the PDF")
    folder = Path(tempfile.mkdtemp(prefix="nianbao-bench-pdf-"))
    docx, pdf = _five_pages(folder)
    result = check_file(pdf)  # warm imports
    assert result.ok and len(result.report.cells) == 225 and result.errors == 0, result.findings
    print(f"{PAGES}-page PDF: {pdf.stat().st_size / 1024:.0f} KiB, {len(result.report.cells)} cells read")
    floor = median_ms(lambda: pdfium_floor(pdf), 7)
    floor_label = "pypdfium2 chars with boxes + path bounds"
    print(ratio_line("  PDF read_document", median_ms(lambda: read_document(pdf), 7), floor_label, floor))
    print(ratio_line("  PDF check_file   ", median_ms(lambda: check_file(pdf), 7), floor_label, floor))
    read = median_ms(lambda: read_document(docx), 7)
    whole = median_ms(lambda: check_file(docx), 7)
    print(f"  the same report as DOCX: read_document median {read:7.1f} ms   check_file median {whole:7.1f} ms")
    if Path("/proc/self/status").exists():
        long_pdf = _long_report(folder)
        opened = pypdfium2.PdfDocument(long_pdf)
        pages = len(opened)
        opened.close()
        runs = [(_measure(long_pdf, "read"), _measure(long_pdf, "floor")) for _ in range(3)]
        read_ms, read_mb = sorted(r for r, _ in runs)[1]
        floor_ms, floor_mb = sorted(f for _, f in runs)[1]
        print(f"{pages}-page PDF ({long_pdf.stat().st_size / 1024 / 1024:.1f} MiB), each read in a fresh process:")
        print(ratio_line("  PDF read_document", read_ms, floor_label, floor_ms))
        print(f"  peak memory: read_document {read_mb:5.0f} MiB   floor {floor_mb:5.0f} MiB   (bound 200 MiB)")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
