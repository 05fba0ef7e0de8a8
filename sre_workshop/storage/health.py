"""Is the database file sound? Checked before anything is written to it, and without touching it.

:func:`inspect_database` looks at the file the way a careful person would: is it there, is it a
file, does it start like an SQLite database, is its write-ahead log (``-wal``) where it should
be, and does SQLite's own ``quick_check`` (or, after an unclean exit, the full
``integrity_check``) pass. It never writes to the file, its ``-wal`` or its ``-shm``: SQLite
is run on a private copy of the file and its log in a temporary folder (recovering a log writes
to the file that holds it, and even a read-only connection rewrites the ``-shm`` index). Only
when another process has the database open, and a copy could catch it mid-write, is the file
itself opened read-only, as SQLite's locking then keeps the view consistent.

:func:`check_backup` applies the full check to a backup before it may be restored, and reads
how many teams and assessments it holds. The same words describe a problem in the app's dialog
and in ``sre-workshop-cli check``.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from sre_workshop.storage.connection import schema_version

SQLITE_MAGIC = b"SQLite format 3\x00"
#: Tables every SRE Workshop database has from schema version 1 on.
_CORE_TABLES = frozenset({"teams", "assessments", "settings"})
_COMPANIONS = ("-wal", "-shm", "-journal")


class Health(Enum):
    OK = "ok"
    #: No database file yet: a fresh start creates one.
    MISSING = "missing"
    #: Sound, but written by a newer SRE Workshop: opened read-only, never written.
    NEWER = "newer"
    DAMAGED = "damaged"


@dataclass(frozen=True)
class HealthReport:
    path: Path
    state: Health
    #: What is wrong, in plain words, starting with a verb phrase: "is not an SQLite database".
    problem: str = ""
    #: SQLite's first findings, for the log and the command line.
    detail: str = ""
    #: The full ``integrity_check`` ran (else ``quick_check``).
    full_check: bool = False
    schema_version: int | None = None
    #: The file's write-ahead log is gone (the latest changes with it).
    wal_missing: bool = False
    #: With ``wal_missing``: the main file passes the check on its own and can be used as found.
    intact_without_wal: bool = False
    #: SQLite's check was not run: the file is unchanged since it passed the quick check at
    #: the last clean exit (:mod:`sre_workshop.storage.seal`); only its header was read.
    sealed: bool = False

    @property
    def ok(self) -> bool:
        return self.state in (Health.OK, Health.MISSING)

    def describe(self) -> str:
        """One paragraph for the coach."""
        if self.state is Health.MISSING:
            return f"There is no database at {self.path} yet."
        if self.state is Health.OK and self.sealed:
            return (
                f"{self.path} is sound (schema version {self.schema_version}, unchanged since "
                "it passed the quick check at the last clean exit)."
            )
        if self.state is Health.OK:
            check = "integrity check" if self.full_check else "quick check"
            return f"{self.path} is sound (schema version {self.schema_version}, {check} passed)."
        if self.state is Health.NEWER:
            return (
                f"{self.path} was written by a newer SRE Workshop (schema version "
                f"{self.schema_version}; this version supports up to {schema_version()})."
            )
        text = f"{self.path} {self.problem}"
        if self.detail:
            text += f" (SQLite says: {self.detail})"
        return text + "."


@dataclass(frozen=True)
class BackupCheck:
    """A backup's full check and what it holds (counts are 0 when it cannot be read)."""

    path: Path
    usable: bool
    problem: str
    schema_version: int | None
    teams: int
    assessments: int


def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def companions(path: Path) -> tuple[Path, ...]:
    """The ``-wal``, ``-shm`` and ``-journal`` files beside ``path`` that exist."""
    return tuple(
        _companion(path, suffix) for suffix in _COMPANIONS if _companion(path, suffix).exists()
    )


def _read_header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(100)


def _is_wal_mode(header: bytes) -> bool:
    # Bytes 18 and 19 are the file format write and read versions: 2 means WAL.
    return len(header) >= 20 and (header[18] == 2 or header[19] == 2)


@contextmanager
def open_for_check(path: Path, *, live: bool = False, with_wal: bool = True) -> Iterator[Path]:
    """A path SQLite may open read-write for checking, standing for ``path``.

    A copy of ``path`` (and its ``-wal``) in a private temporary folder, removed afterwards;
    or, when ``live`` (another process has the file open), ``path`` itself, to be opened
    read-only. Falls back to ``path`` when no copy can be made (a full disk).
    """
    if live:
        yield path
        return
    folder: Path | None = None
    try:
        folder = Path(tempfile.mkdtemp(prefix="sre-workshop-check-"))
        copy = folder / "check.sqlite3"
        shutil.copyfile(path, copy)
        wal = _companion(path, "-wal")
        if with_wal and wal.is_file():
            shutil.copyfile(wal, _companion(copy, "-wal"))
    except OSError:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        yield path
        return
    try:
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def connect_for_check(checked: Path, original: Path) -> sqlite3.Connection:
    """Connect to what :func:`open_for_check` gave: a copy read-write, the original read-only."""
    if checked == original:
        uri = f"{checked.absolute().as_uri()}?mode=ro"
        return sqlite3.connect(uri, uri=True, isolation_level=None)
    return sqlite3.connect(checked, isolation_level=None)


def _run_check(connection: sqlite3.Connection, *, full: bool) -> list[str]:
    pragma = "integrity_check" if full else "quick_check"
    rows = connection.execute(f"PRAGMA {pragma}(20)").fetchall()
    findings = [str(row[0]) for row in rows]
    return [] if findings == ["ok"] else findings


def _tables(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_schema WHERE type = 'table'").fetchall()
    return {str(row[0]) for row in rows}


def _frames_not_checkpointed(shm: Path) -> int | None:
    """From the ``-shm`` wal-index: how many log frames were not yet copied into the file.

    None when the index cannot be read or is not initialised. The header (twice, 48 bytes
    each, in the machine's byte order) holds ``isInit`` at byte 12 and ``mxFrame`` at 16; the
    checkpoint information after it holds ``nBackfill`` at byte 96.
    """
    try:
        with shm.open("rb") as handle:
            head = handle.read(100)
    except OSError:
        return None
    if len(head) < 100 or head[12] != 1 or head[:48] != head[48:96]:
        return None
    frames = int.from_bytes(head[16:20], sys.byteorder)
    copied = int.from_bytes(head[96:100], sys.byteorder)
    return max(0, frames - copied)


def _log_was_needed(shm: Path, unclean: bool) -> bool:
    """Whether the missing ``-wal`` held changes the main file does not.

    A readable ``-shm`` says so exactly (a clean close copies every frame back before it
    deletes the log, so a kill in that moment loses nothing). Without one, an unclean exit
    means the log was still in use.
    """
    if shm.exists():
        pending = _frames_not_checkpointed(shm)
        if pending is not None:
            return pending > 0
    return unclean


def _sqlite_check(
    path: Path, *, full: bool, live: bool, with_wal: bool
) -> tuple[int | None, str, str]:
    """(schema version, problem, detail) from SQLite; problem is "" when sound."""
    try:
        with open_for_check(path, live=live, with_wal=with_wal) as checked:
            connection = connect_for_check(checked, path)
            try:
                version = int(connection.execute("PRAGMA user_version").fetchone()[0])
                findings = _run_check(connection, full=full)
                if findings:
                    return version, "is damaged", "; ".join(findings[:3])
                tables = _tables(connection)
                if version == 0 and tables:
                    return version, "is an SQLite database of another program", ""
                if 0 < version <= schema_version() and not tables >= _CORE_TABLES:
                    missing = ", ".join(sorted(_CORE_TABLES - tables))
                    return version, f"is missing SRE Workshop's tables ({missing})", ""
                return version, "", ""
            finally:
                connection.close()
    except sqlite3.DatabaseError as exc:
        return None, "is damaged or is not an SRE Workshop database", str(exc)


def inspect_database(
    path: Path,
    *,
    full: bool = False,
    unclean: bool = False,
    live: bool = False,
    expect_wal: bool = True,
) -> HealthReport:
    """Check the database at ``path`` without changing it; see the module docstring.

    ``full`` runs ``integrity_check`` instead of ``quick_check``. ``unclean``: the last
    session ended without closing the database, so a missing ``-wal`` means lost changes.
    ``live``: another process has the database open (check it in place, read-only).
    ``expect_wal`` False: a copy kept for its own sake (a backup), judged on its file alone.
    Raises OSError only when the file exists but cannot be read at all (permissions).
    """
    path = Path(path)
    wal, shm = _companion(path, "-wal"), _companion(path, "-shm")
    if not path.exists() and not path.is_symlink():
        leftovers = companions(path)
        if leftovers:
            names = ", ".join(item.name for item in leftovers)
            return HealthReport(
                path,
                Health.DAMAGED,
                f"is missing, but its log files are still there ({names})",
                full_check=full,
            )
        return HealthReport(path, Health.MISSING, full_check=full)
    if path.is_dir():
        problem = "is a folder, not a database file"
        return HealthReport(path, Health.DAMAGED, problem, full_check=full)
    if not path.is_file():
        return HealthReport(path, Health.DAMAGED, "is not a regular file", full_check=full)
    header = _read_header(path)
    if not header:
        if wal.is_file() and wal.stat().st_size > 0:
            problem = "is empty (0 bytes) while its write-ahead log is not"
        else:
            problem = "is empty (0 bytes): its content is gone"
        return HealthReport(path, Health.DAMAGED, problem, full_check=full)
    if not header.startswith(SQLITE_MAGIC):
        return HealthReport(
            path,
            Health.DAMAGED,
            "is not an SQLite database, so it is damaged or is not an SRE Workshop database",
            detail=f"it starts with {header[:16]!r}",
            full_check=full,
        )
    if len(header) < 100:
        return HealthReport(
            path, Health.DAMAGED, "is cut short (shorter than an SQLite header)", full_check=full
        )
    if expect_wal and _is_wal_mode(header) and not wal.exists() and _log_was_needed(shm, unclean):
        # The log held the latest commits; the main file alone is an older state at best.
        version, problem, detail = _sqlite_check(path, full=True, live=False, with_wal=False)
        return HealthReport(
            path,
            Health.DAMAGED,
            f"is missing its write-ahead log ({wal.name}), which held the latest changes",
            detail=detail,
            full_check=True,
            schema_version=version,
            wal_missing=True,
            intact_without_wal=not problem,
        )
    version, problem, detail = _sqlite_check(path, full=full, live=live, with_wal=True)
    if problem:
        return HealthReport(path, Health.DAMAGED, problem, detail, full, version)
    if version is not None and version > schema_version():
        return HealthReport(path, Health.NEWER, full_check=full, schema_version=version)
    return HealthReport(path, Health.OK, full_check=full, schema_version=version)


def check_backup(path: Path) -> BackupCheck:
    """The full check of a backup (or a file kept aside) and its team and assessment counts."""
    path = Path(path)
    try:
        report = inspect_database(path, full=True, expect_wal=False)
    except OSError as exc:
        return BackupCheck(path, False, f"cannot be read ({exc.strerror})", None, 0, 0)
    if report.state is Health.MISSING:
        return BackupCheck(path, False, "is gone", None, 0, 0)
    if report.state is Health.DAMAGED:
        return BackupCheck(path, False, report.problem, report.schema_version, 0, 0)
    teams = assessments = 0
    try:
        with open_for_check(path) as checked:
            connection = connect_for_check(checked, path)
            try:
                if report.schema_version:
                    teams = int(connection.execute("SELECT count(*) FROM teams").fetchone()[0])
                    assessments = int(
                        connection.execute("SELECT count(*) FROM assessments").fetchone()[0]
                    )
            finally:
                connection.close()
    except sqlite3.DatabaseError as exc:
        return BackupCheck(path, False, f"cannot be read ({exc})", report.schema_version, 0, 0)
    if report.state is Health.NEWER:
        return BackupCheck(
            path,
            False,
            f"was written by a newer SRE Workshop (schema version {report.schema_version})",
            report.schema_version,
            teams,
            assessments,
        )
    return BackupCheck(path, True, "", report.schema_version, teams, assessments)
