"""A plain ``nianbao check`` loads only what it uses (issue 18: process start).

Each command runs in a fresh interpreter, as a clerk's console would start it, and reports which
modules it had loaded by the time it finished. The exports' libraries, the other subcommands,
the batch pool, the window and the reviewer's decisions are imported where they are used; a
module-level import of any of them in the check's path fails here."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import fixturegen
from conftest import ROOT

SAMPLE = ROOT / "samples" / "示例-有误.docx"
CLEAN = ROOT / "samples" / "示例-无误.docx"

# Never loaded by a check of one file, as text or as JSON: each with where it belongs.
NOT_FOR_A_CHECK = {
    "openpyxl": "check --xlsx, sum --xlsx",
    "jinja2": "sheet, sum --docx, fix",
    "docxtpl": "sum --docx, fix",
    "docx": "fix (python-docx)",
    "multiprocessing": "a folder of 8 or more reports",
    "concurrent.futures.process": "a folder of 8 or more reports",
    "PySide6": "the window, sheet",
    "shiboken6": "the window, sheet",
    "gui": "the window, sheet",
    "pypdfium2": "a published PDF",
    "core.readers.html_reader": "a web page, or a DOCX's HTML/MHT chunk (w:altChunk)",
    "lxml.html": "a web page, or a DOCX's HTML/MHT chunk",
    "email": "a single-file web page (.mht), as a file or a DOCX's chunk",
    "logging": "an internal error (core.logger)",
    "tempfile": "writing an output (core.outputs)",
    "hashlib": "--decisions with a folder (core.session.file_sha256)",
    "core.decisions": "--decisions",
    "core.session": "--decisions with a folder, the window",
    "core.outputs": "--xlsx, --previous, the other subcommands",
    "core.xlsx": "--xlsx",
    "app.cli.fix": "fix",
    "app.cli.sheet": "sheet",
    "app.cli.sum": "sum",
    "app.cli.rules": "rules",
}

PROBE = (
    "import sys\n"
    "from app.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "sys.stdout.flush()\n"
    "sys.stderr.write('\\nMODULES ' + ' '.join(sorted(sys.modules)))\n"
    "raise SystemExit(int(status))\n"
)


def loaded_by(*args) -> tuple[int, str, set[str]]:
    """Run ``nianbao ARGS`` in a fresh interpreter: its status, its output, the modules it loaded."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)], capture_output=True, text=True, encoding="utf-8", cwd=ROOT
    )
    err, _, modules = proc.stderr.rpartition("\nMODULES ")
    assert "Traceback" not in err, err
    return proc.returncode, proc.stdout, set(modules.split())


def unneeded(modules: set[str]) -> list[str]:
    return sorted(
        f"{m} ({NOT_FOR_A_CHECK[top]})"
        for m in modules
        for top in NOT_FOR_A_CHECK
        if m == top or m.startswith(top + ".")
    )


@pytest.mark.parametrize("flags", [[], ["--json"]])
@pytest.mark.parametrize("draft", [SAMPLE, CLEAN])
def test_a_check_of_one_file_loads_only_what_it_uses(flags, draft):
    status, out, modules = loaded_by("check", *flags, draft)
    assert status == (1 if draft == SAMPLE else 0)
    if flags:
        assert json.loads(out)[0]["ok"] is True
    assert "core.check" in modules and "lxml.etree" in modules  # the probe sees what the check imports
    assert unneeded(modules) == []


def test_decisions_are_imported_when_given(tmp_path):
    """The other side of the test above: the same probe sees a lazy import once it is used."""
    decisions = tmp_path / "决定.json"
    decisions.write_text('{"decisions": []}', encoding="utf-8")
    status, _, modules = loaded_by("check", "--decisions", decisions, SAMPLE)
    assert status == 1
    assert {"core.decisions", "core.outputs"} <= modules
    store = tmp_path / "store"  # a folder of the window's stored decisions (none for this draft)
    store.mkdir()
    (store / f"{'0' * 64}.decisions.json").write_text('{"decisions": []}', encoding="utf-8")
    status, _, modules = loaded_by("check", "--decisions", store, SAMPLE)
    assert status == 1 and {"core.session", "hashlib"} <= modules


def test_an_html_chunk_imports_the_web_page_reader_when_met(tmp_path):
    """The DOCX reader imports the web-page reader only for a chunk that is a page: a draft whose
    表二 is an HTML altChunk loads it (and still reads the chunk's figures), a plain one does not."""
    spec = fixturegen.make_spec(fixturegen.Layout())
    path = fixturegen.build_docx(tmp_path / "chunk.docx", spec)
    fixturegen.html_alt_chunk(path, spec)
    status, out, modules = loaded_by("check", "--json", path)
    assert status == 0 and {"core.readers.html_reader", "lxml.html"} <= modules
    assert "email" not in modules  # an HTML chunk, not an MHT one
    cells = json.loads(out)[0]["cells"]
    proactive = [c for c in fixturegen.schema().table("proactive").cell_ids() if spec.values.get(c) is not None]
    assert proactive and {c: cells[c] for c in proactive} == {c: spec.values[c] for c in proactive}


# entry() in a fresh interpreter, with an object that says so on stderr when the interpreter's
# teardown frees it, and (by the first argument) an atexit handler registered first, or
# multiprocessing imported, or a pool of workers left open.
EXIT_PROBE = (
    "import atexit, sys\n"
    "class Witness:\n"
    "    def __del__(self):\n"
    "        sys.stderr.write('TORN-DOWN')\n"
    "witness = Witness()\n"
    "if sys.argv[1] == 'atexit':\n"
    "    atexit.register(lambda: sys.stderr.write('AT-EXIT'))\n"
    "if sys.argv[1] in ('multiprocessing', 'pool'):  # as PyInstaller's runtime hook does\n"
    "    import multiprocessing, multiprocessing.spawn\n"
    "if sys.argv[1] == 'pool':  # a pool left to be cleaned up at exit\n"
    "    pool = multiprocessing.get_context('spawn').Pool(1)\n"
    "del sys.argv[1]\n"
    "from app.cli import entry\n"
    "entry()\n"
)


@pytest.mark.parametrize("handler", ["none", "multiprocessing", "atexit", "pool"])
def test_a_check_ends_without_the_interpreters_teardown_unless_something_waits_for_it(handler):
    """A command-line check flushes its output and ends with os._exit (the teardown is 5 % of a
    check), also with multiprocessing imported as in the executable; with an atexit handler
    registered (logging) or a pool of workers open it exits as usual and the handler runs.
    Either way the whole output arrives and the status is the check's."""
    proc = subprocess.run(
        [sys.executable, "-c", EXIT_PROBE, handler, "check", "--json", SAMPLE, CLEAN],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
    )
    assert proc.returncode == 1
    assert [r["ok"] for r in json.loads(proc.stdout)] == [True, True]
    if handler == "atexit":
        assert "AT-EXIT" in proc.stderr and "TORN-DOWN" in proc.stderr
    elif handler == "pool":
        assert "TORN-DOWN" in proc.stderr
    else:
        assert proc.stderr == ""


def test_the_quick_exit_without_standard_streams():
    """A windowed executable on Windows has no stdout or stderr (None): the window's exit goes
    through the same flush, which must not fail on them."""
    code = "import sys\nfrom app.cli import _exit\nsys.stdout = sys.stderr = None\n_exit(3)\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 3 and proc.stderr == ""


def test_version_and_rules_load_no_checker():
    status, out, modules = loaded_by("--version")
    assert status == 0 and out.startswith("nianbao ")
    assert "core.check" not in modules and "app.cli.check" not in modules
    status, _, modules = loaded_by("rules")
    assert status == 0 and "app.cli.check" not in modules and "lxml" not in modules


def test_a_lazy_import_that_fails_is_a_plain_chinese_error(tmp_path):
    """Were a module missing from a build, the command would say so in Chinese, never with a
    traceback (entry() answers every unexpected exception)."""
    decisions = tmp_path / "决定.json"
    decisions.write_text('{"decisions": []}', encoding="utf-8")
    code = "import sys\nsys.modules['core.decisions'] = None\nfrom app.cli import entry\nentry()\n"
    proc = subprocess.run(
        [sys.executable, "-c", code, "check", "--decisions", str(decisions), str(SAMPLE)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "程序内部错误" in proc.stderr


def test_an_internal_error_is_logged_when_it_happens(caplog, monkeypatch):
    """core's loggers import logging on first use; the record reaches a handler as before."""
    import core.check

    def broken(path):
        raise RuntimeError("boom")

    monkeypatch.setattr(core.check, "read_report", broken)
    with caplog.at_level("ERROR", logger="core"):
        result = core.check.check_file(SAMPLE)
    assert result.error.code == "internal"
    (record,) = [r for r in caplog.records if r.name == "core.check"]
    assert record.exc_info[0] is RuntimeError and "internal error while reading" in record.getMessage()


def test_an_internal_error_without_logging_configured_prints_nothing():
    """With no handler configured, the core logger's NullHandler keeps Python's last resort from
    printing the traceback on stderr."""
    code = (
        "import sys, core.check\n"
        "def broken(path):\n"
        "    raise RuntimeError('boom')\n"
        "core.check.read_report = broken\n"
        "result = core.check.check_file(sys.argv[1])\n"
        "print(result.error.code, 'logging' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(SAMPLE)], capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.split() == ["internal", "True"]
    assert proc.stderr == ""
