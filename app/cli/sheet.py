"""``nianbao sheet``: the findings sheet as a PDF, printed through the Qt adapter (offscreen)."""

from __future__ import annotations

import sys
from pathlib import Path

from app.cli.common import refuse_output
from app.cli.exit_codes import ExitCode, worst
from core.check import check_file, expand_inputs


def add_parser(sub) -> None:
    sheet = sub.add_parser("sheet", help="生成审核单 PDF（供打印、签字、存档）")
    sheet.add_argument("files", nargs="+", metavar="文件", help="报告文件，或存放报告的文件夹（配合 --out-dir）")
    where = sheet.add_mutually_exclusive_group(required=True)
    where.add_argument("--pdf", metavar="审核单.pdf", help="输出的 PDF 文件（只检查一份报告时）")
    where.add_argument("--out-dir", metavar="文件夹", help="输出文件夹：每份报告一份“<文件名>-审核单.pdf”")
    sheet.add_argument(
        "--decisions", metavar="决定.json", help="把审核决定（确认/忽略及理由）印在审核单上；也可给出决定文件夹"
    )
    sheet.add_argument("--force", action="store_true", help="允许覆盖已存在的输出文件")
    sheet.set_defaults(run=run)


def _targets(args) -> list[tuple[str, Path]] | None:
    if args.pdf:
        if len(args.files) != 1:
            sys.stderr.write("--pdf 只能用于一份报告；多份报告请用 --out-dir 文件夹。\n")
            return None
        return [(args.files[0], Path(args.pdf))]
    folder = Path(args.out_dir)
    if folder.exists() and not folder.is_dir():
        sys.stderr.write(f"“{folder}”不是文件夹。\n")
        return None
    # a folder of reports, as check and sum take it — not the sheets an earlier run put in the output folder
    files = [f for f in expand_inputs(args.files) if not _inside(Path(f), folder) or f in args.files]
    if not files:
        sys.stderr.write("没有找到要生成审核单的报告文件（.docx、.pdf、网页或 .txt）。\n")
        return None
    return list(zip(files, sheet_names(files, folder)))


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def sheet_names(files: list[str], folder: Path) -> list[Path]:
    """One “<file name>-审核单.pdf” per input, never the same for two inputs: 示例.docx and
    示例.pdf get “示例-docx-审核单.pdf” and “示例-pdf-审核单.pdf”; two 示例.docx from different
    folders a number as well."""
    stems = [Path(f).stem for f in files]
    names = []
    for f, stem in zip(files, stems):
        suffix = Path(f).suffix.lower().lstrip(".")
        names.append(f"{stem}-{suffix}" if stems.count(stem) > 1 and suffix else stem)
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        unique = name if names.count(name) == 1 else f"{name}-{seen[name]}"
        out.append(folder / f"{unique}-审核单.pdf")
    return out


def run(args) -> int:
    targets = _targets(args)
    if targets is None:
        return ExitCode.UNREADABLE
    recorded = None
    if args.decisions:
        from app.cli.check import read_recorded

        recorded = read_recorded(Path(args.decisions))
        if recorded is None:
            return ExitCode.UNREADABLE
    if args.out_dir:
        try:
            Path(args.out_dir).mkdir(parents=True, exist_ok=True)
        except OSError as err:
            from core.outputs import disk_message

            sys.stderr.write(disk_message(Path(args.out_dir) / "审核单.pdf", err) + "\n")
            return ExitCode.OUTPUT
    inputs = [source for source, _ in targets] + ([args.decisions] if args.decisions else [])
    refused = [out for _, out in targets if refuse_output(out, inputs, args.force, ".pdf")]
    if refused:  # decided before any report is checked
        return ExitCode.OUTPUT
    from core.outputs import OutputError

    status = []
    for source, out in targets:
        result = check_file(source)
        if recorded is not None:
            from app.cli.check import apply_recorded

            apply_recorded([result], recorded)
        if result.error:
            print(f"{Path(source).name}：{result.error.message}", file=sys.stderr)
            status.append(ExitCode.UNREADABLE)
            continue
        from core.session import file_sha256
        from core.sheet import sheet_context, sheet_renderer
        from gui.printing import write_pdf  # the Qt printer adapter, offscreen, only for this command

        context = sheet_context(
            source,
            result.report,
            result.findings,
            file_sha256(Path(source)),
            decisions=result.applied,
            diagnoses=result.diagnoses,
        )
        try:
            pages = write_pdf(sheet_renderer(context), out, title=f"审核单 {Path(source).name}", inputs=inputs)
        except OutputError as err:
            sys.stderr.write(err.message + "\n")
            status.append(ExitCode.OUTPUT)
            continue
        print(f"{Path(source).name} → {out}（{pages} 页；{result.errors} 处错误，{result.warnings} 处提示）")
        status.append(ExitCode.FINDINGS if result.open_errors else ExitCode.OK)
    return worst(status)
