"""What the subcommands share: the output guard's answer and the plain-text listings of results."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.exit_codes import ExitCode, worst
from core.presentation import verdict
from core.rules import SEVERITY_ZH

if TYPE_CHECKING:
    from collections.abc import Iterable

    from core.check import CheckResult


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: CJK wide and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """``text`` left-aligned in ``width`` terminal columns."""
    return text + " " * max(0, width - display_width(text))


# What each kind of output is called, by the suffix its file must have.
OUTPUT_KINDS = {".xlsx": "Excel 工作簿", ".docx": "Word 文档", ".pdf": "PDF 文件"}


def refuse_output(out: str | Path, inputs, force: bool, suffix: str | None = None) -> bool:
    """Print why ``out`` may not be written (core.outputs decides; its suffix must say what it
    holds, so that a workbook is never saved as 更正.pdf) and say whether it was refused: the
    caller then exits with ExitCode.OUTPUT before any work is done."""
    from core.outputs import output_problem

    problem = output_problem(out, inputs, force)
    if problem is None and suffix and Path(out).suffix.lower() != suffix:
        problem = (
            f"“{Path(out).name}”的扩展名不对：这里保存的是 {OUTPUT_KINDS[suffix]}，"
            f"文件名应以 {suffix} 结尾（例如“{Path(out).stem}{suffix}”）。"
        )
    if problem:
        sys.stderr.write(problem + "\n")
    return problem is not None


def print_listing(result: CheckResult, out) -> None:
    name = Path(result.file).name
    if result.error:
        print(f"【{name}】无法读取：{result.error.message}", file=out)
        return
    title = result.report.meta.title or "（未识别到报告标题）"
    print(f"【{name}】{title}", file=out)
    for d in result.diagnoses:  # which cell broke the sums leads: the sum findings follow
        print(f"  诊断  {'建议改正' if d.unique else '无法确定'}  {d.message}", file=out)
        print(f"        可解释下列错误：{'、'.join(d.explains)}", file=out)
    for i, f in enumerate(result.findings):
        print(f"  {SEVERITY_ZH[f.severity]}  {f.rule:<20} {f.message}{decision_note(result.decision(i))}", file=out)
    if result.findings:
        print(f"  共 {result.errors} 处错误，{result.warnings} 处提示{decided_note(result)}", file=out)
    else:
        print("  未发现问题", file=out)


def decision_note(decision) -> str:
    """A recorded decision, after a finding's line."""
    if decision is None:
        return ""
    who = "，".join(x for x in (decision.by, decision.at_display) if x)
    why = f"：{decision.reason}" if decision.reason else ""
    return f"  【{decision.status_zh}{why}" + (f"（{who}）" if who else "") + "】"


def decided_note(result: CheckResult) -> str:
    """How many findings the reviewer decided; dismissed errors do not count for the exit status."""
    if result.applied is None:
        return ""
    decided = len(result.applied.by_finding)
    dismissed = result.dismissed
    note = f"；审核决定 {decided} 条（已确认 {decided - dismissed}，已忽略 {dismissed}）" if decided else ""
    if dismissed and result.open_errors != result.errors:
        note += f"，{result.errors - result.open_errors} 处已忽略的错误不计入退出状态"
    if result.applied.lapsed:
        note += f"；{len(result.applied.lapsed)} 条决定已失效（相关单元格的数值已改变）"
    return note


def print_table(results: Iterable[CheckResult]) -> None:
    """One aligned line per report (wide characters count double); why a file could not be read
    follows the table, on standard error. One pass over ``results``: only the rows are kept."""
    rows = [("结果", "文件", "机关", "年度", "错误", "提示", "备注")]
    unread: list[str] = []
    for r in results:
        name = Path(r.file).name
        if r.error:
            rows.append(("无法读取", name, "", "", "-", "-", "原因见下"))
            unread.append(f"无法读取  {name}：{r.error.message}")
            continue
        meta = r.report.meta
        rows.append(
            (
                verdict(r.errors),
                name,
                meta.agency or "（未识别）",
                str(meta.year or ""),
                str(r.errors),
                str(r.warnings),
                "已对照上年" if r.report.previous is not None else "",
            )
        )
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(pad(text, width) for text, width in zip(row, widths)).rstrip())
    sys.stdout.flush()
    for line in unread:
        print(line, file=sys.stderr)


def print_line(result: CheckResult) -> None:
    name = Path(result.file).name
    if result.error:
        print(f"无法读取  {name}：{result.error.message}", file=sys.stderr)
        return
    meta = result.report.meta
    shown = pad(verdict(result.open_errors), display_width(verdict(1)))
    paired = "（已对照上年）" if result.report.previous is not None else ""
    print(
        f"{shown}  {name}  {meta.agency or ''} {meta.year or ''}  {result.errors} 处错误，{result.warnings} 处提示{paired}"
        + decided_note(result)
    )


def exit_status(results: list[CheckResult]) -> ExitCode:
    return worst(
        ExitCode.UNREADABLE if not r.ok else ExitCode.FINDINGS if r.open_errors else ExitCode.OK for r in results
    )
