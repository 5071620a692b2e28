"""The rule catalogue: every rule has a stable code, a severity, a one-line summary and a doc entry.

Core layer. A rule is a function from a :class:`core.report.Report` to findings, registered with
:func:`rule`; its docstring is its documentation entry (``docs/rules.md`` is generated from this
catalogue by ``nianbao rules --markdown``). Messages are Chinese and name the table, the row and
column labels, the expected and the found value; every finding lists the cells it concerns.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from core.report import Report
from core.values import json_number

ERROR = "error"
WARNING = "warning"
SEVERITY_ZH = {ERROR: "错误", WARNING: "提示"}
# Rules whose expected/actual are two sums compared, not a cell's value and what it should be:
# lists, tooltips and exports never show them as a cell's 「应为」.
SUM_COMPARISONS = frozenset({"REQ-BALANCE"})


@dataclass(frozen=True)
class Place:
    """Where a finding sits, in the words of the lists (window, sheet, workbook): the table's
    name, the row's and the column's label. A word such as 多行, （行名） or 整张表 stands in for a
    label where no one row or column is meant; all three are blank for a finding about the text."""

    table: str = ""
    row: str = ""
    col: str = ""

    @property
    def where(self) -> str:
        """Row and column as one line: 「一、本年新收政府信息公开申请数量 · 总计」, or the row alone."""
        return f"{self.row} · {self.col}" if self.col else self.row


def place_of(cells: tuple[str, ...], marked: tuple[str, ...]) -> Place:
    """The place of a finding on ``cells``: its one marked cell (a wrong total), else the row and
    the column they share (多行 / 多列 where they span several)."""
    from core.schema import cell_labels

    if not cells:
        return Place()
    if len(marked) == 1:
        return Place(*cell_labels(marked[0]))
    labels = [cell_labels(c) for c in cells]
    rows = {label[1] for label in labels}
    cols = {label[2] for label in labels}
    return Place(labels[0][0], labels[0][1] if len(rows) == 1 else "多行", labels[0][2] if len(cols) == 1 else "多列")


@dataclass(frozen=True)
class Finding:
    """One problem a rule found: its rule and severity, the message, the cells it concerns and the
    expected and found values."""

    rule: str
    severity: str
    message: str
    cells: tuple[str, ...] = ()
    expected: object = None
    actual: object = None
    # The cells to colour, where that is narrower than the cells concerned: a wrong total is
    # marked on the total alone, a nonstandard label on no value cell at all.
    marks: tuple[str, ...] | None = None
    # What the rule knows the draft should hold: {cell id: text} (a wrong total: its parts' sum).
    # Empty where a person must decide. 「以分项为准重算总计」, ``fix --recompute-totals`` and the
    # hint after ``fix`` all take it from here. It follows from the rule and the cells, so it is
    # left out of comparisons.
    fix: Mapping[str, str] = field(default_factory=dict, compare=False)
    # Where the rule places the finding when its cells do not say it (a whole table, a label);
    # None: :attr:`place` is worked out from the cells.
    placed: Place | None = field(default=None, compare=False)

    @property
    def marked(self) -> tuple[str, ...]:
        return self.cells if self.marks is None else self.marks

    @cached_property
    def place(self) -> Place:
        """Where the finding sits, for every list that shows it."""
        return self.placed if self.placed is not None else place_of(self.cells, self.marked)

    def to_json(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "cells": list(self.cells),
            "expected": json_number(self.expected),
            "actual": json_number(self.actual),
        }


@dataclass(frozen=True)
class Rule:
    """A registered rule: its code, severity, summary, documentation entry and check function."""

    code: str
    severity: str
    summary: str
    doc: str
    fn: Callable[[Rule, Report], Iterable[Finding]] = field(compare=False, repr=False)
    title: str = ""  # a few words a clerk reads in the findings list's 规则 column

    def check(self, report: Report) -> Iterable[Finding]:
        return self.fn(self, report)

    def finding(
        self,
        message: str,
        cells: Iterable[str] = (),
        expected=None,
        actual=None,
        marks=None,
        fix: Mapping[str, str] | None = None,
        place: Place | None = None,
    ) -> Finding:
        return Finding(
            self.code,
            self.severity,
            message,
            tuple(cells),
            expected,
            actual,
            None if marks is None else tuple(marks),
            dict(fix or {}),
            place,
        )


RULES: dict[str, Rule] = {}
RULE_MODULES = ("arithmetic", "values", "structure", "reading", "document", "narrative", "crossyear", "summary")


def rule(code: str, severity: str, summary: str, title: str):
    """Register a check function as rule ``code``; the function yields findings. ``title`` is
    the rule's name in a few words (行总计不符), ``summary`` the one line that states it."""

    def register(fn: Callable[[Rule, Report], Iterable[Finding]]):
        if code in RULES:
            raise ValueError(f"rule {code} registered twice")
        RULES[code] = Rule(code, severity, summary, inspect.cleandoc(fn.__doc__ or ""), fn, title)
        return fn

    return register


def _load() -> None:
    # Importing the modules registers their rules, in catalogue order.
    for module in RULE_MODULES:
        importlib.import_module(f"core.rules.{module}")


def run_rules(report: Report) -> list[Finding]:
    findings = [f for r in catalogue() for f in r.check(report)]
    order = {ERROR: 0, WARNING: 1}
    return sorted(findings, key=lambda f: order[f.severity])


def rule_title(code: str) -> str:
    """A rule's title, as a person reads it in lists (its code where no rule has that code)."""
    _load()
    found = RULES.get(code)
    return found.title if found is not None else code


def rule_titles(codes: Iterable[str]) -> str:
    """Several rules' titles, as a diagnosis lists the rules it explains: 「行总计不符、办理结果总计不符」."""
    return "、".join(rule_title(code) for code in codes)


def catalogue() -> list[Rule]:
    """Every rule, in catalogue order (by module, then as written), whatever imported them first."""
    _load()
    module_rank = {f"core.rules.{m}": i for i, m in enumerate(RULE_MODULES)}
    written = {code: i for i, code in enumerate(RULES)}
    return sorted(RULES.values(), key=lambda r: (module_rank[r.fn.__module__], written[r.code]))
