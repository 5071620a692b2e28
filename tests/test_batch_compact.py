"""A batch checks each file in its worker and keeps a compact result (core.compact): the same
findings, cells, meta and pairing as checking each file on its own, without the document."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import pickle

import pytest

import core.check
import fixturegen
from app.cli.check import write_json_list
from core.check import PARALLEL_FROM, check_file, check_files
from core.compact import CompactCells, compact


def _drafts(make_docx, n: int) -> list:
    layouts = list(fixturegen.LAYOUTS)
    return [
        make_docx(
            layouts[i % len(layouts)],
            name=f"r{i:02d}.docx",
            agency=f"某市第{i}局",
            raw={"appeals.review.total": "9"} if i % 3 == 0 else None,
            seed=i,
        )[0]
        for i in range(n)
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_batch_answers_as_each_file_checked_alone(make_docx, jobs):
    files = _drafts(make_docx, PARALLEL_FROM + 1)
    results = check_files(files, jobs=jobs)
    assert [r.to_json() for r in results] == [check_file(f).to_json() for f in files]
    assert any(r.findings for r in results) and any(r.diagnoses for r in results)
    for r in results:  # what the batch keeps: no document, no outline
        assert r.report.document.blocks == [] and r.report.outline is None
        assert isinstance(r.report.cells, CompactCells)


def test_consecutive_years_are_paired_in_the_workers(make_docx):
    files = _drafts(make_docx, PARALLEL_FROM)
    then, _ = make_docx(name="then.docx", agency="某县教育局", year=2022, seed=3)
    now, _ = make_docx(name="now.docx", agency="某县教育局", year=2023, raw={"requests.carried_over.natural": "99"})
    files += [now, then]
    parallel = check_files(files, jobs=2)
    serial = check_files(files, jobs=1)
    assert [r.to_json() for r in parallel] == [r.to_json() for r in serial]
    assert parallel[-2].to_json() == check_file(now, then).to_json()
    assert "CROSS-YEAR-CARRY" in {f.rule for f in parallel[-2].findings}
    assert parallel[-2].report.previous is parallel[-1].report
    assert all(r.report.previous is None for r in parallel if r is not parallel[-2])


def test_the_rules_run_in_the_workers_not_in_the_parent(make_docx, tmp_path, monkeypatch):
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("needs forked workers to carry the test's recorder")
    marks = tmp_path / "pids"
    marks.mkdir()
    real = core.check.run_rules

    def run_rules(report):  # a file per process that ran the rules
        (marks / str(os.getpid())).touch()
        return real(report)

    monkeypatch.setattr(core.check, "run_rules", run_rules)
    results = check_files(_drafts(make_docx, PARALLEL_FROM), jobs=2)
    assert all(r.ok for r in results)
    ran = {int(p.name) for p in marks.iterdir()}
    assert ran and os.getpid() not in ran


def test_compact_cells_are_read_only_shared_and_cross_processes(make_docx):
    path, _ = make_docx()
    full = check_file(path).report
    a, b = compact(full), pickle.loads(pickle.dumps(compact(full)))
    assert list(a.cells) == list(full.cells) and len(b.cells) == len(full.cells)
    for cell_id, located in full.cells.items():
        assert a.cells[cell_id].value == located.value == b.value(cell_id)
        assert a.cells[cell_id].source is None  # no place in a document it does not keep
    assert "no.such.cell" not in a.cells and a.value("no.such.cell") is None
    assert a.cells._values[0] is b.cells._values[0]  # one object per distinct value
    with pytest.raises(TypeError):
        a.cells["requests.new.total"] = full.cells["requests.new.total"]
    assert full.document.blocks  # the original is left whole


@pytest.mark.parametrize("items", [[], [{}], [{"a": [1, {"b": "x\ny"}], "c": None}, [], {"d": "中文"}], [1, 2]])
def test_json_list_written_item_by_item_is_json_dump(items):
    one_by_one, at_once = io.StringIO(), io.StringIO()
    write_json_list(iter(items), one_by_one)
    json.dump(items, at_once, ensure_ascii=False, indent=2)
    assert one_by_one.getvalue() == at_once.getvalue()
