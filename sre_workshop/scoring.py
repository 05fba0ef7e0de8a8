"""Scoring and comparison: every number the results view, the reports and the CLI show.

Pure functions over the frozen objects of :mod:`sre_workshop.model`; no I/O, no Qt, no
matplotlib. ``docs/scoring.md`` explains each rule in plain words; keep the two in step.

The rules in short:

* A vote tally proposes its median level; a median between two levels rounds down.
* The culture survey score is the mean of every 1-to-7 answer (each answer weighs the same).
* Survey scores and mean levels map onto Westrum's three types through fixed thresholds.
* Only areas in an assessment's scope count for it; scope keys the framework does not know
  are ignored. Not-applicable areas are left out of every mean.
* Two assessments are compared area by area through the stable area key, so they may use
  different framework versions. A change smaller than the dead band is "stagnating".
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sre_workshop.model import (
    LEVELS,
    SURVEY_SCALE,
    Area,
    AreaRating,
    AssessmentRecord,
    Dimension,
    Framework,
    SurveyTally,
    WestrumType,
)

__all__ = [
    "DEFAULT_DEAD_BAND",
    "LEVEL_BUREAUCRATIC_FROM",
    "LEVEL_GENERATIVE_ABOVE",
    "REASON_NEW_IN_FRAMEWORK",
    "REASON_NOT_APPLICABLE_NOW",
    "REASON_NOT_APPLICABLE_THEN",
    "REASON_NOT_IN_FRAMEWORK_NOW",
    "REASON_NOT_IN_SCOPE_NOW",
    "REASON_NOT_IN_SCOPE_THEN",
    "REASON_NOT_RATED_NOW",
    "REASON_NOT_RATED_THEN",
    "REASON_NO_COMPARISON",
    "SURVEY_BUREAUCRATIC_FROM",
    "SURVEY_GENERATIVE_ABOVE",
    "AreaComparison",
    "AreaHistory",
    "AssessmentScores",
    "DimensionScore",
    "HistoryPoint",
    "TallySummary",
    "Verdict",
    "compare_assessments",
    "dimension_scores",
    "in_scope_areas",
    "level_band",
    "proposed_level",
    "score_assessment",
    "strongest_and_weakest",
    "survey_band",
    "survey_score",
    "tally_median",
    "tally_summary",
    "team_history",
    "verdict_counts",
    "verdict_for",
]

# --- thresholds ---------------------------------------------------------------------------------

#: Survey score (1..7): below this is pathological; from it up to and including
#: SURVEY_GENERATIVE_ABOVE is bureaucratic.
SURVEY_BUREAUCRATIC_FROM = 3.0
#: Survey score (1..7): strictly above this is generative.
SURVEY_GENERATIVE_ABOVE = 5.0
#: Mean maturity level (1..5): below this is pathological; from it up to and including
#: LEVEL_GENERATIVE_ABOVE is bureaucratic.
LEVEL_BUREAUCRATIC_FROM = 2.5
#: Mean maturity level (1..5): strictly above this is generative.
LEVEL_GENERATIVE_ABOVE = 3.5

#: A change of less than this many levels is "stagnating" (the product's default).
DEFAULT_DEAD_BAND = 0.5
#: Float slack when comparing a change with the dead band, so that a change computed as
#: 0.49999999999 from means still counts as "exactly the dead band".
_BAND_EPSILON = 1e-9

# --- reasons a comparison row has no verdict ----------------------------------------------------

#: No assessment to compare with.
REASON_NO_COMPARISON = "no comparison"
#: The area is in the current framework but not in the current assessment's scope.
REASON_NOT_IN_SCOPE_NOW = "not in scope now"
#: The area is in the compared framework but was not in the compared assessment's scope.
REASON_NOT_IN_SCOPE_THEN = "not in scope then"
REASON_NOT_APPLICABLE_NOW = "not applicable now"
REASON_NOT_APPLICABLE_THEN = "not applicable then"
REASON_NOT_RATED_NOW = "not rated now"
REASON_NOT_RATED_THEN = "not rated then"
#: Format: the area is not in the compared framework (``{framework}`` is the current one).
REASON_NEW_IN_FRAMEWORK = "new in framework {framework}"
#: Format: the area is not in the current framework (``{framework}`` is the current one).
REASON_NOT_IN_FRAMEWORK_NOW = "no longer in framework {framework}"
#: Joins the reasons of both sides ("not applicable now; not rated then").
REASON_SEPARATOR = "; "


# --- vote tallies -------------------------------------------------------------------------------


def _check_counts(counts: Sequence[int]) -> None:
    for count in counts:
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"tally counts must be whole numbers of 0 or more, got {count!r}")


def _nth_value(counts: Sequence[int], index: int, first_value: int) -> int:
    """The value of the ``index``-th answer (0-based) when all answers are sorted."""
    seen = 0
    for offset, count in enumerate(counts):
        seen += count
        if index < seen:
            return first_value + offset
    raise IndexError(index)  # pragma: no cover - callers pass index < total


def tally_median(counts: Sequence[int], *, first_value: int = 1) -> float | None:
    """The median answer of a tally, or None when nobody answered.

    ``counts[i]`` is how many people answered ``first_value + i``; works for the 1..5 level
    votes and the 1..7 survey alike. With an even number of answers whose two middle answers
    differ, the median is their midpoint (2 and 3 give 2.5).
    """
    _check_counts(counts)
    total = sum(counts)
    if total == 0:
        return None
    lower = _nth_value(counts, (total - 1) // 2, first_value)
    upper = _nth_value(counts, total // 2, first_value)
    return (lower + upper) / 2


def proposed_level(votes: Sequence[int]) -> int | None:
    """The level a vote tally proposes: its median, rounded down between two levels.

    ``votes[0]`` is how many people voted level 1. Votes 2, 3 propose 2; votes 2, 4 propose 3
    (the median is a level there, nothing to round); no votes propose nothing.
    """
    median = tally_median(votes)
    return None if median is None else math.floor(median)


@dataclass(frozen=True)
class TallySummary:
    """A vote tally at a glance: how many voted, the proposed level and the spread."""

    total: int
    proposed: int | None
    lowest: int | None
    highest: int | None

    @property
    def spread(self) -> int | None:
        """Levels between the lowest and the highest vote (0 when the room agreed)."""
        if self.lowest is None or self.highest is None:
            return None
        return self.highest - self.lowest


def tally_summary(votes: Sequence[int]) -> TallySummary:
    """Total, proposed (median) level, lowest and highest level voted, for a 1..5 tally."""
    proposed = proposed_level(votes)  # validates the counts
    voted = [LEVELS[0] + index for index, count in enumerate(votes) if count > 0]
    return TallySummary(
        total=sum(votes),
        proposed=proposed,
        lowest=voted[0] if voted else None,
        highest=voted[-1] if voted else None,
    )


# --- culture survey and Westrum bands -----------------------------------------------------------


def survey_score(tallies: Iterable[SurveyTally]) -> float | None:
    """The mean of every 1..7 answer across all statements, or None with no answers.

    Each answer weighs the same, so a statement that more people answered counts for more.
    """
    answers = 0
    weighted = 0
    for tally in tallies:
        for offset, count in enumerate(tally.counts):
            answers += count
            weighted += count * (SURVEY_SCALE[0] + offset)
    return weighted / answers if answers else None


def _band(
    value: float | None, bureaucratic_from: float, generative_above: float
) -> WestrumType | None:
    if value is None or math.isnan(value):
        return None
    if value < bureaucratic_from:
        return WestrumType.PATHOLOGICAL
    if value <= generative_above:
        return WestrumType.BUREAUCRATIC
    return WestrumType.GENERATIVE


def survey_band(score: float | None) -> WestrumType | None:
    """Westrum type of a survey score: < 3.0 pathological, 3.0-5.0 bureaucratic, > 5 generative."""
    return _band(score, SURVEY_BUREAUCRATIC_FROM, SURVEY_GENERATIVE_ABOVE)


def level_band(mean_level: float | None) -> WestrumType | None:
    """Westrum type of a mean level: < 2.5 pathological, 2.5-3.5 bureaucratic, > 3.5 generative."""
    return _band(mean_level, LEVEL_BUREAUCRATIC_FROM, LEVEL_GENERATIVE_ABOVE)


# --- one assessment -----------------------------------------------------------------------------


def in_scope_areas(record: AssessmentRecord, framework: Framework) -> tuple[Area, ...]:
    """The framework's areas that are in the assessment's scope, in framework order.

    Scope keys the framework does not know are ignored.
    """
    scope = set(record.assessment.scope_keys)
    return tuple(area for area in framework.areas if area.key in scope)


@dataclass(frozen=True)
class DimensionScore:
    """The mean level of one dimension and which in-scope areas went into it.

    The three key tuples are in framework order and together hold every in-scope area of the
    dimension exactly once.
    """

    dimension: Dimension
    mean: float | None
    rated: tuple[str, ...]
    not_applicable: tuple[str, ...]
    unrated: tuple[str, ...]

    @property
    def band(self) -> WestrumType | None:
        return level_band(self.mean)


def dimension_scores(
    record: AssessmentRecord, framework: Framework
) -> dict[Dimension, DimensionScore]:
    """Mean level per dimension over its rated in-scope areas; both dimensions always present."""
    areas = in_scope_areas(record, framework)
    scores: dict[Dimension, DimensionScore] = {}
    for dimension in Dimension:
        rated: list[str] = []
        levels: list[int] = []
        not_applicable: list[str] = []
        unrated: list[str] = []
        for area in areas:
            if area.dimension is not dimension:
                continue
            rating = record.rating(area.key)
            if rating.not_applicable:
                not_applicable.append(area.key)
            elif rating.level is None:
                unrated.append(area.key)
            else:
                rated.append(area.key)
                levels.append(rating.level)
        scores[dimension] = DimensionScore(
            dimension=dimension,
            mean=sum(levels) / len(levels) if levels else None,
            rated=tuple(rated),
            not_applicable=tuple(not_applicable),
            unrated=tuple(unrated),
        )
    return scores


@dataclass(frozen=True)
class AssessmentScores:
    """Everything the summary of one assessment shows."""

    dimensions: dict[Dimension, DimensionScore]
    survey_score: float | None
    survey_band: WestrumType | None
    survey_answers: int


def _scored_survey(record: AssessmentRecord, framework: Framework) -> tuple[SurveyTally, ...]:
    """Survey tallies of the in-scope culture aspects (other tallies are ignored)."""
    keys = {
        area.key
        for area in in_scope_areas(record, framework)
        if area.dimension is Dimension.CULTURE
    }
    return tuple(tally for tally in record.survey if tally.area_key in keys)


def score_assessment(record: AssessmentRecord, framework: Framework) -> AssessmentScores:
    """Dimension means and the culture survey score and band of one assessment.

    Only tallies of in-scope culture aspects count towards the survey score.
    """
    tallies = _scored_survey(record, framework)
    score = survey_score(tallies)
    return AssessmentScores(
        dimensions=dimension_scores(record, framework),
        survey_score=score,
        survey_band=survey_band(score),
        survey_answers=sum(tally.total for tally in tallies),
    )


def strongest_and_weakest(
    record: AssessmentRecord, framework: Framework, count: int = 3
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Area keys of the highest and the lowest rated in-scope areas.

    The strongest come highest level first, the weakest lowest level first; equal levels keep
    framework order. No area is in both lists: with ``n`` rated areas, the strongest list takes
    ``min(count, ceil(n / 2))`` and the weakest ``min(count, n - strongest)`` of the rest, so
    one rated area is only "strongest", and five (with count 3) split three and two.
    """
    if count < 0:
        raise ValueError(f"count must be 0 or more, got {count}")
    rated = [
        (index, area.key, level)
        for index, area in enumerate(in_scope_areas(record, framework))
        if (level := record.rating(area.key).level) is not None
    ]
    take_strong = min(count, (len(rated) + 1) // 2)
    take_weak = min(count, len(rated) - take_strong)
    by_strength = sorted(rated, key=lambda item: (-item[2], item[0]))
    strongest = by_strength[:take_strong]
    rest = sorted(by_strength[take_strong:], key=lambda item: (item[2], item[0]))
    weakest = rest[:take_weak]
    return tuple(key for _, key, _ in strongest), tuple(key for _, key, _ in weakest)


# --- comparing two assessments ------------------------------------------------------------------


class Verdict(StrEnum):
    """How an area moved between two assessments."""

    PROGRESSING = "progressing"
    STAGNATING = "stagnating"
    REGRESSING = "regressing"
    NOT_COMPARABLE = "not comparable"

    @property
    def symbol(self) -> str:
        """A glyph (in DejaVu Sans) that tells the verdicts apart without colour."""
        return _VERDICT_SYMBOLS[self]

    @property
    def label(self) -> str:
        return self.value


_VERDICT_SYMBOLS = {
    Verdict.PROGRESSING: "▲",
    Verdict.STAGNATING: "▬",
    Verdict.REGRESSING: "▼",
    Verdict.NOT_COMPARABLE: "–",
}


def _check_dead_band(dead_band: float) -> None:
    if isinstance(dead_band, bool) or not isinstance(dead_band, int | float):
        raise ValueError(f"the dead band must be a number, got {dead_band!r}")
    if math.isnan(dead_band) or math.isinf(dead_band) or dead_band < 0:
        raise ValueError(f"the dead band must be a finite number of 0 or more, got {dead_band}")


def verdict_for(change: float | None, dead_band: float = DEFAULT_DEAD_BAND) -> Verdict:
    """The verdict for a change in level.

    None is not comparable. A change strictly smaller than the dead band (either way) is
    stagnating; a change of exactly the dead band already counts as a move. No change at all
    is stagnating even with a dead band of 0. Raises ValueError for a negative dead band.
    """
    _check_dead_band(dead_band)
    if change is None or math.isnan(change):
        return Verdict.NOT_COMPARABLE
    if change == 0 or abs(change) < dead_band - _BAND_EPSILON:
        return Verdict.STAGNATING
    return Verdict.PROGRESSING if change > 0 else Verdict.REGRESSING


@dataclass(frozen=True)
class AreaComparison:
    """One row of the comparison table.

    ``reason`` is empty when the verdict is comparable; otherwise it says why not, in plain
    words (see the ``REASON_*`` constants), both sides joined with "; ".
    """

    area_key: str
    name: str
    dimension: Dimension
    level: int | None
    not_applicable: bool
    compared_level: int | None
    compared_not_applicable: bool
    change: int | None
    verdict: Verdict
    reason: str


@dataclass(frozen=True)
class _Side:
    """One assessment's view of one area."""

    known: bool  # the side's framework has the area
    in_scope: bool
    rating: AreaRating | None  # only when known and in scope

    @property
    def level(self) -> int | None:
        return self.rating.level if self.rating is not None else None

    @property
    def not_applicable(self) -> bool:
        return self.rating is not None and self.rating.not_applicable


def _side(record: AssessmentRecord, framework: Framework, key: str, scope: set[str]) -> _Side:
    known = framework.has_area(key)
    in_scope = known and key in scope
    return _Side(known, in_scope, record.rating(key) if in_scope else None)


def _reasons(side: _Side, when: str, missing: str, framework_version: str) -> list[str]:
    if not side.known:
        return [missing.format(framework=framework_version)]
    if not side.in_scope:
        return [f"not in scope {when}"]
    if side.not_applicable:
        return [f"not applicable {when}"]
    if side.level is None:
        return [f"not rated {when}"]
    return []


def compare_assessments(
    current: AssessmentRecord,
    current_framework: Framework,
    compared: AssessmentRecord | None,
    compared_framework: Framework | None,
    dead_band: float = DEFAULT_DEAD_BAND,
) -> tuple[AreaComparison, ...]:
    """Area-by-area comparison of an assessment with an earlier one.

    One row per area in scope of either assessment (and known to that assessment's framework),
    matched by the stable area key, so the two may use different framework versions. Rows come
    in the current framework's order, then the areas only the compared framework has. With no
    compared assessment, every row of the current scope is not comparable ("no comparison").
    """
    _check_dead_band(dead_band)
    if compared is not None and compared_framework is None:
        raise ValueError("a compared assessment needs its framework")
    current_scope = set(current.assessment.scope_keys)
    current_keys = [area.key for area in in_scope_areas(current, current_framework)]

    if compared is None or compared_framework is None:
        rows = []
        for key in current_keys:
            area = current_framework.area(key)
            rating = current.rating(key)
            rows.append(
                AreaComparison(
                    area_key=key,
                    name=area.name,
                    dimension=area.dimension,
                    level=rating.level,
                    not_applicable=rating.not_applicable,
                    compared_level=None,
                    compared_not_applicable=False,
                    change=None,
                    verdict=Verdict.NOT_COMPARABLE,
                    reason=REASON_NO_COMPARISON,
                )
            )
        return tuple(rows)

    compared_scope = set(compared.assessment.scope_keys)
    compared_keys = {area.key for area in in_scope_areas(compared, compared_framework)}
    keys = [
        area.key
        for area in current_framework.areas
        if area.key in current_scope or area.key in compared_keys
    ]
    keys += [
        area.key
        for area in compared_framework.areas
        if area.key in compared_keys and not current_framework.has_area(area.key)
    ]

    version = current_framework.version
    rows = []
    for key in keys:
        area = (
            current_framework.area(key)
            if current_framework.has_area(key)
            else compared_framework.area(key)
        )
        now = _side(current, current_framework, key, current_scope)
        then = _side(compared, compared_framework, key, compared_scope)
        reasons = _reasons(now, "now", REASON_NOT_IN_FRAMEWORK_NOW, version) + _reasons(
            then, "then", REASON_NEW_IN_FRAMEWORK, version
        )
        change = (
            now.level - then.level if now.level is not None and then.level is not None else None
        )
        rows.append(
            AreaComparison(
                area_key=key,
                name=area.name,
                dimension=area.dimension,
                level=now.level,
                not_applicable=now.not_applicable,
                compared_level=then.level,
                compared_not_applicable=then.not_applicable,
                change=change,
                verdict=verdict_for(change, dead_band),
                reason=REASON_SEPARATOR.join(reasons),
            )
        )
    return tuple(rows)


def verdict_counts(rows: Iterable[AreaComparison]) -> dict[Verdict, int]:
    """How many rows have each verdict; every verdict is a key, in declaration order."""
    counts = dict.fromkeys(Verdict, 0)
    for row in rows:
        counts[row.verdict] += 1
    return counts


# --- a team's history ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryPoint:
    """One area in one assessment. ``assessed`` is False when the area was out of scope or
    absent from that assessment's framework (a gap in the chart, not a zero)."""

    assessment_id: str
    date: dt.date
    level: int | None
    not_applicable: bool
    assessed: bool


@dataclass(frozen=True)
class AreaHistory:
    """One area's levels across a team's assessments, oldest first."""

    area_key: str
    name: str
    dimension: Dimension
    points: tuple[HistoryPoint, ...]

    @property
    def levels(self) -> tuple[int | None, ...]:
        return tuple(point.level for point in self.points)


def team_history(
    records: Sequence[tuple[AssessmentRecord, Framework]],
) -> tuple[AreaHistory, ...]:
    """Each area's level across a team's assessments, in date order (ties keep the given order).

    Every area that was in scope (and in the framework) of at least one assessment gets one
    point per assessment. Areas are matched by their stable key across framework versions;
    name and dimension come from the newest framework that has the area. Culture comes before
    process; within a dimension the newest framework's order, then areas it no longer has in
    the order of the newest framework that had them.
    """
    ordered = sorted(records, key=lambda pair: pair[0].assessment.date)  # stable sort
    assessed_keys = {
        area.key for record, framework in ordered for area in in_scope_areas(record, framework)
    }

    keys: list[str] = []
    defining: dict[str, Area] = {}
    for _, framework in reversed(ordered):
        for area in framework.areas:
            if area.key in assessed_keys and area.key not in defining:
                defining[area.key] = area
                keys.append(area.key)
    dimension_order = {dimension: index for index, dimension in enumerate(Dimension)}
    keys.sort(key=lambda key: dimension_order[defining[key].dimension])  # stable sort

    scopes = [set(record.assessment.scope_keys) for record, _ in ordered]
    histories = []
    for key in keys:
        points = []
        for (record, framework), scope in zip(ordered, scopes, strict=True):
            assessed = key in scope and framework.has_area(key)
            rating = record.rating(key) if assessed else None
            points.append(
                HistoryPoint(
                    assessment_id=record.assessment.id,
                    date=record.assessment.date,
                    level=rating.level if rating is not None else None,
                    not_applicable=rating is not None and rating.not_applicable,
                    assessed=assessed,
                )
            )
        area = defining[key]
        histories.append(AreaHistory(key, area.name, area.dimension, tuple(points)))
    return tuple(histories)
