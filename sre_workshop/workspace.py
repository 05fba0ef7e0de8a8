"""The composition of one data folder: its database, repository and frameworks.

The command line and the desktop app both start by opening a :class:`Workspace`; everything they
do goes through it, so they always agree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sre_workshop.framework import FrameworkError, FrameworkRegistry, load_registry
from sre_workshop.model import Assessment, Framework, FrameworkRef
from sre_workshop.paths import DataPaths, resolve_data_dir
from sre_workshop.storage import Database, Repository, make_backup, open_database


@dataclass
class Workspace:
    paths: DataPaths
    database: Database
    repository: Repository
    #: Built-in frameworks and the coach's own files from ``<data>/frameworks/``.
    frameworks: FrameworkRegistry
    framework_problems: tuple[FrameworkError, ...] = ()
    _snapshots: dict[FrameworkRef, Framework] = field(default_factory=dict)

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
) -> Workspace:
    """Open the data folder (``--data-dir``, ``$SRE_WORKSHOP_DATA_DIR`` or the platform's)."""
    paths = resolve_data_dir(data_dir)
    if not read_only:
        paths.ensure()
    database = open_database(
        paths.database,
        backups_dir=paths.backups,
        read_only=read_only,
        allow_newer_read_only=allow_newer_read_only,
    )
    registry, problems = load_registry(paths.frameworks if paths.frameworks.is_dir() else None)
    return Workspace(paths, database, Repository(database), registry, problems)
