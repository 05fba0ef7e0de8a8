"""The workshop's typed fields (notes, rationale, not-applicable reason) and their autosave.

Each editor has a :class:`~ui.workshop.autosave.TextAutosave` keyed to what it shows (the
question for the notes, the area for the other two). Text the coach types is saved debounced;
leaving an editor, or a workshop key pressed inside one, saves at once. Text loaded from the
store (on navigation, undo or redo) never counts as typing, and text still unsaved is never
overwritten by it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from ui.workshop.autosave import TextAutosave
from ui.workshop.editors import CaptureLineEdit, CaptureTextEdit

Save = Callable[[str, str], None]


class TextCapture(QObject):
    """Notes, rationale and reason editors, saved as the coach types."""

    #: The saved / pending / failed state of a field changed.
    state_changed = Signal()
    #: A save failed (the exception).
    save_failed = Signal(object)
    #: The coach left an editor (typing after this is a new undo step).
    editor_left = Signal()

    def __init__(
        self,
        notes: CaptureTextEdit,
        rationale: CaptureTextEdit,
        reason: CaptureLineEdit,
        *,
        save_notes: Save,
        save_rationale: Save,
        save_reason: Save,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.notes_edit, self.rationale_edit, self.reason_edit = notes, rationale, reason
        self.notes = TextAutosave(notes.toPlainText, save_notes, self)
        self.rationale = TextAutosave(rationale.toPlainText, save_rationale, self)
        self.reason = TextAutosave(reason.text, save_reason, self)
        self._loading = False
        notes.textChanged.connect(self.on_notes_edit_text_changed)
        rationale.textChanged.connect(self.on_rationale_edit_text_changed)
        reason.textEdited.connect(self.on_reason_edit_text_edited)
        for editor, autosave in self._pairs():
            editor.focus_left.connect(lambda autosave=autosave: self._left(autosave))
            editor.shortcut_passed.connect(autosave.try_flush)
            autosave.state_changed.connect(self.state_changed)
            autosave.save_failed.connect(self.save_failed)

    def _pairs(self) -> tuple[tuple[CaptureTextEdit | CaptureLineEdit, TextAutosave], ...]:
        return (
            (self.notes_edit, self.notes),
            (self.rationale_edit, self.rationale),
            (self.reason_edit, self.reason),
        )

    @property
    def autosaves(self) -> tuple[TextAutosave, TextAutosave, TextAutosave]:
        return self.notes, self.rationale, self.reason

    @property
    def dirty(self) -> bool:
        """Some typed text is not saved yet (pending or failed)."""
        return any(autosave.dirty for autosave in self.autosaves)

    @property
    def failing(self) -> bool:
        return any(autosave.error is not None for autosave in self.autosaves)

    def flush(self) -> None:
        """Save every field now; raise the first failure (each field is tried)."""
        failures: list[BaseException] = []
        for autosave in self.autosaves:
            try:
                autosave.flush()
            except Exception as exc:
                failures.append(exc)
        if failures:
            raise failures[0]

    # --- loading what is stored ------------------------------------------------------------

    def load_notes(self, question_key: str | None, text: str) -> None:
        self.notes.load(question_key)
        self._set(self.notes_edit, text)

    def load_area(self, area_key: str, rationale: str, reason: str) -> None:
        self.rationale.load(area_key)
        self._set(self.rationale_edit, rationale)
        self.reason.load(area_key)
        self._set(self.reason_edit, reason)

    def show_stored_notes(self, text: str) -> None:
        """The stored notes changed (undo, redo): show them unless typing is unsaved."""
        if not self.notes.dirty:
            self._set(self.notes_edit, text)

    def show_stored_area(self, rationale: str, reason: str) -> None:
        if not self.rationale.dirty:
            self._set(self.rationale_edit, rationale)
        if not self.reason.dirty:
            self._set(self.reason_edit, reason)

    def _set(self, editor: QPlainTextEdit | QLineEdit, text: str) -> None:
        current = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
        if current == text:
            return
        self._loading = True
        try:
            if isinstance(editor, QPlainTextEdit):
                editor.setPlainText(text)
                editor.moveCursor(editor.textCursor().MoveOperation.End)
            else:
                editor.setText(text)
        finally:
            self._loading = False

    def _left(self, autosave: TextAutosave) -> None:
        autosave.try_flush()
        self.editor_left.emit()

    # --- typing ----------------------------------------------------------------------------

    @Slot()
    def on_notes_edit_text_changed(self) -> None:
        if not self._loading:
            self.notes.edited()

    @Slot()
    def on_rationale_edit_text_changed(self) -> None:
        if not self._loading:
            self.rationale.edited()

    @Slot(str)
    def on_reason_edit_text_edited(self, _text: str) -> None:
        if not self._loading:
            self.reason.edited()
