"""The seal: a database found sound at a clean exit, and unchanged since, is not checked again.

Checking the database before writing to it (:mod:`sre_workshop.storage.health`) reads the
whole file, so at start-up it costs time in proportion to the data (0.75 s for 150 MiB). It
is needed only when the file could have changed since it was last found sound. So:

* At the app's clean exit, while it still holds its only connection and the instance lock,
  :func:`quick_check_passes` runs ``PRAGMA quick_check`` on the live database. After the
  database is closed (SQLite copies its log back and removes the ``-wal`` and ``-shm``),
  :func:`seal_closed_database` records the file's fingerprint in ``<data>/sre-workshop.seal``
  (written atomically): its size, modification and change times (ns), inode, a hash of its
  100-byte SQLite header, its schema version and when the seal was made. A failed check, a
  log still beside the file, or any error writes no seal and removes an old one; it never
  fails the exit.
* At the next start (no unclean exit, no other instance, no ``-wal``, ``-shm`` or
  ``-journal`` beside the file), :func:`sealed_report` compares the file with the seal. When
  every field matches, the SQLite check is skipped: only the header is read (its magic, and
  the schema version at offset 60, so a newer database is still recognised). Otherwise (no
  seal, an unreadable, malformed or foreign one, any difference) the full check runs as
  before.
* A seal is consumed: opening the database for writing removes it (a session's first writes
  go to the ``-wal`` and leave the main file as it was, so the seal must not outlive the
  open), and so do moving the database aside and restoring into it (:func:`remove_seal`).

Any write through the file system changes the size or the modification and change times (the
change time cannot be set back by a program), and a file put in its place has another inode,
so damage made between sessions is still found at the next start. What the seal cannot see:
a change within the same time-stamp tick as the fingerprint. To rule that out the fingerprint
is taken only once the clock is past the file's newest time stamp by a margin
(:data:`FINE_MARGIN_NS`, or :data:`COARSE_MARGIN_NS` on file systems with whole-second time
stamps), and a seal is trusted only if it says so; see docs/reliability.md for the limits
(bytes changed by the disk itself or below the file system, a share whose clock differs).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import sqlite3
import stat
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from sre_workshop.atomic import write_text_atomically
from sre_workshop.storage.connection import Database, schema_version
from sre_workshop.storage.health import SQLITE_MAGIC, Health, HealthReport

log = logging.getLogger(__name__)

#: What the seal file says it is, and the layout of its fields.
SEAL_KIND = "SRE Workshop database seal"
SEAL_FORMAT = 1
#: A seal is a few hundred bytes; anything much larger is not one.
_MAX_SEAL_BYTES = 4096
#: How far the clock must be past the file's newest time stamp before the fingerprint is
#: taken, for file systems with sub-second time stamps: above the longest time-stamp tick
#: in use (Linux 1 to 10 ms, Windows 15.6 ms).
FINE_MARGIN_NS = 50_000_000
#: The same for whole-second time stamps (FAT has 2 s, ext3 and HFS+ 1 s).
COARSE_MARGIN_NS = 2_000_000_000
#: The longest the clean exit waits for the margin to pass; a longer wait writes no seal.
MAX_WAIT_NS = 200_000_000
_COMPANIONS = ("-wal", "-shm", "-journal")


def seal_path_for(database: Path) -> Path:
    """The seal file of ``database``: ``sre-workshop.seal`` beside ``sre-workshop.sqlite3``."""
    return Path(database).with_suffix(".seal")


@dataclass(frozen=True)
class Fingerprint:
    """What identifies one state of the database file without reading it all."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    header_sha256: str


@dataclass(frozen=True)
class Seal:
    """The content of a seal file."""

    database: str
    fingerprint: Fingerprint
    schema_version: int
    #: The clock (ns since the epoch) just before the fingerprint was taken.
    sealed_at_ns: int

    def to_json(self) -> str:
        sealed_at = dt.datetime.fromtimestamp(self.sealed_at_ns / 1e9, dt.UTC)
        content = {
            "kind": SEAL_KIND,
            "format": SEAL_FORMAT,
            "about": (
                "This database passed SQLite's quick_check at SRE Workshop's last clean exit. "
                "While the file is exactly as described here, the app does not check it again "
                "at start-up. Deleting this file only makes the next start check it."
            ),
            "database": self.database,
            **asdict(self.fingerprint),
            "schema_version": self.schema_version,
            "sealed_at": sealed_at.isoformat(timespec="milliseconds"),
            "sealed_at_ns": self.sealed_at_ns,
        }
        return json.dumps(content, indent=2) + "\n"


def _margin_ns(stamp_ns: int) -> int:
    """The margin for a time stamp: whole seconds suggest a coarse file system."""
    return COARSE_MARGIN_NS if stamp_ns % 1_000_000_000 == 0 else FINE_MARGIN_NS


def _settled_after_ns(fingerprint: Fingerprint) -> int:
    """The moment after which any change to the file gets a newer time stamp."""
    margin = max(_margin_ns(fingerprint.mtime_ns), _margin_ns(fingerprint.ctime_ns))
    return max(fingerprint.mtime_ns, fingerprint.ctime_ns) + margin


def companions(database: Path) -> tuple[Path, ...]:
    """The ``-wal``, ``-shm`` and ``-journal`` files beside ``database`` that exist."""
    found = []
    for suffix in _COMPANIONS:
        companion = database.with_name(database.name + suffix)
        if os.path.lexists(companion):
            found.append(companion)
    return tuple(found)


def fingerprint_of(database: Path) -> tuple[Fingerprint, bytes] | None:
    """The file's fingerprint and its header (stat and read on one handle); None if no file."""
    try:
        with Path(database).open("rb") as handle:
            status = os.fstat(handle.fileno())
            header = handle.read(100)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    fingerprint = Fingerprint(
        size=status.st_size,
        mtime_ns=status.st_mtime_ns,
        ctime_ns=status.st_ctime_ns,
        inode=status.st_ino,
        header_sha256=hashlib.sha256(header).hexdigest(),
    )
    return fingerprint, header


def _header_version(header: bytes) -> int | None:
    """The schema version (``user_version``, header offset 60) of an SQLite header."""
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return None
    return int.from_bytes(header[60:64], "big")


def _whole_number(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def read_seal(path: Path) -> Seal | None:
    """The seal at ``path``; None when it is missing, unreadable or not a seal of this format."""
    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(_MAX_SEAL_BYTES + 1)
    except OSError:
        return None
    if len(raw) > _MAX_SEAL_BYTES:
        return None
    try:
        content = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(content, dict):
        return None
    if content.get("kind") != SEAL_KIND or content.get("format") != SEAL_FORMAT:
        return None
    numbers = {
        name: _whole_number(content.get(name))
        for name in ("size", "mtime_ns", "ctime_ns", "inode", "schema_version", "sealed_at_ns")
    }
    header_hash = content.get("header_sha256")
    database = content.get("database")
    if any(value is None for value in numbers.values()):
        return None
    if not isinstance(header_hash, str) or len(header_hash) != 64:
        return None
    if not isinstance(database, str) or not database:
        return None
    return Seal(
        database=database,
        fingerprint=Fingerprint(
            size=numbers["size"] or 0,
            mtime_ns=numbers["mtime_ns"] or 0,
            ctime_ns=numbers["ctime_ns"] or 0,
            inode=numbers["inode"] or 0,
            header_sha256=header_hash,
        ),
        schema_version=numbers["schema_version"] or 0,
        sealed_at_ns=numbers["sealed_at_ns"] or 0,
    )


def remove_seal(database: Path) -> None:
    """Forget the seal of ``database`` (it is moved aside, replaced, or about to be written)."""
    path = seal_path_for(database)
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        # A seal that cannot be removed could vouch for what it should not: make it unreadable
        # as a seal if at all possible, and say so.
        log.warning("could not remove the seal %s: %s", path, exc)
        with contextlib.suppress(OSError):
            path.write_bytes(b"")


def sealed_report(database: Path) -> HealthReport | None:
    """The health of ``database`` vouched for by its seal, without running SQLite's check.

    None when the seal does not vouch for the file as it is now: no seal, a malformed one, one
    for another file, a log or journal beside the file, any difference in size, times, inode or
    header, or a fingerprint taken too soon after the file's last change to be sure. The
    caller (``open_workspace``) asks only when the last session ended cleanly and no other
    instance holds the database, and then runs the full check whenever this says None.
    """
    database = Path(database)
    seal = read_seal(seal_path_for(database))
    if seal is None:
        return None
    why = ""
    found = fingerprint_of(database)
    if seal.database != database.name:
        why = "it is for another file"
    elif companions(database):
        why = "the database has a log or journal beside it"
    elif found is None:
        why = "the database cannot be read as a file"
    elif found[0] != seal.fingerprint:
        why = "the file changed since"
    elif not _settled_after_ns(seal.fingerprint) < seal.sealed_at_ns:
        why = "it was taken too soon after the file's last change to be sure"
    elif _header_version(found[1]) != seal.schema_version:
        why = "the header does not say the schema version the seal says"
    if why or found is None:
        log.info("the seal of %s does not vouch for it (%s): checking it", database, why)
        return None
    version = seal.schema_version
    state = Health.NEWER if version > schema_version() else Health.OK
    return HealthReport(database, state, schema_version=version, sealed=True)


def quick_check_passes(database: Database) -> bool:
    """``PRAGMA quick_check`` on the app's own, live connection before a clean close.

    Never raises: an error is logged and counts as a failed check (no seal).
    """
    try:
        rows = database.connection.execute("PRAGMA quick_check(20)").fetchall()
    except (sqlite3.Error, ValueError) as exc:
        log.warning("the quick check at exit could not run on %s: %s", database.path, exc)
        return False
    findings = [str(row[0]) for row in rows]
    if findings == ["ok"]:
        return True
    log.warning(
        "the quick check at exit failed on %s: %s; no seal, the next start checks it",
        database.path,
        "; ".join(findings[:3]),
    )
    return False


def seal_closed_database(database: Path, *, passed: bool) -> Seal | None:
    """After a clean close, record the seal of ``database`` when ``passed`` its quick check.

    Call only once the last connection is closed and while the instance lock is still held.
    Writes no seal (and removes an old one) when the check failed, a ``-wal``, ``-shm`` or
    ``-journal`` is still there, the file changes while it is fingerprinted, its time stamps
    are too coarse to wait for, or anything goes wrong. Never raises.
    """
    database = Path(database)
    try:
        return _seal(database, passed)
    except Exception:
        log.exception("could not seal %s; the next start checks it", database)
        remove_seal(database)
        return None


def _seal(database: Path, passed: bool) -> Seal | None:
    def refuse(why: str) -> None:
        log.info("no seal for %s: %s; the next start checks it", database, why)
        remove_seal(database)

    if not passed:
        refuse("its quick check did not pass")
        return None
    left = companions(database)
    if left:
        refuse(f"{', '.join(item.name for item in left)} still there after closing")
        return None
    first = fingerprint_of(database)
    if first is None or _header_version(first[1]) is None:
        refuse("it is not a readable SQLite file")
        return None
    wait_ns = _settled_after_ns(first[0]) - time.time_ns() + 1_000_000
    if wait_ns > MAX_WAIT_NS:
        refuse("its time stamps are too coarse to tell a later change in the same tick")
        return None
    if wait_ns > 0:
        time.sleep(wait_ns / 1e9)
    sealed_at_ns = time.time_ns()
    again = fingerprint_of(database)
    if again is None or again[0] != first[0] or companions(database):
        refuse("it changed while it was being sealed")
        return None
    if not _settled_after_ns(first[0]) < sealed_at_ns:
        refuse("the clock is not past its last change")
        return None
    version = _header_version(again[1])
    assert version is not None
    seal = Seal(database.name, again[0], version, sealed_at_ns)
    write_text_atomically(seal.to_json(), seal_path_for(database))
    log.info("sealed %s (quick check passed at a clean exit)", database)
    return seal


__all__ = [
    "Fingerprint",
    "Seal",
    "fingerprint_of",
    "quick_check_passes",
    "read_seal",
    "remove_seal",
    "seal_closed_database",
    "seal_path_for",
    "sealed_report",
]
