"""The coach's results view of one assessment: radars, headline scores, verdicts per area.

For a reassessment the compared assessment (the team's original by default, or the previous
one) is overlaid on both radars and compared area by area in the table, with the dead band
from Settings. Selecting a row shows the coach's rationale and votes in a side pane; the
projector window (``projector_action``, Shift+F5) shows the same results without them.

All numbers come from the core (:mod:`ui.results.results_data`); the charts are the core's
``radar_figure``, the same function that draws them in the PDF report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.model import AssessmentStatus, Dimension
from sre_workshop.workflows import CompareWith
from sre_workshop.workspace import Workspace
from ui.errors import show_error
from ui.results.area_detail import AreaDetail
from ui.results.chart_builders import radar_builder
from ui.results.comparison_model import (
    AREA_KEY_ROLE,
    COLUMN_AREA,
    COLUMN_CHANGE,
    COLUMN_COMPARED,
    COLUMN_COUNT,
    COLUMN_VERDICT,
    ComparisonModel,
)
from ui.results.figure_host import FigureHost
from ui.results.formatting import format_date, muted_colour, short_level_text
from ui.results.projector_results import ProjectorResultsWindow
from ui.results.results_data import ResultsData, load_results
from ui.results.scores_strip import ScoresStrip
from ui.ui_state import read_bytes

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PLACEHOLDER_TEXT = "Open an assessment from the library to see its results."
_COMPARE_TEXT = {
    CompareWith.ORIGINAL: "Original assessment",
    CompareWith.PREVIOUS: "Previous assessment",
}
_COMPARE_ACTION_TEXT = {
    CompareWith.ORIGINAL: "Compare with the &Original Assessment",
    CompareWith.PREVIOUS: "Compare with the P&revious Assessment",
}
_CHART_CAPTIONS = {
    Dimension.CULTURE: "Culture: the six Westrum aspects",
    Dimension.PROCESS: "Process: the ten process areas",
}


def _chart_description(data: ResultsData, dimension: Dimension) -> str:
    """The radar in words, for screen readers: ``Cooperation 3 (was 2); Novelty n/a; …``."""
    now = data.points(dimension)
    then = data.compared_points(dimension)
    parts = []
    for index, point in enumerate(now):
        text = f"{point.label} {short_level_text(_level(point.level), point.not_applicable)}"
        if then is not None:
            before = then[index]
            text += f" (was {short_level_text(_level(before.level), before.not_applicable)})"
        parts.append(text)
    return "; ".join(parts)


def _level(value: float | None) -> int | None:
    return None if value is None else round(value)


class ResultsView(QWidget):
    """Results of one assessment, compared with the team's original or previous assessment."""

    #: The comparison changed: the CompareWith value ("original" or "previous").
    compare_changed = Signal(str)
    #: Export PDF Report was chosen: the assessment id and the CompareWith value shown.
    report_export_requested = Signal(str, str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsView")
        self.workspace = workspace
        self._assessment_id: str | None = None
        self._compare_with = CompareWith.ORIGINAL
        self._data: ResultsData | None = None
        self._projector: ProjectorResultsWindow | None = None
        #: The splitters get sizes that fit the table once, unless restore_state set them.
        self._splitters_sized = False

        self._build_actions()
        self.pages = QStackedWidget(self)
        self.placeholder = QLabel(PLACEHOLDER_TEXT, self)
        self.placeholder.setObjectName("resultsPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.pages.addWidget(self.placeholder)
        self.pages.addWidget(self._build_content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._show_nothing()

    # --- building ----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.projector_action = QAction("Results on &Projector", self)
        self.projector_action.setObjectName("resultsProjectorAction")
        self.projector_action.setShortcut(QKeySequence("Shift+F5"))
        self.projector_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.projector_action.setToolTip("Show these results on the projector (Shift+F5)")
        self.projector_action.triggered.connect(self.on_projector_action_triggered)
        self.addAction(self.projector_action)

        self.export_report_action = QAction("Export &PDF Report…", self)
        self.export_report_action.setObjectName("resultsExportReportAction")
        self.export_report_action.setShortcut(QKeySequence("Ctrl+P"))
        self.export_report_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.export_report_action.setIconText("Export PDF…")
        self.export_report_action.setToolTip(
            "Write a PDF report of these results, compared as shown (Ctrl+P)"
        )
        self.export_report_action.triggered.connect(self.on_export_report_action_triggered)
        self.addAction(self.export_report_action)

        self.compare_group = QActionGroup(self)
        self.compare_group.setExclusive(True)
        self.compare_actions: dict[CompareWith, QAction] = {}
        for compare_with in CompareWith:
            action = QAction(_COMPARE_ACTION_TEXT[compare_with], self)
            action.setObjectName(f"resultsCompare{compare_with.value.capitalize()}Action")
            action.setCheckable(True)
            action.setData(compare_with.value)
            self.compare_group.addAction(action)
            self.compare_actions[compare_with] = action
        self.compare_actions[CompareWith.ORIGINAL].setChecked(True)
        self.compare_group.triggered.connect(self.on_compare_group_triggered)

    def _build_content(self) -> QWidget:
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(10)
        layout.addLayout(self._build_header())
        self.scores = ScoresStrip(content)
        layout.addWidget(self.scores)

        charts = QWidget(content)
        charts_layout = QHBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        charts_layout.setSpacing(12)
        self.charts: dict[Dimension, FigureHost] = {}
        for dimension in Dimension:
            chart_column = QVBoxLayout()
            chart_column.setSpacing(2)
            caption = QLabel(_CHART_CAPTIONS[dimension], charts)
            caption.setObjectName("chartCaption")
            caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            font = QFont(caption.font())
            font.setBold(True)
            caption.setFont(font)
            host = FigureHost(charts)
            host.setObjectName(f"{dimension.value}Radar")
            host.setAccessibleName(f"{dimension.label} radar chart")
            chart_column.addWidget(caption)
            chart_column.addWidget(host, 1)
            charts_layout.addLayout(chart_column, 1)
            self.charts[dimension] = host

        self.model = ComparisonModel(self)
        self.table = QTableView(content)
        self.table.setObjectName("comparisonTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for column in range(COLUMN_COUNT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_AREA, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(60)
        self.table.selectionModel().selectionChanged.connect(self.on_table_selection_changed)
        self.detail = AreaDetail(content)

        self.bottom_splitter = QSplitter(Qt.Orientation.Horizontal, content)
        self.bottom_splitter.setObjectName("resultsBottomSplitter")
        self.bottom_splitter.addWidget(self.table)
        self.bottom_splitter.addWidget(self.detail)
        self.bottom_splitter.setStretchFactor(0, 3)
        self.bottom_splitter.setStretchFactor(1, 2)
        self.bottom_splitter.setChildrenCollapsible(False)

        self.splitter = QSplitter(Qt.Orientation.Vertical, content)
        self.splitter.setObjectName("resultsSplitter")
        self.splitter.addWidget(charts)
        self.splitter.addWidget(self.bottom_splitter)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        return content

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        header.setSpacing(16)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("resultsTitle")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title_label.setFont(font)
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setObjectName("resultsSubtitle")
        self.comparison_label = QLabel(self)
        self.comparison_label.setObjectName("resultsComparison")
        self.comparison_label.setWordWrap(True)
        palette = self.subtitle_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, muted_colour(self.palette()))
        self.subtitle_label.setPalette(palette)
        title_row = QHBoxLayout()
        title_row.setSpacing(14)
        title_row.addWidget(self.title_label, 0, Qt.AlignmentFlag.AlignBaseline)
        title_row.addWidget(self.subtitle_label, 1, Qt.AlignmentFlag.AlignBaseline)
        texts.addLayout(title_row)
        texts.addWidget(self.comparison_label)
        header.addLayout(texts, 1)

        controls = QVBoxLayout()
        controls.setSpacing(4)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.compare_combo = QComboBox(self)
        self.compare_combo.setObjectName("compareWith")
        for compare_with in CompareWith:
            self.compare_combo.addItem(_COMPARE_TEXT[compare_with], compare_with.value)
        self.compare_combo.setToolTip(
            "Which earlier assessment of the team these results are compared with"
        )
        compare_label = QLabel("Compare &with:", self)
        compare_label.setBuddy(self.compare_combo)
        self.projector_button = QToolButton(self)
        self.projector_button.setObjectName("resultsProjectorButton")
        self.projector_button.setDefaultAction(self.projector_action)
        self.projector_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.projector_button.setText("Projector…")
        row.addWidget(compare_label)
        row.addWidget(self.compare_combo)
        row.addSpacing(8)
        row.addWidget(self.projector_button)
        self.export_report_button = QToolButton(self)
        self.export_report_button.setObjectName("resultsExportReportButton")
        self.export_report_button.setDefaultAction(self.export_report_action)
        self.export_report_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.compare_note = QLabel(self)
        self.compare_note.setObjectName("compareNote")
        self.compare_note.setAlignment(Qt.AlignmentFlag.AlignRight)
        note_palette = self.compare_note.palette()
        note_palette.setColor(QPalette.ColorRole.WindowText, muted_colour(self.palette()))
        self.compare_note.setPalette(note_palette)
        controls.addLayout(row)
        # Under the comparison, beside its note: the header must not get any wider (1366 px).
        note_row = QHBoxLayout()
        note_row.setSpacing(8)
        note_row.addWidget(self.compare_note, 1)
        note_row.addWidget(self.export_report_button)
        controls.addLayout(note_row)
        header.addLayout(controls)
        self.compare_combo.currentIndexChanged.connect(self.on_compare_combo_current_index_changed)
        return header

    # --- public API --------------------------------------------------------------------------

    def show_assessment(self, assessment_id: str) -> None:
        """Show an assessment's results (raises if it cannot be read; nothing changes then)."""
        data = load_results(self.workspace, assessment_id, self._compare_with)
        self._assessment_id = assessment_id
        self._show(data, keep_selection=False)

    def has_assessment(self) -> bool:
        return self._data is not None

    @property
    def data(self) -> ResultsData | None:
        """What is shown (tests and the lead's window title read it)."""
        return self._data

    @property
    def assessment_id(self) -> str | None:
        return self._assessment_id

    def title_detail(self) -> str:
        """``Team — Assessment title`` for the main window's title, or empty."""
        if self._data is None:
            return ""
        return f"Results: {self._data.team.name}, {self._data.title}"

    def compare_with(self) -> CompareWith:
        return self._compare_with

    @Slot()
    def refresh(self) -> None:
        """Read everything again (after edits elsewhere, or a new dead band in Settings)."""
        if self._assessment_id is None:
            return
        if self.workspace.repository.find_assessment(self._assessment_id) is None:
            self._assessment_id = None
            self._show_nothing()
            return
        try:
            data = load_results(self.workspace, self._assessment_id, self._compare_with)
        except Exception as exc:
            show_error(self, exc, "The results could not be read again.")
            return
        self._show(data, keep_selection=True)

    def set_compare_with(self, compare_with: CompareWith | str) -> None:
        """Compare with the team's original (default) or previous assessment."""
        compare_with = CompareWith(compare_with)
        if compare_with is self._compare_with:
            self._sync_compare_controls()
            return
        self._compare_with = compare_with
        self._sync_compare_controls()
        self.compare_changed.emit(compare_with.value)
        self.refresh()

    def menu_actions(self) -> list[QAction]:
        """Actions for the main window's menus (a separator between groups)."""
        separator = QAction(self)
        separator.setSeparator(True)
        return [
            self.projector_action,
            self.export_report_action,
            separator,
            *self.compare_actions.values(),
        ]

    def figures(self) -> dict[Dimension, Figure | None]:
        """The radar figures shown, per dimension (None before an assessment is shown)."""
        return {dimension: host.figure for dimension, host in self.charts.items()}

    @property
    def projector_window(self) -> ProjectorResultsWindow | None:
        return self._projector

    def close_projector(self) -> None:
        if self._projector is not None:
            self._projector.close()

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("results/splitter", self.splitter.saveState())
        settings.setValue("results/bottom_splitter", self.bottom_splitter.saveState())
        settings.setValue("results/compare_with", self._compare_with.value)

    def restore_state(self, settings: QSettings) -> None:
        for key, splitter in (
            ("results/splitter", self.splitter),
            ("results/bottom_splitter", self.bottom_splitter),
        ):
            state = read_bytes(settings, key)
            if state is not None:
                splitter.restoreState(state)
                self._splitters_sized = True
        value = settings.value("results/compare_with")
        if isinstance(value, str) and value in {item.value for item in CompareWith}:
            self.set_compare_with(CompareWith(value))

    # --- showing -----------------------------------------------------------------------------

    def _show_nothing(self) -> None:
        self._data = None
        self.pages.setCurrentWidget(self.placeholder)
        self.projector_action.setEnabled(False)
        self.export_report_action.setEnabled(False)
        for host in self.charts.values():
            host.set_builder(None)
        self.model.set_rows(())
        self.scores.set_data(None)
        self.detail.show_area(None, None)
        self._sync_compare_controls()
        if self._projector is not None:
            self._projector.close()

    def _show(self, data: ResultsData, *, keep_selection: bool) -> None:
        selected = self._selected_area() if keep_selection else None
        self._data = data
        self.pages.setCurrentIndex(1)
        self.projector_action.setEnabled(True)
        self.export_report_action.setEnabled(True)
        assessment = data.assessment
        self.title_label.setText(f"{data.team.name} — {data.title}")
        provisional = (
            "" if assessment.status is AssessmentStatus.COMPLETED else " · results are provisional"
        )
        self.subtitle_label.setText(
            f"{format_date(assessment.date)} · {assessment.status.label}{provisional}"
            f" · framework {assessment.framework}"
        )
        self.comparison_label.setText(data.comparison_sentence())
        self.scores.set_data(data)
        for dimension, host in self.charts.items():
            host.set_builder(radar_builder(data, dimension))
            host.setAccessibleDescription(_chart_description(data, dimension))
        compared = data.compared.assessment if data.compared is not None else None
        if compared is None:
            self.model.set_rows(data.rows, data.level_names, compared_header="Compared level")
        else:
            self.model.set_rows(
                data.rows,
                data.level_names,
                compared_header=f"{data.compare_noun.capitalize()} level",
                compared_description=(
                    f"{compared.title or 'Assessment'} of {format_date(compared.date)}"
                ),
                dead_band=data.dead_band,
            )
        for hidden in (COLUMN_COMPARED, COLUMN_CHANGE, COLUMN_VERDICT):
            self.table.setColumnHidden(hidden, compared is None)
        self._sync_compare_controls()
        self._select_area(selected)
        if self.isVisible():
            QTimer.singleShot(0, self._size_splitters)
        if self._projector is not None and self._projector.isVisible():
            self._projector.show_results(data)

    def _size_splitters(self) -> None:
        """First time with data on screen: room for the whole table if the radars keep enough."""
        if self._splitters_sized or self._data is None or not self.isVisible():
            return
        self._splitters_sized = True
        total = sum(self.splitter.sizes())
        table = self.table
        wanted = (
            table.horizontalHeader().height()
            + table.verticalHeader().length()
            + 2 * table.frameWidth()
            + 2
        )
        share = 0.36 if total < 720 else 0.48
        table_height = min(wanted, max(160, round(total * share)))
        self.splitter.setSizes([total - table_height, table_height])
        width = sum(self.bottom_splitter.sizes())
        columns = sum(self._column_width(column) for column in range(COLUMN_COUNT))
        table_width = min(
            columns + table.verticalScrollBar().sizeHint().width() + 2 * table.frameWidth() + 40,
            round(width * 0.62),
        )
        self.bottom_splitter.setSizes([table_width, width - table_width])

    def _column_width(self, column: int) -> int:
        """Width of a column's longest text, hidden or not (a reassessment shows them all)."""
        bold = QFont(self.table.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        texts = [str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")]
        texts += [
            str(self.model.index(row, column).data() or "") for row in range(self.model.rowCount())
        ]
        return max(metrics.horizontalAdvance(text) for text in texts) + 20

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._size_splitters)

    def _sync_compare_controls(self) -> None:
        data = self._data
        self.compare_combo.blockSignals(True)
        self.compare_combo.setCurrentIndex(self.compare_combo.findData(self._compare_with.value))
        self.compare_combo.blockSignals(False)
        self.compare_actions[self._compare_with].setChecked(True)
        earlier = data.earlier_count if data is not None else 0
        enabled = earlier > 0
        self.compare_combo.setEnabled(enabled)
        for action in self.compare_actions.values():
            action.setEnabled(enabled)
        if data is None:
            note = ""
        elif earlier == 0:
            note = "Nothing earlier to compare with"
        elif earlier == 1:
            note = "The original is also the previous assessment"
        else:
            note = f"{earlier} earlier assessments"
        self.compare_note.setText(note)

    def _selected_area(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        key = rows[0].data(AREA_KEY_ROLE)
        return key if isinstance(key, str) else None

    def _select_area(self, area_key: str | None) -> None:
        row = self.model.row_of(area_key) if area_key else -1
        if row < 0:
            self.table.clearSelection()
            self.detail.show_area(self._data, None)
            return
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, COLUMN_VERDICT))

    # --- slots -------------------------------------------------------------------------------

    @Slot(int)
    def on_compare_combo_current_index_changed(self, index: int) -> None:
        value = self.compare_combo.itemData(index)
        if isinstance(value, str):
            self.set_compare_with(CompareWith(value))

    @Slot(QAction)
    def on_compare_group_triggered(self, action: QAction) -> None:
        value = action.data()
        if isinstance(value, str):
            self.set_compare_with(CompareWith(value))

    @Slot(QItemSelection, QItemSelection)
    def on_table_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        self.detail.show_area(self._data, self._selected_area())

    @Slot()
    def on_projector_action_triggered(self) -> None:
        if self._data is None:
            return
        if self._projector is None:
            self._projector = ProjectorResultsWindow(self)
        self._projector.show_results(self._data)
        self._projector.present()

    @Slot()
    def on_export_report_action_triggered(self) -> None:
        if self._data is not None and self._assessment_id is not None:
            self.report_export_requested.emit(self._assessment_id, self._compare_with.value)
