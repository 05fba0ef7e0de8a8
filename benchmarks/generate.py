"""Write a large data folder for the scale benchmark: many teams, each assessed many times.

``python -m benchmarks.generate DIR [--teams 500] [--assessments 8]`` fills DIR's database
through the core's repository (so every row is a valid domain object for the current schema),
one transaction per team. Every assessment rates all sixteen areas and annotates every question,
with the words of the demo team (``resources/demo/demo-team.json``) and levels that wander a
little from one assessment to the next; reassessments compare with the one before. Each team
also gets the demo's hypotheses and action items, reviewed in its latest assessment.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sre_workshop.demo import load_demo_content
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
from sre_workshop.workspace import Workspace, open_workspace

#: Bump when the generated content changes, so cached folders are rebuilt.
GENERATOR_VERSION = 1
DEFAULT_TEAMS = 500
DEFAULT_ASSESSMENTS = 8
#: Months between two assessments of a team.
INTERVAL_MONTHS = 6
_TEAM_WORDS = (
    "Checkout",
    "Payments",
    "Search",
    "Catalogue",
    "Identity",
    "Logistics",
    "Pricing",
    "Messaging",
    "Billing",
    "Mobile",
    "Data Platform",
    "Recommendations",
)


def _clamp(level: int) -> int:
    return max(1, min(5, level))


def _write_team(
    workspace: Workspace,
    framework: Framework,
    content: dict[str, Any],
    number: int,
    assessments: int,
    today: dt.date,
    rng: random.Random,
) -> None:
    repository = workspace.repository
    word = _TEAM_WORDS[number % len(_TEAM_WORDS)]
    team = Team(new_id(), f"{word} {number + 1:03d}", f"Generated team {number + 1} ({word}).")
    participants = tuple(ParticipantGroup(**group) for group in content["participants"])
    specs = content["assessments"]
    base_levels = {key: rating.get("level") or 2 for key, rating in specs[0]["ratings"].items()}
    ids: list[str] = []
    with repository.transaction():
        repository.add_team(team)
        previous: str | None = None
        for index in range(assessments):
            spec = specs[min(index, len(specs) - 1)]
            assessment = Assessment(
                id=new_id(),
                team_id=team.id,
                framework=framework.ref,
                date=add_months(today, -INTERVAL_MONTHS * (assessments - index)),
                title=f"{'Reassessment' if index else 'Baseline'} {index + 1}",
                coach=spec["coach"],
                participants=participants,
                scope=tuple(
                    ScopeItem(area.key, spec["timebox_minutes"]) for area in framework.areas
                ),
                status=AssessmentStatus.COMPLETED,
                compares_with=previous,
            )
            repository.add_assessment(assessment, framework)
            for area in framework.areas:
                rating = spec["ratings"].get(area.key, {})
                level = _clamp(
                    base_levels.get(area.key, 2) + index // 3 + rng.choice((-1, 0, 0, 1))
                )
                repository.save_rating(
                    assessment.id,
                    AreaRating(
                        area_key=area.key,
                        level=level,
                        rationale=rating.get("rationale")
                        or f"Agreed level {level} for {area.name}.",
                        votes=tuple(rng.randint(0, 4) for _ in range(5)),  # type: ignore[arg-type]
                    ),
                )
            for question_key in framework.question_keys():
                answer = spec["answers"].get(question_key, {})
                quick = answer.get("quick_answer")
                repository.save_answer(
                    assessment.id,
                    Answer(
                        question_key,
                        answer.get("notes")
                        or f"Notes on {question_key} from workshop {index + 1}.",
                        QuickAnswer(quick) if quick else rng.choice(list(QuickAnswer)),
                        rng.random() < 0.1,
                    ),
                )
            for area in framework.areas:
                if area.survey_statement is not None:
                    counts = spec["survey"].get(area.key) or [0, 1, 2, 3, 3, 2, 1]
                    repository.save_survey_tally(
                        assessment.id, SurveyTally(area.key, tuple(counts))
                    )
            ids.append(assessment.id)
            previous = assessment.id
        _write_plans(workspace, team, content, ids)


def _write_plans(workspace: Workspace, team: Team, content: dict[str, Any], ids: list[str]) -> None:
    """The demo's hypotheses and actions, posed in the first assessment, reviewed in the last."""
    repository = workspace.repository
    first, last = ids[0], ids[-1]
    reviewed_at = dt.datetime.now(dt.UTC)
    for spec in content["hypotheses"]:
        hypothesis = Hypothesis(
            id=new_id(),
            team_id=team.id,
            assessment_id=first,
            capability=spec["capability"],
            outcome=spec["outcome"],
            signal=spec["signal"],
            area_keys=tuple(spec["area_keys"]),
            owner=spec["owner"],
            status=HypothesisStatus(spec["status"]),
            evidence=spec.get("evidence", ""),
        )
        repository.save_hypothesis(hypothesis)
        if len(ids) > 1:
            repository.add_hypothesis_review(
                Review(new_id(), hypothesis.id, last, spec["status"], "Reviewed.", reviewed_at)
            )
    for spec in content["actions"]:
        action = ActionItem(
            id=new_id(),
            team_id=team.id,
            assessment_id=first,
            text=spec["text"],
            area_key=spec.get("area_key"),
            owner=spec["owner"],
            status=ActionStatus(spec["status"]),
        )
        repository.save_action(action)
        if len(ids) > 1:
            repository.add_action_review(
                Review(new_id(), action.id, last, spec["status"], "Reviewed.", reviewed_at)
            )


def generate(
    data_dir: Path,
    teams: int = DEFAULT_TEAMS,
    assessments: int = DEFAULT_ASSESSMENTS,
    *,
    seed: int = 7,
    progress: bool = False,
) -> None:
    """Fill ``data_dir`` (which should be empty) with ``teams`` x ``assessments`` assessments."""
    workspace = open_workspace(data_dir)
    try:
        framework = builtin_framework()
        content = load_demo_content()
        rng = random.Random(seed)
        today = dt.date.today()
        started = time.perf_counter()
        for number in range(teams):
            _write_team(workspace, framework, content, number, assessments, today, rng)
            if progress and (number + 1) % 50 == 0:
                elapsed = time.perf_counter() - started
                print(f"  {number + 1}/{teams} teams ({elapsed:.0f} s)", file=sys.stderr)
        # Leave a compact, checkpointed file, as a clean exit of the app would.
        workspace.database.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        workspace.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__)
    parser.add_argument("data_dir", type=Path, help="the (empty) data folder to fill")
    parser.add_argument("--teams", type=int, default=DEFAULT_TEAMS)
    parser.add_argument("--assessments", type=int, default=DEFAULT_ASSESSMENTS)
    args = parser.parse_args(argv)
    generate(args.data_dir, args.teams, args.assessments, progress=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
