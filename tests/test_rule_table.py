"""The rule table, as ruff keeps one: every rule of the catalogue (core/rules, ``nianbao rules``,
docs/rules.md) has a small real input that makes it fire and one that keeps it quiet, and what it
says on the firing one — severity, message, cells, expected and found — is kept in a snapshot,
``tests/data/rules/snapshots.json``, so that a changed message shows as a diff in review.

A rule added to the catalogue without an entry in ``CASES`` fails here. The inputs are the
fixture generator's consistent report with one change (a cell's text, a paragraph, the layout, a
draft shape), or a small file under ``tests/data/rules/``; a quiet input is, where one exists, the
near miss (the boundary value, the look-alike wording) rather than just the clean report.

Snapshots are never rewritten silently: a difference fails the test with a diff. After checking
that the new wording is meant, rewrite them with

    NIANBAO_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest -q tests/test_rule_table.py

and review ``git diff tests/data/rules/snapshots.json`` before committing.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import fixturegen
from core.check import check_file, check_files, load
from core.rules import Finding, catalogue
from core.summing import summarise
from test_rules_document import add_after, set_text

DATA = Path(__file__).resolve().parent / "data" / "rules"
SNAPSHOTS = DATA / "snapshots.json"
UPDATE = os.environ.get("NIANBAO_UPDATE_SNAPSHOTS") == "1"
V = fixturegen.consistent_values()
V8 = fixturegen.consistent_values(eight_columns=True)


def plus(cell_id: str, n: int = 1, values=V) -> dict[str, str]:
    """The cell's consistent value changed by ``n``, as raw text: one broken figure."""
    return {cell_id: str(values[cell_id] + n)}


def drop_row(word: str):
    """An edit that deletes the table row whose text holds ``word``."""

    def edit(doc):
        for table in doc.tables:
            for tr in list(table._tbl.tr_lst):
                if word in "".join(tr.itertext()):
                    tr.getparent().remove(tr)

    return edit


def rename_label(old: str, new: str):
    """An edit that rewrites a label of 表三 so that it matches no statutory row."""

    def edit(doc):
        for t in fixturegen._requests_table(doc)._tbl.iter(fixturegen.qn("w:t")):
            if t.text == old:
                t.text = new

    return edit


@dataclass(frozen=True)
class Draft:
    """One input: the generator's report in ``layout`` with ``raw`` cells, an ``edit`` and the
    spec's other fields ``kw`` (agency, year, signed); or draft shape ``shape``; or ``file`` under
    tests/data/rules/. ``previous`` is last year's report, checked against; ``summary_of`` makes
    it a summary report (every cell the sum of those drafts, ``off`` cells changed) checked
    against them as ``nianbao sum --against`` does."""

    layout: str | fixturegen.Layout = "official"
    raw: dict[str, str] = field(default_factory=dict)
    edit: Callable | None = None
    kw: dict = field(default_factory=dict)
    shape: str | None = None
    file: str | None = None
    previous: Draft | None = None
    summary_of: tuple[Draft, ...] = ()
    off: dict[str, int] = field(default_factory=dict)

    def spec(self) -> fixturegen.Spec:
        layout = fixturegen.LAYOUTS[self.layout] if isinstance(self.layout, str) else self.layout
        return fixturegen.make_spec(layout, raw=self.raw, edit=self.edit, **self.kw)

    def build(self, folder: Path, name: str) -> Path:
        if self.file:
            return DATA / self.file
        if self.shape:
            return fixturegen.build_shape(folder / name, self.shape)[0]
        return fixturegen.build_docx(folder / f"{name}.docx", self.spec())

    def findings(self, folder: Path) -> list[Finding]:
        if self.summary_of:
            parts = [p.build(folder, f"part{i}") for i, p in enumerate(self.summary_of)]
            spec = fixturegen.summary_spec([p.spec() for p in self.summary_of], off=self.off)
            summary = fixturegen.build_docx(folder / "summary.docx", spec)
            return summarise(check_files(parts), against=load(summary)).result.findings
        previous = self.previous.build(folder, "previous") if self.previous else None
        return check_file(self.build(folder, "draft"), previous).findings


@dataclass(frozen=True)
class Case:
    fire: Draft
    quiet: Draft = Draft()


# Last year's report that this year's consistent report carries on from: its 结转下年度 is this
# year's 上年结转, its 现行有效 规范性文件 34 (+ 5 issued - 2 repealed = this year's 37).
LAST_YEAR = Draft(
    kw={"year": 2022},
    raw={
        f"requests.carry_forward.{c}": str(V[f"requests.carried_over.{c}"])
        for c in ("natural", *fixturegen.ORG, "total")
    }
    | {"proactive.normative_docs.in_force": "34"},
)
OTHER_PROBLEMS = set_text("存在的主要问题", "存在的主要问题：上年度信息更新不够及时，栏目设置有待优化。")
LAST_YEAR_OWN_WORDS = Draft(kw=LAST_YEAR.kw, raw=LAST_YEAR.raw, edit=OTHER_PROBLEMS)
UNITS = (Draft(kw={"agency": "某县甲局"}), Draft(kw={"agency": "某县乙局", "seed": 8}))
COUNTY_REGULATIONS = {"proactive.regulations.issued": "1", "proactive.regulations.in_force": "1"}
ZERO_REQUEST = fixturegen.PLACEHOLDER_CELLS[1]  # a 表三 cell whose consistent value is 0

CASES: dict[str, Case] = {
    # 勾稽关系
    "REQ-ROW-TOTAL": Case(Draft(raw=plus("requests.new.total"))),
    "REQ-ORG-SUBTOTAL": Case(
        Draft("eight", raw=plus("requests.granted.org_subtotal", values=V8)), quiet=Draft("eight")
    ),
    "REQ-RESULTS-TOTAL": Case(Draft(raw=plus("requests.results_total.natural"))),
    "APPEAL-GROUP-TOTAL": Case(Draft(raw=plus("appeals.review.total"))),
    # 一 + 二 = 三 + 四 broken in the 自然人 column while every row still adds up
    "REQ-BALANCE": Case(Draft(raw=plus("requests.new.natural") | plus("requests.new.total"))),
    # single cells
    "VALUE-NOT-NUMBER": Case(Draft(raw={"appeals.review.upheld": "见附件"})),
    "VALUE-NEGATIVE": Case(Draft(raw={"proactive.coercion.decisions": "-3"})),
    # the fee is the one figure that may have decimals
    "VALUE-NOT-INTEGER": Case(
        Draft(raw={"proactive.licensing.decisions": "126.5"}), quiet=Draft(raw={"proactive.fees.amount": "3.75"})
    ),
    "VALUE-BLANK": Case(
        Draft(raw={ZERO_REQUEST: "", "proactive.regulations.issued": "/"}),
        quiet=Draft(raw={ZERO_REQUEST: "0", "proactive.regulations.issued": "0"}),
    ),
    "VALUE-ANNOTATED": Case(Draft(raw={"proactive.normative_docs.in_force": "37（其中修订16件）"})),
    # structure
    "TABLE-MISSING": Case(Draft(fixturegen.Layout(omit=("appeals",)))),
    # the loose 表三 without its （二）部分公开 row; 2019's one-row （六）其他处理 lacks rows rightly
    "ROW-MISSING": Case(Draft("loose", edit=drop_row("部分公开")), quiet=Draft(shape="other_one_row")),
    # 现行有效 3 = 5 issued - 2 repealed is the least it can be
    "PROACTIVE-IN-FORCE": Case(
        Draft(raw={"proactive.normative_docs.in_force": "2"}),
        quiet=Draft(raw={"proactive.normative_docs.in_force": "3"}),
    ),
    "LABEL-NONSTANDARD": Case(Draft("variants")),
    # reading: two 表二 that differ, against a second statistics table that is no 表二
    "TABLE-AMBIGUOUS": Case(Draft(shape="proactive_twice"), quiet=Draft(shape="second_stats_table")),
    # a row label that matches nothing, against a mistyped one that is still recognised
    "TABLE-PART-UNREAD": Case(
        Draft(edit=rename_label("5.属于三类内部事务信息", "5.其他不宜公开的情形")), quiet=Draft(shape="label_typo")
    ),
    "ROWS-COMBINED": Case(Draft(shape="other_one_row")),
    # 表二 as an RTF chunk, against 表二 as an HTML chunk (read in place)
    "CHUNK-UNREAD": Case(
        Draft(
            edit=fixturegen.chunk_edit(
                fixturegen._proactive_table, "/word/afchunk1.rtf", "text/rtf", fixturegen.RTF_CHUNK
            )
        ),
        quiet=Draft(shape="alt_chunk_html"),
    ),
    # a 备注 column beside 表二's columns, against a 备注 row under 表三
    "TABLE-EXTRA-COLUMN": Case(Draft(shape="proactive_notes"), quiet=Draft(edit=fixturegen.note_row)),
    # the document: an unnumbered section heading, against a sub-heading numbered like a section
    "SECTION-MISSING": Case(
        Draft(edit=set_text("二、主动公开", "主动公开政府信息情况")),
        quiet=Draft(edit=add_after("（一）主动公开", "二、强化内容保障，提升信息公开质量")),
    ),
    "OVERVIEW-LENGTH": Case(
        Draft(edit=add_after("（五）监督保障", "政务公开工作扎实推进。" * 95)),  # 1,045 字 in all
        quiet=Draft(edit=add_after("（五）监督保障", "政务公开。" * 100)),
    ),
    "PLACEHOLDER": Case(
        Draft(edit=add_after("（五）监督保障", "全年主动公开信息XX条。")),
        quiet=Draft(edit=add_after("（五）监督保障", "使用 XML 和 Excel 格式发布数据。")),
    ),
    "FEE-STATEMENT": Case(Draft(edit=set_text("本机关", "本年度无其他需要报告的事项。"))),
    "FORMAT-OUTDATED": Case(Draft(file="format_outdated.txt")),
    "FEE-UNIT": Case(
        Draft(raw={"proactive.fees.amount": "12500000"}),
        quiet=Draft(raw={"proactive.fees.amount": "0"}, edit=add_after("（五）监督保障", "收费金额0元。")),
    ),
    # a county department cannot make 规章; a city government can
    "REGULATIONS-LEVEL": Case(
        Draft(kw={"agency": "某县市场监督管理局"}, raw=COUNTY_REGULATIONS),
        quiet=Draft(kw={"agency": "某市人民政府"}, raw=COUNTY_REGULATIONS),
    ),
    # a department's deadline is 31 January; a county government's 20 February
    "META-DEADLINE": Case(
        Draft(kw={"signed": "2024年3月5日"}), quiet=Draft(kw={"agency": "某县人民政府", "signed": "2024年2月10日"})
    ),
    "META-DATE-MISSING": Case(Draft(kw={"signed": ""})),
    "META-YEAR": Case(
        Draft(edit=set_text("本报告根据", "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。")),
        quiet=Draft(edit=add_after("存在的主要问题", "2022年度存在问题：发布不及时。")),
    ),
    "NARRATIVE-MISMATCH": Case(
        Draft(edit=add_after("（三）政府信息管理", f"全年新收政府信息公开申请{V['requests.new.total'] + 3}件。")),
        quiet=Draft(edit=add_after("（三）政府信息管理", "收到申请同比增加3件。")),
    ),
    # last year's report
    "CROSS-YEAR-CARRY": Case(
        Draft(raw=plus("requests.carried_over.natural"), previous=LAST_YEAR), quiet=Draft(previous=LAST_YEAR)
    ),
    "CROSS-YEAR-IN-FORCE": Case(
        Draft(raw={"proactive.normative_docs.in_force": "40"}, previous=LAST_YEAR), quiet=Draft(previous=LAST_YEAR)
    ),
    # the generator writes the same section 五 every year
    "CROSS-YEAR-REPEAT": Case(Draft(previous=LAST_YEAR), quiet=Draft(previous=LAST_YEAR_OWN_WORDS)),
    # a summary report against its units' reports
    "SUM-PARTS": Case(
        Draft(summary_of=UNITS, off={"requests.granted.natural": 3, "appeals.review.corrected": -1}),
        quiet=Draft(summary_of=UNITS),
    ),
}

CODES = [r.code for r in catalogue()]


def snapshot_of(findings: list[Finding], code: str) -> list[dict]:
    keys = ("severity", "message", "cells", "expected", "actual")
    return [{k: f.to_json()[k] for k in keys} for f in findings if f.rule == code]


def _stored() -> dict:
    return json.loads(SNAPSHOTS.read_text(encoding="utf-8")) if SNAPSHOTS.exists() else {}


def _store(snapshots: dict) -> None:
    text = json.dumps(dict(sorted(snapshots.items(), key=lambda kv: CODES.index(kv[0]))), ensure_ascii=False, indent=1)
    SNAPSHOTS.write_text(text + "\n", encoding="utf-8")


def _dump(value) -> list[str]:
    return json.dumps(value, ensure_ascii=False, indent=1).splitlines()


def _case(code: str) -> Case:
    if code not in CASES:
        pytest.fail(f"rule {code} has no firing and quiet input in CASES (tests/test_rule_table.py)")
    return CASES[code]


@pytest.mark.parametrize("code", CODES)
def test_rule_fires_and_says_what_the_snapshot_says(code, tmp_path):
    got = snapshot_of(_case(code).fire.findings(tmp_path), code)
    assert got, f"{code} does not fire on its firing input"
    snapshots = _stored()
    if UPDATE:
        if snapshots.get(code) != got:
            snapshots[code] = got
            _store(snapshots)
        return
    want = snapshots.get(code)
    assert want is not None, f"no snapshot for {code}: run with NIANBAO_UPDATE_SNAPSHOTS=1 and review the diff"
    diff = "\n".join(difflib.unified_diff(_dump(want), _dump(got), "snapshot", "now", lineterm=""))
    assert got == want, (
        f"{code} says something else than its snapshot (NIANBAO_UPDATE_SNAPSHOTS=1 rewrites it):\n{diff}"
    )


@pytest.mark.parametrize("code", CODES)
def test_rule_stays_quiet_on_its_quiet_input(code, tmp_path):
    assert snapshot_of(_case(code).quiet.findings(tmp_path), code) == []


def test_the_table_and_the_snapshots_name_only_rules_of_the_catalogue():
    assert sorted(set(CASES) - set(CODES)) == []
    snapshots = _stored()
    stale = sorted(set(snapshots) - set(CODES))
    if UPDATE and stale:
        _store({k: v for k, v in snapshots.items() if k in CODES})
        return
    assert stale == [], "snapshots of rules no longer in the catalogue: NIANBAO_UPDATE_SNAPSHOTS=1 removes them"
