"""The composition of one data folder: its database, repository and frameworks.

The command line and the desktop app both start by opening a :class:`Workspace`; everything they
do goes through it, so they always agree. Opening for writing first checks the database file
without touching it (:mod:`sre_workshop.storage.health`): ``quick_check`` normally, the full
``integrity_check`` when the last app session ended uncleanly. A damaged file raises
:class:`~sre_workshop.storage.errors.DamagedDatabaseError` before a byte is written to it.
The check is skipped only when the file is exactly as it was when it passed the quick check
at the app's last clean exit (:mod:`sre_workshop.storage.seal`); opening for writing then
removes that seal, so it vouches for one start at most.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sre_workshop.framework import FrameworkError, FrameworkRegistry, load_registry
from sre_workshop.instance_lock import (
    InstanceLock,
    clear_unclean_marker,
    lock_held_by_another,
    previous_session_unclean,
)
from sre_workshop.model import Assessment, Framework, FrameworkRef
from sre_workshop.paths import DataPaths, resolve_data_dir
from sre_workshop.storage import (
    Database,
    Repository,
    make_backup,
    open_database,
    schema_version,
)
from sre_workshop.storage.errors import DamagedDatabaseError
from sre_workshop.storage.health import Health, HealthReport, inspect_database
from sre_workshop.storage.seal import remove_seal, sealed_report

#: Why a workspace is read-only, in words for a banner.
READ_ONLY_NEWER = (
    "This database was written by a newer SRE Workshop, so it is open read-only: you can look "
    "at everything, but nothing you change is saved. Update SRE Workshop to work with it."
)
READ_ONLY_OTHER_INSTANCE = (
    "SRE Workshop is already open on this data folder, so this window is read-only: nothing "
    "you change here is saved, and the two windows can never overwrite each other's edits."
)
READ_ONLY_REQUESTED = "This data folder is open read-only: nothing you change is saved."


@dataclass
class Workspace:
    paths: DataPaths
    database: Database
    repository: Repository
    #: Built-in frameworks and the coach's own files from ``<data>/frameworks/``.
    frameworks: FrameworkRegistry
    framework_problems: tuple[FrameworkError, ...] = ()
    _snapshots: dict[FrameworkRef, Framework] = field(default_factory=dict)
    #: Why the workspace is read-only (one of the ``READ_ONLY_*`` texts), else "".
    read_only_reason: str = ""
    #: What the check before opening for writing found (None when opened read-only).
    health: HealthReport | None = None

    @property
    def read_only(self) -> bool:
        return self.database.read_only

    def framework(self, ref: FrameworkRef) -> Framework:
        """The framework an assessment used: the stored snapshot, else a loaded file."""
        if not self._snapshots:
            self._snapshots.update(
                (stored.ref, stored) for stored in self.repository.stored_frameworks()
            )
        snapshot = self._snapshots.get(ref)
        if snapshot is not None:
            return snapshot
        found = self.frameworks.find(ref)
        if found is None:
            raise KeyError(f"framework {ref} is neither stored nor installed")
        return found

    def framework_for(self, assessment: Assessment) -> Framework:
        return self.framework(assessment.framework)

    def forget_cached_frameworks(self) -> None:
        """Call after an import stored new framework snapshots."""
        self._snapshots.clear()

    def backup(self, reason: str) -> Path:
        """An online backup of the live database under ``<data>/backups/``."""
        return make_backup(self.database, self.paths.backups, reason)

    @property
    def reports_dir(self) -> Path:
        folder = self.repository.load_settings().reports_folder
        return Path(folder).expanduser() if folder else self.paths.default_reports

    def close(self) -> None:
        self.database.close()


def open_workspace(
    data_dir: str | os.PathLike[str] | None = None,
    *,
    read_only: bool = False,
    allow_newer_read_only: bool = False,
    lock: InstanceLock | None = None,
) -> Workspace:
    """Open the data folder (``--data-dir``, ``$SRE_WORKSHOP_DATA_DIR`` or the platform's).

    Opening for writing checks the database first (see the module docstring) and raises
    DamagedDatabaseError without writing when it fails. ``lock`` is the caller's own
    :class:`InstanceLock` when it holds one (the app), so it is not mistaken for another's.
    """
    paths = resolve_data_dir(data_dir)
    unclean = False
    report: HealthReport | None = None
    if not read_only:
        paths.ensure()
        other = not (lock is not None and lock.held) and lock_held_by_another(paths.root)
        unclean = not other and previous_session_unclean(paths.root)
        if not other and not unclean:
            # Unchanged since it passed the quick check at the last clean exit: header only.
            report = sealed_report(paths.database)
        if report is None:
            report = inspect_database(paths.database, full=unclean, unclean=unclean, live=other)
        if report.state is Health.DAMAGED:
            raise DamagedDatabaseError(report)
        if report.state is not Health.NEWER:
            # About to be written: the seal must never outlive this open. (The session's
            # first writes go to the -wal and leave the main file's time stamps as they were.)
            remove_seal(paths.database)
    database = open_database(
        paths.database,
        backups_dir=paths.backups,
        read_only=read_only,
        allow_newer_read_only=allow_newer_read_only,
    )
    if unclean and not database.read_only:
        # Checked in full and open: SQLite has taken the log in, so the mark has served.
        clear_unclean_marker(paths.root)
    registry, problems = load_registry(paths.frameworks if paths.frameworks.is_dir() else None)
    workspace = Workspace(paths, database, Repository(database), registry, problems)
    workspace.health = report
    if database.read_only:
        newer = database.user_version() > schema_version()
        workspace.read_only_reason = READ_ONLY_NEWER if newer else READ_ONLY_REQUESTED
    return workspace
