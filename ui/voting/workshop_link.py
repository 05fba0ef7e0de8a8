"""Room voting inside the workshop: the keys O, B, Shift+B and V, and where results go.

The facilitation view holds one :class:`WorkshopVoting`. It opens the coach's panel (O), puts
the current area's level (B) or culture statement (Shift+B) to the phones, and lets V reveal an
open phone vote. A revealed result is saved at once into the area's vote tally (or survey
tally), marked as room votes, as one undoable edit, exactly where typed-in tallies go: results,
history and the PDF read it without knowing where it came from. Then the area's votes are
shown on the projector, unless there were too few to show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from sre_workshop.model import Area
from sre_workshop.voting.room import Phase
from sre_workshop.voting.rounds import (
    RoundKind,
    RoundResult,
    RoundSpec,
    level_round,
    survey_round,
)
from ui.voting.controller import RoomVoting
from ui.voting.panel import RoomVotingPanel
from ui.voting.presenter_join import PresenterRoom
from ui.workshop.keymap import Command

if TYPE_CHECKING:
    from ui.workshop.facilitation_view import FacilitationView


class WorkshopVoting(QObject):
    """Room voting for one facilitation view; see the module docstring."""

    def __init__(self, view: FacilitationView) -> None:
        super().__init__(view)
        self._view = view
        self.controller = RoomVoting(
            self,
            min_votes_to_show=lambda: view.workspace.repository.load_settings().min_votes_to_show,
        )
        self.controller.changed.connect(self.on_controller_changed)
        self.controller.round_revealed.connect(self.on_controller_round_revealed)
        self._panel: RoomVotingPanel | None = None

    @property
    def panel(self) -> RoomVotingPanel | None:
        return self._panel

    # --- the coach's keys ------------------------------------------------------------------

    def show_panel(self) -> RoomVotingPanel:
        """O: open the room voting panel (or bring it to the front)."""
        view = self._view
        if self._panel is None:
            actions = view.actions_by_command
            self._panel = RoomVotingPanel(
                self.controller,
                level=actions[Command.ROOM_LEVEL_VOTE][0],
                survey=actions[Command.ROOM_SURVEY_VOTE][0],
                parent=view.window(),
            )
        session = view.session
        if session is not None:
            self._panel.set_expected_default(session.record.assessment.participant_count)
        self._panel.show()
        self._panel.raise_()
        self._panel.activateWindow()
        return self._panel

    def open_level_vote(self) -> None:
        """B: the phones vote on the current area's level (1-5 or don't know)."""
        area = self._area()
        session = self._view.session
        if area is None or session is None:
            return
        if not self._ready():
            return
        position, agenda = self._view.position, self._view.agenda
        flat = agenda.question(position) if position is not None else None
        question = flat.question if flat is not None else None
        self._open(level_round(area, session.framework.levels, question))

    def open_survey_vote(self) -> None:
        """Shift+B: the phones answer the current culture aspect's survey statement (1-7)."""
        area = self._area()
        if area is None or area.survey_statement is None or not self._ready():
            return
        self._open(survey_round(area))

    def reveal_if_open(self) -> bool:
        """V on an area with an open phone vote reveals it (True); otherwise V does as before."""
        area = self._area()
        if area is None or not self.controller.round_open_for(area.key):
            return False
        self.controller.reveal()
        return True

    def new_workshop(self) -> None:
        self.controller.close_round()

    def stop(self) -> None:
        self.controller.stop()

    # --- what the view and the projector show ----------------------------------------------

    def presenter_room(self) -> PresenterRoom | None:
        return self.controller.presenter_room()

    def room_round_text(self) -> str:
        """The phone vote's state for the current area, for the coach's rating panel."""
        area, state = self._area(), self.controller.state
        if area is None or state.round is None or state.round.area_key != area.key:
            return ""
        kind = "survey" if state.round.kind is RoundKind.SURVEY else "level"
        if state.phase is Phase.OPEN:
            of = f" of {state.expected}" if state.expected else ""
            return f"Phones voting on the {kind}: {state.votes_cast}{of} voted · V reveals"
        result = state.result
        if result is not None and not result.shown:
            return f"Phone vote: too few to show in the room ({result.total})"
        return ""

    # --- internals -------------------------------------------------------------------------

    def _area(self) -> Area | None:
        view = self._view
        position = view.position
        if position is None or not len(view.agenda):
            return None
        return view.agenda.areas[position.area]

    def _ready(self) -> bool:
        if self.controller.running:
            return True
        panel = self.show_panel()
        panel.on_voting_notice("Open room voting first: then the phones can join and vote.")
        return False

    def _open(self, spec: RoundSpec) -> None:
        panel = self._panel
        expected = panel.expected if panel is not None else 0
        auto = panel.auto_reveal if panel is not None else False
        self.controller.open_round(spec, expected=expected, auto_reveal=auto)

    @Slot()
    def on_controller_changed(self) -> None:
        view = self._view
        view.rating_panel.show_room_round(self.room_round_text())
        view.room.push()

    @Slot(object)
    def on_controller_round_revealed(self, result: RoundResult) -> None:
        view, session = self._view, self._view.session
        if session is None or not session.framework.has_area(result.round.area_key):
            return
        area = session.framework.area(result.round.area_key)
        try:
            if result.round.kind is RoundKind.SURVEY:
                view.edits.set_room_survey(area, result.survey_counts())
            else:
                view.edits.set_room_votes(area, result.level_votes())
        except Exception as exc:
            view.report_failure(exc, "The room's votes were not saved.")
            return
        if result.shown and not view.room.is_revealed(area.key):
            view.room.toggle_reveal(area.key)
        self.on_controller_changed()
