"""Hostile input: bundles and framework files fuzzed, and a table of crafted attacks.

Whatever arrives (random JSON structures and strings, a valid file with one piece replaced,
random bytes), importing a bundle either works or raises :class:`BundleError` with a clear
message, and a refused import leaves the database's content exactly as it was (a dump before
and after); loading a framework file either works or raises :class:`FrameworkError`. Never
another exception type. Text is data: any Unicode up to the limit, markup, path-like strings
and control characters are stored verbatim and come back the same, through the PDF too.

The fuzzers run derandomized (the same examples every run, so the suite stays deterministic);
``SRE_FUZZ_EXAMPLES=5000`` runs a longer, random campaign.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from sre_workshop.bundle import (
    MAX_BUNDLE_BYTES,
    BundleError,
    export_team_bundle,
    import_bundle,
    parse_bundle,
)
from sre_workshop.capture import CaptureSession
from sre_workshop.framework import (
    MAX_FILE_BYTES,
    FrameworkError,
    builtin_framework,
    framework_to_dict,
    load_framework_file,
)
from sre_workshop.model import (
    TEXT_LIMIT,
    ActionItem,
    Hypothesis,
    ParticipantGroup,
    QuickAnswer,
    ScopeItem,
    new_id,
)
from sre_workshop.workflows import create_team, plan_assessment
from sre_workshop.workspace import Workspace, open_workspace

_EXAMPLES = int(os.environ.get("SRE_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=_EXAMPLES,
    deadline=None,
    derandomize="SRE_FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=6) | st.dictionaries(st.text(max_size=12), children, max_size=6)
    ),
    max_leaves=40,
)


def dump(workspace: Workspace) -> list[str]:
    """Every row of the database as SQL text (the content, whatever the file looks like)."""
    return list(workspace.database.connection.iterdump())


def paths_in(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a JSON value, as a tuple of keys and indexes."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths_in(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths_in(value, (*prefix, index))


def replaced(data: Any, place: tuple[Any, ...], value: Any) -> Any:
    if not place:
        return value
    result = copy.deepcopy(data)
    target = result
    for step in place[:-1]:
        target = target[step]
    target[place[-1]] = value
    return result


# --- a source bundle and a target laptop ----------------------------------------------------------


@pytest.fixture(scope="module")
def valid_bundle(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    workspace = open_workspace(tmp_path_factory.mktemp("source"))
    try:
        team = create_team(workspace, "Checkout", "Payments and the basket")
        assessment = plan_assessment(
            workspace,
            team.id,
            date=dt.date(2026, 3, 2),
            participants=(ParticipantGroup("Development", 5, "Ann, Bo"),),
        )
        session = CaptureSession(workspace, assessment.id)
        area = session.framework.areas[0]
        key = area.flat_questions()[0].question.key
        session.set_notes(key, "Rota of six")
        session.set_quick_answer(key, QuickAnswer.PARTLY)
        session.set_level(area.key, 3)
        session.set_vote_count(area.key, 3, 4)
        workspace.repository.save_hypothesis(
            Hypothesis(new_id(), team.id, assessment.id, "a runbook", "faster fixes", "MTTR")
        )
        workspace.repository.save_action(
            ActionItem(new_id(), team.id, assessment.id, "Write the runbook")
        )
        return export_team_bundle(workspace, team.id)
    finally:
        workspace.close()


@pytest.fixture(scope="module")
def bundle_places(valid_bundle: dict[str, Any]) -> list[tuple[Any, ...]]:
    return list(paths_in(valid_bundle))


@pytest.fixture
def target(isolated_data_dir: Path) -> Iterator[Workspace]:
    workspace = open_workspace(isolated_data_dir)
    create_team(workspace, "A team of this laptop")
    yield workspace
    workspace.close()


def import_or_refuse(workspace: Workspace, path: Path) -> None:
    """Import; a refusal must be a BundleError and leave the content as it was."""
    before = dump(workspace)
    try:
        import_bundle(workspace, path)
    except BundleError as exc:
        assert str(exc).startswith(f"{path.name}: ")
        assert len(str(exc)) < 1000
        assert dump(workspace) == before
    # Anything else is a bug and fails the test with its traceback.


# --- fuzzing bundles -----------------------------------------------------------------------------


@FUZZ
@given(data=json_values)
def test_random_json_is_refused_cleanly_as_a_bundle(
    target: Workspace, tmp_path: Path, data: Any
) -> None:
    path = tmp_path / "random.json"
    path.write_text(json.dumps(data), "utf-8")
    import_or_refuse(target, path)


@FUZZ
@given(choice=st.data())
def test_a_valid_bundle_with_one_piece_replaced_imports_or_is_refused_cleanly(
    target: Workspace,
    tmp_path: Path,
    valid_bundle: dict[str, Any],
    bundle_places: list[tuple[Any, ...]],
    choice: st.DataObject,
) -> None:
    place = choice.draw(st.sampled_from(bundle_places), label="place")
    value = choice.draw(json_values, label="value")
    path = tmp_path / "mutated.json"
    path.write_text(json.dumps(replaced(valid_bundle, place, value)), "utf-8")
    import_or_refuse(target, path)


@FUZZ
@given(raw=st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8")))
def test_random_bytes_are_refused_with_a_bundle_error(raw: bytes) -> None:
    with pytest.raises(BundleError):
        parse_bundle(raw, "random.json")


# --- fuzzing framework files ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def valid_framework() -> dict[str, Any]:
    return framework_to_dict(builtin_framework())  # type: ignore[return-value]


@pytest.fixture(scope="module")
def framework_places(valid_framework: dict[str, Any]) -> list[tuple[Any, ...]]:
    return list(paths_in(valid_framework))


def load_or_refuse(path: Path) -> None:
    try:
        load_framework_file(path)
    except FrameworkError as exc:
        assert str(exc).startswith(path.name)
        assert len(str(exc)) < 1000


@FUZZ
@given(data=json_values)
def test_random_json_is_refused_cleanly_as_a_framework(tmp_path: Path, data: Any) -> None:
    path = tmp_path / "random-framework.json"
    path.write_text(json.dumps(data), "utf-8")
    load_or_refuse(path)


@FUZZ
@given(choice=st.data())
def test_a_valid_framework_with_one_piece_replaced_loads_or_is_refused_cleanly(
    tmp_path: Path,
    valid_framework: dict[str, Any],
    framework_places: list[tuple[Any, ...]],
    choice: st.DataObject,
) -> None:
    place = choice.draw(st.sampled_from(framework_places), label="place")
    value = choice.draw(json_values, label="value")
    path = tmp_path / "mutated-framework.json"
    path.write_text(json.dumps(replaced(valid_framework, place, value)), "utf-8")
    load_or_refuse(path)


@FUZZ
@given(raw=st.binary(max_size=400))
def test_random_bytes_are_refused_as_a_framework(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "bytes.json"
    path.write_bytes(raw)
    with pytest.raises(FrameworkError):
        load_framework_file(path)


# --- crafted attacks -----------------------------------------------------------------------------

Bundle = dict[str, Any]


def _text(build: Callable[[Bundle], str | bytes]) -> Callable[[Bundle, Path], None]:
    def write(bundle: Bundle, path: Path) -> None:
        content = build(bundle)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    return write


def _json(change: Callable[[Bundle], None]) -> Callable[[Bundle, Path], None]:
    def write(bundle: Bundle, path: Path) -> None:
        data = copy.deepcopy(bundle)
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")

    return write


def _sparse(bundle: Bundle, path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(MAX_BUNDLE_BYTES + 1)


def _zip(bundle: Bundle) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bundle.json", json.dumps(bundle))
    return buffer.getvalue()


def _set(place: str, value: Any) -> Callable[[Bundle], None]:
    def change(data: Bundle) -> None:
        *steps, last = [int(step) if step.isdigit() else step for step in place.split(".")]
        target: Any = data
        for step in steps:
            target = target[step]
        target[last] = value

    return change


def _duplicate(collection: str) -> Callable[[Bundle], None]:
    def change(data: Bundle) -> None:
        data[collection].append(copy.deepcopy(data[collection][0]))

    return change


def _with_number(token: str) -> Callable[[Bundle], str]:
    def build(bundle: Bundle) -> str:
        text = json.dumps(bundle)
        return text.replace('"format_version": 1', f'"format_version": {token}', 1)

    return build


CRAFTED_BUNDLES = [
    pytest.param(_text(_zip), "is not UTF-8", id="zip-archive"),
    pytest.param(_text(lambda _: bytes(range(256)) * 8), "is not UTF-8", id="binary"),
    pytest.param(_text(lambda _: "\x00" * 100), "is not valid JSON", id="nul-bytes"),
    pytest.param(_sparse, "bundles are limited to 50 MB", id="over-the-size-limit"),
    pytest.param(
        _text(lambda _: '{"format": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        "nested more than",
        id="deep-nesting",
    ),
    pytest.param(_text(_with_number("NaN")), "NaN is not a number JSON allows", id="nan"),
    pytest.param(_text(_with_number("Infinity")), "Infinity", id="infinity"),
    pytest.param(_text(_with_number("-Infinity")), "-Infinity", id="minus-infinity"),
    pytest.param(_text(_with_number("1" * 5000)), "not valid JSON", id="huge-integer"),
    pytest.param(
        _json(_set("teams.0.name", "x" * (TEXT_LIMIT + 1))), "limit", id="string-over-the-limit"
    ),
    pytest.param(
        _json(_set("teams.0.id", "\x00\x1b[31m\u202e")), "UUID", id="control-characters-in-an-id"
    ),
    pytest.param(
        _json(_set("teams.0.id", "<script>alert(1)</script>")), "UUID", id="markup-in-an-id"
    ),
    pytest.param(
        _json(_set("frameworks.0.id", "../../../etc/passwd")), "frameworks[0].id", id="path-id"
    ),
    pytest.param(
        _json(_set("assessments.0.answers.0.question_key", "..\\..\\windows\\system32")),
        "question_key",
        id="path-like-key",
    ),
    pytest.param(_json(_duplicate("teams")), "used twice in this file", id="duplicate-team"),
    pytest.param(
        _json(_duplicate("assessments")), "used twice in this file", id="duplicate-assessment"
    ),
    pytest.param(
        _json(_duplicate("hypotheses")), "used twice in this file", id="duplicate-hypothesis"
    ),
    pytest.param(_json(_duplicate("actions")), "used twice in this file", id="duplicate-action"),
    pytest.param(
        _text(lambda bundle: json.dumps(bundle).encode("utf-16")), "not UTF-8", id="utf-16"
    ),
    pytest.param(_text(lambda _: "[1, 2, 3]"), "a bundle is a JSON object", id="a-list"),
    pytest.param(_text(lambda _: "   \n\t "), "the file is empty", id="whitespace"),
    pytest.param(
        _json(_set("assessments.0.ratings.0.votes", [10**30, 0, 0, 0, 0])),
        "ratings[0]",
        id="absurd-count",
    ),
]


@pytest.mark.parametrize(("write", "problem"), CRAFTED_BUNDLES)
def test_a_crafted_bundle_is_refused_clearly_and_changes_nothing(
    target: Workspace,
    tmp_path: Path,
    valid_bundle: Bundle,
    write: Callable[[Bundle, Path], None],
    problem: str,
) -> None:
    path = tmp_path / "crafted.json"
    write(valid_bundle, path)
    before = dump(target)
    backups = sorted(target.paths.backups.iterdir())
    with pytest.raises(BundleError) as caught:
        import_bundle(target, path)
    assert problem in str(caught.value)
    assert len(str(caught.value)) < 1000
    assert dump(target) == before
    assert sorted(target.paths.backups.iterdir()) == backups


HOSTILE_TEXT = {
    "markup": '<b>bold</b> <script>alert("x")</script> &amp; & <para> ]]>',
    "path-like": "../../etc/passwd · C:\\Windows\\system32 · %s %n {0} $HOME ~/.ssh",
    "control characters": "bell\x07 escape\x1b[31m nul\x00 tab\t newline\n done",
    "right-to-left override": "abc\u202edcba\u202c · שלום · مرحبا",
    "combining and joiners": "e\u0301 a\u0308 👩\u200d👩\u200d👧 \ufeff zero\u200bwidth",
    "astral plane": "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𓀀 🚀🦄",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_TEXT))
def test_hostile_text_is_data_stored_verbatim_through_a_bundle(
    target: Workspace, tmp_path: Path, valid_bundle: Bundle, kind: str
) -> None:
    text = HOSTILE_TEXT[kind]
    data = copy.deepcopy(valid_bundle)
    data["teams"][0]["name"] = text
    data["assessments"][0]["answers"][0]["notes"] = text
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    import_bundle(target, path)
    team = target.repository.get_team(data["teams"][0]["id"])
    assert team.name == text
    record = target.repository.load_record(data["assessments"][0]["id"])
    assert record.answers[0].notes == text


def _framework_file(change: Callable[[dict[str, Any]], None]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        data: dict[str, Any] = copy.deepcopy(framework_to_dict(builtin_framework()))  # type: ignore[arg-type]
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")

    return write


def _raw_framework(content: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content)


def _big_framework(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)


def _area_question(field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["areas"][0]["questions"][0][field] = value

    return change


def _dup_area(data: dict[str, Any]) -> None:
    data["areas"].append(copy.deepcopy(data["areas"][0]))


CRAFTED_FRAMEWORKS = [
    pytest.param(_raw_framework(b"PK\x03\x04\x14\x00\x00\x00" + bytes(200)), id="zip"),
    pytest.param(_raw_framework(bytes(range(256))), id="binary"),
    pytest.param(_big_framework, id="over-the-size-limit"),
    pytest.param(_raw_framework(b"[" * 50_000 + b"]" * 50_000), id="deep-nesting"),
    pytest.param(_raw_framework(b'{"format": NaN}'), id="nan"),
    pytest.param(_raw_framework(b'{"format": -Infinity}'), id="infinity"),
    pytest.param(_framework_file(_area_question("text", "x" * (TEXT_LIMIT + 1))), id="long"),
    pytest.param(_framework_file(_area_question("key", "process.\x00\x1b")), id="control-key"),
    pytest.param(_framework_file(_area_question("key", "<b>key</b>")), id="markup-key"),
    pytest.param(
        _framework_file(lambda data: data.__setitem__("id", "../../etc/passwd")), id="path-id"
    ),
    pytest.param(_framework_file(_dup_area), id="duplicate-area"),
    pytest.param(_raw_framework(b'{"a": 1, "a": 2}'), id="duplicate-name"),
]


@pytest.mark.parametrize("write", CRAFTED_FRAMEWORKS)
def test_a_crafted_framework_file_is_refused_with_a_framework_error(
    tmp_path: Path, write: Callable[[Path], None]
) -> None:
    path = tmp_path / "crafted-framework.json"
    write(path)
    with pytest.raises(FrameworkError) as caught:
        load_framework_file(path)
    assert str(caught.value).startswith("crafted-framework.json")
    assert len(str(caught.value)) < 1000


# --- any Unicode, end to end ---------------------------------------------------------------------

#: Printable in the report's fonts: these come back from the PDF as typed.
PRINTABLE = {
    "team": "Ærøskøbing Café Zoë",
    "title": "Ελληνικά Привет",
    "coach": "Mireille O'Brien-Åström",
    "participants": "Ĳsbrand Łukasz Øyvind",
    "notes": 'Notes <b>not bold</b> & "quoted" ../../etc/passwd',
    "rationale": "Rationale C:\\Windows %s {0} ]]>",
    "reason": "Reason § ¶ † ‡ € £ ¥",
    "capability": "Capability naïve façade",
    "action": "Action Ünïcödé ŠŽČ",
}


def test_any_unicode_goes_through_a_bundle_into_the_pdf(tmp_path: Path) -> None:
    from sre_workshop.report import build_report

    source = open_workspace(tmp_path / "source")
    target = open_workspace(tmp_path / "target")
    try:
        framework = source.frameworks.latest("sre-maturity")
        first, second = framework.areas[0], framework.areas[1]
        team = create_team(source, PRINTABLE["team"] + " 🚀", "Description \x07 \u202eRTL")
        assessment = plan_assessment(
            source,
            team.id,
            date=dt.date(2026, 3, 2),
            title=PRINTABLE["title"],
            coach=PRINTABLE["coach"],
            participants=(ParticipantGroup("Développement", 3, PRINTABLE["participants"]),),
            scope=(ScopeItem(first.key, 10), ScopeItem(second.key, 10)),
        )
        session = CaptureSession(source, assessment.id)
        key = first.flat_questions()[0].question.key
        session.set_notes(key, PRINTABLE["notes"] + " \x00\x1b 👩\u200d👩\u200d👧")
        session.set_level(first.key, 4)
        session.set_rationale(first.key, PRINTABLE["rationale"])
        session.set_not_applicable(second.key, PRINTABLE["reason"])
        source.repository.save_hypothesis(
            Hypothesis(
                new_id(),
                team.id,
                assessment.id,
                PRINTABLE["capability"],
                "outcome 𝔘𝔫𝔦",
                "signal",
                area_keys=(first.key,),
            )
        )
        source.repository.save_action(
            ActionItem(new_id(), team.id, assessment.id, PRINTABLE["action"])
        )
        # The longest text allowed, of astral characters, survives the round trip too.
        longest = ("𝔘é\u0301" * (TEXT_LIMIT // 3 + 1))[:TEXT_LIMIT]
        other_key = first.flat_questions()[1].question.key
        session.set_notes(other_key, longest)
        bundle_path = tmp_path / "unicode.json"
        bundle_path.write_text(
            json.dumps(export_team_bundle(source, team.id), ensure_ascii=False), "utf-8"
        )
        import_bundle(target, bundle_path)
        original = source.repository.load_record(assessment.id)
        arrived = target.repository.load_record(assessment.id)
        assert arrived.answers == original.answers
        assert arrived.ratings == original.ratings
        assert arrived.answer(other_key).notes == longest
        # Keep the PDF small: drop the longest note before printing.
        target.repository.save_answer(assessment.id, replace(arrived.answer(other_key), notes=""))
        pdf = build_report(target, assessment.id, preset="full")
    finally:
        source.close()
        target.close()
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for field, value in PRINTABLE.items():
        assert " ".join(value.split()) in text, f"{field} did not come back from the PDF"
    assert "[U+1F680]" in text  # the rocket the fonts lack prints as a readable placeholder


def test_a_database_dump_notices_any_change(target: Workspace) -> None:
    """The dump the tests above compare really does see a one-character change."""
    before = dump(target)
    team = target.repository.list_teams()[0]
    target.repository.update_team(replace(team, name=team.name + "!"))
    assert dump(target) != before
    assert isinstance(target.database.connection, sqlite3.Connection)
