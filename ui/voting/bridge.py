"""From the room server's thread to the GUI thread: room changes as Qt signals.

The :class:`~sre_workshop.voting.room.VotingRoom` calls its listeners from whichever thread
changed it: the server's event loop thread when a phone votes (or the round reveals itself),
the GUI thread when the coach acts. :class:`VotingBridge` lives in the GUI thread and emits
signals from the listener; Qt queues a signal emitted in another thread to the receivers'
thread, so slots always run on the GUI thread and may touch widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from sre_workshop.voting.room import RoomState, VotingRoom
from sre_workshop.voting.rounds import RoundResult


class VotingBridge(QObject):
    #: The room changed (a vote, a device, a round): the new :class:`RoomState`.
    state_changed = Signal(object)
    #: A round was revealed (by the coach, or by itself): its :class:`RoundResult`.
    round_revealed = Signal(object)

    def __init__(self, room: VotingRoom, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._room = room
        room.add_listener(self._on_room_changed)

    def detach(self) -> None:
        """Stop listening (before the bridge goes away)."""
        self._room.remove_listener(self._on_room_changed)

    def _on_room_changed(self, state: RoomState, result: RoundResult | None) -> None:
        # Any thread: emit only; Qt delivers to the GUI thread.
        try:
            self.state_changed.emit(state)
            if result is not None:
                self.round_revealed.emit(result)
        except RuntimeError:  # the bridge's Qt object is gone (the window closed)
            self.detach()
