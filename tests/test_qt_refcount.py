"""Guard against a PySide6 regression: reading None from a Python model's data() through C++
must not drop a reference to None (6.12.0 does; on Python 3.11 that ends in a fatal crash after
enough repaints). The pin in pyproject.toml keeps such a version out; this test keeps the pin."""

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


class _Empty(QAbstractTableModel):
    def rowCount(self, parent=None):
        return 1

    def columnCount(self, parent=None):
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


def test_none_from_data_keeps_its_reference(qapp):
    model = _Empty()
    index = model.index(0, 0, QModelIndex())
    before = sys.getrefcount(None)
    for _ in range(2000):
        index.data(Qt.ItemDataRole.BackgroundRole)
    assert sys.getrefcount(None) - before > -100
