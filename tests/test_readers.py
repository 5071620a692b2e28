"""Reader details: the two plain-text table shapes, and DOCX XML that convenient APIs get wrong."""

from docx import Document

from core.document import Paragraph, Table
from core.readers import read_document
from core.readers.text_reader import parse_text


def test_text_one_cell_per_line_with_broken_labels():
    text = "标题\n\t行政复议\n\t结果\n纠正\n\n\t0\n\t结果\n\n维持\n\t5\n\n\n下一段\n"
    doc = parse_text(text)
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph"]
    table = doc.blocks[1]
    assert [[c.text for c in row] for row in table.rows] == [["行政复议", "结果\n纠正"], ["0", "结果\n维持", "5"]]
    assert doc.blocks[2].text == "下一段"


def test_text_one_row_per_line():
    text = "说明\n\n一、\t本年新收\t1\t2\t\n\n二、\t上年结转\t0\t0\n\n正文\n"
    doc = parse_text(text)
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert [[c.text for c in row] for row in table.rows] == [
        ["一、", "本年新收", "1", "2", ""],
        ["二、", "上年结转", "0", "0"],
    ]
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == ["说明", "正文"]


def test_heading_after_a_table_is_not_swallowed(seeds):
    for path in seeds:
        doc = read_document(path)
        texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
        assert any("存在的主要问题及改进情况" in t for t in texts), path.name
        assert any("其他需要报告的事项" in t for t in texts), path.name


def test_gbk_text_export(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("某局2023年政府信息公开工作年度报告\n".encode("gb18030"))
    doc = read_document(path)
    assert doc.blocks[0].text == "某局2023年政府信息公开工作年度报告"


def test_tracked_changes_and_content_controls(make_docx):
    path, spec = make_docx("tracked")
    doc = read_document(path)
    # the wrapped first paragraph (block-level content control) is still there
    assert doc.blocks[0].text == spec.title
    texts = [c.text for _, t in doc.tables for row in t.rows for c in row]
    assert "99" not in "".join(texts)  # deleted text is not read
    assert spec.text("requests.new.natural") in texts  # inserted text is


def test_spans_and_vertical_merges_are_read_once(make_docx):
    path, _ = make_docx("official")
    doc = read_document(path)
    appeals = [t for _, t in doc.tables if "行政复议" in t.text()][0]
    first, second = appeals.rows[0], appeals.rows[1]
    assert [(c.text, c.grid_col, c.span) for c in first] == [("行政复议", 0, 5), ("行政诉讼", 5, 10)]
    assert second[0].text == "结果维持" and not second[0].merged_up
    assert appeals.rows[2][0].merged_up and appeals.rows[2][0].text == ""
    assert [c.grid_col for c in appeals.rows[3]] == list(range(15))


def test_grid_before_shifts_grid_columns(tmp_path):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "a"
    table.cell(0, 1).text = "b"
    tr = table._tbl.tr_lst[0]
    tr_pr = tr.get_or_add_trPr()
    gb = OxmlElement("w:gridBefore")
    gb.set(qn("w:val"), "2")
    tr_pr.append(gb)
    path = tmp_path / "gb.docx"
    doc.save(str(path))
    ((_, t),) = read_document(path).tables
    assert [(c.text, c.grid_col) for c in t.rows[0]] == [("a", 2), ("b", 3)]
