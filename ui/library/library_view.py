"""The library: the coach's teams and their assessments, and every action on them.

Left, the teams (``team_pane``); right, the selected team with its assessments, the main
actions and the details of the selected assessment (``team_page``), or with no teams at all a
friendly empty state offering the two ways to begin (``empty_state``). The view owns the
library's ``QAction`` objects (``library_actions``); the main window puts the same actions in
its menus, and ``operations`` does what they ask.

This module composes those parts and keeps them in step with the selection: what is selected,
what is shown, which actions are enabled, and where the keyboard goes.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.model import Assessment, Team
from sre_workshop.workspace import Workspace
from ui.errors import show_error
from ui.library.empty_state import EMPTY_TITLE, EmptyState
from ui.library.labels import scaled_font
from ui.library.library_actions import LibraryActions
from ui.library.notice import NoticeLabel
from ui.library.operations import LibraryOperations
from ui.library.team_page import TeamPage
from ui.library.team_pane import TeamPane
from ui.models.assessment_model import DATE, AssessmentRow, AssessmentTableModel, assessment_rows
from ui.models.team_model import TeamListModel, TeamRole
from ui.ui_state import read_bytes

__all__ = ["EMPTY_TITLE", "LibraryView"]


class LibraryView(QWidget):
    """Teams and assessments; emits ``workshop_requested`` to run or continue a workshop."""

    #: An assessment (by id) is to be run or continued in the facilitation view.
    workshop_requested = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("libraryView")
        self._loading = False
        self.team_model = TeamListModel(self)
        self.assessment_model = AssessmentTableModel(self)
        self.operations = LibraryOperations(self)
        self.library_actions = actions = LibraryActions(self, self.operations)
        self.new_team_action = actions.new_team_action
        self.rename_team_action = actions.rename_team_action
        self.delete_team_action = actions.delete_team_action
        self.plan_assessment_action = actions.plan_assessment_action
        self.edit_assessment_action = actions.edit_assessment_action
        self.delete_assessment_action = actions.delete_assessment_action
        self.reassess_action = actions.reassess_action
        self.run_workshop_action = actions.run_workshop_action
        self.reopen_action = actions.reopen_action
        self.load_demo_action = actions.load_demo_action
        self.remove_demo_action = actions.remove_demo_action
        self._build_ui()
        self._connect()
        self.reload()

    # --- layout --------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        actions = self.library_actions
        self.team_pane = TeamPane(
            self.team_model,
            actions.team_menu(),
            self.new_team_action,
            scaled_font(self.font(), 1.15),
        )
        self.team_list = self.team_pane.team_list
        self.teams_hint = self.team_pane.teams_hint

        # Right: the empty state or the selected team.
        self.empty_state = EmptyState(self.new_team_action, self.load_demo_action, self.font())
        self.create_first_button = self.empty_state.create_first_button
        self.load_demo_button = self.empty_state.load_demo_button
        self.team_page = TeamPage(self.workspace, self.assessment_model, actions, self.font())
        self.team_name_label = self.team_page.team_name_label
        self.demo_badge = self.team_page.demo_badge
        self.assessment_table = self.team_page.assessment_table
        self.no_assessments_label = self.team_page.no_assessments_label
        self.details_box = self.team_page.details_box
        self.detail_values = self.details_box.detail_values
        self.right_stack = QStackedWidget()
        self.right_stack.addWidget(self.empty_state)
        self.right_stack.addWidget(self.team_page)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("librarySplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.team_pane)
        self.splitter.addWidget(self.right_stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 1000])
        self.team_pane.setMinimumWidth(200)

        self.notice_label = NoticeLabel()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.splitter, 1)
        notice_row = QHBoxLayout()
        notice_row.setContentsMargins(12, 0, 12, 10)
        notice_row.addWidget(self.notice_label)
        layout.addLayout(notice_row)

        chain = [
            self.team_list,
            self.team_pane.new_team_button,
            self.create_first_button,
            self.load_demo_button,
            *self.team_page.tab_chain(),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

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
        self.show_selection(self.current_team_id(), self.current_assessment_id())

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
            self.show_selection(assessment.team_id, assessment.id)

    def show_notice(self, text: str) -> None:
        """A short, non-blocking message under the library (for example where a backup went)."""
        self.notice_label.show_notice(text)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("library/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = read_bytes(settings, "library/splitter")
        if state is not None:
            self.splitter.restoreState(state)

    # --- loading -------------------------------------------------------------------------------

    def show_selection(self, team_id: str | None, assessment_id: str | None) -> None:
        """Re-read the teams and select ``team_id`` (else the first) and ``assessment_id``."""
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
        self.team_page.show_team(team, bool(rows))
        self._show_details()
        self._update_actions()

    def _show_details(self) -> None:
        index = self.assessment_table.currentIndex()
        self.details_box.show_row(
            self.assessment_model.row_at(index.row()) if index.isValid() else None
        )

    def _update_actions(self) -> None:
        assessment = self.current_assessment()
        self.library_actions.update(
            writable=not self.workspace.read_only,
            team_selected=self.current_team() is not None,
            assessment=assessment,
            has_assessments=self.assessment_model.rowCount() > 0,
            has_demo=any(item.is_demo for item in self.team_model.teams()),
        )
        self.team_page.run_button.setDefault(assessment is not None)

    # --- selection and keys --------------------------------------------------------------------

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
