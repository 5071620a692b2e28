"""Finding the three statutory tables, their rows and columns, by label text.

Core layer. Nothing here depends on a table's position in the document or a cell's ordinal:
tables are recognised by the labels they contain, rows by their (normalized) labels, and the
value cells of a row are the cells after its last label cell, assigned to the columns in the
order the table's own header gives. Blank filler cells left where a layout is unmerged are
dropped before values are assigned. Deviating wording is matched through the schema's keys and
variants and recorded for LABEL-NONSTANDARD.
"""

from __future__ import annotations

import functools
import re

from core.document import Cell, Document, Paragraph, Table
from core.labels import core_label, display, norm, numeral_of, strip_numbering
from core.memo import short_text_memo
from core.report import LabelIssue, Located, Meta, Report, SourceRef
from core.schema import Row, schema
from core.sections import heading_section, outline
from core.values import INVALID, parse_value

_TITLE = re.compile(r"^(.*?)((?:19|20)\d{2})年度?(?:政府)?信息公开.*?年度报告")


_NOT_AGENCY = re.compile(r"[>＞»〔〕\[\]【】:：,，。;；!！?？|/]|首页|当前位置|号$|^\d")


def _agency_line(normed: str) -> bool:
    """A short line that can be an agency's name (not a breadcrumb, a document number, a date)."""
    return 2 <= len(normed) <= 40 and not _NOT_AGENCY.search(normed)


class _Matcher:
    """Matches one label against a set of candidates (rows, groups or columns)."""

    def __init__(self, items, standard=lambda item: item.label):
        self.exact: dict[str, tuple[object, bool]] = {}
        self.keys: list[tuple[str, object]] = []
        for item in items:
            self.exact[core_label(standard(item))] = (item, True)
            for variant in getattr(item, "variants", ()):
                self.exact.setdefault(core_label(variant), (item, False))
            if not getattr(item, "exact", False):
                for key in getattr(item, "keys", ()) or (core_label(standard(item)),):
                    self.keys.append((core_label(key), item))
        self.keys.sort(key=lambda kv: -len(kv[0]))
        self.match = short_text_memo(self._match)  # the same labels come back in every report

    def closest(self, core: str, cutoff: float = 0.8):
        """The item whose standard label is clearly the closest to ``core`` (a label with a typo:
        其他法律行政止公开), or None where none is close or two are about as close."""
        if len(core) < 4:
            return None
        import difflib  # only for a label that matched nothing as written

        scores = sorted(
            (
                (difflib.SequenceMatcher(None, core, label).ratio(), id(item), item)
                for label, (item, _) in self.exact.items()
            ),
            key=lambda s: -s[0],
        )
        if not scores or scores[0][0] < cutoff:
            return None
        rivals = [s for s in scores[1:] if s[2] is not scores[0][2]]
        if rivals and scores[0][0] - rivals[0][0] < 0.15:
            return None
        return scores[0][2]

    def _match(self, core: str):
        """(item, is_standard_wording) or None."""
        if core in self.exact:
            return self.exact[core]
        for key, item in self.keys:
            if key and key in core:
                return item, False
        return None


@functools.cache
def _matcher(table_id: str, kind: str) -> _Matcher:
    """The matcher of a statutory table's rows, groups or columns: made once (the schema is
    loaded once), not per report."""
    return _Matcher(getattr(schema().table(table_id), kind))


@short_text_memo
def _label_parts(text: str) -> tuple[str, tuple[str, ...]]:
    """A cell's label without its numbering, and the numbering marks (strip_numbering of norm)."""
    core, marks = strip_numbering(norm(text))
    return core, tuple(marks)


# Headers of a column of notes a draft adds beside the statutory ones (core_label, no colon).
NOTE_HEADERS = frozenset({"备注", "说明", "备注说明", "附注"})


def _is_note_header(core: str) -> bool:
    return core.rstrip(":：") in NOTE_HEADERS


def _fit_exact(
    cells: list[tuple[int, Cell]], k: int, short: bool = False, start: int | None = None
) -> list[tuple[int, Cell]] | None:
    """The k value cells of a row: the one run of k cells outside which every cell is blank
    filler (an unmerged layout leaves such cells beside the values). None where there is no
    such run, where the row is ``short``, or where several runs that read differently fit and
    ``start`` (the grid column where the table's other rows start their figures) does not pick
    one: a cell deleted or added, or a blank figure beside a filler cell, shifts every figure
    after it, so none of them is taken."""
    if short or len(cells) < k:
        return None
    normed = [norm(c.text) for _, c in cells]  # each cell normalized once; "" is blank filler
    starts = [i for i in range(len(cells) - k + 1) if not any(normed[:i]) and not any(normed[i + k :])]
    if len(starts) > 1 and start is not None:
        starts = [i for i in starts if cells[i][1].grid_col == start] or starts
    if len({tuple(normed[i : i + k]) for i in starts}) > 1:
        return None
    return cells[starts[0] : starts[0] + k] if starts else None


class _Locator:
    def __init__(self, doc: Document):
        self.doc = doc
        self.schema = schema()
        self.report = Report(document=doc)
        self._widths: dict[int, int] = {}  # grid width of each table read, by id
        self._aside: list[tuple[int, Table]] = []  # tables with a note column blanked (set_notes_aside)

    # -- helpers -------------------------------------------------------------------------
    def short(self, row: list[Cell], table: Table) -> bool:
        """Whether a row ends before the table's widest row does: a cell deleted from it (Word's
        "delete cells, shift left") leaves its figures a grid column off, and a blank filler cell
        may then pass for a figure — so its figures cannot be placed. A text export has no grid
        (its rows are as long as their cells), so there it says nothing."""
        if self.doc.kind == "text" or not row:
            return False
        width = self._widths.get(id(table))
        if width is None:  # once per table, not once per row
            width = self._widths[id(table)] = max((r[-1].grid_col + r[-1].span for r in table.rows if r), default=0)
        return row[-1].grid_col + row[-1].span < width

    def record(self, table_id: str, row_id: str, col_id: str, block: int, row: int, cell: int, c: Cell) -> None:
        cell_id = f"{table_id}.{row_id}.{col_id}"  # str(CellId(...)), without making one
        cells = self.report.cells
        located = cells.get(cell_id)
        if located is None:
            cells[cell_id] = Located(parse_value(c.text), SourceRef(block, row, cell))
        elif located.value.raw.strip() != c.text.strip():
            self.clashes.append(cell_id)  # the same statutory cell twice in one table, differently

    def set_notes_aside(self, table_id: str, blocks: list[tuple[int, Table]]) -> list[tuple[int, Table]]:
        """The run's tables with a column of notes blanked out: a header row that names the
        table's columns and also a 备注 or 说明 column (not the label column) makes that grid
        column notes, from there to the end of the run. Their texts are kept aside for
        TABLE-EXTRA-COLUMN, and the cells read as blank filler, at the same positions (each cell
        keeps its index in its row, so a figure's source is where it was): neither row labels nor
        figures."""
        if not any(word in text for text in [t.text() for _, t in blocks] for word in NOTE_HEADERS):
            return blocks
        t = self.schema.table(table_id)
        cols = _matcher(table_id, "columns")
        words = {core_label(w) for w in t.header.values()}
        label, grid = None, set()
        out = []
        for b, table in blocks:
            rows = []
            for row in table.rows:
                cores = [core_label(c.text) for c in row]
                notes = [c for c, core in zip(row, cores) if c.grid_col > 0 and _is_note_header(core)]
                if notes and any(core in words or (core and cols.match(core)) for core in cores):
                    label = label or display(notes[0].text).rstrip(":：")
                    grid.update(g for c in notes for g in range(c.grid_col, c.grid_col + c.span))
                if grid and any(c.grid_col in grid for c in row):
                    row = [self.note_aside(table_id, label, c) if c.grid_col in grid else c for c in row]
                rows.append(row)
            out.append((b, Table(rows)) if grid else (b, table))
        self._aside.extend(out)  # alive while the locator runs: self._widths is keyed by id()
        if label:
            self.report.note_columns.setdefault(table_id, (label, []))
        return out

    def note_aside(self, table_id: str, label: str, cell: Cell) -> Cell:
        """A note column's cell, its text kept aside (TABLE-EXTRA-COLUMN), as a blank cell."""
        text = display(cell.text)
        texts = self.report.note_columns.setdefault(table_id, (label, []))[1]
        if text and not _is_note_header(core_label(text)) and text not in texts:
            texts.append(text)
        return Cell("", cell.grid_col, cell.span, cell.merged_up, cell.where)

    def label_issue(self, table_id: str, kind: str, item, found: str) -> None:
        issue = LabelIssue(table_id, kind, item.id, display(found), item.label)
        if issue not in self.report.labels:
            self.report.labels.append(issue)

    def classify(self) -> list[tuple[str, list[tuple[int, Table]]]]:
        """Candidate runs of tables, in document order: (table id, [(block, table), …]).

        A table is a candidate for the statutory table whose labels it holds. A table right after
        a candidate (only short, non-heading lines such as 续表 between) with the same grid width
        continues it — the second part of a table cut at a page break, with or without its header
        repeated — and is read with the part above it, so its column map carries over."""
        runs: list[tuple[str, list[tuple[int, Table]]]] = []
        last: int | None = None  # block index of the last table of the last run
        pending = None  # the last table that was no candidate: (block, table, scores)
        keys = [(t.id, [norm(k) for k in t.keys]) for t in self.schema.tables]  # normalized once, not per table
        for index, table in self.doc.tables:
            text = norm(table.text())
            scores = {table_id: sum(1 for k in normed if k in text) for table_id, normed in keys}
            best = max(scores, key=scores.get)
            fits = scores[best] >= self.schema.table(best).min_keys
            if runs and last is not None and self._continues(runs[-1][1][-1][1], last, index, table):
                if not fits or best == runs[-1][0]:
                    runs[-1][1].append((index, table))
                    last = index
                    continue
            if fits:
                start = [(index, table)]
                if pending and pending[2].get(best) and self._continues(pending[1], pending[0], index, table):
                    start.insert(0, pending[:2])  # the first part, cut before it held enough labels
                runs.append((best, start))
                last = index
                pending = None
            else:
                pending = (index, table, scores)
        return runs

    def _continues(self, above: Table, above_index: int, index: int, table: Table) -> bool:
        between = self.doc.blocks[above_index + 1 : index]
        if any(not isinstance(b, Paragraph) or len(norm(b.text)) > 12 or heading_section(b.text) for b in between):
            return False
        return _width(above) == _width(table)

    def section_of(self, block: int) -> str | None:
        """The section whose heading stands above block ``block``."""
        headings = sorted((i, sid) for sid, i in (self.report.outline.headings if self.report.outline else {}).items())
        current = None
        for i, sid in headings:
            if i < block:
                current = sid
        return current

    # -- 表二 ------------------------------------------------------------------------------
    def proactive(self, blocks: list[tuple[int, Table]]) -> None:
        t = self.schema.table("proactive")
        rows = _matcher("proactive", "rows")
        cols = _matcher("proactive", "columns")
        outdated = {norm(label) for label in t.outdated_labels}
        content = core_label(t.header["content"])  # the header's first cell: 信息内容
        for b, table in blocks:
            header: list[str] | None = None
            for r, row in enumerate(table.rows):
                cores = [core_label(c.text) for c in row]
                stale = [row[i].text for i, core in enumerate(cores) if core in outdated]
                if stale:
                    self.report.outdated_labels.extend(display(s) for s in stale)
                    header = ["outdated"]
                    continue
                col_hits = [(i, cols.match(core)) for i, core in enumerate(cores) if core]
                col_hits = [(i, hit) for i, hit in col_hits if hit]
                if col_hits or content in cores:
                    header = [hit[0].id for _, hit in col_hits]
                    for i, (col, standard) in col_hits:
                        if not standard:
                            self.label_issue("proactive", "column", col, row[i].text)
                    continue
                last, found = None, None
                for i, core in enumerate(cores):
                    hit = rows.match(core) if core else None
                    if hit:
                        last, found = i, hit
                if found is None or header == ["outdated"]:
                    continue
                item: Row = found[0]
                if not found[1]:
                    self.label_issue("proactive", "row", item, row[last].text)
                order = header if header and sorted(header) == sorted(item.cols) else list(item.cols)
                values = _fit_exact(list(enumerate(row))[last + 1 :], len(order), self.short(row, table))
                if values is None:
                    self.report.unread.append(("proactive", display(row[last].text), b, r, "count"))
                    continue
                for col_id, (i, c) in zip(order, values):
                    self.record("proactive", item.id, col_id, b, r, i, c)

    # -- 表三 ------------------------------------------------------------------------------
    def requests(self, blocks: list[tuple[int, Table]]) -> None:
        t = self.schema.table("requests")
        rows = _matcher("requests", "rows")
        groups = _matcher("requests", "groups")
        cols = _matcher("requests", "columns")
        by_numeral = {g.numeral: g for g in t.groups if g.numeral}
        header_words = {core_label(w) for w in t.header.values()} | {core_label(c.label) for c in t.columns if c.keys}
        corner = [core_label(w) for w in t.corner_keys]
        org_order: list[str] = []
        seen_header = False
        read_with: list[str] | None = None  # the value columns of the rows read
        columns_for, columns = None, []  # request_columns(), made again only when what it depends on changes
        for b, table in blocks:
            group = None
            start = None  # the grid column where this table's rows start their figures
            for r, row in enumerate(table.rows):
                parts = [_label_parts(c.text) for c in row]
                cores = [core for core, _ in parts]  # core_label of each cell
                if any(core in header_words for core in cores) or any(w in core for core in cores for w in corner):
                    seen_header = True
                    for i, core in enumerate(cores):
                        hit = cols.match(core) if core else None
                        if not hit:
                            continue
                        col, standard = hit
                        if not standard:
                            self.label_issue("requests", "column", col, row[i].text)
                        if col.group == "org" and col.id not in org_order:
                            org_order.append(col.id)
                    continue
                last, found = None, None
                for i, (c, (core, marks)) in enumerate(zip(row, parts)):
                    if not core:
                        numeral = numeral_of(marks[-1]) if marks else None
                        if numeral in by_numeral and group is not None:
                            group = by_numeral[numeral]
                        if marks:
                            last = i
                        continue
                    g = groups.match(core)
                    if g:
                        group, last = g[0], i
                        if not g[1]:
                            self.label_issue("requests", "group", g[0], c.text)
                        continue
                    hit = rows.match(core)
                    if hit:
                        last, found = i, hit
                if found is None:
                    found, last = self.unmatched_request_row(b, r, table.rows, rows, group, last)
                    if found is None:
                        continue
                item: Row = found[0]
                if not found[1]:
                    self.label_issue("requests", "row", item, row[last].text)
                key = (tuple(org_order), seen_header)
                if key != columns_for:
                    columns_for, columns = key, self.request_columns(org_order, seen_header)
                leaves = read_with = columns
                values = _fit_exact(list(enumerate(row))[last + 1 :], len(leaves), self.short(row, table), start)
                if values is None:
                    self.report.unread.append(("requests", display(row[last].text), b, r, "count"))
                    continue
                start = values[0][1].grid_col if start is None else start
                for col_id, (i, c) in zip(leaves, values):
                    self.record("requests", item.id, col_id, b, r, i, c)
        if read_with is not None:  # the standard columns (a missing one is named), and 小计 if printed
            self.report.columns["requests"] = tuple(c.id for c in t.columns if not c.optional or c.id in read_with)
        for cell_id in self.report.folded_cells():
            # not in the draft: blank, so that the results sum counts the one row it was folded into
            self.report.cells.setdefault(cell_id, Located(parse_value("")))

    def unmatched_request_row(self, b: int, r: int, table_rows: list[list[Cell]], rows: _Matcher, group, last):
        """A 表三 row whose label matched no standard one but which holds figures: the 2019 shape's
        one-row （六）其他处理 (read into 3.其他, its two sibling rows noted as absent), a label
        with a typo (the closest standard label, LABEL-NONSTANDARD), or else a row the checker
        could not read (TABLE-PART-UNREAD) — never dropped silently."""
        row = table_rows[r]
        labels = [(i, c) for i, c in enumerate(row) if norm(c.text) and parse_value(c.text).status == INVALID]
        tail = row[labels[-1][0] + 1 :] if labels else row
        if not labels or not any(parse_value(c.text).status != INVALID and norm(c.text) for c in tail):
            return None, last
        i, cell = labels[-1]
        if (
            group is not None
            and group.id == "other"
            and last == i
            and not self._items_below(table_rows, r, rows, group)
        ):
            self.report.merged_rows["other"] = display(cell.text)
            return (self.schema.table("requests").row("other_other"), True), i  # ROWS-COMBINED says it
        hit = rows.closest(core_label(cell.text))
        if hit is not None:
            return (hit, False), i
        self.report.unread.append(("requests", display(" ".join(c.text for _, c in labels)), b, r, "label"))
        return None, last

    @staticmethod
    def _items_below(table_rows: list[list[Cell]], r: int, rows: _Matcher, group) -> bool:
        """Whether rows of ``group``'s own items follow row r (then it is not a one-row group)."""
        for row in table_rows[r + 1 : r + 4]:
            for c in row:
                core = core_label(c.text)
                hit = rows.match(core) if core else None
                if hit and hit[0].group == group.id:
                    return True
        return False

    def request_columns(self, org_order: list[str], seen_header: bool) -> list[str]:
        """Value columns in the order the header gives; the standard order without a header."""
        return self.schema.table("requests").value_columns(org_order if seen_header and org_order else None)

    # -- 表四 ------------------------------------------------------------------------------
    def appeals(self, blocks: list[tuple[int, Table]]) -> None:
        t = self.schema.table("appeals")
        groups = _matcher("appeals", "rows")
        cols = _matcher("appeals", "columns")
        suit = core_label(t.header["suit_group"])
        group_order: list[str] = []
        leaves: list[str] = []
        blank_row = None
        for b, table in blocks:
            for r, row in enumerate(table.rows):
                cores = [core_label(c.text) for c in row]
                g_hits = [(i, groups.match(core)) for i, core in enumerate(cores) if core]
                g_hits = [(i, hit) for i, hit in g_hits if hit]
                c_hits = [(i, cols.match(core)) for i, core in enumerate(cores) if core]
                c_hits = [(i, hit) for i, hit in c_hits if hit]
                for i, (item, standard) in g_hits:
                    if not standard:
                        self.label_issue("appeals", "row", item, row[i].text)
                for i, (item, standard) in c_hits:
                    if not standard:
                        self.label_issue("appeals", "column", item, row[i].text)
                if g_hits and not c_hits:
                    i, (item, _) = g_hits[-1]
                    tail = list(enumerate(row))[i + 1 :]
                    if sum(1 for _, c in tail if parse_value(c.text).status != INVALID and norm(c.text)) >= 4:
                        fitted = _fit_exact(tail, len(t.columns), self.short(row, table))
                        if fitted is None:
                            self.report.unread.append(("appeals", display(row[i].text), b, r, "count"))
                        for col, (ci, c) in zip(t.row_cols(item), fitted or ()):
                            self.record("appeals", item.id, col, b, r, ci, c)
                        continue
                if g_hits or c_hits or suit in cores:
                    group_order += [item.id for _, (item, _) in g_hits if item.id not in group_order]
                    leaves += [item.id for _, (item, _) in c_hits]
                    continue
                values = [(i, c) for i, c in enumerate(row)]
                readable = [c for _, c in values if norm(c.text) and parse_value(c.text).status != INVALID]
                if len(readable) < len(t.columns):
                    if (
                        blank_row is None
                        and (group_order or leaves)
                        and len(values) >= len(t.columns)
                        and all(parse_value(c.text).status != INVALID for _, c in values)
                    ):
                        blank_row = (b, r, values, list(group_order), list(leaves))
                    continue
                self.appeal_values(b, r, values, group_order, leaves)
        if blank_row and not any(cid.startswith("appeals.") for cid in self.report.cells):
            # a small unit leaves the value row empty: blank means 0 (VALUE-BLANK), not a missing table
            self.appeal_values(*blank_row)

    def appeal_values(self, b, r, values, group_order, leaves) -> None:
        t = self.schema.table("appeals")
        standard_groups = [row.id for row in t.rows]
        standard_leaves = [c.id for c in t.columns]
        width = len(t.columns)
        if not group_order or len(set(group_order)) != len(group_order) or len(leaves) > width * len(group_order):
            # no usable header: the standard order; a header naming only some groups (表四 drawn
            # as two stacked tables, 行政复议 above 行政诉讼) is read as it stands
            group_order = standard_groups
        if len(leaves) != width * len(group_order) or any(
            sorted(leaves[i : i + width]) != sorted(standard_leaves) for i in range(0, len(leaves), width)
        ):
            leaves = standard_leaves * len(group_order)
        fitted = _fit_exact(values, len(leaves))
        if fitted is None:
            self.report.unread.append(("appeals", "数值", b, r, "count"))
            return
        for n, (i, c) in enumerate(fitted):
            self.record("appeals", group_order[n // width], leaves[n], b, r, i, c)

    # -- metadata --------------------------------------------------------------------------
    def meta(self) -> Meta:
        """Title, agency and year from the first paragraphs (a title may span two of them)."""
        joined, used = "", []
        paragraphs = [(i, b) for i, b in enumerate(self.doc.blocks) if isinstance(b, Paragraph)][:12]
        for index, p in paragraphs:
            text = norm(p.text)
            if not text:
                continue
            joined += text
            used.append(index)
            m = _TITLE.search(joined)
            if m:
                # a line above the title (a web page's breadcrumb, a document number) is not part
                # of it; an agency set on its own line above <年份>年…报告 is (seed 001)
                while len(used) > 1:
                    first = norm(self.doc.blocks[used[0]].text)
                    rest = _TITLE.search(joined[len(first) :])
                    if not rest or (not rest.group(1) and _agency_line(first)):
                        break
                    joined, used, m = joined[len(first) :], used[1:], rest
                self.report.title_blocks = used
                return Meta(title=m.group(0), agency=m.group(1) or None, year=int(m.group(2)))
            if len(joined) > 80:
                joined, used = text, [index]
        return Meta()

    def run(self) -> Report:
        self.report.meta = self.meta()
        self.report.outline = outline(self.doc, self.report.title_blocks)
        self.choose(self.classify())
        return self.report

    def choose(self, runs) -> None:
        """Read every candidate run on its own, then keep, cell by cell, the run that fits best:
        the one under its table's section heading, then the one whose header and rows yield the
        most statutory cells. Where two runs fit equally and disagree, say so (TABLE-AMBIGUOUS)."""
        report = self.report
        read = []
        for order, (table_id, blocks) in enumerate(runs):
            report.cells, report.labels, report.outdated_labels = {}, [], []
            report.merged_rows, report.unread, report.note_columns = {}, [], {}
            self.clashes: list[str] = []
            getattr(self, table_id)(self.set_notes_aside(table_id, blocks))
            in_section = self.section_of(blocks[0][0]) == table_id
            rank = (not in_section, -len(report.cells), order)
            state = (report.cells, report.labels, report.outdated_labels, report.merged_rows, report.unread)
            read.append((rank, table_id, blocks, (*state, report.note_columns), self.clashes))
        report.cells, report.labels, report.outdated_labels = {}, [], []
        report.merged_rows, report.unread, report.note_columns = {}, [], {}
        owner: dict[str, tuple] = {}
        for rank, table_id, blocks, (cells, labels, outdated, merged, unread, notes), clashes in sorted(
            read, key=lambda r: r[0]
        ):
            used = False
            for cell_id, located in cells.items():
                if cell_id not in report.cells:
                    report.cells[cell_id] = located
                    owner[cell_id] = (rank, blocks)
                    used = True
                    continue
                other_rank, other_blocks = owner[cell_id]
                if other_rank[:2] == rank[:2] and report.cells[cell_id].value.raw.strip() != located.value.raw.strip():
                    report.ambiguous.setdefault(table_id, ([b for b, _ in other_blocks], [b for b, _ in blocks], []))
                    report.ambiguous[table_id][2].append(cell_id)
            if clashes:
                first = [b for b, _ in blocks]
                report.ambiguous.setdefault(table_id, (first, first, []))[2].extend(clashes)
            if used or (table_id == "proactive" and outdated):
                report.tables.setdefault(table_id, []).extend(b for b, _ in blocks)
                report.labels += [x for x in labels if x not in report.labels]
                report.outdated_labels += outdated
                report.merged_rows.update(merged)
                report.unread += unread
                for note_table, (label, texts) in notes.items():
                    kept = report.note_columns.setdefault(note_table, (label, []))[1]
                    kept += [t for t in texts if t not in kept]


def _width(table: Table) -> int:
    return max((c.grid_col + c.span for row in table.rows for c in row), default=0)


def locate(doc: Document) -> Report:
    return _Locator(doc).run()
