"""Storage: migrations, pragmas, the repository's round trips, backups and refusals."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from sre_workshop.framework import builtin_framework
from sre_workshop.model import (
    ActionItem,
    ActionStatus,
    Answer,
    AreaRating,
    Assessment,
    AssessmentStatus,
    Hypothesis,
    HypothesisStatus,
    ParticipantGroup,
    QuickAnswer,
    ReportRecord,
    Review,
    ScopeItem,
    Settings,
    SurveyTally,
    Team,
    new_id,
)
from sre_workshop.storage import (
    NewerDatabaseError,
    NotFoundError,
    Repository,
    StorageError,
    open_database,
    schema_version,
)
from sre_workshop.storage.connection import bundled_migrations


def open_repo(data: Path) -> Repository:
    database = open_database(data / "db.sqlite3", backups_dir=data / "backups")
    return Repository(database)


def make_assessment(repo: Repository, **changes: object) -> Assessment:
    framework = builtin_framework()
    team = repo.add_team(Team(new_id(), "Payments"))
    assessment = Assessment(
        id=new_id(),
        team_id=team.id,
        framework=framework.ref,
        date=dt.date(2026, 3, 10),
        coach="Dana",
        participants=(ParticipantGroup("Development", 5, "Ann, Bo"), ParticipantGroup("Ops", 2)),
        scope=(ScopeItem("process.on-call", 15), ScopeItem("culture.risks-shared", 10)),
    )
    return repo.add_assessment(replace(assessment, **changes), framework)  # type: ignore[arg-type]


def test_new_database_has_current_schema_and_durable_pragmas(tmp_path: Path) -> None:
    repo = open_repo(tmp_path)
    connection = repo.database.connection
    assert repo.database.user_version() == schema_version() == len(bundled_migrations())
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    # An empty new database needs no pre-migration backup.
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").iterdir())


def test_migration_from_previous_version_keeps_data_and_backs_up_first(tmp_path: Path) -> None:
    path, backups = tmp_path / "db.sqlite3", tmp_path / "backups"
    first_only = bundled_migrations()[:1]
    old = open_database(path, backups_dir=backups, migrations=first_only)
    assert old.user_version() == 1
    with old.transaction() as db:
        db.execute(
            "INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)",
            (new_id(), "Legacy team", "2026-01-01T00:00:00+00:00"),
        )
    old.close()

    repo = open_repo(tmp_path)
    assert repo.database.user_version() == schema_version()
    assert [team.name for team in repo.list_teams()] == ["Legacy team"]
    backup_files = list(backups.glob("*before-migration-v1.sqlite3"))
    assert len(backup_files) == 1
    with sqlite3.connect(backup_files[0]) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT name FROM teams").fetchall() == [("Legacy team",)]


def test_database_from_newer_version_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    open_repo(tmp_path).database.close()
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {schema_version() + 5}")
    raw.close()
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError) as caught:
        open_database(path, backups_dir=tmp_path / "backups")
    message = str(caught.value)
    assert f"version {schema_version() + 5}" in message
    assert f"up to version {schema_version()}" in message
    assert path.read_bytes() == before

    read_only = open_database(path, backups_dir=tmp_path / "backups", allow_newer_read_only=True)
    assert read_only.read_only
    with pytest.raises(StorageError, match="read-only"), read_only.transaction():
        pass
    read_only.close()


def test_a_folder_where_the_database_should_be_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "db.sqlite3").mkdir()
    with pytest.raises(StorageError, match="is a folder"):
        open_repo(tmp_path)


def test_garbage_file_is_reported_as_damaged(tmp_path: Path) -> None:
    (tmp_path / "db.sqlite3").write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StorageError, match="damaged"):
        open_repo(tmp_path)


def test_team_crud(tmp_path: Path) -> None:
    repo = open_repo(tmp_path)
    team = repo.add_team(Team(new_id(), "Zeta", "second"))
    repo.add_team(Team(new_id(), "alpha"))
    assert [t.name for t in repo.list_teams()] == ["alpha", "Zeta"]
    repo.update_team(replace(team, name="Zeta Ops"))
    assert repo.get_team(team.id).name == "Zeta Ops"
    assert repo.get_team(team.id).description == "second"
    repo.delete_team(team.id)
    with pytest.raises(NotFoundError):
        repo.get_team(team.id)


def test_assessment_round_trip_and_edits(tmp_path: Path) -> None:
    repo = open_repo(tmp_path)
    assessment = make_assessment(repo)
    assert repo.get_assessment(assessment.id) == assessment
    assert assessment.reassessment_due == dt.date(2026, 9, 10)

    changed = replace(
        assessment,
        status=AssessmentStatus.IN_PROGRESS,
        scope=(ScopeItem("culture.risks-shared", 20),),
        participants=(ParticipantGroup("Product", 1, "Zoë"),),
        next_reassessment=dt.date(2026, 8, 1),
    )
    repo.update_assessment(changed)
    assert repo.get_assessment(assessment.id) == changed
    assert repo.list_assessments(assessment.team_id) == (changed,)


def test_captures_survive_reopening(tmp_path: Path) -> None:
    repo = open_repo(tmp_path)
    assessment = make_assessment(repo)
    note = "Rotation: <b>Tom & Jerry</b> 🚀 Привет Ελλάδα \u202eRTL\x00nul"
    repo.save_answer(assessment.id, Answer("process.on-call.rotations", note, QuickAnswer.PARTLY))
    repo.save_answer(assessment.id, Answer("process.on-call.rotations", note + "!", None, True))
    repo.save_rating(
        assessment.id, AreaRating("process.on-call", 3, rationale="agreed", votes=(0, 1, 4, 2, 0))
    )
    repo.save_rating(
        assessment.id,
        AreaRating("culture.risks-shared", None, True, "no ops team yet", votes=(0, 0, 0, 0, 0)),
    )
    repo.save_survey_tally(
        assessment.id, SurveyTally("culture.risks-shared", (0, 1, 2, 3, 1, 0, 0))
    )
    repo.database.close()

    reopened = open_repo(tmp_path).load_record(assessment.id)
    assert reopened.answer("process.on-call.rotations") == Answer(
        "process.on-call.rotations", note + "!", None, True
    )
    assert reopened.rating("process.on-call").votes == (0, 1, 4, 2, 0)
    assert reopened.rating("culture.risks-shared").not_applicable
    assert reopened.survey_tally("culture.risks-shared").total == 7


def test_deleting_a_team_removes_everything_it_holds(tmp_path: Path) -> None:
    repo = open_repo(tmp_path)
    assessment = make_assessment(repo)
    repo.save_rating(assessment.id, AreaRating("process.on-call", 2))
    repo.delete_team(assessment.team_id)
    tables = ("assessments", "ratings", "scope", "participants")
    for table in tables:
        assert repo.database.query(f"SELECT count(*) FROM {table}")[0][0] == 0  # noqa: S608


def test_hypotheses_actions_and_reviews(tmp_path: Path) -> None:
    repo = open_repo(tmp_path)
    assessment = make_assessment(repo)
    hypothesis = repo.save_hypothesis(
        Hypothesis(
            new_id(),
            assessment.team_id,
            assessment.id,
            capability="paging policy",
            outcome="faster recovery",
            signal="MTTR under 30 min",
            area_keys=("process.on-call", "process.incident-response"),
            owner="Kim",
            review_date=dt.date(2026, 6, 1),
        )
    )
    assert repo.list_hypotheses(team_id=assessment.team_id) == (hypothesis,)
    moved = repo.save_hypothesis(replace(hypothesis, status=HypothesisStatus.VALIDATED))
    assert repo.get_hypothesis(hypothesis.id).status is HypothesisStatus.VALIDATED
    assert moved.area_keys == repo.get_hypothesis(hypothesis.id).area_keys

    action = repo.save_action(
        ActionItem(
            new_id(),
            assessment.team_id,
            assessment.id,
            "Write runbooks",
            "process.on-call",
            "Lee",
            dt.date(2026, 4, 1),
        )
    )
    assert action.is_overdue(dt.date(2026, 5, 1))
    assert not replace(action, status=ActionStatus.DONE).is_overdue(dt.date(2026, 5, 1))
    review = repo.add_action_review(Review(new_id(), action.id, assessment.id, "done", "merged"))
    assert repo.action_reviews(item_id=action.id) == (review,)
    assert repo.hypothesis_reviews(item_id=hypothesis.id) == ()


def test_reports_are_recorded(tmp_path: Path) -> None:
    repo = open_repo(tmp_path)
    assessment = make_assessment(repo)
    record = ReportRecord(
        new_id(),
        assessment.id,
        None,
        "/reports/x.pdf",
        dt.datetime(2026, 3, 11, 9, 0, tzinfo=dt.UTC),
        "ab" * 32,
        "full",
        ("cover", "summary"),
    )
    repo.add_report(record)
    assert repo.list_reports(assessment.id) == (record,)


def test_settings_round_trip_and_validation(tmp_path: Path) -> None:
    repo = open_repo(tmp_path)
    assert repo.load_settings() == Settings()
    wanted = Settings(
        coach_name="Dana Ø",
        default_timebox_minutes=20,
        reports_folder="/r",
        dead_band=0.25,
        min_votes_to_show=3,
    )
    repo.save_settings(wanted)
    assert repo.load_settings() == wanted
    with pytest.raises(ValueError, match="dead band"):
        repo.save_settings(Settings(dead_band=-1))


def test_failed_transaction_leaves_nothing_behind(tmp_path: Path) -> None:
    repo = open_repo(tmp_path)
    with pytest.raises(RuntimeError), repo.transaction():
        repo.add_team(Team(new_id(), "Half written"))
        raise RuntimeError("boom")
    assert repo.list_teams() == ()


def test_model_refuses_text_over_the_limit_and_lone_surrogates() -> None:
    with pytest.raises(ValueError, match="limit is 200,000"):
        Answer("k", "x" * 200_001)
    with pytest.raises(ValueError, match="unpaired surrogate"):
        Team(new_id(), "bad \ud800 name")
    assert Answer("k", "x" * 200_000).notes


def test_read_only_folder_gives_a_clear_error(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StorageError):
            open_repo(folder)
    finally:
        folder.chmod(0o700)
