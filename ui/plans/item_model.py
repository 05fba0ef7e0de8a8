"""The table-model plumbing that the hypothesis and action lists share.

Subclasses name their columns in ``headers`` and render cells in ``data``; rows, headers,
lookup by id and the wholesale reset (``set_items``) live here once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from sre_workshop.model import Assessment

Index = QModelIndex | QPersistentModelIndex


class PlanItemTableModel(QAbstractTableModel):
    """Items with an ``id`` (hypotheses or action items), one per row."""

    #: Column number → (title, tooltip).
    headers: ClassVar[Mapping[int, tuple[str, str]]] = {}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: tuple[Any, ...] = ()
        self._area_names: Mapping[str, str] = {}
        self._posed_in: Mapping[str, Assessment] = {}
        self._today = dt.date.today()

    def set_items(
        self,
        items: Sequence[Any],
        *,
        area_names: Mapping[str, str] | None = None,
        posed_in: Mapping[str, Assessment] | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.beginResetModel()
        self._items = tuple(items)
        self._area_names = dict(area_names or {})
        self._posed_in = dict(posed_in or {})
        self._today = today or dt.date.today()
        self.endResetModel()

    def items(self) -> tuple[Any, ...]:
        return self._items

    def item_at(self, row: int) -> Any:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, item_id: str | None) -> int | None:
        for row, item in enumerate(self._items):
            if item.id == item_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API signature
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or section not in self.headers:
            return None
        title, tip = self.headers[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip
        return None
