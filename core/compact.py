"""What a batch keeps of a checked report: everything but its document.

Core layer. A batch worker reads, locates and checks a draft, then sends back its result with a
*compact* report (:func:`compact`): the metadata, every statutory cell's value, the tables' block
indices and columns, the label deviations — what the batch table, the 汇总, the Excel export and
the decisions read — without the document's paragraphs and tables, the outline, or the cells'
places in the document. Opening a report from a batch reads its file again.

The cells are a read-only mapping (:class:`CompactCells`): one tuple of values per report, the
tuple of cell ids shared by every report that has the same cells, and each distinct value held
once in a batch (values are immutable), so the parent's memory hardly grows with the batch.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping

from core.document import Document
from core.report import Located, Report
from core.values import Value

# Shared while a batch runs (cleared by :func:`forget`): the cell-id tuples with their index, and
# every distinct value, by its fields. Entries are only added, so threads (a batch's result thread)
# may share them.
_KEYS: dict[tuple[str, ...], tuple[tuple[str, ...], dict[str, int]]] = {}
_VALUES: dict[tuple, Value] = {}
_FIELDS: dict[int, tuple[Value, tuple]] = {}  # id() of each value of _VALUES -> (it, its key there)

Fields = tuple  # (raw, number, status, note): a Value as it crosses from a worker to the parent


def _fields(value: Value) -> Fields:
    """A value's fields: the same tuple for each value of ``_VALUES``, so that a chunk of results
    pickles each distinct value once."""
    known = _FIELDS.get(id(value))  # the entry holds its value: an id here is never another's
    if known is not None and known[0] is value:
        return known[1]
    return (value.raw, value.number, value.status, value.note)


def _one(fields: Fields) -> Value:
    """The one Value with these fields in the batch. Keyed by the plain tuple, whose hash and
    equality are the built-in ones: a parent takes in a batch's values without calling the
    dataclass's generated ``__hash__`` and ``__eq__`` hundreds of times per report."""
    try:
        value = _VALUES.get(fields)
        if value is None:
            made = Value(*fields)
            value = _VALUES.setdefault(fields, made)  # another thread's, if it came first
            if value is made:
                _FIELDS[id(made)] = (made, fields)
        return value
    except TypeError:  # an unhashable number (a signalling NaN): kept as it is
        return Value(*fields)


class CompactCells(Mapping):
    """A report's statutory cells, read-only: ``cell id -> Located`` (with no source place)."""

    __slots__ = ("_ids", "_index", "_values")

    def __init__(self, ids: tuple[str, ...], values: tuple[Fields, ...]):
        shared = _KEYS.get(ids)
        if shared is None:
            shared = _KEYS.setdefault(ids, (ids, {cell_id: i for i, cell_id in enumerate(ids)}))
        self._ids, self._index = shared
        self._values = tuple(map(_one, values))

    @classmethod
    def of(cls, cells: Mapping[str, Located]) -> CompactCells:
        if isinstance(cells, CompactCells):
            return cells
        return cls(tuple(cells), tuple(_fields(located.value) for located in cells.values()))

    def __reduce__(self):  # crosses from a batch worker to the parent, as plain fields
        return CompactCells, (self._ids, tuple(map(_fields, self._values)))

    def __getitem__(self, cell_id: str) -> Located:
        return Located(self._values[self._index[cell_id]])

    def __contains__(self, cell_id: object) -> bool:
        return cell_id in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def compact(report: Report) -> Report:
    """``report`` without its document: a copy the batch keeps (see the module doc)."""
    doc = report.document
    return dataclasses.replace(
        report,
        document=Document(blocks=[], kind=doc.kind, has_images=doc.has_images, notes=list(doc.notes)),
        cells=CompactCells.of(report.cells),
        outline=None,
        previous=None,
        summed=None,
    )


def forget() -> None:
    """Let go of the values shared during a batch (the results keep what they use)."""
    _KEYS.clear()
    _VALUES.clear()
    _FIELDS.clear()
