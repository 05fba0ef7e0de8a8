"""Text editors of the facilitation view that play well with the workshop's keys.

Qt lets a focused text field claim plain keys before shortcuts see them, which is what keeps
digits typed into the notes from rating the area. These editors additionally hand on exactly
the keymap's ``Scope.ANYWHERE`` keys (next question, Esc, F5, undo...) instead of using them
for text editing, and say so first (``shortcut_passed``) so the view can save what was typed
before the shortcut runs. They also report losing focus (``focus_left``), which saves too.

The editors' own undo is switched off: the workshop has one undo history (the view's
``QUndoStack``), and Ctrl+Z inside the notes first saves the text and then undoes the last
edit on that stack, which is the typing in this editor since it was entered.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ui.workshop.keymap import passthrough_sequences

_STANDARD_PASSTHROUGH = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def passes_through(event: QKeyEvent, sequences: Sequence[QKeySequence]) -> bool:
    """Whether the key event is one an editor must leave to the view's shortcuts."""
    if any(event.matches(standard) for standard in _STANDARD_PASSTHROUGH):
        return True
    pressed = QKeySequence(event.keyCombination())
    return any(
        pressed.matches(sequence) == QKeySequence.SequenceMatch.ExactMatch for sequence in sequences
    )


class CaptureTextEdit(QPlainTextEdit):
    """The notes and rationale editor: plain text, saved by the view as the coach types."""

    #: A workshop shortcut key is about to run (save first).
    shortcut_passed = Signal()
    #: The editor lost focus (save now).
    focus_left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self._passthrough = passthrough_sequences()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if passes_through(event, self._passthrough):
                self.shortcut_passed.emit()
                event.ignore()
                return True
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()

    def sizeHint(self) -> QSize:
        # Ask for the minimum height only: layouts give editors the room that is left, so a
        # side panel does not scroll because an editor asked for more than it needs.
        return QSize(super().sizeHint().width(), max(self.minimumHeight(), 60))


class CaptureLineEdit(QLineEdit):
    """A one-line field (the not-applicable reason) with the same key and focus behaviour."""

    shortcut_passed = Signal()
    focus_left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._passthrough = passthrough_sequences()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if passes_through(event, self._passthrough):
                self.shortcut_passed.emit()
                event.ignore()
                return True
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()
