"""Backup copies of the live database under ``<data>/backups/`` (online backup API only)."""

from __future__ import annotations

import re
from pathlib import Path

from sre_workshop.storage.connection import Database, utc_stamp

_REASON = re.compile(r"[^a-z0-9-]+")


def backup_path(backups_dir: Path, reason: str) -> Path:
    """A new, unique backup file name that says when and why it was taken."""
    slug = _REASON.sub("-", reason.lower()).strip("-") or "backup"
    return backups_dir / f"sre-workshop-{utc_stamp()}-{slug}.sqlite3"


def make_backup(database: Database, backups_dir: Path, reason: str) -> Path:
    """Take an online backup of ``database`` before a risky change (import, delete...)."""
    return database.backup_to(backup_path(backups_dir, reason))


def list_backups(backups_dir: Path) -> tuple[Path, ...]:
    """Backup files, newest first."""
    if not backups_dir.is_dir():
        return ()
    return tuple(sorted(backups_dir.glob("sre-workshop-*.sqlite3"), reverse=True))
