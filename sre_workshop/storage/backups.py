"""Backup copies of the live database under ``<data>/backups/`` (online backup API only).

Every copy is written by SQLite's online backup API into a temporary file that is fsynced and
renamed (:meth:`Database.backup_to`), never by copying the live file. A backup's file name says
when and why it was taken, ``sre-workshop-20260302T101500123456Z-before-import.sqlite3``; the
time stamp (UTC) is its ID on the command line.

Backups are thinned by :func:`thin_backups` (the last 10, then the newest of each day for 14
days and of each week for 8 weeks, under a size cap) except the kinds that are never removed
automatically: the copy before a migration, the database kept aside before a restore, and a
damaged file moved aside. :func:`restore_into` copies a checked backup back into the live
database through the backup API; :func:`move_aside` moves a damaged database out of the way
without deleting or rewriting a byte of it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sre_workshop.storage.connection import (
    Database,
    bundled_migrations,
    migrate,
    utc_stamp,
)
from sre_workshop.storage.errors import StorageError, translate_errors
from sre_workshop.storage.health import check_backup, connect_for_check, open_for_check
from sre_workshop.storage.seal import remove_seal

log = logging.getLogger(__name__)

_REASON = re.compile(r"[^a-z0-9-]+")
_NAME = re.compile(r"^sre-workshop-(\d{8}T\d{6}\d{0,6}Z)-([a-z0-9-]+)\.sqlite3$")

#: Reasons (by prefix) whose backups are never thinned automatically.
PROTECTED_REASONS = ("before-migration", "before-restore", "damaged")
#: The automatic backups taken when the app starts and when it closes.
REASON_AFTER_START = "after-start"
REASON_ON_EXIT = "on-exit"
REASON_BEFORE_RESTORE = "before-restore"
REASON_DAMAGED = "damaged"

_REASON_WORDS = {
    REASON_AFTER_START: "after start-up",
    REASON_ON_EXIT: "on exit",
    "before-import": "before an import",
    "before-deleting-team": "before deleting a team",
    "before-deleting-assessment": "before deleting an assessment",
    "before-removing-demo": "before removing the demo team",
    REASON_BEFORE_RESTORE: "the data kept aside before a restore",
    REASON_DAMAGED: "a damaged database moved aside",
    "damaged-missing-wal": "a database moved aside without its log",
    "by-hand": "taken by hand",
}


class BackupError(StorageError):
    """A backup cannot be found, read or restored."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, known from its name (nothing is read from inside it)."""

    path: Path
    id: str
    taken_at: dt.datetime
    reason: str
    size: int

    @property
    def protected(self) -> bool:
        """Never removed by thinning or the size cap."""
        return self.reason.startswith(PROTECTED_REASONS)

    @property
    def reason_words(self) -> str:
        if self.reason in _REASON_WORDS:
            return _REASON_WORDS[self.reason]
        if self.reason.startswith("before-migration"):
            return "before a database upgrade"
        return self.reason.replace("-", " ")


@dataclass(frozen=True)
class RetentionPolicy:
    keep_last: int = 10
    daily_days: int = 14
    weekly_weeks: int = 8
    max_total_bytes: int = 500 * 1024 * 1024


DEFAULT_POLICY = RetentionPolicy()


def backup_path(backups_dir: Path, reason: str) -> Path:
    """A new, unique backup file name that says when and why it was taken."""
    slug = _REASON.sub("-", reason.lower()).strip("-") or "backup"
    return backups_dir / f"sre-workshop-{utc_stamp()}-{slug}.sqlite3"


def make_backup(database: Database, backups_dir: Path, reason: str) -> Path:
    """Take an online backup of ``database`` before a risky change (import, delete...)."""
    return database.backup_to(backup_path(backups_dir, reason))


def list_backups(backups_dir: Path) -> tuple[Path, ...]:
    """Backup files, newest first."""
    return tuple(info.path for info in backup_infos(backups_dir))


def _parse_stamp(stamp: str) -> dt.datetime:
    digits = stamp[:-1]
    seconds, fraction = digits[:15], digits[15:]
    moment = dt.datetime.strptime(seconds, "%Y%m%dT%H%M%S").replace(tzinfo=dt.UTC)
    if fraction:
        moment += dt.timedelta(microseconds=int(fraction.ljust(6, "0")))
    return moment


def _size(path: Path) -> int:
    total = 0
    for suffix in ("", "-wal"):
        with contextlib.suppress(OSError):
            total += path.with_name(path.name + suffix).stat().st_size
    return total


def backup_info(path: Path) -> BackupInfo | None:
    """The backup named ``path``, or None when the name is not a backup's."""
    match = _NAME.match(path.name)
    if match is None or not path.is_file():
        return None
    stamp, reason = match.groups()
    try:
        taken_at = _parse_stamp(stamp)
    except ValueError:
        return None
    return BackupInfo(path, stamp, taken_at, reason, _size(path))


def backup_infos(backups_dir: Path) -> tuple[BackupInfo, ...]:
    """Every backup under ``backups_dir``, newest first."""
    if not backups_dir.is_dir():
        return ()
    found = (backup_info(path) for path in backups_dir.glob("sre-workshop-*.sqlite3"))
    return tuple(sorted((info for info in found if info), key=lambda i: i.id, reverse=True))


def find_backup(backups_dir: Path, wanted: str) -> BackupInfo:
    """The backup whose ID (or file name) is ``wanted`` or starts with it; BackupError else."""
    wanted = wanted.strip()
    infos = backup_infos(backups_dir)
    exact = [info for info in infos if wanted in (info.id, info.path.name, str(info.path))]
    if exact:
        return exact[0]
    matches = [info for info in infos if wanted and info.id.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise BackupError(f"no backup with ID {wanted!r} in {backups_dir}")
    ids = ", ".join(info.id for info in matches[:5])
    raise BackupError(f"{len(matches)} backups start with {wanted!r} ({ids}); give more of the ID")


# --- what changed since the last backup --------------------------------------------------------


def content_fingerprint(connection: sqlite3.Connection) -> str:
    """A digest of every row of every table and the schema version.

    Two databases with the same content have the same fingerprint, whatever their files look
    like (a backup is a page-by-page copy, so rows come out in the same order).
    """
    digest = hashlib.sha256()
    digest.update(repr(connection.execute("PRAGMA user_version").fetchone()[0]).encode())
    names = connection.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name"
    ).fetchall()
    for (name,) in names:
        digest.update(f"\x00table {name}\x00".encode())
        quoted = '"' + str(name).replace('"', '""') + '"'
        # The table name comes from sqlite_schema and is quoted; no user text reaches the SQL.
        for row in connection.execute(f"SELECT * FROM {quoted}"):  # noqa: S608
            digest.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _backup_fingerprint(info: BackupInfo) -> str | None:
    try:
        with open_for_check(info.path) as checked:
            connection = connect_for_check(checked, info.path)
            try:
                return content_fingerprint(connection)
            finally:
                connection.close()
    except (OSError, sqlite3.Error):
        return None


def changed_since_last_backup(database: Database, backups_dir: Path) -> bool:
    """Whether the live content differs from the newest backup's (True when there is none)."""
    candidates = [
        info for info in backup_infos(backups_dir) if not info.reason.startswith(REASON_DAMAGED)
    ]
    if not candidates:
        return True
    with translate_errors(database.path):
        live = content_fingerprint(database.connection)
    return _backup_fingerprint(candidates[0]) != live


def backup_if_changed(database: Database, backups_dir: Path, reason: str) -> Path | None:
    """An online backup when the content changed since the newest backup; else None."""
    if not changed_since_last_backup(database, backups_dir):
        return None
    return make_backup(database, backups_dir, reason)


# --- thinning ----------------------------------------------------------------------------------


def backups_to_thin(
    backups: Sequence[BackupInfo], now: dt.datetime, policy: RetentionPolicy = DEFAULT_POLICY
) -> list[BackupInfo]:
    """The backups the policy lets go, oldest first (protected kinds never)."""
    thinnable = sorted(
        (info for info in backups if not info.protected), key=lambda i: i.id, reverse=True
    )
    keep: set[str] = set()
    days: set[dt.date] = set()
    weeks: set[tuple[int, int]] = set()

    def remember(info: BackupInfo) -> None:
        keep.add(info.id)
        days.add(info.taken_at.date())
        weeks.add(info.taken_at.isocalendar()[:2])

    for position, info in enumerate(thinnable):
        age = now - info.taken_at
        day, week = info.taken_at.date(), info.taken_at.isocalendar()[:2]
        if (
            position < policy.keep_last
            or (age <= dt.timedelta(days=policy.daily_days) and day not in days)
            or (age <= dt.timedelta(weeks=policy.weekly_weeks) and week not in weeks)
        ):
            remember(info)
    total = sum(info.size for info in backups)
    dropped = [info for info in thinnable if info.id not in keep]
    total -= sum(info.size for info in dropped)
    # The size cap takes the oldest kept ones next, never the newest backup.
    for info in reversed(thinnable[1:]):
        if total <= policy.max_total_bytes:
            break
        if info.id in keep:
            keep.discard(info.id)
            dropped.append(info)
            total -= info.size
    return sorted(dropped, key=lambda i: i.id)


def _remove(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        log.warning("could not remove the old backup %s: %s", path, exc)
        return False
    return True


def thin_backups(
    backups_dir: Path,
    policy: RetentionPolicy = DEFAULT_POLICY,
    now: dt.datetime | None = None,
) -> list[Path]:
    """Remove the backups the policy lets go and stale partial files; returns what went."""
    now = now or dt.datetime.now(dt.UTC)
    removed = []
    for info in backups_to_thin(backup_infos(backups_dir), now, policy):
        if _remove(info.path):
            removed.append(info.path)
            _remove(info.path.with_name(info.path.name + "-wal"))
    # A backup interrupted by a crash leaves a ".partial" file: never a usable backup.
    if backups_dir.is_dir():
        for partial in backups_dir.glob("sre-workshop-*.partial"):
            with contextlib.suppress(OSError):
                age = now.timestamp() - partial.stat().st_mtime
                if age > 3600 and _remove(partial):
                    removed.append(partial)
    if removed:
        log.info("thinned %d old backup file(s) in %s", len(removed), backups_dir)
    return removed


# --- restoring and moving aside ----------------------------------------------------------------


def restore_into(database: Database, backup: Path, backups_dir: Path) -> None:
    """Replace the live database's content with ``backup`` through the online backup API.

    The backup must pass the full check first (BackupError otherwise, nothing changed). An
    older schema is migrated afterwards, as on opening. The caller keeps the current content
    aside before calling this.
    """
    if database.read_only:
        raise BackupError(f"{database.path} is open read-only; nothing was restored.")
    checked = check_backup(backup)
    if not checked.usable:
        raise BackupError(
            f"The backup {backup.name} {checked.problem}; it was not restored and nothing changed."
        )
    # The seal (if any) describes the file being replaced; it must not vouch for the restore.
    remove_seal(database.path)
    with open_for_check(backup) as source_path, translate_errors(database.path):
        source = connect_for_check(source_path, backup)
        try:
            source.backup(database.connection)
        finally:
            source.close()
        mode = database.connection.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("journal mode is %s after a restore of %s", mode, database.path)
        database.connection.execute("PRAGMA foreign_keys=ON")
    found = database.user_version()
    if found < len(bundled_migrations()):
        migrate(database, bundled_migrations(), found, backups_dir)
    log.info("restored %s from %s", database.path, backup)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def move_aside(path: Path, backups_dir: Path, reason: str = REASON_DAMAGED) -> Path:
    """Move the database at ``path`` with its ``-wal``, ``-shm`` and ``-journal`` into
    ``backups_dir`` under a time-stamped name; returns the new path of the main file.

    Nothing is copied, rewritten or deleted: the files are renamed. The companions go first, so
    an interruption can never leave the old log beside a new database.
    """
    backups_dir.mkdir(parents=True, exist_ok=True)
    slug = _REASON.sub("-", reason.lower()).strip("-") or REASON_DAMAGED
    stamp = utc_stamp()
    if path.is_dir():
        target = backups_dir / f"sre-workshop-{stamp}-{slug}-folder"
    else:
        target = backups_dir / f"sre-workshop-{stamp}-{slug}.sqlite3"
    # The seal describes the file that goes: it must never vouch for what comes in its place.
    remove_seal(path)
    try:
        for suffix in ("-shm", "-wal", "-journal"):
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                companion.replace(target.with_name(target.name + suffix))
        if path.exists() or path.is_symlink():
            path.replace(target)
    except OSError as exc:
        raise StorageError(
            f"Could not move {path} aside into {backups_dir}: {exc.strerror}. Nothing was deleted."
        ) from exc
    _fsync_folder(backups_dir)
    _fsync_folder(path.parent)
    log.warning("moved %s aside to %s", path, target)
    return target


__all__ = [
    "DEFAULT_POLICY",
    "PROTECTED_REASONS",
    "BackupError",
    "BackupInfo",
    "RetentionPolicy",
    "backup_if_changed",
    "backup_info",
    "backup_infos",
    "backup_path",
    "backups_to_thin",
    "changed_since_last_backup",
    "content_fingerprint",
    "find_backup",
    "list_backups",
    "make_backup",
    "move_aside",
    "restore_into",
    "thin_backups",
]
