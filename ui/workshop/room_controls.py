"""The facilitation view's room controls and clocks: the projector, revealing the votes and
pausing, shown on their buttons and in the rating panel; the workshop clock in the session
bar and the current area's timebox.

The projector window and the revealed areas themselves are :class:`~ui.workshop.room.Room`'s;
this part decides what the projector is fed and keeps the controls in step with the room.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from ui.workshop.clock import format_duration
from ui.workshop.content import presenter_content
from ui.workshop.keymap import Command
from ui.workshop.presenter_window import PresenterContent, PresenterWindow
from ui.workshop.state import WorkshopState

if TYPE_CHECKING:
    from ui.workshop.facilitation_view import FacilitationView

#: Bound commands the presenter window does not take (Esc leaves full screen there).
_NOT_ON_PRESENTER = frozenset({Command.LEAVE_EDITOR})


class RoomControls:
    def __init__(self, view: FacilitationView, state: WorkshopState) -> None:
        self._view = view
        self._state = state

    def presenter_content(self) -> PresenterContent | None:
        """What the projector shows now (None before the workshop has a position)."""
        state = self._state
        if state.session is None or state.position is None:
            return None
        return presenter_content(
            state.session,
            state.agenda,
            state.position,
            title=state.title_detail(),
            revealed=self._view.room.revealed,
            room=self._view.voting.presenter_room(),
        )

    def sync(self) -> None:
        """Show the room's state (revealed, projector, paused) on the controls."""
        view, area = self._view, self._state.current_area()
        revealed = area is not None and view.room.is_revealed(area.key)
        presenting = view.room.presenter is not None
        view.reveal_action.setChecked(revealed)
        view.reveal_action.setIconText("✓ Votes shown  (V)" if revealed else "Reveal votes  (V)")
        view.presenter_action.setChecked(presenting)
        view.presenter_action.setIconText(
            "✓ Projector on  (F5)" if presenting else "Projector  (F5)"
        )
        view.pause_action.setChecked(view.clock.paused)
        view.pause_action.setIconText(
            "▶ Resume  (Space)" if view.clock.paused else "❚❚ Pause  (Space)"
        )
        view.rating_panel.show_revealed(revealed, presenting)
        view.rating_panel.show_room_round(view.voting.room_round_text())
        self.on_clock_ticked()

    def update_timebox(self) -> None:
        area, session = self._state.current_area(), self._state.session
        if area is not None and session is not None:
            minutes = session.record.assessment.timebox_for(area.key) or 0
            self._view.question_panel.show_timebox(self._view.clock.timebox(area.key, minutes))

    # --- the coach's controls ----------------------------------------------------------------

    def toggle_reveal(self) -> None:
        """Show or hide the current area's votes on the projector (or reveal a phone vote)."""
        area = self._state.current_area()
        if area is not None and not self._view.voting.reveal_if_open():
            self._view.room.toggle_reveal(area.key)

    def toggle_pause(self) -> None:
        self._view.clock.toggle_pause()
        self.sync()

    def toggle_presenter(self) -> None:
        self._view.room.toggle_presenter(self._presenter_actions())

    def open_presenter(self) -> PresenterWindow:
        return self._view.room.open_presenter(self._presenter_actions())

    def _presenter_actions(self) -> list[QAction]:
        return [
            action
            for command, actions in self._view.actions_by_command.items()
            if command not in _NOT_ON_PRESENTER
            for action in actions
        ]

    # --- signals -----------------------------------------------------------------------------

    def on_clock_ticked(self) -> None:
        clock = self._view.clock
        self._view.session_bar.show_clock(format_duration(clock.elapsed()), clock.paused)
        self.update_timebox()

    def on_room_changed(self) -> None:
        self.sync()
