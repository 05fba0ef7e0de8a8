"""``ReportsView``: every PDF report SRE Workshop wrote, with the state of its file.

The list comes from the database's report records (the core's ``list_reports``), newest first,
for all teams or one. Each file is checked against the checksum recorded when it was written
(the core's ``verify_report``) off the GUI thread, and its state reads "OK", "Missing" or
"Changed since written", as a word and an icon. The coach can open a report, show its folder,
or remove it from the list; removing forgets the record and never touches the file. Opening a
report whose file has gone explains that instead of failing silently.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping

import shiboken6
from PySide6.QtCore import QItemSelection, QModelIndex, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.model import ReportRecord
from sre_workshop.workspace import Workspace
from ui.errors import show_error
from ui.reports.files import open_report_file, show_report_folder
from ui.reports.report_model import (
    COLUMN_COUNT,
    FILE,
    STATE,
    STATE_TEXT,
    STATE_TIPS,
    TEAM,
    ReportRole,
    ReportRow,
    ReportTableModel,
    format_created,
    report_rows,
)
from ui.results.formatting import muted_colour
from ui.ui_state import read_bytes
from ui.widgets.actions import action_button, page_action
from ui.workers import run_in_background

log = logging.getLogger(__name__)

VIEW_TITLE = "Reports"
INTRO_TEXT = (
    "The PDF reports written by SRE Workshop, newest first. The files stay where they were "
    "saved; this list remembers them and checks that each is still there, unchanged."
)
EMPTY_TEXT = (
    "No reports yet.\n\nOpen an assessment's results and choose Export PDF Report… (Ctrl+P) "
    "to write one; it will be listed here."
)
EMPTY_FILTERED_TEXT = "No reports of this team yet."


class ReportsView(QWidget):
    """The Reports list with Open, Show in Folder, Remove from List and Refresh."""

    #: The files of the listed reports were checked (states are filled in).
    states_checked = Signal()
    #: A report was removed from the list (its record id); its file was left alone.
    report_removed = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsView")
        self.workspace = workspace
        #: Counts refreshes, so a slow check of an older list never overwrites a newer one.
        self._generation = 0
        #: Columns get widths that fit their text once, unless restore_state set them.
        self._columns_sized = False
        self._checking = False
        self.model = ReportTableModel(self)
        self._create_actions()
        self._build_ui()
        self._update_actions()

    # --- actions -------------------------------------------------------------------------------

    def _create_actions(self) -> None:
        self.open_action = page_action(
            self,
            "&Open Report",
            "Open the selected report in your PDF viewer",
            self.on_open_action_triggered,
        )
        self.show_folder_action = page_action(
            self,
            "Show in &Folder",
            "Open the folder that holds the selected report",
            self.on_show_folder_action_triggered,
        )
        self.remove_action = page_action(
            self,
            "&Remove from List…",
            "Forget the selected report here; the file itself is not deleted",
            self.on_remove_action_triggered,
            QKeySequence.StandardKey.Delete,
        )
        self.refresh_action = page_action(
            self,
            "Re&fresh",
            "Read the list again and check every file",
            self.refresh,
            QKeySequence.StandardKey.Refresh,
        )

    def menu_actions(self) -> list[QAction]:
        return [self.open_action, self.show_folder_action, self.remove_action, self.refresh_action]

    # --- layout --------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        title = QLabel(VIEW_TITLE, self)
        title.setObjectName("reportsTitle")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(INTRO_TEXT, self)
        intro.setObjectName("reportsIntro")
        intro.setWordWrap(True)
        self._mute(intro)

        self.team_combo = QComboBox(self)
        self.team_combo.setObjectName("reportsTeamFilter")
        self.team_combo.setToolTip("List the reports of all teams, or of one")
        self.team_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.team_combo.setMinimumContentsLength(16)
        show_label = QLabel("&Show:", self)
        show_label.setBuddy(self.team_combo)
        self.team_combo.currentIndexChanged.connect(self.on_team_combo_current_index_changed)

        controls = QHBoxLayout()
        controls.setSpacing(6)
        controls.addWidget(show_label)
        controls.addWidget(self.team_combo)
        controls.addStretch(1)
        self.open_button = action_button(self.open_action, "Open")
        self.open_button.setObjectName("reportsOpenButton")
        self.folder_button = action_button(self.show_folder_action, "Show in Folder")
        self.folder_button.setObjectName("reportsFolderButton")
        self.remove_button = action_button(self.remove_action, "Remove from List…")
        self.remove_button.setObjectName("reportsRemoveButton")
        self.refresh_button = action_button(self.refresh_action, "Refresh")
        self.refresh_button.setObjectName("reportsRefreshButton")
        for button in (self.open_button, self.folder_button, self.remove_button):
            controls.addWidget(button)
        controls.addSpacing(12)
        controls.addWidget(self.refresh_button)

        self.table = QTableView(self)
        self.table.setObjectName("reportsTable")
        self.table.setAccessibleName("Reports")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions(self.menu_actions())
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # the file name takes what is left
        header.setMinimumSectionSize(48)
        # File names differ at their end (``…_summary-custom-2.pdf``): shorten in the middle.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.selectionModel().selectionChanged.connect(self.on_table_selection_changed)
        self.table.activated.connect(self.on_table_activated)

        self.empty_label = QLabel(EMPTY_TEXT, self)
        self.empty_label.setObjectName("reportsEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self._mute(self.empty_label)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty_label)

        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("reportsDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.RichText)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 4)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("reportsSummary")
        self._mute(self.summary_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addLayout(controls)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.summary_label)

    def _mute(self, label: QLabel) -> None:
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, muted_colour(self.palette()))
        label.setPalette(palette)

    # --- public API ----------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Read the records again (keeping the selection) and check every file."""
        self.reload(self.selected_report_id())

    def reload(self, select_id: str | None = None) -> None:
        """Read the records again, select ``select_id`` if listed, and check every file."""
        self._fill_team_combo()
        try:
            rows = report_rows(self.workspace, self.team_filter())
        except Exception as exc:
            show_error(self, exc, "The list of reports could not be read.")
            return
        self.model.set_rows(rows)
        filtered = self.team_filter() is not None
        # One team listed: its name in every row is noise, and the file names need the room.
        self.table.setColumnHidden(TEAM, filtered or self.team_combo.count() <= 2)
        if rows and not self._columns_sized:
            self._size_columns()
        self.empty_label.setText(EMPTY_FILTERED_TEXT if filtered else EMPTY_TEXT)
        self.pages.setCurrentWidget(self.table if rows else self.empty_label)
        row = self.model.row_of(select_id)
        if row is None and rows:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._update_actions()
        self._update_summary()
        self._check_files()

    def team_filter(self) -> str | None:
        value = self.team_combo.currentData()
        return value if isinstance(value, str) else None

    def set_team_filter(self, team_id: str | None) -> None:
        index = self.team_combo.findData(team_id) if team_id else 0
        self.team_combo.setCurrentIndex(max(index, 0))

    def selected_row(self) -> ReportRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def selected_report_id(self) -> str | None:
        row = self.selected_row()
        return row.record.id if row is not None else None

    def select_report(self, report_id: str) -> bool:
        row = self.model.row_of(report_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def is_checking(self) -> bool:
        return self._checking

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("reports/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = read_bytes(settings, "reports/header")
        if state is not None and self.table.horizontalHeader().restoreState(state):
            self._columns_sized = True

    def _size_columns(self) -> None:
        """Each column as wide as its longest text plus some air; the file name takes the rest."""
        self._columns_sized = True
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for column in range(COLUMN_COUNT):
            if column == STATE:  # room for the longest state, known or not yet
                longest = max(metrics.horizontalAdvance(text) for text in STATE_TEXT.values())
                icon = self.table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
                wanted = longest + icon + 14
            else:
                wanted = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
            if column != FILE:
                header.resizeSection(column, wanted + 16)

    # --- loading -------------------------------------------------------------------------------

    def _fill_team_combo(self) -> None:
        current = self.team_filter()
        try:
            teams = self.workspace.repository.list_teams()
        except Exception:  # the list below reports the problem once
            log.exception("teams unavailable for the reports filter")
            teams = ()
        self.team_combo.blockSignals(True)
        self.team_combo.clear()
        self.team_combo.addItem("All teams", None)
        for team in teams:
            self.team_combo.addItem(team.name, team.id)
        index = self.team_combo.findData(current) if current else 0
        self.team_combo.setCurrentIndex(max(index, 0))
        self.team_combo.blockSignals(False)

    def _check_files(self) -> None:
        """Verify every listed file against its recorded checksum, off the GUI thread."""
        from sre_workshop.report import verify_report

        self._generation += 1
        generation = self._generation
        records = [row.record for row in self.model.rows()]
        if not records:
            self._checking = False
            self.states_checked.emit()
            return
        self._checking = True

        def work() -> dict[str, str]:
            return {record.id: verify_report(record) for record in records}

        def done(states: Mapping[str, str]) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self._checking = False
                self.model.set_states(states)
                self._update_summary()
                self.states_checked.emit()

        def failed(exc: BaseException) -> None:
            log.warning("checking report files failed: %r", exc)
            if shiboken6.isValid(self) and generation == self._generation:
                self._checking = False
                self.states_checked.emit()

        run_in_background(work, done, failed)

    def _update_detail(self) -> None:
        """The selected report's whole file name, folder and what its state means."""
        row = self.selected_row()
        if row is None:
            self.detail_label.clear()
            return
        muted = muted_colour(self.palette()).name()
        state = "Checking the file…"
        if row.state is not None and row.state in STATE_TEXT:
            state = f"{STATE_TEXT[row.state]}: {STATE_TIPS[row.state]}"
        self.detail_label.setText(
            f"<b>{html.escape(row.path.name)}</b><br>"
            f"<span style='color:{muted}'>in {html.escape(str(row.path.parent))}</span><br>"
            f"{html.escape(state)}"
        )

    def _update_actions(self) -> None:
        self._update_detail()
        selected = self.selected_row() is not None
        self.open_action.setEnabled(selected)
        self.show_folder_action.setEnabled(selected)
        self.remove_action.setEnabled(selected and not self.workspace.read_only)

    def _update_summary(self) -> None:
        self._update_detail()
        rows = self.model.rows()
        if not rows:
            self.summary_label.clear()
            return
        parts = [f"{len(rows)} report{'s' if len(rows) != 1 else ''}"]
        counts = self.model.state_counts()
        for state in ("missing", "changed"):
            if counts.get(state):
                parts.append(f"{counts[state]} {STATE_TEXT[state].lower()}")
        if counts.get(None):
            parts.append("checking the files…")
        self.summary_label.setText(" · ".join(parts))

    def _set_state(self, record: ReportRecord, state: str) -> None:
        self.model.set_states({record.id: state})
        self._update_summary()

    # --- doing ---------------------------------------------------------------------------------

    def open_report(self, row: ReportRow) -> None:
        """Open the report's file; a missing file is explained, with the offer to forget it."""
        from sre_workshop.report import verify_report

        state = verify_report(row.record)
        self._set_state(row.record, state)
        if state == "missing":
            self._explain_missing(row)
            return
        open_report_file(self, row.path)

    def _explain_missing(self, row: ReportRow) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Report file missing",
            f"The report file is no longer there:\n{row.path}",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("reportMissingDialog")
        box.setInformativeText(
            f"It was written on {format_created(row.record.created_at)} and has since been "
            "moved, renamed or deleted. If you moved it, open it from its new place. Removing "
            "it from this list changes no file."
        )
        remove = box.addButton("&Remove from List", QMessageBox.ButtonRole.DestructiveRole)
        remove.setEnabled(not self.workspace.read_only)
        close = box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(close)
        box.setEscapeButton(close)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is remove:
            self._remove(row)

    def remove_report(self, row: ReportRow) -> None:
        """Ask, then forget the report's record; the file stays where it is."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Remove from List",
            f"Remove “{row.path.name}” from the list of reports?",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("reportRemoveDialog")
        box.setInformativeText(
            f"The file itself is not deleted; it stays in {row.path.parent}. "
            "SRE Workshop just stops listing it."
        )
        remove = box.addButton("&Remove from List", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is remove:
            self._remove(row)

    def _remove(self, row: ReportRow) -> None:
        try:
            self.workspace.repository.delete_report(row.record.id)
        except Exception as exc:
            show_error(self, exc, "The report was not removed from the list.")
            return
        position = self.model.row_of(row.record.id)
        neighbour = None
        if position is not None:
            others = [item for item in self.model.rows() if item.record.id != row.record.id]
            if others:
                neighbour = others[min(position, len(others) - 1)].record.id
        self.reload(neighbour)
        self.report_removed.emit(row.record.id)

    # --- slots ---------------------------------------------------------------------------------

    @Slot()
    def on_open_action_triggered(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_report(row)

    @Slot()
    def on_show_folder_action_triggered(self) -> None:
        row = self.selected_row()
        if row is not None:
            show_report_folder(self, row.path)

    @Slot()
    def on_remove_action_triggered(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.remove_report(row)

    @Slot(QModelIndex)
    def on_table_activated(self, index: QModelIndex) -> None:
        record = index.data(ReportRole)
        row = self.model.row_at(index.row())
        if isinstance(record, ReportRecord) and row is not None:
            self.open_report(row)

    @Slot(int)
    def on_team_combo_current_index_changed(self, _index: int) -> None:
        self.reload(self.selected_report_id())

    @Slot(QItemSelection, QItemSelection)
    def on_table_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        self._update_actions()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Files change behind the app's back (moved, deleted, annotated): look again.
        self.refresh()
