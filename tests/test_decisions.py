"""A reviewer's decisions: recorded, matched, lapsed when a cell changes, saved and read back."""

from __future__ import annotations

import json

import pytest

import fixturegen
from core.decisions import (
    CONFIRMED,
    DISMISSED,
    Decision,
    DecisionsError,
    DecisionSet,
    DecisionStore,
    load_decisions,
    parse_decisions,
    save_decisions,
)
from core.session import Session

V = fixturegen.consistent_values()
WRONG_TOTAL = {"requests.new.total": str(V["requests.new.total"] + 1)}


def _index(session: Session, rule: str) -> int:
    return next(i for i, f in enumerate(session.findings) if f.rule == rule)


def test_a_decision_applies_while_its_cells_hold_the_recorded_values(make_docx):
    draft, _ = make_docx(raw={**WRONG_TOTAL, "requests.granted.natural": ""})
    session = Session.open(draft)
    i = _index(session, "REQ-ROW-TOTAL")
    finding = session.findings[i]
    session.decide([i], CONFIRMED, by="张三")
    decision = session.decision_at(i)
    assert decision.status == CONFIRMED and decision.by == "张三" and decision.at
    assert decision.values["requests.new.total"] == V["requests.new.total"] + 1
    assert finding not in session.pending()
    # an edit elsewhere keeps it
    session.set_cells({"proactive.fees.amount": "9"})
    assert session.decision_at(_index(session, "REQ-ROW-TOTAL")) == decision
    # an edit to one of its cells lapses it, visibly: the finding is pending with a lapsed decision
    part = finding.cells[1]
    session.set_cells({part: str(V[part] + 5)})
    j = _index(session, "REQ-ROW-TOTAL")
    assert session.decision_at(j) is None and session.lapsed_at(j) == decision
    assert session.findings[j] in session.pending()
    # the value put back: the decision holds again
    session.set_cells({part: str(V[part])})
    assert session.decision_at(_index(session, "REQ-ROW-TOTAL")) == decision


def test_a_dismissal_needs_a_reason_and_counts_leave_it_out(make_docx):
    draft, _ = make_docx(raw=WRONG_TOTAL)
    session = Session.open(draft)
    i = _index(session, "REQ-ROW-TOTAL")
    errors = session.count("error")
    with pytest.raises(ValueError):
        session.decide([i], DISMISSED, reason="  ")
    assert session.decision_at(i) is None
    session.decide([i], DISMISSED, reason="正文口径不同，已核实", by="李四")
    assert session.count("error") == errors - 1
    assert session.open_errors() == errors - 1
    assert "待处理" in session.summary()
    session.decide([i], None)  # 恢复
    assert session.decision_at(i) is None and session.count("error") == errors


def test_the_file_has_the_spec_shape_and_reads_back(make_docx, tmp_path):
    draft, _ = make_docx(raw=WRONG_TOTAL)
    session = Session.open(draft)
    session.decide(list(range(len(session.findings))), DISMISSED, reason="已核实", by="张三")
    out = save_decisions(tmp_path / "decisions.json", session.decisions)
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert set(payload) == {"decisions"}
    item = payload["decisions"][0]
    assert set(item) == {"rule", "cells", "values", "status", "reason", "by", "at"}
    assert item["status"] == "dismissed" and item["reason"] == "已核实"
    assert set(item["values"]) == set(item["cells"])
    again = load_decisions(out)
    assert again.decisions == session.decisions.decisions
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "JSON"),
        (b"\xff\xfe{", "UTF-8"),
        (b"[1, 2]", "格式不对"),
        (b'{"decisions": [{"rule": "X", "cells": [], "status": "dismissed"}]}', "理由"),
        (b'{"decisions": [{"rule": "X", "cells": "a", "status": "confirmed"}]}', "cells"),
        (b'{"decisions": [{"rule": "X", "status": "maybe"}]}', "status"),
        (b'{"decisions": [{"rule": "X", "values": {"a": [1]}, "status": "confirmed"}]}', "values"),
        (b'{"decisions": [{"rule": "X", "reason": "' + b"a" * 600 + b'", "status": "confirmed"}]}', "过长"),
        (b'{"decisions": [' + b"[" * 100000 + b"]", "JSON"),
    ],
)
def test_a_bad_file_gets_a_plain_message(content, words):
    with pytest.raises(DecisionsError) as err:
        parse_decisions(content)
    assert words in err.value.message


def test_store_keeps_decisions_by_sha_and_finds_them_for_a_changed_draft(make_docx, tmp_path):
    draft, _ = make_docx(raw={**WRONG_TOTAL, "appeals.review.total": "9"})
    store = DecisionStore(tmp_path / "store")
    session = Session.open(draft)
    session.decide([_index(session, "REQ-ROW-TOTAL")], CONFIRMED, by="张三")
    session.decide([_index(session, "APPEAL-GROUP-TOTAL")], DISMISSED, reason="已核实", by="张三")
    store.save(session.sha256, draft, session.decisions)
    got, earlier = store.load_for(session.sha256, draft)
    assert not earlier and got.decisions == session.decisions.decisions
    # the draft changes on disk: one decided cell now holds another value
    fixturegen.build_docx(
        draft,
        fixturegen.make_spec(
            raw={**WRONG_TOTAL, "appeals.review.total": "9", "requests.new.natural": str(V["requests.new.natural"] + 2)}
        ),
    )
    changed = Session.open(draft)
    assert changed.sha256 != session.sha256
    got, earlier = store.load_for(changed.sha256, draft)
    assert earlier
    changed.set_decisions(got)
    kept = [changed.decision_at(i) for i in range(len(changed.findings)) if changed.decision_at(i)]
    assert [d.rule for d in kept] == ["APPEAL-GROUP-TOTAL"]
    assert [d.rule for d in changed.applied.lapsed] == ["REQ-ROW-TOTAL"]
    # a damaged file reads as nothing saved
    (tmp_path / "store" / f"{changed.sha256}{DecisionStore.SUFFIX}").write_text("{", encoding="utf-8")
    assert store.load(changed.sha256) is None


def test_decision_objects_refuse_a_bare_dismissal():
    with pytest.raises(ValueError):
        Decision("X", (), {}, DISMISSED)
    assert DecisionSet().to_json() == {"decisions": []}
