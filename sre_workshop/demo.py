"""The demo team: a realistic original assessment and its reassessment six months later.

The words (notes, rationales, hypotheses) live in ``resources/demo/demo-team.json`` so that they
can be edited without touching code; this module places them on dates relative to today and
writes them through the repository in one transaction. Everything it creates is marked as demo,
and ``remove_demo_data`` deletes it all in one step.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sre_workshop.framework import builtin_framework
from sre_workshop.model import (
    ActionItem,
    ActionStatus,
    Answer,
    AreaRating,
    Assessment,
    AssessmentStatus,
    Framework,
    Hypothesis,
    HypothesisStatus,
    ParticipantGroup,
    QuickAnswer,
    Review,
    ScopeItem,
    SurveyTally,
    Team,
    add_months,
    new_id,
)
from sre_workshop.resources import resource_path
from sre_workshop.workspace import Workspace

DEMO_FILE = ("demo", "demo-team.json")


def load_demo_content() -> dict[str, Any]:
    content: dict[str, Any] = json.loads(resource_path(*DEMO_FILE).read_text("utf-8"))
    return content


def add_demo_data(workspace: Workspace, today: dt.date | None = None) -> Team | None:
    """Add the demo team unless a demo team is already there (then return None)."""
    repository = workspace.repository
    if any(team.is_demo for team in repository.list_teams()):
        return None
    content = load_demo_content()
    framework = builtin_framework()
    today = today or dt.date.today()
    team = Team(new_id(), content["team"]["name"], content["team"]["description"], is_demo=True)
    participants = tuple(ParticipantGroup(**group) for group in content["participants"])
    ids: dict[str, str] = {}
    with repository.transaction():
        repository.add_team(team)
        compares_with: str | None = None
        for spec in content["assessments"]:
            assessment = _add_assessment(
                workspace, framework, team, spec, participants, today, compares_with
            )
            ids[spec["label"]] = assessment.id
            compares_with = compares_with or assessment.id
        for spec in content["hypotheses"]:
            _add_hypothesis(workspace, team, spec, ids)
        for spec in content["actions"]:
            _add_action(workspace, team, spec, ids)
    return team


def _add_assessment(
    workspace: Workspace,
    framework: Framework,
    team: Team,
    spec: dict[str, Any],
    participants: tuple[ParticipantGroup, ...],
    today: dt.date,
    compares_with: str | None,
) -> Assessment:
    repository = workspace.repository
    date = add_months(today, -int(spec["months_ago"]))
    assessment = Assessment(
        id=new_id(),
        team_id=team.id,
        framework=framework.ref,
        date=date,
        title=spec["title"],
        coach=spec["coach"],
        participants=participants,
        scope=tuple(ScopeItem(area.key, spec["timebox_minutes"]) for area in framework.areas),
        status=AssessmentStatus(spec["status"]),
        compares_with=compares_with,
        is_demo=True,
    )
    repository.add_assessment(assessment, framework)
    for area_key, rating in spec["ratings"].items():
        repository.save_rating(
            assessment.id,
            AreaRating(
                area_key=framework.area(area_key).key,
                level=rating.get("level"),
                not_applicable=rating.get("not_applicable", False),
                not_applicable_reason=rating.get("not_applicable_reason", ""),
                rationale=rating.get("rationale", ""),
                votes=tuple(rating.get("votes", (0, 0, 0, 0, 0))),
            ),
        )
    known_questions = framework.question_keys()
    for question_key, answer in spec["answers"].items():
        if question_key not in known_questions:
            raise ValueError(f"demo content names an unknown question {question_key!r}")
        quick = answer.get("quick_answer")
        repository.save_answer(
            assessment.id,
            Answer(
                question_key,
                answer.get("notes", ""),
                QuickAnswer(quick) if quick else None,
                answer.get("follow_up", False),
            ),
        )
    for area_key, counts in spec["survey"].items():
        repository.save_survey_tally(
            assessment.id,
            SurveyTally(framework.area(area_key).key, tuple(counts)),
        )
    return assessment


def _add_hypothesis(
    workspace: Workspace, team: Team, spec: dict[str, Any], ids: dict[str, str]
) -> None:
    posed_in = workspace.repository.get_assessment(ids[spec["posed_in"]])
    hypothesis = Hypothesis(
        id=new_id(),
        team_id=team.id,
        assessment_id=posed_in.id,
        capability=spec["capability"],
        outcome=spec["outcome"],
        signal=spec["signal"],
        area_keys=tuple(spec["area_keys"]),
        owner=spec["owner"],
        status=HypothesisStatus(spec["status"]),
        review_date=add_months(posed_in.date, int(spec["review_after_months"])),
        evidence=spec.get("evidence", ""),
    )
    workspace.repository.save_hypothesis(hypothesis)
    for review in spec.get("reviews", ()):
        reviewed_in = workspace.repository.get_assessment(ids[review["in"]])
        workspace.repository.add_hypothesis_review(
            Review(
                new_id(),
                hypothesis.id,
                reviewed_in.id,
                review["status"],
                review.get("evidence", ""),
                _noon(reviewed_in.date),
            )
        )


def _add_action(
    workspace: Workspace, team: Team, spec: dict[str, Any], ids: dict[str, str]
) -> None:
    posed_in = workspace.repository.get_assessment(ids[spec["posed_in"]])
    action = ActionItem(
        id=new_id(),
        team_id=team.id,
        assessment_id=posed_in.id,
        text=spec["text"],
        area_key=spec.get("area_key"),
        owner=spec["owner"],
        due_date=add_months(posed_in.date, int(spec["due_after_months"])),
        status=ActionStatus(spec["status"]),
    )
    workspace.repository.save_action(action)
    for review in spec.get("reviews", ()):
        reviewed_in = workspace.repository.get_assessment(ids[review["in"]])
        workspace.repository.add_action_review(
            Review(
                new_id(),
                action.id,
                reviewed_in.id,
                review["status"],
                review.get("evidence", ""),
                _noon(reviewed_in.date),
            )
        )


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC)


def remove_demo_data(workspace: Workspace) -> int:
    """Delete every demo team and all it holds, after a backup; returns the number of teams."""
    if not any(team.is_demo for team in workspace.repository.list_teams()):
        return 0
    workspace.backup("before-removing-demo")
    return workspace.repository.delete_demo_data()
