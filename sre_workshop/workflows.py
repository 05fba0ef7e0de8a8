"""The coach's workflows on top of the repository: plan, reassess, review, delete safely.

These are the operations the desktop app's menus and the command line share; each states its
rules once here (for example: a reassessment compares with the team's original assessment
unless the coach picks the previous one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from sre_workshop.model import (
    ActionItem,
    ActionStatus,
    Assessment,
    AssessmentStatus,
    Framework,
    Hypothesis,
    HypothesisStatus,
    ParticipantGroup,
    Review,
    ScopeItem,
    Team,
    new_id,
)
from sre_workshop.workspace import Workspace


class CompareWith(StrEnum):
    """Which earlier assessment a reassessment is compared with."""

    ORIGINAL = "original"
    PREVIOUS = "previous"


def create_team(workspace: Workspace, name: str, description: str = "") -> Team:
    return workspace.repository.add_team(Team(new_id(), name.strip(), description))


def default_scope(framework: Framework, timebox_minutes: int) -> tuple[ScopeItem, ...]:
    """Every area of the framework, in its order, each with the same timebox."""
    return tuple(ScopeItem(area.key, timebox_minutes) for area in framework.areas)


def plan_assessment(
    workspace: Workspace,
    team_id: str,
    *,
    date: dt.date,
    framework: Framework | None = None,
    coach: str | None = None,
    participants: Sequence[ParticipantGroup] = (),
    scope: Sequence[ScopeItem] | None = None,
    compares_with: str | None = None,
    title: str = "",
) -> Assessment:
    """A new planned assessment; unset details come from Settings and the latest framework."""
    settings = workspace.repository.load_settings()
    framework = framework or workspace.frameworks.latest("sre-maturity")
    unknown = [item.area_key for item in scope or () if not framework.has_area(item.area_key)]
    if unknown:
        raise ValueError(f"framework {framework.ref} has no area {unknown[0]!r}")
    assessment = Assessment(
        id=new_id(),
        team_id=workspace.repository.get_team(team_id).id,
        framework=framework.ref,
        date=date,
        coach=settings.coach_name if coach is None else coach,
        participants=tuple(participants),
        scope=tuple(scope)
        if scope is not None
        else default_scope(framework, settings.default_timebox_minutes),
        compares_with=compares_with,
        title=title,
    )
    return workspace.repository.add_assessment(assessment, framework)


def comparison_base(
    workspace: Workspace, team_id: str, compare_with: CompareWith, *, before: dt.date | None = None
) -> Assessment | None:
    """The team's original (first) or previous (latest) assessment, if any."""
    earlier = [
        assessment
        for assessment in workspace.repository.list_assessments(team_id)
        if before is None or assessment.date <= before
    ]
    if not earlier:
        return None
    return earlier[0] if compare_with is CompareWith.ORIGINAL else earlier[-1]


def compare_target(
    workspace: Workspace, assessment: Assessment, compare_with: CompareWith
) -> Assessment | None:
    """The assessment to compare ``assessment`` with: the team's original or the previous one.

    Only assessments before it in the team's order (date, then creation) count, so the original
    assessment itself has nothing to compare with.
    """
    team_assessments = workspace.repository.list_assessments(assessment.team_id)
    ids = [item.id for item in team_assessments]
    earlier = team_assessments[: ids.index(assessment.id)] if assessment.id in ids else ()
    if not earlier:
        return None
    return earlier[0] if compare_with is CompareWith.ORIGINAL else earlier[-1]


def reassess(
    workspace: Workspace,
    team_id: str,
    *,
    date: dt.date,
    compare_with: CompareWith = CompareWith.ORIGINAL,
    framework: Framework | None = None,
    coach: str | None = None,
    participants: Sequence[ParticipantGroup] | None = None,
) -> Assessment:
    """A new assessment of the team linked to its original (default) or previous assessment.

    The scope and participants of the linked assessment are proposed again; the framework is the
    newest installed one, so areas are matched by stable key when the bank changed.
    """
    base = comparison_base(workspace, team_id, compare_with, before=date)
    if base is None:
        raise ValueError("this team has no earlier assessment to compare with")
    previous = comparison_base(workspace, team_id, CompareWith.PREVIOUS, before=date) or base
    framework = framework or workspace.frameworks.latest(base.framework.id)
    scope = tuple(item for item in previous.scope if framework.has_area(item.area_key))
    return plan_assessment(
        workspace,
        team_id,
        date=date,
        framework=framework,
        coach=coach,
        participants=previous.participants if participants is None else participants,
        scope=scope or None,
        compares_with=base.id,
    )


def start_assessment(workspace: Workspace, assessment_id: str) -> None:
    repository = workspace.repository
    if repository.get_assessment(assessment_id).status is AssessmentStatus.PLANNED:
        repository.set_assessment_status(assessment_id, AssessmentStatus.IN_PROGRESS)


def delete_team_safely(workspace: Workspace, team_id: str) -> Path:
    """Back the database up, then delete the team and all its assessments."""
    workspace.repository.get_team(team_id)
    backup = workspace.backup("before-deleting-team")
    workspace.repository.delete_team(team_id)
    return backup


def delete_assessment_safely(workspace: Workspace, assessment_id: str) -> Path:
    """Back the database up, then delete the assessment and what was captured in it."""
    workspace.repository.get_assessment(assessment_id)
    backup = workspace.backup("before-deleting-assessment")
    workspace.repository.delete_assessment(assessment_id)
    return backup


# --- hypotheses and actions carried into a reassessment ------------------------------------------


@dataclass(frozen=True)
class ItemsForReview:
    """Hypotheses and actions from earlier assessments to review in this one."""

    hypotheses: tuple[Hypothesis, ...]
    actions: tuple[ActionItem, ...]


def items_for_review(workspace: Workspace, assessment_id: str) -> ItemsForReview:
    """Open items posed in the team's earlier assessments, plus any already reviewed here.

    An item stays in the list once it has been reviewed in this assessment, even if the review
    closed it, so the coach sees what was decided.
    """
    repository = workspace.repository
    assessment = repository.get_assessment(assessment_id)
    earlier = {
        other.id
        for other in repository.list_assessments(assessment.team_id)
        if other.id != assessment.id and other.date <= assessment.date
    }
    reviewed_hypotheses = {
        r.item_id for r in repository.hypothesis_reviews(assessment_id=assessment_id)
    }
    reviewed_actions = {r.item_id for r in repository.action_reviews(assessment_id=assessment_id)}
    hypotheses = tuple(
        item
        for item in repository.list_hypotheses(team_id=assessment.team_id)
        if item.assessment_id in earlier and (item.status.is_open or item.id in reviewed_hypotheses)
    )
    actions = tuple(
        item
        for item in repository.list_actions(team_id=assessment.team_id)
        if item.assessment_id in earlier and (item.status.is_open or item.id in reviewed_actions)
    )
    return ItemsForReview(hypotheses, actions)


def review_hypothesis(
    workspace: Workspace,
    hypothesis_id: str,
    assessment_id: str,
    status: HypothesisStatus,
    evidence: str = "",
) -> Hypothesis:
    """Record a review in ``assessment_id`` and move the hypothesis to ``status``, atomically."""
    repository = workspace.repository
    with repository.transaction():
        current = repository.get_hypothesis(hypothesis_id)
        hypothesis = replace(current, status=status, evidence=evidence or current.evidence)
        repository.add_hypothesis_review(
            Review(new_id(), hypothesis_id, assessment_id, status.value, evidence)
        )
        return repository.save_hypothesis(hypothesis)


def review_action(
    workspace: Workspace,
    action_id: str,
    assessment_id: str,
    status: ActionStatus,
    evidence: str = "",
) -> ActionItem:
    """Record a review of an action item in ``assessment_id`` and set its status, atomically."""
    repository = workspace.repository
    with repository.transaction():
        action = replace(repository.get_action(action_id), status=status)
        repository.add_action_review(
            Review(new_id(), action_id, assessment_id, status.value, evidence)
        )
        return repository.save_action(action)
