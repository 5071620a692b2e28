"""A figure typed into a text box inside a table cell (Word: 插入 → 文本框, anchored in the cell) is
the cell's figure: read as its text, once, though Word stores the box twice (DrawingML and its
VML fallback)."""

from __future__ import annotations

import json

from lxml import etree

import fixturegen
from conftest import run_cli

W = fixturegen.W_NS
NS = (
    f'xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
MARK = "⟦BOX⟧"


def _box_run(text: str):
    box = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    return etree.fromstring(
        f"""<w:r {NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0"
 layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="360000" cy="180000"/>
<wp:wrapNone/><wp:docPr id="7" name="文本框 7"/><a:graphic><a:graphicData
 uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:spPr/><wps:txbx>
{box}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape style="width:28pt;height:14pt"><v:textbox>{box}</v:textbox></v:shape></w:pict>
</mc:Fallback></mc:AlternateContent></w:r>"""
    )


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
