"""Checking one input end to end: read, locate, run the rules.

Core layer. :func:`check_file` never raises for a bad input: an unreadable file comes back as a
result with ``error`` set (a :class:`core.errors.ReadError`), and so does an unexpected failure,
so that a batch goes on and no traceback reaches a user.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import ReadError
from core.locate import locate
from core.readers import read_document
from core.report import Report
from core.rules import ERROR, WARNING, Finding, run_rules
from core.schema import schema

log = logging.getLogger(__name__)


@dataclass
class CheckResult:
    file: str
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    error: ReadError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(ERROR)

    @property
    def warnings(self) -> int:
        return self.count(WARNING)

    def to_json(self) -> dict:
        cells = {}
        if self.report is not None:
            for cell_id in schema().cell_ids():
                located = self.report.cells.get(cell_id)
                if located is not None:
                    cells[cell_id] = located.value.json_number()
        return {
            "file": self.file,
            "ok": self.ok,
            "error": {"code": self.error.code, "message": self.error.message} if self.error else None,
            "meta": self.report.meta.to_json() if self.report else {"title": None, "agency": None, "year": None},
            "cells": cells,
            "findings": [f.to_json() for f in self.findings],
        }


def read_report(path: str | Path) -> Report:
    """Read and locate; raises ReadError when the input is not a report at all."""
    path = Path(path)
    doc = read_document(path)
    report = locate(doc)
    if not report.tables:
        raise ReadError("tables_are_pictures" if doc.has_images else "no_tables", path.name)
    return report


def check_file(path: str | Path) -> CheckResult:
    result = CheckResult(file=str(path))
    try:
        result.report = read_report(path)
        result.findings = run_rules(result.report)
    except ReadError as err:
        result.error = err
    except Exception as err:  # never let a bad input end a batch with a traceback
        log.exception("internal error while checking %s", path)
        result.report = None
        result.findings = []
        result.error = ReadError("internal", Path(path).name, type(err).__name__)
    return result
