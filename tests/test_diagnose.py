"""Diagnoses (spec section 4): the cell that broke the sums, and its value.

The property tests put wrong values into every cell of 表三 and 表四 (and into random pairs of
cells) and compare the diagnosis with a brute force written here, independently of
core/diagnose.py: its own equations read from the schema, every cell (or pair of cells) that
touches every broken relation tried, and each candidate confirmed by the arithmetic rules
themselves.
"""

from __future__ import annotations

import collections
import json
import random
from fractions import Fraction

import pytest

import fixturegen
from conftest import ROOT, SEEDS, run_cli
from core.check import check_file
from core.diagnose import diagnose, slip_score
from core.document import Document
from core.report import Located, Report
from core.rules.arithmetic import sum_cells, totals
from core.schema import schema
from core.values import parse_value

SUM_TABLES = ("requests", "appeals")


def make_report(values: dict[str, object], eight_columns: bool = False) -> Report:
    report = Report(document=Document(kind="docx", blocks=[]))
    report.columns["requests"] = schema().table("requests").column_ids(with_optional=eight_columns)
    report.cells = {cid: Located(parse_value(str(v))) for cid, v in values.items()}
    return report


def base_values(seed: int = 7, eight_columns: bool = False) -> dict[str, object]:
    return fixturegen.consistent_values(seed, eight_columns)


def sums_hold(report: Report) -> bool:
    """The oracle: the arithmetic rules find nothing broken."""
    if any(True for code in schema().total_rules for _ in totals(report, code)):
        return False
    table = schema().table("requests")
    rel = next(r for r in schema().relations if r.rule == "REQ-BALANCE")
    for col in table.columns:
        if report.has_column("requests", col.id):
            left = sum_cells(report, [f"requests.{r}.{col.id}" for r in rel.left])
            right = sum_cells(report, [f"requests.{r}.{col.id}" for r in rel.right])
            if left != right:
                return False
    return True


def own_equations(report: Report) -> list[tuple[dict[str, int], int]]:
    """The test's own reading of the schema: ({cell: coefficient}, 0) per row, column, group."""
    out = []
    for rel in schema().relations:
        table = schema().table(rel.table)
        if rel.each == "row":
            if not report.has_column(table.id, rel.total):
                continue
            for row in table.rows:
                eq = {f"{table.id}.{row.id}.{rel.total}": 1}
                eq.update({f"{table.id}.{row.id}.{p}": -1 for p in rel.parts})
                out.append(eq)
        else:
            for col in table.columns:
                if not report.has_column(table.id, col.id):
                    continue
                if rel.total:
                    eq = {f"{table.id}.{rel.total}.{col.id}": 1}
                    eq.update({f"{table.id}.{p}.{col.id}": -1 for p in rel.parts})
                else:
                    eq = {f"{table.id}.{r}.{col.id}": 1 for r in rel.left}
                    eq.update({f"{table.id}.{r}.{col.id}": -1 for r in rel.right})
                out.append(eq)
    return out


def brute_force(report: Report, size: int) -> set[frozenset[tuple[str, int]]]:
    """Every set of ``size`` cells (1 or 2) whose change to non-negative whole numbers makes all
    sums hold, with those numbers."""
    eqs = own_equations(report)
    found = {c: int(report.value(c).counted) for eq in eqs for c in eq}
    residual = [sum(k * found[c] for c, k in eq.items()) for eq in eqs]
    broken = {i for i, r in enumerate(residual) if r}
    member: dict[str, set[int]] = {}
    for i, eq in enumerate(eqs):
        for c in eq:
            member.setdefault(c, set()).add(i)
    cells = sorted(member)
    combos = [(c,) for c in cells] if size == 1 else [(a, b) for i, a in enumerate(cells) for b in cells[i + 1 :]]
    out = set()
    for combo in combos:
        if not broken <= set().union(*(member[c] for c in combo)):
            continue
        deltas: dict[str, Fraction] = {}
        for _ in range(2):  # a cell's own relation first, then a shared one with the other known
            for i in set().union(*(member[c] for c in combo)):
                unknown = [c for c in combo if c in eqs[i] and c not in deltas]
                if len(unknown) == 1:
                    known = sum(eqs[i][c] * deltas[c] for c in combo if c in eqs[i] and c in deltas)
                    deltas[unknown[0]] = Fraction(-residual[i] - known, eqs[i][unknown[0]])
        if len(deltas) < len(combo) or any(d == 0 or d.denominator != 1 for d in deltas.values()):
            continue
        values = {c: found[c] + int(deltas[c]) for c in combo}
        if any(v < 0 for v in values.values()):
            continue
        trial = make_report(
            {c: loc.value.raw for c, loc in report.cells.items()} | values,
            report.has_column("requests", "org_subtotal"),
        )
        if sums_hold(trial):
            out.add(frozenset(values.items()))
    return out


def options(diagnosis) -> set[frozenset[tuple[str, int]]]:
    return {frozenset((c.cell, c.proposed) for c in opt) for opt in (diagnosis.changes, *diagnosis.alternatives)}


def slips(true: int, rng: random.Random) -> list[int]:
    """Wrong values a clerk might type for ``true``: transposed, one digit off, ±k, dropped/doubled."""
    s = str(true)
    out = {true + rng.randint(1, 9), max(0, true - rng.randint(1, 3)), int(s + s[-1])}
    if len(s) > 1 and s[0] != s[1]:
        out.add(int(s[1] + s[0] + s[2:]))
        out.add(int(s[1:]))
    i = rng.randrange(len(s))
    out.add(int(s[:i] + str((int(s[i]) + rng.randint(1, 8)) % 10) + s[i + 1 :]))
    out.discard(true)
    return sorted(out)


def sum_cell_ids(eight_columns: bool = False) -> list[str]:
    return [
        c
        for c in schema().cell_ids()
        if c.split(".")[0] in SUM_TABLES and (eight_columns or not c.endswith(".org_subtotal"))
    ]


@pytest.mark.parametrize("eight_columns", [False, True])
def test_every_single_wrong_cell_is_named_exactly_when_the_sums_identify_it(eight_columns):
    rng = random.Random(15)
    good = base_values(3, eight_columns)
    tally: collections.Counter = collections.Counter()
    for cell in sum_cell_ids(eight_columns):
        for wrong in slips(int(good[cell]), rng)[:3]:
            report = make_report(good | {cell: wrong}, eight_columns)
            truth = frozenset({(cell, int(good[cell]))})
            expected = brute_force(report, 1)
            assert truth in expected
            (diagnosis,) = diagnose(report)
            assert options(diagnosis) == expected, (cell, wrong)
            tally[cell.split(".")[0], expected == {truth}] += 1
            if expected == {truth}:
                assert diagnosis.unique and [(c.cell, c.found, c.proposed) for c in diagnosis.changes] == [
                    (cell, wrong, good[cell])
                ]
            else:
                assert not diagnosis.unique and diagnosis.alternatives
                assert diagnosis.message.startswith("以下几处之一填错，无法仅凭合计判断：")
    # every cell of 表三 is pinned by its row and its column; a 表四 group mostly leaves its cells open
    assert tally["requests", True] > 400 and tally["requests", False] == 0
    assert tally["appeals", False] > 2 * tally["appeals", True]


def test_random_pairs_of_faults_in_different_rows_and_columns():
    rng = random.Random(1976)
    good = base_values(11)
    table = schema().table("requests")
    rows, cols = [r.id for r in table.rows], [c.id for c in table.columns if not c.optional]
    unique = 0
    for _ in range(40):
        r1, r2 = rng.sample(rows, 2)
        c1, c2 = rng.sample(cols, 2)
        a, b = f"requests.{r1}.{c1}", f"requests.{r2}.{c2}"
        wa, wb = rng.choice(slips(int(good[a]), rng)), rng.choice(slips(int(good[b]), rng))
        report = make_report(good | {a: wa, b: wb})
        truth = frozenset({(a, int(good[a])), (b, int(good[b]))})
        expected = brute_force(report, 1) or brute_force(report, 2)
        diagnoses = diagnose(report)
        assert len(diagnoses) == 1, (a, wa, b, wb)
        assert options(diagnoses[0]) == expected, (a, wa, b, wb)
        assert diagnoses[0].unique == (len(expected) == 1)
        if len(next(iter(expected))) == 2:
            assert truth in expected
        unique += diagnoses[0].unique and options(diagnoses[0]) == {truth}
    assert unique >= 10  # most pairs in different rows and columns are pinned down


def test_a_fault_in_each_table_gives_a_diagnosis_each():
    good = base_values(5)
    report = make_report(good | {"requests.granted.natural": int(good["requests.granted.natural"]) + 10})
    report.cells["appeals.suit_direct.upheld"] = Located(parse_value("7"))
    first, second = diagnose(report)
    assert first.unique and first.changes[0].cell == "requests.granted.natural"
    assert set(first.explains) == {"REQ-ROW-TOTAL", "REQ-RESULTS-TOTAL"}
    assert "按行、列推算应为" in first.message
    assert not second.unique
    assert {"appeals.suit_direct.upheld", "appeals.suit_direct.total"} <= set(second.cells)


def test_clean_reports_and_the_seeds_give_no_diagnosis():
    for seed in (1, 2, 3):
        assert diagnose(make_report(base_values(seed))) == []
        assert diagnose(make_report(base_values(seed, True), eight_columns=True)) == []
    for path in sorted(SEEDS.glob("*.txt")):
        result = check_file(path)
        assert result.diagnoses == [], path.name


def test_an_unreadable_cell_is_an_unknown_the_sums_may_fix():
    good = base_values(9)
    cell = "requests.partial.business"
    report = make_report(good | {cell: "二十"})
    (diagnosis,) = diagnose(report)
    assert diagnosis.unique and [(c.cell, c.found, c.proposed) for c in diagnosis.changes] == [(cell, None, good[cell])]
    assert "无法识别" in diagnosis.message and "二十" in diagnosis.message
    # with a slip elsewhere as well, both are in the one explanation
    other = "requests.denied_law.natural"
    report = make_report(good | {cell: "二十", other: int(good[other]) + 3})
    (diagnosis,) = diagnose(report)
    assert diagnosis.unique
    assert {(c.cell, c.proposed) for c in diagnosis.changes} == {(cell, good[cell]), (other, good[other])}


def test_last_years_carry_forward_joins_the_relations():
    good = base_values(4)
    # last year's 结转下年度 is what this year carried over
    prev = make_report(
        {k.replace(".carried_over.", ".carry_forward."): v for k, v in good.items() if ".carried_over." in k}
    )
    # 上年结转 raised by 4 in 自然人 and in 总计: its row still adds up, the balance does not, and
    # the sums of this year alone cannot say which pair of figures moved
    cur = dict(good)
    for col in ("natural", "total"):
        cur[f"requests.carried_over.{col}"] = int(good[f"requests.carried_over.{col}"]) + 4
    report = make_report(cur)
    (without,) = diagnose(report)
    assert not without.unique and len(without.changes) == 2
    report.previous = prev
    (diagnosis,) = diagnose(report)
    assert diagnosis.unique
    assert {(c.cell, c.proposed) for c in diagnosis.changes} == {
        (f"requests.carried_over.{col}", good[f"requests.carried_over.{col}"]) for col in ("natural", "total")
    }
    assert "CROSS-YEAR-CARRY" in diagnosis.explains and "上年结转" in diagnosis.message


def test_ranking_orders_but_never_decides():
    assert slip_score(Fraction(21), 12) > slip_score(Fraction(25), 12)  # transposed beats far off
    assert slip_score(Fraction(13), 12) > 0 and slip_score(Fraction(120), 12) > 0 and slip_score(Fraction(1), 12) > 0
    good = base_values(6)
    report = make_report(good | {"appeals.review.upheld": 3})  # true 2: 表四 cannot tell which
    (diagnosis,) = diagnose(report)
    assert not diagnosis.unique and len(diagnosis.alternatives) >= 3


def test_the_bundled_faulty_sample():
    proc = run_cli("check", "--json", ROOT / "samples" / "示例-有误.docx")
    (entry,) = json.loads(proc.stdout)
    first, group = entry["diagnoses"]
    assert first["unique"] is True
    assert first["changes"] == [{"cell": "requests.new.total", "found": 78, "proposed": 77}]
    assert set(first["explains"]) == {"REQ-ROW-TOTAL", "REQ-BALANCE"}
    assert "一、本年新收" in first["message"] and "应为 77" in first["message"]
    assert group["unique"] is False and group["explains"] == ["APPEAL-GROUP-TOTAL"]
    suspects = {c["cell"] for opt in [group["changes"], *group["alternatives"]] for c in opt}
    assert suspects <= {f"appeals.review.{c}" for c in ("upheld", "corrected", "other", "pending", "total")}
    assert len(suspects) >= 2 and group["message"].startswith("以下几处之一填错，无法仅凭合计判断：")
    listing = run_cli("check", ROOT / "samples" / "示例-有误.docx").stdout
    assert listing.index("诊断") < listing.index("REQ-ROW-TOTAL")


def test_fix_applies_unique_diagnoses_and_says_where_recomputing_overrides_one(tmp_path):
    sample = ROOT / "samples" / "示例-有误.docx"
    proc = run_cli("fix", sample, "--out", tmp_path / "a.docx", "--apply-suggestions")
    assert "按诊断更正：表三“一、本年新收政府信息公开申请数量”行“总计”列很可能填错" in proc.stdout
    assert "“总计”列：78 → 77" in proc.stdout
    assert "REQ-ROW-TOTAL" not in proc.stdout and "APPEAL-GROUP-TOTAL" in proc.stdout  # 表四 stays open
    fixed = json.loads(run_cli("check", "--json", tmp_path / "a.docx").stdout)[0]
    assert fixed["cells"]["requests.new.total"] == 77 and fixed["cells"]["appeals.review.total"] == 3
    # recomputing totals agrees with the 表三 diagnosis and overrides the undecided 表四 one, aloud
    proc = run_cli("fix", sample, "--out", tmp_path / "b.docx", "--recompute-totals")
    assert "“总计”列：78 → 77" in proc.stdout and "“总计”列：3 → 4" in proc.stdout
    notes = [line for line in proc.stdout.splitlines() if line.startswith("注意：已将")]
    assert len(notes) == 1 and "表四“行政复议”行“总计”列" in notes[0] and "诊断无法确定" in notes[0]


def test_a_recomputation_that_goes_against_a_unique_diagnosis_says_so(tmp_path, make_docx):
    good = base_values(7)
    path, _ = make_docx(raw={"requests.granted.natural": str(int(good["requests.granted.natural"]) + 10)})
    proc = run_cli("fix", path, "--out", tmp_path / "o.docx", "--recompute-totals")
    notes = [line for line in proc.stdout.splitlines() if line.startswith("注意：已将")]
    assert notes and all("这覆盖了诊断" in n and "“（一）予以公开”行“自然人”列很可能填错" in n for n in notes)
    proc = run_cli("fix", path, "--out", tmp_path / "p.docx", "--apply-suggestions", "--recompute-totals")
    assert not any(line.startswith("注意：已将") for line in proc.stdout.splitlines())
    assert (
        f"“自然人”列：{int(good['requests.granted.natural']) + 10} → {good['requests.granted.natural']}" in proc.stdout
    )


def test_findings_sheet_and_workbook_lead_with_the_diagnosis(tmp_path):
    import openpyxl

    from core.sheet import sheet_context, sheet_html
    from core.xlsx import write_workbook

    result = check_file(ROOT / "samples" / "示例-有误.docx")
    rows = sheet_context(result.file, result.report, result.findings, "0" * 64, diagnoses=result.diagnoses)["findings"]
    assert [(r["kind"], r["under"], r["rule"]) for r in rows[:4]] == [
        ("diagnosis", False, "REQ-ROW-TOTAL、REQ-BALANCE"),
        ("finding", True, "REQ-ROW-TOTAL"),
        ("finding", True, "REQ-BALANCE"),
        ("diagnosis", False, "APPEAL-GROUP-TOTAL"),
    ]
    assert (rows[0]["actual"], rows[0]["expected"]) == ("78", "77") and rows[3]["expected"] == ""
    assert len(rows) == len(result.findings) + 2  # nothing dropped: the explained findings stay listed
    html = sheet_html(sheet_context(result.file, result.report, result.findings, "0" * 64))
    assert html.count('class="diagnosis"') == 2 and "└ " in html
    out = write_workbook([result], tmp_path / "r.xlsx")
    sheet = openpyxl.load_workbook(out)["问题清单"]
    header = [c.value for c in sheet[1]]
    column = header.index("诊断（哪一格填错）")
    by_rule = {row[header.index("规则编号")]: row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "应为 77" in by_rule["REQ-ROW-TOTAL"] and "无法仅凭合计判断" in by_rule["APPEAL-GROUP-TOTAL"]
    assert not by_rule["VALUE-BLANK"]


def test_a_fraction_or_a_negative_figure_is_diagnosed_and_shown_as_typed():
    good = base_values(8)
    for typed, shown in (("2.5", "2.5"), ("-3", "-3")):
        (diagnosis,) = diagnose(make_report(good | {"requests.partial.natural": typed}))
        assert diagnosis.unique and diagnosis.changes[0].proposed == good["requests.partial.natural"]
        assert f"填写 {shown}，" in diagnosis.message
        assert diagnosis.to_json()["changes"][0]["found"] == float(typed)
        json.dumps(diagnosis.to_json())


def test_a_transposition_ranks_first_but_the_group_stays_undecided():
    good = base_values(7) | {
        "appeals.review.upheld": 12,
        "appeals.review.corrected": 5,
        "appeals.review.other": 3,
        "appeals.review.pending": 4,
        "appeals.review.total": 24,
    }
    (diagnosis,) = diagnose(make_report(good | {"appeals.review.upheld": 21}))
    assert [(c.cell, c.proposed) for c in diagnosis.changes] == [("appeals.review.upheld", 12)]
    assert not diagnosis.unique
    assert [[(c.cell, c.proposed) for c in alt] for alt in diagnosis.alternatives] == [[("appeals.review.total", 33)]]
    assert diagnosis.message.index("结果维持") < diagnosis.message.index("总计")


def test_the_sheet_marks_the_culprit_in_its_tables():
    from core.sheet import sheet_context

    good = base_values(7)
    report = make_report(good | {"requests.granted.natural": int(good["requests.granted.natural"]) + 10})
    (diagnosis,) = diagnose(report)
    assert diagnosis.unique
    path = ROOT / "samples" / "示例-有误.docx"  # only its file facts are read
    tables = sheet_context(path, report, [], "0" * 64, diagnoses=[diagnosis])["tables"]
    requests = next(t for t in tables if t["name"] == "表三")
    marked = [c["text"] for row in requests["rows"] for c in row if "error" in c["cls"].split()]
    assert marked == [str(int(good["requests.granted.natural"]) + 10)]


def test_a_slip_in_the_column_of_an_unreadable_cell_is_found_with_it():
    good = base_values(9)
    # 自然人 of （一） unreadable, and 自然人 of （七）总计 off: the column has both in it
    unknown, slip = "requests.granted.natural", "requests.results_total.natural"
    report = make_report(good | {unknown: "见附表", slip: int(good[slip]) + 1})
    (diagnosis,) = diagnose(report)
    proposals = {(c.cell, c.proposed) for opt in (diagnosis.changes, *diagnosis.alternatives) for c in opt}
    assert (slip, good[slip]) in proposals and (unknown, good[unknown]) in proposals


def test_random_pairs_across_the_tables_give_one_diagnosis_each():
    rng = random.Random(2009)
    good = base_values(13)
    requests = [c for c in sum_cell_ids() if c.startswith("requests.")]
    appeals = [c for c in sum_cell_ids() if c.startswith("appeals.")]
    for _ in range(30):
        a, b = rng.choice(requests), rng.choice(appeals)
        wa, wb = rng.choice(slips(int(good[a]), rng)), rng.choice(slips(int(good[b]), rng))
        report = make_report(good | {a: wa, b: wb})
        first, second = diagnose(report)
        assert first.unique and [(c.cell, c.proposed) for c in first.changes] == [(a, good[a])]
        assert (b, good[b]) in {(c.cell, c.proposed) for opt in (second.changes, *second.alternatives) for c in opt}
        # 表四's diagnosis is what the brute force finds for its slip alone
        assert options(second) == brute_force(make_report(good | {b: wb}), 1)


def test_a_diagnosis_whose_findings_were_all_dismissed_leaves_the_sheet_with_them():
    from core.decisions import DISMISSED, Applied, decide
    from core.sheet import sheet_context

    result = check_file(ROOT / "samples" / "示例-有误.docx")
    group = next(i for i, f in enumerate(result.findings) if f.rule == "APPEAL-GROUP-TOTAL")
    dismissal = decide(result.findings[group], result.report, DISMISSED, reason="已核实", by="张三")
    applied = Applied(by_finding={group: dismissal}, lapsed=[])
    context = sheet_context(
        result.file, result.report, result.findings, "0" * 64, decisions=applied, diagnoses=result.diagnoses
    )
    kinds = [(r["kind"], r["rule"]) for r in context["findings"]]
    assert ("diagnosis", "APPEAL-GROUP-TOTAL") not in kinds and ("diagnosis", "REQ-ROW-TOTAL、REQ-BALANCE") in kinds
    assert [r["rule"] for r in context["dismissed"]] == ["APPEAL-GROUP-TOTAL"]
