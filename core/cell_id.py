"""A statutory cell's id: :class:`CellId` (table, row, column), whose ``str()`` is the wire format
``table.row.col`` of the contract (``docs/contract.md``: JSON, decisions, autosave, Excel).

Core layer. :meth:`CellId.parse` splits a wire id and checks it against the schema, so a key read
from a file (an autosave, a link in the window) is known to name a real cell.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple


class CellIdError(ValueError):
    """Text that is not the id of a cell of the statutory tables."""


class CellId(NamedTuple):
    table: str
    row: str
    col: str

    def __str__(self) -> str:
        return f"{self.table}.{self.row}.{self.col}"

    @classmethod
    def split(cls, text: str) -> CellId:
        """The three parts of a wire id, without looking them up in the schema."""
        parts = text.split(".") if isinstance(text, str) else ()
        if len(parts) != 3 or not all(parts):
            raise CellIdError(f"not a cell id: {text!r}")
        return cls(*parts)

    @classmethod
    def parse(cls, text: str) -> CellId:
        """A wire id checked against the schema: its table, row and column exist and the row
        has that column (表二's rows have their own columns)."""
        if not is_cell_id(text):
            raise CellIdError(f"not a cell of the statutory tables: {text!r}")
        return cls.split(text)


@cache
def _known() -> frozenset[str]:
    from core.schema import schema

    return frozenset(schema().cell_ids())


def is_cell_id(text: object) -> bool:
    """Whether ``text`` is the wire id of a cell of the statutory tables (schema.json)."""
    return isinstance(text, str) and text in _known()


def cell_id(table: str, row: str, col: str) -> str:
    """The wire id of a cell: ``cell_id("requests", "new", "total") == "requests.new.total"``."""
    return str(CellId(table, row, col))
