"""Where the keyboard goes in the workshop: into an editor or a tally (E, R, T, S, and the reason
field after N) and back to the view (Esc), which saves what was typed as the editor loses focus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ui.workshop.layout import WorkshopLayout
from ui.workshop.state import WorkshopState

if TYPE_CHECKING:
    from ui.workshop.facilitation_view import FacilitationView


class FocusMoves:
    def __init__(
        self, view: FacilitationView, state: WorkshopState, layout: WorkshopLayout
    ) -> None:
        self._view = view
        self._state = state
        self._layout = layout

    def _focus(self, widget: QWidget) -> None:
        window = self._view.window()
        if not window.isActiveWindow():
            window.activateWindow()  # the key came from the presenter window
        if not (widget.isEnabled() and widget.isVisible()):
            return
        if self._layout.rating_panel.isAncestorOf(widget):
            self._layout.rating_scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def edit_notes(self) -> None:
        if self._state.current_question_key() is not None:
            self._focus(self._layout.question_panel.notes_edit)

    def edit_rationale(self) -> None:
        self._focus(self._layout.rating_panel.rationale_edit)

    def edit_reason(self) -> None:
        self._focus(self._layout.rating_panel.reason_edit)

    def focus_vote_tally(self) -> None:
        self._focus(self._layout.rating_panel.vote_tally)

    def focus_survey_tally(self) -> None:
        area = self._state.current_area()
        if area is not None and area.survey_statement is not None:
            self._focus(self._layout.rating_panel.survey_tally)

    def leave_editor(self) -> None:
        """Esc: back to the view (an editor saves as it loses focus)."""
        self._view.setFocus(Qt.FocusReason.ShortcutFocusReason)
