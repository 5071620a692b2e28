"""A reviewer's decisions on findings: confirmed as a real problem, or dismissed with a reason.

Core layer. A :class:`Decision` is tied to a finding's rule, its cells and the values those
cells held when it was made (spec section 5): it applies to a finding of the same rule with the
same cells whose cells hold those values now; otherwise it has *lapsed* and the finding is
undecided again. Decisions travel as a JSON file (``{"decisions": [...]}``) that the window
writes and ``nianbao check --decisions`` reads; such a file is untrusted input, so
:func:`parse_decisions` bounds and validates it and raises :class:`DecisionsError` with a plain
Chinese message. The window keeps each draft's decisions in a :class:`DecisionStore` beside the
autosave, keyed by the draft's SHA-256 (with the draft's path, so that a draft changed on disk
keeps the decisions whose findings still match).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from core.limits import LIMITS, MB
from core.outputs import write_output
from core.report import Report
from core.rules import ERROR, Finding

CONFIRMED = "confirmed"
DISMISSED = "dismissed"
STATUS_ZH = {CONFIRMED: "已确认", DISMISSED: "已忽略"}
PENDING_ZH = "待处理"
LAPSED_ZH = "已失效"

# Reasons offered for a dismissal; any typed reason is as good.
REASONS = (
    "正文口径不同，已核实",
    "已核实，数据无误",
    "已核实，篇幅符合本单位实际",
    "本级无此项职能，已核实",
    "上年报告口径不同，已核实",
)

# The review state of a whole report (batch view), kept with its decisions.
REVIEW_STATES = {"pending": "待审", "returned": "退回修改", "passed": "通过"}


class DecisionsError(ValueError):
    """A decisions file that cannot be used; ``message`` says why, in plain Chinese."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def now_iso() -> str:
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


def cell_value(report: Report, cell_id: str) -> int | float | str | None:
    """What a decision records of a cell: its number, else its text (stripped), else None."""
    value = report.value(cell_id)
    if value is None:
        return None
    number = value.json_number()
    if number is not None:
        return number
    text = value.raw.strip()
    return text or None


def values_of(report: Report, cells: Iterable[str]) -> dict[str, int | float | str | None]:
    return {c: cell_value(report, c) for c in cells}


@dataclass(frozen=True)
class Decision:
    rule: str
    cells: tuple[str, ...]
    values: dict = field(hash=False)
    status: str
    reason: str = ""
    by: str = ""
    at: str = ""

    def __post_init__(self):
        if self.status not in (CONFIRMED, DISMISSED):
            raise ValueError(f"unknown decision status {self.status!r}")
        if self.status == DISMISSED and not self.reason.strip():
            raise ValueError("a dismissal needs a reason")

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        return (self.rule, self.cells)

    def matches(self, finding: Finding, report: Report) -> bool:
        """Same rule, same cells, and those cells hold the recorded values now."""
        if (finding.rule, tuple(finding.cells)) != self.key:
            return False
        return all(_same(self.values.get(c), cell_value(report, c)) for c in self.cells)

    def to_json(self) -> dict:
        return {
            "rule": self.rule,
            "cells": list(self.cells),
            "values": {c: self.values.get(c) for c in self.cells},
            "status": self.status,
            "reason": self.reason,
            "by": self.by,
            "at": self.at,
        }

    def public(self) -> dict:
        """The ``"decision"`` object on a finding in ``check --json``."""
        return {"status": self.status, "reason": self.reason, "by": self.by, "at": self.at}

    @property
    def status_zh(self) -> str:
        return STATUS_ZH[self.status]

    @property
    def at_display(self) -> str:
        """When, as a reader writes it (2027-01-20 10:00); the recorded text where it is no time."""
        try:
            return dt.datetime.fromisoformat(self.at).strftime("%Y-%m-%d %H:%M")
        except (TypeError, ValueError):
            return self.at


def _same(recorded, now) -> bool:
    if isinstance(recorded, (int, float)) and isinstance(now, (int, float)):
        return not isinstance(recorded, bool) and recorded == now
    return recorded == now


def decide(
    finding: Finding, report: Report, status: str, reason: str = "", by: str = "", at: str | None = None
) -> Decision:
    """A decision on ``finding`` as the report stands now (raises ValueError for a dismissal
    without a reason)."""
    return Decision(
        finding.rule,
        tuple(finding.cells),
        values_of(report, finding.cells),
        status,
        reason.strip(),
        by.strip(),
        at or now_iso(),
    )


@dataclass
class Applied:
    """Decisions laid over one check: which finding each applies to, and which have lapsed."""

    by_finding: dict[int, Decision]  # index into the findings list -> its decision
    lapsed: list[Decision]

    def of(self, index: int) -> Decision | None:
        return self.by_finding.get(index)


NONE = Applied({}, [])  # no decisions at all


def apply(decisions: Iterable[Decision], findings: list[Finding], report: Report) -> Applied:
    """Match decisions to findings. A finding takes the latest matching decision; a decision that
    matches no finding (its cells changed, or the finding went away) has lapsed."""
    by_key: dict[tuple, list[int]] = {}
    for i, f in enumerate(findings):
        by_key.setdefault((f.rule, tuple(f.cells)), []).append(i)
    by_finding: dict[int, Decision] = {}
    lapsed = []
    for d in decisions:
        hits = [i for i in by_key.get(d.key, ()) if d.matches(findings[i], report)]
        if not hits:
            lapsed.append(d)
        for i in hits:
            by_finding[i] = d
    return Applied(by_finding, lapsed)


def open_errors(findings: list[Finding], applied: Applied) -> int:
    """Error findings not dismissed: what the exit status counts."""
    return sum(1 for i, f in enumerate(findings) if f.severity == ERROR and _status(applied, i) != DISMISSED)


def dismissed(findings: list[Finding], applied: Applied) -> int:
    return sum(1 for i in range(len(findings)) if _status(applied, i) == DISMISSED)


def _status(applied: Applied, index: int) -> str | None:
    decision = applied.of(index)
    return decision.status if decision else None


# -- the file ---------------------------------------------------------------------------------------
def _text(item: dict, key: str, where: str, limit: int = LIMITS.decision_text) -> str:
    value = item.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DecisionsError(f"{where}的“{key}”应为文字。")
    if len(value) > limit:
        raise DecisionsError(f"{where}的“{key}”过长（超过 {limit} 个字）。")
    return value


def _decision(item, n: int) -> Decision:
    where = f"第 {n} 条决定"
    if not isinstance(item, dict):
        raise DecisionsError(f"{where}格式不对，应为一个对象。")
    rule = _text(item, "rule", where, LIMITS.decision_rule)
    if not rule:
        raise DecisionsError(f"{where}缺少规则代码（rule）。")
    cells = item.get("cells", [])
    if not isinstance(cells, list) or len(cells) > LIMITS.decision_cells:
        raise DecisionsError(f"{where}的单元格列表（cells）格式不对。")
    if not all(isinstance(c, str) and 0 < len(c) <= LIMITS.decision_rule for c in cells):
        raise DecisionsError(f"{where}的单元格编号格式不对。")
    values = item.get("values", {})
    if not isinstance(values, dict) or len(values) > LIMITS.decision_cells:
        raise DecisionsError(f"{where}的数值（values）格式不对。")
    for v in values.values():
        ok = v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))
        if not ok and not (isinstance(v, str) and len(v) <= LIMITS.decision_text):
            raise DecisionsError(f"{where}的数值（values）中有无法识别的内容。")
    status = item.get("status")
    if status not in (CONFIRMED, DISMISSED):
        raise DecisionsError(f"{where}的状态（status）应为 confirmed（确认问题）或 dismissed（忽略）。")
    reason = _text(item, "reason", where)
    if status == DISMISSED and not reason.strip():
        raise DecisionsError(f"{where}是“忽略”，但没有写明理由（reason）。忽略一个问题必须写明理由。")
    values = {c: values.get(c) for c in cells}
    return Decision(
        rule, tuple(cells), values, status, reason.strip(), _text(item, "by", where), _text(item, "at", where)
    )


@dataclass
class DecisionSet:
    """The contents of a decisions file: the decisions and, for the batch view, the review state."""

    decisions: list[Decision] = field(default_factory=list)
    review_state: str = "pending"

    def to_json(self) -> dict:
        payload: dict = {"decisions": [d.to_json() for d in self.decisions]}
        if self.review_state != "pending":
            payload["review_state"] = self.review_state
        return payload


def parse_decisions(text: str | bytes) -> DecisionSet:
    """Read a decisions file's content; raises DecisionsError with a plain Chinese message."""
    if len(text) > LIMITS.decisions_bytes:
        raise DecisionsError(f"决定文件过大（超过 {LIMITS.decisions_bytes // MB} MB），不像是本程序保存的文件。")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DecisionsError("决定文件不是 UTF-8 编码的 JSON 文本。") from None
    try:
        payload = json.loads(text)
    except (ValueError, RecursionError):
        raise DecisionsError("决定文件不是有效的 JSON（可能已损坏或被改动）。") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("decisions"), list):
        raise DecisionsError('决定文件格式不对：应为 {"decisions": [...]}。')
    items = payload["decisions"]
    if len(items) > LIMITS.decisions_count:
        raise DecisionsError(f"决定文件中的决定过多（超过 {LIMITS.decisions_count} 条）。")
    state = payload.get("review_state", "pending")
    if state not in REVIEW_STATES:
        raise DecisionsError("决定文件中的审核状态（review_state）应为 pending、returned 或 passed。")
    return DecisionSet([_decision(item, n) for n, item in enumerate(items, 1)], state)


def load_decisions(path: str | Path) -> DecisionSet:
    path = Path(path)
    try:
        if path.stat().st_size > LIMITS.decisions_bytes:
            raise DecisionsError(f"决定文件过大（超过 {LIMITS.decisions_bytes // MB} MB），不像是本程序保存的文件。")
        data = path.read_bytes()
    except FileNotFoundError:
        raise DecisionsError(f"找不到决定文件：{path}") from None
    except IsADirectoryError:
        raise DecisionsError(f"“{path}”是一个文件夹，不是决定文件。") from None
    except OSError as err:
        raise DecisionsError(f"无法读取决定文件“{path}”（{err.strerror or err}）。") from None
    return parse_decisions(data)


def _write_atomic(path: Path, payload: dict, durable: bool = True) -> None:
    """Through core.outputs.write_output: a temporary file in the target folder, checked, renamed
    over the target (raises core.outputs.OutputError, an OSError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_output(path, json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"), durable=durable)


def save_decisions(path: str | Path, decisions: DecisionSet) -> Path:
    path = Path(path)
    _write_atomic(path, decisions.to_json())
    return path


class DecisionStore:
    """Each draft's decisions, beside the autosave: ``<sha256>.decisions.json``."""

    SUFFIX = ".decisions.json"

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def _file(self, sha256: str) -> Path:
        return self.folder / f"{sha256}{self.SUFFIX}"

    def save(self, sha256: str, source: str | Path, decisions: DecisionSet) -> None:
        if not decisions.decisions and decisions.review_state == "pending":
            self.discard(sha256)
            return
        payload = decisions.to_json()
        payload.update({"source": str(Path(source).resolve()), "sha256": sha256, "saved_at": time.time()})
        _write_atomic(self._file(sha256), payload, durable=False)  # as the autosave beside it

    def load(self, sha256: str) -> DecisionSet | None:
        """This draft's decisions; a damaged file reads as none saved, never as an error."""
        try:
            return parse_decisions(self._file(sha256).read_bytes())
        except (OSError, DecisionsError):
            return None

    def load_for(self, sha256: str, source: str | Path) -> tuple[DecisionSet | None, bool]:
        """This draft's decisions, or, when there are none under its SHA-256, those last saved for
        the same path (the draft changed on disk). Returns (decisions, from an earlier version)."""
        own = self.load(sha256)
        if own is not None:
            return own, False
        target = str(Path(source).resolve())
        best: tuple[float, Path] | None = None
        try:
            files = list(self.folder.glob(f"*{self.SUFFIX}"))
        except OSError:
            return None, False
        for file in files:
            try:
                payload = json.loads(file.read_text(encoding="utf-8"))
                if payload.get("source") == target:
                    stamp = float(payload.get("saved_at", 0))
                    if best is None or stamp > best[0]:
                        best = (stamp, file)
            except (OSError, ValueError, TypeError, AttributeError):
                continue
        if best is None:
            return None, False
        try:
            return parse_decisions(best[1].read_bytes()), True
        except (OSError, DecisionsError):
            return None, False

    def discard(self, sha256: str) -> None:
        try:
            self._file(sha256).unlink()
        except FileNotFoundError:
            pass
