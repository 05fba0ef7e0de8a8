"""Versioned JSON bundles: move an assessment, or a whole team, from one laptop to another.

A bundle is one UTF-8 JSON file (``docs/bundle-format.md`` documents it for other tools and
``resources/schemas/bundle.schema.json`` is its JSON Schema). It is self-contained: it embeds
the frameworks its assessments use, so it imports on a laptop that has never seen them.

Importing is careful because the file may come from anywhere:

1. :func:`read_bundle` refuses what is not a bundle (too large, not UTF-8, not JSON, NaN,
   absurd nesting, wrong format, newer format version) and checks the JSON Schema.
2. :func:`import_bundle` then builds every domain object (which validate themselves) and checks
   every reference (teams, compared assessments, frameworks, area and question keys, duplicate
   ids) *before* touching the database. Any problem is a :class:`BundleError` naming the file,
   the place in it (a JSON path such as ``assessments[0].answers[3].notes``) and the problem.
3. Only then is a backup taken and everything written in one transaction, so an import lands
   whole or not at all. Records already present (same UUID) are skipped, never duplicated:
   importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, Final, NoReturn

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from sre_workshop import __version__
from sre_workshop.atomic import write_bytes_atomically
from sre_workshop.framework import FrameworkError, framework_from_dict, framework_to_dict
from sre_workshop.json_errors import (
    BadConstant,
    DuplicateName,
    describe,
    json_kind,
    line_column,
    reject_constant,
    short,
    unique_names,
)
from sre_workshop.json_errors import (
    place as json_place,
)
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
    Review,
    ScopeItem,
    SurveyTally,
    Team,
    VotesSource,
    check_text,
)
from sre_workshop.resources import resource_path
from sre_workshop.storage import NotFoundError, StorageError
from sre_workshop.workflows import items_for_review
from sre_workshop.workspace import Workspace

__all__ = [
    "BUNDLE_FORMAT",
    "BUNDLE_VERSION",
    "MAX_BUNDLE_BYTES",
    "MAX_NESTING",
    "BundleError",
    "ImportResult",
    "export_assessment_bundle",
    "export_team_bundle",
    "import_bundle",
    "parse_bundle",
    "read_bundle",
    "write_bundle",
]

#: The ``format`` marker every bundle carries.
BUNDLE_FORMAT: Final = "sre-workshop-bundle"
#: The newest ``format_version`` this code writes and reads. Version 2 added ``votes_source``
#: (typed in, or cast from phones in room voting) to every rating and survey tally.
BUNDLE_VERSION: Final = 2
#: The version written when every tally was typed in: such a file says nothing version 1
#: cannot, so older SRE Workshops can still import it (docs/bundle-format.md, Versioning).
_VERSION_WITHOUT_SOURCES: Final = 1
#: Bundles larger than this are refused before a byte is read (a year of workshops of one
#: team is well under 1 MB; 50 MB leaves room for long notes without risking memory).
MAX_BUNDLE_BYTES = 50 * 1024 * 1024
#: Deepest JSON nesting accepted. The format itself needs about 8 levels plus 2 for each level
#: of follow-up questions in an embedded framework.
MAX_NESTING: Final = 64
SCHEMA_FILE: Final = "bundle.schema.json"
#: The key of a rating or survey tally that says whether its counts came from room voting.
_SOURCE_KEY: Final = "votes_source"
_SOURCE_IN_VERSION_1: Final = (
    f"unknown key {_SOURCE_KEY!r}: it is new in bundle format version 2, "
    "but this file says format_version 1"
)

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})"
)


class BundleError(ValueError):
    """A bundle that cannot be read or imported: which file, where in it, and what is wrong.

    ``place`` is a JSON path such as ``assessments[0].answers[3].notes``, or ``""`` when the
    problem concerns the whole file (missing, not JSON, too large...).
    """

    def __init__(self, source: str, place: str, problem: str) -> None:
        super().__init__(source, place, problem)
        self.source = source
        self.place = place
        self.problem = problem

    def __str__(self) -> str:
        where = f"at {self.place}: " if self.place else ""
        return f"{self.source}: {where}{self.problem}"


# --- export ------------------------------------------------------------------------------------


def _iso_datetime(value: dt.datetime) -> str:
    # The repository reads times without an offset as UTC; say so explicitly in the file.
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()


def _iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _team_to_dict(team: Team) -> dict[str, Any]:
    return {
        "id": team.id,
        "name": team.name,
        "description": team.description,
        "is_demo": team.is_demo,
        "created_at": _iso_datetime(team.created_at),
    }


def _needed_version(records: Iterable[AssessmentRecord]) -> int:
    """The oldest format version that can say everything in ``records``.

    Version 1 has no ``votes_source``: it can only hold tallies that were typed in. As soon as
    one tally came from room voting, the file must be version 2 so the marker travels with it.
    """
    for record in records:
        sources = [item.votes_source for item in record.ratings]
        sources += [item.votes_source for item in record.survey]
        if any(source is not VotesSource.MANUAL for source in sources):
            return BUNDLE_VERSION
    return _VERSION_WITHOUT_SOURCES


def _record_to_dict(record: AssessmentRecord, version: int) -> dict[str, Any]:
    """One assessment with what was captured in it, in the shape of format ``version``."""
    assessment = record.assessment
    # Version 1 files have no votes_source key (objects are closed); from version 2 on, every
    # rating and survey tally carries one.
    with_source = version >= 2
    return {
        "id": assessment.id,
        "team_id": assessment.team_id,
        "framework": {"id": assessment.framework.id, "version": assessment.framework.version},
        "date": assessment.date.isoformat(),
        "title": assessment.title,
        "coach": assessment.coach,
        "status": assessment.status.value,
        "compares_with": assessment.compares_with,
        "next_reassessment": _iso_date(assessment.next_reassessment),
        "is_demo": assessment.is_demo,
        "participants": [
            {"role": group.role, "count": group.count, "names": group.names}
            for group in assessment.participants
        ],
        "scope": [
            {"area_key": item.area_key, "timebox_minutes": item.timebox_minutes}
            for item in assessment.scope
        ],
        "answers": [
            {
                "question_key": answer.question_key,
                "notes": answer.notes,
                "quick_answer": answer.quick_answer.value if answer.quick_answer else None,
                "follow_up": answer.follow_up,
            }
            for answer in record.answers
        ],
        "ratings": [
            {
                "area_key": rating.area_key,
                "level": rating.level,
                "not_applicable": rating.not_applicable,
                "not_applicable_reason": rating.not_applicable_reason,
                "rationale": rating.rationale,
                "votes": list(rating.votes),
                **({_SOURCE_KEY: rating.votes_source.value} if with_source else {}),
            }
            for rating in record.ratings
        ],
        "survey": [
            {
                "area_key": tally.area_key,
                "counts": list(tally.counts),
                **({_SOURCE_KEY: tally.votes_source.value} if with_source else {}),
            }
            for tally in record.survey
        ],
    }


def _review_to_dict(review: Review) -> dict[str, Any]:
    # The reviewed item is the enclosing hypothesis or action, so ``item_id`` is not repeated.
    return {
        "id": review.id,
        "assessment_id": review.assessment_id,
        "status": review.status,
        "evidence": review.evidence,
        "reviewed_at": _iso_datetime(review.reviewed_at),
    }


def _hypothesis_to_dict(hypothesis: Hypothesis, reviews: Sequence[Review]) -> dict[str, Any]:
    return {
        "id": hypothesis.id,
        "team_id": hypothesis.team_id,
        "assessment_id": hypothesis.assessment_id,
        "capability": hypothesis.capability,
        "outcome": hypothesis.outcome,
        "signal": hypothesis.signal,
        # The database keeps each area once; so does the file (the schema demands it).
        "area_keys": list(dict.fromkeys(hypothesis.area_keys)),
        "owner": hypothesis.owner,
        "status": hypothesis.status.value,
        "review_date": _iso_date(hypothesis.review_date),
        "evidence": hypothesis.evidence,
        "created_at": _iso_datetime(hypothesis.created_at),
        "reviews": [_review_to_dict(review) for review in reviews],
    }


def _action_to_dict(action: ActionItem, reviews: Sequence[Review]) -> dict[str, Any]:
    return {
        "id": action.id,
        "team_id": action.team_id,
        "assessment_id": action.assessment_id,
        "text": action.text,
        "area_key": action.area_key,
        "owner": action.owner,
        "due_date": _iso_date(action.due_date),
        "status": action.status.value,
        "created_at": _iso_datetime(action.created_at),
        "reviews": [_review_to_dict(review) for review in reviews],
    }


def _assemble(
    workspace: Workspace,
    kind: str,
    teams: Iterable[str],
    assessments: Iterable[str],
    hypotheses: Iterable[Hypothesis],
    actions: Iterable[ActionItem],
) -> dict[str, Any]:
    """The bundle of the given records plus the assessments they need.

    Every assessment that an included assessment compares with, or in which an included item
    was posed, is included as well (transitively), with its team and framework, so the file
    never points at anything outside itself. Reviews are included when they were made in one
    of those assessments: a review made in a later assessment belongs to that assessment, and
    pulling that assessment (with all its notes) into the file would export more than the coach
    chose to.
    """
    repository = workspace.repository
    hypothesis_list = list({item.id: item for item in hypotheses}.values())
    action_list = list({item.id: item for item in actions}.values())
    wanted = [
        *assessments,
        *(item.assessment_id for item in hypothesis_list),
        *(item.assessment_id for item in action_list),
    ]
    found: dict[str, Assessment] = {}
    while wanted:
        assessment_id = wanted.pop()
        if assessment_id in found:
            continue
        assessment = repository.get_assessment(assessment_id)
        found[assessment_id] = assessment
        if assessment.compares_with is not None:
            wanted.append(assessment.compares_with)
    # Oldest first, as the app lists them; ids break ties so the file is reproducible.
    ordered = sorted(found.values(), key=lambda item: (item.date, item.id))

    def reviews(found_reviews: Iterable[Review]) -> list[Review]:
        return [review for review in found_reviews if review.assessment_id in found]

    team_ids = list(dict.fromkeys([*teams, *(item.team_id for item in ordered)]))
    refs = sorted({item.framework for item in ordered})
    records = [repository.load_record(item.id) for item in ordered]
    version = _needed_version(records)
    return {
        "format": BUNDLE_FORMAT,
        "format_version": version,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "app_version": __version__,
        "kind": kind,
        "frameworks": [framework_to_dict(workspace.framework(ref)) for ref in refs],
        "teams": [_team_to_dict(repository.get_team(team_id)) for team_id in team_ids],
        "assessments": [_record_to_dict(record, version) for record in records],
        "hypotheses": [
            _hypothesis_to_dict(item, reviews(repository.hypothesis_reviews(item_id=item.id)))
            for item in hypothesis_list
        ],
        "actions": [
            _action_to_dict(item, reviews(repository.action_reviews(item_id=item.id)))
            for item in action_list
        ],
    }


def export_assessment_bundle(workspace: Workspace, assessment_id: str) -> dict[str, Any]:
    """A self-contained bundle of one assessment.

    It holds the assessment, its team, the assessments it compares with (transitively), the
    hypotheses and actions posed in those, the ones carried into this assessment for review
    (with the earlier assessments they were posed in), every review of those items made in
    the exported assessments, and the frameworks used. Raises NotFoundError for an unknown id.
    """
    repository = workspace.repository
    target = repository.get_assessment(assessment_id)
    chain = [target]
    while chain[-1].compares_with is not None:
        compared = repository.get_assessment(chain[-1].compares_with)
        if any(item.id == compared.id for item in chain):
            break  # the app never links assessments in a circle, but never loop on one
        chain.append(compared)
    hypotheses: list[Hypothesis] = []
    actions: list[ActionItem] = []
    for assessment in chain:
        hypotheses.extend(repository.list_hypotheses(assessment_id=assessment.id))
        actions.extend(repository.list_actions(assessment_id=assessment.id))
    carried = items_for_review(workspace, assessment_id)
    hypotheses.extend(carried.hypotheses)
    actions.extend(carried.actions)
    return _assemble(
        workspace,
        "assessment",
        [target.team_id],
        [item.id for item in chain],
        sorted(hypotheses, key=lambda item: (item.created_at, item.id)),
        sorted(actions, key=lambda item: (item.created_at, item.id)),
    )


def export_team_bundle(workspace: Workspace, team_id: str) -> dict[str, Any]:
    """A bundle of a team with all its assessments, hypotheses, actions, reviews and frameworks.

    Raises NotFoundError for an unknown team.
    """
    repository = workspace.repository
    team = repository.get_team(team_id)
    return _assemble(
        workspace,
        "team",
        [team.id],
        [item.id for item in repository.list_assessments(team.id)],
        repository.list_hypotheses(team_id=team.id),
        repository.list_actions(team_id=team.id),
    )


def write_bundle(bundle: Mapping[str, Any], path: Path) -> Path:
    """Write ``bundle`` as indented UTF-8 JSON to ``path``, atomically; returns ``path``.

    Raises :class:`sre_workshop.atomic.WriteError` (an OSError naming the path) when the folder
    is read-only or the disk is full; no file, partial or temporary, is left behind then.
    """
    text = json.dumps(bundle, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return write_bytes_atomically(text.encode("utf-8"), Path(path))


# --- reading -----------------------------------------------------------------------------------


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(resource_path("schemas", SCHEMA_FILE).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _nesting_problem(data: object) -> str | None:
    """The top-level key under which ``data`` nests deeper than MAX_NESTING, or None.

    Walks with an explicit stack, so the check itself can never hit Python's recursion limit.
    The place is only the top-level key: a path 64 levels deep helps nobody.
    """
    stack: list[tuple[object, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_NESTING:
            return json_place(path[:1])
        if isinstance(value, dict):
            stack.extend((child, (*path, str(name))) for name, child in value.items())
        elif isinstance(value, list):
            stack.extend((child, (*path, index)) for index, child in enumerate(value))
    return None


def parse_bundle(raw: bytes, source: str) -> dict[str, Any]:
    """Check and parse the bytes of a bundle; ``source`` names it in errors.

    Everything :func:`read_bundle` checks except the file itself. Raises BundleError.
    """

    def fail(problem: str, place: str = "") -> NoReturn:
        raise BundleError(source, place, problem)

    if raw.startswith(codecs.BOM_UTF8):
        # Some Windows editors add a byte order mark; it carries no content.
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = line_column(raw, exc.start)
        fail(
            f"is not UTF-8 text: byte 0x{raw[exc.start]:02x} at line {line}, column {column} "
            "cannot be read; an SRE Workshop bundle is always UTF-8"
        )
    if not text.strip():
        fail("the file is empty")
    try:
        data = json.loads(text, parse_constant=reject_constant, object_pairs_hook=unique_names)
    except json.JSONDecodeError as exc:
        fail(
            f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno} "
            "(was the file cut short or edited by hand?)"
        )
    except BadConstant as exc:
        fail(f"is not valid JSON: {exc.args[0]} is not a number JSON allows")
    except DuplicateName as exc:
        fail(
            f"is not valid JSON for a bundle: the key {short(exc.args[0])} appears twice "
            "in one object"
        )
    except RecursionError:
        fail(f"is not valid JSON for a bundle: it is nested more than {MAX_NESTING} levels deep")
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        fail(f"is not valid JSON for a bundle: {exc}")

    nested = _nesting_problem(data)
    if nested is not None:
        fail(f"nested more than {MAX_NESTING} levels deep", nested)
    if not isinstance(data, dict):
        fail(f"holds {json_kind(data)}, but a bundle is a JSON object ({{...}})")
    marker = data.get("format")
    if marker != BUNDLE_FORMAT:
        if marker == "sre-workshop-framework":
            fail(
                "this is a framework file, not a bundle; put it in the frameworks folder "
                "of the data folder instead",
                "format",
            )
        found = "no 'format' key" if "format" not in data else f"format {short(marker)}"
        fail(f"this is not an SRE Workshop bundle ({found}, expected {BUNDLE_FORMAT!r})")
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > BUNDLE_VERSION:
        fail(
            f"made by a newer SRE Workshop: bundle format version {version}, but this version "
            f"reads up to {BUNDLE_VERSION}; update SRE Workshop to import it",
            "format_version",
        )
    error = best_match(_validator().iter_errors(data))
    if error is not None:
        problem = describe(error)
        if (
            version == 1
            and error.validator == "additionalProperties"
            and isinstance(error.instance, dict)
            and isinstance(error.schema, dict)
            and set(error.instance) - set(error.schema.get("properties", {})) == {_SOURCE_KEY}
        ):
            # A tool that added the marker but kept version 1: say what to change.
            problem = _SOURCE_IN_VERSION_1
        fail(problem, json_place(error.absolute_path))
    return data


def _size(count: int) -> str:
    megabyte = 1024 * 1024
    if count % megabyte == 0:
        return f"{count // megabyte} MB"
    if count >= megabyte:
        return f"{count / megabyte:,.1f} MB"
    return f"{count:,} bytes"


def read_bundle(path: Path) -> dict[str, Any]:
    """Read, parse and check the bundle at ``path`` against the format; returns its data.

    Refuses (BundleError) a missing file, a folder, a file over MAX_BUNDLE_BYTES (checked
    before reading), text that is not UTF-8, invalid JSON (with line and column), NaN or
    Infinity, a name twice in one object, nesting deeper than MAX_NESTING, a value that is not
    an object, another format, a newer format version, and anything the JSON Schema refuses.
    References between records are checked by :func:`import_bundle`.
    """
    path = Path(path)
    source = path.name or str(path)

    def fail(problem: str) -> NoReturn:
        raise BundleError(source, "", problem)

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            fail(f"is a folder, not a bundle file ({path})")
        if not stat.S_ISREG(info.st_mode):
            fail(f"is not a regular file ({path})")
        limit = MAX_BUNDLE_BYTES
        if info.st_size > limit:
            fail(f"is {_size(info.st_size)}; bundles are limited to {_size(limit)}")
        with path.open("rb") as handle:
            # Read one byte past the limit: a file that grew after stat() is still refused.
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        fail(f"file not found ({path})")
    except PermissionError:
        fail(f"cannot be read: permission denied ({path})")
    except OSError as exc:
        fail(f"cannot be read: {exc.strerror or exc} ({path})")
    if len(raw) > limit:
        fail(f"is larger than {_size(limit)}, the limit for bundles")
    return parse_bundle(raw, source)


# --- import ------------------------------------------------------------------------------------


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


@dataclass(frozen=True)
class ImportResult:
    """What an import added and what it skipped, for the UI and the command line."""

    teams_added: int = 0
    assessments_added: int = 0
    hypotheses_added: int = 0
    actions_added: int = 0
    reviews_added: int = 0
    #: (id, description) of assessments that were already here and were left as they are.
    skipped_assessments: tuple[tuple[str, str], ...] = ()
    #: "id version" of each framework the bundle brought that this laptop did not have.
    frameworks_added: tuple[str, ...] = ()
    #: The backup taken before writing; None when the database was empty or nothing was new.
    backup: Path | None = None
    #: Names of the teams the bundle's assessments belong to (for the summary).
    team_names: tuple[str, ...] = field(default=())

    @property
    def changed(self) -> bool:
        return bool(
            self.teams_added
            or self.assessments_added
            or self.hypotheses_added
            or self.actions_added
            or self.reviews_added
            or self.frameworks_added
        )

    def summary(self) -> str:
        """One or two plain sentences, e.g. "Imported 2 assessments of team X; skipped 1..."."""
        names = [f"“{name}”" for name in self.team_names]
        team = ""
        if names:
            team = f"team {names[0]}" if len(names) == 1 else f"teams {_join(names)}"
        extras = []
        if self.teams_added:
            extras.append(_plural(self.teams_added, "new team"))
        if self.hypotheses_added:
            extras.append(_plural(self.hypotheses_added, "hypothesis", "hypotheses"))
        if self.actions_added:
            extras.append(_plural(self.actions_added, "action"))
        if self.reviews_added:
            extras.append(_plural(self.reviews_added, "review"))
        if self.frameworks_added:
            label = "framework" if len(self.frameworks_added) == 1 else "frameworks"
            extras.append(f"{label} {_join(list(self.frameworks_added))}")
        skipped = ""
        if self.skipped_assessments:
            described = "; ".join(description for _, description in self.skipped_assessments)
            skipped = (
                f"skipped {_plural(len(self.skipped_assessments), 'assessment')} already "
                f"present ({described})"
            )
        if not self.changed:
            text = f"Nothing new to import for {team}" if team else "Nothing new to import"
            return f"{text}; {skipped}." if skipped else f"{text}."
        if self.assessments_added:
            text = f"Imported {_plural(self.assessments_added, 'assessment')}"
            if team:
                text += f" of {team}"
            if extras:
                text += f", with {_join(extras)}"
        elif self.teams_added and team and len(names) == self.teams_added:
            # A team without assessments (or whose assessments were all here already).
            text = f"Imported {team}" + (f", with {_join(extras[1:])}" if extras[1:] else "")
        else:
            text = f"Imported {_join(extras)}" + (f" of {team}" if team else "")
        if skipped:
            text += f"; {skipped}"
        return text + "."


@dataclass
class _Plan:
    """Everything a bundle would add, built and checked; nothing has been written yet."""

    new_frameworks: list[Framework] = field(default_factory=list)
    new_teams: list[Team] = field(default_factory=list)
    new_records: list[tuple[AssessmentRecord, Framework]] = field(default_factory=list)
    new_hypotheses: list[Hypothesis] = field(default_factory=list)
    new_actions: list[ActionItem] = field(default_factory=list)
    new_hypothesis_reviews: list[Review] = field(default_factory=list)
    new_action_reviews: list[Review] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    team_names: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.new_frameworks
            or self.new_teams
            or self.new_records
            or self.new_hypotheses
            or self.new_actions
            or self.new_hypothesis_reviews
            or self.new_action_reviews
        )


class _Builder:
    """Builds domain objects from checked bundle data, raising BundleError with the place.

    The schema has already checked types and shapes; the getters here still check what they
    rely on, so that a gap in the schema can never let a wrong value into the database.
    """

    def __init__(self, source: str, version: int) -> None:
        self.source = source
        #: The file's format_version (already checked: 1 up to BUNDLE_VERSION).
        self.version = version
        #: Where each UUID in the file was first used as an identity.
        self.ids: dict[str, str] = {}

    def fail(self, place: str, problem: str) -> NoReturn:
        raise BundleError(self.source, place, problem)

    def claim(self, value: str, place: str, what: str) -> None:
        """Refuse a second record with the same UUID anywhere in the file."""
        other = self.ids.get(value)
        if other is not None:
            self.fail(place, f"{what} id {value} is used twice in this file (also at {other})")
        self.ids[value] = place

    @contextmanager
    def at(self, place: str) -> Iterator[None]:
        """Turn the ValueError of a model constructor into a BundleError at ``place``."""
        try:
            yield
        except BundleError:
            raise
        except ValueError as exc:
            self.fail(place, str(exc))

    def text(
        self, data: Mapping[str, Any], key: str, place: str, label: str, *, required: bool = False
    ) -> str:
        value = data[key]
        try:
            check_text(label, value, required=required)
        except ValueError as exc:
            self.fail(f"{place}.{key}", str(exc))
        return str(value)

    def integer(self, data: Mapping[str, Any], key: str, place: str) -> int:
        value = data[key]
        # The schema's "integer" accepts 3.0; the database must get a real int.
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"{place}.{key}", f"expected a whole number, found {json_kind(value)}")
        return value

    def counts(self, data: Mapping[str, Any], key: str, place: str) -> tuple[int, ...]:
        values = data[key]
        for index, value in enumerate(values):
            if isinstance(value, bool) or not isinstance(value, int):
                self.fail(
                    f"{place}.{key}[{index}]", f"expected a whole number, found {json_kind(value)}"
                )
        return tuple(values)

    def votes_source(self, data: Mapping[str, Any], place: str) -> VotesSource:
        """Where a tally came from; a version 1 file has no such key and only typed-in tallies."""
        key = _SOURCE_KEY
        if self.version < 2:
            if key in data:
                self.fail(place, _SOURCE_IN_VERSION_1)
            return VotesSource.MANUAL
        if key not in data:
            self.fail(place, f"the required key {key!r} is missing")
        value = data[key]
        try:
            return VotesSource(value)
        except (TypeError, ValueError):
            choices = ", ".join(repr(item.value) for item in VotesSource)
            self.fail(f"{place}.{key}", f"{short(value)} is not one of {choices}")

    def date(self, data: Mapping[str, Any], key: str, place: str) -> dt.date | None:
        value = data[key]
        if value is None:
            return None
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            self.fail(f"{place}.{key}", f"{short(value)} is not a date (YYYY-MM-DD)")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{place}.{key}", f"{short(value)} is not a valid date")

    def required_date(self, data: Mapping[str, Any], key: str, place: str) -> dt.date:
        value = self.date(data, key, place)
        if value is None:
            self.fail(f"{place}.{key}", "a date is required")
        return value

    def datetime(self, data: Mapping[str, Any], key: str, place: str) -> dt.datetime:
        value = data[key]
        if not isinstance(value, str) or not _DATETIME.fullmatch(value):
            self.fail(
                f"{place}.{key}",
                f"{short(value)} is not a date and time with a UTC offset",
            )
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            self.fail(f"{place}.{key}", f"{short(value)} is not a valid date and time")

    # --- the records ---------------------------------------------------------------------------

    def team(self, data: Mapping[str, Any], place: str) -> Team:
        team_id = str(data["id"])
        self.claim(team_id, f"{place}.id", "team")
        name = self.text(data, "name", place, "team name", required=True)
        description = self.text(data, "description", place, "team description")
        created_at = self.datetime(data, "created_at", place)
        with self.at(place):
            return Team(
                id=team_id,
                name=name,
                description=description,
                is_demo=bool(data["is_demo"]),
                created_at=created_at,
            )

    def record(self, data: Mapping[str, Any], place: str) -> AssessmentRecord:
        assessment_id = str(data["id"])
        self.claim(assessment_id, f"{place}.id", "assessment")
        participants = []
        for index, item in enumerate(data["participants"]):
            here = f"{place}.participants[{index}]"
            role = self.text(item, "role", here, "participant role", required=True)
            names = self.text(item, "names", here, "participant names")
            count = self.integer(item, "count", here)
            with self.at(here):
                participants.append(ParticipantGroup(role, count, names))
        scope = []
        for index, item in enumerate(data["scope"]):
            here = f"{place}.scope[{index}]"
            area_key = self.text(item, "area_key", here, "area key", required=True)
            minutes = self.integer(item, "timebox_minutes", here)
            with self.at(here):
                scope.append(ScopeItem(area_key, minutes))
        framework = data["framework"]
        title = self.text(data, "title", place, "assessment title")
        coach = self.text(data, "coach", place, "coach")
        day = self.required_date(data, "date", place)
        next_reassessment = self.date(data, "next_reassessment", place)
        compares_with = data["compares_with"]
        with self.at(place):
            assessment = Assessment(
                id=assessment_id,
                team_id=str(data["team_id"]),
                framework=FrameworkRef(str(framework["id"]), str(framework["version"])),
                date=day,
                coach=coach,
                participants=tuple(participants),
                scope=tuple(scope),
                status=AssessmentStatus(data["status"]),
                compares_with=None if compares_with is None else str(compares_with),
                next_reassessment=next_reassessment,
                is_demo=bool(data["is_demo"]),
                title=title,
            )
        return AssessmentRecord(
            assessment,
            self._answers(data["answers"], f"{place}.answers"),
            self._ratings(data["ratings"], f"{place}.ratings"),
            self._survey(data["survey"], f"{place}.survey"),
        )

    def _once(self, seen: dict[str, str], key: str, place: str, what: str) -> None:
        # The database keeps one answer per question and one rating per area; two in the file
        # would silently overwrite each other, so they are refused instead.
        if key in seen:
            self.fail(
                place, f"the {what} {key!r} appears twice in this assessment (also at {seen[key]})"
            )
        seen[key] = place

    def _answers(self, items: Sequence[Mapping[str, Any]], place: str) -> tuple[Answer, ...]:
        answers = []
        seen: dict[str, str] = {}
        for index, item in enumerate(items):
            here = f"{place}[{index}]"
            key = self.text(item, "question_key", here, "question key", required=True)
            self._once(seen, key, f"{here}.question_key", "question")
            notes = self.text(item, "notes", here, "notes")
            quick = item["quick_answer"]
            with self.at(here):
                answers.append(
                    Answer(
                        question_key=key,
                        notes=notes,
                        quick_answer=None if quick is None else QuickAnswer(quick),
                        follow_up=bool(item["follow_up"]),
                    )
                )
        return tuple(answers)

    def _ratings(self, items: Sequence[Mapping[str, Any]], place: str) -> tuple[AreaRating, ...]:
        ratings = []
        seen: dict[str, str] = {}
        for index, item in enumerate(items):
            here = f"{place}[{index}]"
            key = self.text(item, "area_key", here, "area key", required=True)
            self._once(seen, key, f"{here}.area_key", "area")
            level = None if item["level"] is None else self.integer(item, "level", here)
            reason = self.text(item, "not_applicable_reason", here, "not-applicable reason")
            rationale = self.text(item, "rationale", here, "rationale")
            votes = self.counts(item, "votes", here)
            source = self.votes_source(item, here)
            with self.at(here):
                ratings.append(
                    AreaRating(
                        area_key=key,
                        level=level,
                        not_applicable=bool(item["not_applicable"]),
                        not_applicable_reason=reason,
                        rationale=rationale,
                        votes=votes,  # type: ignore[arg-type]  # the model checks the length
                        votes_source=source,
                    )
                )
        return tuple(ratings)

    def _survey(self, items: Sequence[Mapping[str, Any]], place: str) -> tuple[SurveyTally, ...]:
        survey = []
        seen: dict[str, str] = {}
        for index, item in enumerate(items):
            here = f"{place}[{index}]"
            key = self.text(item, "area_key", here, "area key", required=True)
            self._once(seen, key, f"{here}.area_key", "area")
            counts = self.counts(item, "counts", here)
            source = self.votes_source(item, here)
            with self.at(here):
                # The model checks that there are exactly seven counts.
                survey.append(SurveyTally(key, counts, source))  # type: ignore[arg-type]
        return tuple(survey)

    def reviews(
        self, item: Mapping[str, Any], place: str, item_id: str
    ) -> list[tuple[Review, str]]:
        """The reviews of the hypothesis or action at ``place``, each with its own place."""
        return [
            (
                self.review(review, f"{place}.reviews[{number}]", item_id),
                f"{place}.reviews[{number}]",
            )
            for number, review in enumerate(item["reviews"])
        ]

    def review(self, data: Mapping[str, Any], place: str, item_id: str) -> Review:
        review_id = str(data["id"])
        self.claim(review_id, f"{place}.id", "review")
        status = self.text(data, "status", place, "review status", required=True)
        evidence = self.text(data, "evidence", place, "review evidence")
        reviewed_at = self.datetime(data, "reviewed_at", place)
        with self.at(place):
            return Review(
                id=review_id,
                item_id=item_id,
                assessment_id=str(data["assessment_id"]),
                status=status,
                evidence=evidence,
                reviewed_at=reviewed_at,
            )

    def hypothesis(self, data: Mapping[str, Any], place: str) -> Hypothesis:
        hypothesis_id = str(data["id"])
        self.claim(hypothesis_id, f"{place}.id", "hypothesis")
        capability = self.text(data, "capability", place, "product capability", required=True)
        outcome = self.text(data, "outcome", place, "customer outcome", required=True)
        signal = self.text(data, "signal", place, "measurable signal", required=True)
        owner = self.text(data, "owner", place, "owner")
        evidence = self.text(data, "evidence", place, "evidence")
        review_date = self.date(data, "review_date", place)
        created_at = self.datetime(data, "created_at", place)
        with self.at(place):
            return Hypothesis(
                id=hypothesis_id,
                team_id=str(data["team_id"]),
                assessment_id=str(data["assessment_id"]),
                capability=capability,
                outcome=outcome,
                signal=signal,
                area_keys=tuple(str(key) for key in data["area_keys"]),
                owner=owner,
                status=HypothesisStatus(data["status"]),
                review_date=review_date,
                evidence=evidence,
                created_at=created_at,
            )

    def action(self, data: Mapping[str, Any], place: str) -> ActionItem:
        action_id = str(data["id"])
        self.claim(action_id, f"{place}.id", "action")
        text = self.text(data, "text", place, "action text", required=True)
        owner = self.text(data, "owner", place, "owner")
        due_date = self.date(data, "due_date", place)
        created_at = self.datetime(data, "created_at", place)
        area_key = data["area_key"]
        with self.at(place):
            return ActionItem(
                id=action_id,
                team_id=str(data["team_id"]),
                assessment_id=str(data["assessment_id"]),
                text=text,
                area_key=None if area_key is None else str(area_key),
                owner=owner,
                due_date=due_date,
                status=ActionStatus(data["status"]),
                created_at=created_at,
            )


def _local_framework(workspace: Workspace, ref: FrameworkRef) -> Framework | None:
    try:
        return workspace.framework(ref)
    except KeyError:
        return None


def _describe_assessment(assessment: Assessment, team_name: str) -> str:
    label = assessment.title.strip() or team_name
    return f"{assessment.date.isoformat()} {label}".strip()


def _plan_import(workspace: Workspace, data: Mapping[str, Any], source: str) -> _Plan:
    """Build and check everything in ``data`` against this laptop's database; write nothing."""
    repository = workspace.repository
    builder = _Builder(source, data["format_version"])
    fail = builder.fail
    plan = _Plan()

    # Frameworks: an id and version this laptop already has is used as it is (an assessment
    # must read the same everywhere, and the local copy may already be in use here).
    embedded: dict[FrameworkRef, tuple[Framework, str]] = {}
    for index, item in enumerate(data["frameworks"]):
        place = f"frameworks[{index}]"
        try:
            framework = framework_from_dict(item, source)
        except FrameworkError as exc:
            inner = exc.place
            fail(
                f"{place}.{inner}" if inner and not inner.startswith("[") else place + inner,
                exc.problem,
            )
        if framework.ref in embedded:
            fail(
                place,
                f"framework {framework.ref} is embedded twice (also at "
                f"{embedded[framework.ref][1]})",
            )
        embedded[framework.ref] = (framework, place)

    teams: dict[str, Team] = {}
    for index, item in enumerate(data["teams"]):
        team = builder.team(item, f"teams[{index}]")
        teams[team.id] = team

    records: dict[str, tuple[AssessmentRecord, str]] = {}
    for index, item in enumerate(data["assessments"]):
        place = f"assessments[{index}]"
        record = builder.record(item, place)
        records[record.assessment.id] = (record, place)

    hypotheses: list[tuple[Hypothesis, str, list[tuple[Review, str]]]] = []
    for index, item in enumerate(data["hypotheses"]):
        place = f"hypotheses[{index}]"
        hypothesis = builder.hypothesis(item, place)
        reviews = builder.reviews(item, place, hypothesis.id)
        hypotheses.append((hypothesis, place, reviews))
    actions: list[tuple[ActionItem, str, list[tuple[Review, str]]]] = []
    for index, item in enumerate(data["actions"]):
        place = f"actions[{index}]"
        action = builder.action(item, place)
        reviews = builder.reviews(item, place, action.id)
        actions.append((action, place, reviews))

    # --- references ----------------------------------------------------------------------------
    local_teams = {team_id: repository.find_team(team_id) for team_id in teams}
    local_assessments: dict[str, Assessment | None] = {}

    def find_assessment(assessment_id: str) -> Assessment | None:
        if assessment_id not in local_assessments:
            local_assessments[assessment_id] = repository.find_assessment(assessment_id)
        return local_assessments[assessment_id]

    def team_of(assessment_id: str) -> str | None:
        """The team of an assessment in the file or on this laptop; None if neither."""
        if assessment_id in records:
            return records[assessment_id][0].assessment.team_id
        local = find_assessment(assessment_id)
        return local.team_id if local is not None else None

    def team_known(team_id: str) -> bool:
        return team_id in teams or repository.find_team(team_id) is not None

    def team_name(team_id: str) -> str:
        local = local_teams.get(team_id) or repository.find_team(team_id)
        return (local or teams[team_id]).name

    frameworks_used: dict[FrameworkRef, Framework] = {}
    for record, place in records.values():
        assessment = record.assessment
        if not team_known(assessment.team_id):
            fail(
                f"{place}.team_id",
                f"team {assessment.team_id} is neither in the file nor on this laptop",
            )
        if assessment.compares_with is not None and team_of(assessment.compares_with) is None:
            fail(
                f"{place}.compares_with",
                f"compares with assessment {assessment.compares_with}, which is neither in "
                "the file nor on this laptop",
            )
        ref = assessment.framework
        used = frameworks_used.get(ref) or _local_framework(workspace, ref)
        if used is None and ref in embedded:
            used = embedded[ref][0]
        if used is None:
            fail(
                f"{place}.framework",
                f"framework {ref} is neither embedded in the file nor installed on this laptop",
            )
        frameworks_used[ref] = used
        _check_keys(builder, record, used, place)

    for items, what in ((hypotheses, "hypothesis"), (actions, "action")):
        for item, place, reviews in items:
            if not team_known(item.team_id):
                fail(
                    f"{place}.team_id",
                    f"team {item.team_id} is neither in the file nor on this laptop",
                )
            posed_in = team_of(item.assessment_id)
            if posed_in is None:
                fail(
                    f"{place}.assessment_id",
                    f"assessment {item.assessment_id} is neither in the file nor on this laptop",
                )
            if posed_in != item.team_id:
                fail(
                    f"{place}.team_id",
                    f"the {what} belongs to team {item.team_id}, but the "
                    f"assessment it was posed in belongs to team {posed_in}",
                )
            for review, review_place in reviews:
                if team_of(review.assessment_id) is None:
                    fail(
                        f"{review_place}.assessment_id",
                        f"assessment {review.assessment_id} "
                        "is neither in the file nor on this "
                        "laptop",
                    )

    # --- what is new -----------------------------------------------------------------------------
    plan.new_teams = [team for team_id, team in teams.items() if local_teams[team_id] is None]
    pending: dict[str, tuple[AssessmentRecord, str]] = {}
    for assessment_id, (record, place) in records.items():
        if find_assessment(assessment_id) is None:
            pending[assessment_id] = (record, place)
        else:
            assessment = record.assessment
            plan.skipped.append(
                (assessment_id, _describe_assessment(assessment, team_name(assessment.team_id)))
            )
    # The database checks that a compared assessment exists, so insert compared ones first.
    while pending:
        ready = [
            assessment_id
            for assessment_id, (record, _) in pending.items()
            if record.assessment.compares_with not in pending
        ]
        if not ready:
            record, place = next(iter(pending.values()))
            fail(f"{place}.compares_with", "the assessments compare with each other in a circle")
        for assessment_id in ready:
            record, _ = pending.pop(assessment_id)
            plan.new_records.append((record, frameworks_used[record.assessment.framework]))
    added_refs = {record.assessment.framework for record, _ in plan.new_records}
    plan.new_frameworks = [
        framework
        for ref, (framework, _) in embedded.items()
        if ref in added_refs and _local_framework(workspace, ref) is None
    ]
    team_ids = (
        [record.assessment.team_id for record, _ in plan.new_records]
        or [record.assessment.team_id for record, _ in records.values()]
        or list(teams)
    )
    plan.team_names = [team_name(team_id) for team_id in dict.fromkeys(team_ids)]

    local_hypotheses = _existing_ids(repository.get_hypothesis, (h for h, _, _ in hypotheses))
    local_actions = _existing_ids(repository.get_action, (a for a, _, _ in actions))
    for hypothesis, _, reviews in hypotheses:
        if hypothesis.id not in local_hypotheses:
            plan.new_hypotheses.append(hypothesis)
            known: set[str] = set()
        else:
            known = {item.id for item in repository.hypothesis_reviews(item_id=hypothesis.id)}
        plan.new_hypothesis_reviews.extend(r for r, _ in reviews if r.id not in known)
    for action, _, reviews in actions:
        if action.id not in local_actions:
            plan.new_actions.append(action)
            known = set()
        else:
            known = {item.id for item in repository.action_reviews(item_id=action.id)}
        plan.new_action_reviews.extend(r for r, _ in reviews if r.id not in known)
    return plan


def _existing_ids(
    get: Callable[[str], object], items: Iterable[Hypothesis | ActionItem]
) -> set[str]:
    found = set()
    for item in items:
        try:
            get(item.id)
        except NotFoundError:
            continue
        found.add(item.id)
    return found


def _check_keys(
    builder: _Builder, record: AssessmentRecord, framework: Framework, place: str
) -> None:
    """Every area and question key of an assessment must exist in its framework."""
    where = f"framework {framework.ref}"
    for index, item in enumerate(record.assessment.scope):
        if not framework.has_area(item.area_key):
            builder.fail(
                f"{place}.scope[{index}].area_key", f"{where} has no area {item.area_key!r}"
            )
    for index, rating in enumerate(record.ratings):
        if not framework.has_area(rating.area_key):
            builder.fail(
                f"{place}.ratings[{index}].area_key", f"{where} has no area {rating.area_key!r}"
            )
    for index, tally in enumerate(record.survey):
        if not framework.has_area(tally.area_key):
            builder.fail(
                f"{place}.survey[{index}].area_key", f"{where} has no area {tally.area_key!r}"
            )
    questions = framework.question_keys()
    for index, answer in enumerate(record.answers):
        if answer.question_key not in questions:
            builder.fail(
                f"{place}.answers[{index}].question_key",
                f"{where} has no question {answer.question_key!r}",
            )


def import_bundle(workspace: Workspace, path: Path) -> ImportResult:
    """Import the bundle at ``path``: all of it or, on any problem, nothing.

    Reads and checks the whole file and every reference first (BundleError on a problem), then
    backs the database up (when it holds any team) and writes everything new in one
    transaction. Teams, assessments, hypotheses, actions and reviews already present by UUID
    are kept as they are; an assessment already present is skipped with everything captured in
    it and reported. Storage problems (disk full, read-only) raise StorageError; the database is
    then unchanged as well.
    """
    path = Path(path)
    source = path.name or str(path)
    data = read_bundle(path)
    plan = _plan_import(workspace, data, source)
    result = ImportResult(
        teams_added=len(plan.new_teams),
        assessments_added=len(plan.new_records),
        hypotheses_added=len(plan.new_hypotheses),
        actions_added=len(plan.new_actions),
        reviews_added=len(plan.new_hypothesis_reviews) + len(plan.new_action_reviews),
        skipped_assessments=tuple(plan.skipped),
        frameworks_added=tuple(str(framework.ref) for framework in plan.new_frameworks),
        team_names=tuple(plan.team_names),
    )
    if plan.is_empty:
        # Nothing to write: no backup, no transaction, the database is untouched.
        return result
    if workspace.read_only:
        raise StorageError(
            f"{workspace.database.path} is open read-only; {source} was not imported."
        )
    repository = workspace.repository
    backup = workspace.backup("before-import") if repository.summary().teams else None
    try:
        with repository.transaction():
            for framework in plan.new_frameworks:
                repository.store_framework(framework)
            for team in plan.new_teams:
                repository.add_team(team)
            for record, framework in plan.new_records:
                assessment_id = record.assessment.id
                repository.add_assessment(record.assessment, framework)
                for answer in record.answers:
                    repository.save_answer(assessment_id, answer)
                for rating in record.ratings:
                    repository.save_rating(assessment_id, rating)
                for tally in record.survey:
                    repository.save_survey_tally(assessment_id, tally)
            for hypothesis in plan.new_hypotheses:
                repository.save_hypothesis(hypothesis)
            for action in plan.new_actions:
                repository.save_action(action)
            for review in plan.new_hypothesis_reviews:
                repository.add_hypothesis_review(review)
            for review in plan.new_action_reviews:
                repository.add_action_review(review)
    except sqlite3.IntegrityError as exc:
        # Every reference was checked above, so this is a rule the checks missed; say which
        # file could not be imported rather than show a bare database error.
        raise BundleError(
            source, "", f"does not fit this database ({exc}); nothing was imported"
        ) from exc
    # New snapshots (and frameworks now stored with the new assessments) must be seen next.
    workspace.forget_cached_frameworks()
    return replace(result, backup=backup)
