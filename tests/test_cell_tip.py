"""What the window says of a cell on hover comes display-ready from the session
(core/cell_tip.py, Session.tip); no Qt needed to read it."""

from __future__ import annotations

import fixturegen
from core.cell_tip import RULE_MARK
from core.check import check_file
from core.session import Session


def test_a_wrong_total_says_what_it_should_be_and_by_which_rule(make_docx):
    path, _ = make_docx(raw={"appeals.review.total": "99"})
    session = Session.open(path)
    tip = session.tip("appeals.review.total")
    assert "【错误】" in tip and "应为：" in tip and f"{RULE_MARK}APPEAL-GROUP-TOTAL" in tip
    assert session.tip("requests.new.natural") == ""  # nothing to say of a sound cell


def test_an_edit_shows_what_the_draft_had(make_docx):
    path, _ = make_docx(raw={"appeals.review.upheld": "3"})
    session = Session.open(path)
    session.set_cells({"appeals.review.upheld": "4"})
    assert "原稿填写：3" in session.tip("appeals.review.upheld")


def test_last_years_counterpart_is_named(make_docx):
    v = fixturegen.consistent_values()
    then, _ = make_docx(name="2022.docx", year=2022)
    now, _ = make_docx(name="2023.docx", year=2023)
    session = Session.open(now)
    assert "上年“结转下年度继续办理”" not in session.tip("requests.carried_over.natural")
    session.set_previous(check_file(then).report)
    tip = session.tip("requests.carried_over.natural")
    assert f"上年“结转下年度继续办理”：{v['requests.carry_forward.natural']}" in tip
