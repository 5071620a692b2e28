"""The command-line contract of spec section 5: JSON shape, exit status, no Qt on the CLI path."""

import json
import subprocess
import sys
from pathlib import Path

from app.cli import main
from conftest import ROOT, run_cli
from core.schema import schema

ROOT_SAMPLES = ROOT / "samples"


def test_json_contract(make_docx):
    clean, _ = make_docx(name="clean.docx")
    faulty, spec = make_docx(name="faulty.docx", raw={"requests.new.total": "999", "proactive.coercion.decisions": ""})
    proc = run_cli("check", "--json", clean, faulty)
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert [d["file"] for d in data] == [str(clean), str(faulty)]
    for entry in data:
        assert set(entry) == {"file", "ok", "error", "meta", "cells", "findings", "diagnoses"}
        assert entry["ok"] is True and entry["error"] is None
        assert entry["meta"] == {"title": spec.title, "agency": spec.agency, "year": spec.year}
        assert list(entry["cells"]) == [c for c in schema().cell_ids() if "org_subtotal" not in c]
    assert data[0]["findings"] == []
    assert data[1]["cells"]["requests.new.total"] == 999
    assert data[1]["cells"]["proactive.coercion.decisions"] is None  # blank is null
    assert data[1]["cells"]["proactive.fees.amount"] == 1.25
    by_rule = {f["rule"]: f for f in data[1]["findings"]}
    row = by_rule["REQ-ROW-TOTAL"]
    assert set(row) == {"rule", "severity", "message", "cells", "expected", "actual"}
    assert row["severity"] == "error" and row["actual"] == 999
    assert row["cells"][0] == "requests.new.total"
    assert by_rule["VALUE-BLANK"]["severity"] == "warning"
    assert data[0]["diagnoses"] == []
    (diagnosis,) = data[1]["diagnoses"]  # the one wrong total, with the value its parts give
    assert set(diagnosis) == {"changes", "unique", "explains", "message", "alternatives"}
    parts = sum(
        data[1]["cells"][f"requests.new.{c}"] or 0
        for c in ("natural", "business", "research", "ngo", "legal", "other_org")
    )
    assert diagnosis["changes"] == [{"cell": "requests.new.total", "found": 999, "proposed": parts}]
    assert diagnosis["unique"] is True and diagnosis["alternatives"] == []
    assert set(diagnosis["explains"]) == {"REQ-ROW-TOTAL", "REQ-BALANCE"}


def test_exit_status(make_docx, tmp_path):
    clean, _ = make_docx(name="clean.docx")
    warned, _ = make_docx(name="warned.docx", raw={"proactive.coercion.decisions": "/"})
    faulty, _ = make_docx(name="faulty.docx", raw={"appeals.review.total": "9"})
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    assert run_cli("check", clean).returncode == 0
    assert run_cli("check", warned).returncode == 0  # warnings alone do not fail
    assert run_cli("check", clean, faulty).returncode == 1
    assert run_cli("check", faulty, empty).returncode == 2  # unreadable input wins


def test_listing_is_readable_chinese(make_docx):
    faulty, _ = make_docx(raw={"appeals.review.total": "9"})
    proc = run_cli("check", faulty)
    assert "错误  APPEAL-GROUP-TOTAL" in proc.stdout
    assert "表四“行政复议”：总计应为 4，实为 9" in proc.stdout
    assert "共 1 处错误，0 处提示" in proc.stdout


def test_bundled_samples_behave_as_the_readme_says():
    assert main(["check", str(ROOT_SAMPLES / "示例-无误.docx")]) == 0
    assert main(["check", str(ROOT_SAMPLES / "示例-有误.docx")]) == 1


def test_check_path_does_not_import_qt(make_docx):
    path, _ = make_docx()
    code = (
        "import sys; from app.cli import main; main(['check', '--json', sys.argv[1]]); "
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'gui'))]; "
        "sys.stderr.write(repr(bad))"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, encoding="utf-8")
    assert proc.stderr.strip() == "[]"


def test_seed_text_exports_are_checked_too(seeds):
    proc = run_cli("check", "--json", *seeds)
    assert proc.returncode == 0
    assert len(json.loads(proc.stdout)) == 5


def test_pipe_closed_early_is_not_an_error(make_docx):
    path, _ = make_docx()
    proc = subprocess.run(
        f'"{sys.executable}" -m app.cli check --json "{path}" "{path}" "{path}" | head -c 10',
        shell=True,
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in proc.stderr


def test_a_legacy_doc_in_a_folder_is_answered_not_skipped(make_docx, tmp_path):
    folder = tmp_path / "批量"
    folder.mkdir()
    make_docx(name="批量/好.docx")
    (folder / "旧稿.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    proc = run_cli("check", "--json", folder)
    assert proc.returncode == 2
    data = {Path(d["file"]).name: d for d in json.loads(proc.stdout)}
    assert set(data) == {"好.docx", "旧稿.doc"}
    assert data["旧稿.doc"]["error"]["code"] == "legacy_doc"
    assert "另存为" in proc.stderr and "旧版 Word" in proc.stderr
