"""The facilitation view: the coach runs the live workshop here, from the keyboard alone.

Left, the agenda (areas in scope by dimension, with progress) and a small live radar; centre,
the area and the current question in large type with its quick answer, follow-up flag and
notes; right, the agreed level, the level descriptions with the room's vote, the rationale and,
for culture aspects, the survey tally. A bar on top holds the workshop clock and the room
controls (projector, reveal votes, all keys); a line at the foot reminds of the main keys.

Every edit goes through the :class:`~sre_workshop.capture.CaptureSession` at once, one
transaction each (:mod:`ui.workshop.edits`), and lands on ``undo_stack`` as a command whose
undo and redo are saved too. Typed text (notes, rationale, not-applicable reason) is saved
debounced and flushed on every navigation, focus change and close (:mod:`ui.workshop.autosave`);
a save that fails says "Not saved" beside the editor, keeps the text, and holds navigation.

Keys come from :data:`ui.workshop.keymap.KEYMAP`. Undo inside an editor: the editors have no
undo of their own; Ctrl+Z there saves what was typed and then undoes the last edit of the
workshop's one history, which is the typing since the editor was entered.

This class composes parts with one job each and keeps the view's public interface: the
widgets (:mod:`~ui.workshop.layout`), the actions and what each command runs
(:mod:`~ui.workshop.actions`, :mod:`~ui.workshop.command_handlers`), where the workshop stands
and moving through it (:mod:`~ui.workshop.state`, :mod:`~ui.workshop.navigator`), showing it
(:mod:`~ui.workshop.display`), the ratings and tallies (:mod:`~ui.workshop.rating_input`), typed
text (:mod:`~ui.workshop.text_fields`), the keyboard focus (:mod:`~ui.workshop.focus`) and the
room's controls (:mod:`~ui.workshop.room_controls`).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QShowEvent, QUndoStack
from PySide6.QtWidgets import QWidget

from sre_workshop.capture import CaptureSession
from sre_workshop.model import AssessmentStatus, QuickAnswer
from sre_workshop.workspace import Workspace
from ui.errors import show_error
from ui.voting.workshop_link import WorkshopVoting
from ui.widgets.radar_canvas import RadarCanvas
from ui.workshop.actions import ViewActions
from ui.workshop.agenda_model import AgendaModel
from ui.workshop.clock import WorkshopClock
from ui.workshop.command_handlers import CommandHandlers
from ui.workshop.content import agenda_entry
from ui.workshop.display import WorkshopDisplay
from ui.workshop.edits import WorkshopEdits
from ui.workshop.focus import FocusMoves
from ui.workshop.layout import WorkshopLayout
from ui.workshop.navigation import Agenda, Position, scope_agenda
from ui.workshop.navigator import Navigator
from ui.workshop.presenter_window import PresenterWindow
from ui.workshop.rating_input import RatingInput
from ui.workshop.room import Room
from ui.workshop.room_controls import RoomControls
from ui.workshop.shortcuts_overlay import ShortcutsOverlay, overlay_of, toggle_shortcuts_overlay
from ui.workshop.state import WorkshopState
from ui.workshop.style import VIEW_STYLE
from ui.workshop.text_fields import TextFields

log = logging.getLogger(__name__)


class FacilitationView(QWidget):
    """Runs one assessment's workshop; see the module docstring."""

    #: The coach asked to go back to the library.
    library_requested = Signal()
    #: The assessment's status changed (started, completed): the library reloads.
    assessment_changed = Signal()

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        undo_stack: QUndoStack | None = None,
        shortcuts_action: QAction | None = None,
    ) -> None:
        """``undo_stack`` and ``shortcuts_action`` (F1): the window's own, when its menus
        exist before this view (the main window builds its pages on first use)."""
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("facilitationView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(VIEW_STYLE)
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.clock = WorkshopClock(self)
        self.edits = WorkshopEdits(self.undo_stack, self)
        self._state = state = WorkshopState()
        self._room_controls = room_controls = RoomControls(self, state)
        self.room = Room(self, room_controls.presenter_content)
        self.voting = WorkshopVoting(self)
        self._layout = parts = WorkshopLayout(self)
        self.session_bar, self.banner_label = parts.session_bar, parts.banner_label
        self.splitter, self.agenda_panel = parts.splitter, parts.agenda_panel
        self.question_panel, self.rating_panel = parts.question_panel, parts.rating_panel
        self.rating_scroll, self.hint_label = parts.rating_scroll, parts.hint_label
        self._build_actions(shortcuts_action)
        self._display = display = WorkshopDisplay(self, state, parts, room_controls)
        self._navigator = Navigator(
            self, state, show_position=display.show_position, show_banner=display.show_banner
        )
        self._text_fields = TextFields(self, state, parts, display)
        self.text = self._text_fields.capture
        self._focus = focus = FocusMoves(self, state, parts)
        self._rating = RatingInput(self, state, display, focus)
        self._connect()
        self._set_enabled(False)

    # === public interface ====================================================================

    @property
    def session(self) -> CaptureSession | None:
        return self._state.session

    @property
    def presenter(self) -> PresenterWindow | None:
        return self.room.presenter

    @property
    def shortcuts_overlay(self) -> ShortcutsOverlay | None:
        return overlay_of(self.window())

    @property
    def agenda_model(self) -> AgendaModel:
        return self.agenda_panel.model

    @property
    def radar(self) -> RadarCanvas:
        """The live radar of the levels agreed so far in the current dimension."""
        return self.agenda_panel.radar

    @property
    def position(self) -> Position | None:
        return self._state.position

    @property
    def agenda(self) -> Agenda:
        return self._state.agenda

    def has_assessment(self) -> bool:
        return self._state.session is not None

    def open_assessment(self, assessment_id: str) -> None:
        """Start (or continue) the workshop of an assessment at its first area and question."""
        if self._state.session is not None:
            self.flush()
        session = CaptureSession(self.workspace, assessment_id)
        was_planned = session.record.assessment.status is AssessmentStatus.PLANNED
        if not self.workspace.read_only:
            session.mark_started()
        session.add_listener(self._display.on_session_changed)
        team = self.workspace.repository.get_team(session.record.assessment.team_id)
        state = self._state
        state.session, self.edits.session, state.team_name = session, session, team.name
        self.undo_stack.clear()
        state.visited.clear()
        self.room.reset()
        self.voting.new_workshop()
        self.edits.new_typing_burst()
        state.position = None
        state.agenda = agenda = scope_agenda(
            session.framework, session.record.assessment.scope_keys
        )
        self.agenda_panel.model.set_entries(
            [agenda_entry(session, area, visited=False) for area in agenda.areas]
        )
        self.agenda_panel.agenda_loaded()
        self.rating_panel.set_level_names([level.name for level in session.framework.levels])
        self._display.show_session_header()
        self.clock.restart()
        self._set_enabled(True)
        first = agenda.first()
        if first is not None:
            self._navigator.go(first)
        else:
            self._display.show_empty_agenda()
        self._room_controls.sync()
        if self.workspace.read_only:
            self._display.show_banner(
                "This database is open read-only: you can walk through the workshop, but "
                "nothing you change is saved."
            )
        if was_planned and not self.workspace.read_only:
            self.assessment_changed.emit()

    def flush(self) -> None:
        """Save pending notes, rationale and reason now; raise if any could not be saved."""
        self.text.flush()

    def close_presenter(self) -> None:
        self.room.close_presenter()

    def title_detail(self) -> str:
        """ "Checkout & Payments · 2026-03-10" for the main window's title."""
        return self._state.title_detail()

    def menu_actions(self) -> list[QAction]:
        """The actions of the main window's Workshop menu (separators included)."""
        return self._actions.menu()

    def save_state(self, settings: QSettings) -> None:
        self._layout.save_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        self._layout.restore_state(settings)

    # === composing ===========================================================================

    def _build_actions(self, window_shortcuts: QAction | None) -> None:
        self._commands = CommandHandlers(self)
        actions = ViewActions(
            self,
            self._commands.dispatch,
            window_shortcuts=window_shortcuts,
            complete=self.complete_assessment,
        )
        self._actions, self.actions_by_command = actions, actions.by_command
        self.next_question_action = actions.next_question
        self.previous_question_action = actions.previous_question
        self.next_area_action = actions.next_area
        self.previous_area_action = actions.previous_area
        self.reveal_action, self.pause_action = actions.reveal, actions.pause
        self.presenter_action = actions.presenter
        self.presenter_screen_action = actions.presenter_screen
        self.shortcuts_action, self.library_action = actions.shortcuts, actions.library
        self.complete_action = actions.complete
        self.session_bar.set_actions(
            library=self.library_action,
            pause=self.pause_action,
            presenter=self.presenter_action,
            reveal=self.reveal_action,
            keys=self.shortcuts_action,
        )

    def _connect(self) -> None:
        panel, rating, text = self.question_panel, self.rating_panel, self._text_fields
        rating.reason_edit.returnPressed.connect(self._focus.leave_editor)
        self.text.state_changed.connect(text.on_state_changed)
        self.text.save_failed.connect(text.on_save_failed)
        self.text.editor_left.connect(text.on_editor_left)
        self.room.changed.connect(self._room_controls.on_room_changed)
        panel.quick_answer_clicked.connect(self._rating.toggle_quick_answer)
        panel.follow_up_clicked.connect(self._rating.toggle_follow_up)
        rating.level_clicked.connect(self._rating.on_level_clicked)
        rating.not_applicable_clicked.connect(self._rating.on_not_applicable_clicked)
        rating.vote_tally.count_changed.connect(self._rating.on_vote_count_changed)
        rating.survey_tally.count_changed.connect(self._rating.on_survey_count_changed)
        self.agenda_panel.area_clicked.connect(self._navigator.go_to_area)
        self.clock.ticked.connect(self._room_controls.on_clock_ticked)

    def _set_enabled(self, enabled: bool) -> None:
        self._actions.set_enabled(enabled)
        self.question_panel.setEnabled(enabled)
        self.rating_scroll.setEnabled(enabled)

    # === navigation ==========================================================================

    def next_question(self) -> None:
        self._navigator.next_question()

    def previous_question(self) -> None:
        self._navigator.previous_question()

    def next_area(self) -> None:
        self._navigator.next_area()

    def previous_area(self) -> None:
        self._navigator.previous_area()

    def go_to_area(self, area_key: str) -> bool:
        return self._navigator.go_to_area(area_key)

    # --- the undo commands' context: show what they change, report what failed --------------

    def reveal_question(self, question_key: str) -> None:
        self._navigator.reveal_question(question_key)

    def reveal_area(self, area_key: str) -> None:
        self._navigator.reveal_area(area_key)

    def report_failure(self, exc: BaseException, context: str) -> None:
        """A save failed: "Not saved" in the view; an unexpected error also gets a dialog."""
        self._display.report_failure(exc, context)

    # === edits ===============================================================================

    def set_level(self, level: int | None) -> None:
        """Agree ``level`` for the current area (None clears the level or the n/a mark)."""
        self._rating.set_level(level)

    def mark_not_applicable(self) -> None:
        """Mark the current area not applicable (kept if it is) and go to the reason field."""
        self._rating.mark_not_applicable()

    def toggle_quick_answer(self, quick: QuickAnswer) -> None:
        self._rating.toggle_quick_answer(quick)

    def toggle_follow_up(self) -> None:
        self._rating.toggle_follow_up()

    def complete_assessment(self) -> None:
        session = self._state.session
        if session is None:
            return
        try:
            self.flush()
            session.set_status(AssessmentStatus.COMPLETED)
        except Exception as exc:
            show_error(self, exc, "The assessment could not be marked completed.")
            return
        self._display.show_session_header()
        self.assessment_changed.emit()

    # === focus and room controls =============================================================

    def edit_notes(self) -> None:
        self._focus.edit_notes()

    def edit_rationale(self) -> None:
        self._focus.edit_rationale()

    def focus_vote_tally(self) -> None:
        self._focus.focus_vote_tally()

    def focus_survey_tally(self) -> None:
        self._focus.focus_survey_tally()

    def leave_editor(self) -> None:
        """Esc: back to the view (an editor saves as it loses focus)."""
        self._focus.leave_editor()

    def toggle_reveal(self) -> None:
        """Show or hide the current area's votes on the projector."""
        self._room_controls.toggle_reveal()

    def toggle_pause(self) -> None:
        self._room_controls.toggle_pause()

    def toggle_presenter(self) -> None:
        self._room_controls.toggle_presenter()

    def open_presenter(self) -> PresenterWindow:
        """Open the projector window (see :meth:`ui.workshop.room.Room.open_presenter`)."""
        return self._room_controls.open_presenter()

    def move_presenter_to_next_screen(self) -> None:
        self.room.move_presenter_to_next_screen()

    def toggle_shortcuts(self) -> None:
        toggle_shortcuts_overlay(self.window())

    def back_to_library(self) -> None:
        if self._navigator.flush_for_navigation():
            self.library_requested.emit()

    # === events ==============================================================================

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._layout.size_on_first_show(self.width())
