"""Capturing a live workshop: every edit the coach makes, saved the moment it is made.

:class:`CaptureSession` is the single code path for edits during a workshop. The desktop app's
facilitation view calls it (and its undo commands call it again with the old value); the
crash-safety harness drives the very same methods. Each method is one transaction, returns the
value it replaced (so an undo can put it back), and tells listeners what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from sre_workshop.model import (
    LEVELS,
    SURVEY_SCALE,
    Answer,
    AreaRating,
    AssessmentRecord,
    AssessmentStatus,
    Framework,
    QuickAnswer,
    SurveyTally,
    VotesSource,
)
from sre_workshop.workspace import Workspace


@dataclass(frozen=True)
class CaptureChange:
    """What an edit changed: an area's rating, a survey tally, or a question's answer."""

    kind: str  # "rating", "survey" or "answer"
    key: str  # area key or question key


Listener = Callable[[CaptureChange], None]


class CaptureSession:
    """The assessment being captured, kept in memory and saved on every edit."""

    def __init__(self, workspace: Workspace, assessment_id: str) -> None:
        self.workspace = workspace
        self.record: AssessmentRecord = workspace.repository.load_record(assessment_id)
        self.framework: Framework = workspace.framework_for(self.record.assessment)
        self._answers = {answer.question_key: answer for answer in self.record.answers}
        self._ratings = {rating.area_key: rating for rating in self.record.ratings}
        self._survey = {tally.area_key: tally for tally in self.record.survey}
        self._question_keys = self.framework.question_keys()
        self._listeners: list[Listener] = []

    @property
    def assessment_id(self) -> str:
        return self.record.assessment.id

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _notify(self, change: CaptureChange) -> None:
        for listener in self._listeners:
            listener(change)

    def snapshot(self) -> AssessmentRecord:
        """The current state as an immutable record (for charts and scores)."""
        return replace(
            self.record,
            answers=tuple(self._answers.values()),
            ratings=tuple(self._ratings.values()),
            survey=tuple(self._survey.values()),
        )

    # --- reads ---------------------------------------------------------------------------------

    def answer(self, question_key: str) -> Answer:
        return self._answers.get(question_key) or Answer(question_key)

    def rating(self, area_key: str) -> AreaRating:
        return self._ratings.get(area_key) or AreaRating(area_key)

    def survey_tally(self, area_key: str) -> SurveyTally:
        return self._survey.get(area_key) or SurveyTally(area_key)

    # --- writes: each one transaction, returning the value it replaced -------------------------

    def save_answer(self, answer: Answer) -> Answer:
        previous = self.answer(answer.question_key)
        if answer == previous:
            return previous
        self._check_question(answer.question_key)
        self.workspace.repository.save_answer(self.assessment_id, answer)
        self._answers[answer.question_key] = answer
        self._notify(CaptureChange("answer", answer.question_key))
        return previous

    def save_rating(self, rating: AreaRating) -> AreaRating:
        previous = self.rating(rating.area_key)
        if rating == previous:
            return previous
        self._check_area(rating.area_key)
        self.workspace.repository.save_rating(self.assessment_id, rating)
        self._ratings[rating.area_key] = rating
        self._notify(CaptureChange("rating", rating.area_key))
        return previous

    def save_survey_tally(self, tally: SurveyTally) -> SurveyTally:
        previous = self.survey_tally(tally.area_key)
        if tally == previous:
            return previous
        self._check_area(tally.area_key)
        if self.framework.area(tally.area_key).survey_statement is None:
            raise ValueError(f"{tally.area_key} has no survey statement")
        self.workspace.repository.save_survey_tally(self.assessment_id, tally)
        self._survey[tally.area_key] = tally
        self._notify(CaptureChange("survey", tally.area_key))
        return previous

    # --- the edits a facilitator makes, in terms of the above ----------------------------------

    def set_notes(self, question_key: str, notes: str) -> Answer:
        return self.save_answer(replace(self.answer(question_key), notes=notes))

    def set_quick_answer(self, question_key: str, quick: QuickAnswer | None) -> Answer:
        return self.save_answer(replace(self.answer(question_key), quick_answer=quick))

    def set_follow_up(self, question_key: str, flagged: bool) -> Answer:
        return self.save_answer(replace(self.answer(question_key), follow_up=flagged))

    def set_level(self, area_key: str, level: int | None) -> AreaRating:
        """Agree a level 1-5 (or clear it with None); clears a not-applicable mark."""
        return self.save_rating(replace(self.rating(area_key), level=level, not_applicable=False))

    def set_not_applicable(self, area_key: str, reason: str = "") -> AreaRating:
        return self.save_rating(
            replace(
                self.rating(area_key),
                level=None,
                not_applicable=True,
                not_applicable_reason=reason,
            )
        )

    def set_rationale(self, area_key: str, rationale: str) -> AreaRating:
        return self.save_rating(replace(self.rating(area_key), rationale=rationale))

    def set_vote_count(self, area_key: str, level: int, count: int) -> AreaRating:
        if level not in LEVELS:
            raise ValueError(f"level must be 1 to 5, got {level}")
        votes = list(self.rating(area_key).votes)
        votes[level - 1] = max(0, count)
        typed = replace(self.rating(area_key), votes=tuple(votes))  # type: ignore[arg-type]
        return self.save_rating(replace(typed, votes_source=VotesSource.MANUAL))

    def set_survey_count(self, area_key: str, answer: int, count: int) -> SurveyTally:
        if answer not in SURVEY_SCALE:
            raise ValueError(f"survey answers run 1 to 7, got {answer}")
        counts = list(self.survey_tally(area_key).counts)
        counts[answer - 1] = max(0, count)
        typed = replace(self.survey_tally(area_key), counts=tuple(counts))  # type: ignore[arg-type]
        return self.save_survey_tally(replace(typed, votes_source=VotesSource.MANUAL))

    def set_room_votes(self, area_key: str, votes: tuple[int, int, int, int, int]) -> AreaRating:
        """The room's revealed phone vote replaces the area's tally, marked as room votes."""
        return self.save_rating(
            replace(self.rating(area_key), votes=votes, votes_source=VotesSource.ROOM)
        )

    def set_room_survey(
        self, area_key: str, counts: tuple[int, int, int, int, int, int, int]
    ) -> SurveyTally:
        """The room's revealed phone answers replace the statement's tally, marked as room votes."""
        return self.save_survey_tally(
            replace(self.survey_tally(area_key), counts=counts, votes_source=VotesSource.ROOM)
        )

    def mark_started(self) -> None:
        """Move a planned assessment to in progress when the workshop begins."""
        if self.record.assessment.status is AssessmentStatus.PLANNED:
            self.set_status(AssessmentStatus.IN_PROGRESS)

    def set_status(self, status: AssessmentStatus) -> None:
        self.workspace.repository.set_assessment_status(self.assessment_id, status)
        self.record = replace(
            self.record, assessment=replace(self.record.assessment, status=status)
        )

    # --- checks --------------------------------------------------------------------------------

    def _check_area(self, area_key: str) -> None:
        if not self.framework.has_area(area_key):
            raise ValueError(f"{area_key!r} is not an area of {self.framework.ref}")

    def _check_question(self, question_key: str) -> None:
        if question_key not in self._question_keys:
            raise ValueError(f"{question_key!r} is not a question of {self.framework.ref}")
