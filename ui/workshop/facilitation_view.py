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
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QWidget,
)

from sre_workshop.capture import CaptureChange, CaptureSession
from sre_workshop.model import AssessmentStatus, QuickAnswer
from sre_workshop.storage import StorageError
from sre_workshop.workspace import Workspace
from ui.errors import show_error
from ui.voting.workshop_link import WorkshopVoting
from ui.widgets.radar_canvas import RadarCanvas
from ui.workshop.actions import ViewActions
from ui.workshop.agenda_model import AgendaModel
from ui.workshop.clock import WorkshopClock, format_duration
from ui.workshop.command_handlers import CommandHandlers
from ui.workshop.content import agenda_entry, dimension_points, presenter_content
from ui.workshop.edits import WorkshopEdits
from ui.workshop.keymap import Command
from ui.workshop.layout import WorkshopLayout
from ui.workshop.navigation import Agenda, Position, scope_agenda
from ui.workshop.navigator import Navigator
from ui.workshop.presenter_window import PresenterContent, PresenterWindow
from ui.workshop.room import Room
from ui.workshop.shortcuts_overlay import ShortcutsOverlay, overlay_of, toggle_shortcuts_overlay
from ui.workshop.state import WorkshopState
from ui.workshop.style import VIEW_STYLE
from ui.workshop.text_capture import TextCapture

log = logging.getLogger(__name__)

#: Bound commands the presenter window does not take (Esc leaves full screen there).
_NOT_ON_PRESENTER = frozenset({Command.LEAVE_EDITOR})
#: Errors the coach can act on: said in the view; anything else is a bug and gets a dialog.
_EXPECTED = (StorageError, ValueError, OSError)


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
        self.room = Room(self, self._presenter_content)
        self.voting = WorkshopVoting(self)
        self._last_error_shown = ""
        self._layout = parts = WorkshopLayout(self)
        self.session_bar, self.banner_label = parts.session_bar, parts.banner_label
        self.splitter, self.agenda_panel = parts.splitter, parts.agenda_panel
        self.question_panel, self.rating_panel = parts.question_panel, parts.rating_panel
        self.rating_scroll, self.hint_label = parts.rating_scroll, parts.hint_label
        self._build_actions(shortcuts_action)
        self._navigator = Navigator(
            self, state, show_position=self._show_position, show_banner=self._show_banner
        )
        self.text = TextCapture(
            self.question_panel.notes_edit,
            self.rating_panel.rationale_edit,
            self.rating_panel.reason_edit,
            save_notes=self._save_notes,
            save_rationale=self._save_rationale,
            save_reason=self._save_reason,
            parent=self,
        )
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
        session.add_listener(self._on_session_changed)
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
        self._show_session_header()
        self.clock.restart()
        self._set_enabled(True)
        first = agenda.first()
        if first is not None:
            self._navigator.go(first)
        else:
            self._show_empty_agenda()
        self._sync_room_controls()
        if self.workspace.read_only:
            self._show_banner(
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

    # === building ============================================================================

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
        panel, rating = self.question_panel, self.rating_panel
        rating.reason_edit.returnPressed.connect(self.on_reason_edit_return_pressed)
        self.text.state_changed.connect(self.on_text_state_changed)
        self.text.save_failed.connect(self.on_text_save_failed)
        self.text.editor_left.connect(self.on_text_editor_left)
        self.room.changed.connect(self.on_room_changed)
        panel.quick_answer_clicked.connect(self.on_question_panel_quick_answer_clicked)
        panel.follow_up_clicked.connect(self.on_question_panel_follow_up_clicked)
        rating.level_clicked.connect(self.on_rating_panel_level_clicked)
        rating.not_applicable_clicked.connect(self.on_rating_panel_not_applicable_clicked)
        rating.vote_tally.count_changed.connect(self.on_vote_tally_count_changed)
        rating.survey_tally.count_changed.connect(self.on_survey_tally_count_changed)
        self.agenda_panel.area_clicked.connect(self.on_agenda_panel_area_clicked)
        self.clock.ticked.connect(self.on_clock_ticked)

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
        self._show_banner(f"⚠ Not saved — {exc}")
        if not isinstance(exc, _EXPECTED):
            message = f"{type(exc).__name__}: {exc}"
            if message != self._last_error_shown:
                self._last_error_shown = message
                show_error(self, exc, context)

    # === showing =============================================================================

    def _show_session_header(self) -> None:
        assert self._state.session is not None
        assessment = self._state.session.record.assessment
        title = assessment.title or "Assessment"
        self.session_bar.show_session(
            f"{self._state.team_name}  ·  {title}  ·  {assessment.date.isoformat()}",
            assessment.status.label.capitalize(),
        )
        self.complete_action.setEnabled(assessment.status is not AssessmentStatus.COMPLETED)

    def _show_empty_agenda(self) -> None:
        panel = self.question_panel
        panel.eyebrow_label.setText("")
        panel.area_name_label.setText("No areas in scope")
        panel.description_label.setText(
            "Edit the assessment in the library to choose the areas of this workshop."
        )
        panel.show_question(None, 0, 0, None)
        panel.setEnabled(False)
        self.rating_scroll.setEnabled(False)

    def _show_position(self, area_changed: bool) -> None:
        session, area, position = (
            self._state.session,
            self._state.current_area(),
            self._state.position,
        )
        assert session is not None and area is not None and position is not None
        if area_changed:
            self.clock.set_area(area.key)
            self.agenda_panel.show_current(area.key)
            self.question_panel.show_area(
                area, f"Area {position.area + 1} of {len(self._state.agenda)}"
            )
            self.rating_panel.show_area(area)
            rating = session.rating(area.key)
            self.rating_panel.show_rating(rating)
            self.rating_panel.show_survey(session.survey_tally(area.key))
            self.text.load_area(area.key, rating.rationale, rating.not_applicable_reason)
            self._update_radar()
            self._update_timebox()
            self._sync_room_controls()
            self.rating_scroll.verticalScrollBar().setValue(0)
        flat = self._state.agenda.question(position)
        self.question_panel.show_question(
            flat,
            position.question + 1,
            len(self._state.agenda.questions(position.area)),
            self._state.agenda.parent_number(position),
        )
        key = flat.question.key if flat is not None else None
        answer = session.answer(key) if key is not None else None
        if answer is not None:
            self.question_panel.show_answer(answer)
        self.text.load_notes(key, answer.notes if answer else "")
        self.room.push()

    def _update_radar(self) -> None:
        area, session = self._state.current_area(), self._state.session
        if area is not None and session is not None:
            self.agenda_panel.show_radar(
                area.dimension.label,
                dimension_points(session, self._state.agenda, area.dimension),
                [level.name for level in session.framework.levels],
            )

    def _update_timebox(self) -> None:
        area, session = self._state.current_area(), self._state.session
        if area is not None and session is not None:
            minutes = session.record.assessment.timebox_for(area.key) or 0
            self.question_panel.show_timebox(self.clock.timebox(area.key, minutes))

    def _sync_room_controls(self) -> None:
        area = self._state.current_area()
        revealed = area is not None and self.room.is_revealed(area.key)
        presenting = self.room.presenter is not None
        self.reveal_action.setChecked(revealed)
        self.reveal_action.setIconText("✓ Votes shown  (V)" if revealed else "Reveal votes  (V)")
        self.presenter_action.setChecked(presenting)
        self.presenter_action.setIconText(
            "✓ Projector on  (F5)" if presenting else "Projector  (F5)"
        )
        self.pause_action.setChecked(self.clock.paused)
        self.pause_action.setIconText(
            "▶ Resume  (Space)" if self.clock.paused else "❚❚ Pause  (Space)"
        )
        self.rating_panel.show_revealed(revealed, presenting)
        self.rating_panel.show_room_round(self.voting.room_round_text())
        self.on_clock_ticked()

    def _presenter_content(self) -> PresenterContent | None:
        if self._state.session is None or self._state.position is None:
            return None
        return presenter_content(
            self._state.session,
            self._state.agenda,
            self._state.position,
            title=self.title_detail(),
            revealed=self.room.revealed,
            room=self.voting.presenter_room(),
        )

    def _refresh_agenda_entry(self, area_key: str) -> None:
        index = self._state.agenda.area_index(area_key)
        if index is not None and self._state.session is not None:
            area = self._state.agenda.areas[index]
            self.agenda_panel.model.update_entry(
                agenda_entry(self._state.session, area, visited=area_key in self._state.visited)
            )

    def _set_enabled(self, enabled: bool) -> None:
        self._actions.set_enabled(enabled)
        self.question_panel.setEnabled(enabled)
        self.rating_scroll.setEnabled(enabled)

    def _show_banner(self, text: str) -> None:
        self._layout.show_banner(text)

    def _clear_banner(self) -> None:
        if not self.text.failing:
            self._layout.hide_banner()

    # === session changes (from edits, undo and redo alike) ===================================

    def _on_session_changed(self, change: CaptureChange) -> None:
        session, area = self._state.session, self._state.current_area()
        if session is None:
            return
        if change.kind == "answer":
            area_key = self._state.agenda.area_key_of_question(change.key)
            if area_key is not None:
                self._refresh_agenda_entry(area_key)
            if change.key == self._state.current_question_key():
                answer = session.answer(change.key)
                self.question_panel.show_answer(answer)
                self.text.show_stored_notes(answer.notes)
            return
        self._refresh_agenda_entry(change.key)
        if change.kind == "rating":
            self._update_radar()
        if area is not None and change.key == area.key:
            rating = session.rating(area.key)
            self.rating_panel.show_rating(rating)
            self.rating_panel.show_survey(session.survey_tally(area.key))
            self.text.show_stored_area(rating.rationale, rating.not_applicable_reason)
        self.room.push()

    # === edits ===============================================================================

    def _attempt(self, what: str, edit: Callable[[], None]) -> bool:
        """Run an edit; on failure say so and show what is stored again."""
        try:
            edit()
        except Exception as exc:
            self.report_failure(exc, f"{what} was not saved.")
            self._refresh_current()
            return False
        self._clear_banner()
        return True

    def _refresh_current(self) -> None:
        session, area, key = (
            self._state.session,
            self._state.current_area(),
            self._state.current_question_key(),
        )
        if session is None or area is None:
            return
        self.rating_panel.show_rating(session.rating(area.key))
        self.rating_panel.show_survey(session.survey_tally(area.key))
        if key is not None:
            self.question_panel.show_answer(session.answer(key))

    def set_level(self, level: int | None) -> None:
        """Agree ``level`` for the current area (None clears the level or the n/a mark)."""
        area, session = self._state.current_area(), self._state.session
        if area is None or session is None:
            return
        if level is None and not session.rating(area.key).is_rated:
            return
        self._attempt("The level", lambda: self.edits.set_level(area, level))

    def mark_not_applicable(self) -> None:
        """Mark the current area not applicable (kept if it is) and go to the reason field."""
        area, session = self._state.current_area(), self._state.session
        if area is None or session is None:
            return
        if not session.rating(area.key).not_applicable and not self._attempt(
            "Not applicable", lambda: self.edits.set_not_applicable(area)
        ):
            return
        self._focus_editor(self.rating_panel.reason_edit)

    def toggle_quick_answer(self, quick: QuickAnswer) -> None:
        key = self._state.current_question_key()
        if key is not None:
            question = self._state.question_text(key)
            self._attempt(
                "The quick answer", lambda: self.edits.toggle_quick_answer(key, question, quick)
            )

    def toggle_follow_up(self) -> None:
        key = self._state.current_question_key()
        if key is not None:
            question = self._state.question_text(key)
            self._attempt("The follow-up flag", lambda: self.edits.toggle_follow_up(key, question))

    def _save_notes(self, key: str, text: str) -> None:
        self.edits.save_notes(key, self._state.question_text(key), text)

    def _save_rationale(self, key: str, text: str) -> None:
        assert self._state.session is not None
        self.edits.save_rationale(self._state.session.framework.area(key), text)

    def _save_reason(self, key: str, text: str) -> None:
        assert self._state.session is not None
        self.edits.save_reason(self._state.session.framework.area(key), text)

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
        self._show_session_header()
        self.assessment_changed.emit()

    # === focus and room controls =============================================================

    def _focus_editor(self, widget: QWidget) -> None:
        window = self.window()
        if not window.isActiveWindow():
            window.activateWindow()  # the key came from the presenter window
        if not (widget.isEnabled() and widget.isVisible()):
            return
        if self.rating_panel.isAncestorOf(widget):
            self.rating_scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def edit_notes(self) -> None:
        if self._state.current_question_key() is not None:
            self._focus_editor(self.question_panel.notes_edit)

    def edit_rationale(self) -> None:
        self._focus_editor(self.rating_panel.rationale_edit)

    def focus_vote_tally(self) -> None:
        self._focus_editor(self.rating_panel.vote_tally)

    def focus_survey_tally(self) -> None:
        area = self._state.current_area()
        if area is not None and area.survey_statement is not None:
            self._focus_editor(self.rating_panel.survey_tally)

    def leave_editor(self) -> None:
        """Esc: back to the view (an editor saves as it loses focus)."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def toggle_reveal(self) -> None:
        """Show or hide the current area's votes on the projector."""
        area = self._state.current_area()
        if area is not None and not self.voting.reveal_if_open():
            self.room.toggle_reveal(area.key)

    def toggle_pause(self) -> None:
        self.clock.toggle_pause()
        self._sync_room_controls()

    def _presenter_actions(self) -> list[QAction]:
        return [
            action
            for command, actions in self.actions_by_command.items()
            if command not in _NOT_ON_PRESENTER
            for action in actions
        ]

    def toggle_presenter(self) -> None:
        self.room.toggle_presenter(self._presenter_actions())

    def open_presenter(self) -> PresenterWindow:
        """Open the projector window (see :meth:`ui.workshop.room.Room.open_presenter`)."""
        return self.room.open_presenter(self._presenter_actions())

    def move_presenter_to_next_screen(self) -> None:
        self.room.move_presenter_to_next_screen()

    def toggle_shortcuts(self) -> None:
        toggle_shortcuts_overlay(self.window())

    def back_to_library(self) -> None:
        if self._navigator.flush_for_navigation():
            self.library_requested.emit()

    # === slots ===============================================================================

    @Slot()
    def on_text_state_changed(self) -> None:
        notes, rationale, reason = self.text.autosaves
        rating = self.rating_panel
        self.question_panel.show_notes_state(notes.state, notes.error)
        rating.rationale_save.show_state(rationale.state, rationale.error)
        rating.reason_save.show_state(reason.state, reason.error)
        self._clear_banner()

    @Slot()
    def on_text_editor_left(self) -> None:
        self.edits.new_typing_burst()

    @Slot()
    def on_reason_edit_return_pressed(self) -> None:
        self.leave_editor()

    @Slot(object)
    def on_text_save_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, _EXPECTED):
            self.report_failure(exc, "What you typed was not saved.")

    @Slot(object)
    def on_question_panel_quick_answer_clicked(self, quick: QuickAnswer) -> None:
        self.toggle_quick_answer(quick)

    @Slot()
    def on_question_panel_follow_up_clicked(self) -> None:
        self.toggle_follow_up()

    @Slot(int)
    def on_rating_panel_level_clicked(self, level: int) -> None:
        area, session = self._state.current_area(), self._state.session
        if area is not None and session is not None:
            self.set_level(None if session.rating(area.key).level == level else level)

    @Slot()
    def on_rating_panel_not_applicable_clicked(self) -> None:
        area, session = self._state.current_area(), self._state.session
        if area is not None and session is not None:
            if session.rating(area.key).not_applicable:
                self.set_level(None)
            else:
                self.mark_not_applicable()

    @Slot(int, int)
    def on_vote_tally_count_changed(self, level: int, count: int) -> None:
        area = self._state.current_area()
        if area is not None:
            self._attempt("The vote", lambda: self.edits.set_vote_count(area, level, count))

    @Slot(int, int)
    def on_survey_tally_count_changed(self, answer: int, count: int) -> None:
        area = self._state.current_area()
        if area is not None:
            self._attempt(
                "The survey answer", lambda: self.edits.set_survey_count(area, answer, count)
            )

    @Slot(str)
    def on_agenda_panel_area_clicked(self, area_key: str) -> None:
        self.go_to_area(area_key)

    @Slot()
    def on_clock_ticked(self) -> None:
        self.session_bar.show_clock(format_duration(self.clock.elapsed()), self.clock.paused)
        self._update_timebox()

    @Slot()
    def on_room_changed(self) -> None:
        self._sync_room_controls()

    # === events ==============================================================================

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._layout.size_on_first_show(self.width())
