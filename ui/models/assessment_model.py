"""``AssessmentTableModel``: a team's assessments with their scores at a glance.

Rows are built from core objects and the core's ``assessment_summary`` (the same numbers the
command line prints); the model only formats them. It computes no score itself.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from sre_workshop.cli import assessment_summary
from sre_workshop.model import Assessment, AssessmentStatus
from sre_workshop.workspace import Workspace

log = logging.getLogger(__name__)

#: ``index.data(AssessmentRole)`` is the core ``Assessment`` of a row (in every column).
AssessmentRole = Qt.ItemDataRole.UserRole + 1

DATE, TITLE, STATUS, CULTURE, PROCESS, SURVEY, COMPARES_WITH = range(7)
COLUMN_COUNT = 7

NO_VALUE = "–"
DEMO_MARKER = " (demo)"

_HEADERS = {
    DATE: ("Date", "The day of the workshop"),
    TITLE: ("Title", "The assessment's title; demo assessments are marked (demo)"),
    STATUS: ("Status", "Planned, in progress or completed"),
    CULTURE: ("Culture", "Mean agreed maturity level (1 to 5) of the Westrum aspects rated"),
    PROCESS: ("Process", "Mean agreed maturity level (1 to 5) of the process areas rated"),
    SURVEY: (
        "Survey",
        "Mean of the room's 1 to 7 answers to the culture statements, with its Westrum type",
    ),
    COMPARES_WITH: ("Comparison", "The earlier assessment a reassessment is compared with"),
}

_STATUS_TEXT = {
    AssessmentStatus.PLANNED: "Planned",
    AssessmentStatus.IN_PROGRESS: "In progress",
    AssessmentStatus.COMPLETED: "Completed",
}

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_Index = QModelIndex | QPersistentModelIndex


def format_date(day: dt.date | None) -> str:
    """``28 Mar 2026``: unambiguous whatever the coach's locale (and the same in every view)."""
    if day is None:
        return NO_VALUE
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_score(value: object) -> str:
    return f"{value:.2f}" if isinstance(value, int | float) else NO_VALUE


def status_text(status: AssessmentStatus) -> str:
    return _STATUS_TEXT[status]


def display_title(assessment: Assessment) -> str:
    """The title, or what the assessment is when the coach gave it none."""
    if assessment.title.strip():
        return assessment.title
    return "Reassessment" if assessment.compares_with else "Assessment"


@dataclass(frozen=True)
class AssessmentRow:
    """One assessment with its ``assessment_summary`` and the assessment it compares with."""

    assessment: Assessment
    summary: Mapping[str, object] = field(default_factory=dict)
    compared: Assessment | None = None
    #: Why the scores could not be computed (the row is still listed).
    problem: str = ""

    def verdict_text(self) -> str:
        verdicts = self.summary.get("verdicts")
        if not isinstance(verdicts, Mapping):
            return ""
        parts = [
            f"{verdicts.get(name, 0)} {name}"
            for name in ("progressing", "stagnating", "regressing")
        ]
        if verdicts.get("not comparable"):
            parts.append(f"{verdicts['not comparable']} not comparable")
        return ", ".join(parts)


def assessment_rows(workspace: Workspace, team_id: str) -> tuple[AssessmentRow, ...]:
    """The rows of ``team_id``'s assessments, oldest first, each with its scores.

    An assessment whose scores cannot be computed (say its framework file went missing) is still
    listed, with the reason, so one bad record never hides the others.
    """
    assessments = workspace.repository.list_assessments(team_id)
    by_id = {assessment.id: assessment for assessment in assessments}
    rows = []
    for assessment in assessments:
        compared = None
        if assessment.compares_with:
            compared = by_id.get(assessment.compares_with) or workspace.repository.find_assessment(
                assessment.compares_with
            )
        try:
            summary: Mapping[str, object] = assessment_summary(workspace, assessment.id)
            problem = ""
        except Exception as exc:  # shown in the row's tooltip; the list stays usable
            log.warning("scores of assessment %s unavailable: %s", assessment.id, exc)
            summary, problem = {}, str(exc)
        rows.append(AssessmentRow(assessment, summary, compared, problem))
    return tuple(rows)


class AssessmentTableModel(QAbstractTableModel):
    """Read-only table of assessment rows; ``set_rows`` replaces them all."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[AssessmentRow, ...] = ()

    # --- the adapter's own API ---------------------------------------------------------------

    def set_rows(self, rows: Sequence[AssessmentRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rows(self) -> tuple[AssessmentRow, ...]:
        return self._rows

    def row_at(self, row: int) -> AssessmentRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def assessment_at(self, row: int) -> Assessment | None:
        found = self.row_at(row)
        return found.assessment if found else None

    def row_of(self, assessment_id: str | None) -> int | None:
        for row, item in enumerate(self._rows):
            if item.assessment.id == assessment_id:
                return row
        return None

    # --- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API signature
        return 0 if parent.isValid() else len(self._rows)

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
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (CULTURE, PROCESS, SURVEY):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        item = self.row_at(index.row())
        if item is None or not 0 <= index.column() < COLUMN_COUNT:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(item, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if index.column() in (CULTURE, PROCESS, SURVEY):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == AssessmentRole:
            return item.assessment
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

    @staticmethod
    def _text(item: AssessmentRow, column: int) -> str:
        assessment, summary = item.assessment, item.summary
        if column == DATE:
            return format_date(assessment.date)
        if column == TITLE:
            return display_title(assessment) + (DEMO_MARKER if assessment.is_demo else "")
        if column == STATUS:
            return status_text(assessment.status)
        if column == CULTURE:
            return format_score(summary.get("culture_score"))
        if column == PROCESS:
            return format_score(summary.get("process_score"))
        if column == SURVEY:
            score = format_score(summary.get("survey_score"))
            band = summary.get("survey_band")
            return f"{score} ({band})" if band and score != NO_VALUE else score
        if column == COMPARES_WITH:
            if not assessment.compares_with:
                return NO_VALUE
            if item.compared is None:
                return "compares with a deleted assessment"
            return f"compares with {format_date(item.compared.date)}"
        return ""

    @staticmethod
    def _tooltip(item: AssessmentRow, column: int) -> str | None:
        assessment, summary = item.assessment, item.summary
        if item.problem and column in (CULTURE, PROCESS, SURVEY, COMPARES_WITH):
            return f"Scores unavailable: {item.problem}"
        if column == TITLE:
            tip = display_title(assessment)
            if assessment.is_demo:
                tip += "\nPart of the demo data (File ▸ Remove Demo Data deletes it)."
            return tip
        if column == STATUS:
            return {
                AssessmentStatus.PLANNED: "Planned: Run / Continue Workshop starts it.",
                AssessmentStatus.IN_PROGRESS: "In progress: Run / Continue Workshop continues it.",
                AssessmentStatus.COMPLETED: "Completed: reopen it to change what was captured.",
            }[assessment.status]
        if column in (CULTURE, PROCESS):
            name = "culture" if column == CULTURE else "process"
            score = summary.get(f"{name}_score")
            if score is None:
                return f"No {name} area has an agreed level yet."
            band = summary.get(f"{name}_band")
            return f"Mean agreed {name} level {format_score(score)} of 5" + (
                f" (Westrum type: {band})" if band else ""
            )
        if column == SURVEY:
            if summary.get("survey_score") is None:
                return "No survey answers yet."
            return (
                f"Culture survey: mean answer {format_score(summary.get('survey_score'))} of 7, "
                f"Westrum type {summary.get('survey_band')}"
            )
        if column == COMPARES_WITH and item.compared is not None:
            verdicts = item.verdict_text()
            tip = (
                f"Compared with “{display_title(item.compared)}” of "
                f"{format_date(item.compared.date)}"
            )
            return f"{tip}\nAreas: {verdicts}" if verdicts else tip
        return None
