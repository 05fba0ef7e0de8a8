"""The per-area comparison table: a thin Qt model over the core's ``AreaComparison`` rows.

Each row is one area: its level now, its level in the compared assessment, the change and the
verdict. The verdict always reads as a symbol and a word ("▲ progressing"); colour only adds to
it. A row that cannot be compared says why in its tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from sre_workshop.charts import LEVEL_NAMES_DEFAULT
from sre_workshop.scoring import AreaComparison, Verdict
from ui.results.formatting import (
    NOT_APPLICABLE,
    change_text,
    level_text,
    muted_colour,
    verdict_colour,
    verdict_text,
)

COLUMN_AREA = 0
COLUMN_DIMENSION = 1
COLUMN_LEVEL = 2
COLUMN_COMPARED = 3
COLUMN_CHANGE = 4
COLUMN_VERDICT = 5
COLUMN_COUNT = 6

HEADERS = ("Area", "Dimension", "Level", "Compared level", "Change", "Verdict")

#: The row's stable area key (str).
AREA_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
#: The row's :class:`~sre_workshop.scoring.Verdict`.
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 2
#: The row's :class:`~sre_workshop.scoring.AreaComparison`.
ROW_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex
_CENTRED = (COLUMN_CHANGE,)


class ComparisonModel(QAbstractTableModel):
    """Rows of :func:`sre_workshop.scoring.compare_assessments`, one area each."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[AreaComparison, ...] = ()
        self._level_names: tuple[str, ...] = LEVEL_NAMES_DEFAULT
        self._compared_header = HEADERS[COLUMN_COMPARED]
        self._compared_description = ""
        self._bold: QFont | None = None
        self._dead_band: float | None = None

    # --- loading -----------------------------------------------------------------------------

    def set_rows(
        self,
        rows: Sequence[AreaComparison],
        level_names: Sequence[str] = LEVEL_NAMES_DEFAULT,
        *,
        compared_header: str = HEADERS[COLUMN_COMPARED],
        compared_description: str = "",
        dead_band: float | None = None,
    ) -> None:
        """Show new rows; ``compared_header`` names the compared column ("Original level")."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._level_names = tuple(level_names)
        self._compared_header = compared_header
        self._compared_description = compared_description
        self._dead_band = dead_band
        self.endResetModel()

    def comparison(self, row: int) -> AreaComparison:
        return self._rows[row]

    def row_of(self, area_key: str) -> int:
        """The row of an area, or -1."""
        for index, row in enumerate(self._rows):
            if row.area_key == area_key:
                return index
        return -1

    # --- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._compared_header if section == COLUMN_COMPARED else HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == COLUMN_COMPARED:
            return self._compared_description or None
        if role == Qt.ItemDataRole.TextAlignmentRole and section in _CENTRED:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.FontRole and column == COLUMN_VERDICT:
            return self._bold_font()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignCenter if column in _CENTRED else Qt.AlignmentFlag.AlignLeft
            )
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        if role == AREA_KEY_ROLE:
            return row.area_key
        if role == VERDICT_ROLE:
            return row.verdict
        if role == ROW_ROLE:
            return row
        return None

    # --- cells -------------------------------------------------------------------------------

    def _text(self, row: AreaComparison, column: int) -> str:
        if column == COLUMN_AREA:
            return row.name
        if column == COLUMN_DIMENSION:
            return row.dimension.label
        if column == COLUMN_LEVEL:
            return level_text(row.level, row.not_applicable, self._level_names)
        if column == COLUMN_COMPARED:
            return level_text(row.compared_level, row.compared_not_applicable, self._level_names)
        if column == COLUMN_CHANGE:
            return change_text(row.change)
        return verdict_text(row.verdict)

    def _tooltip(self, row: AreaComparison, column: int) -> str | None:
        if column == COLUMN_VERDICT:
            if row.verdict is Verdict.NOT_COMPARABLE:
                return f"Not comparable: {row.reason}" if row.reason else "Not comparable"
            return self._verdict_explanation(row)
        if column == COLUMN_LEVEL and row.not_applicable:
            return "Not applicable in this assessment"
        if column == COLUMN_COMPARED and row.compared_not_applicable:
            return "Not applicable in the compared assessment"
        if column in (COLUMN_LEVEL, COLUMN_COMPARED, COLUMN_CHANGE) and row.reason:
            return row.reason.capitalize()
        return None

    def _verdict_explanation(self, row: AreaComparison) -> str:
        if row.change == 0:
            return "Stagnating: the level did not change"
        change = change_text(row.change)
        levels = "level" if abs(row.change or 0) == 1 else "levels"
        text = f"{row.verdict.label.capitalize()}: a change of {change} {levels}"
        if self._dead_band is None:
            return text
        band = f"{self._dead_band:g}"
        if row.verdict is Verdict.STAGNATING:
            return f"{text}, less than the dead band of {band}"
        return f"{text}, at least the dead band of {band}"

    def _foreground(self, row: AreaComparison, column: int) -> QColor | None:
        palette = QGuiApplication.palette()
        if column == COLUMN_VERDICT:
            return verdict_colour(row.verdict, palette)
        text = self._text(row, column)
        if column in (COLUMN_LEVEL, COLUMN_COMPARED, COLUMN_CHANGE) and (
            text == NOT_APPLICABLE or not text or text.startswith("—")
        ):
            return muted_colour(palette, QPalette.ColorRole.Base)
        if column == COLUMN_DIMENSION:
            return muted_colour(palette, QPalette.ColorRole.Base)
        return None

    def _bold_font(self) -> QFont:
        if self._bold is None:
            self._bold = QFont(QGuiApplication.font())
            self._bold.setBold(True)
        return self._bold
