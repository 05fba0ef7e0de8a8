"""The seal: a database found sound at a clean exit, and unchanged since, is not checked again.

The clean exit is played here the way ``AppController.shutdown`` does it (quick check on the
live connection, close, seal); ``tests/ui/test_durability.py`` drives the app itself. Every
change to the file between sessions, and every sign that the file may hold more than it did
(a log, a journal, an unclean exit, another instance), makes the real check run and find the
damage; a missing, broken or foreign seal is simply ignored.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import sre_workshop.storage.health as health_module
import sre_workshop.workspace as workspace_module
from sre_workshop import cli
from sre_workshop.instance_lock import InstanceLock, marker_path
from sre_workshop.paths import DataPaths
from sre_workshop.recovery import diagnose, recover, restore_backup
from sre_workshop.storage import NewerDatabaseError, open_database, schema_version
from sre_workshop.storage.backups import backup_infos, move_aside
from sre_workshop.storage.errors import DamagedDatabaseError
from sre_workshop.storage.health import Health
from sre_workshop.storage.seal import (
    FINE_MARGIN_NS,
    Seal,
    fingerprint_of,
    quick_check_passes,
    read_seal,
    seal_closed_database,
    seal_path_for,
    sealed_report,
)
from sre_workshop.workflows import create_team
from sre_workshop.workspace import open_workspace
from tests.core.damage_cases import DAMAGE, PAGE, killed_with_changes_in_the_log, populate


def clean_exit(data_dir: Path, *, edit: str | None = None) -> Seal | None:
    """Open for writing, optionally edit, then exit as the app does: check, close, seal."""
    workspace = open_workspace(data_dir)
    if edit is not None:
        create_team(workspace, edit)
    passed = quick_check_passes(workspace.database)
    workspace.close()
    return seal_closed_database(workspace.paths.database, passed=passed)


@pytest.fixture
def sealed(isolated_data_dir: Path) -> Path:
    """Two teams and a good backup, closed cleanly by a session that wrote something."""
    populate(isolated_data_dir)
    assert clean_exit(isolated_data_dir, edit="Written in the last session") is not None
    return isolated_data_dir


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """Every SQLite check ``open_workspace`` asks for, with its arguments."""
    seen: list[dict[str, object]] = []
    real: Callable[..., object] = workspace_module.inspect_database

    def spy(path: Path, **kwargs: object) -> object:
        seen.append(kwargs)
        return real(path, **kwargs)

    monkeypatch.setattr(workspace_module, "inspect_database", spy)
    return seen


@pytest.fixture
def sqlite_checks(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every run of SQLite's ``quick_check``/``integrity_check`` by the health module."""
    seen: list[bool] = []
    real = health_module._run_check

    def spy(connection: sqlite3.Connection, *, full: bool) -> list[str]:
        seen.append(full)
        return real(connection, full=full)

    monkeypatch.setattr(health_module, "_run_check", spy)
    return seen


def flip_a_middle_page(database: Path) -> None:
    """Damage a page in the middle of the file in place, keeping its size."""
    with database.open("r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        start = (size // PAGE // 2) * PAGE
        handle.seek(start)
        page = bytearray(handle.read(PAGE))
        for offset in range(8):
            page[offset] ^= 0xFF
        handle.seek(start)
        handle.write(bytes(page))


def forge_seal(database: Path, *, vouches: bool = True) -> None:
    """A seal that vouches for the file as it is now, as if the change had not been seen
    (bit rot below the file system, or a change in the same time-stamp tick)."""
    found = fingerprint_of(database)
    assert found is not None
    version = int.from_bytes(found[1][60:64], "big")
    seal = Seal(database.name, found[0], version, time.time_ns() + 10 * FINE_MARGIN_NS)
    seal_path_for(database).write_text(seal.to_json(), "utf-8")
    assert (sealed_report(database) is not None) is vouches


def test_a_clean_exit_seals_the_file_as_it_was_closed(sealed: Path) -> None:
    paths = DataPaths(sealed)
    seal = read_seal(paths.seal)
    assert seal is not None and paths.seal == seal_path_for(paths.database)
    found = fingerprint_of(paths.database)
    assert found is not None and seal.fingerprint == found[0]
    assert seal.database == "sre-workshop.sqlite3"
    assert seal.schema_version == schema_version()
    assert not any(paths.root.glob("sre-workshop.sqlite3-*")), "closing removed the log"
    # The fingerprint was taken only once the clock was past the last change by the margin.
    newest = max(seal.fingerprint.mtime_ns, seal.fingerprint.ctime_ns)
    assert seal.sealed_at_ns > newest + FINE_MARGIN_NS
    content = json.loads(paths.seal.read_text("utf-8"))
    assert content["kind"] == "SRE Workshop database seal" and content["sealed_at"]


def test_a_start_after_a_sealed_clean_exit_skips_the_check_and_consumes_the_seal(
    sealed: Path, checks: list[dict[str, object]], sqlite_checks: list[bool]
) -> None:
    paths = DataPaths(sealed)
    workspace = open_workspace(sealed)
    try:
        assert checks == [] and sqlite_checks == []
        assert workspace.health is not None and workspace.health.sealed
        assert workspace.health.state is Health.OK
        assert workspace.health.schema_version == schema_version()
        assert "unchanged since it passed the quick check" in workspace.health.describe()
        assert len(workspace.repository.list_teams()) == 3
        assert not paths.seal.exists(), "opening for writing consumes the seal"
    finally:
        workspace.close()
    # Closed without the app's clean exit (no seal): the next start checks again.
    open_workspace(sealed).close()
    assert len(checks) == 1 and sqlite_checks == [False]


def test_a_sealed_database_of_a_newer_version_is_still_recognised(
    isolated_data_dir: Path, checks: list[dict[str, object]]
) -> None:
    populate(isolated_data_dir)
    paths = DataPaths(isolated_data_dir)
    connection = sqlite3.connect(paths.database)
    connection.execute(f"PRAGMA user_version = {schema_version() + 1}")
    connection.commit()
    connection.close()
    time.sleep(2 * FINE_MARGIN_NS / 1e9)
    checks.clear()  # populate's own
    # As a newer SRE Workshop's clean exit would leave it.
    assert seal_closed_database(paths.database, passed=True) is not None
    report = sealed_report(paths.database)
    assert report is not None and report.state is Health.NEWER
    assert report.schema_version == schema_version() + 1
    with pytest.raises(NewerDatabaseError):
        open_workspace(isolated_data_dir)
    workspace = open_workspace(isolated_data_dir, allow_newer_read_only=True)
    try:
        assert workspace.read_only
    finally:
        workspace.close()
    assert checks == []
    assert paths.seal.exists(), "a newer database is never written, its seal neither"


def _flip_keeping_size_and_mtime(database: Path) -> None:
    before = database.stat()
    flip_a_middle_page(database)
    os.utime(database, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert database.stat().st_size == before.st_size


def _truncate(database: Path) -> None:
    with database.open("r+b") as handle:
        handle.truncate(database.stat().st_size - PAGE)


def _replace_with_a_damaged_copy(database: Path) -> None:
    before = database.stat()
    copy = database.with_name("copy.sqlite3")
    shutil.copy2(database, copy)
    flip_a_middle_page(copy)
    os.utime(copy, ns=(before.st_atime_ns, before.st_mtime_ns))
    copy.replace(database)
    assert database.stat().st_ino != before.st_ino


CHANGES: dict[str, Callable[[Path], None]] = {
    "a byte flipped in the middle, size and mtime kept": _flip_keeping_size_and_mtime,
    "truncated": _truncate,
    "replaced by a damaged file (another inode)": _replace_with_a_damaged_copy,
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_change_to_the_file_makes_the_check_run_and_find_the_damage(
    sealed: Path, change: str, checks: list[dict[str, object]]
) -> None:
    database = DataPaths(sealed).database
    CHANGES[change](database)  # right after the clean exit
    assert sealed_report(database) is None, change
    with pytest.raises(DamagedDatabaseError):
        open_workspace(sealed)
    assert len(checks) == 1, change


def _wal_beside(data_dir: Path) -> None:
    (data_dir / "sre-workshop.sqlite3-wal").write_bytes(b"")


def _shm_beside(data_dir: Path) -> None:
    (data_dir / "sre-workshop.sqlite3-shm").write_bytes(b"")


def _journal_beside(data_dir: Path) -> None:
    (data_dir / "sre-workshop.sqlite3-journal").write_bytes(b"")


def _unclean_exit(data_dir: Path) -> None:
    marker_path(data_dir).write_text("pid 1\n", "utf-8")


SIGNS: dict[str, Callable[[Path], None]] = {
    "a -wal beside it": _wal_beside,
    "a -shm beside it": _shm_beside,
    "a -journal beside it": _journal_beside,
    "an unclean exit marker": _unclean_exit,
}


@pytest.mark.parametrize("sign", sorted(SIGNS))
def test_a_log_or_an_unclean_exit_makes_the_check_run_even_with_a_matching_seal(
    sealed: Path, sign: str, checks: list[dict[str, object]]
) -> None:
    database = DataPaths(sealed).database
    flip_a_middle_page(database)
    forge_seal(database)  # the seal vouches for the damaged file, as bit rot would leave it
    SIGNS[sign](sealed)
    with pytest.raises(DamagedDatabaseError):
        open_workspace(sealed)
    assert len(checks) == 1, sign
    if sign == "an unclean exit marker":
        assert checks[0]["full"] is True


def test_another_instance_holding_the_folder_makes_the_check_run(
    sealed: Path, checks: list[dict[str, object]]
) -> None:
    with InstanceLock(sealed) as lock:
        assert lock.acquire()
        open_workspace(sealed, read_only=False).close()  # as a command beside the app
    assert len(checks) == 1 and checks[0]["live"] is True


def test_a_change_that_kept_the_fingerprint_is_still_refused_without_the_seal(
    sealed: Path,
) -> None:
    """What the seal cannot see, the check sees: without the seal the damage is found."""
    database = DataPaths(sealed).database
    flip_a_middle_page(database)
    forge_seal(database)
    seal_path_for(database).unlink()
    with pytest.raises(DamagedDatabaseError):
        open_workspace(sealed)


def _rewrite(data_dir: Path, change: Callable[[dict[str, object]], object]) -> None:
    path = DataPaths(data_dir).seal
    content = json.loads(path.read_text("utf-8"))
    change(content)
    path.write_text(json.dumps(content), "utf-8")


BROKEN_SEALS: dict[str, Callable[[Path], None]] = {
    "garbage": lambda d: DataPaths(d).seal.write_bytes(b"\x00\xffnot json at all"),
    "empty": lambda d: DataPaths(d).seal.write_bytes(b""),
    "cut short": lambda d: DataPaths(d).seal.write_bytes(DataPaths(d).seal.read_bytes()[:80]),
    "a JSON list": lambda d: DataPaths(d).seal.write_text("[1, 2, 3]", "utf-8"),
    "too large": lambda d: DataPaths(d).seal.write_text(" " * 10_000 + "{}", "utf-8"),
    "another kind": lambda d: _rewrite(d, lambda c: c.update(kind="something else")),
    "another format": lambda d: _rewrite(d, lambda c: c.update(format=2)),
    "a field missing": lambda d: _rewrite(d, lambda c: c.pop("inode")),
    "a field of the wrong type": lambda d: _rewrite(d, lambda c: c.update(size="12")),
    "a boolean for a number": lambda d: _rewrite(d, lambda c: c.update(inode=True)),
    "a negative number": lambda d: _rewrite(d, lambda c: c.update(mtime_ns=-1)),
    "another file's name": lambda d: _rewrite(d, lambda c: c.update(database="other.sqlite3")),
    "another header": lambda d: _rewrite(d, lambda c: c.update(header_sha256="0" * 64)),
    "another schema version": lambda d: _rewrite(d, lambda c: c.update(schema_version=999)),
    "a folder": lambda d: (DataPaths(d).seal.unlink(), DataPaths(d).seal.mkdir()),
    "taken in the same tick as the last change": lambda d: _rewrite(
        d, lambda c: c.update(sealed_at_ns=int(str(c["mtime_ns"])) + 1)
    ),
}


@pytest.mark.parametrize("broken", sorted(BROKEN_SEALS))
def test_a_broken_or_foreign_seal_is_ignored(
    sealed: Path, broken: str, checks: list[dict[str, object]]
) -> None:
    BROKEN_SEALS[broken](sealed)
    assert sealed_report(DataPaths(sealed).database) is None, broken
    workspace = open_workspace(sealed)
    try:
        assert len(checks) == 1, broken
        assert workspace.health is not None and not workspace.health.sealed
        assert len(workspace.repository.list_teams()) == 3
    finally:
        workspace.close()


def test_a_seal_from_another_data_folder_is_ignored(
    sealed: Path, tmp_path: Path, checks: list[dict[str, object]]
) -> None:
    other = tmp_path / "copy"
    shutil.copytree(sealed, other)  # copy2: the same bytes and mtime, another inode
    assert (other / "sre-workshop.seal").exists()
    assert sealed_report(DataPaths(other).database) is None
    open_workspace(other).close()
    assert len(checks) == 1


def test_no_seal_when_the_quick_check_fails_at_exit(sealed: Path) -> None:
    paths = DataPaths(sealed)
    assert paths.seal.exists()
    flip_a_middle_page(paths.database)
    database = open_database(paths.database, backups_dir=paths.backups)  # no check: a session
    passed = quick_check_passes(database)
    database.close()
    assert not passed
    assert seal_closed_database(paths.database, passed=passed) is None
    assert not paths.seal.exists(), "an old seal is removed too"
    with pytest.raises(DamagedDatabaseError):
        open_workspace(sealed)


def test_no_seal_while_a_log_is_left_or_for_what_is_not_a_database(
    isolated_data_dir: Path,
) -> None:
    populate(isolated_data_dir)
    paths = DataPaths(isolated_data_dir)
    killed_with_changes_in_the_log(isolated_data_dir)
    assert seal_closed_database(paths.database, passed=True) is None
    assert not paths.seal.exists()
    DAMAGE["garbage"](isolated_data_dir)
    for companion in paths.root.glob("sre-workshop.sqlite3-*"):
        companion.unlink()
    assert seal_closed_database(paths.database, passed=True) is None
    assert not paths.seal.exists()


def test_sealing_never_fails_the_exit(sealed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sre_workshop.storage.seal as seal_module

    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(seal_module, "write_text_atomically", fail)
    database = DataPaths(sealed).database
    open_workspace(sealed).close()
    assert seal_closed_database(database, passed=True) is None
    assert not DataPaths(sealed).seal.exists()


def test_moving_aside_restoring_and_recovering_remove_the_seal(sealed: Path) -> None:
    paths = DataPaths(sealed)
    move_aside(paths.database, paths.backups, "by-hand-test")
    assert not paths.seal.exists()
    # Restore into an open workspace: the seal (made again here by hand) goes first.
    clean_exit(sealed)
    workspace = open_workspace(sealed)
    try:
        forge_seal(paths.database, vouches=False)  # the open session's -wal is beside it
        restore_backup(workspace, backup_infos(paths.backups)[-1])
        assert not paths.seal.exists()
    finally:
        workspace.close()
    # Recovery moves the damaged file aside with its seal.
    flip_a_middle_page(paths.database)
    forge_seal(paths.database)
    paths.seal.with_name("sre-workshop.sqlite3-wal").write_bytes(b"")  # so the check runs
    damage = diagnose(paths)
    assert damage is not None
    recovery = recover(paths, damage, damage.candidate)
    recovery.workspace.close()
    assert not paths.seal.exists()


def test_cli_check_always_runs_the_real_check_and_drops_a_seal_on_damage(
    sealed: Path, sqlite_checks: list[bool], capsys: pytest.CaptureFixture[str]
) -> None:
    paths = DataPaths(sealed)
    out = io.StringIO()
    assert cli.main(["--data-dir", str(sealed), "check"], out=out) == 0
    assert sqlite_checks == [True]
    assert "integrity check passed" in out.getvalue()
    assert paths.seal.exists(), "check leaves a good seal alone"
    flip_a_middle_page(paths.database)
    forge_seal(paths.database)
    assert cli.main(["--data-dir", str(sealed), "check"], out=io.StringIO()) == 1
    assert "is damaged" in capsys.readouterr().err
    assert not paths.seal.exists(), "so the app runs its own check at the next start"
