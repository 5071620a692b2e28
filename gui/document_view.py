"""The left pane: the loaded report, read-only, with its statutory tables marked.

GUI layer. The HTML comes from :func:`core.render.document_html`; after edits it is rebuilt a
moment later (debounced), keeping the scroll position, so typing in the grid stays instant.
Tables are given readable column widths (core.render.column_widths: a number column never
narrower than a few digits, a label column wide enough for a phrase per line), rendered again when
the pane's width changes; a table wider than the pane scrolls sideways.
A finding about the whole document (a missing section, an overlong overview, no date) scrolls
to the place it is about.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QTextCursor, QTextTable
from PySide6.QtWidgets import QTextBrowser

from core.cell_id import CellId
from core.render import Width, document_html
from core.rules import Finding
from core.schema import schema
from gui.review import Review

WELCOME = """
<html><body>
<h2 align="center" style="color:#1565c0">年报校核</h2>
<p align="center">把政府信息公开工作年度报告（Word 原稿 .docx、发布的 PDF 或保存的网页）拖到窗口中，或点击“文件 → 打开报告”。</p>
<p align="center" style="color:#666666">原稿不会被修改；您在右侧表格中的修改会随时自动保存。</p>
</body></html>
"""

OPENING = """
<html><body>
<h2 align="center" style="color:#1565c0">正在打开报告……</h2>
<p align="center">{name}</p>
<p align="center" style="color:#666666">正在读取并检查，页数多的 PDF 需要稍等片刻；可以点击窗口下方的“取消”。</p>
</body></html>
"""

LABEL_STRIP = 9  # characters: the strip of row labels shown while the pane scrolls sideways
LABEL_STRIP_BG = QColor("#e8eef7")
LABEL_STRIP_LINE = QColor("#1565c0")
_QUOTED = re.compile(r"“([^”]{4,})”")
_END_RULES = {"META-DATE-MISSING", "META-DEADLINE"}
_SECTION_RULES = {"OVERVIEW-LENGTH": "overview", "FEE-STATEMENT": "other", "CROSS-YEAR-REPEAT": "problems"}


def finding_anchor(report, finding: Finding) -> str | None:
    """The anchor in :func:`core.render.document_html` a whole-document finding is about: the
    section's heading, the sentence it quotes, or the end (the signature); None if unknown."""
    outline = report.outline
    blocks = report.document.blocks
    if finding.rule in _END_RULES:
        at = outline.signed if outline and outline.signed is not None else None
        return f"block-{at}" if at is not None else "end"
    if outline is not None and finding.rule in _SECTION_RULES:
        at = outline.headings.get(_SECTION_RULES[finding.rule])
        if at is not None:
            return f"block-{at}"
    if outline is not None and finding.rule == "SECTION-MISSING" and isinstance(finding.actual, str):
        # a heading without or with the wrong numeral: the heading itself
        for at in outline.headings.values():
            if blocks[at].text.strip() == finding.actual:
                return f"block-{at}"
    if outline is not None and finding.rule == "SECTION-MISSING":
        sections = [s.id for s in schema().sections]
        missing = next((s for s in schema().sections if f"“{s.heading}”" in finding.message), None)
        if missing is not None and missing.id not in outline.headings:
            # where the section belongs: before the next section that is there, else at the end
            later = [outline.headings[s] for s in sections[sections.index(missing.id) + 1 :] if s in outline.headings]
            return f"block-{later[0]}" if later else "end"
    for quoted in _QUOTED.findall(finding.message):
        probe = quoted.rstrip("…")[:24]
        for index, block in enumerate(blocks):
            text = getattr(block, "text", "")
            if probe and probe in text.replace("\n", ""):
                return f"block-{index}"
    return None


class DocumentView(QTextBrowser):
    def __init__(self, review: Review, parent=None):
        super().__init__(parent)
        self.review = review
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh)
        self._widths = QTimer(self, singleShot=True, interval=100)
        self._widths.timeout.connect(self.refresh)
        self._rendered_for: Width | None = None
        self._row_labels: list[tuple[int, str]] | None = None
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.valueChanged.connect(self._repaint_strip)
        review.loaded.connect(self.refresh)
        review.cells_changed.connect(self._schedule)
        self.setHtml(WELCOME)

    def _repaint_strip(self, *_) -> None:
        if self.horizontalScrollBar().value() > 0 or self._row_labels is not None:
            self.viewport().update()  # scrolling copies pixels: the strip must be painted again

    def show_opening(self, path) -> None:
        """While a draft is read with no report shown yet, say so where the report will be
        (``path`` None: the read is over without a report, the welcome comes back)."""
        if self.review.session is None:
            self.setHtml(OPENING.format(name=html.escape(path.name)) if path is not None else WELCOME)

    def _schedule(self, *_) -> None:
        self._timer.start()

    def refresh(self) -> None:
        session = self.review.session
        if session is None:
            self.setHtml(WELCOME)
            return
        bars = (self.verticalScrollBar(), self.horizontalScrollBar())
        positions = [bar.value() for bar in bars]
        severities = {cid: state.shown for cid, state in session.states.items()}
        self._rendered_for = self.pane_width()
        # Laid out once, at the width beside a vertical scroll bar (a report is taller than the
        # pane): from the welcome page, Qt would lay the report out across the whole pane, find
        # it needs the bar, and lay it out again. Laid out to the end at once (size()), so the
        # scroll bars are sized for the whole report from the first paint. The bar's own policy
        # is back at once, so a page that fits still shows none.
        policy = self.verticalScrollBarPolicy()
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHtml(document_html(session.report, severities, session.edits(), self._rendered_for))
        self.document().size()
        self.setVerticalScrollBarPolicy(policy)
        self._row_labels = None  # found again on the next paint that needs them
        for bar, position in zip(bars, positions):
            bar.setValue(position)

    # -- row labels kept in view ---------------------------------------------------------------
    def row_labels(self) -> list[tuple[int, str]]:
        """(document position of the row's first figure, the row's label) of every row of the
        statutory tables the draft has, for the strip shown while the pane scrolls sideways."""
        if self._row_labels is not None:
            return self._row_labels
        session = self.review.session
        if session is None:
            return []
        report = session.report
        first: dict[tuple[int, int], tuple[int, str]] = {}  # (block, row) -> (cell index, cell id)
        for cell_id, located in report.cells.items():
            if located.source is not None:
                key = (located.source.block, located.source.row)
                if key not in first or located.source.cell < first[key][0]:
                    first[key] = (located.source.cell, cell_id)
        positions = self._anchor_positions()
        labels = []
        for (block, row), (index, cell_id) in first.items():
            cells = report.document.blocks[block].rows[row][:index]
            text = next((c.text for c in reversed(cells) if c.text.strip() and not c.merged_up), "")
            position = positions.get(f"cell-{cell_id}")
            if text and position is not None:
                labels.append((position, " ".join(text.split())))
        self._row_labels = sorted(labels)
        return self._row_labels

    def _anchor_positions(self) -> dict[str, int]:
        found = {}
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid():
                    for name in fragment.charFormat().anchorNames():
                        found.setdefault(name, fragment.position())
                it += 1
            block = block.next()
        return found

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.horizontalScrollBar().value() > 0 and self.review.session is not None:
            self._paint_row_labels()

    def _paint_row_labels(self) -> None:
        """Scrolled sideways, a statutory table's figures would lose their row labels: a strip
        at the left edge names the row beside each row's figures."""
        viewport = self.viewport()
        metrics = self.fontMetrics()
        width = min(metrics.horizontalAdvance("中") * LABEL_STRIP, viewport.width() // 3)
        height = metrics.height() + 4
        painter = QPainter(viewport)
        cursor = QTextCursor(self.document())
        tops = []
        for position, label in self.row_labels():
            cursor.setPosition(position)
            tops.append((self.cursorRect(cursor).top() - 2, label))
        for i, (top, label) in enumerate(tops):
            # a row's box reaches down to the next row's (wrapped labels make tall rows), so the
            # strip hides what scrolled under it; the last row of a table gets a line or two
            following = tops[i + 1][0] if i + 1 < len(tops) else top + height
            box_height = following - top if 0 < following - top <= height * 6 else height
            if top + box_height < 0 or top > viewport.height():
                continue
            box = QRect(0, top, width, box_height)
            painter.fillRect(box, LABEL_STRIP_BG)
            painter.setPen(LABEL_STRIP_LINE)
            painter.drawLine(box.topRight(), box.bottomRight())
            painter.drawLine(box.bottomLeft(), box.bottomRight())
            painter.setPen(self.palette().text().color())
            inner = box.adjusted(4, 1, -4, -1)
            lines = max(1, inner.height() // metrics.lineSpacing())
            text = label
            if metrics.boundingRect(inner, Qt.TextFlag.TextWordWrap, label).height() > inner.height():
                text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, inner.width() * lines - 8)
            painter.drawText(
                inner, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, text
            )
        painter.end()

    # -- tables ------------------------------------------------------------------------------
    def tables(self) -> list[QTextTable]:
        found, seen = [], set()
        cursor = self.textCursor()
        block = self.document().begin()
        while block.isValid():
            cursor.setPosition(block.position())
            table = cursor.currentTable()
            if table is not None and table.firstPosition() not in seen:
                seen.add(table.firstPosition())
                found.append(table)
            block = block.next()
        return found

    def pane_width(self) -> Width:
        """What :func:`core.render.document_html` sizes the tables' columns for."""
        # the pane's own width, less room for a vertical scroll bar whether it shows or not: a
        # width read from the viewport would change as the scroll bar comes and goes, and each
        # change would render again
        scrollbar = self.verticalScrollBar().sizeHint().width()
        available = self.contentsRect().width() - scrollbar - 2 * self.document().documentMargin() - 8
        return Width(self.fontMetrics().horizontalAdvance("中"), round(available))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.review.session is not None and self.pane_width() != self._rendered_for:
            self._widths.start()  # the columns are sized for the pane: render again, a moment later

    # -- scrolling to a finding ---------------------------------------------------------------
    def _settle(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.refresh()

    def show_cell(self, cell_id: str) -> None:
        """Scroll to the cell in the report, or to its table where the draft lacks the cell."""
        self._settle()
        session = self.review.session
        if session and cell_id in session.report.cells and session.report.cells[cell_id].source is not None:
            self.scrollToAnchor(f"cell-{cell_id}")
            self._bring_into_width(f"cell-{cell_id}")
        else:
            self.scrollToAnchor(f"table-{CellId.split(cell_id).table}")

    def anchor_cursor(self, name: str) -> QTextCursor | None:
        """A cursor at the anchor ``name`` (Qt scrolls to anchors but does not say where they are)."""
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid() and name in fragment.charFormat().anchorNames():
                    cursor = QTextCursor(self.document())
                    cursor.setPosition(fragment.position())
                    return cursor
                it += 1
            block = block.next()
        return None

    def _bring_into_width(self, name: str) -> None:
        """scrollToAnchor moves up and down only: a cell in a wide table's right-hand columns
        (总计) is scrolled into view sideways too."""
        cursor = self.anchor_cursor(name)
        if cursor is None:
            return
        bar = self.horizontalScrollBar()
        x = self.cursorRect(cursor).x() + bar.value()
        if not bar.value() <= x <= bar.value() + self.viewport().width() - 60:
            # the cell near the right edge, as much of its row to the left of it as fits
            bar.setValue(round(x - self.viewport().width() + 90))

    def show_place(self, finding: Finding) -> str | None:
        """Scroll to what a finding without cells is about; returns the anchor used."""
        self._settle()
        session = self.review.session
        anchor = finding_anchor(session.report, finding) if session else None
        if anchor == "end":
            self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())
        elif anchor:
            self.scrollToAnchor(anchor)
        return anchor
