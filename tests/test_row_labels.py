"""Scrolled sideways, the grid and the report pane still name the row of every figure: the grid's
label columns stay in view (gui.frozen_columns), the pane paints a strip of row labels."""

from __future__ import annotations

import pytest
from window_helpers import opened, review_window

from conftest import ROOT
from gui.document_view import LABEL_STRIP_BG

SAMPLE = ROOT / "samples" / "示例-有误.docx"


@pytest.fixture
def window(qtbot, tmp_path):
    w = review_window(qtbot, tmp_path)
    assert opened(w, SAMPLE)
    return w


def test_the_grid_keeps_its_row_labels_in_view_when_scrolled_sideways(qtbot, window):
    window.top.setSizes([900, 466])  # a narrow grid: 表三 no longer fits across
    view = window.grid_view.views["requests"]
    window.grid_view.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() > 0)
    assert "requests" not in window.grid_view.frozen  # not scrolled: the grid's own label columns show
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    frozen = window.grid_view.frozen["requests"]
    model = view.model()
    index = model.index_of("requests.denied_secret.natural")
    label = model.index(index.row(), 2)  # 1.属于国家秘密, the row's own label column
    assert "国家秘密" in label.data()
    assert view.visualRect(label).left() < 0  # the grid has scrolled it (partly) out of sight …
    qtbot.waitUntil(frozen.isVisible)
    rect = frozen.visualRect(label)  # … and the frozen columns show it, on the figure's line
    assert frozen.viewport().rect().contains(rect.center())
    assert abs(rect.top() - view.visualRect(index).top()) <= 1
    assert [c for c in range(model.columnCount()) if not frozen.isColumnHidden(c)] == [0, 1, 2]
    view.horizontalScrollBar().setValue(0)
    assert not frozen.isVisible()


def test_the_report_pane_names_the_rows_when_scrolled_sideways(qtbot, window):
    pane = window.document_view
    window.show_finding(next(f for f in window.review.session.findings if "requests.new.total" in f.cells))
    bar = pane.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)  # 总计 is far right: the pane has scrolled sideways
    labels = dict((text, position) for position, text in pane.row_labels())
    assert "1.属于国家秘密" in labels
    image = pane.viewport().grab().toImage()
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(pane.document())
    cursor.setPosition(labels["一、本年新收政府信息公开申请数量"])
    y = pane.cursorRect(cursor).center().y()
    assert 0 <= y < image.height()
    assert image.pixelColor(2, y) == LABEL_STRIP_BG
    bar.setValue(0)
    qtbot.wait(0)
    image = pane.viewport().grab().toImage()
    assert image.pixelColor(2, pane.cursorRect(cursor).center().y()) != LABEL_STRIP_BG
