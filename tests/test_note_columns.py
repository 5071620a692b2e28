"""A column of notes (备注, 说明) a unit adds beside a statutory table's columns (the holdout
case h07): the statutory cells are read exactly, the notes are neither row labels nor figures,
and TABLE-EXTRA-COLUMN says the column is there and quotes it."""

from __future__ import annotations

import pytest

import fixturegen
from core.check import check_file


@pytest.mark.parametrize(
    "name,table,label,note",
    [
        ("proactive_notes", "表二", "备注", "本级无规章制定权"),
        ("requests_notes", "表三", "说明", "含网上申请12件"),
        ("appeals_notes", "表四", "备注", "行政复议案件均已审结"),
    ],
)
def test_note_column_is_named_and_not_read(tmp_path, name, table, label, note):
    path, spec = fixturegen.build_shape(tmp_path, name)
    result = check_file(path)
    (finding,) = [f for f in result.findings if f.rule == "TABLE-EXTRA-COLUMN"]
    assert finding.severity == "warning"
    assert finding.message.startswith(table) and f"“{label}”" in finding.message and note in finding.message
    assert (finding.place.table, finding.place.col) == (table, label)
    # 本级无规章制定权 holds 规章: it is no row label (no LABEL-NONSTANDARD), nor any figure
    assert {f.rule for f in result.findings} == {"TABLE-EXTRA-COLUMN"}, [f.message for f in result.findings]
    cells = result.to_json()["cells"]
    assert cells == {c: None if v is None else float(v) for c, v in spec.values.items() if c in cells}
    assert any(c.startswith(name.split("_")[0] + ".") for c in cells)


def test_a_note_row_under_the_table_is_no_note_column(tmp_path):
    """备注 in the label column (a 备注 row under 表三, merged over all columns, or 备注 beside a
    text in the first column) is text under the table, not a column of notes."""
    path = fixturegen.build_docx(
        tmp_path / "note_row.docx", fixturegen.make_spec(fixturegen.Layout(), edit=fixturegen.note_row)
    )
    result = check_file(path)
    assert {f.rule for f in result.findings} == set(), [f.message for f in result.findings]
