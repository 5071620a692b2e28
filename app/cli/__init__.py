"""The ``nianbao`` command line (spec section 5): one module per subcommand, and the window.

``check``, ``sum`` and ``rules`` import nothing from Qt, so they start fast and run on machines
without a display; ``sheet`` prints through the Qt adapter (offscreen) and imports it only when
it runs. ``nianbao`` with no subcommand (or with file paths) opens the window in ``gui/``.
Only the subcommand that runs is imported (``nianbao check`` never loads the modules of ``fix``,
``sheet`` or ``sum``); ``nianbao --help`` imports them all to list them.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from app.cli.exit_codes import ExitCode
from app.cli.zh_argparse import HelpFormatter
from app.cli.zh_argparse import install as _speak_chinese
from core import __version__

# The subcommands in the order help lists them; each is the module app.cli.<name>.
COMMANDS = ("check", "fix", "sheet", "sum", "rules")
SUBCOMMANDS = set(COMMANDS)
WINDOW_NOTE = (
    "不带命令运行 nianbao 将打开审核窗口；也可以直接给出报告文件或文件夹：\n"
    "  nianbao 报告.docx    在窗口中打开一份报告审核\n"
    "  nianbao 文件夹       在窗口中批量检查\n"
    "各命令的用法：nianbao 命令 --help，例如 nianbao check --help"
)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # argparse's own text is English; keep ours plain
        sys.stderr.write(f"命令参数有误：{message}\n请运行 nianbao --help 查看用法。\n")
        raise SystemExit(ExitCode.UNREADABLE)


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``only``, just that subcommand's (its module alone is
    imported: a subcommand's help and errors never mention its siblings, so they read the same)."""
    _speak_chinese()
    root = _Parser(
        prog="nianbao",
        description="政府信息公开工作年度报告校核工具（离线）。",
        epilog=WINDOW_NOTE,
    )
    root.add_argument("--version", action="version", version=f"nianbao {__version__}", help="显示版本号并退出")
    sub = root.add_subparsers(dest="command", metavar="命令")
    for name in (only,) if only else COMMANDS:
        importlib.import_module(f"app.cli.{name}").add_parser(sub)
    return root


def _not_a_command(word: str) -> str:
    """Why ``nianbao WORD`` neither runs a command nor opens a file: a typo, or a missing file."""
    if Path(word).suffix or os.sep in word or "/" in word:
        return f"找不到文件：{word}\n请检查文件名和所在文件夹是否正确。\n"
    import difflib

    close = difflib.get_close_matches(word, sorted(SUBCOMMANDS), n=1)
    hint = f"您是不是要输入 nianbao {close[0]}？\n" if close else ""
    return (
        f"没有“{word}”这个命令，也没有名为“{word}”的文件。\n{hint}"
        f"可用的命令：{'、'.join(COMMANDS)}；"
        "请运行 nianbao --help 查看用法。\n"
    )


def _no_display() -> bool:
    """True on a Linux/Unix desktop-less session, where Qt would abort with English messages."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _open_window(paths: list[str]) -> int:
    if paths[:1] == ["--screenshot"] and _no_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a picture needs no screen
    if _no_display():
        sys.stderr.write(
            "没有可用的图形显示（未设置 DISPLAY），无法打开审核窗口。\n"
            "命令行检查仍可使用，例如：nianbao check 报告.docx（nianbao --help 查看全部命令）\n"
        )
        return ExitCode.UNREADABLE
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
    if argv and argv[0] not in SUBCOMMANDS and not argv[0].startswith("-"):
        missing = [a for a in argv if not a.startswith("-") and not Path(a).exists()]
        if missing:
            sys.stderr.write(_not_a_command(missing[0]))
            return ExitCode.UNREADABLE
    if not argv or argv[0] == "--screenshot" or (argv[0] not in SUBCOMMANDS and not argv[0].startswith("-")):
        return _open_window(argv)
    args = parser(argv[0] if argv[0] in SUBCOMMANDS else None).parse_args(argv)
    if args.command is None:
        parser().print_help()
        return ExitCode.OK
    return int(args.run(args))


def _exit(status: int) -> None:
    """End the process with ``status``. When nothing is left to run at exit (no ``atexit``
    handler with work to do, no other thread, no Qt), the output is flushed and the process ends with
    ``os._exit``: the interpreter's teardown (freeing every module and object, a last garbage
    collection) is 5 % of a whole ``check`` and changes nothing a clerk sees. Otherwise (a window,
    a pool of workers, logging), ``SystemExit`` as usual."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None in a windowed executable on Windows
                stream.flush()
    except (OSError, ValueError):  # a closed or broken pipe: let the interpreter deal with it
        raise SystemExit(status) from None
    threading = sys.modules.get("threading")
    idle = threading is None or (threading.active_count() == 1 and not getattr(threading, "_threading_atexits", ()))
    if idle and "PySide6" not in sys.modules and _nothing_at_exit():
        os._exit(status)
    raise SystemExit(status)


def _nothing_at_exit() -> bool:
    """Whether no ``atexit`` handler would do anything: none is registered, or the one there is
    is multiprocessing's (it registers one when imported, as PyInstaller's runtime hook imports
    it in the executable) with no worker process started and nothing for it to finalise."""
    import atexit

    count = getattr(atexit, "_ncallbacks", lambda: -1)()
    if count == 0:
        return True
    util = sys.modules.get("multiprocessing.util")
    if count != 1 or util is None:
        return False
    import multiprocessing

    return not multiprocessing.active_children() and not getattr(util, "_finalizer_registry", True)


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
    _exit(int(status))


if __name__ == "__main__":
    entry()
