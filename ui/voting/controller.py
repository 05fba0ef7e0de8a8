"""The coach's room voting: one room, the server while the coach keeps it open, its network.

:class:`RoomVoting` is the only thing in the app that starts or stops the room server, and only
when the coach asks (the panel's "Open room voting"); it stops it when the panel closes and when
the app quits. Every few seconds it checks that the address the phones use still belongs to
the laptop; when it does not (Wi-Fi roamed, the hotspot changed), it reopens on the best
address there is and tells the coach, so the projector shows the new code.

Everything here runs on the GUI thread: the room's changes arrive through the
:class:`~ui.voting.bridge.VotingBridge`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from sre_workshop.voting.network import DEFAULT_PORT, Candidate
from sre_workshop.voting.room import Phase, RoomState, VotingRoom
from sre_workshop.voting.rounds import RoundKind, RoundResult, RoundSpec
from sre_workshop.voting.security import Limits
from ui.voting.addresses import system_candidates
from ui.voting.bridge import VotingBridge
from ui.voting.presenter_join import PresenterRoom

if TYPE_CHECKING:
    from sre_workshop.voting.server import VotingServer

log = logging.getLogger(__name__)

#: How often the address in use is checked against the laptop's addresses.
WATCH_MILLISECONDS = 3000


class RoomVoting(QObject):
    #: Anything the panel, the view or the projector shows about room voting changed.
    changed = Signal()
    #: A round was revealed: its :class:`~sre_workshop.voting.rounds.RoundResult`.
    round_revealed = Signal(object)
    #: Something the coach must know (the network changed); the text says what to do.
    notice = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        candidates: Callable[[], list[Candidate]] | None = None,
        min_votes_to_show: Callable[[], int] = lambda: 0,
        limits: Limits | None = None,
        port: int | None = None,
        watch_milliseconds: int = WATCH_MILLISECONDS,
    ) -> None:
        super().__init__(parent)
        self.room = VotingRoom()
        self.bridge = VotingBridge(self.room, self)
        self.bridge.state_changed.connect(self.on_bridge_state_changed)
        self.bridge.round_revealed.connect(self.on_bridge_round_revealed)
        self._candidates = candidates or system_candidates
        self._min_votes = min_votes_to_show
        self._limits = limits
        self._port = port if port is not None else DEFAULT_PORT
        self._server: VotingServer | None = None
        self._state = self.room.state()
        self._watch = QTimer(self)
        self._watch.setInterval(watch_milliseconds)
        self._watch.timeout.connect(self.check_network)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # --- state -----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def url(self) -> str:
        return self._server.url if self._server is not None else ""

    @property
    def address(self) -> str:
        return self._server.address if self._server is not None else ""

    @property
    def server(self) -> VotingServer | None:
        return self._server

    @property
    def state(self) -> RoomState:
        return self._state

    def candidates(self) -> list[Candidate]:
        return self._candidates()

    def round_open_for(self, area_key: str) -> bool:
        state = self._state
        spec = state.round
        return state.phase is Phase.OPEN and spec is not None and spec.area_key == area_key

    def presenter_room(self) -> PresenterRoom | None:
        """What the projector shows about room voting (the join code and counts), if running."""
        if self._server is None:
            return None
        state = self._state
        spec = state.round
        result = state.result if state.phase is Phase.REVEALED else None
        return PresenterRoom(
            url=self._server.url,
            devices=state.devices,
            round_area_key=spec.area_key if spec is not None else None,
            round_label=_round_label(spec) if spec is not None else "",
            round_open=state.phase is Phase.OPEN,
            votes_cast=state.votes_cast,
            expected=state.expected,
            too_few=result.total if result is not None and not result.shown else None,
            dont_know=result.dont_know if result is not None and result.shown else 0,
            round_is_survey=spec is not None and spec.kind is RoundKind.SURVEY,
        )

    # --- the coach's actions ---------------------------------------------------------------

    def start(self, address: str) -> str:
        """Open room voting on ``address``; returns the URL. Raises OSError if it cannot."""
        self._stop_server()
        self.room.set_min_votes_to_show(self._min_votes())
        self.room.forget_devices()
        # Imported here: the server brings aiohttp, which would cost every start-up 0.3 s.
        from sre_workshop.voting.server import VotingServer

        server = VotingServer(self.room, address, self._port, limits=self._limits)
        server.start()
        self._server = server
        self._watch.start()
        self.changed.emit()
        return server.url

    def stop(self) -> None:
        """Stop the server; an open round's ballots are dropped unrevealed."""
        if self._server is None:
            return
        self._stop_server()
        self.room.close_round()
        self.changed.emit()

    @Slot()
    def shutdown(self) -> None:
        """The app is quitting: stop, and stop listening to the room."""
        self.stop()
        self.bridge.detach()

    def open_round(self, spec: RoundSpec, *, expected: int, auto_reveal: bool) -> None:
        if self._server is None:
            raise RuntimeError("room voting is not open")
        self.room.set_min_votes_to_show(self._min_votes())
        self.room.open_round(spec, expected=expected, auto_reveal=auto_reveal)

    def set_expected(self, expected: int, auto_reveal: bool) -> None:
        self.room.set_expected(expected, auto_reveal)

    def reveal(self) -> RoundResult | None:
        """Reveal the open round; :attr:`round_revealed` carries the result."""
        return self.room.reveal()

    def close_round(self) -> None:
        self.room.close_round()

    # --- the network -----------------------------------------------------------------------

    @Slot()
    def check_network(self) -> None:
        """Reopen on another address when the one in use has gone (roaming, a new hotspot)."""
        server = self._server
        if server is None:
            return
        candidates = self._candidates()
        if any(candidate.address == server.address for candidate in candidates):
            return
        old = server.address
        self._stop_server()
        for candidate in candidates:
            try:
                url = self.start(candidate.address)
            except OSError as exc:
                log.info("room voting could not reopen on a new address: %s", exc.strerror)
                continue
            self.notice.emit(
                f"The laptop's network address changed (it was {old}). Room voting reopened "
                f"at {url}: phones must scan the new QR code."
            )
            return
        self.room.close_round()
        self.changed.emit()
        self.notice.emit(
            f"The laptop left the network ({old} is gone), so room voting stopped. "
            "Reconnect to the room's Wi-Fi and open room voting again."
        )

    def _stop_server(self) -> None:
        server, self._server = self._server, None
        self._watch.stop()
        if server is not None:
            server.stop()
            log.info("room voting stopped in %.0f ms", server.last_stop_seconds * 1000)

    # --- from the room ---------------------------------------------------------------------

    @Slot(object)
    def on_bridge_state_changed(self, state: RoomState) -> None:
        if state.rev >= self._state.rev:
            self._state = state
            self.changed.emit()

    @Slot(object)
    def on_bridge_round_revealed(self, result: RoundResult) -> None:
        self._state = self.room.state()
        self.round_revealed.emit(result)
        self.changed.emit()


def _round_label(spec: RoundSpec) -> str:
    if spec.kind is RoundKind.SURVEY:
        return f"Survey statement · {spec.area_name}"
    return f"Level of {spec.area_name}"
