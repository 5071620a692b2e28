"""One registry of file types (core/formats.py): the reader, the folder walk, the command line,
the open dialog, drag-and-drop, the open action's tip and the build all agree with it."""

from __future__ import annotations

import ast
import importlib
import re

import pytest

from conftest import ROOT
from core import formats
from core.check import expand_inputs
from core.errors import ReadError
from core.readers import read_document


def test_every_format_names_a_reader_that_exists():
    for fmt in formats.FORMATS:
        module, _, function = fmt.reader.partition(":")
        assert callable(getattr(importlib.import_module(module), function)), fmt.reader
        assert all(s.startswith(".") and s == s.lower() for s in fmt.suffixes)
    assert not formats.REPORT_SUFFIXES & formats.LEGACY_SUFFIXES


def test_the_folder_walk_takes_every_registered_suffix_and_nothing_else(tmp_path):
    """Reports, and legacy .doc/.wps copies (answered with 「另存为 .docx」, not skipped)."""
    for suffix in [*formats.REPORT_SUFFIXES, *formats.LEGACY_SUFFIXES, ".xlsx", ".json", ""]:
        (tmp_path / f"报告{suffix}").write_text("x", encoding="utf-8")
        (tmp_path / f"报告{suffix.upper()}").write_text("x", encoding="utf-8")  # case does not matter
    (tmp_path / "~$报告.docx").write_text("x", encoding="utf-8")  # Word's lock file
    found = expand_inputs([str(tmp_path)])
    suffixes = {p[p.rindex(".") :].lower() for p in found if "." in p}
    assert suffixes == formats.REPORT_SUFFIXES | formats.LEGACY_SUFFIXES
    assert not any("~$" in p for p in found)


def test_the_reader_reads_a_text_export_under_every_text_suffix(tmp_path):
    for suffix in formats.BY_KIND["text"].suffixes:
        path = tmp_path / f"报告{suffix}"
        path.write_text("2024年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
        assert read_document(path).kind == "text"
    html = formats.BY_KIND["html"]
    for suffix in html.suffixes:
        path = tmp_path / f"报告{suffix}"
        path.write_text("2024年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
        assert read_document(path).kind == "html", suffix  # the suffix alone says it is a web page


def test_legacy_suffixes_get_the_save_as_message(tmp_path):
    for suffix in formats.LEGACY:
        err = formats.legacy_error(tmp_path / f"旧稿{suffix.upper()}")
        assert isinstance(err, ReadError) and err.code == "legacy_doc" and "另存为" in err.message
    assert formats.legacy_error(tmp_path / "报告.docx") is None


def test_the_command_line_help_lists_the_formats(capsys):
    from app.cli import main

    with pytest.raises(SystemExit):
        main(["check", "--help"])
    help_text = re.sub(r"\s+", "", capsys.readouterr().out)
    assert formats.describe(long=True).replace(" ", "") in help_text
    for fmt in formats.FORMATS:
        assert fmt.long.replace(" ", "") in help_text


def test_summing_prefers_the_draft_then_the_order_of_the_registry():
    order = ["a.txt", "a.mht", "a.html", "a.pdf", "a.docm", "a.DOCX", "a.xlsx"]
    assert sorted(order, key=formats.preference) == ["a.DOCX", "a.docm", "a.pdf", "a.html", "a.mht", "a.txt", "a.xlsx"]


def test_the_build_bundles_every_reader():
    """build.spec names each reader module, or collects every submodule of the package it is in."""
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    hidden, collected = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "hiddenimports":
            for elt in node.value.elts:
                if isinstance(elt, ast.Constant):
                    hidden.add(elt.value)
                elif isinstance(elt, ast.Starred) and getattr(elt.value.func, "id", "") == "collect_submodules":
                    collected.add(elt.value.args[0].value)
    for fmt in formats.FORMATS:
        assert fmt.module in hidden or fmt.module.split(".")[0] in collected, fmt.module


def _filter_suffixes(group: str) -> set[str]:
    return {p.lstrip("*").lower() for p in group[group.index("(") + 1 : group.rindex(")")].split()}


def test_the_open_dialog_offers_every_format():
    pytest.importorskip("PySide6")
    from gui import dialogs

    groups = dialogs.DRAFT_FILTER.split(";;")
    assert groups[0].startswith("年度报告") and _filter_suffixes(groups[0]) == formats.REPORT_SUFFIXES
    for fmt in formats.FORMATS:
        assert f"{fmt.name} (" in dialogs.DRAFT_FILTER
        assert set(fmt.suffixes) in [_filter_suffixes(g) for g in groups]
    assert groups[-1] == "所有文件 (*)"


def test_the_open_action_says_what_can_be_opened():
    pytest.importorskip("PySide6")
    from gui.actions import SPECS

    for fmt in formats.FORMATS:
        assert fmt.short in SPECS["open"].tip


@pytest.fixture
def window(qtbot, tmp_path):
    from core.autosave import AutosaveStore
    from gui.main_window import MainWindow

    w = MainWindow(AutosaveStore(tmp_path / "autosave"))
    qtbot.addWidget(w)
    return w


def _drag(window, name: str) -> bool:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(f"/tmp/{name}")])
    event = QDragEnterEvent(
        QPointF(10, 10).toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(event)
    return event.isAccepted()


def test_drag_and_drop_accepts_every_registered_suffix(window):
    for suffix in [*formats.REPORT_SUFFIXES, *formats.LEGACY_SUFFIXES]:
        assert _drag(window, f"报告{suffix.upper()}"), suffix
    for other in ("表格.xlsx", "图片.png", "说明"):
        assert not _drag(window, other), other
