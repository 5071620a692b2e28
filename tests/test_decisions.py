"""A reviewer's decisions: recorded, matched, lapsed when a cell changes, saved and read back."""

from __future__ import annotations

import json

import pytest

import fixturegen
from conftest import run_cli
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


def _recorded(draft, tmp_path, status=DISMISSED, rules=None):
    session = Session.open(draft)
    wanted = [i for i, f in enumerate(session.findings) if f.severity == "error" and (rules is None or f.rule in rules)]
    session.decide(wanted, status, reason="正文口径不同，已核实" if status == DISMISSED else "", by="张三")
    return session, save_decisions(tmp_path / "decisions.json", session.decisions)


def test_cli_applies_decisions_to_json_text_exit_status_and_workbook(make_docx, tmp_path):
    from openpyxl import load_workbook

    draft, _ = make_docx(raw={**WRONG_TOTAL, "proactive.fees.amount": "1.5（万元）"})
    plain = run_cli("check", draft, "--json")
    assert plain.returncode == 1
    assert all("decision" not in f for f in json.loads(plain.stdout)[0]["findings"])
    session, file = _recorded(draft, tmp_path)
    out = run_cli("check", draft, "--json", "--decisions", file)
    assert out.returncode == 0, out.stderr  # every error dismissed
    findings = json.loads(out.stdout)[0]["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    assert errors and all(
        f["decision"]
        == {"status": "dismissed", "reason": "正文口径不同，已核实", "by": "张三", "at": f["decision"]["at"]}
        for f in errors
    )
    assert all("decision" not in f for f in findings if f["severity"] != "error")
    text = run_cli("check", draft, "--decisions", file)
    assert text.returncode == 0
    assert "【已忽略：正文口径不同，已核实（张三" in text.stdout
    assert f"{len(errors)} 处已忽略的错误不计入退出状态" in text.stdout
    # confirmed errors still count
    _, confirmed = _recorded(draft, tmp_path, CONFIRMED)
    assert run_cli("check", draft, "--decisions", confirmed).returncode == 1
    # the workbook says who, when, why
    _, file = _recorded(draft, tmp_path)
    book = tmp_path / "out.xlsx"
    assert run_cli("check", draft, "--decisions", file, "--xlsx", book).returncode == 0
    ws = load_workbook(book)["问题清单"]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, [c.value for c in r])) for r in ws.iter_rows(min_row=2)]
    dismissed = [r for r in rows if r["审核决定"] == "已忽略"]
    assert len(dismissed) == len(errors)
    assert all(r["理由"] == "正文口径不同，已核实" and r["审核人"] == "张三" and r["决定时间"] for r in dismissed)
    assert {r["审核决定"] for r in rows if r["级别"] == "提示"} == {"待处理"}


def test_cli_decisions_lapse_when_the_draft_changed(make_docx, tmp_path):
    draft, _ = make_docx(raw=WRONG_TOTAL)
    _, file = _recorded(draft, tmp_path)
    part = "requests.new.natural"
    fixturegen.build_docx(draft, fixturegen.make_spec(raw={**WRONG_TOTAL, part: str(V[part] + 3)}))
    out = run_cli("check", draft, "--decisions", file)
    assert out.returncode == 1 and "已失效" in out.stdout


def test_cli_a_bad_decisions_file_exits_2(make_docx, tmp_path):
    draft, _ = make_docx(raw=WRONG_TOTAL)
    bad = tmp_path / "bad.json"
    bad.write_text('{"decisions": [{"rule": "REQ-ROW-TOTAL", "status": "dismissed"}]}', encoding="utf-8")
    for file in (bad, tmp_path / "missing.json"):
        out = run_cli("check", draft, "--decisions", file)
        assert out.returncode == 2 and "审核决定文件无法使用" in out.stderr and "Traceback" not in out.stderr


def test_cli_reads_the_windows_store_folder(make_docx, tmp_path):
    draft, _ = make_docx(raw=WRONG_TOTAL)
    session = Session.open(draft)
    session.decide([_index(session, "REQ-ROW-TOTAL")], DISMISSED, reason="已核实", by="张三")
    DecisionStore(tmp_path / "store").save(session.sha256, draft, session.decisions)
    out = run_cli("check", draft, "--json", "--decisions", tmp_path / "store")
    decided = [f for f in json.loads(out.stdout)[0]["findings"] if "decision" in f]
    assert [f["rule"] for f in decided] == ["REQ-ROW-TOTAL"]
    assert "没有这些报告的审核决定" not in out.stderr


def test_cli_says_when_a_decisions_folder_holds_none(make_docx, tmp_path):
    """A folder that holds no decisions at all is refused (a wrong folder); one that holds only
    other drafts' decisions is used, with a note that none applied."""
    draft, _ = make_docx(raw=WRONG_TOTAL)
    (tmp_path / "empty").mkdir()
    out = run_cli("check", draft, "--decisions", tmp_path / "empty")
    assert out.returncode == 2 and "没有审核决定文件" in out.stderr and "Traceback" not in out.stderr
    other, _ = make_docx(name="other.docx", raw={"requests.new.total": "999"})
    session = Session.open(other)
    session.decide([_index(session, "REQ-ROW-TOTAL")], DISMISSED, reason="已核实", by="张三")
    DecisionStore(tmp_path / "store").save(session.sha256, other, session.decisions)
    out = run_cli("check", draft, "--decisions", tmp_path / "store")
    assert out.returncode == 1 and "没有这些报告的审核决定，未套用任何决定" in out.stderr
