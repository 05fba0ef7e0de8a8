"""The scores of an assessment as CSV, for people who live in spreadsheets.

One row per area, exactly as the results table shows it (the rows come from
:func:`sre_workshop.scoring.compare_assessments`, so the verdicts always agree with the app and
the PDF). The text is built with the ``csv`` module, so commas, quotes and line breaks in team
or area names survive. Text a coach typed (the team name) and text from a framework file (area
names) could start with ``=``, ``+``, ``-`` or ``@``, which a spreadsheet would run as a formula
("CSV injection"); such cells get a leading apostrophe. Only those text columns are guarded:
the numeric columns must stay numbers (a change of ``-1`` is not a formula).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Final

from sre_workshop.atomic import write_text_atomically
from sre_workshop.scoring import compare_assessments
from sre_workshop.workspace import Workspace

__all__ = ["COLUMNS", "guard_formula", "scores_csv", "write_scores_csv"]

#: The header row, in order.
COLUMNS: Final = (
    "team",
    "assessment_id",
    "date",
    "dimension",
    "area_key",
    "area",
    "level",
    "not_applicable",
    "compared_level",
    "change",
    "verdict",
)
#: First characters that make a spreadsheet treat a cell as a formula (tab and carriage return
#: too: some programs strip them and then see the formula behind).
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def guard_formula(text: str) -> str:
    """``text`` with a leading apostrophe if a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _change(value: int | None) -> str:
    if value is None:
        return ""
    return "0" if value == 0 else f"{value:+d}"


def scores_csv(workspace: Workspace, assessment_id: str, compare_id: str | None = None) -> str:
    """The CSV text (header and one row per area) of an assessment's scores.

    ``compare_id`` is the assessment to compare with; by default the one the assessment
    records in ``compares_with`` (no comparison if it has none: every verdict is then
    "not comparable"). The dead band comes from the settings. Lines end with CRLF, as RFC 4180
    and spreadsheet programs expect. Raises NotFoundError for an unknown id.
    """
    repository = workspace.repository
    record = repository.load_record(assessment_id)
    assessment = record.assessment
    team = repository.get_team(assessment.team_id)
    framework = workspace.framework_for(assessment)
    compared_id = compare_id if compare_id is not None else assessment.compares_with
    compared = repository.load_record(compared_id) if compared_id is not None else None
    compared_framework = (
        workspace.framework_for(compared.assessment) if compared is not None else None
    )
    rows = compare_assessments(
        record,
        framework,
        compared,
        compared_framework,
        repository.load_settings().dead_band,
    )

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            (
                guard_formula(team.name),
                assessment.id,
                assessment.date.isoformat(),
                row.dimension.value,
                row.area_key,
                guard_formula(row.name),
                _number(row.level),
                "yes" if row.not_applicable else "no",
                _number(row.compared_level),
                _change(row.change),
                row.verdict.value,
            )
        )
    return buffer.getvalue()


def write_scores_csv(
    workspace: Workspace, assessment_id: str, path: Path, compare_id: str | None = None
) -> Path:
    """Write :func:`scores_csv` to ``path`` atomically; returns ``path``.

    The file is UTF-8 with a byte order mark, which Excel needs to show accents and Cyrillic
    correctly (LibreOffice and Numbers ignore it). Raises ``atomic.WriteError`` on a read-only
    folder or a full disk, leaving no file behind.
    """
    text = scores_csv(workspace, assessment_id, compare_id)
    return write_text_atomically(text, Path(path), encoding="utf-8-sig")
