"""``HypothesisTableModel``: a thin, read-only table adapter over core ``Hypothesis`` objects.

The view hands in the hypotheses with what is needed to show them (area names, the assessments
they were posed in, today's date); the model only formats. ``HypothesisRole`` gives back the
core object of a row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from sre_workshop.model import Hypothesis
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


def is_review_overdue(hypothesis: Hypothesis, today: dt.date) -> bool:
    """An open hypothesis whose review date has passed."""
    return (
        hypothesis.status.is_open
        and hypothesis.review_date is not None
        and hypothesis.review_date < today
    )


class HypothesisTableModel(PlanItemTableModel):
    """Hypotheses, one per row; ``set_items`` replaces them all."""

    headers = _HEADERS

    def item_at(self, row: int) -> Hypothesis | None:
        item: Hypothesis | None = super().item_at(row)
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

    def flags(self, index: Index) -> Qt.ItemFlag:
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
