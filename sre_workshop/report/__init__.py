"""PDF reports of an assessment, built with reportlab and kept in a local reports folder.

Public API (import this package lazily: building a report pulls in reportlab and matplotlib,
which cost start-up time; importing the package itself does not)::

    SECTIONS, SECTION_TITLES      ordered section ids and their headings
    PRESETS, PRESET_TITLES        "full" and "summary"
    build_report(workspace, assessment_id, *, compare_id=None, preset="full",
                 sections=None) -> bytes
    export_report(workspace, assessment_id, *, compare_id=None, preset="full",
                  sections=None, out=None, overwrite=False) -> ReportRecord
    verify_report(record) -> "ok" | "missing" | "changed"

The two presets hold the same sections and differ in detail:

* **full** is the coach's record: everything, including the facilitator's notes (each
  question's notes, quick answer and follow-up flag) and the participants' names.
* **summary** is for stakeholders: the same report without the facilitator's notes. The area
  details keep what the room agreed (level, level description, rationale, vote tally, survey
  tally) and leave out the per-question notes, quick answers and follow-up flags entirely;
  the cover gives head counts per role, not names. Notes are often candid quotes from the room;
  they help the coach but are not meant for a VP.

``sections`` overrides the preset's list (the coach ticks sections on and off); the preset
still decides whether notes are included. See ``docs/reports.md`` for what each section holds,
file naming, recording and verification, and the font and placeholder rules.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sre_workshop.atomic import WriteError, write_bytes_atomically
from sre_workshop.model import ReportRecord, new_id
from sre_workshop.report.catalog import (
    DEFAULT_PRESET,
    PRESET_TITLES,
    PRESETS,
    SECTION_TITLES,
    SECTIONS,
    resolve_sections,
)
from sre_workshop.report.files import (
    ReportError,
    ReportExistsError,
    available_path,
    report_file_name,
    sha256_of,
    verify_file,
)

if TYPE_CHECKING:
    from sre_workshop.workspace import Workspace

__all__ = [
    "DEFAULT_PRESET",
    "NOTES_PRESETS",
    "PRESETS",
    "PRESET_TITLES",
    "SECTIONS",
    "SECTION_TITLES",
    "ReportError",
    "ReportExistsError",
    "WriteError",
    "build_report",
    "export_report",
    "includes_notes",
    "report_file_name",
    "verify_report",
]

#: Presets that print the facilitator's notes (per-question notes, quick answers, flags).
NOTES_PRESETS = frozenset({"full"})


def includes_notes(preset: str) -> bool:
    return preset in NOTES_PRESETS


def _build(
    workspace: Workspace,
    assessment_id: str,
    compare_id: str | None,
    preset: str,
    sections: Collection[str] | None,
    today: dt.date | None,
) -> tuple[bytes, str | None, tuple[str, ...]]:
    chosen = resolve_sections(preset, sections)
    from sre_workshop.report.build import render_pdf
    from sre_workshop.report.content import gather_content
    from sre_workshop.report.sections import Options

    content = gather_content(workspace, assessment_id, compare_id, today=today)
    data = render_pdf(content, Options(preset, includes_notes(preset)), chosen)
    compared_id = content.compared.assessment.id if content.compared else None
    return data, compared_id, chosen


def build_report(
    workspace: Workspace,
    assessment_id: str,
    *,
    compare_id: str | None = None,
    preset: str = DEFAULT_PRESET,
    sections: Collection[str] | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The PDF report of an assessment, as bytes; nothing is written.

    ``compare_id`` None compares with the assessment's own ``compares_with`` (if any).
    ``today`` is the report's date (actions due before it and open are overdue); default the
    current date. Raises ValueError for an unknown preset or section, or a comparison with
    another team's assessment; the repository's NotFoundError for unknown ids.
    """
    data, _, _ = _build(workspace, assessment_id, compare_id, preset, sections, today)
    return data


def _label(preset: str, chosen: tuple[str, ...]) -> str:
    return preset if chosen == PRESETS[preset] else f"{preset}-custom"


def _explicit_target(path: Path, overwrite: bool) -> Path:
    target = path.expanduser()
    if target.is_dir():
        raise ReportError(f"{target} is a folder; give a file name for the report")
    if (target.exists() or target.is_symlink()) and not overwrite:
        raise ReportExistsError(target)
    return target


def _reports_folder(workspace: Workspace) -> Path:
    folder = workspace.reports_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = f"the reports folder cannot be created ({exc.strerror or exc})"
        raise WriteError(folder, reason, exc.errno) from exc
    return folder


def export_report(
    workspace: Workspace,
    assessment_id: str,
    *,
    compare_id: str | None = None,
    preset: str = DEFAULT_PRESET,
    sections: Collection[str] | None = None,
    out: Path | None = None,
    overwrite: bool = False,
    today: dt.date | None = None,
) -> ReportRecord:
    """Build the report, write it atomically and record it in the database.

    Without ``out`` the file goes into the reports folder (created if missing) under a safe
    name from the team name, date and preset, never replacing an earlier report (``-2``,
    ``-3``... are added). An ``out`` that exists raises :class:`ReportExistsError` unless
    ``overwrite``. A read-only folder or a full disk raises :class:`WriteError` naming the
    path; then no file is left and nothing is recorded. If recording fails, a new file is
    removed again (a file that replaced another is kept) and the error propagates.
    """
    explicit = None if out is None else _explicit_target(Path(out), overwrite)  # fail fast
    data, compared_id, chosen = _build(
        workspace, assessment_id, compare_id, preset, sections, today
    )
    if explicit is not None:
        target = _explicit_target(explicit, overwrite)  # checked again: the build took time
    else:
        # The free name is chosen only now, right before writing, so two exports running at
        # the same time are unlikely to pick the same name.
        assessment = workspace.repository.get_assessment(assessment_id)
        team = workspace.repository.get_team(assessment.team_id)
        target = available_path(
            _reports_folder(workspace),
            report_file_name(team.name, assessment.date, _label(preset, chosen)),
        )
    target = target.absolute()
    replaced = target.exists()
    write_bytes_atomically(data, target)
    record = ReportRecord(
        id=new_id(),
        assessment_id=assessment_id,
        compared_id=compared_id,
        path=str(target),
        created_at=dt.datetime.now(dt.UTC),
        sha256=sha256_of(data),
        preset=preset,
        sections=chosen,
    )
    try:
        workspace.repository.add_report(record)
    except BaseException:
        if not replaced:  # a replaced file is gone anyway; better the new one than none
            with contextlib.suppress(OSError):
                target.unlink()
        raise
    return record


def verify_report(record: ReportRecord) -> Literal["ok", "missing", "changed"]:
    """Whether a recorded report's file is still there unchanged: "ok", "missing", "changed".

    A file that cannot be read counts as missing.
    """
    return verify_file(Path(record.path), record.sha256)
