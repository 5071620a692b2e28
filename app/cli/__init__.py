"""The ``nianbao`` command line (spec section 5): one module per subcommand, and the window.

``check``, ``sum`` and ``rules`` import nothing from Qt, so they start fast and run on machines
without a display; ``sheet`` prints through the Qt adapter (offscreen) and imports it only when
it runs. ``nianbao`` with no subcommand (or with file paths) opens the window in ``gui/``.
"""

from __future__ import annotations

import argparse
import sys

from app.cli import check, fix, rules, sheet
from app.cli import sum as sum_
from app.cli.exit_codes import ExitCode
from core import __version__

COMMANDS = (check, fix, sheet, sum_, rules)
SUBCOMMANDS = {"check", "fix", "rules", "sheet", "sum"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own text is English; keep ours plain
        sys.stderr.write(f"命令参数有误：{message}\n请运行 nianbao --help 查看用法。\n")
        raise SystemExit(ExitCode.UNREADABLE)


def parser() -> argparse.ArgumentParser:
    root = _Parser(prog="nianbao", description="政府信息公开工作年度报告校核工具")
    root.add_argument("--version", action="version", version=f"nianbao {__version__}")
    sub = root.add_subparsers(dest="command", metavar="命令")
    for command in COMMANDS:
        command.add_parser(sub)
    return root


def _open_window(paths: list[str]) -> int:
    try:
        from gui.app import run  # Qt is imported only for the window
    except ImportError as err:
        sys.stderr.write(f"无法启动图形界面（{err}）。命令行检查仍可使用：nianbao check 报告.docx\n")
        return ExitCode.UNREADABLE
    return run(paths)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    if not argv or argv[0] == "--screenshot" or (argv[0] not in SUBCOMMANDS and not argv[0].startswith("-")):
        return _open_window(argv)
    args = parser().parse_args(argv)
    if args.command is None:
        parser().print_help()
        return ExitCode.OK
    return int(args.run(args))


def entry() -> None:
    if getattr(sys, "frozen", False):  # a frozen build's batch workers start through here on Windows
        import multiprocessing

        multiprocessing.freeze_support()
    try:
        status = main()
    except BrokenPipeError:  # output piped into head, less …: not an error
        sys.stderr.close()
        status = ExitCode.OK
    except KeyboardInterrupt:
        status = ExitCode.INTERRUPTED
    except Exception as err:  # never show a traceback
        sys.stderr.write(f"程序内部错误（{type(err).__name__}）。您的文件没有被修改；请联系技术支持。\n")
        status = ExitCode.UNREADABLE
    raise SystemExit(int(status))


if __name__ == "__main__":
    entry()
