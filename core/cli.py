"""The ``nianbao`` command line: ``check``, ``fix`` and ``sheet`` for batch review, ``rules`` for the catalogue.

Core layer: the ``check`` path imports nothing from Qt, so it starts fast and runs on machines
without a display. ``sheet`` prints through Qt (offscreen) and imports it only when it runs. Running ``nianbao`` with no subcommand (or with file paths) opens the window,
which lives in ``gui/`` and is imported only then.

Exit status (spec section 5): 0 every file read and no error finding; 1 some error finding;
2 some input could not be read as a report, or the command line itself was wrong.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
from pathlib import Path

from core import __version__
from core.check import CheckResult, check_file, check_files, expand_inputs, load
from core.rules import SEVERITY_ZH, catalogue

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
SUBCOMMANDS = {"check", "fix", "rules", "sheet", "sum"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own text is English; keep ours plain
        sys.stderr.write(f"命令参数有误：{message}\n请运行 nianbao --help 查看用法。\n")
        raise SystemExit(EXIT_UNREADABLE)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nianbao", description="政府信息公开工作年度报告校核工具")
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    check = sub.add_parser("check", help="检查报告，列出发现的问题")
    check.add_argument(
        "files",
        nargs="+",
        metavar="文件",
        help="报告文件（.docx、.pdf、保存的网页 .html/.mht，或纯文本导出 .txt），或存放报告的文件夹",
    )
    check.add_argument(
        "--previous", metavar="上年报告", help="上年度的年报，用于核对结转数、现行有效件数和问题部分是否雷同"
    )
    check.add_argument("--detail", action="store_true", help="多份报告时也逐条列出每份报告的问题")
    check.add_argument("--json", action="store_true", help="以 JSON 输出（供脚本和测试使用）")
    check.add_argument("--xlsx", metavar="结果.xlsx", help="同时导出 Excel：三张表（问题单元格标色并附批注）和问题清单")
    check.add_argument("--force", action="store_true", help="允许覆盖已存在的 Excel 文件")
    fix = sub.add_parser("fix", help="按标准格式生成更正稿 .docx（原稿不会被修改）")
    fix.add_argument("file", metavar="文件", help="报告文件")
    fix.add_argument("--out", required=True, metavar="更正稿.docx", help="输出的更正稿")
    fix.add_argument("--recompute-totals", action="store_true", help="以分项为准重算所有总计")
    fix.add_argument("--template", metavar="模板.docx", help="使用本单位自己的模板（默认：标准格式模板）")
    fix.add_argument("--force", action="store_true", help="允许覆盖已存在的输出文件")
    sheet = sub.add_parser("sheet", help="生成审核单 PDF（供打印、签字、存档）")
    sheet.add_argument("files", nargs="+", metavar="文件", help="报告文件")
    where = sheet.add_mutually_exclusive_group(required=True)
    where.add_argument("--pdf", metavar="审核单.pdf", help="输出的 PDF 文件（只检查一份报告时）")
    where.add_argument("--out-dir", metavar="文件夹", help="输出文件夹：每份报告一份“<文件名>-审核单.pdf”")
    sheet.add_argument("--force", action="store_true", help="允许覆盖已存在的输出文件")
    total = sub.add_parser("sum", help="汇总多份报告的统计表（逐格相加）并检查汇总结果")
    total.add_argument("files", nargs="+", metavar="文件", help="各单位的报告文件，或存放报告的文件夹")
    total.add_argument("--xlsx", metavar="汇总.xlsx", help="导出汇总表、各单位情况和问题清单")
    total.add_argument("--force", action="store_true", help="允许覆盖已存在的 Excel 文件")
    rules = sub.add_parser("rules", help="列出全部检查规则")
    rules.add_argument("--markdown", action="store_true", help="以 Markdown 输出规则说明文档")
    return parser


def _print_listing(result: CheckResult, out) -> None:
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


def _print_line(result: CheckResult) -> None:
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


def _exit_status(results: list[CheckResult]) -> int:
    if any(not r.ok for r in results):
        return EXIT_UNREADABLE
    if any(r.errors for r in results):
        return EXIT_FINDINGS
    return EXIT_OK


def cmd_check(args) -> int:
    if args.xlsx:
        refusals = [r for r in (_refuse_output(Path(args.xlsx), Path(f), args.force) for f in args.files) if r]
        if refusals:
            sys.stderr.write(refusals[0] + "\n")
            return EXIT_UNREADABLE
    files = expand_inputs(args.files)
    if not files:
        sys.stderr.write("没有找到要检查的报告文件（.docx、.pdf、网页或 .txt）。\n")
        return EXIT_UNREADABLE
    if args.previous and not Path(args.previous).is_file():
        sys.stderr.write(f"找不到上年报告：{args.previous}\n")
        return EXIT_UNREADABLE
    prior = None
    if args.previous:
        loaded = load(args.previous)
        if not loaded.ok:
            sys.stderr.write(f"上年报告无法读取：{loaded.error.message}\n")
            return EXIT_UNREADABLE
        prior = loaded.report
    results = check_files(files, previous=prior)
    if args.xlsx:
        from core.xlsx import write_workbook

        write_workbook(results, args.xlsx)
        print(f"已导出 Excel：{args.xlsx}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        json.dump([r.to_json() for r in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        for r in results:
            if r.error:
                print(f"{Path(r.file).name}：{r.error.message}", file=sys.stderr)
    elif len(results) == 1 or args.detail:
        for i, r in enumerate(results):
            if i:
                print()
            _print_listing(r, sys.stderr if r.error else sys.stdout)
    else:
        for r in results:
            _print_line(r)
    if not args.json and len(results) > 1:
        unread = sum(1 for r in results if not r.ok)
        print(
            f"\n共检查 {len(results)} 份报告：{sum(r.errors for r in results)} 处错误，"
            f"{sum(r.warnings for r in results)} 处提示" + (f"，{unread} 份无法读取" if unread else "")
        )
    return _exit_status(results)


def _refuse_output(out: Path, source: Path, force: bool) -> str | None:
    """Why ``out`` may not be written, or None: never the draft, never an existing file unasked."""
    if out.resolve() == source.resolve():
        return f"输出文件不能是报告原稿本身：{out}"
    if out.exists() and not force:
        return f"“{out}”已存在，未覆盖。如需覆盖请加 --force。"
    return None


def cmd_fix(args) -> int:
    source, out = Path(args.file), Path(args.out)
    refusal = _refuse_output(out, source, args.force)
    if refusal:
        sys.stderr.write(refusal + "\n")
        return EXIT_UNREADABLE
    from core.errors import ReadError
    from core.regenerate import TemplateError, write_corrected

    try:
        result = write_corrected(source, out, template=args.template, recompute=args.recompute_totals)
    except ReadError as err:
        sys.stderr.write(err.message + "\n")
        return EXIT_UNREADABLE
    except TemplateError as err:
        sys.stderr.write(f"{err}\n")
        return EXIT_UNREADABLE
    print(f"已生成更正稿：{out}")
    print(f"共 {len(result.changes)} 处更改：" if result.changes else "没有需要更改的内容。")
    for change in result.changes:
        print(f"  {change.line()}")
    if result.remaining:
        print(f"以下 {len(result.remaining)} 个错误无法自动更正，请人工核实：")
        for f in result.remaining:
            print(f"  {f.rule:<20} {f.message}")
        return EXIT_FINDINGS
    return EXIT_OK


def _sheet_targets(args) -> list[tuple[str, Path]] | None:
    if args.pdf:
        if len(args.files) != 1:
            sys.stderr.write("--pdf 只能用于一份报告；多份报告请用 --out-dir 文件夹。\n")
            return None
        return [(args.files[0], Path(args.pdf))]
    folder = Path(args.out_dir)
    if folder.exists() and not folder.is_dir():
        sys.stderr.write(f"“{folder}”不是文件夹。\n")
        return None
    return [(f, folder / f"{Path(f).stem}-审核单.pdf") for f in args.files]


def cmd_sheet(args) -> int:
    targets = _sheet_targets(args)
    if targets is None:
        return EXIT_UNREADABLE
    status = []
    for source, out in targets:
        refusal = _refuse_output(out, Path(source), args.force)
        if refusal:
            sys.stderr.write(refusal + "\n")
            status.append(EXIT_UNREADABLE)
            continue
        result = check_file(source)
        if result.error:
            print(f"{Path(source).name}：{result.error.message}", file=sys.stderr)
            status.append(EXIT_UNREADABLE)
            continue
        from core.session import file_sha256
        from core.sheet import sheet_context, sheet_html
        from gui.printing import write_pdf  # Qt, offscreen, only for this command

        out.parent.mkdir(parents=True, exist_ok=True)
        context = sheet_context(source, result.report, result.findings, file_sha256(Path(source)))
        pages = write_pdf(sheet_html(context), out, title=f"审核单 {Path(source).name}")
        print(f"{Path(source).name} → {out}（{pages} 页；{result.errors} 处错误，{result.warnings} 处提示）")
        status.append(EXIT_FINDINGS if result.errors else EXIT_OK)
    return max(status, default=EXIT_OK)


def cmd_sum(args) -> int:
    files = expand_inputs(args.files)
    if args.xlsx:
        refusals = [r for r in (_refuse_output(Path(args.xlsx), Path(f), args.force) for f in files) if r]
        if refusals:
            sys.stderr.write(refusals[0] + "\n")
            return EXIT_UNREADABLE
    from core.summing import sum_reports

    results = check_files(files)
    summed = sum_reports(results)
    print(f"汇总 {sum(1 for r in results if r.ok)} 份报告（共 {len(results)} 份）。")
    flawed = [r for r in results if not r.ok or r.errors]
    if flawed:
        print("以下报告本身有错误，汇总数可能不准，请先核实：")
        for r in flawed:
            _print_line(r)
    print("汇总结果：" + ("未发现错误" if not summed.errors else f"{summed.errors} 处错误"))
    for f in summed.findings:
        if f.severity == "error":
            print(f"  {f.rule:<20} {f.message}")
    if args.xlsx:
        from core.xlsx import write_workbook

        write_workbook([summed], args.xlsx, summary_of=results)
        print(f"已导出汇总 Excel：{args.xlsx}")
    return _exit_status([summed, *results])


def rules_markdown() -> str:
    lines = ["# 检查规则 / Rule catalogue", "", "Generated by `nianbao rules --markdown`; do not edit by hand.", ""]
    for r in catalogue():
        lines += [
            f"## {r.code}",
            "",
            f"- 严重程度：{SEVERITY_ZH[r.severity]}（{r.severity}）",
            f"- {r.summary}",
            "",
            r.doc,
            "",
        ]
    return "\n".join(lines)


def cmd_rules(args) -> int:
    if args.markdown:
        sys.stdout.write(rules_markdown())
    else:
        for r in catalogue():
            print(f"{r.code:<20} {SEVERITY_ZH[r.severity]}  {r.summary}")
    return EXIT_OK


def _open_window(paths: list[str]) -> int:
    try:
        from gui.app import run  # Qt is imported only for the window
    except ImportError as err:
        sys.stderr.write(f"无法启动图形界面（{err}）。命令行检查仍可使用：nianbao check 报告.docx\n")
        return EXIT_UNREADABLE
    return run(paths)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    if not argv or argv[0] == "--screenshot" or (argv[0] not in SUBCOMMANDS and not argv[0].startswith("-")):
        return _open_window(argv)
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return EXIT_OK
    commands = {"check": cmd_check, "fix": cmd_fix, "rules": cmd_rules, "sheet": cmd_sheet, "sum": cmd_sum}
    return commands[args.command](args)


def entry() -> None:
    multiprocessing.freeze_support()  # a frozen build's batch workers start through here on Windows
    try:
        status = main()
    except BrokenPipeError:  # output piped into head, less …: not an error
        sys.stderr.close()
        status = EXIT_OK
    except KeyboardInterrupt:
        status = 130
    except Exception as err:  # never show a traceback
        sys.stderr.write(f"程序内部错误（{type(err).__name__}）。您的文件没有被修改；请联系技术支持。\n")
        status = EXIT_UNREADABLE
    raise SystemExit(status)


if __name__ == "__main__":
    entry()
