"""The bar across the top of the facilitation view: what is being run, the clock, the room.

Left, back to the library and the team, assessment and date; right, the workshop clock with
pause, and the room controls (projector, reveal votes, all keys). Its buttons show the view's
actions (text, checked state and shortcut come from the action), and never take focus, so the
keyboard stays with the workshop.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from ui.workshop.style import ElidedLabel, restyle


class SessionBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 12, 6)
        layout.setSpacing(8)
        self.library_button = self._button()
        layout.addWidget(self.library_button)
        self.title_label = ElidedLabel(self)
        self.title_label.setObjectName("sessionTitle")
        layout.addWidget(self.title_label, 1)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("sessionStatus")
        layout.addWidget(self.status_label)
        layout.addSpacing(10)
        caption = QLabel("Workshop time", self)
        caption.setObjectName("clockCaption")
        layout.addWidget(caption)
        self.clock_label = QLabel("00:00", self)
        self.clock_label.setObjectName("overallClock")
        self.clock_label.setMinimumWidth(86)
        layout.addWidget(self.clock_label)
        self.pause_button = self._button()
        layout.addWidget(self.pause_button)
        layout.addSpacing(14)
        self.presenter_button = self._button()
        self.reveal_button = self._button()
        self.keys_button = self._button()
        for button in (self.presenter_button, self.reveal_button, self.keys_button):
            layout.addWidget(button)

    def _button(self) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName("barButton")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def set_actions(
        self,
        *,
        library: QAction,
        pause: QAction,
        presenter: QAction,
        reveal: QAction,
        keys: QAction,
    ) -> None:
        for button, action in (
            (self.library_button, library),
            (self.pause_button, pause),
            (self.presenter_button, presenter),
            (self.reveal_button, reveal),
            (self.keys_button, keys),
        ):
            button.setDefaultAction(action)

    def show_session(self, title: str, status: str) -> None:
        self.title_label.setText(title)
        self.status_label.setText(status)

    def show_clock(self, text: str, paused: bool) -> None:
        self.clock_label.setText(f"{text}  paused" if paused else text)
        if self.clock_label.property("paused") != paused:
            self.clock_label.setProperty("paused", paused)
            restyle(self.clock_label)
