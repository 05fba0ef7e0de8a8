"""Moving through the workshop: next and previous question or area, an agenda click, and the
moves an undo or redo makes to show what it changed.

Every move the coach makes first saves typed text; if that fails the view stays where it is
(the text stays in its editor) and says so. A move made by an undo command never saves: text
is flushed before any undo runs, so text still pending then failed to save, and the view stays.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ui.workshop.navigation import Position
from ui.workshop.state import WorkshopState

if TYPE_CHECKING:
    from ui.workshop.facilitation_view import FacilitationView


class Navigator:
    def __init__(
        self,
        view: FacilitationView,
        state: WorkshopState,
        *,
        show_position: Callable[[bool], None],
        show_banner: Callable[[str], None],
    ) -> None:
        self._view = view
        self._state = state
        self._show_position = show_position
        self._show_banner = show_banner

    def go(self, position: Position | None, *, from_command: bool = False) -> bool:
        """Move to ``position`` after saving typed text; False if it could not be saved."""
        state, view = self._state, self._view
        if position is None or state.session is None:
            return False
        if from_command:
            # Undo and redo must not push commands. Text is flushed before any undo runs, so
            # text still pending here failed to save: stay, so it stays in its editor.
            if view.text.dirty:
                return False
        elif not self.flush_for_navigation():
            return False
        previous = state.position
        view.edits.new_typing_burst()
        area_changed = previous is None or previous.area != position.area
        if area_changed and previous is not None:
            left = state.agenda.areas[previous.area].key
            state.visited.add(left)
            view.agenda_panel.model.mark_visited(left)
        state.position = position
        self._show_position(area_changed)
        return True

    def flush_for_navigation(self) -> bool:
        try:
            self._view.flush()
        except Exception as exc:
            self._show_banner(
                f"⚠ Not saved — {exc}. Staying here so the text is not lost; saving is retried "
                "when you type or move on."
            )
            return False
        return True

    def next_question(self) -> None:
        self._step(self._state.agenda.next_question)

    def previous_question(self) -> None:
        self._step(self._state.agenda.previous_question)

    def next_area(self) -> None:
        self._step(self._state.agenda.next_area)

    def previous_area(self) -> None:
        self._step(self._state.agenda.previous_area)

    def _step(self, move: Callable[[Position], Position | None]) -> None:
        position = self._state.position
        if position is not None:
            self.go(move(position))

    def go_to_area(self, area_key: str) -> bool:
        index = self._state.agenda.area_index(area_key)
        return index is not None and self.go(Position(index, 0))

    # --- the undo commands' moves: show what they change ------------------------------------

    def reveal_question(self, question_key: str) -> None:
        position = self._state.agenda.locate_question(question_key)
        if position is not None and position != self._state.position:
            self.go(position, from_command=True)

    def reveal_area(self, area_key: str) -> None:
        index = self._state.agenda.area_index(area_key)
        position = self._state.position
        if index is not None and (position is None or position.area != index):
            self.go(Position(index, 0), from_command=True)
