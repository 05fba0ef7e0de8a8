"""Room voting: participants vote anonymously from their phones over the room's network.

The coach starts a small web server from the app (:class:`~sre_workshop.voting.server.
VotingServer`, aiohttp on its own thread), puts a round to the room (:class:`~sre_workshop.
voting.room.VotingRoom`) and reveals it; the counts then go into the assessment's tallies.
Qt-free: the desktop app bridges it to the GUI in ``ui/voting``. Design and security notes:
``docs/room-voting.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sre_workshop.voting.network import DEFAULT_PORT, Candidate, InterfaceKind, rank_candidates
from sre_workshop.voting.room import Phase, PhoneView, RoomState, VoteRejected, VotingRoom
from sre_workshop.voting.rounds import (
    DONT_KNOW,
    Choice,
    RoundKind,
    RoundResult,
    RoundSpec,
    level_round,
    survey_round,
)
from sre_workshop.voting.security import Limits

if TYPE_CHECKING:
    from sre_workshop.voting.server import VotingServer


def __getattr__(name: str) -> Any:
    # The server pulls in aiohttp (about 0.3 s): imported when first used, not at app start-up.
    if name == "VotingServer":
        from sre_workshop.voting.server import VotingServer

        return VotingServer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_PORT",
    "DONT_KNOW",
    "Candidate",
    "Choice",
    "InterfaceKind",
    "Limits",
    "Phase",
    "PhoneView",
    "RoomState",
    "RoundKind",
    "RoundResult",
    "RoundSpec",
    "VoteRejected",
    "VotingRoom",
    "VotingServer",
    "level_round",
    "rank_candidates",
    "survey_round",
]
