"""A banner across the top of the main window when nothing the coach changes can be saved.

Shown for a database written by a newer SRE Workshop and for a second window on a data folder
that is already open; the text comes from ``Workspace.read_only_reason``. It sits in a fixed
tool bar area of its own, above the navigation, so no view can cover it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar

_STYLE = (
    "QLabel#readOnlyBanner { background: #fff4ce; color: #3d2e00; border: 1px solid #e0c36c;"
    " border-radius: 4px; padding: 8px 12px; font-weight: 600; }"
)


class ReadOnlyBanner(QToolBar):
    """A non-movable bar holding one wrapped, bold line of text."""

    def __init__(self, text: str, parent: QMainWindow | None = None) -> None:
        super().__init__("Read-only", parent)
        self.setObjectName("readOnlyBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)
        self.label = QLabel(f"Read-only.  {text}", self)
        self.label.setObjectName("readOnlyBanner")
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setStyleSheet(_STYLE)
        self.addWidget(self.label)

    @property
    def text(self) -> str:
        return self.label.text()


def install_read_only_banner(window: QMainWindow, text: str) -> ReadOnlyBanner:
    """Put the banner above everything else in ``window`` (on its own tool bar row)."""
    banner = ReadOnlyBanner(text or "This data is open read-only: nothing you change is saved.")
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, banner)
    window.insertToolBarBreak(banner)
    return banner
