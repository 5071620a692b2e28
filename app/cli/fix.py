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
    fix.add_argument("--recompute-totals", action="store_true", help="以分项为准重算所有总计")
    fix.add_argument("--template", metavar="模板.docx", help="使用本单位自己的模板（默认：标准格式模板）")
    fix.add_argument("--force", action="store_true", help="允许覆盖已存在的输出文件")
    fix.set_defaults(run=run)


def run(args) -> int:
    source, out = Path(args.file), Path(args.out)
    if refuse_output(out, [source, *filter(None, [args.template])], args.force):
        return ExitCode.OUTPUT
    from core.errors import ReadError
    from core.outputs import OutputError
    from core.regenerate import TemplateError, write_corrected

    try:
        result = write_corrected(source, out, template=args.template, recompute=args.recompute_totals)
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
    if result.remaining:
        print(f"以下 {len(result.remaining)} 个错误无法自动更正，请人工核实：")
        for f in result.remaining:
            print(f"  {f.rule:<20} {f.message}")
        return ExitCode.FINDINGS
    return ExitCode.OK
