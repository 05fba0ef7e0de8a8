"""How an editor's text stands: "✓ Saved", "Saving…" or "⚠ Not saved" with the reason.

A :class:`SaveIndicator` owns two labels: a short state for the editor's heading, and the
reason of a failure on its own wrapped line under it (shown only then), so a long message
such as a full disk's path never widens the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ui.workshop.autosave import SaveState
from ui.workshop.style import restyle

_SHORT = {
    SaveState.SAVED: "✓ Saved",
    SaveState.PENDING: "Saving…",
    SaveState.FAILED: "⚠ Not saved",
}


class SaveIndicator:
    def __init__(self, parent: QWidget) -> None:
        self.state_label = QLabel(_SHORT[SaveState.SAVED], parent)
        self.state_label.setObjectName("saveState")
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.error_label = QLabel(parent)
        self.error_label.setObjectName("saveError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

    def show_state(self, state: SaveState, error: BaseException | None) -> None:
        self.state_label.setText(_SHORT[state])
        if self.state_label.property("state") != state.value:
            self.state_label.setProperty("state", state.value)
            restyle(self.state_label)
        failed = state is SaveState.FAILED
        self.error_label.setVisible(failed)
        self.error_label.setText(
            f"Not saved — {str(error).rstrip('.')}. The text stays here; saving is retried "
            "as you type."
            if failed
            else ""
        )
