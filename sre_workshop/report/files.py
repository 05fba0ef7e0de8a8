"""Report files: safe names, atomic writes that never overwrite, records and verification.

No reportlab here. A report goes into the reports folder (Settings, else ``<data>/reports``)
under a name made from the team name, the assessment date and the preset, for example
``Checkout-Payments_2026-03-10_full.pdf``. An existing file is never replaced silently: the
next free name gets ``-2``, ``-3``...; an explicit ``out`` path that exists is refused unless
``overwrite=True``. The bytes are written with :func:`sre_workshop.atomic.write_bytes_atomically`
(temporary file, fsync, rename), so a failure leaves no partial file; only a written file is
recorded in the database, with its SHA-256 so the app can tell when it changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Literal

__all__ = [
    "ReportError",
    "ReportExistsError",
    "available_path",
    "report_file_name",
    "safe_name_part",
    "sha256_of",
    "verify_file",
]

#: Longest team part of a file name, in UTF-8 bytes (file systems cap names at 255 bytes).
NAME_PART_BYTES = 80
#: How many numbered alternatives to try before giving up.
MAX_ALTERNATIVES = 9999
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{index}" for index in range(10)}
    | {f"LPT{index}" for index in range(10)}
)
_SEPARATORS = re.compile(r"-{2,}")


class ReportError(Exception):
    """A report could not be made or written; the message says why and names the path."""


class ReportExistsError(ReportError):
    """The chosen output file exists and ``overwrite`` was not given."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists; choose another file name or allow overwriting it")
        self.path = path


def _keep(character: str) -> bool:
    """Letters and digits of any script, and ``_``; everything else becomes a hyphen."""
    return character == "_" or unicodedata.category(character)[0] in "LN"


def safe_name_part(text: str, *, fallback: str = "team") -> str:
    """``text`` as a portable file name part: letters, digits, ``_`` and single hyphens.

    Accents and other scripts are kept (as NFC); path separators, control characters, the
    characters Windows reserves (``<>:"/\\|?*``), emoji and other punctuation become hyphens;
    Windows' reserved device names (CON, NUL, COM1...) get a trailing underscore; the result
    is at most :data:`NAME_PART_BYTES` bytes in UTF-8 and never empty.
    """
    normalised = unicodedata.normalize("NFKC", text)
    mapped = "".join(character if _keep(character) else "-" for character in normalised)
    part = _SEPARATORS.sub("-", mapped).strip("-_")
    while len(part.encode("utf-8")) > NAME_PART_BYTES:
        part = part[:-1]
    part = part.rstrip("-_") or fallback
    if part.upper() in _WINDOWS_RESERVED:
        part += "_"
    return unicodedata.normalize("NFC", part)


def report_file_name(team_name: str, date: dt.date, label: str) -> str:
    """``<team>_<YYYY-MM-DD>_<label>.pdf`` with a safe team part."""
    team = safe_name_part(team_name)
    return f"{team}_{date.isoformat()}_{safe_name_part(label, fallback='report')}.pdf"


def available_path(folder: Path, file_name: str) -> Path:
    """``folder / file_name``, or with ``-2``, ``-3``... before ``.pdf`` when taken."""
    candidate = folder / file_name
    if not candidate.exists() and not candidate.is_symlink():
        return candidate
    stem, suffix = Path(file_name).stem, Path(file_name).suffix
    for number in range(2, MAX_ALTERNATIVES + 1):
        candidate = folder / f"{stem}-{number}{suffix}"
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
    raise ReportError(f"{folder} already holds {MAX_ALTERNATIVES} reports named {stem}")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verify_file(path: Path, sha256: str) -> Literal["ok", "missing", "changed"]:
    """ "ok" when the file holds exactly the recorded bytes, "missing" when it is gone (or
    cannot be read), "changed" when its checksum differs."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return "missing"
    return "ok" if digest.hexdigest() == sha256 else "changed"
