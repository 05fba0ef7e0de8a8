"""One app per data folder: an OS file lock that dies with its process, and the "open" marker.

Two SRE Workshop windows on one data folder would each keep their own view of a workshop and
overwrite each other's edits. The app therefore takes an exclusive, non-blocking OS lock on
``<data>/sre-workshop.lock`` (``fcntl.flock`` on macOS and Linux, ``msvcrt.locking`` on
Windows) for as long as it runs. The operating system releases such a lock when the process
ends, however it ends (a crash, SIGKILL, a power cut), so a stale lock can never keep the coach
out. The command line asks :func:`lock_held_by_another` before a restore.

While the app has the database open for writing it also keeps a marker file,
``<data>/sre-workshop.open``, removed on a clean exit. A marker found by the next start (with
no other instance holding the lock) means the last session ended uncleanly, so the database
gets a full ``integrity_check`` rather than the quick one before anything is written to it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from pathlib import Path
from types import TracebackType
from typing import IO

from sre_workshop.atomic import write_text_atomically

LOCK_NAME = "sre-workshop.lock"
MARKER_NAME = "sre-workshop.open"


def lock_path(root: Path) -> Path:
    return root / LOCK_NAME


def marker_path(root: Path) -> Path:
    return root / MARKER_NAME


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        with contextlib.suppress(OSError):
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as exc:
            # A file system without locks (some network shares): say so rather than pretend.
            raise InstanceLockError(f"Cannot lock {handle.name}: {exc.strerror}") from exc
        return True

    def _unlock(handle: IO[bytes]) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class InstanceLockError(OSError):
    """The lock file could not be created or locked at all (not: it is held by another)."""


class InstanceLock:
    """The exclusive lock of one data folder, held for the life of one app."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._handle: IO[bytes] | None = None

    @property
    def path(self) -> Path:
        return lock_path(self.root)

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another process holds it."""
        if self._handle is not None:
            return True
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            # "a+b": create when missing, never truncate a file another process has locked.
            handle = self.path.open("a+b")
        except OSError as exc:
            raise InstanceLockError(f"Cannot create {self.path}: {exc.strerror}") from exc
        try:
            locked = _try_lock(handle)
        except BaseException:
            handle.close()
            raise
        if not locked:
            handle.close()
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        """Give the lock back (the OS does the same when the process dies)."""
        handle, self._handle = self._handle, None
        if handle is not None:
            _unlock(handle)
            handle.close()

    # --- the "open" marker of the session ------------------------------------------------------

    def begin_session(self) -> None:
        """Mark the database as open for writing; only :meth:`end_session` removes the mark."""
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        write_text_atomically(f"pid {os.getpid()} since {stamp}\n", marker_path(self.root))

    def end_session(self) -> None:
        """A clean exit: the database was closed (or is about to be) with nothing pending."""
        with contextlib.suppress(FileNotFoundError):
            marker_path(self.root).unlink()

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def lock_held_by_another(root: Path) -> bool:
    """True when another process (or another lock in this one) holds the data folder's lock.

    Creates nothing: without a lock file nobody can hold the lock.
    """
    path = lock_path(Path(root))
    try:
        handle = path.open("rb")
    except OSError:
        return False
    try:
        if _try_lock(handle):
            _unlock(handle)
            return False
        return True
    except InstanceLockError:
        return False
    finally:
        handle.close()


def previous_session_unclean(root: Path) -> bool:
    """A marker is left behind: the last app session on this folder did not end cleanly.

    Only meaningful while no other instance holds the lock (a running app keeps the marker).
    """
    return marker_path(Path(root)).exists()


def clear_unclean_marker(root: Path) -> None:
    """Forget an unclean exit once the database has been checked in full and opened."""
    with contextlib.suppress(FileNotFoundError):
        marker_path(Path(root)).unlink()
