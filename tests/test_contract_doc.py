"""docs/contract.md, the contract kept in the repository, names exactly the schema's ids and only rules that exist."""

import re

from conftest import ROOT
from core.rules import catalogue
from core.schema import schema

CONTRACT = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = CONTRACT.index(title)
    end = CONTRACT.find("\n### ", start + 1)
    return CONTRACT[start : end if end > 0 else None]


def test_row_ids_are_the_schemas():
    for table_id in ("proactive", "requests"):
        rows = re.findall(r"^\| (\w+) \|", _section(f"### `{table_id}`"), re.M)
        assert [r for r in rows if r != "row"] == [r.id for r in schema().table(table_id).rows]


def test_appeals_groups_and_columns_are_the_schemas():
    text = _section("### `appeals`")
    table = schema().table("appeals")
    named = re.findall(r"`(\w+)`\s+(?:行政|结果|其他|尚未|总计)", text)
    assert named == [r.id for r in table.rows] + [c.id for c in table.columns]


def test_every_rule_named_exists():
    table = CONTRACT[CONTRACT.index("## 4. Rules") : CONTRACT.index("### Diagnoses")]
    named = re.findall(r"^\| ([A-Z][A-Z-]+) \|", table, re.M)
    assert len(named) > 20
    assert set(named) <= {r.code for r in catalogue()}
