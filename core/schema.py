"""The statutory table schema, loaded once from ``resources/schema.json``.

Core layer. The JSON file is the single source of truth for table, row and column ids, standard
labels, known label variants and the sum relations; the locator, the rules, the grid, the
templates and the exports all read it through :func:`schema`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

from core.cell_id import CellId, cell_id
from core.paths import resource

# The schema's classes are frozen but compiled without __eq__, __hash__ and __repr__: the one
# cached schema() is the only source of them, so a row is the same object wherever it is met,
# and nothing compares, hashes or prints them (a run of the whole test suite with those methods
# recording their callers recorded none). That is 48 of a check's ~150 generated methods fewer
# to compile at every start (13 M instructions, 2.6 %; docs/start.md).


@dataclass(frozen=True, eq=False, repr=False)
class Column:
    """A value column of a statutory table (resources/schema.json)."""

    id: str
    label: str
    keys: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()  # other wordings taken as this column (LABEL-NONSTANDARD)
    group: str | None = None
    optional: bool = False
    decimal: bool = False
    exact: bool = False


@dataclass(frozen=True, eq=False, repr=False)
class Row:
    """A row of a statutory table (resources/schema.json)."""

    id: str
    label: str
    keys: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    group: str | None = None
    exact: bool = False
    cols: tuple[str, ...] = ()
    parent_label: str | None = None


@dataclass(frozen=True, eq=False, repr=False)
class Group:
    """A heading row that groups rows (三、本年度办理结果, （三）不予公开 …)."""

    id: str
    label: str
    parent: str | None = None
    numeral: str | None = None
    keys: tuple[str, ...] = ()
    exact: bool = False


@dataclass(frozen=True, eq=False, repr=False)
class Table:
    """A statutory table: its ids, headings, columns and rows, and the sum relations of its rows."""

    id: str
    name: str
    heading: str
    title: str
    keys: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    groups: tuple[Group, ...] = ()
    blocks: tuple[dict, ...] = ()
    header: dict = field(default_factory=dict)
    corner: str | None = None
    outdated_labels: tuple[str, ...] = ()
    tab: str = ""  # the short name beside 表二 on a tab or a sheet: 主动公开
    min_keys: int = 2  # how many of ``keys`` a table must hold to be taken for this one
    corner_keys: tuple[str, ...] = ()  # words of the corner cell that mark a header row

    @property
    def tab_title(self) -> str:
        """The table's name on a tab, a workbook sheet: 表二 主动公开."""
        return f"{self.name} {self.tab}" if self.tab else self.name

    def column(self, col_id: str) -> Column:
        return next(c for c in self.columns if c.id == col_id)

    def row(self, row_id: str) -> Row:
        return next(r for r in self.rows if r.id == row_id)

    def group(self, group_id: str) -> Group:
        return next(g for g in self.groups if g.id == group_id)

    def column_ids(self, with_optional: bool = False) -> tuple[str, ...]:
        """The table's column ids in schema order; the optional ones (表三's 小计) only if asked."""
        return tuple(c.id for c in self.columns if with_optional or not c.optional)

    def value_columns(self, org: list[str] | tuple[str, ...] | None = None) -> list[str]:
        """The value columns a row is read into, in the schema's order (optional ones left out),
        with the group ``org`` (表三's 法人或其他组织, in the order a draft's header gives) in place
        of the schema's own group."""
        first = next((i for i, c in enumerate(self.columns) if c.group == "org"), len(self.columns))
        if org is None:
            org = [c.id for c in self.columns[first:] if c.group == "org" and not c.optional]
        before = [c.id for c in self.columns[:first] if not c.optional]
        after = [c.id for c in self.columns[first:] if c.group != "org" and not c.optional]
        return [*before, *org, *after]

    def row_cols(self, row: Row) -> tuple[str, ...]:
        """The column ids a row has: its own list (proactive) or every column of the table."""
        return row.cols or tuple(c.id for c in self.columns)

    def cell_ids(self, with_optional: bool = True) -> list[str]:
        return [
            cell_id(self.id, r.id, c)
            for r in self.rows
            for c in self.row_cols(r)
            if with_optional or not self.column(c).optional
        ]


@dataclass(frozen=True, eq=False, repr=False)
class Relation:
    """``total = sum(parts)`` (or ``sum(left) = sum(right)``) for every row or every column."""

    rule: str
    table: str
    each: str
    total: str | None = None
    parts: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class Section:
    """A section of the report's text (一、总体情况 …), found by its heading's keys."""

    id: str
    heading: str
    keys: tuple[str, ...]
    table: str | None = None


@dataclass(frozen=True, eq=False, repr=False)
class CrossYear:
    """A cell this year that carries on from a cell of last year's report: every cell of ``row``
    from last year's ``from_row`` (表三's 上年结转 from 结转下年度继续办理), or a column from
    itself (表二's 现行有效件数). ``label`` names last year's cell in the window."""

    table: str
    label: str
    row: str | None = None
    from_row: str | None = None
    col: str | None = None
    # a stock column: this year's = last year's + ``added`` - ``removed`` (表二's 现行有效件数 =
    # 上年现行有效 + 本年制发 - 本年废止), for the rows that have the column
    added: str | None = None
    removed: str | None = None

    def source(self, cell: CellId) -> str | None:
        """Last year's cell that ``cell`` carries on from, if this pairing covers it."""
        if cell.table != self.table or self.row not in (None, cell.row) or self.col not in (None, cell.col):
            return None
        return cell_id(self.table, self.from_row or cell.row, cell.col)


@dataclass(frozen=True, eq=False, repr=False)
class Schema:
    """The whole of resources/schema.json: tables, sum relations, sections and cross-year carries."""

    tables: tuple[Table, ...]
    relations: tuple[Relation, ...]
    format: str
    sections: tuple[Section, ...] = ()
    cross_year: tuple[CrossYear, ...] = ()
    # words that mark a saved web page's site furniture after the article (分享到, 网站标识码, ICP备 …)
    page_furniture: tuple[str, ...] = ()

    def table(self, table_id: str) -> Table:
        return next(t for t in self.tables if t.id == table_id)

    def cell_ids(self, with_optional: bool = True) -> list[str]:
        return [cid for t in self.tables for cid in t.cell_ids(with_optional)]

    @property
    def total_rules(self) -> tuple[str, ...]:
        """The rules of the relations with a total (``total = sum(parts)``): the totals a
        recomputation may set from their parts. 一+二=三+四 has none: a person must say which
        of its four figures is wrong."""
        return tuple(dict.fromkeys(r.rule for r in self.relations if r.total))

    def stock(self, table_id: str) -> CrossYear:
        """The column pairing of a table that is a stock (表二's 现行有效件数 from last year's, plus
        本年制发, minus 本年废止)."""
        return next(p for p in self.cross_year if p.table == table_id and p.col and p.added)

    def carry(self, table_id: str) -> CrossYear:
        """The row pairing of a table (表三: 上年结转 from last year's 结转下年度继续办理)."""
        return next(p for p in self.cross_year if p.table == table_id and p.row)

    def counterpart(self, cell: str) -> tuple[str, str] | None:
        """The cell of last year's report that this year's ``cell`` carries on from, with its label."""
        parts = CellId.split(cell)
        for pairing in self.cross_year:
            source = pairing.source(parts)
            if source is not None:
                return source, pairing.label
        return None


def _tuple(d: dict, key: str) -> tuple:
    return tuple(d.get(key, ()))


def _table(d: dict) -> Table:
    return Table(
        id=d["id"],
        name=d["name"],
        heading=d["heading"],
        title=d["title"],
        keys=_tuple(d, "keys"),
        columns=tuple(
            Column(
                id=c["id"],
                label=c["label"],
                keys=_tuple(c, "keys"),
                variants=_tuple(c, "variants"),
                group=c.get("group"),
                optional=c.get("optional", False),
                decimal=c.get("decimal", False),
                exact=c.get("exact", False),
            )
            for c in d["columns"]
        ),
        rows=tuple(
            Row(
                id=r["id"],
                label=r["label"],
                keys=_tuple(r, "keys"),
                variants=_tuple(r, "variants"),
                group=r.get("group"),
                exact=r.get("exact", False),
                cols=_tuple(r, "cols"),
                parent_label=r.get("parent_label"),
            )
            for r in d["rows"]
        ),
        groups=tuple(
            Group(
                id=g["id"],
                label=g["label"],
                parent=g.get("parent"),
                numeral=g.get("numeral"),
                keys=_tuple(g, "keys"),
            )
            for g in d.get("groups", ())
        ),
        blocks=_tuple(d, "blocks"),
        header=d.get("header", {}),
        corner=d.get("corner"),
        outdated_labels=_tuple(d, "outdated_labels"),
        tab=d.get("tab", ""),
        min_keys=d.get("min_keys", 2),
        corner_keys=_tuple(d, "corner_keys"),
    )


@cache
def schema() -> Schema:
    data = json.loads(resource("schema.json").read_text(encoding="utf-8"))
    return Schema(
        tables=tuple(_table(t) for t in data["tables"]),
        relations=tuple(
            Relation(
                rule=r["rule"],
                table=r["table"],
                each=r["each"],
                total=r.get("total"),
                parts=_tuple(r, "parts"),
                left=_tuple(r, "left"),
                right=_tuple(r, "right"),
            )
            for r in data["relations"]
        ),
        format=data["format"],
        sections=tuple(
            Section(id=x["id"], heading=x["heading"], keys=_tuple(x, "keys"), table=x.get("table"))
            for x in data["sections"]
        ),
        cross_year=tuple(
            CrossYear(
                table=x["table"],
                label=x["label"],
                row=x.get("row"),
                from_row=x.get("from_row"),
                col=x.get("col"),
                added=x.get("added"),
                removed=x.get("removed"),
            )
            for x in data.get("cross_year", ())
        ),
        page_furniture=_tuple(data, "page_furniture"),
    )


def split_cell_id(cell_id: str) -> CellId:
    """(table, row, col) of a wire id (:class:`core.cell_id.CellId`)."""
    return CellId.split(cell_id)


def row_display(table: Table, row: Row) -> str:
    """A row's label as users know it, with its group where the bare label is ambiguous."""
    if row.group and row.group != "results":
        return f"{table.group(row.group).label}·{row.label}"
    if row.parent_label:
        return f"{row.parent_label}·{row.label}"
    return row.label


def cell_labels(cell_id: str) -> tuple[str, str, str]:
    """(table name, row label, column label) of a cell, for lists and tooltips."""
    t_id, r_id, c_id = split_cell_id(cell_id)
    table = schema().table(t_id)
    return table.name, row_display(table, table.row(r_id)), table.column(c_id).label


def cell_display(cell_id: str) -> str:
    """表三“一、本年新收…”行“自然人”列 — how messages name a cell."""
    t_id, r_id, c_id = split_cell_id(cell_id)
    table = schema().table(t_id)
    row = table.row(r_id)
    col = table.column(c_id)
    return f"{table.name}“{row_display(table, row)}”行“{col.label}”列"
