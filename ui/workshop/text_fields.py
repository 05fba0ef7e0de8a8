"""The facilitation view's typed text: the notes, rationale and reason editors' autosave
(:class:`~ui.workshop.text_capture.TextCapture`) saving through the workshop's undoable edits,
and each field's "Saved", "Saving…" or "Not saved" shown beside it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.workshop.display import EXPECTED_ERRORS, WorkshopDisplay
from ui.workshop.layout import WorkshopLayout
from ui.workshop.state import WorkshopState
from ui.workshop.text_capture import TextCapture

if TYPE_CHECKING:
    from ui.workshop.facilitation_view import FacilitationView


class TextFields:
    def __init__(
        self,
        view: FacilitationView,
        state: WorkshopState,
        layout: WorkshopLayout,
        display: WorkshopDisplay,
    ) -> None:
        self._view = view
        self._state = state
        self._layout = layout
        self._display = display
        self.capture = TextCapture(
            layout.question_panel.notes_edit,
            layout.rating_panel.rationale_edit,
            layout.rating_panel.reason_edit,
            save_notes=self._save_notes,
            save_rationale=self._save_rationale,
            save_reason=self._save_reason,
            parent=view,
        )

    def _save_notes(self, key: str, text: str) -> None:
        self._view.edits.save_notes(key, self._state.question_text(key), text)

    def _save_rationale(self, key: str, text: str) -> None:
        assert self._state.session is not None
        self._view.edits.save_rationale(self._state.session.framework.area(key), text)

    def _save_reason(self, key: str, text: str) -> None:
        assert self._state.session is not None
        self._view.edits.save_reason(self._state.session.framework.area(key), text)

    # --- the capture's signals ---------------------------------------------------------------

    def on_state_changed(self) -> None:
        notes, rationale, reason = self.capture.autosaves
        rating = self._layout.rating_panel
        self._layout.question_panel.show_notes_state(notes.state, notes.error)
        rating.rationale_save.show_state(rationale.state, rationale.error)
        rating.reason_save.show_state(reason.state, reason.error)
        self._display.clear_banner()

    def on_editor_left(self) -> None:
        """Typing after this is a new undo step."""
        self._view.edits.new_typing_burst()

    def on_save_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, EXPECTED_ERRORS):
            self._view.report_failure(exc, "What you typed was not saved.")
