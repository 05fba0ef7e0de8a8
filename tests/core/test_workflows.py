"""Workflows: planning, reassessment links, items carried into a reassessment, safe deletes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sre_workshop.model import ActionItem, ActionStatus, Hypothesis, HypothesisStatus, new_id
from sre_workshop.storage import NotFoundError
from sre_workshop.workflows import (
    CompareWith,
    compare_target,
    create_team,
    delete_assessment_safely,
    delete_team_safely,
    items_for_review,
    plan_assessment,
    reassess,
    review_action,
    review_hypothesis,
)
from sre_workshop.workspace import Workspace, open_workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return open_workspace(tmp_path / "data")


def test_reassessment_links_original_by_default_or_previous(workspace: Workspace) -> None:
    team = create_team(workspace, "Checkout")
    first = plan_assessment(workspace, team.id, date=dt.date(2025, 1, 10))
    second = reassess(workspace, team.id, date=dt.date(2025, 7, 10))
    third = reassess(
        workspace, team.id, date=dt.date(2026, 1, 10), compare_with=CompareWith.PREVIOUS
    )
    assert second.compares_with == first.id
    assert third.compares_with == second.id
    assert third.scope == first.scope
    assert compare_target(workspace, first, CompareWith.ORIGINAL) is None
    assert compare_target(workspace, third, CompareWith.ORIGINAL) == first
    assert compare_target(workspace, third, CompareWith.PREVIOUS) == second


def test_reassess_needs_an_earlier_assessment(workspace: Workspace) -> None:
    team = create_team(workspace, "New team")
    with pytest.raises(ValueError, match="no earlier assessment"):
        reassess(workspace, team.id, date=dt.date(2026, 1, 1))


def test_open_items_are_carried_into_the_reassessment_and_reviews_recorded(
    workspace: Workspace,
) -> None:
    team = create_team(workspace, "Checkout")
    first = plan_assessment(workspace, team.id, date=dt.date(2025, 1, 10))
    repository = workspace.repository
    open_one = repository.save_hypothesis(
        Hypothesis(new_id(), team.id, first.id, "a rotation", "fewer pages", "MTTA < 5 min")
    )
    repository.save_hypothesis(
        Hypothesis(new_id(), team.id, first.id, "x", "y", "z", status=HypothesisStatus.VALIDATED)
    )
    action = repository.save_action(ActionItem(new_id(), team.id, first.id, "Write runbooks"))
    second = reassess(workspace, team.id, date=dt.date(2025, 7, 10))

    carried = items_for_review(workspace, second.id)
    assert [h.id for h in carried.hypotheses] == [open_one.id]
    assert [a.id for a in carried.actions] == [action.id]

    review_hypothesis(workspace, open_one.id, second.id, HypothesisStatus.REFUTED, "no change")
    review_action(workspace, action.id, second.id, ActionStatus.DONE, "merged")
    carried = items_for_review(workspace, second.id)
    assert [h.status for h in carried.hypotheses] == [HypothesisStatus.REFUTED]
    assert [a.status for a in carried.actions] == [ActionStatus.DONE]
    reviews = repository.hypothesis_reviews(item_id=open_one.id)
    assert [(r.assessment_id, r.status, r.evidence) for r in reviews] == [
        (second.id, "refuted", "no change")
    ]


def test_deleting_backs_up_first(workspace: Workspace) -> None:
    team = create_team(workspace, "Checkout")
    first = plan_assessment(workspace, team.id, date=dt.date(2025, 1, 10))
    backup = delete_assessment_safely(workspace, first.id)
    assert backup.is_file() and backup.parent == workspace.paths.backups
    backup = delete_team_safely(workspace, team.id)
    assert backup.is_file()
    with pytest.raises(NotFoundError):
        workspace.repository.get_team(team.id)
