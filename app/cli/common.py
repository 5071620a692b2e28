"""What the subcommands share: the output guard and the plain-text listings of results."""

from __future__ import annotations

import sys
from pathlib import Path

from app.cli.exit_codes import ExitCode, worst
from core.check import CheckResult
from core.rules import SEVERITY_ZH


def refuse_output(out: Path, source: Path, force: bool) -> str | None:
    """Why ``out`` may not be written, or None: never the draft, never an existing file unasked."""
    if out.resolve() == source.resolve():
        return f"输出文件不能是报告原稿本身：{out}"
    if out.exists() and not force:
        return f"“{out}”已存在，未覆盖。如需覆盖请加 --force。"
    return None


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
