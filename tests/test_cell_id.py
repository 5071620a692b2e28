"""Cell ids (core/cell_id.py): CellId's str() is the wire format, parse() checks the schema, and
autosaved edits are kept only where their key names a real cell."""

from __future__ import annotations

import pytest
from window_helpers import opened

from core.cell_id import CellId, CellIdError, cell_id, is_cell_id
from core.schema import cell_labels, schema, split_cell_id


def test_the_wire_format_round_trips_for_every_cell_of_the_schema():
    ids = schema().cell_ids()
    assert len(ids) == len(set(ids)) > 200
    for text in ids:
        parsed = CellId.parse(text)
        assert str(parsed) == text and cell_id(*parsed) == text
        assert parsed == split_cell_id(text) and parsed.table in {t.id for t in schema().tables}
    assert CellId("requests", "new", "total").col == "total"
    assert f"{CellId('appeals', 'review', 'total')}" == "appeals.review.total"


@pytest.mark.parametrize(
    "text",
    [
        "requests.new",
        "requests.new.total.x",
        "",
        "..",
        "requests..total",
        "requests.nope.total",
        "nope.new.total",
        "proactive.regulations.total",
        3,
        None,
    ],
)
def test_what_is_not_a_cell_is_refused(text):
    assert not is_cell_id(text)
    with pytest.raises(CellIdError):
        CellId.parse(text)


def test_split_does_not_look_at_the_schema_but_parse_does():
    assert CellId.split("requests.nope.total") == ("requests", "nope", "total")
    with pytest.raises(CellIdError):
        CellId.parse("requests.nope.total")
    with pytest.raises(ValueError):  # CellIdError is a ValueError
        CellId.split("a.b")


def test_labels_come_from_the_parts():
    assert cell_labels("requests.new.total")[0] == schema().table("requests").name


def test_autosaved_edits_naming_no_cell_are_not_restored(qtbot, tmp_path, make_docx, monkeypatch):
    pytest.importorskip("PySide6")
    from PySide6.QtCore import QSettings

    from core.autosave import AutosaveStore
    from gui import dialogs
    from gui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setattr(dialogs, "error", lambda *a: None)
    monkeypatch.setattr(dialogs, "ask_restore", lambda *a: False)
    path, _ = make_docx()
    window = MainWindow(AutosaveStore(tmp_path / "autosave"))
    qtbot.addWidget(window)
    assert opened(window, path)
    window.review.restore({"appeals.review.upheld": "1", "requests.nope.total": "5", "a.b.c": "6", "x": "7"})
    assert window.review.session.edits() == {"appeals.review.upheld": "1"}
