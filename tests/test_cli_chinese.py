"""The command line speaks Chinese to a clerk: argparse's texts, mistyped commands, fix's advice,
last year's report that does not fit, and the batch table and workbook (issue 17)."""

from __future__ import annotations

import re
import shutil

import openpyxl
import pytest

from app.cli import main
from app.cli.common import display_width
from conftest import ROOT, SEEDS, run_cli

SAMPLES = ROOT / "samples"
ENGLISH = re.compile(r"usage|positional|options:|optional arguments|show this|required|error:|argument", re.I)


def run(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as raised:
        status = main([str(a) for a in args])
        raise SystemExit(status)
    out = capsys.readouterr()
    return int(raised.value.code or 0), out.out, out.err


@pytest.mark.parametrize("command", [[], ["check"], ["fix"], ["sheet"], ["sum"], ["rules"]])
def test_help_is_chinese(capsys, command):
    status, out, err = run(capsys, *command, "--help")
    assert status == 0 and "用法：nianbao" in out and "显示本帮助并退出" in out
    assert not ENGLISH.search(out), out
    assert "参数：\n" in out or "选项：\n" in out
    assert not re.search(r":$", out, re.MULTILINE), out  # section titles take the full-width colon


def test_root_help_says_no_command_opens_the_window(capsys):
    _, out, _ = run(capsys, "--help")
    assert "不带命令运行 nianbao 将打开审核窗口" in out
    assert all(f"    {c}" in out for c in ("check", "fix", "sheet", "sum", "rules"))


def test_help_columns_align_with_chinese_metavars(capsys):
    _, out, _ = run(capsys, "check", "--help")
    starts = set()
    for line in out.splitlines():
        m = re.match(r"^  (-\S.*?|文件)\s{2,}(\S.*)$", line)
        if m:
            starts.add(display_width(line[: m.start(2)]))
    assert len(starts) == 1, out  # --previous 上年报告 pushes its help no further than --detail's


@pytest.mark.parametrize(
    "args, expected",
    [
        (["check"], "缺少必需的参数：文件"),
        (["sheet", "a.docx"], "必须给出以下参数之一：--pdf --out-dir"),
        (["check", "--zz", "a.docx"], "无法识别的参数：--zz"),
        (["fix", "a.docx", "--out"], "参数 --out：后面需要一个值"),
    ],
)
def test_argument_errors_are_chinese(capsys, args, expected):
    status, out, err = run(capsys, *args)
    assert status == 2 and expected in err and "nianbao --help" in err
    assert not ENGLISH.search(err), err


def test_a_mistyped_command_is_a_plain_error_not_the_window(capsys, monkeypatch):
    import app.cli

    monkeypatch.setattr(app.cli, "_open_window", lambda argv: pytest.fail("the window must not open"))
    status, _, err = run(capsys, "chek", str(SAMPLES / "示例-有误.docx"))
    assert status == 2 and "没有“chek”这个命令" in err and "nianbao check" in err
    status, _, err = run(capsys, "bogus")
    assert status == 2 and "没有“bogus”这个命令" in err and "可用的命令：check、fix、sheet、sum、rules" in err
    status, _, err = run(capsys, "不存在的报告.docx")
    assert status == 2 and "找不到文件：不存在的报告.docx" in err


def test_a_typo_in_a_separate_process_gives_no_qt_english():
    proc = run_cli("bogus")
    assert proc.returncode == 2 and "没有“bogus”这个命令" in proc.stderr
    words = set(re.findall(r"[A-Za-z.]{3,}", proc.stderr))
    assert words <= {"bogus", "check", "fix", "sheet", "sum", "rules", "nianbao", "help"}, proc.stderr


def test_fix_names_the_flag_that_recomputes_totals(capsys, tmp_path):
    status, out, _ = run(capsys, "fix", SAMPLES / "示例-有误.docx", "--out", tmp_path / "a.docx")
    assert status == 1
    assert "其中 2 个是总计与分项不符：加 --recompute-totals 即可以分项为准重算这些总计" in out


def test_fix_with_recomputed_totals_says_the_text_still_has_the_old_total(capsys, tmp_path):
    status, out, _ = run(capsys, "fix", SAMPLES / "示例-有误.docx", "--out", tmp_path / "b.docx", "--recompute-totals")
    assert "78 → 77" in out
    tail = out.split("注意：更正稿的正文中有", 1)[1]
    assert "78 件" in tail and "77 件" in tail and "请同时修改正文" in out
    assert "--recompute-totals 即可" not in out


def test_fix_says_where_a_dropped_note_belongs(capsys, tmp_path, make_docx):
    draft, _ = make_docx(raw={"requests.new.natural": "5（含2件转办）"})
    status, out, _ = run(capsys, "fix", draft, "--out", tmp_path / "d.docx")
    assert "5（含2件转办） → 5" in out
    assert "表三“一、本年新收政府信息公开申请数量”行“自然人”列的说明“含2件转办”" in out and "写入正文" in out


def test_a_clean_recompute_has_no_narrative_warning(capsys, tmp_path):
    status, out, _ = run(capsys, "fix", SAMPLES / "示例-无误.docx", "--out", tmp_path / "c.docx", "--recompute-totals")
    assert status == 0 and "请同时修改正文" not in out


def test_previous_of_another_agency_or_year_is_questioned(capsys, tmp_path):
    this, other = SEEDS / "000_95bd9eddfbd07791.txt", SEEDS / "003_5a057bc617f955f0.txt"  # 2023 and 2022
    _, _, err = run(capsys, "check", this, "--previous", other)
    assert "上年报告的机关是“六安市叶集区融媒体中心”，本报告是“硚口区融媒体中心”，不是同一单位" in err
    assert "年度的，本报告是" not in err  # 2022 is the year before 2023
    _, _, err = run(capsys, "check", this, "--previous", SEEDS / "002_b08546210772d0f8.txt")
    assert "上年报告是 2023 年度的，本报告是 2023 年度，应对照 2022 年度的报告" in err
    last_year = tmp_path / "last.txt"
    last_year.write_text(this.read_text(encoding="utf-8").replace("2023", "2022"), encoding="utf-8")
    _, _, err = run(capsys, "check", this, "--previous", last_year)
    assert "注意" not in err


def test_batch_table_is_aligned_and_an_unreadable_file_says_so(capsys, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(seed, folder)
    shutil.copy(SAMPLES / "示例-有误.docx", folder)
    (folder / "损坏.docx").write_bytes(b"not a docx")
    status, out, err = run(capsys, "check", folder)
    assert status == 2
    lines = [line for line in out.splitlines() if line.strip() and not line.startswith("共检查")]
    header, rows = lines[0], lines[1:]
    assert header.split() == ["结果", "文件", "机关", "年度", "错误", "提示", "备注"]
    assert len(rows) == 5
    for title in ("文件", "机关", "年度", "错误"):
        column = display_width(header[: header.index(title)])
        for row in rows:  # every row's field starts in the header's column
            cut = next(i for i in range(len(row) + 1) if display_width(row[:i]) >= column)
            assert display_width(row[:cut]) == column and row[cut - 2 : cut] == "  ", row
            assert row[cut] != " " or (row.startswith("无法读取") and title in ("机关", "年度")), row
    broken = next(r for r in rows if "损坏.docx" in r)
    assert broken.startswith("无法读取") and " 0 " not in broken
    assert "无法读取  损坏.docx：" in err


def test_workbook_sheets_are_named_after_the_files(capsys, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("示例-有误.docx", "示例-有误.pdf", "示例-无误.docx"):
        shutil.copy(SAMPLES / name, folder)
    (folder / "损坏.docx").write_bytes(b"not a docx")
    out = tmp_path / "结果.xlsx"
    run(capsys, "check", folder, "--xlsx", out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "汇总",
        *(f"{stem}-{t}" for stem in ("示例-无误", "示例-有误.docx", "示例-有误.pdf") for t in ("表二", "表三", "表四")),
        "问题清单",
    ]
    summary = {row[1]: row for row in wb["汇总"].iter_rows(min_row=2, values_only=True)}
    assert summary["损坏.docx"][4:6] == (None, None) and summary["损坏.docx"][6].startswith("无法读取：")
    # LABEL-NONSTANDARD names a row: the list says 行名 and the table marks the row's name
    head = [c.value for c in wb["问题清单"][1]]
    rows = [dict(zip(head, r)) for r in wb["问题清单"].iter_rows(min_row=2, values_only=True)]
    labels = [r for r in rows if r["规则编号"] == "LABEL-NONSTANDARD"]
    assert labels and all(r["列"] == "（行名）" and r["规则"] == "表述不规范" for r in labels)
    sheet = wb["示例-有误.docx-表三"]
    marked = [c.value for row in sheet.iter_rows() for c in row if c.comment and "原稿写作" in c.comment.text]
    assert marked == ["二、上年结转政府信息公开申请数量", "四、结转下年度继续办理"]


def test_no_display_gives_a_chinese_message_and_screenshots_still_work(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    run = lambda *a: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "app.cli", *map(str, a)], capture_output=True, text=True, env=env, cwd=ROOT
    )
    proc = run(SAMPLES / "示例-有误.docx")
    assert proc.returncode == 2 and "没有可用的图形显示" in proc.stderr and "nianbao check" in proc.stderr
    out = tmp_path / "shot.png"
    proc = run("--screenshot", out, SAMPLES / "示例-有误.docx")
    assert proc.returncode == 0 and out.is_file()
