"""A figure typed into a text box inside a table cell (Word: 插入 → 文本框, anchored in the cell) is
the cell's figure: read as its text, once, though Word stores the box twice (DrawingML and its
VML fallback)."""

from __future__ import annotations

import json

from lxml import etree

import fixturegen
from conftest import run_cli

W = fixturegen.W_NS
MARK = "⟦BOX⟧"


def _box_run(text: str):
    run = fixturegen.text_box_run(28, 14, wrap="wrapNone")
    for box in run.iter(f"{{{W}}}txbxContent"):
        box.append(etree.fromstring(f'<w:p xmlns:w="{W}"><w:r><w:t>{text}</w:t></w:r></w:p>'))
    return run


def test_a_figure_in_a_text_box_inside_a_cell_is_read(tmp_path):
    spec = fixturegen.make_spec()
    cell = "appeals.review.total"
    truth = spec.values[cell]
    spec.raw[cell] = MARK

    def boxed(doc):
        for tc in doc.element.body.iter(f"{{{W}}}tc"):
            if "".join(t.text or "" for t in tc.iter(f"{{{W}}}t")) == MARK:
                p = tc.find(f"{{{W}}}p")
                for r in p.findall(f"{{{W}}}r"):
                    p.remove(r)
                p.append(_box_run(str(truth)))
                return
        raise AssertionError("marked cell not written")

    spec.edit = boxed
    draft = fixturegen.build_docx(tmp_path / "文本框.docx", spec)
    out = run_cli("check", draft, "--json")
    result = json.loads(out.stdout)[0]
    assert result["cells"][cell] == truth, result["cells"][cell]
    assert out.returncode == 0, [f["message"] for f in result["findings"] if f["severity"] == "error"]
