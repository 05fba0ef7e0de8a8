"""Bundles: export, write, read and import between two data folders ("laptops").

The promises tested here: a round trip loses nothing (every field of every object), importing
the same file again changes nothing, and every kind of bad file is refused with a message that
names the file, the place and the problem while the database stays exactly as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sre_workshop import bundle as bundle_module
from sre_workshop import workflows
from sre_workshop.atomic import WriteError
from sre_workshop.bundle import (
    BUNDLE_FORMAT,
    BUNDLE_VERSION,
    MAX_BUNDLE_BYTES,
    BundleError,
    ImportResult,
    export_assessment_bundle,
    export_team_bundle,
    import_bundle,
    read_bundle,
    write_bundle,
)
from sre_workshop.capture import CaptureSession
from sre_workshop.framework import builtin_framework, framework_to_dict
from sre_workshop.model import (
    ActionItem,
    ActionStatus,
    Answer,
    AreaRating,
    Assessment,
    AssessmentRecord,
    AssessmentStatus,
    FrameworkRef,
    Hypothesis,
    HypothesisStatus,
    ParticipantGroup,
    QuickAnswer,
    SurveyTally,
    Team,
    VotesSource,
    new_id,
)
from sre_workshop.resources import resource_path
from sre_workshop.storage import StorageError
from sre_workshop.workspace import Workspace, open_workspace

FANCY = '<b>Tom & Jerry</b> <img src=x> 🚀 Привет, мир · שלום עולם · مرحبا "quoted" \\ back'


# --- building test data ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Built:
    team: Team
    first: Assessment
    second: Assessment
    hypotheses: tuple[Hypothesis, ...]
    actions: tuple[ActionItem, ...]


def populate(workspace: Workspace, label: str = "", *, name: str = "Payments") -> Built:
    """A team with an assessment and its reassessment, holding one of everything.

    ``label`` is appended to every free-text field, so a test can put markup and emoji in all
    of them at once.
    """
    repo = workspace.repository
    framework = builtin_framework()
    team = repo.add_team(Team(new_id(), f"{name} {label}".strip(), f"Checkout and refunds {label}"))
    first = workflows.plan_assessment(
        workspace,
        team.id,
        date=dt.date(2026, 1, 15),
        framework=framework,
        coach=f"Alex Coach {label}",
        participants=[
            ParticipantGroup(f"Developers {label}", 5, f"Ann, Bob {label}"),
            ParticipantGroup("Operations", 3),
        ],
        title=f"Baseline {label}",
    )
    repo.save_answer(
        first.id,
        Answer(
            "process.on-call.coverage",
            notes=f"Nights are covered by one person\nwho is tired {label}",
            quick_answer=QuickAnswer.PARTLY,
            follow_up=True,
        ),
    )
    repo.save_answer(
        first.id, Answer("culture.high-cooperation.shared-goals", notes=f"Shared SLOs {label}")
    )
    repo.save_rating(
        first.id, AreaRating("culture.high-cooperation", level=3, votes=(0, 0, 5, 1, 0))
    )
    repo.save_rating(
        first.id,
        AreaRating(
            "process.on-call", level=2, rationale=f"Ad hoc rota {label}", votes=(1, 4, 2, 0, 0)
        ),
    )
    repo.save_rating(
        first.id,
        AreaRating(
            "process.regulatory-compliance",
            not_applicable=True,
            not_applicable_reason=f"No regulator {label}",
        ),
    )
    repo.save_survey_tally(first.id, SurveyTally("culture.high-cooperation", (0, 1, 2, 3, 1, 0, 0)))
    repo.save_survey_tally(first.id, SurveyTally("culture.risks-shared", (1, 0, 0, 0, 0, 0, 2)))
    repo.set_assessment_status(first.id, AssessmentStatus.COMPLETED)

    open_hypothesis = repo.save_hypothesis(
        Hypothesis(
            new_id(),
            team.id,
            first.id,
            capability=f"self-service on-call dashboard {label}",
            outcome=f"faster incident response {label}",
            signal=f"median time to acknowledge under 5 minutes {label}",
            area_keys=("process.on-call", "process.incident-response"),
            owner=f"Dana {label}",
            review_date=dt.date(2026, 4, 1),
            created_at=dt.datetime(2026, 1, 15, 10, 30, 0, 123456, tzinfo=dt.UTC),
        )
    )
    dropped = repo.save_hypothesis(
        Hypothesis(
            new_id(),
            team.id,
            first.id,
            capability=f"pager rotation {label}",
            outcome=f"fewer missed pages {label}",
            signal=f"no missed page in a month {label}",
            status=HypothesisStatus.DROPPED,
            evidence=f"Superseded {label}",
            created_at=dt.datetime(2026, 1, 15, 10, 45, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        )
    )
    runbook = repo.save_action(
        ActionItem(
            new_id(),
            team.id,
            first.id,
            text=f"Write the on-call runbook {label}",
            area_key="process.on-call",
            owner=f"Sam {label}",
            due_date=dt.date(2026, 3, 1),
            created_at=dt.datetime(2026, 1, 15, 11, 0, tzinfo=dt.UTC),
        )
    )
    plain = repo.save_action(
        ActionItem(
            new_id(),
            team.id,
            first.id,
            text=f"Book the next workshop {label}",
            created_at=dt.datetime(2026, 1, 15, 11, 5, tzinfo=dt.UTC),
        )
    )

    second = workflows.reassess(workspace, team.id, date=dt.date(2026, 7, 15))
    assert second.compares_with == first.id
    workflows.start_assessment(workspace, second.id)
    repo.save_rating(
        second.id,
        AreaRating(
            "process.on-call", level=3, rationale=f"Rota agreed {label}", votes=(0, 1, 4, 1, 0)
        ),
    )
    repo.save_rating(second.id, AreaRating("culture.high-cooperation", level=3))
    repo.save_answer(
        second.id, Answer("process.on-call.coverage", notes=f"Better {label}", follow_up=False)
    )
    workflows.review_hypothesis(
        workspace, open_hypothesis.id, second.id, HypothesisStatus.VALIDATED, f"MTTA 4 min {label}"
    )
    workflows.review_action(workspace, runbook.id, second.id, ActionStatus.DONE, f"Done {label}")
    posed_later = repo.save_hypothesis(
        Hypothesis(
            new_id(),
            team.id,
            second.id,
            capability=f"error budget policy {label}",
            outcome=f"calmer releases {label}",
            signal=f"fewer rollbacks {label}",
            area_keys=("process.production-release",),
            created_at=dt.datetime(2026, 7, 15, 9, 0, tzinfo=dt.UTC),
        )
    )
    return Built(
        team=repo.get_team(team.id),
        first=repo.get_assessment(first.id),
        second=repo.get_assessment(second.id),
        hypotheses=(repo.get_hypothesis(open_hypothesis.id), dropped, posed_later),
        actions=(repo.get_action(runbook.id), plain),
    )


def snapshot(workspace: Workspace, team_id: str) -> dict[str, Any]:
    """Every domain object of a team, as the repository reads it back."""
    repo = workspace.repository
    hypotheses = repo.list_hypotheses(team_id=team_id)
    actions = repo.list_actions(team_id=team_id)
    records = [repo.load_record(item.id) for item in repo.list_assessments(team_id)]
    return {
        "team": repo.get_team(team_id),
        "records": records,
        "hypotheses": hypotheses,
        "actions": actions,
        "hypothesis_reviews": [repo.hypothesis_reviews(item_id=item.id) for item in hypotheses],
        "action_reviews": [repo.action_reviews(item_id=item.id) for item in actions],
        "frameworks": [workspace.framework_for(record.assessment) for record in records],
    }


def assert_same(expected: object, actual: object, path: str = "") -> None:
    """Compare field by field, so a failure names the field that differs."""
    if dataclasses.is_dataclass(expected) and not isinstance(expected, type):
        assert type(actual) is type(expected), path
        for item in dataclasses.fields(expected):
            if item.name == "source":  # where a framework was loaded from, not its content
                continue
            assert_same(
                getattr(expected, item.name), getattr(actual, item.name), f"{path}.{item.name}"
            )
    elif isinstance(expected, list | tuple):
        assert isinstance(actual, list | tuple), path
        assert len(actual) == len(expected), f"{path}: {len(actual)} != {len(expected)}"
        for index, (left, right) in enumerate(zip(expected, actual, strict=True)):
            assert_same(left, right, f"{path}[{index}]")
    elif isinstance(expected, dict):
        assert isinstance(actual, dict), path
        assert actual.keys() == expected.keys(), path
        for key in expected:
            assert_same(expected[key], actual[key], f"{path}.{key}")
    else:
        assert type(actual) is type(expected), f"{path}: {type(actual)} != {type(expected)}"
        assert actual == expected, f"{path}: {actual!r} != {expected!r}"
        if isinstance(expected, dt.datetime) and isinstance(actual, dt.datetime):
            assert actual.utcoffset() == expected.utcoffset(), path


def dump(workspace: Workspace) -> str:
    return "\n".join(workspace.database.connection.iterdump())


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "data")
    yield workspace
    workspace.close()


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Workspace]:
    """An empty second laptop."""
    workspace = open_workspace(tmp_path / "other-laptop")
    yield workspace
    workspace.close()


@pytest.fixture
def built(source: Workspace) -> Built:
    return populate(source)


def write(tmp_path: Path, data: dict[str, Any], name: str = "bundle.json") -> Path:
    return write_bundle(data, tmp_path / name)


# --- round trips -------------------------------------------------------------------------------


def test_team_bundle_round_trip_into_an_empty_workspace(
    source: Workspace, target: Workspace, built: Built, tmp_path: Path
) -> None:
    path = write(tmp_path, export_team_bundle(source, built.team.id))
    result = import_bundle(target, path)

    assert result.teams_added == 1
    assert result.assessments_added == 2
    assert result.hypotheses_added == 3
    assert result.actions_added == 2
    assert result.reviews_added == 2
    assert result.skipped_assessments == ()
    assert result.frameworks_added == ()  # the built-in framework is installed on both
    assert result.backup is None  # the target database held no team
    assert_same(snapshot(source, built.team.id), snapshot(target, built.team.id))
    assert "Imported 2 assessments" in result.summary()
    assert built.team.name in result.summary()


def test_assessment_bundle_round_trip_brings_what_it_compares_with(
    source: Workspace, target: Workspace, built: Built, tmp_path: Path
) -> None:
    data = export_assessment_bundle(source, built.second.id)
    assert data["kind"] == "assessment"
    assert [item["id"] for item in data["assessments"]] == [built.first.id, built.second.id]
    path = write(tmp_path, data)
    result = import_bundle(target, path)

    assert result.assessments_added == 2
    # Here the team holds exactly the bundle's assessments, so the whole team must match.
    assert_same(snapshot(source, built.team.id), snapshot(target, built.team.id))


def test_assessment_bundle_of_the_first_leaves_the_later_one_out(
    source: Workspace, target: Workspace, built: Built, tmp_path: Path
) -> None:
    data = export_assessment_bundle(source, built.first.id)
    assert [item["id"] for item in data["assessments"]] == [built.first.id]
    # The items posed in the first assessment are there; the reviews made in the later one
    # belong to that assessment, which the coach did not choose to export.
    assert {item["id"] for item in data["hypotheses"]} == {
        built.hypotheses[0].id,
        built.hypotheses[1].id,
    }
    assert all(item["reviews"] == [] for item in data["hypotheses"] + data["actions"])
    result = import_bundle(target, write(tmp_path, data))
    assert result.assessments_added == 1
    assert_same(
        source.repository.load_record(built.first.id), target.repository.load_record(built.first.id)
    )


def test_items_carried_from_an_intermediate_assessment_bring_it_along(
    source: Workspace, target: Workspace, tmp_path: Path
) -> None:
    built = populate(source)
    repo = source.repository
    middle = workflows.plan_assessment(source, built.team.id, date=dt.date(2026, 4, 1))
    carried = repo.save_hypothesis(
        Hypothesis(new_id(), built.team.id, middle.id, "chatops", "less toil", "fewer tickets")
    )
    third = workflows.reassess(source, built.team.id, date=dt.date(2026, 10, 1))
    assert third.compares_with == built.first.id  # the original, not the middle one

    data = export_assessment_bundle(source, third.id)
    ids = {item["id"] for item in data["assessments"]}
    assert {built.first.id, middle.id, third.id} <= ids
    assert carried.id in {item["id"] for item in data["hypotheses"]}
    result = import_bundle(target, write(tmp_path, data))
    assert target.repository.get_hypothesis(carried.id) == carried
    assert result.assessments_added == len(ids)


def test_markup_emoji_and_scripts_survive_in_every_text_field(
    source: Workspace, target: Workspace, tmp_path: Path
) -> None:
    built = populate(source, FANCY, name=FANCY)
    path = write(tmp_path, export_team_bundle(source, built.team.id))
    raw = path.read_bytes().decode("utf-8")
    assert "🚀" in raw and "Привет" in raw  # written as characters, not \u escapes
    import_bundle(target, path)
    after = snapshot(target, built.team.id)
    assert_same(snapshot(source, built.team.id), after)
    assert after["team"].name == f"{FANCY} {FANCY}"
    assert after["records"][0].answers[1].notes.endswith(FANCY)


def test_the_file_follows_the_format_rules(source: Workspace, built: Built) -> None:
    data = export_team_bundle(source, built.team.id)
    assert list(data) == [
        "format",
        "format_version",
        "exported_at",
        "app_version",
        "kind",
        "frameworks",
        "teams",
        "assessments",
        "hypotheses",
        "actions",
    ]
    # Every tally was typed in, so the file is written as version 1, which older SRE Workshops
    # read (docs/bundle-format.md, Versioning); version 2 is only needed for room votes.
    assert data["format"] == BUNDLE_FORMAT and data["format_version"] == 1 < BUNDLE_VERSION
    assert dt.datetime.fromisoformat(data["exported_at"]).utcoffset() is not None

    def walk(value: object) -> Iterator[dict[str, Any]]:
        if isinstance(value, dict):
            yield value
            for child in value.values():
                yield from walk(child)
        elif isinstance(value, list):
            for child in value:
                yield from walk(child)

    for item in walk({key: data[key] for key in data if key != "frameworks"}):
        if "notes" in item:  # only per-question answers use the key "notes"
            assert set(item) == {"question_key", "notes", "quick_answer", "follow_up"}
        if set(item) == {"id", "version"}:
            continue  # a framework reference: its id is a name, not a UUID
        for key, value in item.items():
            if key == "id" or key.endswith("_id") or key == "compares_with":
                assert value is None or str(uuid.UUID(value)) == value
    assessment = data["assessments"][0]
    assert assessment["date"] == "2026-01-15"
    assert assessment["status"] == "completed"
    assert assessment["ratings"][1]["votes"] == [1, 4, 2, 0, 0]
    assert len(assessment["survey"][0]["counts"]) == 7
    # Exactly the keys of version 1: no room-vote marker.
    assert all("votes_source" not in item for item in assessment["ratings"] + assessment["survey"])
    assert Draft202012Validator(
        json.loads(resource_path("schemas", "bundle.schema.json").read_text("utf-8"))
    ).is_valid(data)


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads(resource_path("schemas", "bundle.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


# --- importing again, partly, or into a busy database --------------------------------------------


def test_importing_the_same_file_again_changes_nothing(
    source: Workspace, target: Workspace, built: Built, tmp_path: Path
) -> None:
    path = write(tmp_path, export_team_bundle(source, built.team.id))
    import_bundle(target, path)
    before = dump(target)
    backups_before = sorted(target.paths.backups.iterdir())

    again = import_bundle(target, path)

    assert dump(target) == before
    assert sorted(target.paths.backups.iterdir()) == backups_before
    assert again.assessments_added == again.teams_added == again.hypotheses_added == 0
    assert again.actions_added == again.reviews_added == 0
    assert [item[0] for item in again.skipped_assessments] == [built.first.id, built.second.id]
    assert again.skipped_assessments[0][1] == "2026-01-15 Baseline"
    assert again.backup is None
    summary = again.summary()
    assert summary.startswith("Nothing new to import for team “Payments”")
    assert (
        "skipped 2 assessments already present (2026-01-15 Baseline; 2026-07-15 Payments)"
        in summary
    )


def test_importing_its_own_export_changes_nothing(
    source: Workspace, built: Built, tmp_path: Path
) -> None:
    before = dump(source)
    result = import_bundle(source, write(tmp_path, export_team_bundle(source, built.team.id)))
    assert dump(source) == before
    assert len(result.skipped_assessments) == 2


def test_an_assessment_already_present_is_skipped_and_the_new_one_added(
    source: Workspace, target: Workspace, built: Built, tmp_path: Path
) -> None:
    import_bundle(
        target, write(tmp_path, export_assessment_bundle(source, built.first.id), "a.json")
    )
    # Change the first assessment at the source: the skip must not overwrite the target's copy.
    source.repository.save_answer(
        built.first.id, Answer("process.on-call.coverage", notes="edited")
    )
    kept = target.repository.load_record(built.first.id)

    result = import_bundle(
        target, write(tmp_path, export_assessment_bundle(source, built.second.id), "b.json")
    )

    assert result.assessments_added == 1
    assert result.teams_added == 0  # the team is reused as it is
    assert result.skipped_assessments == ((built.first.id, "2026-01-15 Baseline"),)
    assert result.hypotheses_added == 1  # posed in the second
    assert result.reviews_added == 2  # made in the second, of items the target already had
    assert target.repository.load_record(built.first.id) == kept
    assert result.backup is not None and result.backup.is_file()
    assert result.summary() == (
        "Imported 1 assessment of team “Payments”, with 1 hypothesis and 2 reviews; "
        "skipped 1 assessment already present (2026-01-15 Baseline)."
    )


def test_backup_is_taken_only_when_the_database_holds_a_team(
    source: Workspace, target: Workspace, built: Built, tmp_path: Path
) -> None:
    populate(target, name="Search")
    result = import_bundle(target, write(tmp_path, export_team_bundle(source, built.team.id)))
    assert result.backup is not None
    assert result.backup.parent == target.paths.backups
    assert "before-import" in result.backup.name


def test_a_failure_while_writing_leaves_the_database_unchanged(
    source: Workspace,
    target: Workspace,
    built: Built,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    populate(target, name="Search")
    before = dump(target)

    def disk_full(*args: object) -> None:
        raise StorageError("The disk is full; the last change was not saved.")

    # Fails after the team, the assessments and one hypothesis were written.
    calls = iter([False, True])
    real = target.repository.save_hypothesis

    def flaky(hypothesis: Hypothesis) -> Hypothesis:
        if next(calls):
            disk_full()
        return real(hypothesis)

    monkeypatch.setattr(target.repository, "save_hypothesis", flaky)
    with pytest.raises(StorageError, match="disk is full"):
        import_bundle(target, write(tmp_path, export_team_bundle(source, built.team.id)))
    assert dump(target) == before


def test_a_read_only_workspace_refuses_to_import(
    source: Workspace, built: Built, tmp_path: Path
) -> None:
    other = open_workspace(tmp_path / "ro")
    other.close()
    read_only = open_workspace(tmp_path / "ro", read_only=True)
    try:
        with pytest.raises(StorageError, match="read-only"):
            import_bundle(read_only, write(tmp_path, export_team_bundle(source, built.team.id)))
    finally:
        read_only.close()


# --- frameworks --------------------------------------------------------------------------------


def _with_framework_version(data: dict[str, Any], version: str, area_name: str) -> dict[str, Any]:
    framework: dict[str, Any] = json.loads(json.dumps(framework_to_dict(builtin_framework())))
    framework["version"] = version
    for area in framework["areas"]:
        if area["key"] == "process.on-call":
            area["name"] = area_name
    data["frameworks"] = [framework]
    for assessment in data["assessments"]:
        assessment["framework"]["version"] = version
    return data


def test_a_bundle_on_another_framework_version_imports_and_stores_it(
    source: Workspace, target: Workspace, built: Built, tmp_path: Path
) -> None:
    data = _with_framework_version(
        export_team_bundle(source, built.team.id), "1.1", "On-call and escalation"
    )
    result = import_bundle(target, write(tmp_path, data))

    assert result.frameworks_added == ("sre-maturity 1.1",)
    assert "framework sre-maturity 1.1" in result.summary()
    ref = FrameworkRef("sre-maturity", "1.1")
    assert ref in {item.ref for item in target.repository.stored_frameworks()}
    assert target.framework(ref).area("process.on-call").name == "On-call and escalation"
    assessment = target.repository.get_assessment(built.second.id)
    assert assessment.framework == ref
    assert target.framework_for(assessment).area("process.on-call").name == "On-call and escalation"


def test_an_embedded_framework_already_known_is_used_not_replaced(
    source: Workspace, target: Workspace, built: Built, tmp_path: Path
) -> None:
    data = _with_framework_version(export_team_bundle(source, built.team.id), "1.0", "Renamed")
    result = import_bundle(target, write(tmp_path, data))
    assert result.frameworks_added == ()
    local = target.framework(FrameworkRef("sre-maturity", "1.0"))
    assert local.area("process.on-call").name == builtin_framework().area("process.on-call").name


# --- room votes ---------------------------------------------------------------------------------


def add_room_votes(workspace: Workspace, built: Built) -> None:
    """Reveal room-voting rounds in the first assessment: one rating and one survey statement
    come from phones, the other tallies stay typed in (the same areas as ``populate``)."""
    session = CaptureSession(workspace, built.first.id)
    session.set_room_votes("process.on-call", (0, 2, 5, 1, 0))
    session.set_room_survey("culture.risks-shared", (0, 0, 1, 2, 3, 1, 0))


def sources(record: AssessmentRecord) -> dict[str, VotesSource]:
    """The marker of every tally of an assessment, by kind and area."""
    return {
        **{f"rating {item.area_key}": item.votes_source for item in record.ratings},
        **{f"survey {item.area_key}": item.votes_source for item in record.survey},
    }


ROOM_SOURCES = {
    "rating culture.high-cooperation": VotesSource.MANUAL,
    "rating process.on-call": VotesSource.ROOM,
    "rating process.regulatory-compliance": VotesSource.MANUAL,
    "survey culture.high-cooperation": VotesSource.MANUAL,
    "survey culture.risks-shared": VotesSource.ROOM,
}


def as_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as a bundle written before the room-vote marker existed."""
    data["format_version"] = 1
    for assessment in data["assessments"]:
        for item in assessment["ratings"] + assessment["survey"]:
            del item["votes_source"]
    return data


def test_room_votes_keep_their_marker_through_a_round_trip(
    source: Workspace, target: Workspace, built: Built, tmp_path: Path
) -> None:
    add_room_votes(source, built)
    data = export_team_bundle(source, built.team.id)

    assert data["format_version"] == BUNDLE_VERSION == 2
    first_in_file = data["assessments"][0]
    assert first_in_file["id"] == built.first.id
    written = {
        **{f"rating {item['area_key']}": item["votes_source"] for item in first_in_file["ratings"]},
        **{f"survey {item['area_key']}": item["votes_source"] for item in first_in_file["survey"]},
    }
    assert written == {key: value.value for key, value in ROOM_SOURCES.items()}
    # From version 2 on, every tally of every assessment says where it came from.
    second_in_file = data["assessments"][1]
    assert [item["votes_source"] for item in second_in_file["ratings"]] == ["manual", "manual"]
    assert Draft202012Validator(
        json.loads(resource_path("schemas", "bundle.schema.json").read_text("utf-8"))
    ).is_valid(data)

    import_bundle(target, write(tmp_path, data))
    imported = target.repository.load_record(built.first.id)
    assert sources(imported) == ROOM_SOURCES
    assert imported.rating("process.on-call").votes == (0, 2, 5, 1, 0)
    assert imported.survey_tally("culture.risks-shared").counts == (0, 0, 1, 2, 3, 1, 0)
    assert_same(snapshot(source, built.team.id), snapshot(target, built.team.id))

    # ...and the re-export from the second laptop says the same, tally by tally.
    again = export_team_bundle(target, built.team.id)
    assert again["assessments"] == data["assessments"]


def test_an_assessment_bundle_carries_the_room_votes_of_what_it_compares_with(
    source: Workspace, target: Workspace, built: Built, tmp_path: Path
) -> None:
    add_room_votes(source, built)
    data = export_assessment_bundle(source, built.second.id)
    assert data["format_version"] == 2
    import_bundle(target, write(tmp_path, data))
    assert sources(target.repository.load_record(built.first.id)) == ROOM_SOURCES


def test_an_old_bundle_without_the_marker_imports_as_typed_in(
    source: Workspace, target: Workspace, built: Built, tmp_path: Path
) -> None:
    add_room_votes(source, built)
    old = as_version_1(export_team_bundle(source, built.team.id))
    assert Draft202012Validator(
        json.loads(resource_path("schemas", "bundle.schema.json").read_text("utf-8"))
    ).is_valid(old)

    result = import_bundle(target, write(tmp_path, old))

    assert result.assessments_added == 2
    for assessment in (built.first, built.second):
        record = target.repository.load_record(assessment.id)
        assert set(sources(record).values()) == {VotesSource.MANUAL}
    # Everything else arrives exactly as before: only the marker differs from the source.
    expected = snapshot(source, built.team.id)
    expected["records"] = [
        dataclasses.replace(
            record,
            ratings=tuple(
                dataclasses.replace(item, votes_source=VotesSource.MANUAL)
                for item in record.ratings
            ),
            survey=tuple(
                dataclasses.replace(item, votes_source=VotesSource.MANUAL) for item in record.survey
            ),
        )
        for record in expected["records"]
    ]
    assert_same(expected, snapshot(target, built.team.id))


def test_the_builder_refuses_a_bad_marker_even_past_the_schema(
    source: Workspace,
    target: Workspace,
    built: Built,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The import checks what it relies on itself, so a gap in the schema cannot let a wrong
    # value reach the database's CHECK constraint.
    add_room_votes(source, built)
    data = export_team_bundle(source, built.team.id)
    data["assessments"][0]["survey"][1]["votes_source"] = ["room"]
    permissive = Draft202012Validator({})
    monkeypatch.setattr(bundle_module, "_validator", lambda: permissive)
    before = dump(target)
    with pytest.raises(BundleError) as caught:
        import_bundle(target, write(tmp_path, data))
    assert caught.value.place == "assessments[0].survey[1].votes_source"
    assert "is not one of 'manual', 'room'" in caught.value.problem
    assert dump(target) == before


# --- bad files ---------------------------------------------------------------------------------

Mutation = Callable[[dict[str, Any], pytest.MonkeyPatch], bytes]


def encode(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def change(edit: Callable[[dict[str, Any]], object]) -> Mutation:
    def mutate(data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> bytes:
        edit(data)
        return encode(data)

    return mutate


def raw(value: bytes) -> Mutation:
    return lambda data, monkeypatch: value


def first(data: dict[str, Any]) -> dict[str, Any]:
    assessment: dict[str, Any] = data["assessments"][0]
    return assessment


def _truncated(data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> bytes:
    full = encode(data)
    return full[: len(full) // 2]


def _too_large(data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> bytes:
    monkeypatch.setattr(bundle_module, "MAX_BUNDLE_BYTES", 1000)
    return encode(data)


def _nested(depth: int) -> Mutation:
    def mutate(data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> bytes:
        head = b'{"format": "sre-workshop-bundle", "format_version": 1, "teams": '
        return head + b"[" * depth + b"]" * depth + b"}"

    return mutate


def _surrogate(data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> bytes:
    first(data)["answers"][0]["notes"] = "@@LONE@@"
    # json.dumps cannot write a lone surrogate as a character; the file has the escape.
    return encode(data).replace(b"@@LONE@@", b"before \\ud800 after")


def _duplicate_key(data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> bytes:
    return encode(data).replace(
        b'"format": "sre-workshop-bundle",',
        b'"format": "sre-workshop-bundle", "format": "sre-workshop-bundle",',
        1,
    )


def _nan(value: float) -> Mutation:
    def mutate(data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> bytes:
        first(data)["ratings"][1]["votes"][0] = value
        return json.dumps(data, allow_nan=True).encode("utf-8")

    return mutate


def _set(path: str, value: object) -> Mutation:
    """Set the value at a JSON path like ``assessments[0].ratings[1].level``."""

    def edit(data: dict[str, Any]) -> None:
        parts: list[str | int] = []
        for token in filter(None, path.replace("[", ".[").split(".")):
            parts.append(int(token[1:-1]) if token.startswith("[") else token)
        holder: Any = data
        for part in parts[:-1]:
            holder = holder[part]
        holder[parts[-1]] = value

    return change(edit)


def _del(path: str, key: str) -> Mutation:
    def edit(data: dict[str, Any]) -> None:
        holder: Any = data
        for token in filter(None, path.replace("[", ".[").split(".")):
            holder = holder[int(token[1:-1])] if token.startswith("[") else holder[token]
        del holder[key]

    return change(edit)


def _same_id(data: dict[str, Any]) -> None:
    data["assessments"][1]["id"] = data["assessments"][0]["id"]


def _no_levels(data: dict[str, Any]) -> None:
    data["frameworks"][0]["levels"] = []


def _version_2(path: str, value: object) -> Mutation:
    """The (typed-in) bundle as version 2, then the value at ``path`` set; ``...`` deletes it."""

    def edit(data: dict[str, Any]) -> None:
        data["format_version"] = 2
        for assessment in data["assessments"]:
            for item in assessment["ratings"] + assessment["survey"]:
                item["votes_source"] = "manual"
        parent, key = path.rsplit(".", 1)
        holder: Any = data
        for token in filter(None, parent.replace("[", ".[").split(".")):
            holder = holder[int(token[1:-1])] if token.startswith("[") else holder[token]
        if value is ...:
            del holder[key]
        else:
            holder[key] = value

    return change(edit)


BAD_BUNDLES = [
    pytest.param(raw(b"this is not JSON"), "is not valid JSON", "", id="not-json"),
    pytest.param(_truncated, "is not valid JSON", "", id="truncated"),
    pytest.param(raw(b""), "the file is empty", "", id="empty"),
    pytest.param(raw(b"  \n\t "), "the file is empty", "", id="blank"),
    pytest.param(
        raw(b'{"format": "sre-workshop-bundle", "x": "caf\xe9"}'), "is not UTF-8", "", id="not-utf8"
    ),
    pytest.param(raw(b"[]"), "a bundle is a JSON object", "", id="top-level-array"),
    pytest.param(raw(b'"just text"'), "a bundle is a JSON object", "", id="top-level-string"),
    pytest.param(_set("format", "zip"), "not an SRE Workshop bundle", "", id="wrong-format"),
    pytest.param(
        _set("format", "sre-workshop-framework"),
        "this is a framework file",
        "format",
        id="framework-file",
    ),
    pytest.param(
        _set("format_version", BUNDLE_VERSION + 1),
        "made by a newer SRE Workshop",
        "format_version",
        id="newer-version",
    ),
    pytest.param(
        _set("format_version", "1"),
        "expected a whole number",
        "format_version",
        id="version-as-text",
    ),
    pytest.param(
        _set("assessments[0].date", 20260115),
        "expected text, found a number",
        "assessments[0].date",
        id="wrong-type-date",
    ),
    pytest.param(
        _set("teams[0].is_demo", "yes"),
        "expected true or false",
        "teams[0].is_demo",
        id="wrong-type-bool",
    ),
    pytest.param(_set("teams", {}), "expected a list", "teams", id="wrong-type-list"),
    pytest.param(
        _del("assessments[0].ratings[0]", "votes"),
        "the required key 'votes' is missing",
        "assessments[0].ratings[0]",
        id="missing-votes",
    ),
    pytest.param(
        _del("teams[0]", "name"),
        "the required key 'name' is missing",
        "teams[0]",
        id="missing-team-name",
    ),
    pytest.param(_del("", "actions"), "'actions' is missing", "", id="missing-actions"),
    pytest.param(
        _set("teams[0].notes", "x"), "unknown key 'notes'", "teams[0]", id="notes-outside-answers"
    ),
    pytest.param(_too_large, "bundles are limited to", "", id="over-size-limit"),
    pytest.param(_nested(10_000), "nested more than 64 levels deep", "", id="nested-10000"),
    pytest.param(_nested(100), "nested more than 64 levels deep", "teams", id="nested-100"),
    pytest.param(_nan(float("nan")), "NaN is not a number JSON allows", "", id="nan"),
    pytest.param(_nan(float("inf")), "Infinity is not a number JSON allows", "", id="infinity"),
    pytest.param(_nan(float("-inf")), "-Infinity is not a number JSON allows", "", id="minus-inf"),
    pytest.param(
        _set("assessments[0].answers[0].notes", "x" * 200_001),
        "is 200,001 characters long; the limit is 200,000",
        "assessments[0].answers[0].notes",
        id="text-over-limit",
    ),
    pytest.param(
        _set("assessments[0].ratings[0].area_key", "process.no-such-area"),
        "framework sre-maturity 1.0 has no area 'process.no-such-area'",
        "assessments[0].ratings[0].area_key",
        id="unknown-area-key",
    ),
    pytest.param(
        _set("assessments[0].scope[0].area_key", "culture.no-such-area"),
        "has no area 'culture.no-such-area'",
        "assessments[0].scope[0].area_key",
        id="unknown-scope-key",
    ),
    pytest.param(
        _set("assessments[0].survey[0].area_key", "culture.no-such-area"),
        "has no area 'culture.no-such-area'",
        "assessments[0].survey[0].area_key",
        id="unknown-survey-key",
    ),
    pytest.param(
        _set("assessments[0].answers[1].question_key", "process.on-call.no-such-question"),
        "has no question 'process.on-call.no-such-question'",
        "assessments[0].answers[1].question_key",
        id="unknown-question-key",
    ),
    pytest.param(
        _set("assessments[0].ratings[1].level", 9),
        "9 is above the maximum of 5",
        "assessments[0].ratings[1].level",
        id="level-9",
    ),
    pytest.param(
        _set("assessments[0].ratings[1].level", 2.5),
        "expected a whole number or null",
        "assessments[0].ratings[1].level",
        id="level-fraction",
    ),
    pytest.param(
        _set("assessments[0].ratings[1].level", 3.0),
        "expected a whole number",
        "assessments[0].ratings[1].level",
        id="level-as-float",
    ),
    pytest.param(
        _set("assessments[0].ratings[1].votes[2]", -1),
        "-1 is below the minimum of 0",
        "assessments[0].ratings[1].votes[2]",
        id="negative-vote",
    ),
    pytest.param(
        _set("assessments[0].ratings[1].votes", [1, 2, 3]),
        "needs exactly 5 items, found 3",
        "assessments[0].ratings[1].votes",
        id="four-votes",
    ),
    pytest.param(
        _set("assessments[0].survey[0].counts", [0] * 8),
        "needs exactly 7 items, found 8",
        "assessments[0].survey[0].counts",
        id="eight-survey-counts",
    ),
    pytest.param(
        _set("assessments[0].ratings[2].level", 2),
        "cannot have a level and be not applicable",
        "assessments[0].ratings[2]",
        id="level-and-not-applicable",
    ),
    pytest.param(
        change(_same_id),
        "is used twice in this file (also at assessments[0].id)",
        "assessments[1].id",
        id="duplicate-assessment-id",
    ),
    pytest.param(
        _set("assessments[1].compares_with", "0f8fad5b-d9cb-469f-a165-70867728950e"),
        "which is neither in the file nor on this laptop",
        "assessments[1].compares_with",
        id="compares-with-nowhere",
    ),
    pytest.param(
        _set("assessments[0].team_id", "0f8fad5b-d9cb-469f-a165-70867728950e"),
        "team 0f8fad5b-d9cb-469f-a165-70867728950e is neither in the file nor on this laptop",
        "assessments[0].team_id",
        id="team-nowhere",
    ),
    pytest.param(
        _set("hypotheses[0].reviews[0].assessment_id", "0f8fad5b-d9cb-469f-a165-70867728950e"),
        "is neither in the file nor on this laptop",
        "hypotheses[0].reviews[0].assessment_id",
        id="review-in-unknown-assessment",
    ),
    pytest.param(
        _set("teams[0].id", "NOT-A-UUID"),
        "'NOT-A-UUID' is not a valid UUID",
        "teams[0].id",
        id="bad-uuid",
    ),
    pytest.param(
        _set("assessments[0].date", "2026-13-01"),
        "'2026-13-01' is not a valid date",
        "assessments[0].date",
        id="impossible-date",
    ),
    pytest.param(
        _set("assessments[0].date", "15.01.2026"),
        "is not a valid date (YYYY-MM-DD)",
        "assessments[0].date",
        id="date-format",
    ),
    pytest.param(
        _set("teams[0].created_at", "2026-01-15T10:00:00"),
        "with a UTC offset",
        "teams[0].created_at",
        id="time-without-offset",
    ),
    pytest.param(
        _set("assessments[0].status", "done"),
        "'done' is not one of 'planned'",
        "assessments[0].status",
        id="unknown-status",
    ),
    pytest.param(
        _set("assessments[0].framework.version", "9.9"),
        "framework sre-maturity 9.9 is neither embedded in the file nor installed",
        "assessments[0].framework",
        id="unknown-framework",
    ),
    pytest.param(
        change(_no_levels),
        "needs exactly 5 items, found 0",
        "frameworks[0].levels",
        id="broken-embedded-framework",
    ),
    pytest.param(
        _set("teams[0].name", "   "), "must not be blank", "teams[0].name", id="blank-team-name"
    ),
    pytest.param(
        _surrogate, "unpaired surrogate", "assessments[0].answers[0].notes", id="lone-surrogate"
    ),
    pytest.param(_duplicate_key, "the key 'format' appears twice", "", id="duplicate-key"),
    pytest.param(
        _version_2("assessments[0].ratings[1].votes_source", "phones"),
        "'phones' is not one of 'manual', 'room'",
        "assessments[0].ratings[1].votes_source",
        id="unknown-votes-source",
    ),
    pytest.param(
        _version_2("assessments[0].survey[0].votes_source", None),
        "null is not one of 'manual', 'room'",
        "assessments[0].survey[0].votes_source",
        id="null-votes-source",
    ),
    pytest.param(
        _version_2("assessments[0].survey[0].votes_source", "Room"),
        "'Room' is not one of 'manual', 'room'",
        "assessments[0].survey[0].votes_source",
        id="votes-source-in-capitals",
    ),
    pytest.param(
        _version_2("assessments[1].ratings[0].votes_source", ...),
        "the required key 'votes_source' is missing",
        "assessments[1].ratings[0]",
        id="version-2-without-votes-source",
    ),
    pytest.param(
        _set("assessments[0].ratings[0].votes_source", "room"),
        "'votes_source': it is new in bundle format version 2, but this file says format_version 1",
        "assessments[0].ratings[0]",
        id="votes-source-in-version-1",
    ),
]


@pytest.mark.parametrize(("mutate", "problem", "place"), BAD_BUNDLES)
def test_a_bad_bundle_is_refused_and_the_database_is_unchanged(
    source: Workspace,
    target: Workspace,
    built: Built,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    mutate: Mutation,
    problem: str,
    place: str,
) -> None:
    populate(target, name="Search")  # a laptop with data of its own
    data = export_team_bundle(source, built.team.id)
    path = tmp_path / "bundle.json"
    path.write_bytes(mutate(data, monkeypatch))
    before = dump(target)
    backups = sorted(target.paths.backups.iterdir())

    with pytest.raises(BundleError) as caught:
        import_bundle(target, path)

    error = caught.value
    assert error.source == "bundle.json"
    assert problem in error.problem
    assert error.place == place
    assert str(error).startswith("bundle.json: ")
    if error.place:
        assert str(error) == f"bundle.json: at {error.place}: {error.problem}"
    assert len(str(error)) < 1000  # never echoes a huge value
    assert "\ud800" not in str(error)  # printable in any console
    assert dump(target) == before
    assert sorted(target.paths.backups.iterdir()) == backups


def test_the_error_message_reads_like_the_format_promises() -> None:
    error = BundleError("team.json", "assessments[0].date", "'2026-13-01' is not a valid date")
    assert str(error) == "team.json: at assessments[0].date: '2026-13-01' is not a valid date"
    assert str(BundleError("team.json", "", "the file is empty")) == "team.json: the file is empty"
    assert isinstance(error, ValueError)


def test_a_huge_sparse_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_BUNDLE_BYTES + 1)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", never)
    with pytest.raises(BundleError, match="bundles are limited to 50 MB"):
        read_bundle(path)


def test_a_missing_file_and_a_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="file not found"):
        read_bundle(tmp_path / "nowhere.json")
    folder = tmp_path / "folder.json"
    folder.mkdir()
    with pytest.raises(BundleError, match="is a folder"):
        read_bundle(folder)


def test_a_byte_order_mark_is_accepted(source: Workspace, built: Built, tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + encode(export_team_bundle(source, built.team.id)))
    assert read_bundle(path)["format"] == BUNDLE_FORMAT


def test_a_hypothesis_of_another_team_than_its_assessment_is_refused(
    source: Workspace, target: Workspace, built: Built, tmp_path: Path
) -> None:
    data = export_team_bundle(source, built.team.id)
    other_team = {**data["teams"][0], "id": new_id(), "name": "Other"}
    data["teams"].append(other_team)
    data["hypotheses"][0]["team_id"] = other_team["id"]
    with pytest.raises(BundleError, match="belongs to team") as caught:
        import_bundle(target, write(tmp_path, data))
    assert caught.value.place == "hypotheses[0].team_id"


def test_an_answer_twice_in_one_assessment_is_refused(
    source: Workspace, target: Workspace, built: Built, tmp_path: Path
) -> None:
    data = export_team_bundle(source, built.team.id)
    answers = data["assessments"][0]["answers"]
    answers.append(dict(answers[0]))
    with pytest.raises(BundleError, match="appears twice in this assessment") as caught:
        import_bundle(target, write(tmp_path, data))
    assert caught.value.place == "assessments[0].answers[2].question_key"


def test_assessments_in_any_order_import(
    source: Workspace, target: Workspace, built: Built, tmp_path: Path
) -> None:
    data = export_team_bundle(source, built.team.id)
    data["assessments"].reverse()  # the reassessment comes before the one it compares with
    result = import_bundle(target, write(tmp_path, data))
    assert result.assessments_added == 2
    assert target.repository.get_assessment(built.second.id).compares_with == built.first.id


def test_assessments_comparing_in_a_circle_are_refused(
    source: Workspace, target: Workspace, built: Built, tmp_path: Path
) -> None:
    data = export_team_bundle(source, built.team.id)
    data["assessments"][0]["compares_with"] = built.second.id
    with pytest.raises(BundleError, match="in a circle"):
        import_bundle(target, write(tmp_path, data))
    assert target.repository.list_teams() == ()


# --- writing -----------------------------------------------------------------------------------


def test_write_bundle_on_a_full_disk_leaves_no_file(
    source: Workspace, built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    data = export_team_bundle(source, built.team.id)

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("sre_workshop.atomic.os.fsync", full)
    with pytest.raises(WriteError) as caught:
        write_bundle(data, folder / "team.json")
    assert "disk is full" in str(caught.value)
    assert str(folder / "team.json") in str(caught.value)
    assert caught.value.errno == errno.ENOSPC
    assert list(folder.iterdir()) == []


def test_write_bundle_keeps_the_old_file_when_replacing_fails(
    source: Workspace, built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "team.json"
    path.write_text("old content", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(WriteError, match="Input/output error"):
        write_bundle(export_team_bundle(source, built.team.id), path)
    assert path.read_text(encoding="utf-8") == "old content"
    assert [item.name for item in tmp_path.iterdir() if item.name.startswith(".")] == []


def test_write_bundle_into_a_read_only_folder(
    source: Workspace, built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    data = export_team_bundle(source, built.team.id)
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        folder.chmod(0o500)
        try:
            with pytest.raises(WriteError, match="read-only"):
                write_bundle(data, folder / "team.json")
        finally:
            folder.chmod(0o700)
    else:  # root writes anywhere: simulate the refusal the operating system would give

        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr("sre_workshop.atomic.tempfile.mkstemp", refuse)
        with pytest.raises(WriteError, match="read-only") as caught:
            write_bundle(data, folder / "team.json")
        assert str(folder / "team.json") in str(caught.value)
    assert list(folder.iterdir()) == []


def test_write_bundle_into_a_missing_folder(
    source: Workspace, built: Built, tmp_path: Path
) -> None:
    with pytest.raises(WriteError, match="does not exist"):
        write_bundle(export_team_bundle(source, built.team.id), tmp_path / "gone" / "team.json")


def test_import_result_summary_in_plain_words() -> None:
    result = ImportResult(
        teams_added=1,
        assessments_added=2,
        hypotheses_added=3,
        actions_added=1,
        reviews_added=0,
        skipped_assessments=(("x", "2026-03-01 Baseline"),),
        frameworks_added=("sre-maturity 1.1",),
        team_names=("Payments",),
    )
    assert result.summary() == (
        "Imported 2 assessments of team “Payments”, with 1 new team, 3 hypotheses, 1 action "
        "and framework sre-maturity 1.1; skipped 1 assessment already present "
        "(2026-03-01 Baseline)."
    )
    assert ImportResult().summary() == "Nothing new to import."


def test_a_team_without_assessments_imports(
    source: Workspace, target: Workspace, tmp_path: Path
) -> None:
    team = workflows.create_team(source, "Fresh team")
    result = import_bundle(target, write(tmp_path, export_team_bundle(source, team.id)))
    assert result.teams_added == 1 and result.assessments_added == 0
    assert target.repository.get_team(team.id) == team
    assert result.summary() == "Imported team “Fresh team”."
