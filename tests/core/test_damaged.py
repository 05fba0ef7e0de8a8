"""A damaged database is found before anything is written to it, kept, and replaced on request.

Every kind of damage (garbage, a truncated or emptied file, flipped bytes, a lost write-ahead
log, a folder in the way, another program's database, only the log left) is refused by
``open_workspace`` without changing a byte, is reported by ``sre-workshop-cli check`` (exit 1)
in the same words the app uses, and ``recover`` moves it aside whole and starts from the newest
backup that passes the check, or empty.
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from sre_workshop import cli
from sre_workshop.instance_lock import InstanceLock, marker_path
from sre_workshop.paths import DataPaths
from sre_workshop.recovery import damage_of, diagnose, recover
from sre_workshop.storage.backups import backup_infos
from sre_workshop.storage.errors import DamagedDatabaseError
from sre_workshop.storage.health import Health, inspect_database
from sre_workshop.workspace import open_workspace
from tests.core.damage_cases import (
    DAMAGE,
    database_files,
    index_out_of_step,
    killed_with_changes_in_the_log,
    populate,
    snapshot,
)


def run_check(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    code = cli.main(["--data-dir", str(data_dir), "check"], out=out)
    return code, out.getvalue(), capsys.readouterr().err


@pytest.fixture(params=sorted(DAMAGE))
def damaged(request: pytest.FixtureRequest, isolated_data_dir: Path) -> tuple[str, Path]:
    populate(isolated_data_dir)
    name: str = request.param
    DAMAGE[name](isolated_data_dir)
    return name, isolated_data_dir


def test_damage_is_refused_before_anything_is_written(damaged: tuple[str, Path]) -> None:
    name, data_dir = damaged
    before = database_files(data_dir)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_workspace(data_dir)
    assert caught.value.report.state is Health.DAMAGED, name
    assert "Nothing was written to it" in str(caught.value)
    assert database_files(data_dir) == before, f"{name}: the damaged files were touched"


def test_check_says_what_the_app_would_do_and_touches_nothing(
    damaged: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    name, data_dir = damaged
    before = snapshot(data_dir)
    code, _, err = run_check(data_dir, capsys)
    after = {name: data for name, data in snapshot(data_dir).items() if not name.startswith("logs")}
    before = {name: data for name, data in before.items() if not name.startswith("logs")}
    assert code == 1, name
    assert "Nothing has been written to it" in err
    assert "what the app does: SRE Workshop moves it" in err
    assert "backups" in err and "start with an empty database" in err
    assert after == before, f"{name}: check changed the data folder (beyond its log)"


def test_recover_moves_it_aside_whole_and_restores_the_newest_good_copy(
    damaged: tuple[str, Path],
) -> None:
    name, data_dir = damaged
    paths = DataPaths(data_dir)
    before = database_files(data_dir)
    damage = diagnose(paths)
    assert damage is not None and damage.candidate is not None, name
    recovery = recover(paths, damage, damage.candidate)
    try:
        teams = [team.name for team in recovery.workspace.repository.list_teams()]
        # The missing-log case restores the file as found (both teams, none of the lost
        # changes); every other case the backup taken when only Checkout existed.
        expected = ["Checkout", "Search"] if name == "missing wal" else ["Checkout"]
        assert teams == expected, name
        recovery.workspace.repository.database.query("SELECT 1")
        assert recovery.workspace.database.query("PRAGMA integrity_check")[0][0] == "ok"
    finally:
        recovery.workspace.close()
    # Every damaged file is under backups/, byte for byte, beside the new database.
    kept = recovery.kept_at
    assert kept.parent == paths.backups
    for file_name, content in before.items():
        rest = file_name.removeprefix("sre-workshop.sqlite3")
        if rest.startswith("/"):
            moved = kept / rest.lstrip("/")  # a file inside the folder that was in the way
        else:
            moved = kept.with_name(kept.name + rest)
        if content == "<dir>":
            assert moved.is_dir()
        else:
            assert moved.read_bytes() == content, f"{name}: {file_name} changed on the way"
    assert inspect_database(paths.database).state is Health.OK


def test_recover_can_start_empty(damaged: tuple[str, Path]) -> None:
    _, data_dir = damaged
    paths = DataPaths(data_dir)
    damage = diagnose(paths)
    assert damage is not None
    recovery = recover(paths, damage, None)
    try:
        assert recovery.workspace.repository.list_teams() == ()
    finally:
        recovery.workspace.close()
    kept = recovery.kept_at
    assert any(path.name.startswith(kept.name) for path in kept.parent.iterdir())


def test_without_a_good_backup_only_an_empty_start_is_offered(isolated_data_dir: Path) -> None:
    populate(isolated_data_dir)
    paths = DataPaths(isolated_data_dir)
    for info in backup_infos(paths.backups):
        DAMAGE["garbage"](isolated_data_dir)  # the live file
        info.path.write_bytes(b"not a backup any more")
    damage = diagnose(paths)
    assert damage is not None and damage.candidate is None
    assert "no backup passes the check" in damage.what_the_app_does()


def test_a_quick_check_miss_is_caught_by_the_full_check_after_an_unclean_exit(
    isolated_data_dir: Path,
) -> None:
    populate(isolated_data_dir)
    index_out_of_step(isolated_data_dir)
    # A clean last session: the quick check at start-up passes this kind of damage.
    open_workspace(isolated_data_dir).close()
    # After an unclean exit (the mark left behind) the full integrity check runs and refuses.
    marker_path(isolated_data_dir).write_text("pid 1\n", "utf-8")
    with pytest.raises(DamagedDatabaseError, match="missing from index"):
        open_workspace(isolated_data_dir)
    assert marker_path(isolated_data_dir).exists()


def test_after_an_unclean_exit_a_sound_database_opens_with_every_commit_and_the_mark_goes(
    isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    populate(isolated_data_dir)
    killed_with_changes_in_the_log(isolated_data_dir)
    assert marker_path(isolated_data_dir).exists()
    seen: list[bool] = []
    import sre_workshop.workspace as workspace_module

    real: Callable[..., object] = workspace_module.inspect_database

    def spy(path: Path, **kwargs: bool) -> object:
        seen.append(kwargs["full"])
        return real(path, **kwargs)

    monkeypatch.setattr(workspace_module, "inspect_database", spy)
    workspace = open_workspace(isolated_data_dir)
    try:
        names = [team.name for team in workspace.repository.list_teams()]
    finally:
        workspace.close()
    assert seen == [True]
    assert len(names) == 7  # Checkout, Search and the five written just before the kill
    assert not marker_path(isolated_data_dir).exists()


def test_the_check_of_a_running_apps_database_does_not_copy_it(isolated_data_dir: Path) -> None:
    populate(isolated_data_dir)
    with InstanceLock(isolated_data_dir) as lock:
        assert lock.acquire()
        workspace = open_workspace(isolated_data_dir, lock=lock)
        try:
            out = io.StringIO()
            code = cli.main(["--data-dir", str(isolated_data_dir), "check"], out=out)
        finally:
            workspace.close()
    assert code == 0
    assert "SRE Workshop is open on this data folder" in out.getvalue()
    assert "OK" in out.getvalue()


def test_a_newer_database_is_not_damage(isolated_data_dir: Path) -> None:
    populate(isolated_data_dir)
    path = DataPaths(isolated_data_dir).database
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.commit()
    connection.close()
    assert inspect_database(path).state is Health.NEWER
    assert diagnose(DataPaths(isolated_data_dir)) is None


def test_damage_words_name_the_file_and_the_folder(isolated_data_dir: Path) -> None:
    populate(isolated_data_dir)
    DAMAGE["flipped bytes"](isolated_data_dir)
    paths = DataPaths(isolated_data_dir)
    report = inspect_database(paths.database)
    damage = damage_of(report, paths)
    assert str(paths.database) in damage.what_happened()
    assert str(paths.backups) in damage.what_the_app_does()
    assert damage.candidate is not None
    assert "1 team, 1 assessment" in damage.candidate.describe()
