"""The library's notice: a short, non-blocking message that hides itself after a while."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

NOTICE_STYLE = (
    "QLabel { color: #1d3a5c; background: #eef4fb; border: 1px solid #c9dcf0;"
    " border-radius: 4px; padding: 6px 10px; }"
)
NOTICE_MILLISECONDS = 20_000


class NoticeLabel(QLabel):
    """Hidden until :meth:`show_notice`; the text stays selectable (a backup's path, say)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryNotice")
        self.setWordWrap(True)
        self.setStyleSheet(NOTICE_STYLE)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTICE_MILLISECONDS)
        self._timer.timeout.connect(self.hide)

    def show_notice(self, text: str) -> None:
        """Show ``text`` for ``NOTICE_MILLISECONDS``, replacing any notice still shown."""
        self.setText(text)
        self.show()
        self._timer.start()
