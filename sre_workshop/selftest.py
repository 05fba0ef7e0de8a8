"""The installation self-test: `sre-workshop-cli self-test` (and, with Qt checks added by
:mod:`ui.selftest`, the desktop app's ``sre-workshop --self-test``).

It answers one question for a coach or a release maintainer: does *this* installation (source
tree, installed wheel or frozen build) have everything it needs? It works in a temporary data
folder, never the coach's own, and walks the path a real workshop takes: the bundled resources
and database migrations are there, the frameworks load and validate, a fresh database is created,
the demo team is loaded, the radar and history charts render, a PDF report is built and its text
checked, and a team bundle goes out and back in. Each check prints one line; the run ends with
"self-test passed" (exit 0) or says which checks failed and why (exit 1).

The report's text is checked without a PDF library: reportlab keeps the printable ASCII
characters of an embedded TrueType font in the font's first subset at their own codes, so
once a page's content stream is inflated (zlib), ASCII text appears there as a PDF string
literal. :func:`pdf_contains_text` looks for it. That is enough to prove the pages carry the
expected words in the embedded font, keeps pypdf a development-only dependency, and only
works for ASCII needles, which the self-test picks itself (the demo team's name, an area name).
"""

from __future__ import annotations

import importlib.util
import json
import platform
import re
import shutil
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sre_workshop import __version__

if TYPE_CHECKING:
    from sre_workshop.model import Framework, Team
    from sre_workshop.workspace import Workspace

__all__ = [
    "CORE_CHECKS",
    "REQUIRED_RESOURCES",
    "Check",
    "CheckFailed",
    "CheckResult",
    "CheckSkipped",
    "SelfTestContext",
    "SelfTestReport",
    "Status",
    "installation_kind",
    "pdf_contains_text",
    "pdf_text_streams",
    "run_self_test",
]

#: Files under ``resources/`` that every installation needs (relative, with ``/``).
REQUIRED_RESOURCES: tuple[str, ...] = (
    "schemas/framework.schema.json",
    "schemas/bundle.schema.json",
    "demo/demo-team.json",
    "icons/sre-workshop.svg",
    "icons/sre-workshop-16.png",
    "icons/sre-workshop-32.png",
    "icons/sre-workshop-48.png",
    "icons/sre-workshop-64.png",
    "icons/sre-workshop-128.png",
    "icons/sre-workshop-256.png",
    "icons/sre-workshop-512.png",
)
#: The phone voting page's files, needed when the voting package is installed.
VOTING_RESOURCES: tuple[str, ...] = ("voting/page.html", "voting/app.css", "voting/app.js")

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class Status(StrEnum):
    PASSED = "ok"
    FAILED = "FAIL"
    SKIPPED = "skip"


class CheckFailed(Exception):
    """A check found a problem; the message says what, in one line."""


class CheckSkipped(Exception):
    """A check could not run because a check it depends on failed."""


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: Status
    #: What was checked (passed), what went wrong (failed) or why it did not run (skipped).
    detail: str
    seconds: float = 0.0


@dataclass
class SelfTestContext:
    """What the checks share: the temporary folder and what earlier checks produced."""

    root: Path
    workspace: Workspace | None = None
    framework: Framework | None = None
    team: Team | None = None
    #: The demo team's assessments, oldest first.
    assessment_ids: tuple[str, ...] = ()
    #: Files the checks wrote (charts, the report, the bundle), by name.
    artifacts: dict[str, Path] = field(default_factory=dict)
    #: Called when the run ends, last added first (closing windows, workspaces).
    cleanups: list[Callable[[], None]] = field(default_factory=list)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def require_workspace(self) -> Workspace:
        if self.workspace is None:
            raise CheckSkipped("needs the database check")
        return self.workspace

    def require_demo(self) -> tuple[Workspace, Team, tuple[str, ...]]:
        workspace = self.require_workspace()
        if self.team is None or not self.assessment_ids:
            raise CheckSkipped("needs the demo check")
        return workspace, self.team, self.assessment_ids


#: A check: its name and a function that returns a one-line summary or raises.
Check = tuple[str, Callable[[SelfTestContext], str]]


@dataclass(frozen=True)
class SelfTestReport:
    results: tuple[CheckResult, ...]
    seconds: float
    #: The temporary folder, when it was kept (``keep=True``); else None.
    kept: Path | None = None

    @property
    def passed(self) -> bool:
        return all(result.status is Status.PASSED for result in self.results)

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        return tuple(result for result in self.results if result.status is not Status.PASSED)

    def summary(self) -> str:
        if self.passed:
            return f"self-test passed: {len(self.results)} checks in {self.seconds:.1f} s"
        names = ", ".join(result.name for result in self.failed)
        return (
            f"self-test FAILED: {len(self.failed)} of {len(self.results)} checks did not pass "
            f"({names})"
        )


# --- where this installation is ------------------------------------------------------------------


def installation_kind() -> str:
    """ "frozen build", "installed package" or "source tree", from where the resources are."""
    from sre_workshop.resources import resources_dir

    if getattr(sys, "frozen", False):
        return "frozen build"
    try:
        folder = resources_dir()
    except FileNotFoundError:
        return "unknown (no resources)"
    return "installed package" if folder.name == "_resources" else "source tree"


def _header() -> str:
    return (
        f"SRE Workshop {__version__} self-test ({installation_kind()}), Python "
        f"{platform.python_version()} on {platform.system()} {platform.machine()}"
    )


# --- the PDF text check ----------------------------------------------------------------------


def pdf_text_streams(data: bytes) -> list[bytes]:
    """The inflated content streams of a PDF that draw text (``BT`` ... ``Tj``).

    Every stream is tried with zlib (reportlab compresses pages with FlateDecode); streams that
    are not zlib data (or not text) are skipped. Only as much PDF syntax as reportlab writes is
    understood: this is a self-check, not a PDF reader.
    """
    streams = []
    for match in re.finditer(rb"stream\r?\n", data):
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(data[match.end() :], 50_000_000)
        except zlib.error:
            continue
        if b"BT" in inflated and (b"Tj" in inflated or b"TJ" in inflated):
            streams.append(inflated)
    return streams


def _pdf_literal(text: str) -> bytes:
    """``text`` as the inside of a PDF string literal, as reportlab writes ASCII text."""
    encoded = text.encode("ascii")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_contains_text(data: bytes, needles: Iterable[str]) -> dict[str, int]:
    """How many text streams of the PDF contain each (ASCII) needle, e.g. ``{"Team": 29}``.

    Raises ValueError for a needle that is not ASCII: such text is drawn from a later font
    subset with other codes, and this check cannot see it.
    """
    streams = pdf_text_streams(data)
    counts = {}
    for needle in needles:
        if not needle.isascii():
            raise ValueError(f"pdf_contains_text can only look for ASCII text, not {needle!r}")
        literal = b"(" + _pdf_literal(needle)
        inner = _pdf_literal(needle)
        counts[needle] = sum(1 for stream in streams if literal in stream or inner in stream)
    return counts


# --- the checks --------------------------------------------------------------------------------


def check_resources(context: SelfTestContext) -> str:
    from sre_workshop.resources import resources_dir
    from sre_workshop.storage.connection import bundled_migrations

    folder = resources_dir()
    required = list(REQUIRED_RESOURCES)
    if importlib.util.find_spec("sre_workshop.voting") is not None:
        required += VOTING_RESOURCES
    missing = [name for name in required if not (folder / name).is_file()]
    frameworks = sorted((folder / "frameworks").glob("*.json"))
    if not frameworks:
        missing.append("frameworks/*.json")
    if missing:
        raise CheckFailed(f"missing in {folder}: {', '.join(missing)}")
    for path in [*frameworks, *(folder / "schemas").glob("*.json"), folder / "demo/demo-team.json"]:
        try:
            json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise CheckFailed(f"{path} cannot be read as JSON: {exc}") from exc
    migrations = bundled_migrations()
    if not migrations:
        raise CheckFailed("no database migration files (sre_workshop/storage/migrations/*.sql)")
    return (
        f"{len(required) + len(frameworks)} files in {folder}; "
        f"{len(migrations)} database migrations"
    )


def check_frameworks(context: SelfTestContext) -> str:
    from sre_workshop.framework import builtin_framework, builtin_frameworks
    from sre_workshop.model import Dimension

    frameworks = builtin_frameworks()
    framework = builtin_framework()
    culture = framework.areas_of(Dimension.CULTURE)
    process = framework.areas_of(Dimension.PROCESS)
    if not culture or not process:
        raise CheckFailed(
            f"{framework.id} {framework.version} has {len(culture)} culture and "
            f"{len(process)} process areas; both dimensions need areas"
        )
    context.framework = framework
    return (
        f"{len(frameworks)} built-in; {framework.id} {framework.version}: {len(culture)} culture "
        f"and {len(process)} process areas, {len(framework.question_keys())} questions"
    )


def check_database(context: SelfTestContext) -> str:
    from sre_workshop.storage import schema_version
    from sre_workshop.workspace import open_workspace

    workspace = open_workspace(context.data_dir)
    context.cleanups.append(workspace.close)
    version = workspace.database.user_version()
    if workspace.read_only:
        raise CheckFailed(f"the new database {workspace.paths.database} opened read-only")
    if version == 0:
        raise CheckFailed("the new database has no tables: no migration was applied")
    if version != schema_version():
        raise CheckFailed(f"schema version {version} after creating, expected {schema_version()}")
    if workspace.framework_problems:
        raise CheckFailed(f"framework problems: {workspace.framework_problems[0]}")
    context.workspace = workspace  # only a good database for the checks that follow
    return f"new database at schema version {version}"


def check_demo(context: SelfTestContext) -> str:
    from sre_workshop.demo import add_demo_data

    workspace = context.require_workspace()
    team = add_demo_data(workspace)
    if team is None:
        raise CheckFailed("the demo team was already there in a new data folder")
    assessments = sorted(
        workspace.repository.list_assessments(team.id), key=lambda assessment: assessment.date
    )
    if not assessments:
        raise CheckFailed("the demo team has no assessments")
    context.team = team
    context.assessment_ids = tuple(assessment.id for assessment in assessments)
    return f"demo team {team.name!r} with {len(assessments)} assessments"


def _png(context: SelfTestContext, name: str, data: bytes) -> int:
    if not data.startswith(_PNG_MAGIC) or len(data) < 2_000:
        raise CheckFailed(f"the {name} chart did not render as a PNG ({len(data)} bytes)")
    path = context.root / f"{name}.png"
    path.write_bytes(data)
    context.artifacts[f"{name} chart"] = path
    return len(data)


def check_charts(context: SelfTestContext) -> str:
    from sre_workshop.charts import (
        figure_to_png,
        history_figure,
        radar_figure,
        radar_points,
    )
    from sre_workshop.model import Dimension
    from sre_workshop.scoring import team_history

    workspace, _team, ids = context.require_demo()
    records = [workspace.repository.load_record(assessment_id) for assessment_id in ids]
    frameworks = [workspace.framework_for(record.assessment) for record in records]
    latest, first = records[-1], records[0]
    total = 0
    for dimension in (Dimension.CULTURE, Dimension.PROCESS):
        figure = radar_figure(
            radar_points(latest, frameworks[-1], dimension),
            radar_points(first, frameworks[0], dimension) if len(records) > 1 else None,
            title=dimension.label,
        )
        total += _png(context, f"radar-{dimension.value}", figure_to_png(figure, dpi=100))
    history = team_history(list(zip(records, frameworks, strict=True)))
    total += _png(context, "history", figure_to_png(history_figure(history), dpi=100))
    return f"2 radar charts and the history chart rendered ({total // 1024} kB of PNG)"


def check_report(context: SelfTestContext) -> str:
    from sre_workshop.model import Dimension
    from sre_workshop.report import export_report, verify_report

    workspace, team, ids = context.require_demo()
    record = export_report(workspace, ids[-1])
    path = Path(record.path)
    context.artifacts["report"] = path
    if workspace.paths.root not in path.parents:
        raise CheckFailed(f"the report was written outside the data folder: {path}")
    if verify_report(record) != "ok":
        raise CheckFailed(f"the report {path} does not match its recorded checksum")
    if not workspace.repository.list_reports(ids[-1]):
        raise CheckFailed("the report was written but not recorded in the database")
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise CheckFailed(f"{path} is not a complete PDF file")
    if b"/FontFile2" not in data or b"+DejaVuSans" not in data:
        raise CheckFailed("the report does not embed the DejaVu Sans font")
    framework = workspace.framework_for(workspace.repository.get_assessment(ids[-1]))
    needles = [team.name, framework.areas_of(Dimension.CULTURE)[0].name]
    found = pdf_contains_text(data, needles)
    missing = [needle for needle, count in found.items() if not count]
    if missing:
        raise CheckFailed(f"the report's text lacks {', '.join(map(repr, missing))} ({path})")
    pages = len(re.findall(rb"/Type /Page\b", data))
    return (
        f"PDF of {pages} pages, {len(data) // 1024} kB, DejaVu Sans embedded; its text names "
        f"{' and '.join(map(repr, needles))}"
    )


def check_bundle(context: SelfTestContext) -> str:
    from sre_workshop.bundle import export_team_bundle, import_bundle, write_bundle
    from sre_workshop.workspace import open_workspace

    workspace, team, ids = context.require_demo()
    path = write_bundle(export_team_bundle(workspace, team.id), context.root / "team-bundle.json")
    context.artifacts["bundle"] = path
    other = open_workspace(context.root / "imported")
    try:
        result = import_bundle(other, path)
    finally:
        other.close()
    if result.assessments_added != len(ids):
        raise CheckFailed(
            f"importing the team bundle added {result.assessments_added} assessments, "
            f"expected {len(ids)}: {result.summary()}"
        )
    return f"team bundle exported and imported into a second data folder ({len(ids)} assessments)"


CORE_CHECKS: tuple[Check, ...] = (
    ("resources", check_resources),
    ("frameworks", check_frameworks),
    ("database", check_database),
    ("demo", check_demo),
    ("charts", check_charts),
    ("report", check_report),
    ("bundle", check_bundle),
)


# --- running -----------------------------------------------------------------------------------


def _run_check(
    context: SelfTestContext, name: str, check: Callable[[SelfTestContext], str]
) -> CheckResult:
    started = time.perf_counter()
    try:
        detail = check(context)
        status = Status.PASSED
    except CheckSkipped as exc:
        detail, status = str(exc), Status.SKIPPED
    except CheckFailed as exc:
        detail, status = str(exc), Status.FAILED
    except Exception as exc:  # any other error is a failure of this check, told in one line
        text = " ".join(str(exc).split()) or "(no message)"
        detail, status = f"{type(exc).__name__}: {text}", Status.FAILED
    return CheckResult(name, status, detail, time.perf_counter() - started)


def run_self_test(
    extra_checks: Sequence[Check] = (),
    *,
    out: TextIO | None = None,
    keep: bool = False,
    checks: Sequence[Check] = CORE_CHECKS,
) -> SelfTestReport:
    """Run ``checks`` then ``extra_checks`` in a new temporary folder, printing one line each.

    The folder (data folder, charts, report, bundle) is removed afterwards unless ``keep``.
    The coach's data folder is never opened, whatever ``$SRE_WORKSHOP_DATA_DIR`` or
    ``--data-dir`` say (matplotlib may still write its font cache, as it does in the app).
    """
    out = out if out is not None else sys.stdout
    started = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="sre-workshop-self-test-"))
    context = SelfTestContext(root)
    results = []
    out.write(_header() + "\n")
    try:
        for name, check in [*checks, *extra_checks]:
            result = _run_check(context, name, check)
            results.append(result)
            out.write(f"  {result.status.value:<4}  {name:<12} {result.detail}\n")
            out.flush()
    finally:
        for cleanup in reversed(context.cleanups):
            try:
                cleanup()
            except Exception as exc:
                out.write(f"  note: cleaning up failed: {type(exc).__name__}: {exc}\n")
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    report = SelfTestReport(tuple(results), time.perf_counter() - started, root if keep else None)
    if report.kept is not None:
        out.write(f"The self-test's files are kept in {report.kept}\n")
    out.write(report.summary() + "\n")
    return report
