"""The history table: one row per area, one column per assessment of the team, oldest first.

A thin Qt model over the core's :func:`sre_workshop.scoring.team_history`. A cell holds the
level ("3 Defined"), "n/a", "not rated", or "—" for a gap: the area was not assessed then (out
of scope, or not in that assessment's framework). Areas are matched across framework versions
by their stable keys, which the core does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from sre_workshop.charts import LEVEL_NAMES_DEFAULT
from sre_workshop.model import Assessment
from sre_workshop.scoring import AreaHistory, HistoryPoint
from ui.results.formatting import NO_VALUE, NOT_RATED, format_date, level_text, muted_colour

COLUMN_AREA = 0
COLUMN_DIMENSION = 1
#: The first assessment's column; assessment ``i`` (oldest first) is ``FIRST_DATE_COLUMN + i``.
FIRST_DATE_COLUMN = 2

NOT_ASSESSED_TIP = "not assessed"

#: The row's stable area key (str).
AREA_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
#: A date cell's :class:`~sre_workshop.scoring.HistoryPoint`.
POINT_ROLE = Qt.ItemDataRole.UserRole + 2
#: A date column's assessment id (header data).
ASSESSMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractTableModel):
    """Each area's level across a team's assessments."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._areas: tuple[AreaHistory, ...] = ()
        self._columns: tuple[tuple[str, str], ...] = ()  # (assessment id, header text)
        self._tips: tuple[str, ...] = ()
        self._level_names: tuple[str, ...] = LEVEL_NAMES_DEFAULT

    def set_history(
        self,
        areas: Sequence[AreaHistory],
        assessments: Sequence[Assessment],
        level_names: Sequence[str] = LEVEL_NAMES_DEFAULT,
    ) -> None:
        """Show ``areas`` with one column per assessment, in the core's (date) order."""
        by_id: Mapping[str, Assessment] = {item.id: item for item in assessments}
        if areas:
            ids = [point.assessment_id for point in areas[0].points]
        else:
            ids = [item.id for item in sorted(assessments, key=lambda item: item.date)]
        self.beginResetModel()
        self._areas = tuple(areas)
        self._columns = tuple((key, format_date(by_id[key].date)) for key in ids)
        self._tips = tuple(by_id[key].title or "Assessment" for key in ids)
        self._level_names = tuple(level_names)
        self.endResetModel()

    def area(self, row: int) -> AreaHistory:
        return self._areas[row]

    # --- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._areas)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else FIRST_DATE_COLUMN + len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < FIRST_DATE_COLUMN + len(self._columns):
            return None
        date_index = section - FIRST_DATE_COLUMN
        if role == Qt.ItemDataRole.DisplayRole:
            if section == COLUMN_AREA:
                return "Area"
            if section == COLUMN_DIMENSION:
                return "Dimension"
            return self._columns[date_index][1]
        if date_index < 0:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips[date_index]
        if role == ASSESSMENT_ID_ROLE:
            return self._columns[date_index][0]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._areas):
            return None
        area = self._areas[index.row()]
        column = index.column()
        point = self._point(area, column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == COLUMN_AREA:
                return area.name
            if column == COLUMN_DIMENSION:
                return area.dimension.label
            return self._cell_text(point) if point is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and point is not None:
            if not point.assessed:
                return NOT_ASSESSED_TIP
            if point.not_applicable:
                return "not applicable"
            if point.level is None:
                return "not rated"
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(column, point)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if role == AREA_KEY_ROLE:
            return area.area_key
        if role == POINT_ROLE:
            return point
        return None

    # --- cells -------------------------------------------------------------------------------

    def _point(self, area: AreaHistory, column: int) -> HistoryPoint | None:
        index = column - FIRST_DATE_COLUMN
        if 0 <= index < len(area.points):
            return area.points[index]
        return None

    def _cell_text(self, point: HistoryPoint) -> str:
        if not point.assessed:
            return NO_VALUE
        return level_text(point.level, point.not_applicable, self._level_names, missing=NOT_RATED)

    @staticmethod
    def _foreground(column: int, point: HistoryPoint | None) -> QColor | None:
        muted = column == COLUMN_DIMENSION or (
            point is not None
            and (not point.assessed or point.not_applicable or point.level is None)
        )
        if not muted:
            return None
        return muted_colour(QGuiApplication.palette(), QPalette.ColorRole.Base)
