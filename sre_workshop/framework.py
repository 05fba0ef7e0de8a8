"""Load, validate and look up assessment frameworks (question banks) kept as JSON data.

A framework file holds the five-level maturity scale and the culture and process areas with
their questions; ``resources/schemas/framework.schema.json`` describes the format. The app ships
its built-in frameworks in ``resources/frameworks/`` and coaches may drop their own files into
the ``frameworks`` folder of their data folder.

Every file is checked in three steps before anything is built from it: it must be a readable
UTF-8 JSON file of at most 5 MB, it must match the JSON Schema, and it must keep the rules the
schema cannot express (unique keys, question keys under their area key, survey statements only
on culture areas, levels numbered 1 to 5 in order). Anything wrong is reported as a
:class:`FrameworkError` naming the file, the place in it and the problem, so a coach can fix it.

:class:`FrameworkRegistry` holds the frameworks the app knows, by id and version: an old
assessment looks up exactly the version it was made with, a new one usually takes the latest.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NoReturn

from sre_workshop.json_errors import (
    BadConstant,
    DuplicateName,
    describe,
    line_column,
    reject_constant,
    unique_names,
)
from sre_workshop.json_errors import (
    place as json_place,
)
from sre_workshop.model import (
    Area,
    Dimension,
    Framework,
    FrameworkRef,
    LevelDefinition,
    Question,
    WestrumType,
)
from sre_workshop.resources import resource_path

if TYPE_CHECKING:
    # jsonschema is imported only when a framework is checked against the schema: the
    # trusted ones (see _build) never need it, and it costs 0.15 s of every start-up.
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

__all__ = [
    "BUILTIN_SOURCE",
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_FILE_BYTES",
    "FrameworkError",
    "FrameworkRegistry",
    "UnknownFrameworkError",
    "builtin_framework",
    "builtin_frameworks",
    "framework_from_dict",
    "framework_to_dict",
    "load_framework_file",
    "load_registry",
    "version_key",
]

#: The ``format`` marker every framework file carries.
FORMAT: Final = "sre-workshop-framework"
#: The newest ``format_version`` this code reads (the file format, not the framework's version).
FORMAT_VERSION: Final = 1
#: Framework files larger than this are refused before they are parsed.
MAX_FILE_BYTES: Final = 5 * 1024 * 1024
#: ``Framework.source`` (and the error source) of the frameworks shipped with the app.
BUILTIN_SOURCE: Final = "built-in"
#: The file of the default built-in framework in ``resources/frameworks/``.
BUILTIN_FILE: Final = "sre-maturity-1.0.json"
SCHEMA_FILE: Final = "framework.schema.json"
#: Deepest JSON nesting accepted; the format needs about 7 levels plus 2 per follow-up level.
MAX_NESTING: Final = 40


class FrameworkError(ValueError):
    """A framework that cannot be used: which file, where in it, and what is wrong.

    ``place`` is a JSON path such as ``areas[3].questions[0].key``, or ``""`` when the problem
    concerns the whole file (missing, not JSON, too large...).
    """

    def __init__(self, source: str, place: str, problem: str) -> None:
        super().__init__(source, place, problem)
        self.source = source
        self.place = place
        self.problem = problem

    def __str__(self) -> str:
        where = f"at {self.place}: " if self.place else ""
        return f"{self.source}: {where}{self.problem}"


class UnknownFrameworkError(KeyError):
    """Raised by :meth:`FrameworkRegistry.get` and ``latest`` for a framework it does not hold."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown framework"


# --- reading and validating --------------------------------------------------------------------


def _read_json(path: Path, source: str) -> object:
    """The parsed JSON of ``path``, or a FrameworkError saying why it cannot be had."""

    def fail(problem: str) -> NoReturn:
        raise FrameworkError(source, "", problem)

    try:
        if path.is_dir():
            fail("is a folder, not a framework file")
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        fail(f"file not found ({path})")
    except PermissionError:
        fail(f"cannot be read: permission denied ({path})")
    except OSError as exc:
        fail(f"cannot be read: {exc.strerror or exc} ({path})")
    if len(raw) > MAX_FILE_BYTES:
        fail(f"is larger than the {MAX_FILE_BYTES // (1024 * 1024)} MB limit for framework files")
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = line_column(raw, exc.start)
        fail(
            f"is not UTF-8 text: byte 0x{raw[exc.start]:02x} at line {line}, column {column} "
            "cannot be read; save the file with UTF-8 encoding"
        )
    if not text.strip():
        fail("the file is empty")
    try:
        return json.loads(text, parse_constant=reject_constant, object_pairs_hook=unique_names)
    except json.JSONDecodeError as exc:
        fail(f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")
    except BadConstant as exc:
        fail(f"is not valid JSON: {exc.args[0]} is not a number JSON allows")
    except DuplicateName as exc:
        fail(
            f"is not valid JSON for a framework: the name {exc.args[0]!r} appears twice "
            "in one object"
        )
    except RecursionError:
        fail("is not valid JSON for a framework: it is nested too deeply")


_PATTERN_HINTS: Final = {
    "key": "lowercase letters, digits and hyphens, in parts separated by dots",
    "id": "lowercase letters, digits, dots and hyphens",
    "version": "whole numbers separated by dots, such as 1.0",
}


def _pattern_hint(error: ValidationError) -> str | None:
    return _PATTERN_HINTS.get(str(error.path[-1]) if error.path else "")


def _describe(error: ValidationError) -> str:
    """A coach-readable sentence for one schema violation (never a whole repr of the file)."""
    return describe(error, field_word="field", pattern_hint=_pattern_hint)


@cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    schema_file = resource_path("schemas", SCHEMA_FILE)
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _nesting_problem(data: object) -> tuple[str, str] | None:
    """(place, problem) if ``data`` nests deeper than MAX_NESTING, without recursing."""
    stack: list[tuple[object, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_NESTING:
            return json_place(path), f"nested more than {MAX_NESTING} levels deep"
        if isinstance(value, dict):
            stack.extend((child, (*path, str(name))) for name, child in value.items())
        elif isinstance(value, list):
            stack.extend((child, (*path, index)) for index, child in enumerate(value))
    return None


def _strings(data: object) -> Iterator[tuple[tuple[str | int, ...], str]]:
    stack: list[tuple[object, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            stack.extend((child, (*path, str(name))) for name, child in value.items())
        elif isinstance(value, list):
            stack.extend((child, (*path, index)) for index, child in enumerate(value))


def _walk_questions(
    questions: Sequence[Mapping[str, Any]], path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Mapping[str, Any]]]:
    for index, question in enumerate(questions):
        here = (*path, index)
        yield here, question
        yield from _walk_questions(question.get("follow_ups", ()), (*here, "follow_ups"))


def _check_rules(data: Mapping[str, Any], source: str) -> None:
    """The rules JSON Schema cannot express; ``data`` already matches the schema."""

    def fail(path: Iterable[str | int], problem: str) -> NoReturn:
        raise FrameworkError(source, json_place(path), problem)

    for index, level in enumerate(data["levels"]):
        if level["level"] != index + 1:
            fail(
                ("levels", index, "level"),
                f"levels must be numbered 1 to 5 in order; expected {index + 1}, "
                f"found {level['level']}",
            )
    area_places: dict[str, str] = {}
    question_places: dict[str, str] = {}
    for area_index, area in enumerate(data["areas"]):
        area_path: tuple[str | int, ...] = ("areas", area_index)
        key, dimension = area["key"], area["dimension"]
        if key in area_places:
            fail((*area_path, "key"), f"area key {key!r} is already used at {area_places[key]}")
        area_places[key] = json_place(area_path)
        if key.split(".", 1)[0] != dimension:
            fail(
                (*area_path, "dimension"),
                f"is {dimension!r}, but the area key {key!r} belongs to another dimension",
            )
        has_statement = "survey_statement" in area
        if dimension == Dimension.CULTURE and not has_statement:
            fail(area_path, f"culture area {key!r} needs a survey_statement")
        if dimension == Dimension.PROCESS and has_statement:
            fail(
                (*area_path, "survey_statement"),
                f"only culture areas have a survey statement; remove it from {key!r}",
            )
        for question_path, question in _walk_questions(
            area["questions"], (*area_path, "questions")
        ):
            question_key = question["key"]
            if not question_key.startswith(key + "."):
                fail(
                    (*question_path, "key"),
                    f"question key {question_key!r} must start with its area key {key + '.'!r}",
                )
            if question_key in question_places:
                fail(
                    (*question_path, "key"),
                    f"question key {question_key!r} is already used at "
                    f"{question_places[question_key]}",
                )
            question_places[question_key] = json_place(question_path)


def _question(data: Mapping[str, Any]) -> Question:
    return Question(
        key=data["key"],
        text=data["text"],
        follow_ups=tuple(_question(item) for item in data.get("follow_ups", ())),
    )


def _area(data: Mapping[str, Any]) -> Area:
    descriptions: list[str] = list(data["level_descriptions"])
    return Area(
        key=data["key"],
        dimension=Dimension(data["dimension"]),
        name=data["name"],
        description=data["description"],
        questions=tuple(_question(item) for item in data["questions"]),
        level_descriptions=(
            descriptions[0],
            descriptions[1],
            descriptions[2],
            descriptions[3],
            descriptions[4],
        ),
        survey_statement=data.get("survey_statement"),
        short_name=data.get("short_name", ""),
    )


def _build(
    data: object, error_source: str, framework_source: str, *, trusted: bool = False
) -> Framework:
    """Check ``data`` in full and build the Framework; see :func:`framework_from_dict`.

    ``trusted`` data (a file shipped with the app, a snapshot the app stored) is built without
    the JSON Schema pass; only if that fails is it checked in full, for a precise error.
    """
    if (
        trusted
        and isinstance(data, dict)
        and data.get("format") == FORMAT
        and data.get("format_version") == FORMAT_VERSION
    ):
        try:
            _check_rules(data, error_source)
            return _construct(data, framework_source)
        except Exception:
            pass  # the full check below says precisely what is wrong

    def fail(place: str, problem: str) -> NoReturn:
        raise FrameworkError(error_source, place, problem)

    nesting = _nesting_problem(data)
    if nesting is not None:
        fail(*nesting)
    if isinstance(data, dict):
        version = data.get("format_version")
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            fail(
                "format_version",
                f"format version {version} is newer than this version of SRE Workshop reads "
                f"({FORMAT_VERSION}); update the app to use this file",
            )
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(data))
    if error is not None:
        fail(json_place(error.absolute_path), _describe(error))
    assert isinstance(data, dict)  # the schema's top-level type
    for path, text in _strings(data):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            fail(json_place(path), f"contains an unpaired surrogate at position {exc.start}")
    _check_rules(data, error_source)
    return _construct(data, framework_source)


def _construct(data: Mapping[str, Any], framework_source: str) -> Framework:
    return Framework(
        id=data["id"],
        version=data["version"],
        name=data["name"],
        description=data["description"],
        levels=tuple(
            LevelDefinition(
                level=int(level["level"]),
                name=level["name"],
                summary=level["summary"],
                westrum=WestrumType(level["westrum"]),
            )
            for level in data["levels"]
        ),
        areas=tuple(_area(area) for area in data["areas"]),
        source=framework_source,
    )


# --- the public functions ----------------------------------------------------------------------


def framework_from_dict(data: object, source: str, *, trusted: bool = False) -> Framework:
    """Validate parsed JSON ``data`` and build the Framework; ``source`` names it in errors.

    Raises FrameworkError. ``source`` also becomes ``Framework.source`` ("database", a path...).
    ``trusted`` skips the JSON Schema pass for data the app wrote itself (the snapshots in its
    database); the cross-field rules and the model's own checks still apply, and data that does
    not build is then checked in full, so the error is as precise as for any file. Anything
    from outside (a coach's file, a bundle) is never trusted.
    """
    return _build(data, source, source, trusted=trusted)


def _question_to_dict(question: Question) -> dict[str, object]:
    result: dict[str, object] = {"key": question.key, "text": question.text}
    if question.follow_ups:
        result["follow_ups"] = [_question_to_dict(item) for item in question.follow_ups]
    return result


def _area_to_dict(area: Area) -> dict[str, object]:
    result: dict[str, object] = {
        "key": area.key,
        "dimension": area.dimension.value,
        "name": area.name,
    }
    if area.short_name:
        result["short_name"] = area.short_name
    result["description"] = area.description
    if area.survey_statement is not None:
        result["survey_statement"] = area.survey_statement
    result["questions"] = [_question_to_dict(item) for item in area.questions]
    result["level_descriptions"] = list(area.level_descriptions)
    return result


def framework_to_dict(framework: Framework) -> dict[str, object]:
    """The framework as file-format JSON data: the inverse of :func:`framework_from_dict`.

    ``framework_from_dict(framework_to_dict(f), s)`` equals ``f`` except for ``source``.
    Storage and bundles embed frameworks in this form.
    """
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "id": framework.id,
        "version": framework.version,
        "name": framework.name,
        "description": framework.description,
        "levels": [
            {
                "level": level.level,
                "name": level.name,
                "summary": level.summary,
                "westrum": level.westrum.value,
            }
            for level in framework.levels
        ],
        "areas": [_area_to_dict(area) for area in framework.areas],
    }


def _load(
    path: Path, error_source: str, framework_source: str, *, trusted: bool = False
) -> Framework:
    return _build(_read_json(path, error_source), error_source, framework_source, trusted=trusted)


def load_framework_file(path: Path) -> Framework:
    """Read and validate one framework file; errors name the file, ``source`` is its path.

    Refuses (FrameworkError) a file that is missing, a folder, unreadable, over 5 MB, not UTF-8,
    not JSON (with line and column), uses NaN or Infinity, or breaks the format's rules.
    """
    return _load(path, path.name or str(path), str(path))


@cache
def _builtin(file_name: str) -> Framework:
    # The shipped files are checked against the schema by the test suite
    # (tests/core/test_framework.py), so start-up does not pay for it on every launch.
    return _load(resource_path("frameworks", file_name), file_name, BUILTIN_SOURCE, trusted=True)


def builtin_framework() -> Framework:
    """The default built-in framework (SRE Maturity Assessment), loaded once."""
    return _builtin(BUILTIN_FILE)


@cache
def builtin_frameworks() -> tuple[Framework, ...]:
    """Every framework shipped in ``resources/frameworks/``, in file name order."""
    folder = resource_path("frameworks")
    return tuple(_builtin(path.name) for path in sorted(folder.glob("*.json")))


# --- looking frameworks up ---------------------------------------------------------------------


def version_key(version: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key comparing dotted versions part by part as numbers: 1.10 sorts after 1.9."""
    parts = []
    for part in version.split("."):
        if part.isascii() and part.isdigit():
            parts.append((1, int(part), ""))
        else:
            parts.append((0, 0, part))
    return tuple(parts)


class FrameworkRegistry:
    """The frameworks the app knows, by id and version.

    A registry is immutable: :meth:`add` returns a new registry and leaves this one unchanged.
    Each id and version may appear once; a second one is a ValueError.
    """

    def __init__(self, frameworks: Iterable[Framework] = ()) -> None:
        by_ref: dict[FrameworkRef, Framework] = {}
        for framework in frameworks:
            known = by_ref.get(framework.ref)
            if known is not None:
                raise ValueError(
                    f"framework {framework.ref} is registered twice "
                    f"(from {known.source} and {framework.source})"
                )
            by_ref[framework.ref] = framework
        self._by_ref = by_ref

    def find(self, ref: FrameworkRef) -> Framework | None:
        """The framework with exactly this id and version, or None."""
        return self._by_ref.get(ref)

    def get(self, ref: FrameworkRef) -> Framework:
        """The framework with exactly this id and version; UnknownFrameworkError if absent."""
        framework = self._by_ref.get(ref)
        if framework is None:
            known = ", ".join(str(item.ref) for item in self.all()) or "none"
            raise UnknownFrameworkError(
                f"framework {ref} is not available on this computer (available: {known}); "
                "add its file to the frameworks folder of the data folder"
            )
        return framework

    def latest(self, framework_id: str) -> Framework:
        """The highest version of ``framework_id``; UnknownFrameworkError if there is none."""
        candidates = [item for item in self._by_ref.values() if item.id == framework_id]
        if not candidates:
            known = ", ".join(sorted({item.id for item in self._by_ref.values()})) or "none"
            raise UnknownFrameworkError(
                f"no framework with id {framework_id!r} is available (available: {known})"
            )
        return max(candidates, key=lambda item: version_key(item.version))

    def all(self) -> tuple[Framework, ...]:
        """Every framework, sorted by id and then by version (numerically)."""
        return tuple(
            sorted(self._by_ref.values(), key=lambda item: (item.id, version_key(item.version)))
        )

    def add(self, framework: Framework) -> FrameworkRegistry:
        """A new registry with ``framework`` added; ValueError if its id and version exist."""
        return FrameworkRegistry((*self._by_ref.values(), framework))

    def __contains__(self, ref: object) -> bool:
        return ref in self._by_ref

    def __len__(self) -> int:
        return len(self._by_ref)

    def __iter__(self) -> Iterator[Framework]:
        return iter(self.all())

    def __repr__(self) -> str:
        return f"FrameworkRegistry({', '.join(str(item.ref) for item in self.all())})"


def _user_files(user_dir: Path, problems: list[FrameworkError]) -> list[Path]:
    try:
        if not user_dir.exists():
            return []
        if not user_dir.is_dir():
            problems.append(FrameworkError(str(user_dir), "", "is not a folder"))
            return []
        return sorted(
            path
            for path in user_dir.iterdir()
            if path.suffix.lower() == ".json" and not path.name.startswith(".")
        )
    except OSError as exc:
        problems.append(
            FrameworkError(str(user_dir), "", f"cannot be listed: {exc.strerror or exc}")
        )
        return []


def load_registry(
    user_dir: Path | None,
) -> tuple[FrameworkRegistry, tuple[FrameworkError, ...]]:
    """The built-in frameworks plus every ``*.json`` file in ``user_dir``, and the problems.

    A user file that cannot be used is skipped and reported, never raised. A user file with
    the id and version of a framework already loaded (built-in or an earlier file by name) is
    reported too, and the one already loaded wins.
    """
    frameworks = {framework.ref: framework for framework in builtin_frameworks()}
    problems: list[FrameworkError] = []
    for path in _user_files(user_dir, problems) if user_dir is not None else []:
        try:
            framework = load_framework_file(path)
        except FrameworkError as exc:
            problems.append(exc)
            continue
        known = frameworks.get(framework.ref)
        if known is not None:
            other = (
                "a built-in framework"
                if known.source == BUILTIN_SOURCE
                else Path(known.source).name
            )
            problems.append(
                FrameworkError(
                    path.name,
                    "",
                    f"has the same id and version ({framework.ref}) as {other}, which is used "
                    "instead; give this file another id or a new version",
                )
            )
            continue
        frameworks[framework.ref] = framework
    return FrameworkRegistry(frameworks.values()), tuple(problems)
