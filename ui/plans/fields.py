"""Form pieces shared by the plans dialogs: wrapped one-paragraph text, optional dates, errors.

An ``InlineError`` sits under its field and says what is wrong in words, with a warning icon,
so a refused entry never depends on colour and the dialog stays open with everything typed.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QWidget,
)

DATE_FORMAT = "d MMM yyyy"
ERROR_STYLE = "QLabel#inlineErrorText { color: #8a1c1c; font-weight: 600; }"


def one_line(text: str) -> str:
    """Text with every run of whitespace (line breaks too) folded into one space."""
    return " ".join(text.split())


def error_sentence(message: str) -> str:
    """``customer outcome must not be empty`` → ``The customer outcome must not be empty.``"""
    message = message.strip().rstrip(".")
    if message and message[0].islower() and not message.startswith(("an ", "a ")):
        message = f"The {message}"
    return message[:1].upper() + message[1:] + "."


class ParagraphEdit(QPlainTextEdit):
    """A short, wrapped text field: Tab moves on; Return saves the dialog unless told not to.

    Hypothesis parts and action texts are one phrase, so Return there means "done"; evidence
    notes are free text, so there Return starts a new line (``return_saves=False``).
    """

    def __init__(
        self, lines: int = 2, parent: QWidget | None = None, *, return_saves: bool = True
    ) -> None:
        super().__init__(parent)
        self.return_saves = return_saves
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        margins = self.contentsMargins()
        document_margin = int(self.document().documentMargin())
        height = (
            self.fontMetrics().lineSpacing() * lines
            + 2 * document_margin
            + margins.top()
            + margins.bottom()
            + 4
        )
        self.setFixedHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            self.return_saves
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not (event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        ):
            event.ignore()
            return
        super().keyPressEvent(event)

    def text(self) -> str:
        return self.toPlainText()


class InlineError(QWidget):
    """A warning icon and a sentence under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inlineError")
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel()
        self.label.setObjectName("inlineErrorText")
        self.label.setStyleSheet(ERROR_STYLE)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(6)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.hide()

    def text(self) -> str:
        return self.label.text() if not self.isHidden() else ""

    def show_message(self, message: str) -> None:
        self.label.setText(message)
        self.setAccessibleName(message)
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self.hide()


class OptionalDateField(QWidget):
    """A check box that switches a date on or off (“no date”) and the date itself."""

    #: The date was switched on or off, or changed.
    date_changed = Signal()

    def __init__(self, check_text: str, default: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(check_text)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(DATE_FORMAT)
        self.edit.setDate(QDate(default.year, default.month, default.day))
        self.edit.setEnabled(False)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("28 Sep 2026") + 60)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.check.toggled.connect(self.on_check_toggled)
        self.edit.dateChanged.connect(self.date_changed)

    @Slot(bool)
    def on_check_toggled(self, checked: bool) -> None:
        self.edit.setEnabled(checked)
        self.date_changed.emit()

    def value(self) -> dt.date | None:
        if not self.check.isChecked():
            return None
        day = self.edit.date()
        return dt.date(day.year(), day.month(), day.day())

    def set_value(self, day: dt.date | None) -> None:
        if day is not None:
            self.edit.setDate(QDate(day.year, day.month, day.day))
        self.check.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
