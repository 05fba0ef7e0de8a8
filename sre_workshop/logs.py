"""Logging to a size-capped file in ``<data>/logs/``: where tracebacks of bugs go, never to users.

The file rolls over at :data:`MAX_BYTES` to ``sre-workshop.log.1`` (then ``.2`` and ``.3``; the
oldest is dropped), so the folder never holds more than about 4 MB of logs. The handler is this
module's own small one rather than ``logging.handlers``, whose import (sockets, pickle, queues)
costs the app's start-up about 15 ms for a feature it does not use.
"""

from __future__ import annotations

import logging
from pathlib import Path

LOG_FILE = "sre-workshop.log"
MAX_BYTES = 1_000_000
KEEP = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RollingFileHandler(logging.FileHandler):
    """Appends to ``path``; before a record would take it past ``max_bytes``, rolls it over."""

    sre_workshop_log = True

    def __init__(self, path: Path, *, max_bytes: int = MAX_BYTES, keep: int = KEEP) -> None:
        super().__init__(path, encoding="utf-8")
        self.path = path
        self.max_bytes = max_bytes
        self.keep = keep

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._would_overflow(record):
                self._roll_over()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def _would_overflow(self, record: logging.LogRecord) -> bool:
        if self.stream is None:
            return False
        written = self.stream.tell()
        return written > 0 and written + len(self.format(record).encode()) + 1 > self.max_bytes

    def _roll_over(self) -> None:
        """``.log`` becomes ``.log.1``, ``.1`` becomes ``.2`` ..., the oldest is dropped."""
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        for number in range(self.keep - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{number}")
            if older.exists():
                older.replace(self.path.with_name(f"{self.path.name}.{number + 1}"))
        if self.keep > 0:
            self.path.replace(self.path.with_name(f"{self.path.name}.1"))
        else:
            self.path.unlink(missing_ok=True)
        self.stream = self._open()


def configure_logging(logs_dir: Path, *, level: int = logging.INFO) -> Path | None:
    """Send log records to ``logs_dir/sre-workshop.log``; returns the file, or None if unwritable.

    Logging must never stop the app: if the folder cannot be written, records go nowhere.
    """
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, "sre_workshop_log", False):
            root.removeHandler(handler)
            handler.close()
    try:
        logs_dir.mkdir(parents=True, exist_ok=True)
        handler = RollingFileHandler(logs_dir / LOG_FILE)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    return logs_dir / LOG_FILE
