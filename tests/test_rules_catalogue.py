"""The rule catalogue: stable codes and documentation. That every rule fires on an input of its own and
stays quiet on another, with its messages kept as snapshots, is tests/test_rule_table.py."""

from pathlib import Path

from app.cli.rules import rules_markdown
from core.rules import ERROR, WARNING, catalogue

ROOT = Path(__file__).resolve().parent.parent
SPEC_RULES_IN_SCOPE = {
    "REQ-ROW-TOTAL": ERROR,
    "REQ-ORG-SUBTOTAL": ERROR,
    "REQ-RESULTS-TOTAL": ERROR,
    "REQ-BALANCE": ERROR,
    "APPEAL-GROUP-TOTAL": ERROR,
    "VALUE-NOT-NUMBER": ERROR,
    "VALUE-NEGATIVE": ERROR,
    "VALUE-NOT-INTEGER": ERROR,
    "VALUE-BLANK": WARNING,
    "VALUE-ANNOTATED": WARNING,
    "TABLE-MISSING": ERROR,
    "ROW-MISSING": ERROR,
    "PROACTIVE-IN-FORCE": WARNING,
    "LABEL-NONSTANDARD": WARNING,
}


def test_catalogue_has_the_spec_rules_with_the_spec_severities():
    rules = {r.code: r.severity for r in catalogue()}
    for code, severity in SPEC_RULES_IN_SCOPE.items():
        assert rules.get(code) == severity, code


def test_every_rule_is_documented():
    for r in catalogue():
        assert r.summary and any("\u4e00" <= ch <= "\u9fff" for ch in r.summary), r.code
        assert len(r.doc) > 40, r.code


def test_docs_rules_md_is_generated_from_the_catalogue():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run `nianbao rules --markdown > docs/rules.md`"
    )
