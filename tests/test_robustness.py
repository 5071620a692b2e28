"""The reader never falls over: random tables, merges and texts, damaged packages; a 500-page
report within a memory bound; and the window's crash hook logs, keeps edits and shows a dialog."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from window_helpers import opened

import fixturegen
from conftest import ROOT
from core.check import check_file
from core.schema import schema

WORK = Path(tempfile.mkdtemp(prefix="nianbao-fuzz-"))
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def _labels() -> list[str]:
    out = []
    for t in schema().tables:
        out += [t.heading, t.title, *(r.label for r in t.rows), *(c.label for c in t.columns), *t.keys]
        out += [g.label for g in t.groups] + list(t.outdated_labels)
        out += [v for r in t.rows for v in r.variants]
    return out + [
        "信息内容",
        "申请人情况",
        "法人或其他组织",
        "第二十条第（一）项",
        "(四)",
        "无法提供",
        "一、",
        "总计",
        "其他",
    ]


TEXTS = st.one_of(
    st.sampled_from(_labels()),
    st.integers(-50, 10**9).map(str),
    st.decimals(-100, 10**6, places=3, allow_nan=False).map(str),
    st.sampled_from(["", " ", "/", "—", "-", "无", "０", "0件", "22（其中修订16件）", "见附件", "1.5", "−3", "\n"]),
    st.text(max_size=12),
)
CELL = st.tuples(TEXTS, st.integers(1, 4), st.sampled_from([None, None, "restart", "continue"]))
TABLE = st.lists(st.lists(CELL, min_size=0, max_size=12), min_size=0, max_size=30)
BLOCK = st.one_of(TABLE, TEXTS)


def _run(text: str) -> str:
    parts = text.split("\n")
    return "".join(
        f'<w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r>' + ("<w:r><w:br/></w:r>" if i < len(parts) - 1 else "")
        for i, p in enumerate(parts)
    )


def _xml_text(text: str) -> str:
    # XML 1.0 cannot hold most control characters; Word never writes them either.
    return "".join(
        ch
        for ch in text
        if ch in "\t\n" or (ord(ch) >= 0x20 and not 0xD800 <= ord(ch) <= 0xDFFF and ch not in "\ufffe\uffff")
    )


def docx_bytes(blocks) -> bytes:
    body = []
    for block in blocks:
        if isinstance(block, str):
            body.append(f"<w:p>{_run(_xml_text(block))}</w:p>")
            continue
        rows = []
        for row in block:
            cells = []
            for text, span, vmerge in row:
                pr = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
                pr += f'<w:vMerge w:val="{vmerge}"/>' if vmerge == "restart" else "<w:vMerge/>" if vmerge else ""
                cells.append(f"<w:tc><w:tcPr>{pr}</w:tcPr><w:p>{_run(_xml_text(text))}</w:p></w:tc>")
            rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
        body.append(f"<w:tbl>{''.join(rows)}</w:tbl>")
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{"".join(body)}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", document)
    return buffer.getvalue()


def _never_raises(data: bytes, name: str = "fuzz.docx"):
    path = WORK / name
    path.write_bytes(data)
    result = check_file(path)  # must return, never raise
    json.dumps(result.to_json(), ensure_ascii=False)
    assert result.ok or (result.error.code and result.error.message)
    assert result.ok or result.error.code != "internal", result.error.message
    return result


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(BLOCK, max_size=8))
def test_random_tables_never_raise(blocks):
    _never_raises(docx_bytes(blocks))


VALID = docx_bytes([fixturegen.narrative(fixturegen.make_spec())["一、总体情况"][0]])


@settings(max_examples=800, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(0, len(VALID)), st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), max_size=6))
def test_damaged_packages_never_raise(cut, flips):
    data = bytearray(VALID[:cut] if cut < len(VALID) else VALID)
    for position, byte in flips:
        if position < len(data):
            data[position] = byte
    _never_raises(bytes(data))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=400))
def test_random_text_exports_never_raise(text):
    _never_raises(text.encode("utf-8", "surrogatepass") if False else text.encode("utf-8", "replace"), "fuzz.txt")


def test_real_fixture_survives_the_fuzz_packer():
    # the packer makes real DOCX: a report made of its tables is read
    spec = fixturegen.make_spec()
    cols = ("natural", "business", "research", "ngo", "legal", "other_org", "total")

    def row(label_cells, row_id):
        return label_cells + [(spec.text(f"requests.{row_id}.{c}"), 1, None) for c in cols]

    table = [
        row([("一、本年新收政府信息公开申请数量", 3, None)], "new"),
        row([("三、本年度办理结果", 1, "restart"), ("（一）予以公开", 2, None)], "granted"),
    ]
    data = docx_bytes([spec.title, "三、收到和处理政府信息公开申请情况", table])
    result = _never_raises(data)
    assert (
        result.ok
        and result.to_json()["cells"]["requests.new.total"] == fixturegen.consistent_values()["requests.new.total"]
    )


MEMORY_LIMIT_MB = 250


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak from /proc (Linux)")
def test_500_page_report_within_memory_bound(tmp_path):
    """About 500 A4 pages: the statutory tables plus 12,000 paragraphs of narrative."""
    from copy import deepcopy

    from docx import Document

    path = fixturegen.build_docx(tmp_path / "long.docx", fixturegen.make_spec())
    doc = Document(str(path))
    template = doc.paragraphs[3]._p
    anchor = doc.paragraphs[4]._p
    for _ in range(12_000):
        anchor.addprevious(deepcopy(template))
    doc.save(str(path))
    # VmHWM is the peak of this process's own address space; ru_maxrss would also carry the peak
    # of the pytest process it was forked from.
    code = (
        "import re, sys; sys.path.insert(0, sys.argv[2]); from core.check import check_file; "
        "r = check_file(sys.argv[1]); assert r.ok and r.errors == 0, r.findings; "
        "print(int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) // 1024)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(path), str(Path(__file__).parent.parent)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    peak_mb = int(proc.stdout.strip())
    print(f"500-page report: peak memory {peak_mb} MB")
    assert peak_mb < MEMORY_LIMIT_MB


def test_crash_hook_logs_keeps_edits_and_shows_a_dialog(qtbot, tmp_path, make_docx, monkeypatch):
    from PySide6.QtCore import QSettings

    from core.autosave import AutosaveStore
    from gui import app, dialogs, settings
    from gui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    shown = []
    monkeypatch.setattr(
        dialogs, "show_crash", lambda parent, details, log, saved=True: shown.append((details, log, saved))
    )
    monkeypatch.setattr(dialogs, "ask_restore", lambda *a: False)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    store = AutosaveStore(tmp_path / "autosave")
    window = MainWindow(store)
    qtbot.addWidget(window)
    path, _ = make_docx()
    opened(window, path)
    window.review.edit({"appeals.review.upheld": "7"}, "test")
    app.install_crash_hook()
    try:
        raise RuntimeError("模拟的意外错误")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert shown and "模拟的意外错误" in shown[0][0]
    assert shown[0][2] is True  # the autosave works here: the dialog may say the edits are saved
    log = settings.crash_log()
    assert Path(shown[0][1]) == log and "RuntimeError: 模拟的意外错误" in log.read_text(encoding="utf-8")
    assert store.load(window.review.session.sha256) == {"appeals.review.upheld": "7"}


PUBLISHED_PDF = (ROOT / "samples" / "示例-有误.pdf").read_bytes()


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.integers(len(PUBLISHED_PDF) // 2, len(PUBLISHED_PDF)),
    st.lists(st.tuples(st.integers(0, len(PUBLISHED_PDF) - 1), st.integers(0, 255)), max_size=6),
)
def test_damaged_pdfs_never_raise(cut, flips):
    data = bytearray(PUBLISHED_PDF[:cut] if cut < len(PUBLISHED_PDF) else PUBLISHED_PDF)
    for position, byte in flips:
        if position < len(data):
            data[position] = byte
    _never_raises(bytes(data), "fuzz.pdf")


HTML_TOKENS = st.sampled_from(
    [
        "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th colspan=3>", '<td rowspan="4">',
        "<td colspan=99999>", "<td rowspan=x>", "<tbody>", "<br>", "<p>", "</p>", "<div>", "&nbsp;", "<script>",
        "</script>", "<del>", "</del>", "<!-- 注释 -->", '<meta charset="gb2312">', "<?xml version='1.0'?>",
        "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "自然人", "总计", "行政复议", "21", "-3", "\x00",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(HTML_TOKENS, max_size=60), st.sampled_from(["utf-8", "gbk"]))
def test_random_web_pages_never_raise(tokens, encoding):
    _never_raises(("<html><body>" + "".join(tokens)).encode(encoding), "fuzz.html")
