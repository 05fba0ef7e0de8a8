"""The domain model: immutable, typed dataclasses shared by every part of the core and the UI.

Objects validate themselves on construction, so an invalid one (a level of 7, a note over the
text limit, a tally with a negative count) cannot exist anywhere in the program. Storage,
bundles and the UI all build these objects and therefore all share the same rules.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

#: The one limit on every free-text field (notes, rationale, names, hypothesis parts...).
TEXT_LIMIT = 200_000
#: Short single-line fields (names, roles, owners) are still capped by TEXT_LIMIT; this is only
#: the length the UI offers in a line edit.
LEVELS = (1, 2, 3, 4, 5)
SURVEY_SCALE = (1, 2, 3, 4, 5, 6, 7)
#: Default months between an assessment and its reassessment (the chapter: twice yearly).
REASSESSMENT_MONTHS = 6


class Dimension(StrEnum):
    CULTURE = "culture"
    PROCESS = "process"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class QuickAnswer(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    UNKNOWN = "unknown"


class AssessmentStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class HypothesisStatus(StrEnum):
    PROPOSED = "proposed"
    IN_PROGRESS = "in_progress"
    VALIDATED = "validated"
    REFUTED = "refuted"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @property
    def is_open(self) -> bool:
        return self in (HypothesisStatus.PROPOSED, HypothesisStatus.IN_PROGRESS)


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @property
    def is_open(self) -> bool:
        return self in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class VotesSource(StrEnum):
    """Where a tally's counts came from: typed in by the coach, or cast from phones."""

    MANUAL = "manual"
    ROOM = "room"

    @property
    def label(self) -> str:
        return "room vote from phones" if self is VotesSource.ROOM else "typed in"


class WestrumType(StrEnum):
    PATHOLOGICAL = "pathological"
    BUREAUCRATIC = "bureaucratic"
    GENERATIVE = "generative"


def new_id() -> str:
    """A fresh random UUID string: the identity of teams, assessments, hypotheses and actions."""
    return str(uuid.uuid4())


def check_text(name: str, value: str, *, required: bool = False) -> None:
    """Raise ValueError unless ``value`` is storable text within the limit.

    Any Unicode is accepted except unpaired surrogates, which no file or database can encode.
    """
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, not {type(value).__name__}")
    if len(value) > TEXT_LIMIT:
        raise ValueError(f"{name} is {len(value):,} characters long; the limit is {TEXT_LIMIT:,}")
    if required and not value.strip():
        raise ValueError(f"{name} must not be empty")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(f"{name} contains an unpaired surrogate at position {exc.start}") from None


def check_uuid(name: str, value: str) -> None:
    try:
        parsed = uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        raise ValueError(f"{name} is not a UUID: {value!r:.60}") from None
    if str(parsed) != value:
        raise ValueError(f"{name} must be a lower-case hyphenated UUID: {value!r:.60}")


def check_counts(name: str, counts: Sequence[int], size: int) -> None:
    if len(counts) != size:
        raise ValueError(f"{name} needs exactly {size} counts, got {len(counts)}")
    for count in counts:
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"{name} counts must be whole numbers of 0 or more, got {count!r}")
        if count > 10_000:
            raise ValueError(f"{name} count {count} is implausibly large (limit 10,000)")


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- the framework (question bank) -------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """A probing question; ``follow_ups`` are the nested questions asked when it applies."""

    key: str
    text: str
    follow_ups: tuple[Question, ...] = ()


@dataclass(frozen=True)
class FlatQuestion:
    """A question in agenda order with its nesting depth (0 for a top-level question)."""

    question: Question
    depth: int
    parent_key: str | None


@dataclass(frozen=True)
class LevelDefinition:
    """One step of the five-level maturity scale, shared by every area of a framework."""

    level: int
    name: str
    summary: str
    westrum: WestrumType


@dataclass(frozen=True)
class Area:
    """A Westrum aspect (culture) or a process area, with its anchored level descriptions."""

    key: str
    dimension: Dimension
    name: str
    description: str
    questions: tuple[Question, ...]
    #: What levels 1..5 look like in this area (index 0 is level 1).
    level_descriptions: tuple[str, str, str, str, str]
    #: The 1-to-7 survey statement (culture aspects only).
    survey_statement: str | None = None
    #: A short label for charts; defaults to the name.
    short_name: str = ""

    @property
    def chart_label(self) -> str:
        return self.short_name or self.name

    def flat_questions(self) -> tuple[FlatQuestion, ...]:
        """Every question, follow-ups included, in the order a facilitator asks them."""

        def walk(
            questions: Sequence[Question], depth: int, parent: str | None
        ) -> Iterator[FlatQuestion]:
            for question in questions:
                yield FlatQuestion(question, depth, parent)
                yield from walk(question.follow_ups, depth + 1, question.key)

        return tuple(walk(self.questions, 0, None))

    def level_description(self, level: int) -> str:
        return self.level_descriptions[level - 1]


@dataclass(frozen=True)
class Framework:
    """A versioned question bank. Assessments record ``id`` and ``version``."""

    id: str
    version: str
    name: str
    description: str
    levels: tuple[LevelDefinition, ...]
    areas: tuple[Area, ...]
    #: Where it was loaded from, for messages ("built-in", a file path, or "database").
    source: str = "built-in"

    @property
    def ref(self) -> FrameworkRef:
        return FrameworkRef(self.id, self.version)

    def area(self, key: str) -> Area:
        for area in self.areas:
            if area.key == key:
                return area
        raise KeyError(f"framework {self.id} {self.version} has no area {key!r}")

    def has_area(self, key: str) -> bool:
        return any(area.key == key for area in self.areas)

    def areas_of(self, dimension: Dimension) -> tuple[Area, ...]:
        return tuple(area for area in self.areas if area.dimension is dimension)

    def level(self, level: int) -> LevelDefinition:
        return self.levels[level - 1]

    def question_keys(self) -> frozenset[str]:
        return frozenset(flat.question.key for area in self.areas for flat in area.flat_questions())


@dataclass(frozen=True, order=True)
class FrameworkRef:
    id: str
    version: str

    def __str__(self) -> str:
        return f"{self.id} {self.version}"


# --- teams and assessments ---------------------------------------------------------------------


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    description: str = ""
    is_demo: bool = False
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def __post_init__(self) -> None:
        check_uuid("team id", self.id)
        check_text("team name", self.name, required=True)
        check_text("team description", self.description)


@dataclass(frozen=True)
class ParticipantGroup:
    """People from one role in the room: a head count and, optionally, their names."""

    role: str
    count: int
    names: str = ""

    def __post_init__(self) -> None:
        check_text("participant role", self.role, required=True)
        check_text("participant names", self.names)
        if (
            isinstance(self.count, bool)
            or not isinstance(self.count, int)
            or not (0 <= self.count <= 1000)
        ):
            raise ValueError(f"participant count for {self.role!r} must be 0 to 1000")


@dataclass(frozen=True)
class ScopeItem:
    """An area on the agenda, in agenda order, with its timebox in minutes."""

    area_key: str
    timebox_minutes: int

    def __post_init__(self) -> None:
        check_text("area key", self.area_key, required=True)
        if isinstance(self.timebox_minutes, bool) or not (0 <= self.timebox_minutes <= 24 * 60):
            raise ValueError(f"timebox for {self.area_key} must be 0 to 1440 minutes")


@dataclass(frozen=True)
class Assessment:
    id: str
    team_id: str
    framework: FrameworkRef
    date: dt.date
    coach: str = ""
    participants: tuple[ParticipantGroup, ...] = ()
    scope: tuple[ScopeItem, ...] = ()
    status: AssessmentStatus = AssessmentStatus.PLANNED
    #: The assessment this one is compared with (a reassessment), or None.
    compares_with: str | None = None
    next_reassessment: dt.date | None = None
    is_demo: bool = False
    title: str = ""

    def __post_init__(self) -> None:
        check_uuid("assessment id", self.id)
        check_uuid("team id", self.team_id)
        check_text("coach", self.coach)
        check_text("assessment title", self.title)
        if self.compares_with is not None:
            check_uuid("compared assessment id", self.compares_with)
            if self.compares_with == self.id:
                raise ValueError("an assessment cannot be compared with itself")
        keys = [item.area_key for item in self.scope]
        if len(keys) != len(set(keys)):
            raise ValueError("an area appears twice in the assessment's scope")

    @property
    def scope_keys(self) -> tuple[str, ...]:
        return tuple(item.area_key for item in self.scope)

    @property
    def reassessment_due(self) -> dt.date:
        """The next reassessment date: as set, else six months after the assessment."""
        return self.next_reassessment or add_months(self.date, REASSESSMENT_MONTHS)

    @property
    def participant_count(self) -> int:
        return sum(group.count for group in self.participants)

    def timebox_for(self, area_key: str) -> int | None:
        for item in self.scope:
            if item.area_key == area_key:
                return item.timebox_minutes
        return None


@dataclass(frozen=True)
class Answer:
    """What the room said about one question."""

    question_key: str
    notes: str = ""
    quick_answer: QuickAnswer | None = None
    follow_up: bool = False

    def __post_init__(self) -> None:
        check_text("question key", self.question_key, required=True)
        check_text("notes", self.notes)

    @property
    def is_empty(self) -> bool:
        return not self.notes and self.quick_answer is None and not self.follow_up


@dataclass(frozen=True)
class AreaRating:
    """The agreed level of one area, why, and how the room voted."""

    area_key: str
    level: int | None = None
    not_applicable: bool = False
    not_applicable_reason: str = ""
    rationale: str = ""
    #: How many people voted for levels 1..5 (index 0 is level 1).
    votes: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)
    #: Whether the votes were typed in or cast anonymously from phones (room voting).
    votes_source: VotesSource = VotesSource.MANUAL

    def __post_init__(self) -> None:
        check_text("area key", self.area_key, required=True)
        check_text("not-applicable reason", self.not_applicable_reason)
        check_text("rationale", self.rationale)
        check_counts(f"votes for {self.area_key}", self.votes, len(LEVELS))
        if self.level is not None and (isinstance(self.level, bool) or self.level not in LEVELS):
            raise ValueError(f"level for {self.area_key} must be 1 to 5, got {self.level!r}")
        if self.not_applicable and self.level is not None:
            raise ValueError(f"{self.area_key} cannot have a level and be not applicable")

    @property
    def is_rated(self) -> bool:
        return self.level is not None or self.not_applicable


@dataclass(frozen=True)
class SurveyTally:
    """How many people answered 1..7 to a culture aspect's survey statement."""

    area_key: str
    counts: tuple[int, int, int, int, int, int, int] = (0, 0, 0, 0, 0, 0, 0)
    #: Whether the answers were typed in or cast anonymously from phones (room voting).
    votes_source: VotesSource = VotesSource.MANUAL

    def __post_init__(self) -> None:
        check_text("area key", self.area_key, required=True)
        check_counts(f"survey answers for {self.area_key}", self.counts, len(SURVEY_SCALE))

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class AssessmentRecord:
    """An assessment with everything captured in it: what scoring, reports and bundles read."""

    assessment: Assessment
    answers: tuple[Answer, ...] = ()
    ratings: tuple[AreaRating, ...] = ()
    survey: tuple[SurveyTally, ...] = ()

    def answer(self, question_key: str) -> Answer:
        for answer in self.answers:
            if answer.question_key == question_key:
                return answer
        return Answer(question_key)

    def rating(self, area_key: str) -> AreaRating:
        for rating in self.ratings:
            if rating.area_key == area_key:
                return rating
        return AreaRating(area_key)

    def survey_tally(self, area_key: str) -> SurveyTally:
        for tally in self.survey:
            if tally.area_key == area_key:
                return tally
        return SurveyTally(area_key)


# --- hypotheses and actions --------------------------------------------------------------------


@dataclass(frozen=True)
class Hypothesis:
    """The chapter's three-part hypothesis: capability, outcome, measurable signal."""

    id: str
    team_id: str
    #: The assessment in which it was posed.
    assessment_id: str
    capability: str
    outcome: str
    signal: str
    area_keys: tuple[str, ...] = ()
    owner: str = ""
    status: HypothesisStatus = HypothesisStatus.PROPOSED
    review_date: dt.date | None = None
    evidence: str = ""
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def __post_init__(self) -> None:
        check_uuid("hypothesis id", self.id)
        check_uuid("team id", self.team_id)
        check_uuid("assessment id", self.assessment_id)
        check_text("product capability", self.capability, required=True)
        check_text("customer outcome", self.outcome, required=True)
        check_text("measurable signal", self.signal, required=True)
        check_text("owner", self.owner)
        check_text("evidence", self.evidence)
        for key in self.area_keys:
            check_text("area key", key, required=True)

    @property
    def sentence(self) -> str:
        return hypothesis_sentence(self.capability, self.outcome, self.signal)


def hypothesis_sentence(capability: str, outcome: str, signal: str) -> str:
    """The full sentence in the chapter's form (used by the live preview and the report)."""
    capability = capability.strip() or "<product capability>"
    outcome = outcome.strip() or "<customer outcome>"
    signal = signal.strip().rstrip(".") or "<measurable signal>"
    return (
        f"We believe this {capability} will result in this {outcome}; "
        f"we will know we have succeeded when we see this {signal}."
    )


@dataclass(frozen=True)
class ActionItem:
    id: str
    team_id: str
    assessment_id: str
    text: str
    area_key: str | None = None
    owner: str = ""
    due_date: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def __post_init__(self) -> None:
        check_uuid("action id", self.id)
        check_uuid("team id", self.team_id)
        check_uuid("assessment id", self.assessment_id)
        check_text("action text", self.text, required=True)
        check_text("owner", self.owner)

    def is_overdue(self, today: dt.date) -> bool:
        return self.status.is_open and self.due_date is not None and self.due_date < today


@dataclass(frozen=True)
class Review:
    """A review of a hypothesis or action during an assessment: its status then, and evidence."""

    id: str
    item_id: str
    assessment_id: str
    status: str
    evidence: str = ""
    reviewed_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def __post_init__(self) -> None:
        check_uuid("review id", self.id)
        check_uuid("reviewed item id", self.item_id)
        check_uuid("assessment id", self.assessment_id)
        check_text("review status", self.status, required=True)
        check_text("review evidence", self.evidence)


@dataclass(frozen=True)
class ReportRecord:
    """A PDF report the app wrote, so the coach can find it again and see if it changed."""

    id: str
    assessment_id: str
    compared_id: str | None
    path: str
    created_at: dt.datetime
    sha256: str
    preset: str
    sections: tuple[str, ...]


@dataclass(frozen=True)
class Settings:
    """Preferences that the CLI and the app share (UI layout state lives in QSettings)."""

    coach_name: str = ""
    default_timebox_minutes: int = 12
    reports_folder: str = ""
    dead_band: float = 0.5
    #: Show vote distributions with fewer than this many votes as "too few to show" (0: always).
    min_votes_to_show: int = 0
