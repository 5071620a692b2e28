"""``nianbao sum``: add many reports' tables cell by cell and check the sum."""

from __future__ import annotations

import sys

from app.cli.common import exit_status, print_line, refuse_output
from app.cli.exit_codes import ExitCode
from core.check import check_files, expand_inputs


def add_parser(sub) -> None:
    total = sub.add_parser("sum", help="汇总多份报告的统计表（逐格相加）并检查汇总结果")
    total.add_argument("files", nargs="+", metavar="文件", help="各单位的报告文件，或存放报告的文件夹")
    total.add_argument("--xlsx", metavar="汇总.xlsx", help="导出汇总表、各单位情况和问题清单")
    total.add_argument("--force", action="store_true", help="允许覆盖已存在的 Excel 文件")
    total.set_defaults(run=run)


def run(args) -> int:
    files = expand_inputs(args.files)
    if args.xlsx and refuse_output(args.xlsx, [*files, *args.files], args.force):
        return ExitCode.OUTPUT
    from core.summing import sum_reports

    results = check_files(files)
    summed = sum_reports(results)
    print(f"汇总 {sum(1 for r in results if r.ok)} 份报告（共 {len(results)} 份）。")
    flawed = [r for r in results if not r.ok or r.errors]
    if flawed:
        print("以下报告本身有错误，汇总数可能不准，请先核实：")
        for r in flawed:
            print_line(r)
    print("汇总结果：" + ("未发现错误" if not summed.errors else f"{summed.errors} 处错误"))
    for f in summed.findings:
        if f.severity == "error":
            print(f"  {f.rule:<20} {f.message}")
    if args.xlsx:
        from core.outputs import OutputError
        from core.xlsx import write_workbook

        try:
            write_workbook([summed], args.xlsx, summary_of=results, inputs=files)
        except OutputError as err:
            sys.stderr.write(err.message + "\n")
            return ExitCode.OUTPUT
        print(f"已导出汇总 Excel：{args.xlsx}")
    return exit_status([summed, *results])
