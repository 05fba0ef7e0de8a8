"""``ActionTableModel``: a thin, read-only table adapter over core ``ActionItem`` objects.

Overdue items (open, due date passed) say so in the due-date text and carry a warning icon,
so they stand out without relying on colour. ``ActionRole`` gives back the core object.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from sre_workshop.model import ActionItem, Assessment
from ui.plans.common import (
    NO_VALUE,
    OVERDUE,
    area_name,
    assessment_label,
    format_date,
    overdue_icon,
    status_icon,
    status_label,
)

#: ``index.data(ActionRole)`` is the row's core ``ActionItem`` (in every column).
ActionRole = Qt.ItemDataRole.UserRole + 1
#: ``index.data(OverdueRole)`` is True when the action is open and past its due date.
OverdueRole = Qt.ItemDataRole.UserRole + 2

POSED_IN, TEXT, AREA, OWNER, DUE_DATE, STATUS = range(6)
COLUMN_COUNT = 6

_HEADERS = {
    POSED_IN: ("Posed in", "The assessment in which the action was agreed"),
    TEXT: ("Action", "What was agreed"),
    AREA: ("Area", "The area the action improves"),
    OWNER: ("Owner", "Who does it"),
    DUE_DATE: ("Due", "When it is due; overdue ones are marked"),
    STATUS: ("Status", "Open, in progress, done or dropped"),
}

_Index = QModelIndex | QPersistentModelIndex


class ActionTableModel(QAbstractTableModel):
    """Action items, one per row; ``set_items`` replaces them all."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: tuple[ActionItem, ...] = ()
        self._area_names: Mapping[str, str] = {}
        self._posed_in: Mapping[str, Assessment] = {}
        self._today = dt.date.today()

    # --- the adapter's own API ---------------------------------------------------------------

    def set_items(
        self,
        items: Sequence[ActionItem],
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

    def items(self) -> tuple[ActionItem, ...]:
        return self._items

    def item_at(self, row: int) -> ActionItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, action_id: str | None) -> int | None:
        for row, item in enumerate(self._items):
            if item.id == action_id:
                return row
        return None

    # --- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API signature
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or section not in _HEADERS:
            return None
        title, tip = _HEADERS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        item = self.item_at(index.row())
        column = index.column()
        if item is None or not 0 <= column < COLUMN_COUNT:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.DecorationRole:
            if column == STATUS:
                return status_icon(item.status)
            if column == DUE_DATE and item.is_overdue(self._today):
                return overdue_icon()
            return None
        if role == Qt.ItemDataRole.FontRole and column == DUE_DATE and item.is_overdue(self._today):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == ActionRole:
            return item
        if role == OverdueRole:
            return item.is_overdue(self._today)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # --- formatting --------------------------------------------------------------------------

    def _text(self, item: ActionItem, column: int) -> str:
        if column == POSED_IN:
            assessment = self._posed_in.get(item.assessment_id)
            return format_date(assessment.date) if assessment else NO_VALUE
        if column == TEXT:
            return item.text
        if column == AREA:
            return area_name(self._area_names, item.area_key) if item.area_key else NO_VALUE
        if column == OWNER:
            return item.owner.strip() or NO_VALUE
        if column == DUE_DATE:
            text = format_date(item.due_date)
            return f"{text}\n({OVERDUE})" if item.is_overdue(self._today) else text
        if column == STATUS:
            return status_label(item.status)
        return ""

    def _tooltip(self, item: ActionItem, column: int) -> str | None:
        if column == POSED_IN:
            return f"Agreed in: {assessment_label(self._posed_in.get(item.assessment_id))}"
        if column == TEXT:
            return item.text
        if column == DUE_DATE and item.is_overdue(self._today):
            return f"Overdue: it was due on {format_date(item.due_date)} and is still open."
        return None
