"""``ActionTableModel``: a thin, read-only table adapter over core ``ActionItem`` objects.

Overdue items (open, due date passed) say so in the due-date text and carry a warning icon,
so they stand out without relying on colour. ``ActionRole`` gives back the core object.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from sre_workshop.model import ActionItem
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
from ui.plans.item_model import Index, PlanItemTableModel

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


class ActionTableModel(PlanItemTableModel):
    """Action items, one per row; ``set_items`` replaces them all."""

    headers = _HEADERS

    def item_at(self, row: int) -> ActionItem | None:
        item: ActionItem | None = super().item_at(row)
        return item

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
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

    def flags(self, index: Index) -> Qt.ItemFlag:
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
