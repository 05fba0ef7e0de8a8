"""One way to show errors: ``show_error`` for expected problems, an excepthook for bugs.

Storage problems the coach can act on (disk full, read-only folder, damaged or newer database)
are shown in plain words; anything else is a bug, logged with its traceback and shown as such.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from sre_workshop.storage import StorageError

log = logging.getLogger(__name__)


def user_message(exc: BaseException) -> tuple[str, str]:
    """A title and a one-paragraph message for ``exc``."""
    if isinstance(exc, StorageError):
        return "Could not save or read your data", str(exc)
    if isinstance(exc, ValueError):
        return "Please check what you entered", str(exc)
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return "A file could not be used", f"{exc.strerror or exc}{where}"
    return (
        "Something went wrong",
        f"An unexpected error occurred: {type(exc).__name__}: {exc}\n\n"
        "Your data saved so far is safe. Details are in the log file.",
    )


def show_error(parent: QWidget | None, exc: BaseException, context: str = "") -> None:
    """Show ``exc`` to the coach in a dialog (and log it)."""
    title, message = user_message(exc)
    if context:
        message = f"{context}\n\n{message}"
    log.warning("%s: %s", title, message)
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("errorDialog")
    box.exec()


def install_excepthook() -> None:
    """Log uncaught exceptions and show them in a dialog instead of dying silently."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("uncaught exception:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        try:
            show_error(None, exc)
        except Exception:  # the dialog itself failed; the log has the details
            log.exception("could not show the error dialog")

    sys.excepthook = hook
