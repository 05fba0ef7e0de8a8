"""The scores CSV: exact columns, one row per area, verdicts that agree with scoring, and text
that a spreadsheet can neither misread (commas, line breaks) nor run (formulas)."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from sre_workshop import workflows
from sre_workshop.atomic import WriteError, write_bytes_atomically, write_text_atomically
from sre_workshop.csv_export import COLUMNS, guard_formula, scores_csv, write_scores_csv
from sre_workshop.framework import builtin_framework
from sre_workshop.model import AreaRating, Assessment, ScopeItem, Settings, Team, new_id
from sre_workshop.scoring import compare_assessments
from sre_workshop.workspace import Workspace, open_workspace

HEADER = (
    "team,assessment_id,date,dimension,area_key,area,level,not_applicable,compared_level,"
    "change,verdict"
)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    opened = open_workspace(tmp_path / "data")
    yield opened
    opened.close()


def assess_twice(
    workspace: Workspace, team_name: str = "Payments"
) -> tuple[Assessment, Assessment]:
    """A baseline and a reassessment that progress, stagnate, regress and skip areas."""
    repo = workspace.repository
    team = repo.add_team(Team(new_id(), team_name))
    first = workflows.plan_assessment(
        workspace, team.id, date=dt.date(2026, 1, 15), framework=builtin_framework()
    )
    second = workflows.reassess(workspace, team.id, date=dt.date(2026, 7, 15))
    ratings = {
        "process.on-call": (2, 3),  # +1 progressing
        "process.incident-response": (4, 2),  # -2 regressing
        "process.customer-support": (3, 3),  # 0 stagnating
        "culture.high-cooperation": (1, 5),  # +4 progressing
    }
    for key, (then, now) in ratings.items():
        repo.save_rating(first.id, AreaRating(key, level=then))
        repo.save_rating(second.id, AreaRating(key, level=now))
    repo.save_rating(
        second.id,
        AreaRating("process.regulatory-compliance", not_applicable=True, not_applicable_reason="-"),
    )
    return first, second


def parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_header_is_exactly_the_documented_columns(workspace: Workspace) -> None:
    _, second = assess_twice(workspace)
    text = scores_csv(workspace, second.id)
    assert text.split("\r\n", 1)[0] == HEADER
    assert ",".join(COLUMNS) == HEADER
    assert text.endswith("\r\n")


def test_one_row_per_area_agreeing_with_compare_assessments(workspace: Workspace) -> None:
    first, second = assess_twice(workspace)
    rows = parse(scores_csv(workspace, second.id))
    repo = workspace.repository
    expected = compare_assessments(
        repo.load_record(second.id),
        builtin_framework(),
        repo.load_record(first.id),
        builtin_framework(),
        0.5,
    )
    assert len(rows) == len(expected) == len(builtin_framework().areas)
    for row, area in zip(rows, expected, strict=True):
        assert row["team"] == "Payments"
        assert row["assessment_id"] == second.id
        assert row["date"] == "2026-07-15"
        assert row["dimension"] == area.dimension.value
        assert row["area_key"] == area.area_key
        assert row["area"] == area.name
        assert row["level"] == ("" if area.level is None else str(area.level))
        assert row["not_applicable"] == ("yes" if area.not_applicable else "no")
        assert row["compared_level"] == (
            "" if area.compared_level is None else str(area.compared_level)
        )
        assert row["verdict"] == area.verdict.value

    by_key = {row["area_key"]: row for row in rows}
    assert by_key["process.on-call"]["change"] == "+1"
    assert by_key["process.on-call"]["verdict"] == "progressing"
    assert by_key["process.incident-response"]["change"] == "-2"
    assert by_key["process.incident-response"]["verdict"] == "regressing"
    assert by_key["process.customer-support"]["change"] == "0"
    assert by_key["process.customer-support"]["verdict"] == "stagnating"
    assert by_key["culture.high-cooperation"]["change"] == "+4"
    regulatory = by_key["process.regulatory-compliance"]
    assert regulatory["not_applicable"] == "yes"
    assert regulatory["level"] == regulatory["change"] == regulatory["compared_level"] == ""
    assert regulatory["verdict"] == "not comparable"


def test_the_dead_band_comes_from_the_settings(workspace: Workspace) -> None:
    _, second = assess_twice(workspace)
    workspace.repository.save_settings(Settings(dead_band=2.0))
    by_key = {row["area_key"]: row for row in parse(scores_csv(workspace, second.id))}
    assert by_key["process.on-call"]["verdict"] == "stagnating"  # +1 is inside the band
    assert by_key["process.incident-response"]["verdict"] == "regressing"  # -2 is not


def test_without_a_comparison_every_row_is_not_comparable(workspace: Workspace) -> None:
    first, _ = assess_twice(workspace)
    rows = parse(scores_csv(workspace, first.id))
    assert rows and all(row["verdict"] == "not comparable" for row in rows)
    assert all(row["compared_level"] == "" and row["change"] == "" for row in rows)


def test_an_explicit_comparison_overrides_compares_with(workspace: Workspace) -> None:
    first, second = assess_twice(workspace)
    later = workflows.plan_assessment(
        workspace,
        second.team_id,
        date=dt.date(2027, 1, 15),
        scope=[ScopeItem("process.on-call", 10)],
    )
    workspace.repository.save_rating(later.id, AreaRating("process.on-call", level=1))
    rows = parse(scores_csv(workspace, later.id, compare_id=second.id))
    on_call = next(row for row in rows if row["area_key"] == "process.on-call")
    assert (on_call["compared_level"], on_call["change"], on_call["verdict"]) == (
        "3",
        "-2",
        "regressing",
    )
    # By default the later assessment has nothing to compare with.
    default = parse(scores_csv(workspace, later.id))
    assert [row["verdict"] for row in default] == ["not comparable"]
    assert first.compares_with is None


@pytest.mark.parametrize(
    "name",
    [
        '=HYPERLINK("http://evil.example","click")',
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_a_team_name_that_looks_like_a_formula_is_defused(workspace: Workspace, name: str) -> None:
    _, second = assess_twice(workspace, team_name=name)
    rows = parse(scores_csv(workspace, second.id))
    assert all(row["team"] == "'" + name for row in rows)
    # Only text columns are guarded: a negative change stays a number.
    assert any(row["change"] == "-2" for row in rows)


def test_guard_formula_leaves_ordinary_text_alone() -> None:
    assert guard_formula("Payments") == "Payments"
    assert guard_formula("Team = good") == "Team = good"
    assert guard_formula("") == ""
    assert guard_formula("=1") == "'=1"


def test_commas_quotes_and_line_breaks_in_a_name_survive(workspace: Workspace) -> None:
    name = 'Ops, Dev "and"\nPM · Привет 🚀'
    _, second = assess_twice(workspace, team_name=name)
    text = scores_csv(workspace, second.id)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 1 + len(builtin_framework().areas)
    assert all(row[0] == name and len(row) == len(COLUMNS) for row in rows[1:])


def test_write_scores_csv_writes_utf8_with_a_byte_order_mark(
    workspace: Workspace, tmp_path: Path
) -> None:
    _, second = assess_twice(workspace, team_name="Équipe Ω")
    path = write_scores_csv(workspace, second.id, tmp_path / "scores.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == scores_csv(workspace, second.id)
    assert [item.name for item in tmp_path.iterdir() if item.suffix == ".partial"] == []


# --- the atomic write helper -------------------------------------------------------------------


def test_write_text_atomically_replaces_a_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old", encoding="utf-8")
    assert write_text_atomically("a,b\r\nc,d\r\n", path) == path
    assert path.read_bytes() == b"a,b\r\nc,d\r\n"  # newlines written exactly as given
    assert sorted(item.name for item in tmp_path.iterdir()) == ["out.csv"]


def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old", encoding="utf-8")

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("sre_workshop.atomic.os.fsync", full)
    with pytest.raises(WriteError) as caught:
        write_text_atomically("new", path)
    assert str(caught.value) == f"Could not write {path}: the disk is full. Nothing was written."
    assert isinstance(caught.value, OSError)
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(item.name for item in tmp_path.iterdir()) == ["out.csv"]


def test_a_folder_in_the_way_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out.csv").mkdir()
    with pytest.raises(WriteError, match="a folder of that name is in the way"):
        write_bytes_atomically(b"x", tmp_path / "out.csv")


def test_text_the_encoding_cannot_hold_is_refused_before_writing(tmp_path: Path) -> None:
    with pytest.raises(UnicodeEncodeError):
        write_text_atomically("lone \ud800", tmp_path / "out.csv")
    assert list(tmp_path.iterdir()) == []
