"""``nianbao fix``: write a corrected report in the standard format (the draft is never written)."""

from __future__ import annotations

import sys
from pathlib import Path

from app.cli.common import refuse_output
from app.cli.exit_codes import ExitCode


def add_parser(sub) -> None:
    fix = sub.add_parser("fix", help="按标准格式生成更正稿 .docx（原稿不会被修改）")
    fix.add_argument("file", metavar="文件", help="报告文件")
    fix.add_argument("--out", required=True, metavar="更正稿.docx", help="输出的更正稿")
    fix.add_argument(
        "--recompute-totals", action="store_true", help="以分项为准重算所有总计（与诊断不一致时会明确说明）"
    )
    fix.add_argument(
        "--apply-suggestions", action="store_true", help="采用能唯一确定的诊断建议，改正填错的单元格并逐项列出"
    )
    fix.add_argument("--template", metavar="模板.docx", help="使用本单位自己的模板（默认：标准格式模板）")
    fix.add_argument("--force", action="store_true", help="允许覆盖已存在的输出文件")
    fix.set_defaults(run=run)


def run(args) -> int:
    source, out = Path(args.file), Path(args.out)
    if refuse_output(out, [source, *filter(None, [args.template])], args.force, ".docx"):
        return ExitCode.OUTPUT
    from core.check import read_report
    from core.errors import ReadError
    from core.outputs import OutputError
    from core.regenerate import TemplateError, regenerate

    try:
        report = read_report(source)
        result = regenerate(
            report,
            out,
            template=args.template,
            recompute=args.recompute_totals,
            suggestions=args.apply_suggestions,
            inputs=[source],
        )
    except OutputError as err:
        sys.stderr.write(err.message + "\n")
        return ExitCode.OUTPUT
    except ReadError as err:
        sys.stderr.write(err.message + "\n")
        return ExitCode.UNREADABLE
    except TemplateError as err:
        sys.stderr.write(f"{err}\n")
        return ExitCode.UNREADABLE
    print(f"已生成更正稿：{out}")
    print(f"共 {len(result.changes)} 处更改：" if result.changes else "没有需要更改的内容。")
    for change in result.changes:
        print(f"  {change.line()}")
    for note in result.notes:
        print(note)
    if result.narrative:
        print(f"注意：更正稿的正文中有 {len(result.narrative)} 处数字与统计表不一致，请同时修改正文：")
        for f in result.narrative:
            print(f"  {f.message}")
    if result.remaining:
        print(f"以下 {len(result.remaining)} 个错误无法自动更正，请人工核实：")
        for f in result.remaining:
            print(f"  {f.rule:<20} {f.message}")
        totals = sum(1 for f in result.remaining if f.fix)  # a wrong total: its parts' sum is known
        if totals and not args.recompute_totals:
            print(f"其中 {totals} 个是总计与分项不符：加 --recompute-totals 即可以分项为准重算这些总计。")
        return ExitCode.FINDINGS
    return ExitCode.OK
