"""Keeping the coach's data: automatic backups, restoring one, and recovering a damaged database.

The app and the command line share these steps, and their words, so they always agree:

* :func:`startup_backup` (run by the app in a worker after its window is shown, on its own
  read-only connection) and :func:`exit_backup` take an online backup when the content
  changed since the newest backup, then thin the old ones.
* :func:`restore_backup` checks a backup in full, keeps the current database aside under
  ``<data>/backups/`` and copies the backup into the live database with the backup API.
* :func:`diagnose` says whether the database is damaged and which backup could replace it;
  :func:`recover` moves the damaged file aside (never deleting or rewriting it) and starts
  a new database, empty or restored from the chosen backup.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from sre_workshop.instance_lock import InstanceLock
from sre_workshop.paths import DataPaths
from sre_workshop.storage import open_database
from sre_workshop.storage.backups import (
    DEFAULT_POLICY,
    REASON_AFTER_START,
    REASON_BEFORE_RESTORE,
    REASON_DAMAGED,
    REASON_ON_EXIT,
    BackupError,
    BackupInfo,
    RetentionPolicy,
    backup_if_changed,
    backup_infos,
    move_aside,
    restore_into,
    thin_backups,
)
from sre_workshop.storage.connection import Database
from sre_workshop.storage.health import (
    BackupCheck,
    Health,
    HealthReport,
    check_backup,
    inspect_database,
)
from sre_workshop.workspace import Workspace, open_workspace

log = logging.getLogger(__name__)


def when(moment: dt.datetime) -> str:
    """A moment in the coach's local time, e.g. "2 March 2026, 10:15"."""
    local = moment.astimezone()
    return f"{local.day} {local:%B %Y, %H:%M}"


def counts(teams: int, assessments: int, joiner: str = " and ") -> str:
    """Counts in words, e.g. "1 team and 3 assessments"."""
    team_word = "team" if teams == 1 else "teams"
    assessment_word = "assessment" if assessments == 1 else "assessments"
    return f"{teams} {team_word}{joiner}{assessments} {assessment_word}"


@dataclass(frozen=True)
class RestoreCandidate:
    """A file that passed the full check and could replace the database."""

    path: Path
    taken_at: dt.datetime
    check: BackupCheck
    #: The backup it is; None for the damaged database itself, intact without its lost log.
    backup: BackupInfo | None

    @property
    def as_found(self) -> bool:
        return self.backup is None

    def describe(self) -> str:
        held = counts(self.check.teams, self.check.assessments, ", ")
        if self.backup is None:
            return (
                f"the database file as it was found, without its lost log (last written "
                f"{when(self.taken_at)}; {held})"
            )
        return (
            f"the backup of {when(self.taken_at)} ({self.backup.reason_words}; {held}; "
            f"ID {self.backup.id})"
        )


def candidate_for(backup: BackupInfo) -> RestoreCandidate:
    """``backup`` as a candidate after its full check; BackupError when it fails."""
    checked = check_backup(backup.path)
    if not checked.usable:
        raise BackupError(
            f"The backup {backup.id} {checked.problem}; it cannot be restored. Nothing was changed."
        )
    return RestoreCandidate(backup.path, backup.taken_at, checked, backup)


def newest_restorable(backups_dir: Path) -> RestoreCandidate | None:
    """The newest backup that passes the full check (files kept aside included)."""
    for info in backup_infos(backups_dir):
        checked = check_backup(info.path)
        if checked.usable:
            return RestoreCandidate(info.path, info.taken_at, checked, info)
        log.info("backup %s is not restorable: %s", info.path.name, checked.problem)
    return None


@dataclass(frozen=True)
class Damage:
    """A damaged database and what could replace it."""

    report: HealthReport
    candidate: RestoreCandidate | None
    backups_dir: Path

    def what_happened(self) -> str:
        """What is wrong, in plain words, for the dialog and ``check``."""
        return (
            f"{self.report.describe()} Nothing has been written to it, and it will not be deleted."
        )

    def what_the_app_does(self) -> str:
        aside = (
            f"SRE Workshop moves it (with its -wal and -shm files) into {self.backups_dir} under "
            "a time-stamped name, where it stays"
        )
        if self.candidate is None:
            return (
                f"{aside}, and starts with an empty database: no backup passes the check. "
                "It asks first, and you can quit instead."
            )
        return (
            f"{aside}, and offers to restore {self.candidate.describe()} — the newest that "
            "passes the check — or to start with an empty database. It asks first, and you can "
            "quit instead."
        )


def _candidate_for_damage(report: HealthReport, backups_dir: Path) -> RestoreCandidate | None:
    newest = newest_restorable(backups_dir)
    if report.wal_missing and report.intact_without_wal:
        # The file as found holds everything up to its last checkpoint: offer it unless a
        # backup was taken after it was last written.
        written = dt.datetime.fromtimestamp(report.path.stat().st_mtime, dt.UTC)
        if newest is None or newest.taken_at < written:
            checked = check_backup(report.path)
            if checked.usable:
                return RestoreCandidate(report.path, written, checked, None)
    return newest


def damage_of(report: HealthReport, paths: DataPaths) -> Damage:
    """The :class:`Damage` for a report of a damaged database, with its best replacement."""
    return Damage(report, _candidate_for_damage(report, paths.backups), paths.backups)


def diagnose(
    paths: DataPaths, *, full: bool = True, unclean: bool = False, live: bool = False
) -> Damage | None:
    """The damage of the database in ``paths``, or None when it is sound, missing or newer."""
    report = inspect_database(paths.database, full=full, unclean=unclean, live=live)
    if report.state is not Health.DAMAGED:
        return None
    return damage_of(report, paths)


@dataclass(frozen=True)
class Recovery:
    workspace: Workspace
    #: Where the damaged file went.
    kept_at: Path
    restored: RestoreCandidate | None


def recover(
    paths: DataPaths,
    damage: Damage,
    restore: RestoreCandidate | None,
    *,
    lock: InstanceLock | None = None,
) -> Recovery:
    """Move the damaged database aside and open a new one, restored from ``restore`` if given.

    The damaged file is renamed into the backups folder, never deleted or rewritten, and its
    seal (:mod:`sre_workshop.storage.seal`) is removed, so it can never vouch for the new
    file. A ``restore`` that is the damaged file itself (``as_found``) is restored from where
    it went.
    """
    reason = REASON_DAMAGED + ("-missing-wal" if damage.report.wal_missing else "")
    kept_at = move_aside(paths.database, paths.backups, reason)
    workspace = open_workspace(paths.root, lock=lock)
    try:
        if restore is not None:
            source = kept_at if restore.as_found else restore.path
            restore_into(workspace.database, source, paths.backups)
            workspace.forget_cached_frameworks()
    except BaseException:
        workspace.close()
        raise
    log.warning("recovered %s: kept at %s, restored %s", paths.database, kept_at, restore)
    return Recovery(workspace, kept_at, restore)


# --- restore -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreResult:
    restored: RestoreCandidate
    #: Where the data the coach had before went (None when the database was empty).
    kept_at: Path | None

    def summary(self) -> str:
        text = f"Restored {self.restored.describe()}."
        if self.kept_at is not None:
            text += f" The data you had is kept as {self.kept_at.name}; restore it to go back."
        return text


def _has_content(database: Database) -> bool:
    rows = database.query(
        "SELECT (SELECT count(*) FROM teams) + (SELECT count(*) FROM settings)"
        " + (SELECT count(*) FROM frameworks)"
    )
    return bool(rows[0][0])


def restore_backup(workspace: Workspace, backup: BackupInfo) -> RestoreResult:
    """Replace the workspace's data with ``backup``, keeping the current data aside first.

    Refused (BackupError, nothing changed) when the workspace is read-only or the backup fails
    its full check. The caller shows the data again afterwards (views hold old objects).
    """
    if workspace.read_only:
        raise BackupError(
            f"{workspace.database.path} is open read-only; nothing can be restored into it."
        )
    candidate = candidate_for(backup)
    kept_at = workspace.backup(REASON_BEFORE_RESTORE) if _has_content(workspace.database) else None
    restore_into(workspace.database, backup.path, workspace.paths.backups)
    workspace.forget_cached_frameworks()
    return RestoreResult(candidate, kept_at)


# --- automatic backups -------------------------------------------------------------------------


@dataclass(frozen=True)
class Maintenance:
    backup: Path | None
    removed: tuple[Path, ...]


def startup_backup(paths: DataPaths, policy: RetentionPolicy = DEFAULT_POLICY) -> Maintenance:
    """The start-up backup, on a connection of its own (call it from a worker thread)."""
    database = open_database(paths.database, backups_dir=paths.backups, read_only=True)
    try:
        taken = backup_if_changed(database, paths.backups, REASON_AFTER_START)
    finally:
        database.close()
    removed = thin_backups(paths.backups, policy)
    return Maintenance(taken, tuple(removed))


def exit_backup(workspace: Workspace, policy: RetentionPolicy = DEFAULT_POLICY) -> Maintenance:
    """The backup on a clean exit, when anything changed since the newest backup."""
    if workspace.read_only:
        return Maintenance(None, ())
    taken = backup_if_changed(workspace.database, workspace.paths.backups, REASON_ON_EXIT)
    removed = thin_backups(workspace.paths.backups, policy)
    return Maintenance(taken, tuple(removed))
