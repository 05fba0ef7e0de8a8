"""Opening the one live SQLite database: pragmas, schema migrations, transactions and backups.

Durability choices (see docs/architecture.md): WAL journal with ``synchronous=FULL`` so a commit
survives a power loss, foreign keys enforced, every write in an explicit ``BEGIN IMMEDIATE``
transaction. The schema version lives in ``PRAGMA user_version``; numbered SQL files in
``migrations/`` are applied one transaction each after an online backup of the old file.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sre_workshop.storage.errors import (
    NewerDatabaseError,
    StorageError,
    storage_error_for,
    translate_errors,
)

log = logging.getLogger(__name__)

_MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def bundled_migrations() -> tuple[Migration, ...]:
    """The numbered migration files shipped with the package, in order."""
    migrations = []
    for path in sorted(_MIGRATIONS_DIR.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if match is None:
            raise RuntimeError(f"badly named migration file {path.name}")
        migrations.append(Migration(int(match.group(1)), path.stem, path.read_text("utf-8")))
    versions = [migration.version for migration in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migration numbers must run 1, 2, 3...; found {versions}")
    return tuple(migrations)


def schema_version() -> int:
    """The schema version this code writes."""
    return len(bundled_migrations())


def utc_stamp() -> str:
    """A file-name-safe UTC time stamp, e.g. ``20261128T140501Z``."""
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


class Database:
    """The open database. Use :meth:`transaction` for every write."""

    def __init__(self, connection: sqlite3.Connection, path: Path, *, read_only: bool) -> None:
        self._connection = connection
        self.path = path
        self.read_only = read_only
        self._depth = 0

    @property
    def connection(self) -> sqlite3.Connection:
        return self._connection

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work; nested calls join the outermost transaction."""
        if self.read_only:
            raise StorageError(f"{self.path} is open read-only; changes cannot be saved.")
        with translate_errors(self.path):
            if self._depth:
                self._depth += 1
                try:
                    yield self._connection
                finally:
                    self._depth -= 1
                return
            self._connection.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self._connection
            except BaseException:
                self._depth = 0
                if self._connection.in_transaction:
                    self._connection.execute("ROLLBACK")
                raise
            self._depth = 0
            try:
                self._connection.execute("COMMIT")
            except sqlite3.Error:
                if self._connection.in_transaction:
                    self._connection.execute("ROLLBACK")
                raise

    def query(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        with translate_errors(self.path):
            return self._connection.execute(sql, params).fetchall()

    def backup_to(self, destination: Path) -> Path:
        """Write a consistent copy with SQLite's online backup API, atomically."""
        return backup_connection(self._connection, destination, self.path)

    def user_version(self) -> int:
        return int(self._connection.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self._connection.close()


def backup_connection(source: sqlite3.Connection, destination: Path, source_path: Path) -> Path:
    """Copy ``source`` into ``destination`` through a temporary file, fsync and rename."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = destination.with_name(destination.name + ".partial")
    try:
        target = sqlite3.connect(temporary)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        temporary.replace(destination)
    except sqlite3.Error as exc:
        temporary.unlink(missing_ok=True)
        raise storage_error_for(exc, destination) or exc from exc
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise StorageError(f"Could not write the backup {destination}: {exc.strerror}") from exc
    _fsync_folder(destination.parent)
    return destination


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        uri = f"{path.absolute().as_uri()}?mode=ro"
        connection = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    return connection


def open_database(
    path: Path,
    *,
    backups_dir: Path,
    read_only: bool = False,
    allow_newer_read_only: bool = False,
    migrations: Sequence[Migration] | None = None,
) -> Database:
    """Open (creating or migrating as needed) the database at ``path``.

    A database written by a newer version raises :class:`NewerDatabaseError`, unless
    ``allow_newer_read_only`` is set, in which case it is opened read-only.
    """
    steps = tuple(migrations) if migrations is not None else bundled_migrations()
    supported = len(steps)
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a database file.")
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"Cannot create the data folder {path.parent}: {exc.strerror}"
            ) from exc
    with translate_errors(path):
        connection = _connect(path, read_only=read_only)
        try:
            found = int(connection.execute("PRAGMA user_version").fetchone()[0])
            if found > supported:
                if not allow_newer_read_only:
                    raise NewerDatabaseError(path, found, supported)
                if not read_only:
                    connection.close()
                    connection = _connect(path, read_only=True)
                    read_only = True
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute("PRAGMA busy_timeout=5000")
            if not read_only:
                mode = connection.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    log.warning("journal mode is %s, not WAL, for %s", mode, path)
                connection.execute("PRAGMA synchronous=FULL")
            database = Database(connection, path, read_only=read_only)
            if found < supported and not read_only:
                migrate(database, steps, found, backups_dir)
        except BaseException:
            connection.close()
            raise
    return database


def migrate(database: Database, steps: Sequence[Migration], found: int, backups_dir: Path) -> None:
    """Apply ``steps[found:]``, one transaction each, after a backup when there is content."""
    has_content = bool(
        database.connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    )
    if has_content:
        backup = backups_dir / f"sre-workshop-{utc_stamp()}-before-migration-v{found}.sqlite3"
        database.backup_to(backup)
        log.info("backed up %s to %s before migrating", database.path, backup)
    for step in steps[found:]:
        script = f"BEGIN IMMEDIATE;\n{step.sql}\nPRAGMA user_version = {step.version};\nCOMMIT;"
        try:
            database.connection.executescript(script)
        except BaseException:
            if database.connection.in_transaction:
                database.connection.execute("ROLLBACK")
            raise
        log.info("applied migration %s", step.name)
