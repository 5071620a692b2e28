"""Every bound the product enforces on what it reads, in one place (as pdfplumber keeps its
``laparams``): a hostile or broken file is refused with a plain message (``ReadError("too_large")``)
within seconds and a few hundred MB, instead of taking the machine's memory or time.

Core layer. The figures are far above any real annual report (a real DOCX holds under 100 zip
members, a document.xml of a few MB, a few thousand cells, gridSpan under 30; a published PDF
under 60 pages) and far below what hurts a clerk's PC. ``docs/security.md`` lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


# Nothing compares or prints the bounds (they are read, and tests make variants with
# dataclasses.replace): no __eq__, __hash__ or __repr__ of 29 fields compiled at every start.
@dataclass(frozen=True, repr=False, eq=False)
class Limits:
    """The bounds on what is read (see the module's docstring); one instance, ``LIMITS``."""

    # any input file
    file_bytes: int = 200 * MB
    # DOCX (a zip package)
    zip_members: int = 1_000
    zip_total_bytes: int = 256 * MB  # declared uncompressed size of all members together
    zip_xml_bytes: int = 32 * MB  # one XML part, uncompressed (a 500-page report's: 3 MB)
    zip_ratio: int = 200  # uncompressed / compressed, for a member over zip_ratio_from bytes
    zip_ratio_from: int = 8 * MB  # (repetitive XML reaches 190 legitimately: only large members)
    xml_elements: int = 1_000_000  # start tags in the XML parts read (500 pages: about 200,000)
    xml_cells: int = 100_000  # w:tc elements
    grid_span: int = 100  # one cell's gridSpan (Word's tables have at most 63 columns)
    # saved web pages and text exports
    html_bytes: int = 20 * MB
    html_span: int = 100  # colspan / rowspan (the statutory tables: under 20)
    text_bytes: int = 8 * MB
    # PDF
    pdf_bytes: int = 100 * MB
    pdf_pages: int = 1_000
    pdf_page_bytes: int = 4 * MB  # one page's content streams, decompressed (a real page: under 1 MB)
    pdf_page_text_ops: int = 20_000  # text-showing operators on one page (a dense real page: a few hundred)
    pdf_total_bytes: int = 256 * MB  # all pages' content streams, decompressed
    # a reviewer's decisions file (it may come from anywhere)
    decisions_bytes: int = 4 * MB
    decisions_count: int = 20_000
    decision_cells: int = 500  # cells (and values) one decision names
    decision_text: int = 500  # a reason, a reviewer's name
    decision_rule: int = 64  # a rule id, a cell id
    # a summary's list of units (.txt, or .xlsx with the units in its first column)
    units_bytes: int = 5 * MB
    units_xlsx_bytes: int = 64 * MB  # the workbook's members, declared uncompressed
    units_count: int = 5_000
    unit_name_chars: int = 100
    # numbers: a cell with more digits than any real figure is text, not a number
    number_digits: int = 15
    # what the window lays out of one cell's or paragraph's text
    display_chars: int = 5_000
    # a batch: one file's reading and checking may take this long in a worker before it is given up
    seconds_per_file: float = 120.0


LIMITS = Limits()


def clip(text: str, limit: int | None = None) -> str:
    """What a view lays out of one text: at most ``display_chars`` characters (Qt lays out a
    786,000-character cell for seconds, and has crashed on one), with a note of the full length."""
    limit = LIMITS.display_chars if limit is None else limit
    if text is None or len(text) <= limit:
        return text
    return f"{text[:limit]}……（共 {len(text):,} 字，此处只显示前 {limit:,} 字）"
