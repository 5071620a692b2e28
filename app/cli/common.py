"""What the subcommands share: the output guard's answer and the plain-text listings of results."""

from __future__ import annotations

import sys
from pathlib import Path

from app.cli.exit_codes import ExitCode, worst
from core.check import CheckResult
from core.rules import SEVERITY_ZH


def refuse_output(out: str | Path, inputs, force: bool) -> bool:
    """Print why ``out`` may not be written (core.outputs decides) and say whether it was refused:
    the caller then exits with ExitCode.OUTPUT before any work is done."""
    from core.outputs import output_problem

    problem = output_problem(out, inputs, force)
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
    for f in result.findings:
        print(f"  {SEVERITY_ZH[f.severity]}  {f.rule:<20} {f.message}", file=out)
    if result.findings:
        print(f"  共 {result.errors} 处错误，{result.warnings} 处提示", file=out)
    else:
        print("  未发现问题", file=out)


def print_line(result: CheckResult) -> None:
    name = Path(result.file).name
    if result.error:
        print(f"无法读取  {name}：{result.error.message}", file=sys.stderr)
        return
    meta = result.report.meta
    verdict = "有错误" if result.errors else "通过  "
    paired = "（已对照上年）" if result.report.previous is not None else ""
    print(
        f"{verdict}  {name}  {meta.agency or ''} {meta.year or ''}  {result.errors} 处错误，{result.warnings} 处提示{paired}"
    )


def exit_status(results: list[CheckResult]) -> ExitCode:
    return worst(ExitCode.UNREADABLE if not r.ok else ExitCode.FINDINGS if r.errors else ExitCode.OK for r in results)
