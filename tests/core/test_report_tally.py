"""The vote and survey tallies of the area details: counts as table strings, styled by commands.

The counts are plain strings (reportlab draws them without a paragraph each); the agreed level
and the total must still be bold, zeros grey, and the agreed level's cell tinted.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from sre_workshop.model import AreaRating, ScopeItem
from sre_workshop.report import build_report, styles
from sre_workshop.report.details import _tally_table
from sre_workshop.report.fonts import BOLD, REGULAR
from sre_workshop.workflows import create_team, plan_assessment
from sre_workshop.workspace import Workspace, open_workspace


@pytest.fixture
def workspace(isolated_data_dir: Path) -> Iterator[Workspace]:
    opened = open_workspace(isolated_data_dir)
    yield opened
    opened.close()


def hex_of(colour: object) -> str:
    return "#" + str(colour.hexval())[2:].upper()  # type: ignore[attr-defined]


def test_counts_are_styled_strings() -> None:
    tally = _tally_table("Votes", ["1", "2", "3", "4", "5"], [0, 1, 3, 0, 2], highlight=2)
    tally.wrap(500, 500)
    assert tally._cellvalues[1] == ["Votes", "0", "1", "3", "0", "2", "6"]
    cells = tally._cellStyles[1]
    fonts = [cell.fontname for cell in cells]
    assert fonts == [BOLD, REGULAR, REGULAR, BOLD, REGULAR, REGULAR, BOLD]
    assert {cell.fontsize for cell in cells} == {styles.CELL.fontSize}
    assert {cell.leading for cell in cells} == {styles.CELL.leading}
    assert [cell.alignment for cell in cells[1:]] == ["CENTER"] * 6
    colours = [hex_of(cell.color) for cell in cells]
    assert colours[1] == colours[4] == styles.MUTED  # zeros
    assert colours[2] == colours[3] == colours[5] == styles.INK
    tinted = [
        (command[1], command[2])
        for command in tally._bkgrndcmds
        if command[0] == "BACKGROUND" and hex_of(command[3]) == styles.ACCENT_LIGHT
    ]
    assert tinted == [((3, 1), (3, 1))]


def test_a_tally_without_an_agreed_level_has_no_tint() -> None:
    tally = _tally_table("Answers", [str(value) for value in range(1, 8)], [1] * 7, None)
    tally.wrap(500, 500)
    assert not [command for command in tally._bkgrndcmds if command[0] == "BACKGROUND"][1:]
    assert tally._cellvalues[1][-1] == "7"


def test_the_tally_prints_in_the_report(workspace: Workspace) -> None:
    team = create_team(workspace, "Tally Team")
    framework = workspace.frameworks.latest("sre-maturity")
    area = framework.areas[0]
    assessment = plan_assessment(
        workspace, team.id, date=dt.date(2026, 2, 3), scope=(ScopeItem(area.key, 10),)
    )
    workspace.repository.save_rating(
        assessment.id, AreaRating(area.key, level=3, votes=(0, 1, 3, 0, 0))
    )
    data = build_report(workspace, assessment.id, sections=("areas",), today=dt.date(2026, 3, 1))
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )
    assert "Votes 0 1 3 0 0 4" in text
    assert "4 votes; proposed level 3 (the median)" in text
