"""What the room votes on, and the ballots of one open round.

A :class:`RoundSpec` is built only from the framework's public text (the area's name, the
question being discussed, the level names and descriptions, the survey statement), so nothing
the coach typed can reach a phone. :class:`Ballots` holds which device chose what, and only
while the round is open: :meth:`Ballots.close` reduces it to counts and forgets the mapping.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sre_workshop.model import LEVELS, SURVEY_SCALE, Area, LevelDefinition, Question

#: The value of the "Don't know" choice of a level round (not stored in the 1-5 tally).
DONT_KNOW = 0

SURVEY_CHOICE_LABELS = (
    "Strongly disagree",
    "Disagree",
    "Somewhat disagree",
    "Neither agree nor disagree",
    "Somewhat agree",
    "Agree",
    "Strongly agree",
)


class RoundKind(StrEnum):
    LEVEL = "level"
    SURVEY = "survey"


@dataclass(frozen=True)
class Choice:
    """One option on the phone: its value, a short label and an optional description."""

    value: int
    label: str
    detail: str = ""


@dataclass(frozen=True)
class RoundSpec:
    """One question put to the room: the area's level (1-5) or a culture statement (1-7)."""

    id: str
    kind: RoundKind
    area_key: str
    area_name: str
    #: The big line on the phone: "Which level is … at today?" or the survey statement.
    heading: str
    #: The question being discussed, or how to read the scale; may be empty.
    context: str
    choices: tuple[Choice, ...]

    def __post_init__(self) -> None:
        values = [choice.value for choice in self.choices]
        if not values or len(values) != len(set(values)):
            raise ValueError("a round needs distinct choices")

    def has_choice(self, value: int) -> bool:
        return any(choice.value == value for choice in self.choices)


def _round_id() -> str:
    return secrets.token_hex(8)


def level_round(
    area: Area, levels: Sequence[LevelDefinition], question: Question | None = None
) -> RoundSpec:
    """A vote on ``area``'s maturity level: 1 to 5 with the area's descriptions, or don't know."""
    if len(levels) != len(LEVELS):
        raise ValueError("a level round needs the framework's five levels")
    choices = tuple(
        Choice(level.level, f"{level.level} · {level.name}", area.level_description(level.level))
        for level in levels
    )
    return RoundSpec(
        id=_round_id(),
        kind=RoundKind.LEVEL,
        area_key=area.key,
        area_name=area.name,
        heading=f"Which level is {area.name} at today?",
        context=question.text if question is not None else "",
        choices=(*choices, Choice(DONT_KNOW, "Don't know")),
    )


def survey_round(area: Area) -> RoundSpec:
    """A vote on a culture aspect's survey statement, 1 (strongly disagree) to 7."""
    if area.survey_statement is None:
        raise ValueError(f"{area.name} has no survey statement")
    return RoundSpec(
        id=_round_id(),
        kind=RoundKind.SURVEY,
        area_key=area.key,
        area_name=area.name,
        heading=area.survey_statement,
        context="How much do you agree? 1 = strongly disagree, 7 = strongly agree.",
        choices=tuple(
            Choice(value, f"{value} · {label}")
            for value, label in zip(SURVEY_SCALE, SURVEY_CHOICE_LABELS, strict=True)
        ),
    )


@dataclass(frozen=True)
class RoundResult:
    """A revealed round: counts per choice (in the round's order), never who chose what."""

    round: RoundSpec
    counts: tuple[int, ...]
    #: False when fewer voted than the coach's "too few to show" setting.
    shown: bool

    @property
    def total(self) -> int:
        return sum(self.counts)

    def count_of(self, value: int) -> int:
        for choice, count in zip(self.round.choices, self.counts, strict=True):
            if choice.value == value:
                return count
        return 0

    @property
    def dont_know(self) -> int:
        return self.count_of(DONT_KNOW)

    def level_votes(self) -> tuple[int, int, int, int, int]:
        """Counts for levels 1..5, as the assessment's vote tally stores them."""
        if self.round.kind is not RoundKind.LEVEL:
            raise ValueError("not a level round")
        a, b, c, d, e = (self.count_of(level) for level in LEVELS)
        return (a, b, c, d, e)

    def survey_counts(self) -> tuple[int, int, int, int, int, int, int]:
        """Counts for answers 1..7, as the assessment's survey tally stores them."""
        if self.round.kind is not RoundKind.SURVEY:
            raise ValueError("not a survey round")
        a, b, c, d, e, f, g = (self.count_of(value) for value in SURVEY_SCALE)
        return (a, b, c, d, e, f, g)


class Ballots:
    """One round's ballots: a device's choice, replaceable until the round is closed.

    Not thread-safe on its own; :class:`~sre_workshop.voting.room.VotingRoom` holds the lock.
    """

    def __init__(self, spec: RoundSpec) -> None:
        self._spec = spec
        self._by_device: dict[str, int] | None = {}

    @property
    def is_open(self) -> bool:
        return self._by_device is not None

    def cast(self, device: str, value: int) -> bool:
        """Record ``device``'s choice; True if it replaced an earlier one."""
        if self._by_device is None:
            raise ValueError("the round is closed")
        if not self._spec.has_choice(value):
            raise ValueError(f"{value!r} is not a choice of this round")
        replaced = device in self._by_device
        self._by_device[device] = value
        return replaced

    def choice_of(self, device: str) -> int | None:
        return None if self._by_device is None else self._by_device.get(device)

    def __len__(self) -> int:
        return 0 if self._by_device is None else len(self._by_device)

    def close(self) -> tuple[int, ...]:
        """The counts per choice; the device-to-choice mapping is dropped for good."""
        if self._by_device is None:
            raise ValueError("the round is already closed")
        tally = Counter(self._by_device.values())
        self._by_device = None
        return tuple(tally.get(choice.value, 0) for choice in self._spec.choices)
