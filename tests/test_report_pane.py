"""The report pane renders from the outline the locator built (core.render.document_html):
the title blocks as the title, each section's heading as a heading — and nothing else, however it
is numbered —, the signature to the right, the statutory cells coloured by their findings, edits
beside the draft's figure, and readable column widths. Then the same, as the window shows it."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from conftest import ROOT, SEEDS
from core.check import check_file
from core.presentation import PALETTE, worst_severity
from core.render import NUMBER_COLUMN, Width, document_html
from core.rules import ERROR

SAMPLES = ROOT / "samples"
SEED = SEEDS / "001_154e5da753eb525e.txt"  # numbers sub-headings inside 一、总体情况 as 一、二、三、


def _severities(result) -> dict[str, str | None]:
    return {c: worst_severity([f for f in result.findings if c in f.marked]) for c in result.report.cells}


def _anchored(tree, tag: str) -> dict[int, str]:
    """block index -> text of every ``tag`` element that carries a block anchor."""
    out = {}
    for element in tree.iter(tag):
        for a in element.iter("a"):
            name = a.get("name") or ""
            if name.startswith("block-"):
                out[int(name[len("block-") :])] = element.text_content().strip()
    return out


@pytest.fixture(scope="module")
def seed():
    result = check_file(SEED)
    return result, lxml_html.fromstring(document_html(result.report, _severities(result), {}))


def test_title_and_headings_come_from_the_outline(seed):
    result, tree = seed
    report = result.report
    blocks = report.document.blocks
    assert _anchored(tree, "h2") == {i: blocks[i].text.strip() for i in report.title_blocks}
    assert _anchored(tree, "h3") == {i: blocks[i].text.strip() for i in report.outline.headings.values()}
    assert len(report.outline.headings) == 6  # one heading per section, 二、 among them without its numeral


def test_a_numbered_paragraph_that_is_no_section_stays_body_text(seed):
    result, tree = seed
    blocks = result.report.document.blocks
    sub = next(i for i, b in enumerate(blocks) if getattr(b, "text", "").startswith("一、提高思想认识"))
    assert sub not in result.report.outline.headings.values()
    assert sub in _anchored(tree, "p") and sub not in _anchored(tree, "h3")


def test_the_signature_is_set_to_the_right():
    result = check_file(SAMPLES / "示例-有误.docx")
    outline = result.report.outline
    tree = lxml_html.fromstring(document_html(result.report, _severities(result), {}))
    right = {i for p in tree.iter("p") if p.get("align") == "right" for i in _anchored(p, "p")}
    assert {outline.signer, outline.signed} <= right and None not in {outline.signer, outline.signed}


def test_cells_are_coloured_by_their_findings_and_edits_shown_beside(make_docx):
    path, _ = make_docx(raw={"requests.new.total": "999"})
    result = check_file(path)
    severities = _severities(result)
    assert severities["requests.new.total"] == ERROR
    tree = lxml_html.fromstring(
        document_html(result.report, severities, {"requests.new.natural": "7"}, Width(char=13, available=500))
    )
    cells = {
        a.get("name")[len("cell-") :]: a.getparent() for a in tree.iter("a") if a.get("name", "").startswith("cell-")
    }
    assert set(cells) == {c for c, loc in result.report.cells.items() if loc.source is not None}
    assert cells["requests.new.total"].get("bgcolor") == PALETTE[ERROR].background
    clean = [c for c, s in severities.items() if s is None and c in cells]
    assert clean and all(cells[c].get("bgcolor") is None for c in clean)
    edited = cells["requests.new.natural"]
    assert edited.find("s") is not None and "→ 7" in edited.text_content()
    for table in tree.iter("table"):
        assert int(table.get("width")) >= 500
        widths = [int(td.get("width")) for td in table.iter("td") if td.get("colspan") is None]
        assert widths and min(widths) >= NUMBER_COLUMN * 13


def test_the_pane_shows_the_outline_and_the_colours(qtbot, tmp_path, make_docx):
    pytest.importorskip("PySide6")
    from PySide6.QtGui import QColor
    from window_helpers import opened, review_window

    window = review_window(qtbot, tmp_path)
    assert opened(window, SEED)
    report = window.review.session.report
    levels: dict[int, list[str]] = {}
    block = window.document_view.document().begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            levels.setdefault(block.blockFormat().headingLevel(), []).append(block.text().strip())
        block = block.next()
    blocks = report.document.blocks
    assert levels == {
        2: [blocks[i].text.strip() for i in report.title_blocks],
        3: [blocks[i].text.strip() for i in sorted(report.outline.headings.values())],
    }
    path, _ = make_docx(raw={"requests.new.total": "999"})
    assert opened(window, path)
    view = window.document_view
    cursor = view.anchor_cursor("cell-requests.new.total")
    assert cursor is not None
    cell = cursor.currentTable().cellAt(cursor)
    assert cell.format().background().color() == QColor(PALETTE[ERROR].background)


def test_rendering_does_not_ask_to_render_again(qtbot, tmp_path):
    """The columns are sized for the pane's width; that width must not change because the
    rendering brought a scroll bar (each change renders again: a loop that would never stop)."""
    pytest.importorskip("PySide6")
    from PySide6.QtWidgets import QApplication
    from window_helpers import opened, review_window

    window = review_window(qtbot, tmp_path)
    pane = window.document_view
    pane.setHtml("")  # no scroll bars …
    QApplication.processEvents()
    assert opened(window, SEED)  # … then a long report: a vertical scroll bar comes
    QApplication.processEvents()
    assert pane.verticalScrollBar().isVisible()
    assert pane.pane_width() == pane._rendered_for and not pane._widths.isActive()
