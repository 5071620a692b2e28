"""``nianbao check``: read and check reports, print findings (text, ``--json``, ``--xlsx``)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import exit_status, print_listing, print_table, refuse_output
from app.cli.exit_codes import ExitCode
from core import formats
from core.check import CheckResult, decide_one_from_store, expand_inputs, iter_files, load, previous_doubts

if TYPE_CHECKING:  # the decisions are imported only when --decisions is given
    from core.decisions import DecisionSet, DecisionStore


def add_parser(sub) -> None:
    check = sub.add_parser("check", help="检查报告，列出发现的问题")
    check.add_argument(
        "files",
        nargs="+",
        metavar="文件",
        help=f"报告文件（{formats.describe(long=True)}），或存放报告的文件夹",
    )
    check.add_argument(
        "--previous", metavar="上年报告", help="上年度的年报，用于核对结转数、现行有效件数和问题部分是否雷同"
    )
    check.add_argument("--detail", action="store_true", help="多份报告时也逐条列出每份报告的问题")
    check.add_argument("--json", action="store_true", help="以 JSON 输出（供脚本和测试使用）")
    check.add_argument("--xlsx", metavar="结果.xlsx", help="同时导出 Excel：三张表（问题单元格标色并附批注）和问题清单")
    check.add_argument(
        "--decisions",
        metavar="决定.json",
        help="套用审核窗口保存的审核决定（确认/忽略）；也可给出存放决定文件的文件夹，按报告的 SHA-256 对应",
    )
    check.add_argument("--force", action="store_true", help="允许覆盖已存在的 Excel 文件")
    check.set_defaults(run=run)


def read_recorded(where: Path) -> DecisionSet | DecisionStore | None:
    """A decisions file, or a folder of the window's stored decisions; None (message on stderr)
    when the file cannot be used."""
    from core.decisions import DecisionsError, DecisionStore, load_decisions

    try:
        if where.is_dir():
            if not any(where.glob(f"*{DecisionStore.SUFFIX}")):
                sys.stderr.write(
                    f"文件夹“{where}”中没有审核决定文件（审核窗口保存的 *{DecisionStore.SUFFIX}）。"
                    "请给出审核决定文件，或保存审核决定的文件夹。\n"
                )
                return None
            return DecisionStore(where)
        return load_decisions(where)
    except DecisionsError as err:
        sys.stderr.write(f"审核决定文件无法使用：{err.message}\n")
        return None


def apply_recorded(results: list[CheckResult], recorded: DecisionSet | DecisionStore) -> None:
    """Lay recorded decisions over the results: one decisions file for every input, or a folder
    of the window's stored decisions (``<SHA-256>.decisions.json``), found per draft — saying so
    when the folder holds none for any of them."""
    found = sum(decide(r, recorded) for r in results)  # every result, found or not
    if not found and none_found(recorded):
        sys.stderr.write(none_found(recorded))


def decide(result: CheckResult, recorded: DecisionSet | DecisionStore) -> bool:
    """Lay recorded decisions over one result (see :func:`apply_recorded`): whether some were
    found for it (always, for a decisions file)."""
    from core.decisions import DecisionStore

    if isinstance(recorded, DecisionStore):
        return decide_one_from_store(result, recorded)
    result.decide(recorded)
    return True


def none_found(recorded: DecisionSet | DecisionStore) -> str:
    """What to say when a folder of stored decisions held none for any input ("" for a file)."""
    from core.decisions import DecisionStore

    if not isinstance(recorded, DecisionStore):
        return ""
    return f"注意：文件夹“{recorded.folder}”中没有这些报告的审核决定，未套用任何决定。\n"


class _Tally:
    """What a batch's one pass keeps of its results: the totals and the exit status."""

    def __init__(self) -> None:
        self.n = self.errors = self.warnings = self.unread = self.dismissed = 0
        self.status = ExitCode.OK

    def add(self, r: CheckResult) -> None:
        self.n += 1
        self.errors += r.errors
        self.warnings += r.warnings
        self.unread += not r.ok
        self.dismissed += r.dismissed
        self.status = max(self.status, exit_status([r]))


class _Waiting:
    """Standard error, held back (a few short lines) while a note that must come first may still
    be due: the one saying a decisions folder held none for any input, known only at the end."""

    def __init__(self, waiting: bool) -> None:
        self.lines: list[str] | None = [] if waiting else None

    def write(self, text: str) -> None:
        if self.lines is None:
            sys.stderr.write(text)
        else:
            self.lines.append(text)

    def flush(self) -> None:
        if self.lines is None:
            sys.stderr.flush()

    def release(self, note: str = "") -> None:
        """Write the note, then what was held back; from now on, straight through."""
        if self.lines is not None:
            lines, self.lines = self.lines, None
            sys.stderr.write(note + "".join(lines))


def write_json_list(items, out) -> None:
    """``json.dump(list(items), out, ensure_ascii=False, indent=2)``, the same text, written one
    item at a time: a batch's JSON is never all in memory at once."""
    first = True
    for item in items:
        out.write("[\n  " if first else ",\n  ")
        out.write(json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  "))
        first = False
    out.write("[]" if first else "\n]")


def run(args) -> int:
    files = expand_inputs(args.files)
    if args.xlsx and refuse_output(
        args.xlsx, [*files, *args.files, *filter(None, [args.previous, args.decisions])], args.force, ".xlsx"
    ):
        return ExitCode.OUTPUT
    if not files:
        sys.stderr.write(f"没有找到要检查的报告文件（{formats.describe()}）。\n")
        return ExitCode.UNREADABLE
    if args.previous and Path(args.previous).is_dir():
        sys.stderr.write(
            f"上年报告应是一份报告文件，“{args.previous}”是文件夹。"
            "（把两年的报告放在同一文件夹中检查，同一单位相邻两年的报告会自动对照。）\n"
        )
        return ExitCode.UNREADABLE
    if args.previous and not Path(args.previous).is_file():
        sys.stderr.write(f"找不到上年报告：{args.previous}\n")
        return ExitCode.UNREADABLE
    if args.previous:
        from core.outputs import is_one_of  # tempfile and all: only with --previous

        if is_one_of(args.previous, files):
            sys.stderr.write(f"上年报告不能是要检查的报告本身：{args.previous}。请给出上一年度的年报。\n")
            return ExitCode.UNREADABLE
    prior = None
    if args.previous:
        loaded = load(args.previous)
        if not loaded.ok:
            sys.stderr.write(f"上年报告无法读取：{loaded.error.message}\n")
            return ExitCode.UNREADABLE
        prior = loaded.report
    recorded = None
    if args.decisions:  # read before the check: a bad file stops at once
        recorded = read_recorded(Path(args.decisions))
        if recorded is None:
            return ExitCode.UNREADABLE
    # One pass over the batch, each result let go of once used (core.check.iter_files): the
    # decisions laid over it, last year's doubts said, its JSON item, listing or table row written.
    tally = _Tally()
    stderr = _Waiting(recorded is not None and bool(none_found(recorded)))

    def checked():
        found = False
        for r in iter_files(files, previous=prior):
            if recorded is not None and decide(r, recorded) and not found:
                found = True
                stderr.release()
            for doubt in previous_doubts(r.report, prior) if prior is not None and r.report else ():
                print(f"注意：{Path(r.file).name}：{doubt}。", file=stderr)
            tally.add(r)
            yield r
        stderr.release("" if found or recorded is None else none_found(recorded))

    results = checked()
    if args.xlsx:
        from core.outputs import OutputError
        from core.xlsx import write_workbook

        results = list(results)  # the workbook holds every report anyway
        try:
            write_workbook(results, args.xlsx, inputs=filter(None, [args.previous]))
        except OutputError as err:
            sys.stderr.write(err.message + "\n")
            return ExitCode.OUTPUT
        print(f"已导出 Excel：{args.xlsx}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        unread: list[str] = []  # said after the JSON

        def items():
            for r in results:
                if r.error:
                    unread.append(f"{Path(r.file).name}：{r.error.message}\n")
                yield r.to_json()

        write_json_list(items(), sys.stdout)
        sys.stdout.write("\n")
        sys.stderr.write("".join(unread))
    elif len(files) == 1 or args.detail:
        late = io.StringIO() if prior is not None else stderr  # after every doubt of last year's
        for i, r in enumerate(results):
            if i:
                print()
            print_listing(r, late if r.error else sys.stdout)
        if late is not stderr:
            sys.stderr.write(late.getvalue())
    else:
        print_table(results)
    if not args.json and tally.n > 1:
        print(
            f"\n共检查 {tally.n} 份报告：{tally.errors} 处错误，{tally.warnings} 处提示"
            + (f"，{tally.unread} 份无法读取" if tally.unread else "")
            + (f"，其中 {tally.dismissed} 处已由审核人忽略" if args.decisions else "")
        )
    return tally.status
