"""The rule catalogue: every rule has a stable code, a severity, a one-line summary and a doc entry.

Core layer. A rule is a function from a :class:`core.report.Report` to findings, registered with
:func:`rule`; its docstring is its documentation entry (``docs/rules.md`` is generated from this
catalogue by ``nianbao rules --markdown``). Messages are Chinese and name the table, the row and
column labels, the expected and the found value; every finding lists the cells it concerns.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from core.report import Report

ERROR = "error"
WARNING = "warning"
SEVERITY_ZH = {ERROR: "错误", WARNING: "提示"}
# Rules whose expected/actual are two sums compared, not a cell's value and what it should be:
# lists, tooltips and exports never show them as a cell's 「应为」.
SUM_COMPARISONS = frozenset({"REQ-BALANCE"})


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    cells: tuple[str, ...] = ()
    expected: object = None
    actual: object = None
    # The cells to colour, where that is narrower than the cells concerned: a wrong total is
    # marked on the total alone, a nonstandard label on no value cell at all.
    marks: tuple[str, ...] | None = None

    @property
    def marked(self) -> tuple[str, ...]:
        return self.cells if self.marks is None else self.marks

    def to_json(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "cells": list(self.cells),
            "expected": _json_value(self.expected),
            "actual": _json_value(self.actual),
        }


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    summary: str
    doc: str
    fn: Callable[[Rule, Report], Iterable[Finding]] = field(compare=False, repr=False)

    def check(self, report: Report) -> Iterable[Finding]:
        return self.fn(self, report)

    def finding(self, message: str, cells: Iterable[str] = (), expected=None, actual=None, marks=None) -> Finding:
        return Finding(
            self.code, self.severity, message, tuple(cells), expected, actual, None if marks is None else tuple(marks)
        )


RULES: dict[str, Rule] = {}
RULE_MODULES = ("arithmetic", "values", "structure", "reading", "document", "narrative", "crossyear", "summary")


def rule(code: str, severity: str, summary: str):
    """Register a check function as rule ``code``; the function yields findings."""

    def register(fn: Callable[[Rule, Report], Iterable[Finding]]):
        if code in RULES:
            raise ValueError(f"rule {code} registered twice")
        RULES[code] = Rule(code, severity, summary, inspect.cleandoc(fn.__doc__ or ""), fn)
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


def catalogue() -> list[Rule]:
    """Every rule, in catalogue order (by module, then as written), whatever imported them first."""
    _load()
    module_rank = {f"core.rules.{m}": i for i, m in enumerate(RULE_MODULES)}
    written = {code: i for i, code in enumerate(RULES)}
    return sorted(RULES.values(), key=lambda r: (module_rank[r.fn.__module__], written[r.code]))
