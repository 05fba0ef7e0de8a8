"""Room votes in storage: the marker migrates in, round-trips, and reaches the PDF."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from sre_workshop.capture import CaptureSession
from sre_workshop.model import ScopeItem, VotesSource
from sre_workshop.storage.connection import bundled_migrations
from sre_workshop.workflows import create_team, plan_assessment
from sre_workshop.workspace import open_workspace

ON_CALL = "process.on-call"
CULTURE = "culture.risks-shared"


def test_an_older_database_gains_the_marker_and_keeps_its_tallies(isolated_data_dir: Path) -> None:
    workspace = open_workspace(isolated_data_dir)
    team = create_team(workspace, "Team")
    assessment = plan_assessment(
        workspace, team.id, date=dt.date(2026, 3, 1), scope=(ScopeItem(ON_CALL, 10),)
    )
    CaptureSession(workspace, assessment.id).set_vote_count(ON_CALL, 3, 4)
    path = workspace.database.path
    workspace.close()
    # Make it a version-2 database again, as an older app left it.
    with sqlite3.connect(path) as connection:
        connection.execute("ALTER TABLE ratings DROP COLUMN votes_source")
        connection.execute("ALTER TABLE survey_tallies DROP COLUMN votes_source")
        connection.execute("PRAGMA user_version = 2")
    connection.close()

    reopened = open_workspace(isolated_data_dir)
    try:
        assert reopened.database.user_version() == len(bundled_migrations())
        rating = reopened.repository.load_record(assessment.id).rating(ON_CALL)
        assert rating.votes == (0, 0, 4, 0, 0) and rating.votes_source is VotesSource.MANUAL
        with pytest.raises(sqlite3.IntegrityError):
            reopened.database.connection.execute(
                "UPDATE ratings SET votes_source = 'somewhere' WHERE area_key = ?", (ON_CALL,)
            )
    finally:
        reopened.close()


def test_room_votes_round_trip_and_a_hand_edit_marks_them_typed(isolated_data_dir: Path) -> None:
    workspace = open_workspace(isolated_data_dir)
    try:
        team = create_team(workspace, "Team")
        assessment = plan_assessment(
            workspace,
            team.id,
            date=dt.date(2026, 3, 1),
            scope=(ScopeItem(CULTURE, 10), ScopeItem(ON_CALL, 10)),
        )
        session = CaptureSession(workspace, assessment.id)
        session.set_room_votes(ON_CALL, (0, 1, 5, 2, 0))
        session.set_room_survey(CULTURE, (0, 0, 1, 2, 3, 1, 0))
        record = workspace.repository.load_record(assessment.id)
        assert record.rating(ON_CALL).votes_source is VotesSource.ROOM
        assert record.survey_tally(CULTURE).votes_source is VotesSource.ROOM
        assert record.survey_tally(CULTURE).counts == (0, 0, 1, 2, 3, 1, 0)

        session.set_vote_count(ON_CALL, 1, 1)
        session.set_survey_count(CULTURE, 7, 1)
        record = workspace.repository.load_record(assessment.id)
        assert record.rating(ON_CALL).votes == (1, 1, 5, 2, 0)
        assert record.rating(ON_CALL).votes_source is VotesSource.MANUAL
        assert record.survey_tally(CULTURE).votes_source is VotesSource.MANUAL
    finally:
        workspace.close()


def test_the_report_says_the_votes_came_from_phones(
    isolated_data_dir: Path, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from sre_workshop.report import export_report

    workspace = open_workspace(isolated_data_dir)
    try:
        team = create_team(workspace, "Team")
        assessment = plan_assessment(
            workspace, team.id, date=dt.date(2026, 3, 1), scope=(ScopeItem(ON_CALL, 10),)
        )
        session = CaptureSession(workspace, assessment.id)
        session.set_room_votes(ON_CALL, (0, 1, 5, 2, 0))
        session.set_level(ON_CALL, 3)
        record = export_report(workspace, assessment.id, out=tmp_path / "report.pdf")
        text = " ".join(page.extract_text() or "" for page in PdfReader(record.path).pages)
        assert "8 votes cast from phones" in " ".join(text.split())
    finally:
        workspace.close()
