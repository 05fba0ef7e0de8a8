"""The repository: every read and write of the database, in domain objects.

Nothing outside ``sre_workshop.storage`` writes SQL. Each public method that changes data is one
transaction (one user edit = one commit); callers that need several changes to land together
(imports, the demo) wrap them in :meth:`Repository.transaction`.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from sre_workshop.framework import framework_from_dict, framework_to_dict
from sre_workshop.model import (
    ActionItem,
    ActionStatus,
    Answer,
    AreaRating,
    Assessment,
    AssessmentRecord,
    AssessmentStatus,
    Framework,
    FrameworkRef,
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
    VotesSource,
)
from sre_workshop.storage.connection import Database
from sre_workshop.storage.errors import NotFoundError, StorageError


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _datetime(value: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class DatabaseSummary:
    teams: int
    assessments: int
    demo_teams: int


class Repository:
    """Domain-level access to one open :class:`Database`."""

    def __init__(self, database: Database) -> None:
        self.database = database

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several repository calls into one atomic commit."""
        with self.database.transaction():
            yield

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        return self.database.query(sql, params)

    def _one(self, sql: str, params: Sequence[object], what: str) -> sqlite3.Row:
        rows = self._rows(sql, params)
        if not rows:
            raise NotFoundError(what)
        return rows[0]

    # --- frameworks ----------------------------------------------------------------------------

    def store_framework(self, framework: Framework) -> None:
        """Keep a snapshot of a framework so assessments on it read correctly forever."""
        with self.database.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO frameworks (id, version, definition, stored_at)"
                " VALUES (?, ?, ?, ?)",
                (
                    framework.id,
                    framework.version,
                    json.dumps(framework_to_dict(framework), ensure_ascii=False),
                    _now(),
                ),
            )

    def stored_frameworks(self) -> tuple[Framework, ...]:
        rows = self._rows("SELECT id, version, definition FROM frameworks ORDER BY id, version")
        # Trusted: the app stored these itself after checking them in full (see framework.py).
        return tuple(
            framework_from_dict(json.loads(row["definition"]), "database", trusted=True)
            for row in rows
        )

    # --- teams ---------------------------------------------------------------------------------

    def add_team(self, team: Team) -> Team:
        with self.database.transaction() as db:
            db.execute(
                "INSERT INTO teams (id, name, description, is_demo, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    team.id,
                    team.name,
                    team.description,
                    int(team.is_demo),
                    team.created_at.isoformat(),
                ),
            )
        return team

    def update_team(self, team: Team) -> Team:
        with self.database.transaction() as db:
            cursor = db.execute(
                "UPDATE teams SET name = ?, description = ?, is_demo = ? WHERE id = ?",
                (team.name, team.description, int(team.is_demo), team.id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no team with id {team.id}")
        return team

    def delete_team(self, team_id: str) -> None:
        with self.database.transaction() as db:
            cursor = db.execute("DELETE FROM teams WHERE id = ?", (team_id,))
            if cursor.rowcount == 0:
                raise NotFoundError(f"no team with id {team_id}")

    def get_team(self, team_id: str) -> Team:
        return self._team(
            self._one("SELECT * FROM teams WHERE id = ?", (team_id,), f"no team with id {team_id}")
        )

    def find_team(self, team_id: str) -> Team | None:
        rows = self._rows("SELECT * FROM teams WHERE id = ?", (team_id,))
        return self._team(rows[0]) if rows else None

    def list_teams(self) -> tuple[Team, ...]:
        rows = self._rows("SELECT * FROM teams ORDER BY name COLLATE NOCASE, created_at")
        return tuple(self._team(row) for row in rows)

    @staticmethod
    def _team(row: sqlite3.Row) -> Team:
        return Team(
            id=row["id"],
            name=row["name"],
            description=row["description"],
            is_demo=bool(row["is_demo"]),
            created_at=_datetime(row["created_at"]),
        )

    def delete_demo_data(self) -> int:
        """Delete every demo team with all it holds; returns how many teams went."""
        with self.database.transaction() as db:
            return db.execute("DELETE FROM teams WHERE is_demo = 1").rowcount

    def summary(self) -> DatabaseSummary:
        row = self._rows(
            "SELECT (SELECT count(*) FROM teams) AS teams,"
            " (SELECT count(*) FROM assessments) AS assessments,"
            " (SELECT count(*) FROM teams WHERE is_demo = 1) AS demo_teams"
        )[0]
        return DatabaseSummary(row["teams"], row["assessments"], row["demo_teams"])

    # --- assessments ---------------------------------------------------------------------------

    def add_assessment(self, assessment: Assessment, framework: Framework) -> Assessment:
        """Create an assessment on ``framework`` (whose snapshot is stored alongside)."""
        if framework.ref != assessment.framework:
            raise ValueError(f"assessment uses {assessment.framework}, not {framework.ref}")
        with self.database.transaction() as db:
            self.store_framework(framework)
            now = _now()
            db.execute(
                "INSERT INTO assessments (id, team_id, framework_id, framework_version, date,"
                " title, coach, status, compares_with, next_reassessment, is_demo, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    assessment.id,
                    assessment.team_id,
                    assessment.framework.id,
                    assessment.framework.version,
                    assessment.date.isoformat(),
                    assessment.title,
                    assessment.coach,
                    assessment.status.value,
                    assessment.compares_with,
                    _iso(assessment.next_reassessment),
                    int(assessment.is_demo),
                    now,
                    now,
                ),
            )
            self._write_participants_and_scope(db, assessment)
        return assessment

    def update_assessment(self, assessment: Assessment) -> Assessment:
        """Save an assessment's details (date, coach, participants, scope, links, status)."""
        with self.database.transaction() as db:
            cursor = db.execute(
                "UPDATE assessments SET date = ?, title = ?, coach = ?, status = ?,"
                " compares_with = ?, next_reassessment = ?, is_demo = ?, updated_at = ?"
                " WHERE id = ?",
                (
                    assessment.date.isoformat(),
                    assessment.title,
                    assessment.coach,
                    assessment.status.value,
                    assessment.compares_with,
                    _iso(assessment.next_reassessment),
                    int(assessment.is_demo),
                    _now(),
                    assessment.id,
                ),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no assessment with id {assessment.id}")
            db.execute("DELETE FROM participants WHERE assessment_id = ?", (assessment.id,))
            db.execute("DELETE FROM scope WHERE assessment_id = ?", (assessment.id,))
            self._write_participants_and_scope(db, assessment)
        return assessment

    @staticmethod
    def _write_participants_and_scope(db: sqlite3.Connection, assessment: Assessment) -> None:
        db.executemany(
            "INSERT INTO participants (assessment_id, position, role, count, names)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (assessment.id, position, group.role, group.count, group.names)
                for position, group in enumerate(assessment.participants)
            ],
        )
        db.executemany(
            "INSERT INTO scope (assessment_id, area_key, position, timebox_minutes)"
            " VALUES (?, ?, ?, ?)",
            [
                (assessment.id, item.area_key, position, item.timebox_minutes)
                for position, item in enumerate(assessment.scope)
            ],
        )

    def set_assessment_status(self, assessment_id: str, status: AssessmentStatus) -> None:
        with self.database.transaction() as db:
            cursor = db.execute(
                "UPDATE assessments SET status = ?, updated_at = ? WHERE id = ?",
                (status.value, _now(), assessment_id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no assessment with id {assessment_id}")

    def delete_assessment(self, assessment_id: str) -> None:
        with self.database.transaction() as db:
            cursor = db.execute("DELETE FROM assessments WHERE id = ?", (assessment_id,))
            if cursor.rowcount == 0:
                raise NotFoundError(f"no assessment with id {assessment_id}")

    def get_assessment(self, assessment_id: str) -> Assessment:
        row = self._one(
            "SELECT * FROM assessments WHERE id = ?",
            (assessment_id,),
            f"no assessment with id {assessment_id}",
        )
        return self._assessments([row])[0]

    def find_assessment(self, assessment_id: str) -> Assessment | None:
        rows = self._rows("SELECT * FROM assessments WHERE id = ?", (assessment_id,))
        return self._assessments(rows)[0] if rows else None

    def list_assessments(self, team_id: str | None = None) -> tuple[Assessment, ...]:
        """Assessments (of one team, or all), oldest first."""
        if team_id is None:
            rows = self._rows("SELECT * FROM assessments ORDER BY date, created_at")
        else:
            rows = self._rows(
                "SELECT * FROM assessments WHERE team_id = ? ORDER BY date, created_at",
                (team_id,),
            )
        return self._assessments(rows)

    def _assessments(self, rows: Sequence[sqlite3.Row]) -> tuple[Assessment, ...]:
        if not rows:
            return ()
        ids = [row["id"] for row in rows]
        marks = ",".join("?" * len(ids))
        participants: dict[str, list[ParticipantGroup]] = {key: [] for key in ids}
        for row in self._rows(
            f"SELECT * FROM participants WHERE assessment_id IN ({marks})"  # noqa: S608
            " ORDER BY assessment_id, position",
            ids,
        ):
            participants[row["assessment_id"]].append(
                ParticipantGroup(row["role"], row["count"], row["names"])
            )
        scope: dict[str, list[ScopeItem]] = {key: [] for key in ids}
        for row in self._rows(
            f"SELECT * FROM scope WHERE assessment_id IN ({marks})"  # noqa: S608
            " ORDER BY assessment_id, position",
            ids,
        ):
            scope[row["assessment_id"]].append(ScopeItem(row["area_key"], row["timebox_minutes"]))
        return tuple(
            Assessment(
                id=row["id"],
                team_id=row["team_id"],
                framework=FrameworkRef(row["framework_id"], row["framework_version"]),
                date=dt.date.fromisoformat(row["date"]),
                title=row["title"],
                coach=row["coach"],
                participants=tuple(participants[row["id"]]),
                scope=tuple(scope[row["id"]]),
                status=AssessmentStatus(row["status"]),
                compares_with=row["compares_with"],
                next_reassessment=_date(row["next_reassessment"]),
                is_demo=bool(row["is_demo"]),
            )
            for row in rows
        )

    # --- what the room said --------------------------------------------------------------------

    def save_answer(self, assessment_id: str, answer: Answer) -> None:
        with self.database.transaction() as db:
            db.execute(
                "INSERT INTO answers (assessment_id, question_key, notes, quick_answer,"
                " follow_up, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (assessment_id, question_key) DO UPDATE SET notes = excluded.notes,"
                " quick_answer = excluded.quick_answer, follow_up = excluded.follow_up,"
                " updated_at = excluded.updated_at",
                (
                    assessment_id,
                    answer.question_key,
                    answer.notes,
                    answer.quick_answer.value if answer.quick_answer else None,
                    int(answer.follow_up),
                    _now(),
                ),
            )

    def save_rating(self, assessment_id: str, rating: AreaRating) -> None:
        with self.database.transaction() as db:
            db.execute(
                "INSERT INTO ratings (assessment_id, area_key, level, not_applicable,"
                " not_applicable_reason, rationale, votes_1, votes_2, votes_3, votes_4, votes_5,"
                " votes_source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (assessment_id, area_key) DO UPDATE SET level = excluded.level,"
                " not_applicable = excluded.not_applicable,"
                " not_applicable_reason = excluded.not_applicable_reason,"
                " rationale = excluded.rationale, votes_1 = excluded.votes_1,"
                " votes_2 = excluded.votes_2, votes_3 = excluded.votes_3,"
                " votes_4 = excluded.votes_4, votes_5 = excluded.votes_5,"
                " votes_source = excluded.votes_source, updated_at = excluded.updated_at",
                (
                    assessment_id,
                    rating.area_key,
                    rating.level,
                    int(rating.not_applicable),
                    rating.not_applicable_reason,
                    rating.rationale,
                    *rating.votes,
                    rating.votes_source.value,
                    _now(),
                ),
            )

    def save_survey_tally(self, assessment_id: str, tally: SurveyTally) -> None:
        with self.database.transaction() as db:
            db.execute(
                "INSERT INTO survey_tallies (assessment_id, area_key, answers_1, answers_2,"
                " answers_3, answers_4, answers_5, answers_6, answers_7, votes_source, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (assessment_id, area_key) DO UPDATE SET"
                " answers_1 = excluded.answers_1, answers_2 = excluded.answers_2,"
                " answers_3 = excluded.answers_3, answers_4 = excluded.answers_4,"
                " answers_5 = excluded.answers_5, answers_6 = excluded.answers_6,"
                " answers_7 = excluded.answers_7, votes_source = excluded.votes_source,"
                " updated_at = excluded.updated_at",
                (assessment_id, tally.area_key, *tally.counts, tally.votes_source.value, _now()),
            )

    def load_record(self, assessment_id: str) -> AssessmentRecord:
        """An assessment with all its answers, ratings and survey tallies."""
        assessment = self.get_assessment(assessment_id)
        answers = tuple(
            Answer(
                question_key=row["question_key"],
                notes=row["notes"],
                quick_answer=QuickAnswer(row["quick_answer"]) if row["quick_answer"] else None,
                follow_up=bool(row["follow_up"]),
            )
            for row in self._rows(
                "SELECT * FROM answers WHERE assessment_id = ? ORDER BY question_key",
                (assessment_id,),
            )
        )
        ratings = tuple(
            AreaRating(
                area_key=row["area_key"],
                level=row["level"],
                not_applicable=bool(row["not_applicable"]),
                not_applicable_reason=row["not_applicable_reason"],
                rationale=row["rationale"],
                votes=(
                    row["votes_1"],
                    row["votes_2"],
                    row["votes_3"],
                    row["votes_4"],
                    row["votes_5"],
                ),
                votes_source=VotesSource(row["votes_source"]),
            )
            for row in self._rows(
                "SELECT * FROM ratings WHERE assessment_id = ? ORDER BY area_key",
                (assessment_id,),
            )
        )
        survey = tuple(
            SurveyTally(
                area_key=row["area_key"],
                counts=(
                    row["answers_1"],
                    row["answers_2"],
                    row["answers_3"],
                    row["answers_4"],
                    row["answers_5"],
                    row["answers_6"],
                    row["answers_7"],
                ),
                votes_source=VotesSource(row["votes_source"]),
            )
            for row in self._rows(
                "SELECT * FROM survey_tallies WHERE assessment_id = ? ORDER BY area_key",
                (assessment_id,),
            )
        )
        return AssessmentRecord(assessment, answers, ratings, survey)

    # --- hypotheses ----------------------------------------------------------------------------

    def save_hypothesis(self, hypothesis: Hypothesis) -> Hypothesis:
        """Create or update a hypothesis (matched by id)."""
        with self.database.transaction() as db:
            now = _now()
            db.execute(
                "INSERT INTO hypotheses (id, team_id, assessment_id, capability, outcome, signal,"
                " owner, status, review_date, evidence, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET capability = excluded.capability,"
                " outcome = excluded.outcome, signal = excluded.signal, owner = excluded.owner,"
                " status = excluded.status, review_date = excluded.review_date,"
                " evidence = excluded.evidence, updated_at = excluded.updated_at",
                (
                    hypothesis.id,
                    hypothesis.team_id,
                    hypothesis.assessment_id,
                    hypothesis.capability,
                    hypothesis.outcome,
                    hypothesis.signal,
                    hypothesis.owner,
                    hypothesis.status.value,
                    _iso(hypothesis.review_date),
                    hypothesis.evidence,
                    hypothesis.created_at.isoformat(),
                    now,
                ),
            )
            db.execute("DELETE FROM hypothesis_areas WHERE hypothesis_id = ?", (hypothesis.id,))
            db.executemany(
                "INSERT INTO hypothesis_areas (hypothesis_id, area_key, position) VALUES (?, ?, ?)",
                [
                    (hypothesis.id, key, position)
                    for position, key in enumerate(dict.fromkeys(hypothesis.area_keys))
                ],
            )
        return hypothesis

    def delete_hypothesis(self, hypothesis_id: str) -> None:
        with self.database.transaction() as db:
            db.execute("DELETE FROM hypotheses WHERE id = ?", (hypothesis_id,))

    def get_hypothesis(self, hypothesis_id: str) -> Hypothesis:
        row = self._one(
            "SELECT * FROM hypotheses WHERE id = ?",
            (hypothesis_id,),
            f"no hypothesis with id {hypothesis_id}",
        )
        return self._hypotheses([row])[0]

    def list_hypotheses(
        self, *, team_id: str | None = None, assessment_id: str | None = None
    ) -> tuple[Hypothesis, ...]:
        """Hypotheses of a team or posed in one assessment, oldest first."""
        where, params = self._where(team_id=team_id, assessment_id=assessment_id)
        sql = f"SELECT * FROM hypotheses {where} ORDER BY created_at, id"  # noqa: S608
        rows = self._rows(sql, params)
        return self._hypotheses(rows)

    def _hypotheses(self, rows: Sequence[sqlite3.Row]) -> tuple[Hypothesis, ...]:
        areas: dict[str, list[str]] = {row["id"]: [] for row in rows}
        if rows:
            marks = ",".join("?" * len(areas))
            for area_row in self._rows(
                f"SELECT * FROM hypothesis_areas WHERE hypothesis_id IN ({marks})"  # noqa: S608
                " ORDER BY hypothesis_id, position",
                list(areas),
            ):
                areas[area_row["hypothesis_id"]].append(area_row["area_key"])
        return tuple(
            Hypothesis(
                id=row["id"],
                team_id=row["team_id"],
                assessment_id=row["assessment_id"],
                capability=row["capability"],
                outcome=row["outcome"],
                signal=row["signal"],
                area_keys=tuple(areas[row["id"]]),
                owner=row["owner"],
                status=HypothesisStatus(row["status"]),
                review_date=_date(row["review_date"]),
                evidence=row["evidence"],
                created_at=_datetime(row["created_at"]),
            )
            for row in rows
        )

    # --- action items --------------------------------------------------------------------------

    def save_action(self, action: ActionItem) -> ActionItem:
        """Create or update an action item (matched by id)."""
        with self.database.transaction() as db:
            db.execute(
                "INSERT INTO actions (id, team_id, assessment_id, text, area_key, owner, due_date,"
                " status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET text = excluded.text,"
                " area_key = excluded.area_key, owner = excluded.owner,"
                " due_date = excluded.due_date, status = excluded.status,"
                " updated_at = excluded.updated_at",
                (
                    action.id,
                    action.team_id,
                    action.assessment_id,
                    action.text,
                    action.area_key,
                    action.owner,
                    _iso(action.due_date),
                    action.status.value,
                    action.created_at.isoformat(),
                    _now(),
                ),
            )
        return action

    def delete_action(self, action_id: str) -> None:
        with self.database.transaction() as db:
            db.execute("DELETE FROM actions WHERE id = ?", (action_id,))

    def get_action(self, action_id: str) -> ActionItem:
        row = self._one(
            "SELECT * FROM actions WHERE id = ?",
            (action_id,),
            f"no action item with id {action_id}",
        )
        return self._action(row)

    def list_actions(
        self, *, team_id: str | None = None, assessment_id: str | None = None
    ) -> tuple[ActionItem, ...]:
        where, params = self._where(team_id=team_id, assessment_id=assessment_id)
        sql = f"SELECT * FROM actions {where} ORDER BY created_at, id"  # noqa: S608
        rows = self._rows(sql, params)
        return tuple(self._action(row) for row in rows)

    @staticmethod
    def _action(row: sqlite3.Row) -> ActionItem:
        return ActionItem(
            id=row["id"],
            team_id=row["team_id"],
            assessment_id=row["assessment_id"],
            text=row["text"],
            area_key=row["area_key"],
            owner=row["owner"],
            due_date=_date(row["due_date"]),
            status=ActionStatus(row["status"]),
            created_at=_datetime(row["created_at"]),
        )

    @staticmethod
    def _where(**conditions: str | None) -> tuple[str, list[str]]:
        """A WHERE clause over the given columns (None means no condition), with parameters.

        Only column names from this module reach the SQL text; values are always parameters.
        """
        used = {column: value for column, value in conditions.items() if value is not None}
        if not used:
            return "", []
        clause = "WHERE " + " AND ".join(f"{column} = ?" for column in used)
        return clause, list(used.values())

    # --- reviews of hypotheses and actions -----------------------------------------------------

    def add_hypothesis_review(self, review: Review) -> Review:
        return self._add_review("hypothesis_reviews", "hypothesis_id", review)

    def add_action_review(self, review: Review) -> Review:
        return self._add_review("action_reviews", "action_id", review)

    def hypothesis_reviews(
        self, *, item_id: str | None = None, assessment_id: str | None = None
    ) -> tuple[Review, ...]:
        return self._reviews("hypothesis_reviews", "hypothesis_id", item_id, assessment_id)

    def action_reviews(
        self, *, item_id: str | None = None, assessment_id: str | None = None
    ) -> tuple[Review, ...]:
        return self._reviews("action_reviews", "action_id", item_id, assessment_id)

    def _add_review(self, table: str, item_column: str, review: Review) -> Review:
        with self.database.transaction() as db:
            db.execute(
                f"INSERT INTO {table} (id, {item_column}, assessment_id, status, evidence,"  # noqa: S608
                " reviewed_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    review.id,
                    review.item_id,
                    review.assessment_id,
                    review.status,
                    review.evidence,
                    review.reviewed_at.isoformat(),
                ),
            )
        return review

    def _reviews(
        self, table: str, item_column: str, item_id: str | None, assessment_id: str | None
    ) -> tuple[Review, ...]:
        where, params = self._where(**{item_column: item_id, "assessment_id": assessment_id})
        sql = f"SELECT * FROM {table} {where} ORDER BY reviewed_at, id"  # noqa: S608
        rows = self._rows(sql, params)
        return tuple(
            Review(
                id=row["id"],
                item_id=row[item_column],
                assessment_id=row["assessment_id"],
                status=row["status"],
                evidence=row["evidence"],
                reviewed_at=_datetime(row["reviewed_at"]),
            )
            for row in rows
        )

    # --- reports -------------------------------------------------------------------------------

    def add_report(self, report: ReportRecord) -> ReportRecord:
        with self.database.transaction() as db:
            db.execute(
                "INSERT INTO reports (id, assessment_id, compared_id, path, created_at, sha256,"
                " preset, sections) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    report.id,
                    report.assessment_id,
                    report.compared_id,
                    report.path,
                    report.created_at.isoformat(),
                    report.sha256,
                    report.preset,
                    json.dumps(list(report.sections)),
                ),
            )
        return report

    def list_reports(self, assessment_id: str | None = None) -> tuple[ReportRecord, ...]:
        if assessment_id is None:
            rows = self._rows("SELECT * FROM reports ORDER BY created_at DESC")
        else:
            rows = self._rows(
                "SELECT * FROM reports WHERE assessment_id = ? ORDER BY created_at DESC",
                (assessment_id,),
            )
        return tuple(
            ReportRecord(
                id=row["id"],
                assessment_id=row["assessment_id"],
                compared_id=row["compared_id"],
                path=row["path"],
                created_at=_datetime(row["created_at"]),
                sha256=row["sha256"],
                preset=row["preset"],
                sections=tuple(json.loads(row["sections"])),
            )
            for row in rows
        )

    def delete_report(self, report_id: str) -> None:
        with self.database.transaction() as db:
            db.execute("DELETE FROM reports WHERE id = ?", (report_id,))

    # --- settings ------------------------------------------------------------------------------

    def load_settings(self) -> Settings:
        values = {row["key"]: row["value"] for row in self._rows("SELECT * FROM settings")}
        defaults = Settings()
        try:
            return Settings(
                coach_name=values.get("coach_name", defaults.coach_name),
                default_timebox_minutes=int(
                    values.get("default_timebox_minutes", defaults.default_timebox_minutes)
                ),
                reports_folder=values.get("reports_folder", defaults.reports_folder),
                dead_band=float(values.get("dead_band", defaults.dead_band)),
                min_votes_to_show=int(values.get("min_votes_to_show", defaults.min_votes_to_show)),
            )
        except ValueError as exc:
            raise StorageError(f"A stored setting is not valid: {exc}") from exc

    def save_settings(self, settings: Settings) -> Settings:
        validate_settings(settings)
        values = {
            "coach_name": settings.coach_name,
            "default_timebox_minutes": str(settings.default_timebox_minutes),
            "reports_folder": settings.reports_folder,
            "dead_band": repr(float(settings.dead_band)),
            "min_votes_to_show": str(settings.min_votes_to_show),
        }
        with self.database.transaction() as db:
            db.executemany(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                list(values.items()),
            )
        return settings


def validate_settings(settings: Settings) -> None:
    """Raise ValueError naming the first setting that is out of range."""
    from sre_workshop.model import check_text

    check_text("coach name", settings.coach_name)
    check_text("reports folder", settings.reports_folder)
    if not 0 <= settings.default_timebox_minutes <= 240:
        raise ValueError("default timebox must be 0 to 240 minutes")
    if not 0.0 <= settings.dead_band <= 4.0 or settings.dead_band != settings.dead_band:
        raise ValueError("comparison dead band must be between 0 and 4 levels")
    if not 0 <= settings.min_votes_to_show <= 100:
        raise ValueError("minimum votes to show must be 0 to 100")
