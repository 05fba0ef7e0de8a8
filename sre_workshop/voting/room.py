"""The state of room voting, shared by the coach's app and the phones' server thread.

:class:`VotingRoom` is thread-safe: the coach opens, reveals and closes rounds from the GUI
thread while phones vote through the server's event loop thread. Every change bumps a revision
number and calls the listeners (outside the lock, from whichever thread made the change).

Anonymity by construction: before the reveal, :class:`RoomState` (the coach's and the
projector's view) and :class:`PhoneView` (a phone's view) carry only how many have voted and,
for a phone, its own choice; the distribution exists only in :class:`RoundResult`, made at the
reveal, when the ballots are reduced to counts and the device-to-choice mapping is dropped.
Device ids are random cookie values, kept in memory only and forgotten when the room closes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sre_workshop.voting.rounds import Ballots, RoundResult, RoundSpec

#: How many distinct devices the room remembers having seen (the "connected" count).
MAX_DEVICES = 2000


class Phase(StrEnum):
    WAITING = "waiting"
    OPEN = "open"
    REVEALED = "revealed"


@dataclass(frozen=True)
class RoomState:
    """What the coach and the projector may see: never the distribution before the reveal."""

    rev: int
    phase: Phase
    round: RoundSpec | None
    votes_cast: int
    expected: int
    auto_reveal: bool
    devices: int
    result: RoundResult | None
    min_votes_to_show: int


@dataclass(frozen=True)
class PhoneView:
    """What one phone may see: the round, how many voted, its own choice, the revealed result."""

    rev: int
    phase: Phase
    round: RoundSpec | None
    votes_cast: int
    my_vote: int | None
    result: RoundResult | None

    @property
    def page(self) -> str:
        """Changes exactly when the phone's page must be drawn anew (not on every vote)."""
        return f"{self.phase.value}:{self.round.id if self.round else ''}"


class VoteRejected(Exception):
    """A ballot that cannot be counted; ``reason`` is shown to the participant."""


#: Called after every change with the new state, and the result when the change was a reveal.
Listener = Callable[[RoomState, RoundResult | None], None]


class VotingRoom:
    """Rounds, ballots and the devices seen; see the module docstring."""

    def __init__(self, *, min_votes_to_show: int = 0) -> None:
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._rev = 0
        self._phase = Phase.WAITING
        self._round: RoundSpec | None = None
        self._ballots: Ballots | None = None
        self._result: RoundResult | None = None
        self._devices: set[str] = set()
        self._expected = 0
        self._auto_reveal = False
        self._min_votes_to_show = max(0, min_votes_to_show)

    # --- listeners -------------------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _changed(self, result: RoundResult | None = None) -> None:
        state = self.state()
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(state, result)

    # --- reads -----------------------------------------------------------------------------

    def state(self) -> RoomState:
        with self._lock:
            return RoomState(
                rev=self._rev,
                phase=self._phase,
                round=self._round,
                votes_cast=len(self._ballots) if self._ballots is not None else 0,
                expected=self._expected,
                auto_reveal=self._auto_reveal,
                devices=len(self._devices),
                result=self._result,
                min_votes_to_show=self._min_votes_to_show,
            )

    def phone_view(self, device: str | None) -> PhoneView:
        with self._lock:
            ballots, result = self._ballots, self._result
            if ballots is not None:
                votes_cast = len(ballots)
            else:
                votes_cast = result.total if result is not None else 0
            return PhoneView(
                rev=self._rev,
                phase=self._phase,
                round=self._round,
                votes_cast=votes_cast,
                my_vote=ballots.choice_of(device) if ballots is not None and device else None,
                result=result,
            )

    # --- the coach's actions (from the app, never from the network) ------------------------

    def open_round(self, spec: RoundSpec, *, expected: int = 0, auto_reveal: bool = False) -> None:
        """Start ``spec``: earlier ballots and results are dropped."""
        with self._lock:
            self._round = spec
            self._ballots = Ballots(spec)
            self._result = None
            self._phase = Phase.OPEN
            self._expected = max(0, expected)
            self._auto_reveal = auto_reveal
            self._rev += 1
        self._changed()

    def set_expected(self, expected: int, auto_reveal: bool) -> RoundResult | None:
        """The head count and whether the round reveals itself when it is reached."""
        with self._lock:
            self._expected = max(0, expected)
            self._auto_reveal = auto_reveal
            result = self._reveal_if_complete()
            self._rev += 1
        self._changed(result)
        return result

    def set_min_votes_to_show(self, minimum: int) -> None:
        with self._lock:
            self._min_votes_to_show = max(0, minimum)
            self._rev += 1
        self._changed()

    def reveal(self) -> RoundResult | None:
        """Reduce the open round's ballots to counts and show them; None if none is open."""
        with self._lock:
            if self._phase is not Phase.OPEN:
                return None
            result = self._reveal_locked()
            self._rev += 1
        self._changed(result)
        return result

    def close_round(self) -> None:
        """Back to waiting: any open ballots and the shown result are dropped."""
        with self._lock:
            if self._phase is Phase.WAITING:
                return
            self._round, self._ballots, self._result = None, None, None
            self._phase = Phase.WAITING
            self._rev += 1
        self._changed()

    def forget_devices(self) -> None:
        """A new opening: count connected devices from zero."""
        with self._lock:
            self._devices.clear()
            self._rev += 1
        self._changed()

    # --- the phones' actions ---------------------------------------------------------------

    def join(self, device: str) -> None:
        """A device loaded the page (the "test from your phone" count)."""
        with self._lock:
            if device in self._devices or len(self._devices) >= MAX_DEVICES:
                return
            self._devices.add(device)
            self._rev += 1
        self._changed()

    def vote(self, device: str, round_id: str, value: int) -> bool:
        """Count ``device``'s choice in the open round; True if it replaced its earlier one."""
        with self._lock:
            ballots, spec = self._ballots, self._round
            if self._phase is not Phase.OPEN or ballots is None or spec is None:
                raise VoteRejected("Voting on this question has closed.")
            if round_id != spec.id:
                raise VoteRejected("The coach has moved on to another question.")
            if not spec.has_choice(value):
                raise VoteRejected("That is not one of the choices.")
            replaced = ballots.cast(device, value)
            if len(self._devices) < MAX_DEVICES:
                self._devices.add(device)
            result = self._reveal_if_complete()
            self._rev += 1
        self._changed(result)
        return replaced

    # --- under the lock --------------------------------------------------------------------

    def _reveal_if_complete(self) -> RoundResult | None:
        ballots = self._ballots
        if (
            self._phase is Phase.OPEN
            and self._auto_reveal
            and self._expected > 0
            and ballots is not None
            and len(ballots) >= self._expected
        ):
            return self._reveal_locked()
        return None

    def _reveal_locked(self) -> RoundResult:
        assert self._ballots is not None and self._round is not None
        counts = self._ballots.close()
        self._ballots = None
        result = RoundResult(self._round, counts, shown=sum(counts) >= self._min_votes_to_show)
        self._result = result
        self._phase = Phase.REVEALED
        return result
