"""``HypothesisTableModel``: a thin, read-only table adapter over core ``Hypothesis`` objects.

The view hands in the hypotheses with what is needed to show them (area names, the assessments
they were posed in, today's date); the model only formats. ``HypothesisRole`` gives back the
core object of a row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from sre_workshop.model import Assessment, Hypothesis
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

#: ``index.data(HypothesisRole)`` is the row's core ``Hypothesis`` (in every column).
HypothesisRole = Qt.ItemDataRole.UserRole + 1
#: ``index.data(ReviewOverdueRole)`` is True when an open hypothesis is past its review date.
ReviewOverdueRole = Qt.ItemDataRole.UserRole + 2

POSED_IN, SENTENCE, AREAS, OWNER, STATUS, REVIEW_DATE = range(6)
COLUMN_COUNT = 6

_HEADERS = {
    POSED_IN: ("Posed in", "The assessment in which the hypothesis was posed"),
    SENTENCE: ("Hypothesis", "Capability, customer outcome and measurable signal"),
    AREAS: ("Areas", "The areas the hypothesis addresses"),
    OWNER: ("Owner", "Who follows the hypothesis up"),
    STATUS: ("Status", "Proposed, in progress, validated, refuted or dropped"),
    REVIEW_DATE: ("Review date", "When to look at the signal again; overdue ones are marked"),
}

_Index = QModelIndex | QPersistentModelIndex


def is_review_overdue(hypothesis: Hypothesis, today: dt.date) -> bool:
    """An open hypothesis whose review date has passed."""
    return (
        hypothesis.status.is_open
        and hypothesis.review_date is not None
        and hypothesis.review_date < today
    )


class HypothesisTableModel(QAbstractTableModel):
    """Hypotheses, one per row; ``set_items`` replaces them all."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: tuple[Hypothesis, ...] = ()
        self._area_names: Mapping[str, str] = {}
        self._posed_in: Mapping[str, Assessment] = {}
        self._today = dt.date.today()

    # --- the adapter's own API ---------------------------------------------------------------

    def set_items(
        self,
        items: Sequence[Hypothesis],
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

    def items(self) -> tuple[Hypothesis, ...]:
        return self._items

    def item_at(self, row: int) -> Hypothesis | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, hypothesis_id: str | None) -> int | None:
        for row, item in enumerate(self._items):
            if item.id == hypothesis_id:
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
            if column == REVIEW_DATE and is_review_overdue(item, self._today):
                return overdue_icon()
            return None
        if (
            role == Qt.ItemDataRole.FontRole
            and column == REVIEW_DATE
            and is_review_overdue(item, self._today)
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == HypothesisRole:
            return item
        if role == ReviewOverdueRole:
            return is_review_overdue(item, self._today)
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

    def _text(self, item: Hypothesis, column: int) -> str:
        if column == POSED_IN:
            assessment = self._posed_in.get(item.assessment_id)
            return format_date(assessment.date) if assessment else NO_VALUE
        if column == SENTENCE:
            return item.sentence
        if column == AREAS:
            names = [area_name(self._area_names, key) for key in item.area_keys]
            return "\n".join(names) if names else NO_VALUE
        if column == OWNER:
            return item.owner.strip() or NO_VALUE
        if column == STATUS:
            return status_label(item.status)
        if column == REVIEW_DATE:
            text = format_date(item.review_date)
            return f"{text}\n({OVERDUE})" if is_review_overdue(item, self._today) else text
        return ""

    def _tooltip(self, item: Hypothesis, column: int) -> str | None:
        if column == POSED_IN:
            return f"Posed in: {assessment_label(self._posed_in.get(item.assessment_id))}"
        if column == SENTENCE:
            evidence = item.evidence.strip()
            return item.sentence + (f"\n\nEvidence: {evidence}" if evidence else "")
        if column == REVIEW_DATE and is_review_overdue(item, self._today):
            return (
                f"The review date {format_date(item.review_date)} has passed and the "
                "hypothesis is still open: look at its signal again."
            )
        return None
