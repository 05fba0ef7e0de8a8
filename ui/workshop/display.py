"""What the facilitation view shows of the workshop: the session header, the current area and
question with what is stored for them, the agenda's progress and the live radar, and what
went wrong.

Every change to the capture session (an edit, an undo, a redo, a room vote) arrives at
:meth:`WorkshopDisplay.on_session_changed` and is shown from the stored values; typed text
that is not saved yet is never overwritten by them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sre_workshop.capture import CaptureChange
from sre_workshop.model import AssessmentStatus
from sre_workshop.storage import StorageError
from ui.errors import show_error
from ui.workshop.content import agenda_entry, dimension_points
from ui.workshop.layout import WorkshopLayout
from ui.workshop.room_controls import RoomControls
from ui.workshop.state import WorkshopState

if TYPE_CHECKING:
    from ui.workshop.facilitation_view import FacilitationView

#: Errors the coach can act on: said in the view; anything else is a bug and gets a dialog.
EXPECTED_ERRORS = (StorageError, ValueError, OSError)


class WorkshopDisplay:
    def __init__(
        self,
        view: FacilitationView,
        state: WorkshopState,
        layout: WorkshopLayout,
        room_controls: RoomControls,
    ) -> None:
        self._view = view
        self._state = state
        self._layout = layout
        self._room_controls = room_controls
        self._last_error_shown = ""

    def show_session_header(self) -> None:
        assert self._state.session is not None
        assessment = self._state.session.record.assessment
        title = assessment.title or "Assessment"
        self._layout.session_bar.show_session(
            f"{self._state.team_name}  ·  {title}  ·  {assessment.date.isoformat()}",
            assessment.status.label.capitalize(),
        )
        self._view.complete_action.setEnabled(assessment.status is not AssessmentStatus.COMPLETED)

    def show_empty_agenda(self) -> None:
        panel = self._layout.question_panel
        panel.eyebrow_label.setText("")
        panel.area_name_label.setText("No areas in scope")
        panel.description_label.setText(
            "Edit the assessment in the library to choose the areas of this workshop."
        )
        panel.show_question(None, 0, 0, None)
        panel.setEnabled(False)
        self._layout.rating_scroll.setEnabled(False)

    def show_position(self, area_changed: bool) -> None:
        """Show the current question, and the current area too when ``area_changed``."""
        view, layout, state = self._view, self._layout, self._state
        session, area, position = state.session, state.current_area(), state.position
        assert session is not None and area is not None and position is not None
        if area_changed:
            view.clock.set_area(area.key)
            layout.agenda_panel.show_current(area.key)
            layout.question_panel.show_area(
                area, f"Area {position.area + 1} of {len(state.agenda)}"
            )
            layout.rating_panel.show_area(area)
            rating = session.rating(area.key)
            layout.rating_panel.show_rating(rating)
            layout.rating_panel.show_survey(session.survey_tally(area.key))
            view.text.load_area(area.key, rating.rationale, rating.not_applicable_reason)
            self.update_radar()
            self._room_controls.update_timebox()
            self._room_controls.sync()
            layout.rating_scroll.verticalScrollBar().setValue(0)
        flat = state.agenda.question(position)
        layout.question_panel.show_question(
            flat,
            position.question + 1,
            len(state.agenda.questions(position.area)),
            state.agenda.parent_number(position),
        )
        key = flat.question.key if flat is not None else None
        answer = session.answer(key) if key is not None else None
        if answer is not None:
            layout.question_panel.show_answer(answer)
        view.text.load_notes(key, answer.notes if answer else "")
        view.room.push()

    def update_radar(self) -> None:
        area, session = self._state.current_area(), self._state.session
        if area is not None and session is not None:
            self._layout.agenda_panel.show_radar(
                area.dimension.label,
                dimension_points(session, self._state.agenda, area.dimension),
                [level.name for level in session.framework.levels],
            )

    def refresh_agenda_entry(self, area_key: str) -> None:
        state = self._state
        index = state.agenda.area_index(area_key)
        if index is not None and state.session is not None:
            area = state.agenda.areas[index]
            self._layout.agenda_panel.model.update_entry(
                agenda_entry(state.session, area, visited=area_key in state.visited)
            )

    def refresh_current(self) -> None:
        """Show the stored rating, tallies and answer again (after an edit failed)."""
        state, layout = self._state, self._layout
        session, area, key = state.session, state.current_area(), state.current_question_key()
        if session is None or area is None:
            return
        layout.rating_panel.show_rating(session.rating(area.key))
        layout.rating_panel.show_survey(session.survey_tally(area.key))
        if key is not None:
            layout.question_panel.show_answer(session.answer(key))

    def on_session_changed(self, change: CaptureChange) -> None:
        """A stored value changed (from an edit, an undo or a redo alike): show it."""
        view, layout, state = self._view, self._layout, self._state
        session, area = state.session, state.current_area()
        if session is None:
            return
        if change.kind == "answer":
            area_key = state.agenda.area_key_of_question(change.key)
            if area_key is not None:
                self.refresh_agenda_entry(area_key)
            if change.key == state.current_question_key():
                answer = session.answer(change.key)
                layout.question_panel.show_answer(answer)
                view.text.show_stored_notes(answer.notes)
            return
        self.refresh_agenda_entry(change.key)
        if change.kind == "rating":
            self.update_radar()
        if area is not None and change.key == area.key:
            rating = session.rating(area.key)
            layout.rating_panel.show_rating(rating)
            layout.rating_panel.show_survey(session.survey_tally(area.key))
            view.text.show_stored_area(rating.rationale, rating.not_applicable_reason)
        view.room.push()

    # --- what went wrong ---------------------------------------------------------------------

    def show_banner(self, text: str) -> None:
        self._layout.show_banner(text)

    def clear_banner(self) -> None:
        """Hide the banner, unless typed text is still not saved."""
        if not self._view.text.failing:
            self._layout.hide_banner()

    def report_failure(self, exc: BaseException, context: str) -> None:
        """A save failed: "Not saved" in the view; an unexpected error also gets a dialog."""
        self.show_banner(f"⚠ Not saved — {exc}")
        if not isinstance(exc, EXPECTED_ERRORS):
            message = f"{type(exc).__name__}: {exc}"
            if message != self._last_error_shown:
                self._last_error_shown = message
                show_error(self._view, exc, context)
