"""What the window says of a statutory cell when the pointer rests on it: its findings, what the
diagnoses say of it, what the draft had, last year's counterpart.

Core layer, no Qt: :meth:`core.session.Session.tip` gives this text, display-ready; the Qt model
(``gui/table_model.py``) only maps it to the tooltip role (as rich text). A rule line ends in
:data:`RULE_MARK` and the rule's code, which the window sets small and grey.
"""

from __future__ import annotations

from core.presentation import actual_expected
from core.rules import SEVERITY_ZH, catalogue
from core.schema import cell_display, schema

RULE_MARK = "\x00"


def rule_line(code: str) -> str:
    """The rule a finding comes from, by its Chinese title, then the mark and its code."""
    rule = next((r for r in catalogue() if r.code == code), None)
    return f"    规则：{rule.summary if rule else code}{RULE_MARK}{code}"


def finding_lines(findings, explained: bool = False) -> str:
    """The findings on a cell; on a total a diagnosis explains, without 「应为」 (it need not change)."""
    lines = []
    for f in findings:
        line = f"【{SEVERITY_ZH[f.severity]}】{f.message}"
        expected = actual_expected(f)[1]
        if expected and not explained:
            line += f"\n    应为：{expected}"
        lines.append(line + "\n" + rule_line(f.rule))
    return "\n".join(lines)


def diagnosis_lines(session, state) -> str:
    """What the diagnoses say of a cell: 「建议改为 21」 where one names it; on a total whose sum
    a diagnosis explains, which cell is wrong instead."""
    lines = []
    if state.suggestion is not None:
        lines.append(f"建议改为 {state.suggestion}（右键或工具栏“采用建议”，可撤销）")
    for d in state.diagnoses:
        lines.append(f"【诊断】{d.message}")
    if state.explained and state.suggestion is None:
        d = next((d for f in state.findings if (d := session.explained_by(f)) is not None), None)
        if d is not None:
            named = "、".join(cell_display(c.cell) for c in d.changes)
            lines.append(f"此处合计不符，是因为{named}很可能填错；这一格本身不必改。")
            lines.append(f"【诊断】{d.message}")
    return "\n".join(lines)


def cell_tip(session, cell_id: str) -> str:
    """The whole text for one cell of ``session`` (empty when there is nothing to say)."""
    state = session.state(cell_id)
    parts = [diagnosis_lines(session, state), finding_lines(state.findings, state.explained)]
    if cell_id in session.original and session.is_edited(cell_id):
        parts.append(f"原稿填写：{session.original[cell_id] or '（空白）'}")
    if state.raw is None:
        parts.append("原稿中未找到这个单元格")
    previous = session.report.previous
    pair = schema().counterpart(cell_id) if previous is not None else None
    if pair:
        before = previous.value(pair[0])
        parts.append(f"本年：{state.raw or '（空白）'}    {pair[1]}：{before.raw if before else '（未找到）'}")
    return "\n".join(p for p in parts if p)
