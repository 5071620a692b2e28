"""The sheet a reviewer signs, read back from the real PDF: no row across a page break, tables and
headings kept whole, room for the opinion, decisions on it, and text that copies out as printed."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pdfplumber
import pytest

import fixturegen
from conftest import ROOT, run_cli
from core.decisions import CONFIRMED, DISMISSED, save_decisions
from core.pdf_text import fix_text_layer, printed
from core.schema import schema
from core.session import Session
from core.sheet import FONT_LISTS, sheet_context, sheet_renderer
from gui import printing

V = fixturegen.consistent_values()
TEMPLATE = ROOT / "resources" / "templates" / "sheet.html.j2"
RADICAL_BLOCKS = re.compile("[\u2e80-\u2fdf\ufb00-\ufb06]")


@pytest.fixture(autouse=True)
def chinese_font(qapp):
    from PySide6.QtGui import QFontDatabase

    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.skip("no Chinese font installed (Debian: fonts-noto-cjk)")


def raw_pages(path) -> list[str]:
    """Each page's characters exactly as the PDF's text layer gives them: no folding."""
    with pdfplumber.open(path) as pdf:
        return ["".join(c["text"] for c in p.chars) for p in pdf.pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def on_one_page(pages: list[str], *parts: str) -> bool:
    """All of ``parts``, in order and together, on a single page."""
    wanted = squash("".join(parts))
    return any(wanted in squash(p) for p in pages)


def decided_session(draft) -> Session:
    session = Session.open(draft)
    errors = [i for i, f in enumerate(session.findings) if f.severity == "error"]
    session.decide(errors[:1], DISMISSED, reason="正文口径不同，已核实", by="张三")
    session.decide(errors[1:2], CONFIRMED, by="张三")
    return session


def print_sheet(session: Session, out, edits=None, **overrides):
    context = sheet_context(
        session.path,
        session.report,
        session.findings,
        session.sha256,
        edits=edits,
        original=session.original if edits else None,
        decisions=session.applied,
    )
    context.update(overrides)
    pages = printing.write_pdf(sheet_renderer(context), out)
    return context, pages


def assert_nothing_split(context, pages: list[str]) -> None:
    for f in context["findings"] + context["dismissed"]:
        assert on_one_page(pages, f["message"]), f"row split across pages: {f['message']}"
    for e in context["edits"]:
        assert on_one_page(pages, e["row"], e["col"], e["before"], e["after"])
    for t in context["tables"]:  # a statutory table whole on one page, from its caption to its last row
        last = [c["text"] for row in t["rows"] for c in row if c["cls"] in ("label", "head")][-1]
        caption = squash(t["name"] + t["title"])
        page = next(squash(p) for p in pages if caption in squash(p))
        assert squash(last) in page[page.index(caption) :], f"table split across pages: {t['title']}"
    # headings stay with what follows them
    for heading, follower in (("问题清单", "序号"), ("法定统计表", "表二")):
        assert any(re.search(heading + r".{0,40}" + follower, squash(p)) for p in pages), heading
    opinion = "审核意见"
    assert on_one_page(pages, opinion) and any(
        opinion in squash(p) and "审核人（签字）" in squash(p) and "复核人（签字）" in squash(p) for p in pages
    )


def test_the_faulty_sample_sheet_is_signable(tmp_path):
    session = decided_session(ROOT / "samples" / "示例-有误.docx")
    out = tmp_path / "sheet.pdf"
    context, count = print_sheet(session, out)
    pages = raw_pages(out)
    assert len(pages) == count
    assert_nothing_split(context, pages)
    whole = squash("".join(pages))
    # the dismissed finding in its own section, with reason, reviewer and time; the confirmed one in the list
    assert "已忽略的问题" in whole and "正文口径不同，已核实" in whole and "张三" in whole
    assert len(context["dismissed"]) == 1 and context["confirmed"] == 1
    assert "其中审核人确认1处、忽略1处" in whole
    assert not RADICAL_BLOCKS.search("".join(pages))


def test_a_report_with_many_findings_keeps_every_row_whole(make_docx, tmp_path):
    raw = {f"requests.{row.id}.natural": "不详" for row in schema().table("requests").rows}
    raw.update({f"requests.{row.id}.business": "约3" for row in schema().table("requests").rows[:12]})
    draft, _ = make_docx(raw=raw)
    session = decided_session(draft)
    edits = {"requests.new.natural": "5", "requests.new.business": "7", "proactive.fees.amount": "2"}
    out = tmp_path / "many.pdf"
    context, count = print_sheet(session, out, edits=edits)
    pages = raw_pages(out)
    assert len(context["findings"]) > 30 and count >= 4
    assert_nothing_split(context, pages)
    with_list = [p for p in pages if any(squash(f["message"]) in squash(p) for f in context["findings"])]
    assert len(with_list) >= 2 and all("序号级别表行列" in squash(p) for p in with_list)  # header repeats


def test_every_character_of_the_fixed_wording_copies_out_as_printed(make_docx, tmp_path):
    """pdfplumber and pdftotext read back every CJK character the template itself prints, and
    no Kangxi radical, radical supplement form or Latin ligature in their place."""
    source = TEMPLATE.read_text(encoding="utf-8")
    literal = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}|<style>.*?</style>|<[^>]+>", " ", source, flags=re.S)
    wording = {ch for ch in literal if unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH")}
    assert {"审", "核", "人", "日", "期", "复"} <= wording
    draft, _ = make_docx(raw={"requests.new.total": "999", "appeals.review.total": "9"})
    session = decided_session(draft)
    labels = sheet_context(draft, session.report, [], session.sha256)["tables"]
    wording |= {  # the statutory tables' own labels are fixed wording too
        ch
        for t in labels
        for row in t["rows"]
        for c in row
        if c["cls"] in ("label", "head")
        for ch in c["text"] + t["title"]
        if unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH")
    }
    assert {"一", "人", "行", "政"} <= wording
    out = tmp_path / "w.pdf"
    # every conditional part of the template shown: no title found, a table missing, corrections made
    context, _ = print_sheet(
        session, out, edits={"proactive.fees.amount": "2"}, meta={"title": None, "agency": None, "year": None}
    )
    context["tables"][0]["found"] = False
    out2 = tmp_path / "w2.pdf"
    printing.write_pdf(sheet_renderer(context), out2)
    clean, _ = make_docx(name="clean.docx")
    out3 = tmp_path / "clean.pdf"
    print_sheet(Session.open(clean), out3)
    for reader in ("pdfplumber", "pdftotext"):
        if reader == "pdfplumber":
            text = "".join(raw_pages(out) + raw_pages(out2) + raw_pages(out3))
        else:
            text = "".join(
                subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True, check=True).stdout
                for p in (out, out2, out3)
            )
        missing = sorted(wording - set(text))
        assert not missing, f"{reader}: {''.join(missing)}"
        assert not RADICAL_BLOCKS.search(text), f"{reader}: {set(RADICAL_BLOCKS.findall(text))}"
        assert "审核人" in text and session.sha256 in squash(text)


def test_text_layer_fix_maps_radicals_to_the_ideographs_printed():
    assert printed("⼈") == "人" and printed("⼀") == "一" and printed("ﬀ") == "ff"
    assert printed("⻚") == "页" and printed("人") == "人"
    assert printed("⼾", "户口") == "户" and printed("⼾", "戸") == "戸"
    assert fix_text_layer(b"not a pdf") == b"not a pdf"


def test_font_lists_cover_windows_and_find_a_face_here(qapp):
    from PySide6.QtGui import QFontDatabase

    for want in ("FangSong", "SimHei", "SimSun", "Microsoft YaHei", "Noto Serif CJK SC", "Noto Sans CJK SC"):
        assert any(want in names for names in FONT_LISTS.values()), want
    installed = set(QFontDatabase.families())
    for kind, names in FONT_LISTS.items():
        cjk = [
            n
            for n in names
            if n in installed and QFontDatabase.writingSystems(n).count(QFontDatabase.WritingSystem.SimplifiedChinese)
        ]
        assert cjk, f"no {kind} face with Chinese on this machine"


def test_cli_sheet_carries_decisions_and_exit_status_leaves_out_dismissed(make_docx, tmp_path):
    draft, _ = make_docx(raw={"appeals.review.total": "9"})
    session = Session.open(draft)
    errors = [i for i, f in enumerate(session.findings) if f.severity == "error"]
    session.decide(errors, DISMISSED, reason="已核实，数据无误", by="李四")
    file = save_decisions(tmp_path / "d.json", session.decisions)
    out = tmp_path / "s.pdf"
    proc = run_cli("sheet", draft, "--pdf", out, "--decisions", file)
    assert proc.returncode == 0, proc.stderr
    whole = squash("".join(raw_pages(out)))
    assert "已忽略的问题" in whole and "已核实，数据无误" in whole and "李四" in whole
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    proc = run_cli("sheet", draft, "--pdf", tmp_path / "x.pdf", "--decisions", bad)
    assert proc.returncode == 2 and "审核决定文件无法使用" in proc.stderr
