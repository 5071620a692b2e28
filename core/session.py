"""An editing session over one report: change a cell, re-check, recompute totals.

Core layer. The window's undo commands call :meth:`Session.set_cells`; it re-runs the rules and
returns the ids of the cells whose value or finding state changed, so that the view repaints only
those. The draft file itself is never written: edits live here and in the autosave.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from pathlib import Path

from core.check import read_report
from core.decisions import NONE, Applied, Decision, DecisionSet, apply, decide, open_errors
from core.diagnose import Diagnosis, diagnose
from core.presentation import worst_severity
from core.report import Located, Report
from core.rules import ERROR, WARNING, Finding, catalogue, run_rules
from core.schema import schema
from core.values import parse_value


@dataclass(frozen=True)
class CellState:
    raw: str | None
    severity: str | None  # the worst finding on the cell
    findings: tuple[Finding, ...] = ()
    # What the diagnoses say of the cell: the value a unique diagnosis proposes for it; whether it
    # is a total whose broken sum a unique diagnosis explains (framed, not coloured); the
    # diagnoses that name it at all (culprit or candidate), for its tooltip
    suggestion: int | None = None
    explained: bool = False
    diagnoses: tuple[Diagnosis, ...] = ()

    @property
    def shown(self) -> str | None:
        """The colour a cell gets: the culprit a diagnosis names is red, a total whose sum it
        explains is not coloured (the window frames it), any other cell its worst finding's."""
        if self.suggestion is not None:
            return ERROR
        return None if self.explained else self.severity


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def recompute_totals(report: Report) -> dict[str, str]:
    """The new text of every total that disagrees with its parts, taking the parts as right, in
    the tables' order: the fixes of the total rules' findings (the schema's relations with a
    total), applied until every total holds (a total that is a part of another, such as a row's
    总计 in （七）总计, settles in a later round)."""
    work = copy.copy(report)
    work.cells = {k: copy.copy(v) for k, v in report.cells.items()}
    rules = [r for r in catalogue() if r.code in schema().total_rules]
    changes: dict[str, str] = {}
    for _ in range(len(rules) + 1):
        fixes = [fix for r in rules for f in list(r.check(work)) for fix in f.fix.items()]
        if not fixes:
            break
        for total_id, text in fixes:
            changes[total_id] = text
            work.cells[total_id].value = parse_value(text)
    order = {c: i for i, c in enumerate(schema().cell_ids())}
    return {c: changes[c] for c in sorted(changes, key=order.__getitem__)}


class _Values:
    """Cell texts seen the way core.decisions reads a report (``value(cell_id)``)."""

    def __init__(self, texts: dict[str, str]):
        self.texts = texts

    def value(self, cell_id: str):
        raw = self.texts.get(cell_id)
        return None if raw is None else parse_value(raw)


class Session:
    def __init__(self, path: str | Path, report: Report, sha256: str):
        self.path = Path(path)
        self.report = report
        self.sha256 = sha256
        self.original = {cid: loc.value.raw for cid, loc in report.cells.items()}
        self._edits: dict[str, str | None] = {}
        self.findings: list[Finding] = []
        self.diagnoses: list[Diagnosis] = []
        self.states: dict[str, CellState] = {}
        self.decisions = DecisionSet()  # the reviewer's decisions on findings (core.decisions)
        self.applied = NONE
        self.recheck()
        self.draft_findings = list(self.findings)  # what the draft as submitted was found to have
        self.draft_diagnoses = list(self.diagnoses)

    @classmethod
    def open(cls, path: str | Path) -> Session:
        """Read a draft; raises core.errors.ReadError for an input that is not a report."""
        return cls(path, read_report(path), file_sha256(Path(path)))

    def set_previous(self, previous: Report | None) -> set[str]:
        """Check against last year's report from now on (None: no longer); returns changed cells."""
        self.report.previous = previous
        return self.recheck()

    def raw(self, cell_id: str) -> str | None:
        located = self.report.cells.get(cell_id)
        return located.value.raw if located else None

    def state(self, cell_id: str) -> CellState:
        return self.states.get(cell_id) or CellState(self.raw(cell_id), None)

    def set_cells(self, changes: dict[str, str | None]) -> set[str]:
        """Apply {cell id: new text (None: not present)}; returns the cells whose state changed."""
        for cell_id, raw in changes.items():
            located = self.report.cells.get(cell_id)
            if raw is None:
                self.report.cells.pop(cell_id, None)
            elif located is None:
                self.report.cells[cell_id] = Located(parse_value(raw))
            else:
                located.value = parse_value(raw)
            if raw == self.original.get(cell_id):
                self._edits.pop(cell_id, None)
            else:
                self._edits[cell_id] = raw
        return self.recheck() | set(changes)

    def recheck(self) -> set[str]:
        self.findings = run_rules(self.report)
        self.applied = apply(self.decisions.decisions, self.findings, self.report)
        self.diagnoses = diagnose(self.report)
        by_cell: dict[str, list[Finding]] = {}
        for f in self.findings:
            for cell_id in f.marked:
                by_cell.setdefault(cell_id, []).append(f)
        named: dict[str, list[Diagnosis]] = {}
        for d in self.diagnoses:
            for cell_id in d.cells:
                named.setdefault(cell_id, []).append(d)
        states = {}
        for cell_id in set(by_cell) | set(self.report.cells):
            found = tuple(by_cell.get(cell_id, ()))
            severity = worst_severity(found)
            diagnoses = tuple(named.get(cell_id, ()))
            suggestion = next((p for d in diagnoses if (p := d.proposal(cell_id)) is not None), None)
            errors = [f for f in found if f.severity == ERROR]
            explained = bool(errors) and all(
                any(d.unique and d.explains_finding(f) for d in self.diagnoses) for f in errors
            )
            states[cell_id] = CellState(self.raw(cell_id), severity, found, suggestion, explained, diagnoses)
        changed = {c for c in set(states) | set(self.states) if states.get(c) != self.states.get(c)}
        self.states = states
        return changed

    def explained_by(self, finding: Finding) -> Diagnosis | None:
        """The diagnosis that accounts for a sum finding, if one does."""
        return next((d for d in self.diagnoses if d.explains_finding(finding)), None)

    def edits(self) -> dict[str, str | None]:
        """Every cell whose text differs from the draft's: {cell id: current text or None}."""
        return dict(self._edits)

    def tip(self, cell_id: str) -> str:
        """What the window says of a cell on hover, display-ready (core.cell_tip)."""
        from core.cell_tip import cell_tip

        return cell_tip(self, cell_id)

    def is_edited(self, cell_id: str) -> bool:
        return cell_id in self._edits

    def count(self, severity: str) -> int:
        """Findings of a severity that still need a decision."""
        return sum(1 for f in self.pending() if f.severity == severity)

    def summary(self) -> str:
        errors, warnings = self.count(ERROR), self.count(WARNING)
        decided = len(self.applied.by_finding)
        done = f"（已处理 {decided} 处）" if decided else ""
        if self.applied.lapsed:
            done += f"，{len(self.applied.lapsed)} 条审核决定因数值改变已失效"
        if not self.findings:
            return "未发现问题"
        if not errors and not warnings:
            return f"问题均已处理{done}"
        return f"待处理：{errors} 处错误，{warnings} 处提示{done}"

    # -- the reviewer's decisions ------------------------------------------------------------------
    def pending(self) -> list[Finding]:
        """Findings that still need a decision."""
        return [f for i, f in enumerate(self.findings) if self.applied.of(i) is None]

    def decision_at(self, index: int) -> Decision | None:
        return self.applied.of(index)

    def lapsed_at(self, index: int) -> Decision | None:
        """A decision once made on this finding whose cells have changed value since."""
        if self.applied.of(index) is not None:
            return None
        f = self.findings[index]
        return next((d for d in self.applied.lapsed if d.key == (f.rule, tuple(f.cells))), None)

    def set_decisions(self, decisions: DecisionSet) -> None:
        self.decisions = decisions
        self.applied = apply(self.decisions.decisions, self.findings, self.report)

    def decide(self, indices: list[int], status: str | None, reason: str = "", by: str = "") -> None:
        """Record ``status`` (None: undo the decision) on the findings at ``indices``; a decision
        replaces any earlier one on the same rule and cells. Raises ValueError for a dismissal
        without a reason."""
        chosen = [self.findings[i] for i in indices if 0 <= i < len(self.findings)]
        keys = {(f.rule, tuple(f.cells)) for f in chosen}
        new = [] if status is None else [decide(f, self.report, status, reason, by) for f in chosen]
        unique = list({d.key: d for d in new}.values())
        kept = [d for d in self.decisions.decisions if d.key not in keys]
        self.set_decisions(DecisionSet(kept + unique, self.decisions.review_state))

    def draft_decisions(self) -> Applied:
        """The decisions laid over the draft's own findings, as the draft's values stand: what the
        sheet of the draft as submitted shows."""
        return apply(self.decisions.decisions, self.draft_findings, _Values(self.original))

    def open_errors(self) -> int:
        """Error findings not dismissed."""
        return open_errors(self.findings, self.applied)
