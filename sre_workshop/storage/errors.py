"""Storage errors a coach can act on, told apart from bugs.

``translate_errors`` turns sqlite3's exceptions into these by SQLite's result code, so the UI and
the CLI can say "the disk is full" rather than show a traceback.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sre_workshop.storage.health import HealthReport

# SQLite primary result codes (https://sqlite.org/rescode.html).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


class StorageError(Exception):
    """A problem with the database that the user can understand and act on."""


class DiskFullError(StorageError):
    pass


class ReadOnlyError(StorageError):
    pass


class CorruptDatabaseError(StorageError):
    pass


class DamagedDatabaseError(CorruptDatabaseError):
    """Found damaged before anything was written to it; ``report`` says how."""

    def __init__(self, report: HealthReport) -> None:
        self.report = report
        super().__init__(
            f"{report.describe()} Nothing was written to it. Start SRE Workshop to move it aside "
            "and restore a backup, or run `sre-workshop-cli check` to see what can be done."
        )


class DatabaseBusyError(StorageError):
    pass


class CannotOpenError(StorageError):
    pass


class NewerDatabaseError(StorageError):
    """The database was written by a newer SRE Workshop; this version must not write to it."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path, self.found, self.supported = path, found, supported
        super().__init__(
            f"{path} has schema version {found}, but this SRE Workshop supports up to "
            f"version {supported}. Update SRE Workshop to open it; the file was not changed."
        )


class NotFoundError(StorageError, KeyError):
    """A team, assessment or other record that does not exist (any more)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not found"


def storage_error_for(exc: sqlite3.Error, path: Path) -> StorageError | None:
    """The user-facing error for a sqlite3 exception, or None if it is a bug."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc)
    if primary == _SQLITE_FULL or "disk is full" in text:
        return DiskFullError(f"The disk holding {path} is full; the last change was not saved.")
    if primary in (_SQLITE_READONLY, _SQLITE_PERM) or "readonly" in text:
        return ReadOnlyError(
            f"{path} cannot be written (read-only file or folder); the last change was not saved."
        )
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text:
        return CorruptDatabaseError(f"{path} is damaged or is not an SRE Workshop database.")
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return DatabaseBusyError(f"{path} is in use by another program; try again.")
    if primary == _SQLITE_CANTOPEN:
        return CannotOpenError(f"{path} cannot be opened (missing folder or no permission).")
    if primary == _SQLITE_IOERR:
        return StorageError(f"Reading or writing {path} failed ({text}).")
    return None


@contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """Re-raise sqlite3 errors the user can act on as StorageError subclasses."""
    try:
        yield
    except sqlite3.Error as exc:
        translated = storage_error_for(exc, path)
        if translated is None:
            raise
        raise translated from exc
