"""``nianbao sum``: add many reports' tables cell by cell (汇总), check the sum and, with
``--against``, a summary report against it; say what was left out and which units are missing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.cli.common import exit_status, print_line, refuse_output
from app.cli.exit_codes import ExitCode, worst
from core import formats
from core.check import check_files, expand_inputs, load
from core.outputs import OutputError
from core.rules import SEVERITY_ZH


def add_parser(sub) -> None:
    total = sub.add_parser("sum", help="汇总多份报告的统计表（逐格相加）并检查；可核对汇总报告、列出缺报单位")
    total.add_argument("files", nargs="+", metavar="文件", help="各单位的报告文件，或存放报告的文件夹")
    total.add_argument("--year", type=int, metavar="年度", help="只汇总这一年度的报告（默认：文件中最新的年度）")
    total.add_argument(
        "--units", metavar="单位名单", help="应报送单位名单（.txt 每行一个单位，或 .xlsx 第一列），列出缺报单位"
    )
    total.add_argument(
        "--against", metavar="汇总报告", help="已编写的汇总报告（草稿或已发布），逐格核对是否等于各单位之和"
    )
    total.add_argument("--json", action="store_true", help="以 JSON 输出（供脚本和测试使用）")
    total.add_argument("--xlsx", metavar="汇总.xlsx", help="导出汇总表、各单位情况、未计入文件和问题清单")
    total.add_argument("--docx", metavar="汇总.docx", help="按标准格式生成汇总报告初稿（统计表已填好）")
    total.add_argument("--agency", metavar="机关名称", default="", help="汇总报告的机关名称，用于 --docx 的标题和落款")
    total.add_argument("--force", action="store_true", help="允许覆盖已存在的输出文件")
    total.set_defaults(run=run)


def _fail(message: str, code: ExitCode) -> ExitCode:
    sys.stderr.write(message + "\n")
    return code


def run(args) -> int:
    files = expand_inputs(args.files)
    if not files:
        return _fail(f"没有找到要汇总的报告文件（{formats.describe()}）。", ExitCode.UNREADABLE)
    if args.year is not None and not 2000 <= args.year <= 2100:
        return _fail(f"年度“{args.year}”不正确，请写四位年份，例如 --year 2023。", ExitCode.UNREADABLE)
    inputs = [*files, *args.files, *(p for p in (args.units, args.against) if p)]
    for out, suffix in ((args.xlsx, ".xlsx"), (args.docx, ".docx")):
        if out and refuse_output(out, inputs, args.force, suffix):  # before any report is read
            return ExitCode.OUTPUT
    if args.xlsx and args.docx and Path(args.xlsx).resolve() == Path(args.docx).resolve():
        return _fail("Excel 和 Word 输出不能是同一个文件。", ExitCode.OUTPUT)
    units = None
    if args.units:
        from core.units import UnitsError, read_units

        try:
            units = read_units(args.units)
        except UnitsError as err:
            return _fail(str(err), ExitCode.UNREADABLE)
        except OSError as err:
            return _fail(f"无法读取单位名单“{args.units}”：{err.strerror or err}", ExitCode.UNREADABLE)
    against = None
    if args.against:
        if not Path(args.against).is_file():
            return _fail(f"找不到汇总报告：{args.against}", ExitCode.UNREADABLE)
        against = load(args.against)
        if not against.ok:
            return _fail(f"汇总报告无法读取：{against.error.message}", ExitCode.UNREADABLE)
    from core.summing import summarise

    s = summarise(check_files(files), year=args.year, units=units, against=against)
    if not s.parts:
        which = f"{args.year} 年度的" if args.year else "可以汇总的"
        sys.stderr.write(f"没有{which}报告，未生成汇总。\n")
    status = worst(
        [
            exit_status([s.result, *s.parts, *([s.against] if s.against else [])]),
            ExitCode.UNREADABLE if s.unreadable() or not s.parts else ExitCode.OK,
        ]
    )
    written = []
    try:
        if args.xlsx and s.parts:
            from core.sum_report import write_sum_workbook

            written.append(f"已导出汇总 Excel：{write_sum_workbook(s, args.xlsx)}")
        if args.docx and s.parts:
            from core.sum_report import write_summary_docx

            write_summary_docx(s.result.report, args.docx, args.agency, s.year, len(s.parts))
            written.append(f"已生成汇总报告初稿：{args.docx}（统计表已填好，请补写各部分文字）")
    except OutputError as err:
        status = worst([status, _fail(err.message, ExitCode.OUTPUT)])
    except OSError as err:
        status = worst([status, _fail(f"无法写入输出文件：{err.strerror or err}", ExitCode.OUTPUT)])
    except Exception as err:  # TemplateError and the like carry a Chinese message
        status = worst([status, _fail(f"无法生成输出文件：{err}", ExitCode.OUTPUT)])
    if args.json:
        json.dump(s.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        for line in written:
            print(line, file=sys.stderr)
        return status
    if s.parts:
        print_summation(s)
    for line in written:
        print(line)
    return status


def _finding(f, indent: str = "    ") -> str:
    return f"{indent}{SEVERITY_ZH[f.severity]}  {f.rule:<18} {f.message}"


def print_summation(s) -> None:
    from core.sum_report import REASONS, listing
    from core.summing import part_name

    year = f"{s.year} 年度" if s.year else "各报告"
    extra = f"，{len(s.left_out)} 个文件未计入" if s.left_out else ""
    print(f"{year}汇总：计入 {len(s.parts)} 份报告{extra}。")
    print("汇总数（各单位报告逐格相加）：")
    for line in listing(s.result.report):
        print(line)
    if s.flawed:
        print(f"\n以下 {len(s.flawed)} 份计入的报告本身有错误，汇总数可能不准，请先核实：")
        for p in s.flawed:
            print_line(p)
            for f in p.findings:
                if f.severity == "error" and not f.rule.startswith("CROSS-YEAR-"):
                    print(_finding(f))
    carry = s.carry_over()
    if carry:
        print(f"\n与上年报告对照（{len(carry)} 个单位）：")
        for file, findings in carry.items():
            part = next(p for p in s.parts if p.file == file)
            then = Path(s.previous_of.get(file) or "").name
            head = f"  {part_name(part)}（{Path(file).name}，对照 {then}）"
            print(head + ("：衔接一致" if not findings else f"：{len(findings)} 处问题"))
            for f in findings:
                print(_finding(f))
    if s.left_out:
        print(f"\n未计入汇总的文件（{len(s.left_out)} 个）：")
        for o in s.left_out:
            print(f"  [{REASONS[o.reason]}] {Path(o.file).name}：{o.message}")
    if s.units is not None:
        if s.missing_units:
            print(f"\n缺报单位（名单中有、未收到报告）：{len(s.missing_units)} 个")
            for u in s.missing_units:
                print(f"  {u}")
        else:
            print(f"\n名单中的 {len(s.units)} 个单位均已报送。")
        if s.unlisted:
            print(f"不在单位名单中的报告（已计入，请核实）：{len(s.unlisted)} 份")
            for p in s.unlisted:
                print(f"  {Path(p.file).name}（{part_name(p)}）")
    if s.against is not None:
        mismatches = [f for f in s.result.findings if f.rule == "SUM-PARTS"]
        name = Path(s.against.file).name
        note = "（汇总报告注明含本级数字，大于各单位之和的不计为问题）" if s.own_figures else ""
        print(
            f"\n与汇总报告“{name}”逐格核对{note}："
            + ("各单元格均等于各单位之和。" if not mismatches else f"{len(mismatches)} 个单元格不一致")
        )
        for f in mismatches:
            print(_finding(f, "  "))
        own = [f for f in s.against.findings if f.severity == "error"]
        if own:
            print(f"  汇总报告本身另有 {len(own)} 处错误，请用 nianbao check 查看。")
    errors = [f for f in s.result.findings if f.severity == "error" and f.rule != "SUM-PARTS"]
    print("\n汇总结果：" + ("各项合计关系均成立" if not errors else f"{len(errors)} 处错误"))
    for f in errors:
        print(_finding(f, "  "))
