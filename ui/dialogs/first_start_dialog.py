"""``FirstStartDialog``: the welcome on an empty data folder.

It says in one sentence what the app is for and offers the two ways to begin (the demo team, or
the first real team) or "Later". The main window reads ``choice`` and triggers the library's
actions; this dialog changes no data itself.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

WELCOME = (
    "SRE Workshop helps you run an SRE maturity assessment with a product delivery team: walk "
    "the room through the six Westrum culture aspects and ten process areas, agree a level for "
    "each, and reassess every six months to see what changed."
)


class FirstStartChoice(Enum):
    LOAD_DEMO = "load_demo"
    CREATE_TEAM = "create_team"
    LATER = "later"


class FirstStartDialog(QDialog):
    """Welcome; ``choice`` says which button closed it (``LATER`` for Esc or the close box)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = FirstStartChoice.LATER
        self.setObjectName("firstStartDialog")
        self.setWindowTitle("Welcome to SRE Workshop")
        self.setMinimumWidth(560)

        title = QLabel("Welcome to SRE Workshop")
        font = title.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        welcome = QLabel(WELCOME)
        welcome.setObjectName("welcomeText")
        welcome.setWordWrap(True)
        hint = QLabel(
            "Look around with the demo team (an original assessment and its reassessment, "
            "removable in one step), or create the first team you will assess."
        )
        hint.setWordWrap(True)

        self.load_demo_button = QPushButton("&Load the demo team")
        self.load_demo_button.setObjectName("firstStartLoadDemo")
        self.create_team_button = QPushButton("&Create the first team")
        self.create_team_button.setObjectName("firstStartCreateTeam")
        self.later_button = QPushButton("L&ater")
        self.later_button.setObjectName("firstStartLater")
        self.load_demo_button.setDefault(True)
        self.load_demo_button.clicked.connect(self.on_load_demo_button_clicked)
        self.create_team_button.clicked.connect(self.on_create_team_button_clicked)
        self.later_button.clicked.connect(self.on_later_button_clicked)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.load_demo_button)
        buttons.addWidget(self.create_team_button)
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(welcome)
        layout.addWidget(hint)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        self.load_demo_button.setFocus()

    def _close_with(self, choice: FirstStartChoice) -> None:
        if choice is FirstStartChoice.LATER:
            self.reject()
        else:
            self.choice = choice
            self.accept()

    @Slot()
    def on_load_demo_button_clicked(self) -> None:
        self._close_with(FirstStartChoice.LOAD_DEMO)

    @Slot()
    def on_create_team_button_clicked(self) -> None:
        self._close_with(FirstStartChoice.CREATE_TEAM)

    @Slot()
    def on_later_button_clicked(self) -> None:
        self._close_with(FirstStartChoice.LATER)

    def reject(self) -> None:
        """Esc and the close box mean "Later"."""
        self.choice = FirstStartChoice.LATER
        super().reject()
