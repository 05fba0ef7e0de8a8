"""Logging to a rotating file in ``<data>/logs/``: where tracebacks of bugs go, never to users."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE = "sre-workshop.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


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
        handler = logging.handlers.RotatingFileHandler(
            logs_dir / LOG_FILE, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.sre_workshop_log = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return logs_dir / LOG_FILE
