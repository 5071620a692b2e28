"""The left pane: the loaded report, read-only, with its statutory tables marked.

GUI layer. The HTML comes from :func:`core.render.document_html`; after edits it is rebuilt a
moment later (debounced), keeping the scroll position, so typing in the grid stays instant.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTextBrowser

from core.render import document_html
from gui.review import Review

WELCOME = """
<html><body>
<h2 align="center" style="color:#1565c0">年报校核</h2>
<p align="center">把政府信息公开工作年度报告（Word 原稿 .docx、发布的 PDF 或保存的网页）拖到窗口中，或点击“文件 → 打开报告”。</p>
<p align="center" style="color:#666666">原稿不会被修改；您在右侧表格中的修改会随时自动保存。</p>
</body></html>
"""


class DocumentView(QTextBrowser):
    def __init__(self, review: Review, parent=None):
        super().__init__(parent)
        self.review = review
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh)
        review.loaded.connect(self.refresh)
        review.cells_changed.connect(self._schedule)
        self.setHtml(WELCOME)

    def _schedule(self, *_) -> None:
        self._timer.start()

    def refresh(self) -> None:
        session = self.review.session
        if session is None:
            self.setHtml(WELCOME)
            return
        bar = self.verticalScrollBar()
        position = bar.value()
        severities = {cid: state.shown for cid, state in session.states.items()}
        self.setHtml(document_html(session.report, severities, session.edits()))
        bar.setValue(position)

    def show_cell(self, cell_id: str) -> None:
        """Scroll to the cell in the report, or to its table where the draft lacks the cell."""
        if self._timer.isActive():
            self._timer.stop()
            self.refresh()
        session = self.review.session
        if session and cell_id in session.report.cells and session.report.cells[cell_id].block >= 0:
            self.scrollToAnchor(f"cell-{cell_id}")
        else:
            self.scrollToAnchor(f"table-{cell_id.split('.')[0]}")
