"""A team's history: each area's level across all its assessments, as a chart and a table.

The chart is the core's :func:`sre_workshop.charts.history_figure` (the one the report uses);
the table is :class:`~ui.results.history_model.HistoryModel`. Both come from the core's
:func:`sre_workshop.scoring.team_history`, which matches areas across framework versions by
their stable keys and marks an area that was not assessed as a gap (never a zero). A filter
shows the culture aspects, the process areas, or both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.charts import LEVEL_NAMES_DEFAULT
from sre_workshop.model import Assessment, Dimension, Team
from sre_workshop.scoring import AreaHistory, team_history
from sre_workshop.workspace import Workspace
from ui.results.chart_builders import history_builder
from ui.results.figure_host import FigureHost
from ui.results.formatting import format_date, muted_colour
from ui.results.history_model import HistoryModel
from ui.ui_state import read_bytes

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Filter choices: (text, dimension value or "" for all).
FILTERS = (
    ("Culture and process", ""),
    ("Culture aspects", Dimension.CULTURE.value),
    ("Process areas", Dimension.PROCESS.value),
)


class HistoryView(QWidget):
    """Each area's level over a team's assessments."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyView")
        self.workspace = workspace
        self._team: Team | None = None
        self._assessments: tuple[Assessment, ...] = ()
        self._history: tuple[AreaHistory, ...] = ()
        self._level_names: tuple[str, ...] = LEVEL_NAMES_DEFAULT

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(8)
        header = QHBoxLayout()
        header.setSpacing(12)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title_label = QLabel("History", self)
        self.title_label.setObjectName("historyTitle")
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title_label.setFont(font)
        self.subtitle_label = QLabel("Open a team to see its history.", self)
        self.subtitle_label.setObjectName("historySubtitle")
        self.subtitle_label.setWordWrap(True)
        palette = self.subtitle_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, muted_colour(self.palette()))
        self.subtitle_label.setPalette(palette)
        texts.addWidget(self.title_label)
        texts.addWidget(self.subtitle_label)
        header.addLayout(texts, 1)
        self.dimension_combo = QComboBox(self)
        self.dimension_combo.setObjectName("historyDimension")
        for text, value in FILTERS:
            self.dimension_combo.addItem(text, value)
        show_label = QLabel("&Show:", self)
        show_label.setBuddy(self.dimension_combo)
        header.addWidget(show_label, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.dimension_combo, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)

        self.chart = FigureHost(self)
        self.chart.setObjectName("historyChart")
        self.chart.setAccessibleName("History chart")
        self.model = HistoryModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        table_header = self.table.horizontalHeader()
        table_header.setHighlightSections(False)
        table_header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        table_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table_header.setStretchLastSection(True)
        table_header.setMinimumSectionSize(90)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("historySplitter")
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        self.dimension_combo.currentIndexChanged.connect(
            self.on_dimension_combo_current_index_changed
        )
        self.table.selectionModel().selectionChanged.connect(self.on_table_selection_changed)
        self._splitter_sized = False

    # --- public API --------------------------------------------------------------------------

    def show_team(self, team_id: str) -> None:
        """Show a team's history (raises if it cannot be read; nothing changes then)."""
        repository = self.workspace.repository
        team = repository.get_team(team_id)
        assessments = repository.list_assessments(team_id)
        records = [
            (repository.load_record(item.id), self.workspace.framework_for(item))
            for item in assessments
        ]
        self._team = team
        self._assessments = assessments
        self._history = team_history(records)
        self._level_names = (
            tuple(level.name for level in records[-1][1].levels) if records else LEVEL_NAMES_DEFAULT
        )
        self.title_label.setText(f"{team.name} — history")
        if assessments:
            first, last = assessments[0].date, assessments[-1].date
            count = len(assessments)
            span = (
                f"{format_date(first)} to {format_date(last)}" if count > 1 else format_date(first)
            )
            self.subtitle_label.setText(
                f"{count} assessment{'s' if count != 1 else ''}, {span}. "
                "A gap (—) means the area was not assessed then. "
                "Select rows to chart only those areas."
            )
        else:
            self.subtitle_label.setText("No assessments yet.")
        self._update()

    @Slot()
    def refresh(self) -> None:
        """Read the team's assessments again (after edits elsewhere)."""
        if self._team is None:
            return
        if self.workspace.repository.find_team(self._team.id) is None:
            self._team = None
            self._history = ()
            self._assessments = ()
            self._update()
            return
        self.show_team(self._team.id)

    @property
    def team_id(self) -> str | None:
        return self._team.id if self._team is not None else None

    def dimension_filter(self) -> Dimension | None:
        """The dimension shown, or None for both."""
        value = self.dimension_combo.currentData()
        return Dimension(value) if value else None

    def set_dimension_filter(self, dimension: Dimension | None) -> None:
        self.dimension_combo.setCurrentIndex(
            self.dimension_combo.findData(dimension.value if dimension is not None else "")
        )

    def shown_history(self) -> tuple[AreaHistory, ...]:
        """The areas shown under the current filter."""
        dimension = self.dimension_filter()
        return tuple(
            area for area in self._history if dimension is None or area.dimension is dimension
        )

    def charted_history(self) -> tuple[AreaHistory, ...]:
        """The areas in the chart: the selected rows, or all shown when none is selected."""
        shown = self.shown_history()
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        selected = tuple(shown[row] for row in rows if 0 <= row < len(shown))
        return selected or shown

    @property
    def figure(self) -> Figure | None:
        return self.chart.figure

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("history/splitter", self.splitter.saveState())
        settings.setValue("history/dimension", self.dimension_combo.currentData())

    def restore_state(self, settings: QSettings) -> None:
        state = read_bytes(settings, "history/splitter")
        if state is not None:
            self.splitter.restoreState(state)
            self._splitter_sized = True
        value = settings.value("history/dimension")
        if isinstance(value, str):
            index = self.dimension_combo.findData(value)
            if index >= 0:
                self.dimension_combo.setCurrentIndex(index)

    # --- showing -----------------------------------------------------------------------------

    def _update(self) -> None:
        self.model.set_history(self.shown_history(), self._assessments, self._level_names)
        self._update_chart()
        if self.isVisible():
            QTimer.singleShot(0, self._size_splitter)

    def _update_chart(self) -> None:
        if self._team is None:
            self.chart.set_builder(None)
            return
        self.chart.set_builder(history_builder(self.charted_history(), self._level_names))

    def _size_splitter(self) -> None:
        """First time on screen: room for the whole table if the chart keeps enough."""
        if self._splitter_sized or self._team is None or not self.isVisible():
            return
        self._splitter_sized = True
        total = sum(self.splitter.sizes())
        table = self.table
        wanted = (
            table.horizontalHeader().height()
            + table.verticalHeader().length()
            + 2 * table.frameWidth()
            + 2
        )
        table_height = min(wanted, max(160, round(total * 0.45)))
        self.splitter.setSizes([total - table_height, table_height])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._size_splitter)

    # --- slots -------------------------------------------------------------------------------

    @Slot(int)
    def on_dimension_combo_current_index_changed(self, _index: int) -> None:
        self._update()

    @Slot(QItemSelection, QItemSelection)
    def on_table_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        self._update_chart()
