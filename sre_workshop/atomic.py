"""Atomic file writes: a file the app writes is either wholly the new content or untouched.

Bundles and CSV exports go through here (PDF reports may too). The content is written to a
temporary file in the destination's own folder (so the final rename never crosses file
systems), flushed and fsynced, then moved over the destination with ``os.replace``, which is
atomic on Windows, macOS and Linux. If anything fails on the way (a read-only folder, a full
disk, a destination that is a folder) the temporary file is removed and a :class:`WriteError`
names the destination and the reason; the destination is never left half written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["WriteError", "write_bytes_atomically", "write_text_atomically"]


class WriteError(OSError):
    """A file could not be written; nothing was left behind. ``str()`` names the path."""

    def __init__(self, path: Path, reason: str, code: int | None = None) -> None:
        message = f"Could not write {path}: {reason}. Nothing was written."
        # Keep the OS error number (``.errno``) so callers can still tell a full disk from a
        # permission problem without parsing the message.
        if code is None:
            super().__init__(message)
        else:
            super().__init__(code, message)
        self.path = path
        self.reason = reason
        self._message = message

    def __str__(self) -> str:
        return self._message


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is read-only or you have no permission to write there"
    if exc.errno == errno.ENOENT:
        return "the folder does not exist"
    if exc.errno == errno.EISDIR:
        return "a folder of that name is in the way"
    return exc.strerror or str(exc)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX only; Windows has no directory handles)."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        # Some file systems (network shares) refuse fsync on a folder; the data is safe anyway.
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_bytes_atomically(data: bytes, path: Path) -> Path:
    """Write ``data`` to ``path`` atomically and durably; returns ``path``.

    Raises :class:`WriteError` (an OSError) naming ``path`` when the folder is missing or
    read-only, the disk is full, or ``path`` is a folder. An existing file keeps its
    permissions; a new file is readable by its owner only (tempfile's default), which suits
    confidential workshop data.
    """
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        raise WriteError(path, "a folder of that name is in the way", errno.EISDIR)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = None
    try:
        descriptor, temporary_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".partial", dir=folder
        )
    except OSError as exc:
        raise WriteError(path, _reason(exc), exc.errno) from exc
    temporary = Path(temporary_name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            temporary.chmod(mode)
        temporary.replace(path)
    except BaseException as exc:
        # Also on KeyboardInterrupt: never leave a stray ".partial" file beside the target.
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(exc, OSError):
            raise WriteError(path, _reason(exc), exc.errno) from exc
        raise
    _fsync_folder(folder)
    return path


def write_text_atomically(text: str, path: Path, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically; newlines are written exactly as given.

    Pass ``encoding="utf-8-sig"`` for files meant for spreadsheet programs that need a byte
    order mark to recognise UTF-8. Raises ValueError for text the encoding cannot hold (an
    unpaired surrogate) before anything is written, and :class:`WriteError` as above.
    """
    return write_bytes_atomically(text.encode(encoding), path)
