"""Which columns a table has: Report.columns, set once by the locator from the header, and
report.layout(table_id) drawn from it (core/report.py, core/locate.py, core/grid.py); and where a
cell came from (Located.source, a SourceRef or None)."""

from __future__ import annotations

from core.check import check_file
from core.schema import schema


def test_a_standard_draft_has_the_standard_columns(make_docx):
    path, _ = make_docx("official")
    report = check_file(path).report
    for table in schema().tables:
        assert report.columns[table.id] == table.column_ids()
    assert not report.has_column("requests", "org_subtotal")
    assert report.extra_columns("requests") == ()


def test_a_draft_with_the_subtotal_column_has_it_and_its_grid_shows_it(make_docx):
    standard, _ = make_docx("official", name="standard.docx")
    eight, _ = make_docx("eight", name="eight.docx")
    plain, wide = check_file(standard).report, check_file(eight).report
    assert wide.columns["requests"] == schema().table("requests").column_ids(with_optional=True)
    assert wide.has_column("requests", "org_subtotal") and wide.extra_columns("requests") == ("org_subtotal",)
    assert wide.layout("requests").cols == plain.layout("requests").cols + 1
    assert wide.layout("requests").position("requests.new.org_subtotal") is not None
    assert plain.layout("requests").position("requests.new.org_subtotal") is None
    assert wide.layout("appeals") is plain.layout("appeals")


def test_a_missing_standard_column_is_still_a_column_of_the_table(make_docx):
    path, _ = make_docx("official")
    report = check_file(path).report
    report.cells.pop("requests.new.research")
    assert report.has_column("requests", "research")


def test_where_a_cell_came_from(make_docx):
    """A located cell has a SourceRef into the document; a cell the draft lacks has none."""
    from core.report import SourceRef

    path, _ = make_docx(raw={"requests.new.total": "12345"})
    report = check_file(path).report
    located = report.cells["requests.new.total"]
    assert isinstance(located.source, SourceRef)
    block, row, cell = located.source
    assert report.document.blocks[block].rows[row][cell].text.strip() == "12345"
    assert report.source_cell("requests.new.total").text.strip() == "12345"
    from core.report import Located
    from core.values import parse_value

    report.cells["requests.new.total"] = Located(parse_value("1"))
    assert report.cells["requests.new.total"].source is None and report.source_cell("requests.new.total") is None
