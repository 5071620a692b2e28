"""argparse in Chinese: its usage, section titles and error messages, for every ``nianbao`` command.

argparse looks its texts up through the module's ``_`` and ``ngettext`` (gettext) at the moment
it formats them; :func:`install` points both at the table below, so help and errors read in
Chinese without a compiled catalogue. Texts not in the table stay as argparse has them.
"""

from __future__ import annotations

import argparse
import re

from app.cli.common import display_width

MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "optional arguments": "选项",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令“%(parser_name)s”（可用的命令：%(choices)s）",
    "invalid choice: %(value)r (choose from %(choices)s)": "没有“%(value)s”这一项（可选：%(choices)s）",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "ignored explicit argument %r": "不需要取值，却给了“%s”",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "expected one argument": "后面需要一个值",
    "expected at most one argument": "后面最多一个值",
    "expected at least one argument": "后面至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的值",
    "%(prog)s: error: %(message)s\n": "%(prog)s：%(message)s\n",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}


# a section title: a line of its own, not indented, ending in argparse's colon
_SECTION_TITLE = re.compile(r"^(\S[^\n]*):$", re.MULTILINE)


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def ntranslate(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "后面需要 %s 个值"
    return translate(singular if n == 1 else plural)


def install() -> None:
    """Make argparse speak Chinese (idempotent)."""
    argparse._ = translate
    argparse.ngettext = ntranslate


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Help columns aligned and wrapped by terminal width, where a Chinese character takes two."""

    def __init__(self, prog, indent_increment=2, max_help_position=32, width=None):
        # room for a long option with a Chinese metavar (--decisions 决定.json) on its help's line
        super().__init__(prog, indent_increment, max_help_position, width)

    def add_argument(self, action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            invocation = self._format_action_invocation(action)
            wide = display_width(invocation) + self._current_indent + 2
            self._action_max_length = max(self._action_max_length, wide)

    def _format_action(self, action) -> str:
        text = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        extra = display_width(invocation) - len(invocation)
        head = " " * self._current_indent + invocation
        if extra and text.startswith(head) and not text[len(head) :].startswith("\n"):
            rest = text[len(head) :]
            spaces = len(rest) - len(rest.lstrip(" "))
            text = head + " " * max(2, spaces - extra) + rest[spaces:]
        return text

    def format_help(self) -> str:
        # argparse ends a section title with an ASCII colon; Chinese text takes the full-width one
        return _SECTION_TITLE.sub(r"\1：", super().format_help())

    def _split_lines(self, text: str, width: int) -> list[str]:
        lines, line = [], ""
        for ch in self._whitespace_matcher.sub(" ", text).strip():
            if display_width(line + ch) > width and line:
                lines.append(line.rstrip())
                line = "" if ch == " " else ch
            else:
                line += ch
        return lines + ([line] if line else [])
