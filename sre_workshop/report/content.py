"""What goes into a report, gathered from the workspace into one immutable object.

Everything the sections print is read here, once, through the repository and the scoring
functions the app uses too, so the PDF shows exactly the numbers the results view shows. No
reportlab here: this module is cheap to import and easy to test.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sre_workshop.model import (
    ActionItem,
    Area,
    Assessment,
    AssessmentRecord,
    Framework,
    Hypothesis,
    Review,
    Team,
)
from sre_workshop.scoring import (
    AreaComparison,
    AssessmentScores,
    compare_assessments,
    in_scope_areas,
    score_assessment,
)
from sre_workshop.workspace import Workspace

__all__ = ["ComparedWith", "ReportContent", "gather_content"]


@dataclass(frozen=True)
class ComparedWith:
    """The assessment a report compares with, and whether it is the original or previous one."""

    record: AssessmentRecord
    framework: Framework
    #: "original" (the team's first assessment), "previous" (the latest before this one) or
    #: "earlier" (another one the coach chose).
    kind: str
    scores: AssessmentScores

    @property
    def assessment(self) -> Assessment:
        return self.record.assessment


@dataclass(frozen=True)
class ReportContent:
    """All the data one report prints."""

    team: Team
    record: AssessmentRecord
    framework: Framework
    compared: ComparedWith | None
    #: One row per area in scope of either assessment (scoring.compare_assessments).
    rows: tuple[AreaComparison, ...]
    scores: AssessmentScores
    #: The in-scope areas of this assessment, in framework order.
    areas: tuple[Area, ...]
    hypotheses_posed: tuple[Hypothesis, ...]
    hypotheses_carried: tuple[Hypothesis, ...]
    actions_posed: tuple[ActionItem, ...]
    actions_carried: tuple[ActionItem, ...]
    #: Reviews of each hypothesis above, oldest first, up to this assessment's date.
    hypothesis_reviews: dict[str, tuple[Review, ...]]
    #: Reviews of the carried-in actions made in this assessment, by action id.
    action_reviews: dict[str, tuple[Review, ...]]
    #: The date of every assessment of the team, for review histories.
    assessment_dates: dict[str, dt.date]
    #: Names of every area of both frameworks, by key (hypotheses and actions name areas).
    area_names: dict[str, str]
    dead_band: float
    #: The day the report is made: actions due before it and still open are overdue.
    today: dt.date

    @property
    def assessment(self) -> Assessment:
        return self.record.assessment

    def area_name(self, key: str) -> str:
        return self.area_names.get(key, key)

    def row(self, area_key: str) -> AreaComparison | None:
        for row in self.rows:
            if row.area_key == area_key:
                return row
        return None


def _kind(workspace: Workspace, current: Assessment, compared: Assessment) -> str:
    earlier = [
        other
        for other in workspace.repository.list_assessments(current.team_id)
        if other.id != current.id and other.date <= current.date
    ]
    if earlier and earlier[0].id == compared.id:
        return "original"
    if earlier and earlier[-1].id == compared.id:
        return "previous"
    return "earlier"


def gather_content(
    workspace: Workspace,
    assessment_id: str,
    compare_id: str | None = None,
    *,
    today: dt.date | None = None,
) -> ReportContent:
    """Read everything a report of ``assessment_id`` needs.

    ``compare_id`` None means the assessment's own ``compares_with``. Raises ValueError when
    the compared assessment is this one or belongs to another team (reports compare a team
    with itself, never with other teams), and the repository's NotFoundError for unknown ids.
    """
    from sre_workshop.workflows import items_for_review

    repository = workspace.repository
    record = repository.load_record(assessment_id)
    assessment = record.assessment
    framework = workspace.framework_for(assessment)
    team = repository.get_team(assessment.team_id)
    settings = repository.load_settings()

    compare_id = compare_id or assessment.compares_with
    compared: ComparedWith | None = None
    if compare_id is not None:
        if compare_id == assessment.id:
            raise ValueError("an assessment cannot be compared with itself")
        compared_record = repository.load_record(compare_id)
        if compared_record.assessment.team_id != assessment.team_id:
            raise ValueError("a report compares assessments of the same team only")
        compared_framework = workspace.framework_for(compared_record.assessment)
        compared = ComparedWith(
            compared_record,
            compared_framework,
            _kind(workspace, assessment, compared_record.assessment),
            score_assessment(compared_record, compared_framework),
        )
    rows = compare_assessments(
        record,
        framework,
        compared.record if compared else None,
        compared.framework if compared else None,
        settings.dead_band,
    )

    carried = items_for_review(workspace, assessment.id)
    hypotheses_posed = repository.list_hypotheses(assessment_id=assessment.id)
    dates = {other.id: other.date for other in repository.list_assessments(team.id)}
    reviews: dict[str, tuple[Review, ...]] = {}
    for hypothesis in (*carried.hypotheses, *hypotheses_posed):
        reviews[hypothesis.id] = tuple(
            review
            for review in repository.hypothesis_reviews(item_id=hypothesis.id)
            if dates.get(review.assessment_id, assessment.date) <= assessment.date
        )
    action_reviews = {
        action.id: tuple(
            review
            for review in repository.action_reviews(item_id=action.id)
            if review.assessment_id == assessment.id
        )
        for action in carried.actions
    }
    names = {area.key: area.name for area in compared.framework.areas} if compared else {}
    names.update((area.key, area.name) for area in framework.areas)

    return ReportContent(
        team=team,
        record=record,
        framework=framework,
        compared=compared,
        rows=rows,
        scores=score_assessment(record, framework),
        areas=in_scope_areas(record, framework),
        hypotheses_posed=hypotheses_posed,
        hypotheses_carried=carried.hypotheses,
        actions_posed=repository.list_actions(assessment_id=assessment.id),
        actions_carried=carried.actions,
        hypothesis_reviews=reviews,
        action_reviews=action_reviews,
        assessment_dates=dates,
        area_names=names,
        dead_band=settings.dead_band,
        today=today or dt.date.today(),
    )
