"""Smoke test of the built executables, run from a folder whose path holds Chinese characters
and spaces: check --json (one file, and a folder in parallel; a DOCX, a PDF and a web page), fix, sheet and
--screenshot (also of a PDF, whose pages QtPdf renders).

    python packaging/smoke_test.py build/dist/nianbao
Exits non-zero on the first failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(exe: Path, *args, expect: int) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [str(exe), *map(str, args)], capture_output=True, text=True, encoding="utf-8", env=env, timeout=300
    )
    if proc.returncode != expect or "Traceback" in proc.stderr:
        sys.exit(
            f"FAILED: {exe.name} {' '.join(map(str, args))}: exit {proc.returncode}, expected {expect}\n"
            f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
        )
    print(f"ok  {exe.name} {' '.join(str(a) for a in args[:1])} … exit {proc.returncode}")
    return proc


def main(dist: Path) -> None:
    home = Path(tempfile.mkdtemp()) / "年报 校核 测试"
    shutil.copytree(dist, home / "程序 目录")
    console = home / "程序 目录" / ("nianbao-console.exe" if os.name == "nt" else "nianbao-console")
    windowed = console.with_name("nianbao.exe" if os.name == "nt" else "nianbao")
    draft = home / "示例 报告.docx"
    shutil.copy(ROOT / "samples" / "示例-有误.docx", draft)

    data = json.loads(run(console, "check", "--json", draft, expect=1).stdout)
    assert len(data[0]["cells"]) == 200 and data[0]["meta"]["agency"] == "某市某区教育局", data[0]["meta"]
    assert {f["rule"] for f in data[0]["findings"]} >= {"REQ-ROW-TOTAL", "APPEAL-GROUP-TOTAL"}
    batch = home / "一批 报告"
    batch.mkdir()
    for i in range(10):  # enough for worker processes
        shutil.copy(ROOT / "samples" / ("示例-无误.docx" if i % 2 else "示例-有误.docx"), batch / f"报告 {i}.docx")
    out = run(console, "check", batch, expect=1).stdout
    assert "共检查 10 份报告" in out, out
    run(console, "fix", draft, "--out", home / "更正 稿.docx", "--recompute-totals", expect=0)
    assert (home / "更正 稿.docx").stat().st_size > 10_000
    run(console, "check", home / "更正 稿.docx", expect=0)
    run(console, "sheet", draft, "--pdf", home / "审核 单.pdf", expect=1)
    assert (home / "审核 单.pdf").read_bytes().startswith(b"%PDF")
    # published forms of the same report: its PDF (PDFium bundled) and web page
    for suffix in ("pdf", "html"):
        published = home / f"已发布 报告.{suffix}"
        shutil.copy(ROOT / "samples" / f"示例-有误.{suffix}", published)
        data = json.loads(run(console, "check", "--json", published, expect=1).stdout)
        assert len(data[0]["cells"]) == 200 and data[0]["meta"]["agency"] == "某市某区教育局", data[0]["meta"]
    run(windowed, "--screenshot", home / "PDF 截图.png", home / "已发布 报告.pdf", expect=0)
    assert (home / "PDF 截图.png").stat().st_size > 50_000
    empty = home / "空 文件.docx"
    empty.write_bytes(b"")
    assert "空" in run(console, "check", empty, expect=2).stderr
    run(windowed, "--screenshot", home / "窗口 截图.png", draft, expect=0)
    assert (home / "窗口 截图.png").read_bytes().startswith(b"\x89PNG")
    print(f"smoke test passed in {home}")
    shutil.rmtree(home.parent)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "build" / "dist" / "nianbao"))
