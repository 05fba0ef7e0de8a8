"""``ReportTableModel``: the Reports list, a read-only view of the core's ``ReportRecord`` objects.

Rows are built by :func:`report_rows` from the records and the teams and assessments they
belong to; the file's state ("ok", "missing", "changed") comes from the core's
``verify_report`` and is filled in later by :meth:`ReportTableModel.set_states` (the view
checks the files off the GUI thread). A state reads as a word **and** an icon of its own shape,
never as colour alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from sre_workshop.model import Assessment, ReportRecord
from sre_workshop.report import PRESET_TITLES, SECTION_TITLES, SECTIONS
from sre_workshop.workspace import Workspace
from ui.models.assessment_model import display_title, format_date

#: ``index.data(ReportRole)`` is the core ``ReportRecord`` of a row (in every column).
ReportRole = Qt.ItemDataRole.UserRole + 1
#: ``index.data(ReportStateRole)`` is "ok", "missing", "changed", or None while unchecked.
ReportStateRole = Qt.ItemDataRole.UserRole + 2

CREATED, TEAM, ASSESSMENT, COMPARED, PRESET, SECTIONS_COLUMN, STATE, FILE = range(8)
COLUMN_COUNT = 8

NO_VALUE = "–"
CHECKING_TEXT = "Checking…"

#: What each state reads as in the list, and what it means.
STATE_TEXT: Mapping[str, str] = {
    "ok": "OK",
    "missing": "Missing",
    "changed": "Changed since written",
}
STATE_TIPS: Mapping[str, str] = {
    "ok": "The file is where it was written and holds exactly the bytes written.",
    "missing": (
        "The file is no longer at this path (moved, renamed or deleted), or cannot be read."
    ),
    "changed": (
        "The file is there, but its contents differ from what SRE Workshop wrote "
        "(edited, annotated or replaced since)."
    ),
}

_HEADERS = {
    CREATED: ("Created", "When the report was written (your local time)"),
    TEAM: ("Team", "The team assessed"),
    ASSESSMENT: ("Assessment", "The assessment the report describes"),
    COMPARED: ("Compared with", "The earlier assessment the report compares with"),
    PRESET: ("Kind", "Full report, or the stakeholder summary without the facilitator's notes"),
    SECTIONS_COLUMN: ("Sections", "How many of the report's sections it holds"),
    FILE: ("File", "The PDF file's name; hover to see the whole path"),
    STATE: ("State", "Whether the file is still there, unchanged since it was written"),
}

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ReportRow:
    """One recorded report with what it is about (None where that was deleted since)."""

    record: ReportRecord
    team_name: str | None
    assessment: Assessment | None
    compared: Assessment | None
    #: "ok", "missing", "changed", or None until the file was checked.
    state: str | None = None

    @property
    def path(self) -> Path:
        return Path(self.record.path)


def report_rows(workspace: Workspace, team_id: str | None = None) -> tuple[ReportRow, ...]:
    """The recorded reports (of ``team_id``'s assessments, or all), newest first, unchecked."""
    repository = workspace.repository
    assessments = {item.id: item for item in repository.list_assessments()}
    teams = {team.id: team.name for team in repository.list_teams()}
    rows = []
    for record in repository.list_reports():
        assessment = assessments.get(record.assessment_id)
        if team_id is not None and (assessment is None or assessment.team_id != team_id):
            continue
        compared = assessments.get(record.compared_id) if record.compared_id else None
        team_name = teams.get(assessment.team_id) if assessment is not None else None
        rows.append(ReportRow(record, team_name, assessment, compared))
    return tuple(rows)


def format_created(moment: dt.datetime) -> str:
    """``1 Mar 2026 14:05`` in the coach's local time."""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return f"{format_date(local.date())} {local:%H:%M}"


def preset_text(record: ReportRecord) -> str:
    return PRESET_TITLES.get(record.preset, record.preset.capitalize())


def sections_text(record: ReportRecord) -> str:
    count = len(record.sections)
    return (
        f"All {count}" if set(record.sections) >= set(SECTIONS) else f"{count} of {len(SECTIONS)}"
    )


def state_text(state: str | None) -> str:
    return CHECKING_TEXT if state is None else STATE_TEXT.get(state, state)


class ReportTableModel(QAbstractTableModel):
    """Read-only table of report rows; ``set_rows`` replaces them, ``set_states`` fills states."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[ReportRow, ...] = ()

    # --- the adapter's own API ---------------------------------------------------------------

    def set_rows(self, rows: Sequence[ReportRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def set_states(self, states: Mapping[str, str]) -> None:
        """The checked state of each report id; only rows whose state changed are updated."""
        rows = list(self._rows)
        changed = []
        for position, row in enumerate(rows):
            state = states.get(row.record.id)
            if state is not None and state != row.state:
                rows[position] = ReportRow(
                    row.record, row.team_name, row.assessment, row.compared, state
                )
                changed.append(position)
        self._rows = tuple(rows)
        for position in changed:
            index = self.index(position, STATE)
            self.dataChanged.emit(index, index)

    def rows(self) -> tuple[ReportRow, ...]:
        return self._rows

    def row_at(self, row: int) -> ReportRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, report_id: str | None) -> int | None:
        for position, row in enumerate(self._rows):
            if row.record.id == report_id:
                return position
        return None

    def state_counts(self) -> dict[str | None, int]:
        counts: dict[str | None, int] = {}
        for row in self._rows:
            counts[row.state] = counts.get(row.state, 0) + 1
        return counts

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
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        column = index.column()
        if row is None or not 0 <= column < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = _text(row, column)
            return f"State: {text}" if column == STATE else text
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == STATE and row.state is not None:
            return state_icon(row.state)
        if role == ReportRole:
            return row.record
        if role == ReportStateRole:
            return row.state
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


def _text(row: ReportRow, column: int) -> str:
    record = row.record
    if column == CREATED:
        return format_created(record.created_at)
    if column == TEAM:
        return row.team_name or NO_VALUE
    if column == ASSESSMENT:
        if row.assessment is None:
            return "deleted assessment"
        return f"{format_date(row.assessment.date)} · {display_title(row.assessment)}"
    if column == COMPARED:
        if row.compared is not None:
            return format_date(row.compared.date)
        return "deleted assessment" if record.compared_id else NO_VALUE
    if column == PRESET:
        return preset_text(record)
    if column == SECTIONS_COLUMN:
        return sections_text(record)
    if column == FILE:
        return row.path.name
    if column == STATE:
        return state_text(row.state)
    return ""


def _tooltip(row: ReportRow, column: int) -> str | None:
    record = row.record
    if column == FILE:
        return str(row.path)
    if column == STATE:
        if row.state is None:
            return "Checking the file…"
        return f"{STATE_TEXT.get(row.state, row.state)}: {STATE_TIPS.get(row.state, '')}"
    if column == SECTIONS_COLUMN:
        return "\n".join(SECTION_TITLES.get(name, name) for name in record.sections)
    if column == ASSESSMENT and row.assessment is not None:
        return f"{display_title(row.assessment)}, {format_date(row.assessment.date)}"
    if column == COMPARED:
        if row.compared is not None:
            return f"{display_title(row.compared)}, {format_date(row.compared.date)}"
        if record.compared_id:
            return "The compared assessment was deleted after the report was written."
        return "The report compares with no earlier assessment."
    if column == CREATED:
        local = record.created_at.astimezone()
        return local.strftime("%Y-%m-%d %H:%M:%S %Z").strip()
    return None


# --- state icons -----------------------------------------------------------------------------

_ICON_COLOURS = {"ok": "#1a7f4b", "changed": "#b26b00", "missing": "#b3261e"}


@cache
def state_icon(state: str) -> QIcon:
    """A small icon whose *shape* says the state: a tick, a warning triangle, a cross."""
    size, ratio = 16, 2.0
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    colour = QColor(_ICON_COLOURS.get(state, "#555555"))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    # A light rim keeps the shape readable on a selected (dark or saturated) row too.
    painter.setPen(QPen(QColor(255, 255, 255, 220), 1.0))
    painter.setBrush(colour)
    white = QPen(QColor("white"), 2.0)
    white.setCapStyle(Qt.PenCapStyle.RoundCap)
    white.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if state == "changed":
        triangle = QPainterPath(QPointF(8, 1.2))
        triangle.lineTo(15.2, 14.5)
        triangle.lineTo(0.8, 14.5)
        triangle.closeSubpath()
        painter.drawPath(triangle)
        painter.setPen(white)
        painter.drawLine(QPointF(8, 5.6), QPointF(8, 9.6))
        painter.drawPoint(QPointF(8, 12.2))
    else:
        painter.drawEllipse(QPointF(8, 8), 7.2, 7.2)
        painter.setPen(white)
        if state == "ok":
            painter.drawPolyline([QPointF(4.6, 8.3), QPointF(7.0, 10.6), QPointF(11.4, 5.6)])
        else:
            painter.drawLine(QPointF(5.3, 5.3), QPointF(10.7, 10.7))
            painter.drawLine(QPointF(10.7, 5.3), QPointF(5.3, 10.7))
    painter.end()
    return QIcon(pixmap)
