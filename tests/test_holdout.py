"""Hold-out reports: drafts made by someone who never looked at the reader (see
tests/data/holdout/make_holdout.py), checked through the real command line as a user would.

For each report the truth (``<name>.expected.json``) lists every statutory cell as printed. The
reader must either read every cell exactly or say, in an error finding that names the cell
(TABLE-*, VALUE-*, ROW-MISSING), that it could not: a silent difference is the one thing it may
never do. The rules the truth requires must fire, a report whose figures add up must get no
error finding, and rules the maker is sure must stay quiet on a report (``findings_forbidden``) do. These tests run last (tests/conftest.py orders them after everything else).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOLDOUT = ROOT / "tests" / "data" / "holdout"
READING_RULES = ("TABLE-", "VALUE-", "ROW-MISSING")

# Where nianbao silently misreads a hold-out report, the case is marked here (strict: it must
# start passing once the product is fixed) — never by weakening the truth.
# key: (report name, aspect) with aspect in {"cells", "findings", "quiet", "forbidden", "meta"}.
XFAIL: dict[tuple[str, str], str] = {}  # none at present: every hold-out case is read right


def _cases() -> list[tuple[str, Path, dict]]:
    out = []
    for truth in sorted(HOLDOUT.glob("*.expected.json")):
        name = truth.name.removesuffix(".expected.json")
        (doc,) = [p for p in HOLDOUT.glob(name + ".*") if not p.name.endswith(".expected.json")]
        out.append((name, doc, json.loads(truth.read_text(encoding="utf-8"))))
    return out


CASES = _cases()


def _params(aspect: str):
    return [
        pytest.param(
            name,
            doc,
            truth,
            id=name,
            marks=[pytest.mark.xfail(strict=True, reason=XFAIL[(name, aspect)])] if (name, aspect) in XFAIL else [],
        )
        for name, doc, truth in CASES
    ]


_results: dict[Path, tuple[int, dict]] = {}


def check(doc: Path) -> tuple[int, dict]:
    """``nianbao check FILE --json``, run once per file as its own process."""
    if doc not in _results:
        exe = shutil.which("nianbao", path=str(Path(sys.executable).parent))
        cmd = [exe] if exe else [sys.executable, "-m", "app.cli"]
        proc = subprocess.run(
            [*cmd, "check", str(doc), "--json"], capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=300
        )
        assert proc.returncode in (0, 1), f"{doc.name}: exit {proc.returncode}\n{proc.stderr}"
        (result,) = json.loads(proc.stdout)
        assert result["ok"], result["error"]
        _results[doc] = (proc.returncode, result)
    return _results[doc]


def _same(found, want) -> bool:
    if isinstance(found, bool) or isinstance(want, bool):
        return False
    if want is None or found is None:
        return found is want
    return isinstance(found, (int, float)) and abs(found - want) < 1e-9


def test_the_holdout_set_is_there():
    assert len(CASES) >= 8
    sums = ("REQ-ROW-TOTAL", "REQ-RESULTS-TOTAL", "REQ-BALANCE", "APPEAL-GROUP-TOTAL", "REQ-ORG-SUBTOTAL")
    slips = [name for name, _, t in CASES if set(t["findings_required"]) & set(sums)]
    assert len(slips) == 2, slips


@pytest.mark.parametrize("name,doc,truth", _params("cells"))
def test_every_cell_is_read_or_named(name, doc, truth):
    _, result = check(doc)
    cells, findings = result["cells"], result["findings"]
    reading = set()
    tables_missing = set()
    blank_named = set()
    for f in findings:
        if f["severity"] == "error" and f["rule"].startswith(READING_RULES):
            reading.update(f["cells"])
            if f["rule"] == "TABLE-MISSING":
                tables_missing.update({c.split(".")[0] for c in f["cells"]} or {"*"})
        if f["rule"] == "VALUE-BLANK":
            blank_named.update(f["cells"])
    silent = []
    want = truth["cells"]
    for cid in sorted(set(want) | set(cells)):
        found, expect = cells.get(cid), want.get(cid)
        if _same(found, expect):
            continue
        if expect is None and found == 0 and cid in blank_named:
            continue  # blank or placeholder counted as 0, with its warning
        if cid not in want and found is None:
            continue  # a cell the table does not have, reported empty
        if cid in reading or cid.split(".")[0] in tables_missing or "*" in tables_missing:
            continue  # named as unreadable: not silent
        silent.append(f"{cid}: read {found!r}, truth {expect!r}" + ("" if cid in cells else " (absent)"))
    assert not silent, f"{name}: {len(silent)} cell(s) differ without a reading finding:\n" + "\n".join(silent[:40])


@pytest.mark.parametrize("name,doc,truth", _params("findings"))
def test_required_findings_fire(name, doc, truth):
    _, result = check(doc)
    fired = {f["rule"] for f in result["findings"]}
    missing = [r for r in truth["findings_required"] if r not in fired]
    assert not missing, f"{name}: required rules did not fire: {missing}; fired: {sorted(fired)}"


@pytest.mark.parametrize("name,doc,truth", _params("quiet"))
def test_no_error_beyond_the_real_slip(name, doc, truth):
    """A report whose figures add up gets no error finding (exit 0); a report with one slip gets
    only the errors that slip must cause (exit 1)."""
    code, result = check(doc)
    errors = [f for f in result["findings"] if f["severity"] == "error"]
    allowed = set(truth["findings_required"]) | set(truth.get("allowed_errors", []))
    stray = [f"{f['rule']}: {f['message']}" for f in errors if f["rule"] not in allowed]
    assert not stray, f"{name}: error findings on figures that add up:\n" + "\n".join(stray)
    assert code == (1 if errors else 0)


@pytest.mark.parametrize("name,doc,truth", _params("forbidden"))
def test_no_warning_the_report_does_not_earn(name, doc, truth):
    """Rules the maker is sure must stay quiet on this report (its sections, date, year, fee
    statement and narrative figures are all in order) do not fire."""
    _, result = check(doc)
    wrong = [f"{f['rule']}: {f['message']}" for f in result["findings"] if f["rule"] in truth["findings_forbidden"]]
    assert not wrong, f"{name}: findings the report does not earn:\n" + "\n".join(wrong)


@pytest.mark.parametrize("name,doc,truth", _params("meta"))
def test_title_agency_and_year(name, doc, truth):
    _, result = check(doc)
    meta = result["meta"]
    assert (meta.get("agency"), meta.get("year")) == (truth["meta"]["agency"], truth["meta"]["year"]), meta
