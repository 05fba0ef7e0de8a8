"""CaptureSession: every workshop edit is saved at once and returns what it replaced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sre_workshop.capture import CaptureChange, CaptureSession
from sre_workshop.model import AssessmentStatus, QuickAnswer
from sre_workshop.workflows import create_team, plan_assessment
from sre_workshop.workspace import Workspace, open_workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return open_workspace(tmp_path / "data")


@pytest.fixture
def session(workspace: Workspace) -> CaptureSession:
    team = create_team(workspace, "Checkout")
    assessment = plan_assessment(workspace, team.id, date=dt.date(2026, 11, 2))
    return CaptureSession(workspace, assessment.id)


def reopened(session: CaptureSession) -> CaptureSession:
    path = session.workspace.paths.root
    session.workspace.close()
    return CaptureSession(open_workspace(path), session.assessment_id)


def test_edits_are_persisted_immediately(session: CaptureSession) -> None:
    seen: list[CaptureChange] = []
    session.add_listener(seen.append)
    session.set_level("process.on-call", 3)
    session.set_vote_count("process.on-call", 2, 4)
    session.set_rationale("process.on-call", "pager goes to the author")
    session.set_not_applicable("process.regulatory-compliance", "no regulated data")
    session.set_survey_count("culture.risks-shared", 6, 3)
    session.set_notes("process.on-call.runbooks", "12 runbooks, 3 current")
    session.set_quick_answer("process.on-call.runbooks", QuickAnswer.PARTLY)
    session.set_follow_up("process.on-call.runbooks", True)
    session.mark_started()
    assert CaptureChange("rating", "process.on-call") in seen

    again = reopened(session)
    rating = again.rating("process.on-call")
    assert (rating.level, rating.votes, rating.rationale) == (
        3,
        (0, 4, 0, 0, 0),
        "pager goes to the author",
    )
    assert again.rating("process.regulatory-compliance").not_applicable
    assert again.survey_tally("culture.risks-shared").counts[5] == 3
    answer = again.answer("process.on-call.runbooks")
    assert (answer.notes, answer.quick_answer, answer.follow_up) == (
        "12 runbooks, 3 current",
        QuickAnswer.PARTLY,
        True,
    )
    assert again.record.assessment.status is AssessmentStatus.IN_PROGRESS


def test_each_edit_returns_the_previous_value_for_undo(session: CaptureSession) -> None:
    first = session.set_level("process.on-call", 2)
    assert first.level is None
    previous = session.set_level("process.on-call", 4)
    assert previous.level == 2
    session.save_rating(previous)  # undo
    assert reopened(session).rating("process.on-call").level == 2


def test_level_and_not_applicable_exclude_each_other(session: CaptureSession) -> None:
    session.set_level("process.on-call", 3)
    session.set_not_applicable("process.on-call", "no on-call")
    assert session.rating("process.on-call").level is None
    session.set_level("process.on-call", 1)
    assert not session.rating("process.on-call").not_applicable


def test_unknown_keys_and_survey_on_process_areas_are_refused(session: CaptureSession) -> None:
    with pytest.raises(ValueError, match="not an area"):
        session.set_level("process.nope", 2)
    with pytest.raises(ValueError, match="not a question"):
        session.set_notes("process.on-call.nope", "x")
    with pytest.raises(ValueError, match="no survey statement"):
        session.set_survey_count("process.on-call", 3, 1)
    with pytest.raises(ValueError, match="level must be 1 to 5"):
        session.set_vote_count("process.on-call", 6, 1)


def test_unchanged_value_writes_nothing(session: CaptureSession) -> None:
    seen: list[CaptureChange] = []
    session.add_listener(seen.append)
    session.set_notes("process.on-call.runbooks", "")
    assert seen == []
