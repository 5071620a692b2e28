"""Outputs: never over an input (by file identity), never a fixed temporary name, and a failing
disk (full, read-only, missing folder, name too long) gives a plain message, exit status 3 and no
temporary file — decided before the check where it can be."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from window_helpers import opened

from app.cli.sheet import sheet_names
from conftest import SEEDS, run_cli
from core.autosave import AutosaveStore
from core.outputs import OutputError, output_problem, write_output

OUTPUT = 3


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.fixture
def small_disk(tmp_path):
    """A real 256 KB file system (tmpfs), so a full disk is a full disk and not a mock."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> None:
    fh = (disk / "filler").open("wb", buffering=0)
    try:
        while True:
            fh.write(b"\0" * 4096)
    except OSError:
        pass
    finally:
        fh.close()


def test_output_over_an_input_is_refused_by_identity(make_docx, tmp_path):
    draft, _ = make_docx(raw={"appeals.review.total": "9"})
    last, _ = make_docx(name="上年.docx")
    before, before_last = draft.read_bytes(), last.read_bytes()
    link = tmp_path / "硬链接.docx"
    os.link(draft, link)
    soft = tmp_path / "快捷方式.docx"
    soft.symlink_to(draft)
    template = tmp_path / "模板.docx"
    shutil.copy(Path(__file__).parent.parent / "resources" / "templates" / "report.docx", template)
    cases = [
        ("fix", draft, "--out", link, "--force"),
        ("fix", draft, "--out", soft, "--force"),
        ("fix", draft, "--out", template, "--template", template, "--force"),
        ("check", tmp_path, "--xlsx", draft, "--force"),  # a file of a folder input
        ("check", draft, "--previous", last, "--xlsx", last, "--force"),
        ("sum", tmp_path, "--xlsx", link, "--force"),
        ("sheet", draft, "--pdf", link, "--force"),
    ]
    for args in cases:
        proc = run_cli(*args)
        assert proc.returncode == OUTPUT, (args, proc.stdout, proc.stderr)
        assert "原稿" in proc.stderr and "Traceback" not in proc.stderr, args
        assert proc.stdout == "", args  # refused before any check
    assert draft.read_bytes() == before and last.read_bytes() == before_last


def test_planted_temporary_names_are_never_followed(make_docx, tmp_path):
    draft, _ = make_docx(raw={"appeals.review.total": "9"})
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for name in ("更正稿", "结果"):  # the fixed names earlier versions used
        for suffix in (".docx", ".xlsx"):
            (out_dir / f".{name}.tmp{suffix}").symlink_to(victim)
    before = listing(out_dir)
    assert run_cli("fix", draft, "--out", out_dir / "更正稿.docx").returncode == 1
    assert run_cli("check", draft, "--xlsx", out_dir / "结果.xlsx").returncode == 1
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert listing(out_dir) == before | {"更正稿.docx", "结果.xlsx"}


@pytest.mark.parametrize(
    "where, says",
    [
        ("missing/结果.xlsx", "不存在"),
        ("长" * 120 + ".xlsx", "文件名过长"),
        (".", "文件夹"),
    ],
)
def test_bad_output_paths_are_answered_before_the_check(make_docx, tmp_path, where, says):
    draft, _ = make_docx()
    out = tmp_path / where
    for args in (("check", draft, "--xlsx", out), ("sum", draft, "--xlsx", out), ("fix", draft, "--out", out)):
        proc = run_cli(*args)
        assert proc.returncode == OUTPUT, (args, proc.stderr)
        assert says in proc.stderr and "Traceback" not in proc.stderr and "内部错误" not in proc.stderr
        assert proc.stdout == ""
    assert listing(tmp_path) == {"draft.docx"}


def test_full_disk_leaves_nothing_and_says_so(make_docx, small_disk):
    draft, _ = make_docx(raw={"appeals.review.total": "9"})
    fill(small_disk)
    for args in (
        ("check", draft, "--xlsx", small_disk / "结果.xlsx"),
        ("fix", draft, "--out", small_disk / "更正稿.docx"),
        ("sheet", draft, "--pdf", small_disk / "审核单.pdf"),
    ):
        proc = run_cli(*args)
        assert proc.returncode == OUTPUT, (args, proc.stdout, proc.stderr)
        assert "磁盘" in proc.stderr, proc.stderr  # 磁盘空间不足 / 磁盘可能已满
        assert "Traceback" not in proc.stderr and "内部错误" not in proc.stderr
        assert listing(small_disk) == {"filler"}, args


def test_full_disk_midway_leaves_the_old_output(make_docx, small_disk):
    """The disk fills while the PDF is written: the earlier PDF stays, whole."""
    draft, _ = make_docx(raw={"appeals.review.total": "9"})
    out = small_disk / "审核单.pdf"
    assert run_cli("sheet", draft, "--pdf", out).returncode == 1
    before = out.read_bytes()
    left = shutil.disk_usage(small_disk).free
    (small_disk / "filler").write_bytes(b"\0" * max(0, left - 8192))  # room for a few KB only
    proc = run_cli("sheet", draft, "--pdf", out, "--force")
    assert proc.returncode == OUTPUT, proc.stdout + proc.stderr
    assert out.read_bytes() == before
    assert listing(small_disk) == {"filler", "审核单.pdf"}


def test_read_only_folder(make_docx, small_disk):
    draft, _ = make_docx()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    proc = run_cli("check", draft, "--xlsx", small_disk / "结果.xlsx")
    assert proc.returncode == OUTPUT and "权限" in proc.stderr and proc.stdout == ""
    store = AutosaveStore(small_disk / "autosave")
    with pytest.raises(OutputError, match="权限"):
        store.save("abc", draft, {"appeals.review.total": "4"})


def test_writer_failure_leaves_no_temporary_file(tmp_path):
    out = tmp_path / "x.xlsx"
    with pytest.raises(OutputError):
        write_output(out, lambda tmp: False)
    with pytest.raises(OutputError, match="没有完整写入"):
        write_output(out, lambda tmp: tmp.write_bytes(b"PK\3\4 not a zip"))
    with pytest.raises(ZeroDivisionError):
        write_output(out, lambda tmp: 1 / 0)
    assert listing(tmp_path) == set()
    write_output(
        out, lambda tmp: shutil.copy(SEEDS.parent.parent.parent / "resources" / "templates" / "report.docx", tmp)
    )
    assert listing(tmp_path) == {"x.xlsx"}
    assert output_problem(out) and output_problem(out, force=True) is None


def test_sheet_names_never_collide(tmp_path):
    names = sheet_names(["a/示例.docx", "a/示例.pdf", "b/示例.docx", "其他.docx"], tmp_path)
    assert len(set(names)) == 4
    assert names[1].name == "示例-pdf-审核单.pdf" and names[3].name == "其他-审核单.pdf"


def test_sheet_out_dir_keeps_both_reports_of_one_name(make_docx, tmp_path):
    draft, _ = make_docx(name="示例.docx")
    text = tmp_path / "示例.txt"
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], text)
    folder = tmp_path / "sheets"
    proc = run_cli("sheet", draft, text, "--out-dir", folder)
    assert proc.returncode in (0, 1), proc.stderr
    assert listing(folder) == {"示例-docx-审核单.pdf", "示例-txt-审核单.pdf"}


def test_window_with_an_unwritable_autosave_warns_once(qtbot, make_docx, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from gui import dialogs
    from gui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    errors = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: errors.append(message))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    window = MainWindow(AutosaveStore(blocker / "autosave"))
    qtbot.addWidget(window)
    path, _ = make_docx()
    assert opened(window, path)
    window.review.edit({"appeals.review.upheld": "7"}, "test")
    window.review.edit({"appeals.review.upheld": "8"}, "test")
    assert len(errors) == 1 and "没有保存到磁盘" in errors[0]
    assert "未能自动保存" in window.file_label.text() and "已自动保存" not in window.file_label.text()
    assert window.review.session.raw("appeals.review.upheld") == "8"  # the edits are kept in the window


def test_crash_dialog_does_not_claim_a_failed_autosave(qtbot, make_docx, tmp_path, monkeypatch):
    import sys

    from PySide6.QtCore import QSettings

    from gui import app, dialogs
    from gui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    shown = []
    monkeypatch.setattr(dialogs, "show_crash", lambda parent, details, log, saved=True: shown.append(saved))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    window = MainWindow(AutosaveStore(blocker / "autosave"))
    qtbot.addWidget(window)
    window.show()
    path, _ = make_docx()
    assert opened(window, path)
    window.review.edit({"appeals.review.upheld": "7"}, "test")
    app.install_crash_hook()
    try:
        raise RuntimeError("模拟")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert shown == [False]
