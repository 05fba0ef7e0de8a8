"""The library: the coach's teams and their assessments, and every action on them.

Left, the teams; right, the selected team with its assessments (scores at a glance), the main
actions and the details of the selected assessment. With no teams at all the right side is a
friendly empty state offering the two ways to begin. The view owns the library's ``QAction``
objects; the main window puts the same actions in its menus.

Everything goes through the core's public API (repository, workflows, demo); every call that
can fail is wrapped and its error shown with ``ui.errors.show_error``.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.demo import add_demo_data, remove_demo_data
from sre_workshop.model import Assessment, AssessmentStatus, Dimension, Team
from sre_workshop.workflows import delete_assessment_safely, delete_team_safely, start_assessment
from sre_workshop.workspace import Workspace
from ui.errors import show_error
from ui.library.formatting import describe_minutes
from ui.library.team_dialog import TeamDialog
from ui.models.assessment_model import (
    COMPARES_WITH,
    CULTURE,
    DATE,
    PROCESS,
    STATUS,
    SURVEY,
    TITLE,
    AssessmentRow,
    AssessmentTableModel,
    assessment_rows,
    display_title,
    format_date,
    format_score,
    status_text,
)
from ui.models.team_model import TeamListModel, TeamRole
from ui.ui_state import read_bytes

log = logging.getLogger(__name__)

EMPTY_TITLE = "No teams yet — create the first team or load the demo team"
DEMO_BADGE_STYLE = (
    "QLabel { color: #5c4400; background: #fff4ce; border: 1px solid #e3c56a;"
    " border-radius: 4px; padding: 1px 8px; font-weight: 600; }"
)
NOTICE_STYLE = (
    "QLabel { color: #1d3a5c; background: #eef4fb; border: 1px solid #c9dcf0;"
    " border-radius: 4px; padding: 6px 10px; }"
)
NOTICE_MILLISECONDS = 20_000


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask a yes/cancel question whose safe answer (Cancel) is the default."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def scaled_font(base: QFont, factor: float, *, bold: bool = True) -> QFont:
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        font.setPixelSize(round(font.pixelSize() * factor))
    font.setBold(bold)
    return font


def plain_label(text: str = "", *, selectable: bool = False, wrap: bool = True) -> QLabel:
    """A label for text the coach typed: never interpreted as markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _RoomyDelegate(QStyledItemDelegate):
    """List rows with a little air, so team names are easy to scan and to click."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), hint.height() + 12)


class LibraryView(QWidget):
    """Teams and assessments; emits ``workshop_requested`` to run or continue a workshop."""

    #: An assessment (by id) is to be run or continued in the facilitation view.
    workshop_requested = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("libraryView")
        self._loading = False
        self._team: Team | None = None
        self.team_model = TeamListModel(self)
        self.assessment_model = AssessmentTableModel(self)
        self._create_actions()
        self._build_ui()
        self._connect()
        self.reload()

    # --- actions -------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        tip: str,
        slot: Callable[[], None],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            # Active while the library has the focus, so the facilitation view may use the same
            # keys for its own work without ambiguous shortcuts.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setStatusTip(tip)
        action.setToolTip(_tooltip(tip, action.shortcut()))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        self.new_team_action = self._action(
            "&New Team…",
            "Create a team to assess",
            self.on_new_team_action_triggered,
            QKeySequence.StandardKey.New,
        )
        self.rename_team_action = self._action(
            "Rena&me Team…",
            "Change the selected team's name or description",
            self.on_rename_team_action_triggered,
            "F2",
        )
        self.delete_team_action = self._action(
            "&Delete Team…",
            "Delete the selected team and all its assessments (a backup is kept)",
            self.on_delete_team_action_triggered,
        )
        self.plan_assessment_action = self._action(
            "&Plan Assessment…",
            "Plan an assessment of the selected team: date, people, areas and timeboxes",
            self.on_plan_assessment_action_triggered,
            "Ctrl+Shift+N",
        )
        self.edit_assessment_action = self._action(
            "&Edit Assessment…",
            "Change the selected assessment's date, people, areas or timeboxes",
            self.on_edit_assessment_action_triggered,
            "Ctrl+E",
        )
        self.delete_assessment_action = self._action(
            "Delete &Assessment…",
            "Delete the selected assessment (a backup is kept)",
            self.on_delete_assessment_action_triggered,
        )
        self.reassess_action = self._action(
            "Reass&ess Team…",
            "Plan a new assessment compared with the team's original or previous one",
            self.on_reassess_action_triggered,
            "Ctrl+R",
        )
        self.run_workshop_action = self._action(
            "Run / Continue Workshop",
            "Run the selected assessment's workshop, or continue it",
            self.on_run_workshop_action_triggered,
            "Ctrl+Return",
        )
        self.reopen_action = self._action(
            "Re&open Assessment…",
            "Reopen the selected completed assessment to change what was captured",
            self.on_reopen_action_triggered,
        )
        self.load_demo_action = self._action(
            "&Load Demo Team",
            "Add a demo team with an original assessment and its six-month reassessment",
            self.on_load_demo_action_triggered,
        )
        self.remove_demo_action = self._action(
            "Re&move Demo Data…",
            "Delete the demo team and everything in it in one step (a backup is taken first)",
            self.on_remove_demo_action_triggered,
        )

    # --- layout --------------------------------------------------------------------------------

    def _button(self, action: QAction, text: str) -> QPushButton:
        """A push button that triggers ``action`` and follows its enabled state."""
        button = QPushButton(text)
        button.setToolTip(action.toolTip())
        button.setStatusTip(action.statusTip())
        button.setEnabled(action.isEnabled())
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        return button

    def _build_ui(self) -> None:
        heading_font = scaled_font(self.font(), 1.15)

        # Left: the teams.
        teams_heading = QLabel("&Teams")
        teams_heading.setFont(heading_font)
        self.team_list = QListView()
        self.team_list.setObjectName("teamList")
        self.team_list.setAccessibleName("Teams")
        self.team_list.setModel(self.team_model)
        self.team_list.setItemDelegate(_RoomyDelegate(self.team_list))
        # Rows are one line each (team_model.one_line): no need to measure 500 of them.
        self.team_list.setUniformItemSizes(True)
        self.team_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.team_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.team_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.team_list.addActions(
            [
                self.plan_assessment_action,
                self.reassess_action,
                self.rename_team_action,
                self.delete_team_action,
            ]
        )
        teams_heading.setBuddy(self.team_list)
        self.teams_hint = QLabel("No teams yet. Create one, or load the demo team to look around.")
        self.teams_hint.setObjectName("teamsHint")
        self.teams_hint.setWordWrap(True)
        self.new_team_button = self._button(self.new_team_action, "&New Team…")

        team_pane = QWidget()
        team_pane.setObjectName("teamPane")
        left = QVBoxLayout(team_pane)
        left.setContentsMargins(12, 12, 8, 12)
        left.setSpacing(8)
        left.addWidget(teams_heading)
        left.addWidget(self.teams_hint)
        left.addWidget(self.team_list, 1)
        left.addWidget(self.new_team_button)

        # Right: the empty state or the selected team.
        self.empty_state = self._build_empty_state()
        self.team_page = self._build_team_page(heading_font)
        self.right_stack = QStackedWidget()
        self.right_stack.addWidget(self.empty_state)
        self.right_stack.addWidget(self.team_page)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("librarySplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(team_pane)
        self.splitter.addWidget(self.right_stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 1000])
        team_pane.setMinimumWidth(200)

        self.notice_label = QLabel()
        self.notice_label.setObjectName("libraryNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet(NOTICE_STYLE)
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_label.hide()
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(NOTICE_MILLISECONDS)
        self._notice_timer.timeout.connect(self.notice_label.hide)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.splitter, 1)
        notice_row = QHBoxLayout()
        notice_row.setContentsMargins(12, 0, 12, 10)
        notice_row.addWidget(self.notice_label)
        layout.addLayout(notice_row)

        QWidget.setTabOrder(self.team_list, self.new_team_button)
        chain = [
            self.new_team_button,
            self.create_first_button,
            self.load_demo_button,
            self.rename_button,
            self.delete_team_button,
            self.assessment_table,
            self.run_button,
            self.plan_button,
            self.reassess_button,
            self.edit_button,
            self.reopen_button,
            self.delete_assessment_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _build_empty_state(self) -> QWidget:
        page = QWidget()
        page.setObjectName("emptyState")
        title = QLabel(EMPTY_TITLE)
        title.setObjectName("emptyStateTitle")
        title.setFont(scaled_font(self.font(), 1.45))
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            "A team is the product delivery group you assess: developers, operations and "
            "product management who build and run the same product. The demo team comes with "
            "an original assessment and its six-month reassessment, so you can look around "
            "before your first workshop; it is removed again in one step."
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.create_first_button = self._button(self.new_team_action, "&Create the First Team…")
        self.create_first_button.setObjectName("createFirstTeamButton")
        self.create_first_button.setDefault(True)
        self.load_demo_button = self._button(self.load_demo_action, "&Load the Demo Team")
        self.load_demo_button.setObjectName("loadDemoButton")
        for button in (self.create_first_button, self.load_demo_button):
            button.setMinimumHeight(36)
            button.setMinimumWidth(200)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addStretch(1)
        buttons.addWidget(self.create_first_button)
        buttons.addWidget(self.load_demo_button)
        buttons.addStretch(1)

        content = QWidget()
        content.setMaximumWidth(680)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        column.addWidget(title)
        column.addWidget(text)
        column.addSpacing(8)
        column.addLayout(buttons)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(content, 100)
        centred.addStretch(1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addStretch(2)
        layout.addLayout(centred)
        layout.addStretch(3)
        return page

    def _build_team_page(self, heading_font: QFont) -> QWidget:
        page = QWidget()
        page.setObjectName("teamPage")

        self.team_name_label = plain_label(selectable=True)
        self.team_name_label.setObjectName("teamName")
        self.team_name_label.setFont(scaled_font(self.font(), 1.6))
        self.demo_badge = QLabel("Demo")
        self.demo_badge.setObjectName("demoBadge")
        self.demo_badge.setStyleSheet(DEMO_BADGE_STYLE)
        self.demo_badge.setToolTip(
            "Demo data, for looking around. File ▸ Remove Demo Data deletes it in one step."
        )
        self.demo_badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        demo_note = QLabel("Demo data for looking around — File ▸ Remove Demo Data removes it.")
        self.demo_row = QWidget()
        self.demo_row.setObjectName("demoRow")
        demo_layout = QHBoxLayout(self.demo_row)
        demo_layout.setContentsMargins(0, 0, 0, 0)
        demo_layout.setSpacing(8)
        demo_layout.addWidget(self.demo_badge)
        demo_layout.addWidget(demo_note, 1)
        self.rename_button = self._button(self.rename_team_action, "Rena&me…")
        self.delete_team_button = self._button(self.delete_team_action, "&Delete Team…")
        header = QHBoxLayout()
        header.setSpacing(10)
        header.addWidget(self.team_name_label, 1)
        header.addSpacing(12)
        header.addWidget(self.rename_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.delete_team_button, 0, Qt.AlignmentFlag.AlignTop)

        self.team_description_label = plain_label(selectable=True)
        self.team_description_label.setObjectName("teamDescription")
        self.team_description_label.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum
        )

        assessments_heading = QLabel("&Assessments")
        assessments_heading.setFont(heading_font)
        self.assessment_table = QTableView()
        self.assessment_table.setObjectName("assessmentTable")
        self.assessment_table.setAccessibleName("Assessments")
        self.assessment_table.setModel(self.assessment_model)
        self.assessment_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.assessment_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.assessment_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.assessment_table.setTabKeyNavigation(False)
        self.assessment_table.setAlternatingRowColors(True)
        self.assessment_table.setShowGrid(False)
        self.assessment_table.setWordWrap(False)
        self.assessment_table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.assessment_table.verticalHeader().hide()
        self.assessment_table.verticalHeader().setDefaultSectionSize(
            self.fontMetrics().height() + 14
        )
        self.assessment_table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.assessment_table.addActions(
            [
                self.run_workshop_action,
                self.edit_assessment_action,
                self.reopen_action,
                self.reassess_action,
                self.delete_assessment_action,
            ]
        )
        columns = self.assessment_table.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in (DATE, STATUS, CULTURE, PROCESS, SURVEY, COMPARES_WITH):
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        columns.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        columns.setMinimumSectionSize(70)
        assessments_heading.setBuddy(self.assessment_table)

        self.no_assessments_label = QLabel(
            "No assessments yet. Plan the first one with Plan Assessment (Ctrl+Shift+N): "
            "its date, who will be in the room, and which areas are on the agenda."
        )
        self.no_assessments_label.setObjectName("noAssessmentsHint")
        self.no_assessments_label.setWordWrap(True)
        self.no_assessments_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_assessments_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.no_assessments_label.setMargin(24)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.assessment_table)
        self.table_stack.addWidget(self.no_assessments_label)

        self.run_button = self._button(self.run_workshop_action, "&Run / Continue Workshop")
        self.run_button.setObjectName("runWorkshopButton")
        self.run_button.setFont(scaled_font(self.font(), 1.0))
        self.plan_button = self._button(self.plan_assessment_action, "&Plan Assessment…")
        self.reassess_button = self._button(self.reassess_action, "Rea&ssess…")
        self.edit_button = self._button(self.edit_assessment_action, "Ed&it Details…")
        self.reopen_button = self._button(self.reopen_action, "Re&open…")
        self.delete_assessment_button = self._button(self.delete_assessment_action, "De&lete…")
        actions_row = QHBoxLayout()
        actions_row.setSpacing(8)
        actions_row.addWidget(self.run_button)
        actions_row.addSpacing(8)
        actions_row.addWidget(self.plan_button)
        actions_row.addWidget(self.reassess_button)
        actions_row.addStretch(1)
        actions_row.addWidget(self.edit_button)
        actions_row.addWidget(self.reopen_button)
        actions_row.addWidget(self.delete_assessment_button)

        self.details_box = self._build_details()

        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.demo_row)
        layout.addWidget(self.team_description_label)
        layout.addSpacing(6)
        layout.addWidget(assessments_heading)
        layout.addWidget(self.table_stack, 1)
        layout.addLayout(actions_row)
        layout.addSpacing(4)
        layout.addWidget(self.details_box)
        return page

    def _build_details(self) -> QGroupBox:
        box = QGroupBox("Selected assessment")
        box.setObjectName("assessmentDetails")
        grid = QGridLayout(box)
        grid.setContentsMargins(12, 10, 12, 12)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        self.detail_values: dict[str, QLabel] = {}
        fields = (
            ("date", "Date:", 0, 0),
            ("coach", "Coach:", 1, 0),
            ("participants", "Participants:", 2, 0),
            ("scope", "Areas in scope:", 3, 0),
            ("status", "Status:", 0, 2),
            ("scores", "Scores:", 1, 2),
            ("compared", "Compared with:", 2, 2),
            ("next", "Next reassessment:", 3, 2),
        )
        for key, caption, row, column in fields:
            label = QLabel(caption)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value = plain_label(selectable=True)
            value.setObjectName(f"detail-{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, row, column)
            grid.addWidget(value, row, column + 1)
            self.detail_values[key] = value
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return box

    def _connect(self) -> None:
        self.team_list.selectionModel().currentRowChanged.connect(
            self.on_team_list_current_row_changed
        )
        self.assessment_table.selectionModel().currentRowChanged.connect(
            self.on_assessment_table_current_row_changed
        )
        self.assessment_table.doubleClicked.connect(self.on_assessment_table_double_clicked)
        self.team_list.installEventFilter(self)
        self.assessment_table.installEventFilter(self)

    # --- public interface ----------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Re-read teams and assessments from the database, keeping the selection."""
        self._reload(self.current_team_id(), self.current_assessment_id())

    def current_team_id(self) -> str | None:
        team = self.current_team()
        return team.id if team else None

    def current_team(self) -> Team | None:
        index = self.team_list.currentIndex()
        team = index.data(TeamRole) if index.isValid() else None
        return team if isinstance(team, Team) else None

    def current_assessment_id(self) -> str | None:
        assessment = self.current_assessment()
        return assessment.id if assessment else None

    def current_assessment(self) -> Assessment | None:
        index = self.assessment_table.currentIndex()
        return self.assessment_model.assessment_at(index.row()) if index.isValid() else None

    def select_assessment(self, assessment_id: str) -> None:
        """Show the assessment's team and select the assessment in the table."""
        try:
            assessment = self.workspace.repository.find_assessment(assessment_id)
        except Exception as exc:
            show_error(self, exc)
            return
        if assessment is not None:
            self._reload(assessment.team_id, assessment.id)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("library/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = read_bytes(settings, "library/splitter")
        if state is not None:
            self.splitter.restoreState(state)

    # --- loading -------------------------------------------------------------------------------

    def _reload(self, team_id: str | None, assessment_id: str | None) -> None:
        try:
            teams = self.workspace.repository.list_teams()
        except Exception as exc:
            show_error(self, exc, "The teams could not be read.")
            return
        self._loading = True
        try:
            self.team_model.set_teams(teams)
            row = self.team_model.row_of(team_id)
            if row is None and teams:
                row = 0
            if row is not None:
                self.team_list.setCurrentIndex(self.team_model.index(row))
        finally:
            self._loading = False
        self.teams_hint.setVisible(not teams)
        self.right_stack.setCurrentWidget(self.team_page if teams else self.empty_state)
        self._show_team(self.current_team(), assessment_id)

    def _show_team(self, team: Team | None, assessment_id: str | None = None) -> None:
        self._team = team
        rows: tuple[AssessmentRow, ...] = ()
        if team is not None:
            try:
                rows = assessment_rows(self.workspace, team.id)
            except Exception as exc:
                show_error(self, exc, "The team's assessments could not be read.")
        self._loading = True
        try:
            self.assessment_model.set_rows(rows)
            row = self.assessment_model.row_of(assessment_id)
            if row is None and rows:
                row = len(rows) - 1  # the latest is the one a coach most likely wants
            if row is not None:
                self.assessment_table.setCurrentIndex(self.assessment_model.index(row, DATE))
        finally:
            self._loading = False
        self.team_name_label.setText(team.name if team else "")
        self.team_description_label.setText(team.description if team else "")
        self.team_description_label.setVisible(bool(team and team.description))
        self.demo_row.setVisible(bool(team and team.is_demo))
        self.table_stack.setCurrentWidget(
            self.assessment_table if rows else self.no_assessments_label
        )
        self._show_details()
        self._update_actions()

    def _show_details(self) -> None:
        index = self.assessment_table.currentIndex()
        item = self.assessment_model.row_at(index.row()) if index.isValid() else None
        self.details_box.setVisible(item is not None)
        if item is None:
            return
        assessment, summary = item.assessment, item.summary
        values = {
            "date": format_date(assessment.date)
            + (f" — {assessment.title}" if assessment.title else ""),
            "coach": assessment.coach or "not set",
            "participants": _participants_text(assessment),
            "scope": self._scope_text(assessment, summary),
            "status": status_text(assessment.status)
            + (" (demo data)" if assessment.is_demo else ""),
            "scores": _scores_text(summary) if not item.problem else f"unavailable: {item.problem}",
            "compared": _compared_text(item),
            "next": format_date(assessment.reassessment_due)
            + ("" if assessment.next_reassessment else " (six months after)"),
        }
        for key, text in values.items():
            self.detail_values[key].setText(text)
        names = "\n".join(
            f"{group.role}: {group.names}" for group in assessment.participants if group.names
        )
        self.detail_values["participants"].setToolTip(names)

    def _scope_text(self, assessment: Assessment, summary: object) -> str:
        try:
            framework = self.workspace.framework_for(assessment)
        except Exception:  # the details still show the rest
            return f"{len(assessment.scope)} areas"
        keys = set(assessment.scope_keys)
        culture = sum(1 for area in framework.areas_of(Dimension.CULTURE) if area.key in keys)
        process = sum(1 for area in framework.areas_of(Dimension.PROCESS) if area.key in keys)
        minutes = sum(item.timebox_minutes for item in assessment.scope)
        text = (
            f"{len(assessment.scope)} of {len(framework.areas)} "
            f"({culture} culture, {process} process), {describe_minutes(minutes)} planned"
        )
        if isinstance(summary, dict) and isinstance(summary.get("areas_rated"), int):
            text += f"; {summary['areas_rated']} rated"
        return text

    def _update_actions(self) -> None:
        writable = not self.workspace.read_only
        team = self.current_team()
        assessment = self.current_assessment()
        has_assessments = self.assessment_model.rowCount() > 0
        has_demo = any(item.is_demo for item in self.team_model.teams())
        self.new_team_action.setEnabled(writable)
        for action in (self.rename_team_action, self.delete_team_action):
            action.setEnabled(writable and team is not None)
        self.plan_assessment_action.setEnabled(writable and team is not None)
        self.reassess_action.setEnabled(writable and team is not None and has_assessments)
        for action in (
            self.edit_assessment_action,
            self.delete_assessment_action,
            self.run_workshop_action,
        ):
            action.setEnabled(writable and assessment is not None)
        self.reopen_action.setEnabled(
            writable and assessment is not None and assessment.status is AssessmentStatus.COMPLETED
        )
        self.load_demo_action.setEnabled(writable and not has_demo)
        self.remove_demo_action.setEnabled(writable and has_demo)
        self.run_button.setDefault(assessment is not None)

    def show_notice(self, text: str) -> None:
        """A short, non-blocking message under the library (for example where a backup went)."""
        self.notice_label.setText(text)
        self.notice_label.show()
        self._notice_timer.start()

    # --- selection slots -----------------------------------------------------------------------

    @Slot(QModelIndex, QModelIndex)
    def on_team_list_current_row_changed(
        self, current: QModelIndex, _previous: QModelIndex
    ) -> None:
        if self._loading:
            return
        team = current.data(TeamRole) if current.isValid() else None
        self._show_team(team if isinstance(team, Team) else None)

    @Slot(QModelIndex, QModelIndex)
    def on_assessment_table_current_row_changed(
        self, _current: QModelIndex, _previous: QModelIndex
    ) -> None:
        if self._loading:
            return
        self._show_details()
        self._update_actions()

    @Slot(QModelIndex)
    def on_assessment_table_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and self.run_workshop_action.isEnabled():
            self.run_workshop_action.trigger()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on an assessment runs its workshop; Enter on a team moves to its assessments."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ):
            if watched is self.assessment_table:
                if self.run_workshop_action.isEnabled():
                    self.run_workshop_action.trigger()
                return True
            if watched is self.team_list and self.assessment_model.rowCount():
                self.assessment_table.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._take_focus)  # dropped if the view is gone

    @Slot()
    def _take_focus(self) -> None:
        """Give the keyboard a home in the library unless something else in the window has it."""
        focused = QApplication.focusWidget()
        if not self.isVisible():
            return
        if focused is None or (
            focused.window() is self.window() and not self.isAncestorOf(focused)
        ):
            target = self.team_list if self.team_model.rowCount() else self.create_first_button
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- team actions --------------------------------------------------------------------------

    @Slot()
    def on_new_team_action_triggered(self) -> None:
        dialog = TeamDialog(self.workspace, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.team is not None:
            self._reload(dialog.team.id, None)
            self.team_list.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def on_rename_team_action_triggered(self) -> None:
        team = self.current_team()
        if team is None:
            return
        dialog = TeamDialog(self.workspace, team, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.team is not None:
            self._reload(dialog.team.id, self.current_assessment_id())

    @Slot()
    def on_delete_team_action_triggered(self) -> None:
        team = self.current_team()
        if team is None:
            return
        count = self.assessment_model.rowCount()
        what = (
            "its assessment"
            if count == 1
            else f"its {count} assessments"
            if count
            else "(it has no assessments yet)"
        )
        captured = (
            " with everything captured in them: notes, levels, votes, survey answers, "
            "hypotheses, actions and the list of reports (PDF files stay where they are)"
            if count
            else ""
        )
        if not confirm(
            self,
            "Delete Team",
            f"Delete the team “{team.name}”?\n\n"
            f"This deletes the team and {what}{captured}.\n\n"
            f"A backup is kept in {self.workspace.paths.backups}",
        ):
            return
        try:
            backup = delete_team_safely(self.workspace, team.id)
        except Exception as exc:
            show_error(self, exc, f"The team “{team.name}” could not be deleted.")
            return
        self._reload(None, None)
        self.show_notice(f"Deleted the team “{team.name}”. A backup is in {backup}")

    # --- assessment actions --------------------------------------------------------------------

    @Slot()
    def on_plan_assessment_action_triggered(self) -> None:
        team = self.current_team()
        if team is None:
            return
        try:
            from ui.library.assessment_dialog import AssessmentDialog

            dialog = AssessmentDialog(self.workspace, team.id, None, self)
        except Exception as exc:
            show_error(self, exc, "The assessment cannot be planned.")
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.assessment is not None:
            self._reload(team.id, dialog.assessment.id)

    @Slot()
    def on_edit_assessment_action_triggered(self) -> None:
        assessment = self.current_assessment()
        if assessment is None:
            return
        try:
            from ui.library.assessment_dialog import AssessmentDialog

            dialog = AssessmentDialog(self.workspace, assessment.team_id, assessment, self)
        except Exception as exc:
            show_error(self, exc, "The assessment cannot be edited.")
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.assessment is not None:
            self._reload(assessment.team_id, dialog.assessment.id)

    @Slot()
    def on_reassess_action_triggered(self) -> None:
        team = self.current_team()
        if team is None:
            return
        try:
            from ui.library.reassess_dialog import ReassessDialog

            dialog = ReassessDialog(self.workspace, team.id, self)
        except Exception as exc:
            show_error(self, exc, "The team cannot be reassessed.")
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.assessment is not None:
            self._reload(team.id, dialog.assessment.id)

    @Slot()
    def on_delete_assessment_action_triggered(self) -> None:
        assessment = self.current_assessment()
        if assessment is None:
            return
        name = f"“{display_title(assessment)}” of {format_date(assessment.date)}"
        dependants = [
            item.assessment
            for item in self.assessment_model.rows()
            if item.assessment.compares_with == assessment.id
        ]
        note = ""
        if dependants:
            dates = ", ".join(format_date(item.date) for item in dependants)
            note = (
                f"\n\nThe reassessment of {dates} compares with it and will no longer have "
                "a comparison."
            )
        if not confirm(
            self,
            "Delete Assessment",
            f"Delete the assessment {name}?\n\n"
            "This deletes it with everything captured in it: notes, levels, votes, survey "
            f"answers, and the hypotheses and actions posed in it.{note}\n\n"
            f"A backup is kept in {self.workspace.paths.backups}",
        ):
            return
        try:
            backup = delete_assessment_safely(self.workspace, assessment.id)
        except Exception as exc:
            show_error(self, exc, f"The assessment {name} could not be deleted.")
            return
        self._reload(assessment.team_id, None)
        self.show_notice(f"Deleted the assessment {name}. A backup is in {backup}")

    @Slot()
    def on_run_workshop_action_triggered(self) -> None:
        selected = self.current_assessment()
        if selected is None:
            return
        repository = self.workspace.repository
        try:
            assessment = repository.get_assessment(selected.id)
            if assessment.status is AssessmentStatus.COMPLETED:
                if not confirm(
                    self,
                    "Reopen Assessment",
                    f"“{display_title(assessment)}” of {format_date(assessment.date)} is "
                    "completed.\n\nReopen it to continue the workshop? Its status goes back to "
                    "in progress until you complete it again.",
                ):
                    return
                repository.set_assessment_status(assessment.id, AssessmentStatus.IN_PROGRESS)
            elif assessment.status is AssessmentStatus.PLANNED:
                start_assessment(self.workspace, assessment.id)
        except Exception as exc:
            show_error(self, exc, "The workshop could not be started.")
            return
        self._reload(assessment.team_id, assessment.id)
        self.workshop_requested.emit(assessment.id)

    @Slot()
    def on_reopen_action_triggered(self) -> None:
        assessment = self.current_assessment()
        if assessment is None or assessment.status is not AssessmentStatus.COMPLETED:
            return
        name = f"“{display_title(assessment)}” of {format_date(assessment.date)}"
        if not confirm(
            self,
            "Reopen Assessment",
            f"Reopen the completed assessment {name}?\n\n"
            "Its status goes back to in progress, so what was captured can be changed.",
        ):
            return
        try:
            self.workspace.repository.set_assessment_status(
                assessment.id, AssessmentStatus.IN_PROGRESS
            )
        except Exception as exc:
            show_error(self, exc, f"The assessment {name} could not be reopened.")
            return
        self._reload(assessment.team_id, assessment.id)
        self.show_notice(f"Reopened the assessment {name}: it is in progress again.")

    # --- demo data -----------------------------------------------------------------------------

    @Slot()
    def on_load_demo_action_triggered(self) -> None:
        try:
            team = add_demo_data(self.workspace)
        except Exception as exc:
            show_error(self, exc, "The demo team could not be loaded.")
            return
        if team is None:
            demo = next((item for item in self.team_model.teams() if item.is_demo), None)
            self._reload(demo.id if demo else None, None)
            self.show_notice("The demo team is already there.")
            return
        self._reload(team.id, None)
        self.team_list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.show_notice(
            f"Loaded the demo team “{team.name}”. File ▸ Remove Demo Data removes it in one step."
        )

    @Slot()
    def on_remove_demo_action_triggered(self) -> None:
        try:
            demo_teams = [team for team in self.workspace.repository.list_teams() if team.is_demo]
            assessments = sum(
                len(self.workspace.repository.list_assessments(team.id)) for team in demo_teams
            )
        except Exception as exc:
            show_error(self, exc)
            return
        if not demo_teams:
            self._reload(self.current_team_id(), None)
            return
        names = ", ".join(f"“{team.name}”" for team in demo_teams)
        if not confirm(
            self,
            "Remove Demo Data",
            f"Remove the demo data?\n\nThis deletes the demo team {names} and its "
            f"{assessments} assessments with everything in them, in one step. Your own teams "
            f"are not touched.\n\nA backup is taken first and kept in "
            f"{self.workspace.paths.backups}",
        ):
            return
        try:
            removed = remove_demo_data(self.workspace)
        except Exception as exc:
            show_error(self, exc, "The demo data could not be removed.")
            return
        self._reload(self.current_team_id(), None)
        teams = "the demo team" if removed == 1 else f"{removed} demo teams"
        self.show_notice(f"Removed {teams} and everything in it. A backup was taken first.")


# --- text for the details strip ----------------------------------------------------------------


def _tooltip(tip: str, shortcut: QKeySequence) -> str:
    keys = shortcut.toString(QKeySequence.SequenceFormat.NativeText)
    return f"{tip} ({keys})" if keys else tip


def _participants_text(assessment: Assessment) -> str:
    if not assessment.participants:
        return "not set"
    groups = ", ".join(f"{group.role} {group.count}" for group in assessment.participants)
    return f"{assessment.participant_count} people: {groups}"


def _scores_text(summary: object) -> str:
    if not isinstance(summary, dict):
        return "–"
    parts = [
        f"culture {format_score(summary.get('culture_score'))}",
        f"process {format_score(summary.get('process_score'))}",
    ]
    survey = f"survey {format_score(summary.get('survey_score'))}"
    if summary.get("survey_band"):
        survey += f" ({summary['survey_band']})"
    parts.append(survey)
    return ", ".join(parts)


def _compared_text(item: AssessmentRow) -> str:
    assessment = item.assessment
    if not assessment.compares_with:
        return "nothing (a first assessment)"
    if item.compared is None:
        return "an assessment that was deleted"
    text = f"{format_date(item.compared.date)} — {display_title(item.compared)}"
    verdicts = item.verdict_text()
    return f"{text}\n{verdicts}" if verdicts else text
