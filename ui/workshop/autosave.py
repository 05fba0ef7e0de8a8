"""Saving what the coach types, debounced, to the item it was typed for.

A :class:`TextAutosave` watches one editor (the notes, the rationale, the not-applicable
reason). Each edit restarts a short timer; when it fires, or when the view flushes on
navigation, focus change or close, the text is saved through the given function, which goes
through the :class:`~sre_workshop.capture.CaptureSession` (and pushes an undo command). The key
is captured when the text is loaded, so text typed for one question can never be saved under
another. Typing without a pause is still saved at least every ``MAX_UNSAVED_MS``. A failed
save leaves the text in the editor, marks the state "not saved" with the reason, and is
retried on the next edit or flush; nothing pretends to have saved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QObject, QTimer, Signal, Slot

log = logging.getLogger(__name__)

#: Quiet time after the last keystroke before the text is saved.
DEBOUNCE_MS = 400
#: Longest time typed text stays unsaved while the coach keeps typing without a pause.
MAX_UNSAVED_MS = 1000


class SaveState(Enum):
    SAVED = "saved"
    PENDING = "pending"
    FAILED = "failed"


class TextAutosave(QObject):
    """Debounced, keyed saving of one editor's text."""

    #: The state (saved / pending / failed) or the error changed.
    state_changed = Signal()
    #: A save failed (the exception); shown by the view, retried on the next edit or flush.
    save_failed = Signal(object)

    def __init__(
        self,
        read_text: Callable[[], str],
        save: Callable[[str, str], None],
        parent: QObject | None = None,
        delay_ms: int = DEBOUNCE_MS,
        max_delay_ms: int = MAX_UNSAVED_MS,
    ) -> None:
        super().__init__(parent)
        self._read_text = read_text
        self._save = save
        self._key: str | None = None
        self._dirty = False
        self._error: BaseException | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.on_timer_timeout)
        # Started by the first unsaved keystroke and not restarted by the next ones.
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(max_delay_ms)
        self._deadline.timeout.connect(self.on_timer_timeout)

    @property
    def key(self) -> str | None:
        return self._key

    @property
    def dirty(self) -> bool:
        """Text typed that is not saved yet (pending or failed)."""
        return self._dirty

    @property
    def error(self) -> BaseException | None:
        return self._error

    @property
    def state(self) -> SaveState:
        if self._error is not None:
            return SaveState.FAILED
        return SaveState.PENDING if self._dirty else SaveState.SAVED

    def load(self, key: str | None) -> None:
        """Follow another item. Flush first: unsaved text of the previous item is dropped."""
        self._timer.stop()
        self._deadline.stop()
        self._key = key
        self._dirty = False
        self._error = None
        self.state_changed.emit()

    def edited(self) -> None:
        """The coach typed: save after a quiet moment."""
        if self._key is None:
            return
        self._dirty = True
        self._timer.start()
        if not self._deadline.isActive():
            self._deadline.start()
        self.state_changed.emit()

    def flush(self) -> None:
        """Save pending text now; raise (after recording the error) if it cannot be saved."""
        self._timer.stop()
        self._deadline.stop()
        if not self._dirty or self._key is None:
            return
        try:
            self._save(self._key, self._read_text())
        except Exception as exc:
            log.warning("could not save %s: %s", self._key, exc)
            self._error = exc
            self.state_changed.emit()
            self.save_failed.emit(exc)
            raise
        self._dirty = False
        self._error = None
        self.state_changed.emit()

    def try_flush(self) -> bool:
        """``flush`` for event handlers: False (and the error shown) when it failed."""
        try:
            self.flush()
        except Exception:
            return False
        return True

    @Slot()
    def on_timer_timeout(self) -> None:
        self.try_flush()
