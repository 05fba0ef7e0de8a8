"""Rolling backups, thinning, restore (core and command line) and the one-app-per-folder lock."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from sre_workshop import cli
from sre_workshop.instance_lock import InstanceLock, lock_held_by_another
from sre_workshop.paths import DataPaths
from sre_workshop.recovery import exit_backup, restore_backup, startup_backup
from sre_workshop.storage import open_database
from sre_workshop.storage.backups import (
    BackupError,
    BackupInfo,
    RetentionPolicy,
    backup_info,
    backup_infos,
    backups_to_thin,
    content_fingerprint,
    find_backup,
    thin_backups,
)
from sre_workshop.storage.connection import bundled_migrations
from sre_workshop.storage.health import check_backup
from sre_workshop.workflows import create_team, delete_team_safely
from sre_workshop.workspace import READ_ONLY_NEWER, Workspace, open_workspace
from tests.core.damage_cases import populate


def team_names(workspace: Workspace) -> list[str]:
    return [team.name for team in workspace.repository.list_teams()]


def run_cli(data_dir: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(["--data-dir", str(data_dir), *args], out=out)
    return code, out.getvalue()


# --- automatic backups ---------------------------------------------------------------------------


def test_startup_backup_only_when_something_changed_since_the_newest(
    isolated_data_dir: Path,
) -> None:
    paths = DataPaths(isolated_data_dir)
    workspace = open_workspace(isolated_data_dir)
    try:
        create_team(workspace, "Checkout")
        first = startup_backup(paths)
        assert first.backup is not None and first.backup.name.endswith("-after-start.sqlite3")
        assert startup_backup(paths).backup is None, "nothing changed: no second copy"
        team = workspace.repository.list_teams()[0]
        workspace.repository.update_team(replace(team, name="Checkout & Payments"))
        third = startup_backup(paths)
        assert third.backup is not None
        assert exit_backup(workspace).backup is None, "the start-up copy is the newest already"
        create_team(workspace, "Search")
        assert exit_backup(workspace).backup is not None
    finally:
        workspace.close()
    names = [info.reason for info in backup_infos(paths.backups)]
    assert names == ["on-exit", "after-start", "after-start"]


def test_a_backup_holds_committed_data_only(isolated_data_dir: Path) -> None:
    """The online backup API copies a consistent state, never a half-done transaction."""
    workspace = open_workspace(isolated_data_dir)
    try:
        create_team(workspace, "Committed")
        other = sqlite3.connect(workspace.database.path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute(
            "INSERT INTO teams (id, name, description, is_demo, created_at)"
            " VALUES ('00000000-0000-4000-8000-000000000001', 'Uncommitted', '', 0, '2026')"
        )
        backup = workspace.backup("by-hand")
        other.execute("ROLLBACK")
        other.close()
    finally:
        workspace.close()
    copy = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    try:
        assert copy.execute("SELECT name FROM teams").fetchall() == [("Committed",)]
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        copy.close()


def test_fingerprint_is_the_same_for_a_copy_and_changes_with_any_row(tmp_path: Path) -> None:
    workspace = open_workspace(tmp_path / "data")
    try:
        create_team(workspace, "Checkout")
        backup = workspace.backup("by-hand")
        live = content_fingerprint(workspace.database.connection)
        copy = sqlite3.connect(backup)
        assert content_fingerprint(copy) == live
        copy.close()
        settings = workspace.repository.load_settings()
        workspace.repository.save_settings(replace(settings, coach_name="Dana"))
        assert content_fingerprint(workspace.database.connection) != live
    finally:
        workspace.close()


def test_read_only_workspaces_take_no_exit_backup(isolated_data_dir: Path) -> None:
    populate(isolated_data_dir)
    connection = sqlite3.connect(DataPaths(isolated_data_dir).database)
    connection.execute("PRAGMA user_version = 99")
    connection.commit()
    connection.close()
    before = len(backup_infos(DataPaths(isolated_data_dir).backups))
    workspace = open_workspace(isolated_data_dir, allow_newer_read_only=True)
    try:
        assert workspace.read_only and workspace.read_only_reason == READ_ONLY_NEWER
        assert exit_backup(workspace).backup is None
    finally:
        workspace.close()
    assert len(backup_infos(DataPaths(isolated_data_dir).backups)) == before


# --- thinning ------------------------------------------------------------------------------------

NOW = dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC)


def fake(hours_ago: float, reason: str = "after-start", size: int = 1000) -> BackupInfo:
    moment = NOW - dt.timedelta(hours=hours_ago)
    stamp = moment.strftime("%Y%m%dT%H%M%S%fZ")
    return BackupInfo(Path(f"sre-workshop-{stamp}-{reason}.sqlite3"), stamp, moment, reason, size)


def test_thinning_keeps_the_last_ten_then_daily_then_weekly() -> None:
    backups = [fake(hours) for hours in range(0, 90 * 24, 6)]  # four a day for 90 days
    dropped = {info.id for info in backups_to_thin(backups, NOW)}
    newest_first = sorted(backups, key=lambda i: i.id, reverse=True)
    kept = [info for info in newest_first if info.id not in dropped]
    assert kept[:10] == newest_first[:10]
    older = kept[10:]
    fortnight, two_months = dt.timedelta(days=14), dt.timedelta(weeks=8)
    daily = [info for info in older if NOW - info.taken_at <= fortnight]
    weekly = [info for info in older if NOW - info.taken_at > fortnight]
    # One a day for the last fourteen days (each the newest of its day)...
    day_of = [info.taken_at.date() for info in daily]
    assert len(day_of) == len(set(day_of)) >= 11
    for info in daily:
        same_day = [b for b in backups if b.taken_at.date() == info.taken_at.date()]
        assert info == max(same_day, key=lambda b: b.id)
    # ...then one a week up to eight weeks, and nothing older.
    week_of = [info.taken_at.isocalendar()[:2] for info in weekly]
    assert len(week_of) == len(set(week_of)) >= 5
    assert all(NOW - info.taken_at <= two_months for info in kept)
    assert len(kept) == len(backups) - len(dropped)


def test_protected_kinds_are_never_thinned_and_the_cap_spares_the_newest() -> None:
    policy = RetentionPolicy(max_total_bytes=5_000)
    backups = [fake(hours, size=1000) for hours in range(0, 30)]
    protected = [
        fake(24 * 200, "before-migration-v2", 10_000),
        fake(24 * 100, "damaged", 10_000),
        fake(24 * 100 + 1, "before-restore", 10_000),
    ]
    dropped = backups_to_thin(backups + protected, NOW, policy)
    assert not {info.id for info in protected} & {info.id for info in dropped}
    newest = max(backups, key=lambda i: i.id)
    assert newest.id not in {info.id for info in dropped}
    # Over the cap even with the protected ones alone: every thinnable but the newest goes.
    assert len(dropped) == len(backups) - 1


def test_thin_backups_removes_files_and_stale_partials(isolated_data_dir: Path) -> None:
    paths = DataPaths(isolated_data_dir)
    workspace = open_workspace(isolated_data_dir)
    try:
        for number in range(14):
            create_team(workspace, f"Team {number}")
            workspace.backup("after-start")
        workspace.backup("before-migration-v1")
    finally:
        workspace.close()
    stale = paths.backups / "sre-workshop-20200101T000000000000Z-after-start.sqlite3.partial"
    stale.write_bytes(b"half")
    os.utime(stale, (0, 0))
    removed = thin_backups(paths.backups)
    assert stale in removed and not stale.exists()
    infos = backup_infos(paths.backups)
    assert len([info for info in infos if info.reason == "after-start"]) == 10
    assert any(info.reason.startswith("before-migration") for info in infos)


def test_backup_names_parse_and_others_are_ignored(tmp_path: Path) -> None:
    good = tmp_path / "sre-workshop-20260302T101500123456Z-before-import.sqlite3"
    good.write_bytes(b"x")
    (tmp_path / "sre-workshop-notastamp-x.sqlite3").write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("x", "utf-8")
    info = backup_info(good)
    assert info is not None and info.id == "20260302T101500123456Z"
    assert info.taken_at == dt.datetime(2026, 3, 2, 10, 15, 0, 123456, tzinfo=dt.UTC)
    assert [item.path for item in backup_infos(tmp_path)] == [good]
    assert find_backup(tmp_path, "20260302").path == good
    with pytest.raises(BackupError, match="no backup"):
        find_backup(tmp_path, "1999")


def test_deleting_a_team_backs_up_first(isolated_data_dir: Path) -> None:
    workspace = open_workspace(isolated_data_dir)
    try:
        team = create_team(workspace, "Checkout")
        backup = delete_team_safely(workspace, team.id)
        assert check_backup(backup).teams == 1
        assert team_names(workspace) == []
    finally:
        workspace.close()


# --- restore -------------------------------------------------------------------------------------


def test_restore_keeps_the_current_data_aside_first_and_replaces_it(
    isolated_data_dir: Path,
) -> None:
    backup = populate(isolated_data_dir)
    workspace = open_workspace(isolated_data_dir)
    try:
        assert team_names(workspace) == ["Checkout", "Search"]
        info = backup_info(backup)
        assert info is not None
        result = restore_backup(workspace, info)
        assert team_names(workspace) == ["Checkout"]
        assert result.kept_at is not None and result.kept_at.name.endswith("before-restore.sqlite3")
        kept = check_backup(result.kept_at)
        assert kept.usable and kept.teams == 2
        assert workspace.database.query("PRAGMA journal_mode")[0][0] == "wal"
        # The app keeps working on the restored data.
        create_team(workspace, "After the restore")
    finally:
        workspace.close()
    reopened = open_workspace(isolated_data_dir)
    try:
        assert team_names(reopened) == ["After the restore", "Checkout"]
        assert reopened.database.query("PRAGMA integrity_check")[0][0] == "ok"
    finally:
        reopened.close()


def test_a_damaged_backup_is_refused_and_nothing_changes(isolated_data_dir: Path) -> None:
    backup = populate(isolated_data_dir)
    data = bytearray(backup.read_bytes())
    for start in range(4096, len(data), 4096):
        data[start : start + 8] = b"\xff" * 8
    backup.write_bytes(bytes(data))
    workspace = open_workspace(isolated_data_dir)
    try:
        before = content_fingerprint(workspace.database.connection)
        info = backup_info(backup)
        assert info is not None
        with pytest.raises(BackupError, match="cannot be restored"):
            restore_backup(workspace, info)
        assert content_fingerprint(workspace.database.connection) == before
    finally:
        workspace.close()
    assert [info.reason for info in backup_infos(DataPaths(isolated_data_dir).backups)] == [
        "before-import"
    ], "no copy is kept aside for a restore that never happened"


def test_restoring_an_older_schema_migrates_it(isolated_data_dir: Path, tmp_path: Path) -> None:
    old_path = tmp_path / "old.sqlite3"
    old = open_database(old_path, backups_dir=tmp_path / "b", migrations=bundled_migrations()[:1])
    with old.transaction() as db:
        db.execute(
            "INSERT INTO teams (id, name, description, is_demo, created_at)"
            " VALUES ('00000000-0000-4000-8000-000000000002', 'From version 1', '', 0,"
            " '2025-01-01T00:00:00+00:00')"
        )
    backups = DataPaths(isolated_data_dir).backups
    backups.mkdir(parents=True)
    target = backups / "sre-workshop-20250101T000000000000Z-before-import.sqlite3"
    old.backup_to(target)
    old.close()
    workspace = open_workspace(isolated_data_dir)
    try:
        info = backup_info(target)
        assert info is not None
        restore_backup(workspace, info)
        assert team_names(workspace) == ["From version 1"]
        assert workspace.database.user_version() == len(bundled_migrations())
    finally:
        workspace.close()


def test_cli_backups_list_and_restore(isolated_data_dir: Path) -> None:
    backup = populate(isolated_data_dir)
    code, out = run_cli(isolated_data_dir, "backups", "list")
    assert code == 0
    info = backup_info(backup)
    assert info is not None
    line = next(text for text in out.splitlines() if text.startswith(info.id))
    assert "before an import" in line
    code, out = run_cli(isolated_data_dir, "backups", "list", "--json")
    listed = json.loads(out)["backups"]
    assert listed[0]["id"] == info.id
    assert (listed[0]["teams"], listed[0]["assessments"]) == (1, 1)

    code, out = run_cli(isolated_data_dir, "backups", "restore", info.id[:12])
    assert code == 0, out
    assert "Restored the backup of" in out and "1 team, 1 assessment" in out
    workspace = open_workspace(isolated_data_dir)
    try:
        assert team_names(workspace) == ["Checkout"]
    finally:
        workspace.close()
    reasons = [item.reason for item in backup_infos(DataPaths(isolated_data_dir).backups)]
    assert "before-restore" in reasons


def test_cli_restore_is_refused_while_the_app_holds_the_folder(
    isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = populate(isolated_data_dir)
    with InstanceLock(isolated_data_dir) as lock:
        assert lock.acquire()
        code, _ = run_cli(isolated_data_dir, "backups", "restore", backup.name)
    assert code == 1
    assert "SRE Workshop is open on this data folder" in capsys.readouterr().err


def test_cli_restore_over_a_damaged_database_moves_it_aside(isolated_data_dir: Path) -> None:
    backup = populate(isolated_data_dir)
    database = DataPaths(isolated_data_dir).database
    database.write_bytes(b"garbage" * 1000)
    code, out = run_cli(isolated_data_dir, "backups", "restore", backup.name)
    assert code == 0, out
    assert "moved aside, not deleted" in out
    kept = [
        info
        for info in backup_infos(DataPaths(isolated_data_dir).backups)
        if info.reason == "damaged"
    ]
    assert kept and kept[0].path.read_bytes() == b"garbage" * 1000


# --- the instance lock ---------------------------------------------------------------------------

_HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from sre_workshop.instance_lock import InstanceLock
    lock = InstanceLock(Path(sys.argv[1]))
    assert lock.acquire()
    print("locked", flush=True)
    time.sleep(60)
    """
)


def test_the_lock_is_exclusive_and_dies_with_its_process_even_by_sigkill(tmp_path: Path) -> None:
    root = tmp_path / "data"
    child = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(root)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        assert lock_held_by_another(root)
        second = InstanceLock(root)
        assert not second.acquire()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        deadline = time.monotonic() + 10
        while lock_held_by_another(root) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert second.acquire(), "the lock of a killed process is free again"
        second.release()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
        if child.stdout is not None:
            child.stdout.close()


def test_the_lock_in_one_process_and_the_session_mark(tmp_path: Path) -> None:
    root = tmp_path / "data"
    assert not lock_held_by_another(root), "no lock file: nobody holds it (and none is made)"
    assert not root.exists()
    with InstanceLock(root) as first:
        assert first.acquire() and first.held
        assert lock_held_by_another(root)
        assert not InstanceLock(root).acquire()
        first.begin_session()
        assert (root / "sre-workshop.open").read_text("utf-8").startswith("pid ")
        first.end_session()
        assert not (root / "sre-workshop.open").exists()
    assert not lock_held_by_another(root)


def test_cli_refuses_a_backup_that_fails_its_check_and_lists_it_as_such(
    isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = populate(isolated_data_dir)
    backup.write_bytes(b"\x00" * 8192)
    database = DataPaths(isolated_data_dir).database
    code, out = run_cli(isolated_data_dir, "backups", "list")
    assert code == 0 and "cannot be restored" in out
    before = database.read_bytes()
    code, _ = run_cli(isolated_data_dir, "backups", "restore", backup.name)
    assert code == 1
    assert "cannot be restored. Nothing was changed." in capsys.readouterr().err
    assert database.read_bytes() == before
