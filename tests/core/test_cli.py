"""The command line end to end, in-process and as a real subprocess."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sre_workshop.cli import main
from sre_workshop.storage import schema_version


def run(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(list(args), out=out)
    captured = capsys.readouterr()
    return code, out.getvalue(), captured.err


@pytest.fixture
def demo_data(isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code, _, err = run("demo", capsys=capsys)
    assert code == 0, err
    code, out, err = run("list", "--json", capsys=capsys)
    assert code == 0, err
    listing: dict[str, object] = json.loads(out)
    return listing


def test_demo_creates_exactly_one_team_with_both_assessments_and_scores(
    demo_data: dict[str, object],
) -> None:
    teams = demo_data["teams"]
    assert isinstance(teams, list) and len(teams) == 1
    team = teams[0]
    assert team["is_demo"] is True
    original, reassessment = team["assessments"]
    assert original["date"] < reassessment["date"]
    assert reassessment["compares_with"] == original["id"]
    assert original["compares_with"] is None
    for assessment in (original, reassessment):
        assert isinstance(assessment["culture_score"], float)
        assert isinstance(assessment["process_score"], float)
        assert assessment["survey_band"] in {"pathological", "bureaucratic", "generative"}
        assert assessment["status"] == "completed"
    verdicts = reassessment["verdicts"]
    assert verdicts["progressing"] >= 1 and verdicts["regressing"] >= 1
    assert sum(verdicts.values()) == 16


def test_demo_twice_adds_nothing_and_remove_deletes_it(
    demo_data: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run("demo", capsys=capsys)
    assert code == 0 and "already there" in out
    code, out, _ = run("demo", "--remove", capsys=capsys)
    assert code == 0 and "Removed 1 demo team" in out
    code, out, _ = run("list", "--json", capsys=capsys)
    assert json.loads(out) == {"teams": []}


def test_list_text_and_scores(
    demo_data: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    team = demo_data["teams"][0]  # type: ignore[index]
    reassessment_id = team["assessments"][1]["id"]
    code, out, _ = run("list", capsys=capsys)
    assert code == 0 and team["name"] in out and reassessment_id in out
    code, out, _ = run("scores", reassessment_id, capsys=capsys)
    assert code == 0
    assert "On-call process" in out and "progressing" in out and "Culture survey" in out
    code, out, _ = run("scores", reassessment_id, "--csv", capsys=capsys)
    assert code == 0
    header = out.splitlines()[0]
    assert header == (
        "team,assessment_id,date,dimension,area_key,area,level,not_applicable,"
        "compared_level,change,verdict"
    )
    assert len(out.splitlines()) == 17


def test_export_and_import_into_another_data_folder(
    demo_data: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = demo_data["teams"][0]  # type: ignore[index]
    bundle = tmp_path / "team.json"
    code, out, err = run("export", "--team", team["id"], "--out", str(bundle), capsys=capsys)
    assert code == 0, err
    assert out.strip() == str(bundle)
    other = tmp_path / "other-laptop"
    code, out, err = run("--data-dir", str(other), "import", str(bundle), capsys=capsys)
    assert code == 0, err
    assert "2 assessments" in out
    code, out, _ = run("--data-dir", str(other), "list", "--json", capsys=capsys)
    imported = json.loads(out)["teams"]
    assert [t["id"] for t in imported] == [team["id"]]
    assert imported[0]["assessments"] == team["assessments"]
    code, out, _ = run("--data-dir", str(other), "import", str(bundle), capsys=capsys)
    assert code == 0 and "skipped 2" in out.lower()


def test_check_reports_ok_and_damage_without_touching_the_file(
    demo_data: dict[str, object], isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run("check", capsys=capsys)
    assert code == 0 and "OK" in out
    database = isolated_data_dir / "sre-workshop.sqlite3"
    # Checkpoint so the whole database lives in the main file, then damage it.
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = bytearray(database.read_bytes())
    data[4096 * 2 : 4096 * 2 + 512] = b"\xff" * 512
    database.write_bytes(bytes(data))
    before = database.read_bytes()
    code, _, err = run("check", capsys=capsys)
    assert code == 1
    assert "damaged" in err
    assert database.read_bytes() == before


def test_check_on_garbage_and_newer_database(
    isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    isolated_data_dir.mkdir(parents=True)
    database = isolated_data_dir / "sre-workshop.sqlite3"
    database.write_bytes(b"not a database" * 1000)
    code, _, err = run("check", capsys=capsys)
    assert code == 1 and "not an SRE Workshop database" in err
    assert database.read_bytes() == b"not a database" * 1000

    database.unlink()
    with sqlite3.connect(database) as connection:
        connection.execute(f"PRAGMA user_version = {schema_version() + 1}")
    connection.close()
    code, _, err = run("check", capsys=capsys)
    assert code == 1 and "newer" in err
    code, _, err = run("list", capsys=capsys)
    assert code == 1
    assert f"schema version {schema_version() + 1}" in err
    assert f"up to version {schema_version()}" in err
    assert "Traceback" not in err


def test_errors_are_one_line_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run("scores", "00000000-0000-4000-8000-000000000000", capsys=capsys)
    assert code == 1
    assert err.startswith("error: no assessment with id")
    assert len(err.strip().splitlines()) == 1
    code, _, err = run("import", "/nonexistent/bundle.json", capsys=capsys)
    assert code == 1 and err.startswith("error:") and "Traceback" not in err


def test_frameworks_lists_builtin_and_validates_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run("frameworks", capsys=capsys)
    assert code == 0 and "sre-maturity 1.0" in out
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "sre-workshop-framework"', encoding="utf-8")
    code, _, err = run("frameworks", str(bad), capsys=capsys)
    assert code == 1 and "bad.json" in err


def test_settings_are_shared(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("settings", "--set", "coach_name=Zoë", "--set", "dead_band=1", capsys=capsys)
    assert code == 0 and "coach_name = Zoë" in out
    code, out, _ = run("settings", capsys=capsys)
    assert "dead_band = 1.0" in out
    code, _, err = run("settings", "--set", "dead_band=-3", capsys=capsys)
    assert code == 1 and "dead band" in err


def test_python_dash_m_runs_the_cli(isolated_data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sre_workshop", "--data-dir", str(isolated_data_dir), "list"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "No teams yet" in result.stdout
