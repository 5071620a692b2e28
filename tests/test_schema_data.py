"""What used to be written again outside resources/schema.json is read from it: a change of the
schema file changes the product (the key count a table needs, tab titles, the stock column of
表二, 表三's column order)."""

from __future__ import annotations

import json

import openpyxl
import pytest

from core import grid
from core import schema as schema_module
from core.check import check_file, read_report
from core.paths import resource
from core.rules import run_rules
from core.xlsx import write_workbook


@pytest.fixture
def edited_schema(tmp_path, monkeypatch):
    """Load a changed copy of schema.json for the rest of the test (every module asks schema())."""

    def edit(change) -> None:
        data = json.loads(resource("schema.json").read_text(encoding="utf-8"))
        change(data)
        folder = tmp_path / "resources"
        folder.mkdir(exist_ok=True)
        (folder / "schema.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        monkeypatch.setattr(schema_module, "resource", lambda name: folder / name)
        schema_module.schema.cache_clear()
        grid.layout.cache_clear()

    yield edit
    schema_module.schema.cache_clear()
    grid.layout.cache_clear()


def table(data: dict, table_id: str) -> dict:
    return next(t for t in data["tables"] if t["id"] == table_id)


def test_the_key_count_a_table_needs_is_the_schemas(make_docx, edited_schema):
    draft, _ = make_docx()
    assert set(read_report(draft).tables) == {"proactive", "requests", "appeals"}
    edited_schema(lambda d: table(d, "proactive").update(min_keys=len(table(d, "proactive")["keys"]) + 1))
    assert "proactive" not in read_report(draft).tables


def test_tab_titles_are_the_schemas(make_docx, edited_schema, tmp_path):
    draft, _ = make_docx()
    edited_schema(lambda d: table(d, "appeals").update(tab="行政复议和行政诉讼"))
    out = write_workbook([check_file(str(draft))], tmp_path / "r.xlsx")
    assert openpyxl.load_workbook(out).sheetnames[:3] == ["表二 主动公开", "表三 依申请公开", "表四 行政复议和行政诉讼"]


def test_the_in_force_rules_read_the_stock_column_from_the_schema(make_docx, edited_schema):
    # 现行有效 1 while 本年制发 5 and 本年废止 2: fewer than 5 - 2
    draft, _ = make_docx(raw={"proactive.normative_docs.in_force": "1"})
    assert any(f.rule == "PROACTIVE-IN-FORCE" for f in run_rules(read_report(draft)))

    def swap(d):  # read the other way round, 2 - 5 < 1 holds: nothing to say
        stock = next(p for p in d["cross_year"] if p.get("col") == "in_force")
        stock["added"], stock["removed"] = stock["removed"], stock["added"]

    edited_schema(swap)
    assert not any(f.rule == "PROACTIVE-IN-FORCE" for f in run_rules(read_report(draft)))


def test_requests_value_columns_follow_the_schemas_order(edited_schema):
    requests = schema_module.schema().table("requests")
    assert requests.value_columns() == ["natural", "business", "research", "ngo", "legal", "other_org", "total"]
    assert requests.value_columns(["legal", "ngo"]) == ["natural", "legal", "ngo", "total"]

    def total_first(d):
        cols = table(d, "requests")["columns"]
        cols.insert(0, cols.pop())

    edited_schema(total_first)
    assert schema_module.schema().table("requests").value_columns()[:2] == ["total", "natural"]
