"""The framework loader and the built-in question bank (no Qt)."""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sre_workshop import framework as fw
from sre_workshop.framework import (
    FrameworkError,
    FrameworkRegistry,
    UnknownFrameworkError,
    builtin_framework,
    builtin_frameworks,
    framework_from_dict,
    framework_to_dict,
    load_framework_file,
    load_registry,
    version_key,
)
from sre_workshop.model import Dimension, Framework, FrameworkRef, WestrumType
from sre_workshop.resources import resource_path

AREAS = [
    ("culture.high-cooperation", "High cooperation"),
    ("culture.messengers-trained", "Messengers are trained"),
    ("culture.risks-shared", "Risks are shared"),
    ("culture.bridging-encouraged", "Bridging is encouraged"),
    ("culture.failure-inquiry", "Failure leads to inquiry"),
    ("culture.novelty-implemented", "Novelty is implemented"),
    ("process.customer-support", "Customer support"),
    ("process.on-call", "On-call process"),
    ("process.incident-response", "Incident response"),
    ("process.access-control", "Production access control"),
    ("process.regulatory-compliance", "Regulatory compliance"),
    ("process.production-deployment", "Production deployment"),
    ("process.production-release", "Production release"),
    ("process.hotfix-deployment", "Hotfix deployment"),
    ("process.hotfix-release", "Hotfix release"),
    ("process.prioritization", "Prioritization"),
]

#: Every probing question of the seed chapter, by area, after fixing its typos.
CHAPTER_QUESTIONS: dict[str, list[str]] = {
    "culture.messengers-trained": [
        "Are teams shot down by management for production incidents?",
        "Are postmortems held after production incidents?",
        "Do people fear being blamed in postmortems?",
        "Are people who voice reliability concerns neglected?",
        "Do production defects lead to scapegoating in the organization?",
        "Does premature error budget depletion lead to reliability training?",
        "Are discussions about postmortem summaries viewed as reliability learning opportunities?",
    ],
    "culture.risks-shared": [
        "Are responsibilities around production operations clearly written?",
        "Are the written responsibilities around production operations known to the "
        "operations engineers? To the developers? To the product owners?",
        "Do developers share in the risk of production operations? If so, how?",
        "Do product owners share in the risk of production operations? If so, how?",
        "Do product operations, product development, and product management make joint "
        "decisions and bear shared consequences for the decisions about SLIs, SLOs, error "
        "budget policies, and on-call rotation setup?",
    ],
    "culture.bridging-encouraged": [
        "Are postmortem summaries readily available for reference by anyone in the organization?",
        "If you picked a developer randomly, would they know where the postmortems are stored?",
        "If you picked a product owner randomly, would they know where the postmortems are stored?",
        "Are postmortems written from a user impact point of view and in a way that can be "
        "understood by nontechnical people in the organization?",
        "Is there a regular exchange about the postmortem content with a wider audience?",
        "Is anybody reading postmortems and learning from them?",
        "Is there a community of practice (CoP) for operations or, more specifically, SRE?",
        "Do operations engineers get involved in any product creation activities?",
        "Do product operations, product development, and product management have regular "
        "exchanges to refine SLIs, SLOs, error budget policies, error budget-based "
        "decision-making, and on-call rotation setup?",
    ],
    "culture.failure-inquiry": [
        "Do hotfixes lead to punishment of teams and individuals by management?",
        "Who initiates a postmortem?",
        "Is there a clear set of criteria that an incident must have in order for a "
        "postmortem to be initiated?",
        "Do people feel psychologically safe taking part in a postmortem? How do they know this?",
        "Are there action items from postmortems that lead to reconsideration of SLIs, SLOs, "
        "and error budget policies? If so, how are the action items followed up on? By whom?",
    ],
    "culture.novelty-implemented": [
        "Do statistics about services depleting their error budgets prematurely lead to "
        "scapegoating in the organization?",
        "Do statistics about services depleting their error budgets prematurely lead to user "
        "story backlog prioritization decisions based on previously agreed error budget "
        "policies?",
        "Are production releases seen as experimentation opportunities used to test "
        "previously defined feature hypotheses?",
        "What is the process of learning from one production release to inform the "
        "development of the next production release? Is it structured?",
        "What is the average lead time for a technical novelty identified in a postmortem to "
        "be prioritized in the user story backlogs of teams that need to contribute?",
    ],
    "process.customer-support": [
        "How do the customer support requests reach development teams?",
        "What is the interface between customer support and the development teams? Tickets? "
        "Regular meetings? ChatOps?",
    ],
    "process.on-call": [
        "Is there anybody on call for services?",
        "What is the availability of the on-call coverage? 24/7?",
        "Are there on-call rotations? If there are:",
        "Which roles are on the rotations?",
        "How is knowledge handover organized when people switch?",
        "Is there a primary and secondary on-call person per shift?",
        "What is the typical duration of an on-call shift?",
        "Are there runbooks? If so, who keeps them up to date?",
    ],
    "process.incident-response": [
        "For incidents involving several teams, are there incident commanders?",
        "Who gets assigned which incidents?",
        "What is the average incident resolution time?",
    ],
    "process.access-control": [
        "Is production access needed for humans? If so:",
        "Who can get it?",
        "How do they request it?",
        "How quickly is access provided after a request has been placed?",
    ],
    "process.regulatory-compliance": [
        "How often must the health of deployed services be checked?",
        "What artifacts are required to make a production deployment?",
    ],
    "process.production-deployment": [
        "Can a team do a production deployment themselves in an autonomous fashion?",
        "Do stakeholders or customers need to be informed before a production deployment can "
        "be done?",
        "Is there downtime during a production deployment? How long is it on average?",
        "How often are production deployments done on average?",
        "Is there a definition of production deployment failure?",
        "How many production deployments fail on average within a time unit?",
        "What is the average production failure recovery time?",
        "Are there manual steps to be done to accomplish a production deployment?",
    ],
    "process.production-release": [
        "Is a production release to customers decoupled from a production deployment to a "
        "data center? If so, who can make the release to customers and on whose behalf?",
    ],
    "process.hotfix-deployment": [
        "What is the difference in deployment process between a hotfix and a feature deployment?",
        "Are manual steps necessary to accomplish a hotfix deployment?",
    ],
    "process.hotfix-release": [
        "What is the difference in release process between a hotfix and a feature release?",
    ],
    "process.prioritization": [
        "Is there a structured process in place that governs prioritization of reliability "
        "work versus user-facing features?",
    ],
}

AREA_KEY = re.compile(r"^(culture|process)\.[a-z0-9-]+$")
QUESTION_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


@pytest.fixture
def bank() -> Framework:
    return builtin_framework()


@pytest.fixture
def data() -> dict[str, Any]:
    """A fresh, mutable copy of the built-in framework's JSON data."""
    return copy.deepcopy(framework_to_dict(builtin_framework()))


# --- the built-in framework --------------------------------------------------------------------


def test_builtin_loads_with_identity(bank: Framework) -> None:
    assert bank.ref == FrameworkRef("sre-maturity", "1.0")
    assert bank.name == "SRE Maturity Assessment"
    assert bank.description.strip()
    assert bank.source == fw.BUILTIN_SOURCE
    assert builtin_framework() is bank  # cached
    assert bank in builtin_frameworks()


def test_builtin_file_is_in_canonical_form() -> None:
    raw = json.loads(resource_path("frameworks", fw.BUILTIN_FILE).read_text(encoding="utf-8"))
    assert raw == framework_to_dict(builtin_framework())
    assert raw["format"] == "sre-workshop-framework"
    assert raw["format_version"] == 1


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json.loads(resource_path("schemas", "framework.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_levels(bank: Framework) -> None:
    assert [(level.level, level.name, level.westrum) for level in bank.levels] == [
        (1, "Ad hoc", WestrumType.PATHOLOGICAL),
        (2, "Reactive", WestrumType.PATHOLOGICAL),
        (3, "Defined", WestrumType.BUREAUCRATIC),
        (4, "Measured", WestrumType.GENERATIVE),
        (5, "Continuously improving", WestrumType.GENERATIVE),
    ]
    assert "continuous" in bank.level(5).summary.lower()
    assert all(level.summary.strip() for level in bank.levels)


def test_sixteen_areas_in_order(bank: Framework) -> None:
    assert [(area.key, area.name) for area in bank.areas] == AREAS
    assert len(bank.areas_of(Dimension.CULTURE)) == 6
    assert len(bank.areas_of(Dimension.PROCESS)) == 10
    assert all(area.dimension.value == area.key.split(".")[0] for area in bank.areas)


def test_area_texts(bank: Framework) -> None:
    for area in bank.areas:
        assert area.description.strip(), area.key
        assert len(area.level_descriptions) == 5, area.key
        assert all(text.strip() for text in area.level_descriptions), area.key
        assert len(set(area.level_descriptions)) == 5, area.key
        assert area.short_name and len(area.short_name) <= 18, area.key
        assert area.short_name.isascii(), area.key
        assert area.questions, area.key


def test_survey_statements_only_on_culture(bank: Framework) -> None:
    for area in bank.areas_of(Dimension.CULTURE):
        assert area.survey_statement and area.survey_statement.strip(), area.key
    for area in bank.areas_of(Dimension.PROCESS):
        assert area.survey_statement is None, area.key


def test_every_chapter_question_is_present(bank: Framework) -> None:
    for area_key, texts in CHAPTER_QUESTIONS.items():
        present = {_normal(flat.question.text) for flat in bank.area(area_key).flat_questions()}
        for text in texts:
            assert _normal(text) in present, f"{area_key}: {text}"
    assert len(bank.area("culture.high-cooperation").questions) >= 4


def test_no_chapter_typos_survive(bank: Framework) -> None:
    typos = ["repsonsib", "permature", "practive", "goversn", "needt o", "relase", "productions"]
    for area in bank.areas:
        for flat in area.flat_questions():
            for typo in typos:
                assert typo not in flat.question.text, flat.question.key


def test_nested_follow_ups(bank: Framework) -> None:
    rotations = bank.area("process.on-call").questions[2]
    assert rotations.key == "process.on-call.rotations"
    assert [q.key for q in rotations.follow_ups] == [
        "process.on-call.rotation-roles",
        "process.on-call.rotation-handover",
        "process.on-call.primary-secondary",
        "process.on-call.shift-duration",
    ]
    access = bank.area("process.access-control").questions
    assert len(access) == 1
    assert [_normal(q.text) for q in access[0].follow_ups] == [
        _normal("Who can get it?"),
        _normal("How do they request it?"),
        _normal("How quickly is access provided after a request has been placed?"),
    ]


def test_keys_unique_and_well_formed(bank: Framework) -> None:
    area_keys = [area.key for area in bank.areas]
    assert len(set(area_keys)) == len(area_keys)
    assert all(AREA_KEY.match(key) for key in area_keys)
    all_keys = [flat.question.key for area in bank.areas for flat in area.flat_questions()]
    assert len(all_keys) == len(set(all_keys)) == len(bank.question_keys())
    for area in bank.areas:
        for flat in area.flat_questions():
            prefix, _, slug = flat.question.key.rpartition(".")
            assert prefix == area.key, flat.question.key
            assert QUESTION_SLUG.match(slug), flat.question.key


def test_round_trip(bank: Framework) -> None:
    again = framework_from_dict(framework_to_dict(bank), "copy")
    assert again.source == "copy"
    assert dataclasses.replace(again, source=bank.source) == bank
    # and through JSON text
    text = json.dumps(framework_to_dict(bank), ensure_ascii=False)
    assert dataclasses.replace(framework_from_dict(json.loads(text), "x"), source="built-in") == (
        bank
    )


def test_round_trip_keeps_optional_fields(data: dict[str, Any]) -> None:
    del data["areas"][6]["short_name"]
    loaded = framework_from_dict(data, "x")
    assert loaded.areas[6].short_name == ""
    assert loaded.areas[6].chart_label == "Customer support"
    assert framework_to_dict(loaded) == data


def test_load_framework_file(tmp_path: Path, data: dict[str, Any]) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_framework_file(path)
    assert loaded.source == str(path)
    assert dataclasses.replace(loaded, source="built-in") == builtin_framework()


def test_utf8_bom_is_accepted(tmp_path: Path, data: dict[str, Any]) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode("utf-8"))
    assert load_framework_file(path).id == "sre-maturity"


# --- malformed files are refused with file, place and problem ----------------------------------


def _refused(path: Path) -> FrameworkError:
    with pytest.raises(FrameworkError) as caught:
        load_framework_file(path)
    error = caught.value
    assert error.source == path.name
    assert str(error).startswith(f"{path.name}: ")
    return error


def _write(tmp_path: Path, content: bytes | str, name: str = "bank.json") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def _refused_data(tmp_path: Path, data: object) -> FrameworkError:
    return _refused(_write(tmp_path, json.dumps(data, indent=2)))


def test_not_json_gives_line_and_column(tmp_path: Path) -> None:
    error = _refused(_write(tmp_path, '{\n  "id": "x",\n  "version": \n}'))
    assert error.place == ""
    assert "not valid JSON" in error.problem
    assert "line 4, column 1" in error.problem


def test_not_utf8(tmp_path: Path) -> None:
    error = _refused(_write(tmp_path, b'{\n  "name": "caf\xe9"\n}'))
    assert "not UTF-8" in error.problem
    assert "line 2, column 15" in error.problem
    assert "0xe9" in error.problem


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    error = _refused(_write(tmp_path, content))
    assert error.problem == "the file is empty"
    assert str(error) == "bank.json: the file is empty"


def test_wrong_type_at_nested_place(tmp_path: Path, data: dict[str, Any]) -> None:
    data["areas"][3]["questions"][0]["text"] = 42
    error = _refused_data(tmp_path, data)
    assert error.place == "areas[3].questions[0].text"
    assert error.problem == "expected text, found a number (42)"
    assert str(error) == (
        "bank.json: at areas[3].questions[0].text: expected text, found a number (42)"
    )


def test_wrong_type_at_top(tmp_path: Path) -> None:
    error = _refused_data(tmp_path, [1, 2, 3])
    assert error.place == ""
    assert "expected an object" in error.problem


def test_missing_required_field(tmp_path: Path, data: dict[str, Any]) -> None:
    del data["areas"][2]["level_descriptions"]
    error = _refused_data(tmp_path, data)
    assert error.place == "areas[2]"
    assert error.problem == "the required field 'level_descriptions' is missing"


def test_unknown_field(tmp_path: Path, data: dict[str, Any]) -> None:
    data["areas"][8]["questions"][1]["hint"] = "ask nicely"
    error = _refused_data(tmp_path, data)
    assert error.place == "areas[8].questions[1]"
    assert "unknown field 'hint'" in error.problem


def test_duplicate_area_key(tmp_path: Path, data: dict[str, Any]) -> None:
    data["areas"][1]["key"] = data["areas"][0]["key"]
    error = _refused_data(tmp_path, data)
    assert error.place == "areas[1].key"
    assert "'culture.high-cooperation' is already used at areas[0]" in error.problem


def test_duplicate_question_key(tmp_path: Path, data: dict[str, Any]) -> None:
    on_call = data["areas"][7]
    on_call["questions"][2]["follow_ups"][1]["key"] = on_call["questions"][0]["key"]
    error = _refused_data(tmp_path, data)
    assert error.place == "areas[7].questions[2].follow_ups[1].key"
    assert "'process.on-call.coverage' is already used at areas[7].questions[0]" in (error.problem)


def test_question_key_not_under_its_area(tmp_path: Path, data: dict[str, Any]) -> None:
    data["areas"][0]["questions"][1]["key"] = "culture.risks-shared.change-friction"
    error = _refused_data(tmp_path, data)
    assert error.place == "areas[0].questions[1].key"
    assert "must start with its area key 'culture.high-cooperation.'" in error.problem


def test_malformed_question_key(tmp_path: Path, data: dict[str, Any]) -> None:
    data["areas"][3]["questions"][0]["key"] = "x y"
    error = _refused_data(tmp_path, data)
    assert error.place == "areas[3].questions[0].key"
    assert error.problem.startswith("'x y' does not match '^(culture|process)")


def test_four_level_descriptions(tmp_path: Path, data: dict[str, Any]) -> None:
    data["areas"][5]["level_descriptions"].pop()
    error = _refused_data(tmp_path, data)
    assert error.place == "areas[5].level_descriptions"
    assert error.problem == "needs exactly 5 items, found 4"


def test_four_levels(tmp_path: Path, data: dict[str, Any]) -> None:
    data["levels"].pop()
    error = _refused_data(tmp_path, data)
    assert error.place == "levels"
    assert error.problem == "needs exactly 5 items, found 4"


def test_levels_out_of_order(tmp_path: Path, data: dict[str, Any]) -> None:
    data["levels"][1]["level"], data["levels"][2]["level"] = 3, 2
    error = _refused_data(tmp_path, data)
    assert error.place == "levels[1].level"
    assert "numbered 1 to 5 in order" in error.problem


def test_blank_text(tmp_path: Path, data: dict[str, Any]) -> None:
    data["areas"][9]["level_descriptions"][2] = "   "
    error = _refused_data(tmp_path, data)
    assert error.place == "areas[9].level_descriptions[2]"
    assert error.problem == "must not be blank"


def test_culture_area_needs_survey_statement(tmp_path: Path, data: dict[str, Any]) -> None:
    del data["areas"][4]["survey_statement"]
    error = _refused_data(tmp_path, data)
    assert error.place == "areas[4]"
    assert "needs a survey_statement" in error.problem


def test_process_area_has_no_survey_statement(tmp_path: Path, data: dict[str, Any]) -> None:
    data["areas"][10]["survey_statement"] = "We comply."
    error = _refused_data(tmp_path, data)
    assert error.place == "areas[10].survey_statement"
    assert "only culture areas" in error.problem


def test_dimension_must_match_key(tmp_path: Path, data: dict[str, Any]) -> None:
    data["areas"][0]["dimension"] = "process"
    error = _refused_data(tmp_path, data)
    assert error.place == "areas[0].dimension"


def test_unknown_westrum_type(tmp_path: Path, data: dict[str, Any]) -> None:
    data["levels"][0]["westrum"] = "chaotic"
    error = _refused_data(tmp_path, data)
    assert error.place == "levels[0].westrum"
    assert error.problem.startswith("'chaotic' is not one of 'pathological'")


def test_newer_format_version(tmp_path: Path, data: dict[str, Any]) -> None:
    data["format_version"] = 2
    error = _refused_data(tmp_path, data)
    assert error.place == "format_version"
    assert "newer" in error.problem


def test_not_a_framework_file(tmp_path: Path, data: dict[str, Any]) -> None:
    data["format"] = "something-else"
    error = _refused_data(tmp_path, data)
    assert error.place == "format"


def test_text_over_the_limit(tmp_path: Path, data: dict[str, Any]) -> None:
    data["areas"][0]["description"] = "x" * 200_001
    error = _refused_data(tmp_path, data)
    assert error.place == "areas[0].description"
    assert error.problem == "is 200,001 characters long; the limit is 200,000"


def test_unpaired_surrogate(tmp_path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data).replace('"Ad hoc"', '"Ad hoc \\ud800"')
    error = _refused(_write(tmp_path, text))
    assert error.place == "levels[0].name"
    assert "surrogate" in error.problem


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity(tmp_path: Path, data: dict[str, Any], constant: str) -> None:
    text = json.dumps(data).replace('"format_version": 1', f'"format_version": {constant}')
    error = _refused(_write(tmp_path, text))
    assert constant in error.problem
    assert "not valid JSON" in error.problem


def test_duplicate_names_in_an_object(tmp_path: Path) -> None:
    error = _refused(_write(tmp_path, '{"id": "a", "id": "b"}'))
    assert "'id' appears twice" in error.problem


def test_deep_nesting(tmp_path: Path) -> None:
    error = _refused(_write(tmp_path, "[" * 100_000 + "]" * 100_000))
    assert "nested" in error.problem


def test_deep_follow_ups(tmp_path: Path, data: dict[str, Any]) -> None:
    question = data["areas"][0]["questions"][0]
    for depth in range(30):
        child = {"key": f"culture.high-cooperation.deep-{depth}", "text": "Why?"}
        question["follow_ups"] = [child]
        question = child
    error = _refused_data(tmp_path, data)
    assert "nested more than" in error.problem


def test_over_size_file(tmp_path: Path) -> None:
    path = _write(tmp_path, b"[" + b" " * fw.MAX_FILE_BYTES + b"]")
    error = _refused(path)
    assert "larger than the 5 MB limit" in error.problem


def test_a_directory_instead_of_a_file(tmp_path: Path) -> None:
    path = tmp_path / "folder.json"
    path.mkdir()
    error = _refused(path)
    assert error.problem == "is a folder, not a framework file"


def test_missing_file(tmp_path: Path) -> None:
    error = _refused(tmp_path / "nowhere.json")
    assert "not found" in error.problem


def test_framework_from_dict_names_its_source(data: dict[str, Any]) -> None:
    data["id"] = "Not An Id"
    with pytest.raises(FrameworkError) as caught:
        framework_from_dict(data, "database")
    assert caught.value.source == "database"
    assert caught.value.place == "id"
    assert str(caught.value).startswith("database: at id: 'Not An Id' does not match")


def test_framework_error_pickles_and_is_a_value_error() -> None:
    error = FrameworkError("a.json", "areas[0]", "broken")
    again = pickle.loads(pickle.dumps(error))
    assert isinstance(again, FrameworkError)
    assert isinstance(error, ValueError)
    assert (again.source, again.place, again.problem) == ("a.json", "areas[0]", "broken")
    assert str(again) == "a.json: at areas[0]: broken"
    assert str(FrameworkError("a.json", "", "broken")) == "a.json: broken"


# --- the registry ------------------------------------------------------------------------------


def _versioned(version: str, framework_id: str = "sre-maturity") -> Framework:
    return dataclasses.replace(builtin_framework(), id=framework_id, version=version)


def test_version_key_is_numeric() -> None:
    assert version_key("1.10") > version_key("1.9")
    assert version_key("2") > version_key("1.99")
    assert version_key("1.0.1") > version_key("1.0")


def test_registry_latest_prefers_1_10_over_1_9() -> None:
    registry = FrameworkRegistry([_versioned("1.9"), _versioned("1.10"), _versioned("1.2")])
    assert registry.latest("sre-maturity").version == "1.10"
    assert [f.version for f in registry.all()] == ["1.2", "1.9", "1.10"]


def test_registry_lookups() -> None:
    mine = _versioned("1.0", "acme-bank")
    registry = FrameworkRegistry([builtin_framework()])
    bigger = registry.add(mine)
    assert len(registry) == 1  # add() leaves the original unchanged
    assert len(bigger) == 2
    assert [f.id for f in bigger.all()] == ["acme-bank", "sre-maturity"]
    assert bigger.get(FrameworkRef("acme-bank", "1.0")) is mine
    assert FrameworkRef("acme-bank", "1.0") in bigger
    assert registry.find(FrameworkRef("acme-bank", "1.0")) is None
    with pytest.raises(KeyError) as caught:
        registry.get(FrameworkRef("acme-bank", "1.0"))
    assert isinstance(caught.value, UnknownFrameworkError)
    assert "acme-bank 1.0 is not available" in str(caught.value)
    with pytest.raises(KeyError, match="no framework with id 'nope'"):
        registry.latest("nope")
    with pytest.raises(ValueError, match="registered twice"):
        bigger.add(mine)


def _write_framework(folder: Path, name: str, mutate: Callable[[dict[str, Any]], None]) -> Path:
    content = copy.deepcopy(framework_to_dict(builtin_framework()))
    mutate(content)
    path = folder / name
    path.write_text(json.dumps(content, indent=2), encoding="utf-8")
    return path


def test_load_registry_without_user_folder(tmp_path: Path) -> None:
    for user_dir in (None, tmp_path / "absent"):
        registry, problems = load_registry(user_dir)
        assert problems == ()
        assert registry.all() == builtin_frameworks()


def test_load_registry_with_user_files(tmp_path: Path) -> None:
    folder = tmp_path / "frameworks"
    folder.mkdir()
    _write_framework(folder, "acme.json", lambda d: d.update(id="acme-bank", name="Acme"))
    _write_framework(folder, "newer.json", lambda d: d.update(version="1.10"))
    _write_framework(folder, "same-as-builtin.json", lambda d: d.update(name="Impostor"))
    (folder / "broken.json").write_text('{"id": ', encoding="utf-8")
    (folder / "notes.txt").write_text("not a framework", encoding="utf-8")
    (folder / "._acme.json").write_bytes(b"\x00\x05\x16\x07")  # macOS resource fork litter

    registry, problems = load_registry(folder)

    acme = registry.get(FrameworkRef("acme-bank", "1.0"))
    assert acme.name == "Acme"
    assert acme.source == str(folder / "acme.json")
    assert registry.latest("sre-maturity").version == "1.10"
    assert registry.get(FrameworkRef("sre-maturity", "1.0")) is builtin_framework()
    assert [problem.source for problem in problems] == ["broken.json", "same-as-builtin.json"]
    assert "not valid JSON" in problems[0].problem
    assert "line 1, column 8" in problems[0].problem
    assert "built-in framework" in problems[1].problem


def test_load_registry_when_user_folder_is_a_file(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "frameworks"
    not_a_folder.write_text("", encoding="utf-8")
    registry, problems = load_registry(not_a_folder)
    assert registry.all() == builtin_frameworks()
    assert len(problems) == 1
    assert problems[0].problem == "is not a folder"


# --- trusted frameworks: the shipped files and the database's snapshots --------------------------


def test_every_shipped_framework_file_passes_the_full_check() -> None:
    """The app trusts its own files at start-up (no JSON Schema pass); this test is the check."""
    shipped = sorted(resource_path("frameworks").glob("*.json"))
    assert shipped
    for path in shipped:
        checked = load_framework_file(path)
        assert dataclasses.replace(checked, source="built-in") in builtin_frameworks()


def test_trusted_data_builds_the_same_framework(data: dict[str, Any]) -> None:
    trusted = framework_from_dict(copy.deepcopy(data), "database", trusted=True)
    assert trusted == framework_from_dict(data, "database")


def test_trusted_data_that_is_wrong_gets_the_full_check(data: dict[str, Any]) -> None:
    data["areas"][0]["dimension"] = "process"
    with pytest.raises(FrameworkError) as caught:
        framework_from_dict(data, "database", trusted=True)
    assert caught.value.place == "areas[0].dimension"
    del data["levels"]
    with pytest.raises(FrameworkError) as caught:
        framework_from_dict(data, "database", trusted=True)
    assert "levels" in str(caught.value)


def test_trusted_data_of_a_newer_format_is_refused(data: dict[str, Any]) -> None:
    data["format_version"] = fw.FORMAT_VERSION + 1
    with pytest.raises(FrameworkError, match="newer"):
        framework_from_dict(data, "database", trusted=True)
