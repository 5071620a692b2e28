"""Properties of reading (issue #14): random splits, nestings and blank rows of valid reports are
read exactly; random damage to a table never yields a wrong number without a finding that names
the cell it could not read."""

from __future__ import annotations

import copy
import os
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fixturegen
from core.check import check_file
from fixturegen import qn

# Findings that say a cell could not be read as it stands (or not at all).
READING_RULES = {
    "TABLE-MISSING",
    "ROW-MISSING",
    "TABLE-PART-UNREAD",
    "TABLE-AMBIGUOUS",
    "VALUE-NOT-NUMBER",
    "VALUE-BLANK",
}
REQUEST_ROWS = [r.id for r in fixturegen.schema().table("requests").rows]
COLS = ["natural", *fixturegen.ORG, "total"]
# NIANBAO_PROPERTY_EXAMPLES=500 for a longer hunt than the suite's
EXAMPLES = int(os.environ.get("NIANBAO_PROPERTY_EXAMPLES", "30"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _truth(spec) -> dict:
    return {k: float(v) if isinstance(v, Decimal) else v for k, v in spec.values.items()}


@st.composite
def valid_shapes(draw):
    seed = draw(st.integers(1, 60))
    values = fixturegen.consistent_values(seed)
    loose = draw(st.booleans())
    split = draw(st.none() | st.integers(4, 27))
    repeat = draw(st.sampled_from([0, 3]))
    between = draw(st.sampled_from([None, "续表", "（续表三）"]))
    restart = draw(st.booleans())
    appeals = draw(st.sampled_from(["plain", "stacked", "textbox", "blank"]))
    nest = draw(st.sampled_from(["none", "frame", "web"]))
    zero_rows = [r for r in REQUEST_ROWS if all(values[f"requests.{r}.{c}"] == 0 for c in COLS)]
    blank = draw(st.lists(st.sampled_from(zero_rows), max_size=3, unique=True)) if zero_rows else []
    return seed, loose, split, repeat, between, restart and not loose, appeals, nest, blank


@given(valid_shapes())
@SETTINGS
def test_valid_shapes_are_read_exactly(shape):
    seed, loose, split, repeat, between, restart, appeals, nest, blank = shape
    edits = []
    if split is not None:
        edits.append(fixturegen._split_requests(split, repeat, between, restart))
    edits += {"plain": [], "stacked": [fixturegen._stack_appeals], "textbox": [fixturegen._textbox_appeals],
              "blank": [fixturegen._blank_appeals_row]}[appeals]  # fmt: skip
    edits += {"none": [], "frame": [fixturegen._frame_requests], "web": [fixturegen._web_layout]}[nest]
    raw = {f"requests.{r}.{c}": "" for r in blank for c in COLS}
    layout = fixturegen.Layout(requests="loose" if loose else "official")
    spec = fixturegen.make_spec(layout, raw=raw, seed=seed, edit=fixturegen._combine(*edits))
    if appeals == "blank":
        spec.values.update({c: 0 for c in fixturegen.APPEAL_CELLS})
    with tempfile.TemporaryDirectory() as folder:
        result = check_file(fixturegen.build_docx(Path(folder) / "d.docx", spec))
    expected = _truth(spec)
    blanks = set(raw) | (set(fixturegen.APPEAL_CELLS) if appeals == "blank" else set())
    expected.update({c: None for c in blanks})
    assert result.ok
    assert result.to_json()["cells"] == expected
    assert {f.rule for f in result.findings} <= {"VALUE-BLANK"}, [f.message for f in result.findings]
    assert {c for f in result.findings for c in f.cells} == blanks


def _damage(kind: str, pick: int, pick2: int):
    """An edit that damages one statutory table: a row or a cell deleted, a row repeated, a cell
    emptied or overwritten with text."""

    def edit(doc):
        tables = [t._tbl for t in doc.tables if any(w in t._tbl.xml for w in ("第二十条", "年新收", "复议后起诉"))]
        tbl = tables[pick % len(tables)]
        rows = tbl.findall(qn("w:tr"))
        tr = rows[pick2 % len(rows)]
        tcs = tr.findall(qn("w:tc"))
        tc = tcs[(pick // 7) % len(tcs)]
        if kind == "delete row":
            tbl.remove(tr)
        elif kind == "repeat row":
            tr.addnext(copy.deepcopy(tr))
        elif kind == "delete cell" and len(tcs) > 1:
            tr.remove(tc)
        elif kind == "empty cell":
            for t in tc.iter(qn("w:t")):
                t.text = ""
        elif kind == "text in cell":
            texts = list(tc.iter(qn("w:t")))
            if texts:
                texts[0].text = "见附件"

    return edit


@given(
    st.sampled_from(["delete row", "repeat row", "delete cell", "empty cell", "text in cell"]),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    st.integers(1, 60),
    st.booleans(),
)
@SETTINGS
def test_damage_never_yields_a_wrong_number_silently(kind, pick, pick2, seed, loose):
    layout = fixturegen.Layout(requests="loose" if loose else "official")
    spec = fixturegen.make_spec(layout, seed=seed, edit=_damage(kind, pick, pick2))
    with tempfile.TemporaryDirectory() as folder:
        result = check_file(fixturegen.build_docx(Path(folder) / "d.docx", spec))
    assert result.ok
    cells = result.to_json()["cells"]
    named = {c for f in result.findings if f.rule in READING_RULES for c in f.cells}
    for cell_id, value in _truth(spec).items():
        if cell_id in cells and cells[cell_id] == value:
            continue
        assert cell_id in named, (kind, cell_id, value, cells.get(cell_id), [f.message for f in result.findings])
