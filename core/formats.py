"""The file types nianbao reads: one registry.

Core layer. Each :class:`Format` names its suffixes, its Chinese name and the reader that turns it
into a :class:`core.document.Document`; :data:`LEGACY` lists the old word-processor suffixes we
refuse with a plain message. The reader (:func:`core.readers.read_document`), the folder walk
(:func:`core.check.expand_inputs`), the command-line help, the window's open dialog, its
drag-and-drop and the open action's tip all read this module (``tests/test_formats.py`` checks
that they agree), as Picard's ``formats/registry.py`` does. ``build.spec`` lists every reader
module as a hidden import, checked by the same test.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import ReadError

if TYPE_CHECKING:
    from core.document import Document


@dataclass(frozen=True)
class Format:
    """A kind of file the program reads: its suffixes, its reader and how lists and help name it."""

    kind: str  # Document.kind of what the reader gives
    name: str  # in the open dialog's filter
    suffixes: tuple[str, ...]  # lower case, with the dot; the first is the usual one
    reader: str  # "module:function", imported when a file of this kind is read
    short: str  # in a list of what can be opened: ".docx、.pdf、网页或 .txt"
    long: str  # in the command line's help

    @property
    def module(self) -> str:
        return self.reader.partition(":")[0]

    def read(self, path: Path, name: str, **options) -> Document:
        """The reader's Document; ``options`` go to the reader (the DOCX reader's ``kept``)."""
        module, _, function = self.reader.partition(":")
        return getattr(importlib.import_module(module), function)(path, name, **options)


# In order of preference when a folder holds one report in several formats (core.summing): the
# editable draft first, then the published forms in the order they keep the tables best.
FORMATS: tuple[Format, ...] = (
    Format("docx", "Word 文档", (".docx", ".docm"), "core.readers.docx_reader:read_docx", ".docx", ".docx"),
    Format("pdf", "PDF", (".pdf",), "core.readers.pdf_reader:read_pdf", ".pdf", ".pdf"),
    Format(
        "html",
        "网页",
        (".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml"),
        "core.readers.html_reader:read_html",
        "网页",
        "保存的网页 .html/.mht",
    ),
    Format("text", "纯文本导出", (".txt", ".text"), "core.readers.text_reader:read_text", ".txt", "纯文本导出 .txt"),
)

# Old Word and WPS formats: not read, but recognised so the user is told to save as .docx
# (ReadError "legacy_doc"). An old .doc/.wps is also recognised by its content whatever its name.
LEGACY: tuple[str, ...] = (".doc", ".wps", ".wpt", ".dot")
LEGACY_ERROR = "legacy_doc"

BY_KIND: dict[str, Format] = {f.kind: f for f in FORMATS}
BY_SUFFIX: dict[str, Format] = {s: f for f in FORMATS for s in f.suffixes}
REPORT_SUFFIXES_ORDERED: tuple[str, ...] = tuple(s for f in FORMATS for s in f.suffixes)
REPORT_SUFFIXES: frozenset[str] = frozenset(REPORT_SUFFIXES_ORDERED)
LEGACY_SUFFIXES: frozenset[str] = frozenset(LEGACY)


def of(path: str | Path) -> Format | None:
    """The format a file's name says it is (None for any other suffix)."""
    return BY_SUFFIX.get(Path(path).suffix.lower())


def is_report(path: str | Path) -> bool:
    return Path(path).suffix.lower() in REPORT_SUFFIXES


def is_legacy(path: str | Path) -> bool:
    return Path(path).suffix.lower() in LEGACY_SUFFIXES


def legacy_error(path: str | Path) -> ReadError | None:
    """The plain refusal for an old .doc/.wps, judged by its name (None for anything else)."""
    return ReadError(LEGACY_ERROR, Path(path).name) if is_legacy(path) else None


def preference(path: str | Path) -> tuple[int, int]:
    """Sort key: which copy of a report counts when it comes in several formats."""
    suffix = Path(path).suffix.lower()
    for rank, fmt in enumerate(FORMATS):
        if suffix in fmt.suffixes:
            return rank, fmt.suffixes.index(suffix)
    return len(FORMATS), 0


def _join(parts: list[str], last: str) -> str:
    return "、".join(parts[:-1]) + last + parts[-1] if len(parts) > 1 else "".join(parts)


def describe(long: bool = False) -> str:
    """What can be opened, in words: ".docx、.pdf、网页或 .txt" (``long``: for the command line's help)."""
    if long:
        return _join([f.long for f in FORMATS], "，或")
    return _join([f.short for f in FORMATS], "或")


def _patterns(suffixes) -> str:
    return " ".join(f"*{s}" for s in suffixes)


def dialog_filter() -> str:
    """The open dialog's name filter (Qt's "名称 (*.a *.b);;…" form, a plain string)."""
    groups = [f"年度报告 ({_patterns(REPORT_SUFFIXES_ORDERED)})"]
    groups += [f"{f.name} ({_patterns(f.suffixes)})" for f in FORMATS]
    return ";;".join([*groups, "所有文件 (*)"])
