"""The library's right side while there are no teams: the two ways to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.library.labels import scaled_font
from ui.widgets.actions import action_button

EMPTY_TITLE = "No teams yet — create the first team or load the demo team"


class EmptyState(QWidget):
    """A friendly title, what a team is, and buttons for ``new_team`` and ``load_demo``."""

    def __init__(
        self, new_team: QAction, load_demo: QAction, base_font: QFont, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        title = QLabel(EMPTY_TITLE)
        title.setObjectName("emptyStateTitle")
        title.setFont(scaled_font(base_font, 1.45))
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            "A team is the product delivery group you assess: developers, operations and "
            "product management who build and run the same product. The demo team comes with "
            "an original assessment and its six-month reassessment, so you can look around "
            "before your first workshop; it is removed again in one step."
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.create_first_button = action_button(new_team, "&Create the First Team…")
        self.create_first_button.setObjectName("createFirstTeamButton")
        self.create_first_button.setDefault(True)
        self.load_demo_button = action_button(load_demo, "&Load the Demo Team")
        self.load_demo_button.setObjectName("loadDemoButton")
        for button in (self.create_first_button, self.load_demo_button):
            button.setMinimumHeight(36)
            button.setMinimumWidth(200)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addStretch(1)
        buttons.addWidget(self.create_first_button)
        buttons.addWidget(self.load_demo_button)
        buttons.addStretch(1)

        content = QWidget()
        content.setMaximumWidth(680)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        column.addWidget(title)
        column.addWidget(text)
        column.addSpacing(8)
        column.addLayout(buttons)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(content, 100)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addStretch(2)
        layout.addLayout(centred)
        layout.addStretch(3)
