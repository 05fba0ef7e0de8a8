"""Where SRE Workshop keeps its files: one data folder holding the database, backups and more.

The data folder is the platform's user data folder unless ``--data-dir`` or the
``SRE_WORKSHOP_DATA_DIR`` environment variable names another (every test does).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "SRE Workshop"
APP_AUTHOR = "SRE Workshop"
DATA_DIR_ENV = "SRE_WORKSHOP_DATA_DIR"
DATABASE_NAME = "sre-workshop.sqlite3"
#: Beside the database: its fingerprint at the last clean exit (:mod:`sre_workshop.storage.seal`).
SEAL_NAME = "sre-workshop.seal"


@dataclass(frozen=True)
class DataPaths:
    """The folders and files under one data folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def seal(self) -> Path:
        """The database's seal: found sound at the last clean exit and unchanged since."""
        return self.root / SEAL_NAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def frameworks(self) -> Path:
        """Coaches drop their own framework files here."""
        return self.root / "frameworks"

    @property
    def default_reports(self) -> Path:
        return self.root / "reports"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def ensure(self) -> DataPaths:
        """Create the folders the app writes into (not the database itself)."""
        for folder in (self.root, self.backups, self.frameworks, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def default_data_dir() -> Path:
    import platformdirs  # only without --data-dir or $SRE_WORKSHOP_DATA_DIR

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=True))


def resolve_data_dir(override: str | os.PathLike[str] | None = None) -> DataPaths:
    """The data folder: the override, else ``$SRE_WORKSHOP_DATA_DIR``, else the platform's."""
    if override:
        return DataPaths(Path(override).expanduser().absolute())
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return DataPaths(Path(from_env).expanduser().absolute())
    return DataPaths(default_data_dir())
