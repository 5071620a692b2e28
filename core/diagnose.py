"""Diagnoses: which cell is wrong, and what it should hold (spec section 4, "Diagnoses").

Core layer, pure. The sum rules say that a relation is broken, not which figure broke it. Here all
sum relations of a report are solved together — every relation of ``resources/schema.json`` (row
totals, the （七）总计 column sums, 一+二=三+四 per column, 表四's groups, the 8-column 小计 when
the report has that column) and, with last year's report loaded, the carry-over — and the
smallest sets of cells (1, 2, then 3) whose change makes every relation hold are found by exact
search, each with the non-negative whole numbers those cells should hold (error localisation in
the sense of Fellegi and Holt, 1976).

The search runs per connected part of the relation graph (表三 with the carry-over, and each of
表四's three groups), so that one slip in 表三 and one in 表四 are two diagnoses of one change
each. It branches only on what a solution must contain: a cell of a broken relation no chosen
cell touches yet, or, for a relation that held and now has exactly one changed cell, a second
cell of it. Unreadable cells (VALUE-NOT-NUMBER) are unknowns: they are always free, do not count
as a change, and get a proposed value where the sums fix it.

Where several smallest explanations fit, they are ranked by how a typing slip looks (digits
transposed, one digit off, a digit dropped or doubled, ±1, a figure typed into the neighbouring
column); the ranking orders them and never makes the answer unique.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from core import logger
from core.cell_id import CellId
from core.report import Report
from core.schema import cell_display, cell_labels, schema, split_cell_id
from core.values import INVALID, format_number, json_number

log = logger(__name__)

MAX_CHANGES = 3
MAX_LISTED = 5  # explanations a message spells out; the JSON lists them all
CARRY_RULE = "CROSS-YEAR-CARRY"
UNREADABLE_RULE = "VALUE-NOT-NUMBER"


@dataclass(frozen=True)
class Equation:
    """``sum(coef * cell) = const`` for one row, column or carry-over of one rule."""

    rule: str
    cells: tuple[str, ...]
    coefs: tuple[int, ...]
    const: Fraction | int = 0
    kind: str = "row"  # "row" or "col" (the schema relation's ``each``), or "carry"


@dataclass(frozen=True)
class Change:
    """One cell's figure as found and the figure a diagnosis proposes."""

    cell: str
    found: int | Decimal | None  # None: the cell's text is not a number
    proposed: int

    def to_json(self) -> dict:
        return {"cell": self.cell, "found": json_number(self.found), "proposed": self.proposed}


@dataclass(frozen=True)
class Diagnosis:
    """A smallest set of cells whose change makes the broken sums hold, with the figures they
    should hold, its message and the other sets of the same size."""

    changes: tuple[Change, ...]
    unique: bool
    explains: tuple[str, ...]  # rule ids
    message: str
    alternatives: tuple[tuple[Change, ...], ...] = ()
    # (rule, cells) of every broken relation this diagnosis explains, to match findings with
    relations: tuple[tuple[str, frozenset[str]], ...] = field(default=(), compare=False, repr=False)

    @property
    def cells(self) -> tuple[str, ...]:
        """Every cell the diagnosis suspects: its best change first, then the alternatives'."""
        seen: dict[str, None] = {}
        for option in (self.changes, *self.alternatives):
            for change in option:
                seen.setdefault(change.cell, None)
        return tuple(seen)

    def where(self) -> tuple[str, str, str]:
        """(table, row, column) for lists: its one cell, or how many cells are in question."""
        table, row, col = cell_labels(self.changes[0].cell)
        if self.unique and len(self.changes) == 1:
            return table, row, col
        if self.unique:
            return table, f"{len(self.changes)} 处", ""
        return table, f"{len(self.cells)} 处之一（无法确定）", ""

    @property
    def fix(self) -> dict[str, str]:
        """{cell id: text} that 「采用建议」 and ``fix --apply-suggestions`` set: the proposed
        values of a unique diagnosis; nothing where the sums cannot tell which cell is wrong."""
        return {c.cell: str(c.proposed) for c in self.changes} if self.unique else {}

    def proposal(self, cell_id: str) -> int | None:
        """The value proposed for a cell when the diagnosis is unique, else None."""
        if not self.unique:
            return None
        return next((c.proposed for c in self.changes if c.cell == cell_id), None)

    def explains_finding(self, finding) -> bool:
        """Whether a sum finding is one of the broken relations this diagnosis accounts for."""
        cells = frozenset(finding.cells)
        if finding.rule == UNREADABLE_RULE:
            return any(c.found is None and c.cell in cells for c in self.changes)
        return any(rule == finding.rule and cells == rel for rule, rel in self.relations)

    def to_json(self) -> dict:
        return {
            "changes": [c.to_json() for c in self.changes],
            "unique": self.unique,
            "explains": list(self.explains),
            "message": self.message,
            "alternatives": [[c.to_json() for c in alt] for alt in self.alternatives],
        }


def _decimal(value: int | Fraction | None) -> int | Decimal | None:
    """A figure as the report had it: whole numbers as int, a fraction (read from a Decimal) back
    as that Decimal."""
    if value is None or isinstance(value, int):
        return value
    return Decimal(value.numerator) / Decimal(value.denominator)


# -- building the relations from the schema -----------------------------------------------------


def equations(report: Report) -> list[Equation]:
    """Every sum relation of the report as an equation over its cells, from the schema; relations
    with a cell the report does not have are left out (as the rules leave them out)."""
    out: list[Equation] = []
    sch = schema()
    for rel in sch.relations:
        table = sch.table(rel.table)
        if rel.each == "row":
            if rel.total and not report.has_column(table.id, rel.total):
                continue
            terms = [(rel.total, 1)] + [(p, -1) for p in rel.parts]  # the same for every row
            lines = [(r.id, terms) for r in table.rows]
            cells = [[f"{table.id}.{r}.{c}" for c, _ in terms] for r, terms in lines]
        else:
            cols = [c.id for c in table.columns if report.has_column(table.id, c.id)]
            if rel.total:
                terms = [(rel.total, 1)] + [(p, -1) for p in rel.parts]
            else:
                terms = [(r, 1) for r in rel.left] + [(r, -1) for r in rel.right]
            lines = [(c, terms) for c in cols]
            cells = [[f"{table.id}.{r}.{c}" for r, _ in terms] for c, terms in lines]
        have = report.cells
        for (_, terms), ids in zip(lines, cells, strict=True):
            if all(i in have for i in ids):
                out.append(Equation(rel.rule, tuple(ids), tuple(k for _, k in terms), kind=rel.each))
    prev = report.previous
    if prev is not None:
        carry = sch.carry("requests")
        for col in sch.table(carry.table).columns:
            if col.optional:
                continue
            now_id = str(CellId(carry.table, carry.row, col.id))
            then = prev.value(str(CellId(carry.table, carry.from_row, col.id)))
            if now_id in report.cells and then is not None and then.counted is not None:
                out.append(Equation(CARRY_RULE, (now_id,), (1,), _whole(Fraction(then.counted)), "carry"))
    return out


def _found(report: Report, cell_id: str) -> Fraction | None:
    located = report.cells.get(cell_id)  # report.value(cell_id)
    if located is None or located.value.status == INVALID:
        return None
    counted = located.value.counted
    if counted is None:
        return None
    numerator, denominator = counted.as_integer_ratio()  # _whole(Fraction(counted)), without the Fraction
    return numerator if denominator == 1 else Fraction(numerator, denominator)


def _whole(number: Fraction) -> Fraction | int:
    return int(number) if number.denominator == 1 else number  # ints keep the search fast


# -- solving a small linear system exactly ----------------------------------------------------


def _solve(variables: list[str], rows: list[tuple[dict[str, int], Fraction]]) -> dict[str, Fraction | None] | None:
    """Solve ``sum(coef * var) = rhs`` exactly; None when inconsistent, else each variable's value
    (None where the system leaves it free)."""
    index = {v: i for i, v in enumerate(variables)}
    n = len(variables)
    matrix = []
    for coefs, rhs in rows:
        line = [0] * (n + 1)  # whole numbers while pivots are ±1; Fractions only where needed
        for v, k in coefs.items():
            line[index[v]] += k
        line[n] = rhs
        matrix.append(line)
    pivots: list[int] = []
    r = 0
    for c in range(n):
        p = next((i for i in range(r, len(matrix)) if matrix[i][c] != 0), None)
        if p is None:
            continue
        matrix[r], matrix[p] = matrix[p], matrix[r]
        pv = matrix[r][c]
        if pv == -1:
            matrix[r] = [-x for x in matrix[r]]
        elif pv != 1:
            matrix[r] = [Fraction(x) / pv for x in matrix[r]]
        for i in range(len(matrix)):
            if i != r and matrix[i][c] != 0:
                f = matrix[i][c]
                matrix[i] = [a - f * b for a, b in zip(matrix[i], matrix[r], strict=True)]
        pivots.append(c)
        r += 1
    if any(matrix[i][n] != 0 for i in range(r, len(matrix))):
        return None
    values: dict[str, Fraction | None] = {v: None for v in variables}
    pivot_set = set(pivots)
    for i, c in enumerate(pivots):
        if all(matrix[i][j] == 0 for j in range(n) if j not in pivot_set):
            values[variables[c]] = matrix[i][n]
    return values


# -- the search ---------------------------------------------------------------------------------


class _Part:
    """One connected part of the relation graph, with the report's figures."""

    def __init__(self, eqs: list[Equation], found: dict[str, Fraction | None]):
        self.eqs = eqs
        self.found = found
        self.unknown = frozenset(c for e in eqs for c in e.cells if found[c] is None)
        self.sets = [frozenset(e.cells) for e in eqs]
        self.by_cell: dict[str, list[int]] = {}
        for i, e in enumerate(eqs):
            for c in e.cells:
                self.by_cell.setdefault(c, []).append(i)
        # what each relation lacks with its readable figures as found (None: it has an unknown)
        self.residual: list[Fraction | None] = []
        for e in eqs:
            total = 0  # sum(k * found[c]), stopped at the first unknown
            for c, k in zip(e.cells, e.coefs, strict=True):
                figure = found[c]
                if figure is None:
                    self.residual.append(None)
                    break
                total += k * figure
            else:
                self.residual.append(e.const - total)
        self.broken = [i for i, r in enumerate(self.residual) if r]
        self.max_cover = max((len(v) for v in self.by_cell.values()), default=1)

    def solve(self, chosen: frozenset[str]) -> dict[str, Fraction | None] | None:
        free = chosen | self.unknown
        touched = sorted({i for c in free for i in self.by_cell.get(c, ())})
        rows = []
        for i in touched:
            e = self.eqs[i]
            coefs: dict[str, int] = {}
            rhs = e.const
            for c, k in zip(e.cells, e.coefs, strict=True):
                if c in free:
                    coefs[c] = coefs.get(c, 0) + k
                else:
                    rhs -= k * self.found[c]
            rows.append((coefs, rhs))
        values = _solve(sorted(free), rows)
        if values is None:
            return None
        for c in chosen:
            v = values[c]
            if v is None or v.denominator != 1 or v < 0 or v == self.found[c]:
                return None
        for c in self.unknown:
            v = values[c]
            if v is not None and (v.denominator != 1 or v < 0):
                return None
        return values

    def demands(self, chosen: frozenset[str], size: int) -> list[list[str]] | None:
        """The relations a solution containing ``chosen`` must still take a cell from."""
        free = chosen | self.unknown
        sets = self.sets
        out = [self.eqs[i].cells for i in self.broken if sets[i].isdisjoint(free)]
        if len(out) > (size - len(chosen)) * self.max_cover:
            return None
        for c in chosen:
            for i in self.by_cell[c]:
                if self.residual[i] == 0 and len(sets[i] & free) == 1:
                    out.append([x for x in self.eqs[i].cells if x != c])
        return out

    def search(self) -> list[tuple[frozenset[str], dict[str, Fraction | None]]]:
        """Every smallest set of cells (≤ MAX_CHANGES) whose change makes all relations hold."""
        if not self.unknown and not self.broken:
            return []
        if not self.broken:  # only unknowns: they alone may satisfy every relation
            values = self.solve(frozenset())
            if values is not None:
                return [(frozenset(), values)]
        for size in range(1, MAX_CHANGES + 1):
            found: dict[frozenset[str], dict] = {}
            seen: set[frozenset[str]] = set()
            self._grow(frozenset(), size, found, seen)
            if found:
                return list(found.items())
        return []

    def _grow(self, chosen: frozenset[str], size: int, found: dict, seen: set) -> None:
        if chosen in seen:
            return
        seen.add(chosen)
        demands = self.demands(chosen, size)
        if demands is None:
            return
        if len(chosen) == size:
            if not demands:
                values = self.solve(chosen)
                if values is not None:
                    found[chosen] = values
            return
        if demands:
            options = min(demands, key=len)
        else:
            # every broken relation is taken and no relation that held is left with one change,
            # yet the figures do not fit: any further cell shares a relation with the chosen ones
            options = sorted({x for c in chosen | self.unknown for i in self.by_cell[c] for x in self.eqs[i].cells})
        for cell in options:
            if cell not in chosen and cell not in self.unknown:
                self._grow(chosen | {cell}, size, found, seen)


def _parts(eqs: list[Equation]) -> list[list[Equation]]:
    """The connected parts of the relation graph (relations sharing a cell are connected)."""
    parent = list(range(len(eqs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, e in enumerate(eqs):
        for c in e.cells:
            if c in first:
                parent[root(i)] = root(first[c])
            else:
                first[c] = i
    groups: dict[int, list[Equation]] = {}
    for i, e in enumerate(eqs):
        groups.setdefault(root(i), []).append(e)
    return list(groups.values())


# -- ranking by how a typing slip looks --------------------------------------------------------


def slip_score(found: int | Decimal | Fraction | None, proposed: int) -> int:
    """How much ``found`` looks like a typing slip for ``proposed`` (higher: more likely)."""
    if found is None or found != int(found) or found < 0:
        return 0
    a, b = str(int(found)), str(proposed)
    if len(a) == len(b) and len(a) > 1:
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return 5  # digits transposed: 12 ↔ 21
    if abs(int(found) - proposed) == 1:
        return 4  # ±1
    if len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1:
        return 3  # one digit off
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    if len(longer) == len(shorter) + 1 and any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer))):
        return 3  # a digit dropped or doubled
    return 0


def _neighbours(cell_id: str) -> list[str]:
    t, r, c = split_cell_id(cell_id)
    table = schema().table(t)
    cols = list(table.row_cols(table.row(r)))
    i = cols.index(c)
    return [f"{t}.{r}.{cols[j]}" for j in (i - 1, i + 1) if 0 <= j < len(cols)]


def _score(changes: tuple[Change, ...], found: dict[str, Fraction | None]) -> int:
    proposed = {c.cell: Fraction(c.proposed) for c in changes}
    score = 0
    for ch in changes:
        typed = found[ch.cell]
        s = slip_score(typed, ch.proposed)
        if typed is not None and typed != 0:
            # a figure typed into the neighbouring column: it is what the neighbour should hold
            if any(proposed.get(n, found.get(n)) == typed for n in _neighbours(ch.cell)):
                s = max(s, 2)
        score += s
    return score


# -- messages -----------------------------------------------------------------------------------


def _basis(cells: set[str], eqs: list[Equation]) -> str:
    kinds = {e.kind for e in eqs if cells & set(e.cells)}
    parts = [w for k, w in (("row", "行"), ("col", "列")) if k in kinds]
    basis = "、".join(parts)
    if "carry" in kinds:
        basis = f"{basis}及上年结转" if basis else "上年结转"
    return f"按{basis}推算" if basis else "按合计推算"


def _found_text(change: Change, report: Report) -> str:
    if change.found is None:
        raw = report.value(change.cell).raw.strip() if report.value(change.cell) else ""
        return f"填写“{raw}”" if raw else "填写的内容无法识别"
    return f"填写 {format_number(change.found)}"


def _message(best: tuple[Change, ...], alternatives: list[tuple[Change, ...]], eqs, report: Report) -> str:
    def one(ch: Change) -> str:
        return f"{cell_display(ch.cell)}{_found_text(ch, report)}，应为 {ch.proposed}"

    if not alternatives:
        wrong = [c for c in best if c.found is not None]
        if len(best) == 1:
            ch = best[0]
            verb = "很可能填错" if ch.found is not None else "的内容无法识别"
            return (
                f"{cell_display(ch.cell)}{verb}：{_found_text(ch, report)}，{_basis({ch.cell}, eqs)}应为 {ch.proposed}"
            )
        if len(wrong) == len(best):
            head = f"以下 {len(best)} 处很可能填错"
        else:
            head = "以下几处很可能填错或无法识别" if wrong else "以下几处的内容无法识别"
        return f"{head}（{_basis({c.cell for c in best}, eqs)}）：" + "；".join(one(c) for c in best)
    options = []
    for option in (best, *alternatives)[:MAX_LISTED]:
        options.append(
            "、".join(f"{cell_display(c.cell)}（{_found_text(c, report)}，若是它则应为 {c.proposed}）" for c in option)
        )
    joiner = "；或 " if any(len(o) > 1 for o in (best, *alternatives)) else "；"
    more = len(alternatives) + 1 - MAX_LISTED
    tail = f"；另有 {more} 种可能，未一一列出" if more > 0 else ""
    return "以下几处之一填错，无法仅凭合计判断：" + joiner.join(options) + tail


# -- the entry point ----------------------------------------------------------------------------


def diagnose(report: Report) -> list[Diagnosis]:
    """The diagnoses of a report: one per connected part of its relations that does not add up
    (or that has an unreadable cell the sums determine); empty when every sum holds. A diagnosis
    is an aid beside the findings: should it ever fail, the check goes on without it."""
    try:
        return _diagnose(report)
    except Exception:
        log.exception("diagnosis failed")
        return []


@functools.cache
def _cell_order() -> dict[str, int]:
    """Each cell's place in the schema (the schema is loaded once)."""
    return {c: i for i, c in enumerate(schema().cell_ids())}


def _diagnose(report: Report) -> list[Diagnosis]:
    eqs = equations(report)
    cells = {c for e in eqs for c in e.cells}
    found = {c: _found(report, c) for c in cells}
    order = _cell_order()
    out = []
    for part_eqs in _parts(eqs):
        part = _Part(part_eqs, found)
        solutions = part.search()
        if not solutions:
            continue
        options = []
        for chosen, values in solutions:
            free = sorted(chosen | {u for u in part.unknown if values.get(u) is not None}, key=order.get)
            changes = tuple(Change(c, _decimal(found[c]), int(values[c])) for c in free)
            options.append(changes)
        options.sort(key=lambda ch: (-_score(ch, found), [order[c.cell] for c in ch]))
        best, alternatives = options[0], options[1:]
        if not best:
            continue
        broken = [part_eqs[i] for i in part.broken]
        explains = [e.rule for e in broken]
        if part.unknown:
            explains.append(UNREADABLE_RULE)
        out.append(
            Diagnosis(
                changes=best,
                unique=len(options) == 1,
                explains=tuple(dict.fromkeys(explains)),
                message=_message(best, alternatives, part_eqs, report),
                alternatives=tuple(alternatives),
                relations=tuple((e.rule, frozenset(e.cells)) for e in broken),
            )
        )
    out.sort(key=lambda d: order[d.changes[0].cell])
    return out
