"""The coach's inputs on the current area and question: the agreed level or not applicable, the
quick answer and follow-up flag, and the room's vote and survey tallies.

Each is one undoable edit (:class:`~ui.workshop.edits.WorkshopEdits`), saved at once. An edit
that fails is said in the view, and the stored values are shown again; one that succeeds
clears the banner (unless typed text is still not saved).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sre_workshop.model import QuickAnswer
from ui.workshop.display import WorkshopDisplay
from ui.workshop.focus import FocusMoves
from ui.workshop.state import WorkshopState

if TYPE_CHECKING:
    from ui.workshop.facilitation_view import FacilitationView


class RatingInput:
    def __init__(
        self,
        view: FacilitationView,
        state: WorkshopState,
        display: WorkshopDisplay,
        focus: FocusMoves,
    ) -> None:
        self._view = view
        self._state = state
        self._display = display
        self._focus = focus

    def _attempt(self, what: str, edit: Callable[[], None]) -> bool:
        """Run an edit; on failure say so and show what is stored again."""
        try:
            edit()
        except Exception as exc:
            self._view.report_failure(exc, f"{what} was not saved.")
            self._display.refresh_current()
            return False
        self._display.clear_banner()
        return True

    def set_level(self, level: int | None) -> None:
        """Agree ``level`` for the current area (None clears the level or the n/a mark)."""
        area, session = self._state.current_area(), self._state.session
        if area is None or session is None:
            return
        if level is None and not session.rating(area.key).is_rated:
            return
        self._attempt("The level", lambda: self._view.edits.set_level(area, level))

    def mark_not_applicable(self) -> None:
        """Mark the current area not applicable (kept if it is) and go to the reason field."""
        area, session = self._state.current_area(), self._state.session
        if area is None or session is None:
            return
        if not session.rating(area.key).not_applicable and not self._attempt(
            "Not applicable", lambda: self._view.edits.set_not_applicable(area)
        ):
            return
        self._focus.edit_reason()

    def toggle_quick_answer(self, quick: QuickAnswer) -> None:
        key = self._state.current_question_key()
        if key is not None:
            question = self._state.question_text(key)
            self._attempt(
                "The quick answer",
                lambda: self._view.edits.toggle_quick_answer(key, question, quick),
            )

    def toggle_follow_up(self) -> None:
        key = self._state.current_question_key()
        if key is not None:
            question = self._state.question_text(key)
            self._attempt(
                "The follow-up flag", lambda: self._view.edits.toggle_follow_up(key, question)
            )

    # --- the rating panel's buttons and tallies ----------------------------------------------

    def on_level_clicked(self, level: int) -> None:
        """A level button: agree that level, or clear it when it is the agreed one."""
        area, session = self._state.current_area(), self._state.session
        if area is not None and session is not None:
            self.set_level(None if session.rating(area.key).level == level else level)

    def on_not_applicable_clicked(self) -> None:
        area, session = self._state.current_area(), self._state.session
        if area is not None and session is not None:
            if session.rating(area.key).not_applicable:
                self.set_level(None)
            else:
                self.mark_not_applicable()

    def on_vote_count_changed(self, level: int, count: int) -> None:
        area = self._state.current_area()
        if area is not None:
            self._attempt("The vote", lambda: self._view.edits.set_vote_count(area, level, count))

    def on_survey_count_changed(self, answer: int, count: int) -> None:
        area = self._state.current_area()
        if area is not None:
            self._attempt(
                "The survey answer",
                lambda: self._view.edits.set_survey_count(area, answer, count),
            )
