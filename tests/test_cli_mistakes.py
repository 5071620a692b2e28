"""Mistakes a clerk makes on the command line, each answered plainly before any work is done."""

import os

from conftest import run_cli


def test_an_output_whose_suffix_does_not_say_what_it_holds_is_refused(make_docx, tmp_path):
    draft, _ = make_docx()
    for args, shown in (
        (("fix", draft, "--out", tmp_path / "更正.pdf"), "应以 .docx 结尾"),
        (("sheet", draft, "--pdf", tmp_path / "审核单.docx"), "应以 .pdf 结尾"),
        (("check", draft, "--xlsx", tmp_path / "结果.txt"), "应以 .xlsx 结尾"),
    ):
        proc = run_cli(*args)
        assert proc.returncode == 3 and shown in proc.stderr, (args, proc.stderr)
    assert sorted(os.listdir(tmp_path)) == ["draft.docx"]


def test_previous_must_be_another_report_file(make_docx, tmp_path):
    draft, _ = make_docx()
    same = run_cli("check", draft, "--previous", draft)
    assert same.returncode == 2 and "不能是要检查的报告本身" in same.stderr and "CROSS-YEAR" not in same.stdout
    folder = run_cli("check", draft, "--previous", tmp_path)
    assert folder.returncode == 2 and "是文件夹" in folder.stderr


def test_sheets_for_a_folder_never_take_an_earlier_run_for_reports(make_docx, tmp_path):
    make_docx(name="甲.docx")
    make_docx(name="乙.docx")
    out = tmp_path / "审核单"
    assert run_cli("sheet", tmp_path, "--out-dir", out).returncode == 0
    again = run_cli("sheet", tmp_path, "--out-dir", out, "--force")
    assert again.returncode == 0, again.stderr
    assert sorted(os.listdir(out)) == ["乙-审核单.pdf", "甲-审核单.pdf"]
