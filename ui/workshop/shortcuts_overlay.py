"""The F1 overlay: every workshop key, grouped, in a clear two-column table.

It is built from :data:`ui.workshop.keymap.KEYMAP`, the same table the view binds its keys
from, so the overlay can never list a key that does something else. It covers the window with a
translucent backdrop; Esc, F1 or a click closes it, and while it is open no other workshop key
fires (it claims every key), so a stray digit cannot rate behind it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.workshop.keymap import KEYMAP, Group, KeyBinding, grouped

#: Which groups go in which column, so the two columns come out about equally tall.
_COLUMNS = ((Group.NAVIGATE, Group.ROOM, Group.APP), (Group.CAPTURE,))

_STYLE = """
QFrame#shortcutsCard { background: #FFFFFF; border-radius: 10px; }
QLabel#shortcutsTitle { font-size: 20pt; font-weight: 600; color: #1B2430; }
QLabel#shortcutsIntro { font-size: 10.5pt; color: #4A5563; }
QLabel#shortcutsGroup { font-size: 11pt; font-weight: 700; color: #0B5394;
    padding-top: 8px; border-bottom: 1px solid #D5DCE4; }
QLabel#shortcutKeys { font-family: "DejaVu Sans Mono", monospace; font-size: 10.5pt;
    font-weight: 600; color: #1B2430; background: #EEF2F6; border: 1px solid #C9D2DC;
    border-radius: 4px; padding: 1px 6px; }
QLabel#shortcutText { font-size: 10.5pt; color: #1B2430; }
QLabel#shortcutMark { font-size: 10.5pt; color: #0B5394; font-weight: 700; }
QLabel#shortcutsFooter { font-size: 10pt; color: #4A5563; }
"""


class ShortcutsOverlay(QWidget):
    """A translucent sheet over a window listing the keymap; closes on Esc, F1 or a click."""

    #: The overlay was closed.
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsOverlay")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self.setStyleSheet(_STYLE)
        self._previous_focus: QWidget | None = None
        self.rows: list[tuple[KeyBinding, QLabel, QLabel]] = []

        card = QFrame(self)
        card.setObjectName("shortcutsCard")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(28, 22, 28, 18)
        card_layout.setSpacing(6)
        title = QLabel("Keyboard shortcuts", card)
        title.setObjectName("shortcutsTitle")
        intro = QLabel(
            "The whole workshop runs from the keyboard. Letters and digits act when no text "
            "field has focus, so typing notes never rates. Keys marked ✎ also work while you "
            "type.",
            card,
        )
        intro.setObjectName("shortcutsIntro")
        intro.setWordWrap(True)
        card_layout.addWidget(title)
        card_layout.addWidget(intro)

        columns = QHBoxLayout()
        columns.setSpacing(36)
        by_group = dict(grouped())
        for groups in _COLUMNS:
            grid = QGridLayout()
            grid.setHorizontalSpacing(14)
            grid.setVerticalSpacing(5)
            row = 0
            for group in groups:
                heading = QLabel(group.value, card)
                heading.setObjectName("shortcutsGroup")
                grid.addWidget(heading, row, 0, 1, 3)
                row += 1
                for entry in by_group[group]:
                    keys = QLabel(entry.display_keys(), card)
                    keys.setObjectName("shortcutKeys")
                    keys.setAlignment(Qt.AlignmentFlag.AlignCenter)
                    text = QLabel(entry.overlay_text(), card)
                    text.setObjectName("shortcutText")
                    text.setWordWrap(True)
                    mark = QLabel("✎" if entry.works_while_typing else "", card)
                    mark.setObjectName("shortcutMark")
                    if entry.works_while_typing:
                        mark.setToolTip("Also works while you type")
                    grid.addWidget(
                        keys, row, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                    )
                    grid.addWidget(mark, row, 1, Qt.AlignmentFlag.AlignTop)
                    grid.addWidget(text, row, 2, Qt.AlignmentFlag.AlignTop)
                    self.rows.append((entry, keys, text))
                    row += 1
            grid.setColumnStretch(2, 1)
            grid.setRowStretch(row, 1)
            columns.addLayout(grid, 1)
        card_layout.addLayout(columns)
        footer = QLabel("Esc or F1 closes this list.", card)
        footer.setObjectName("shortcutsFooter")
        footer.setAlignment(Qt.AlignmentFlag.AlignRight)
        card_layout.addWidget(footer)
        self._card = card
        assert len(self.rows) == len(KEYMAP)
        parent.installEventFilter(self)
        self.hide()

    # --- showing ---------------------------------------------------------------------------

    def open(self) -> None:
        parent = self.parentWidget()
        assert parent is not None
        focus = parent.window().focusWidget()
        self._previous_focus = focus if focus is not self else None
        self._fit()
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_overlay(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        if self._previous_focus is not None:
            self._previous_focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._previous_focus = None
        self.closed.emit()

    def toggle(self) -> None:
        if self.isVisible():
            self.close_overlay()
        else:
            self.open()

    def texts(self) -> list[str]:
        """Every key and description shown (tests compare them with the keymap)."""
        return [label.text() for _, keys, text in self.rows for label in (keys, text)]

    def _fit(self) -> None:
        parent = self.parentWidget()
        assert parent is not None
        self.setGeometry(parent.rect())
        width = min(self.width() - 40, 1100)
        self._card.setFixedWidth(max(width, 320))
        self._card.adjustSize()
        height = min(self._card.sizeHint().height(), self.height() - 24)
        self._card.resize(self._card.width(), height)
        self._card.move(
            (self.width() - self._card.width()) // 2, max(12, (self.height() - height) // 2)
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.parentWidget()
            and event.type() == QEvent.Type.Resize
            and self.isVisible()
        ):
            self._fit()
        return super().eventFilter(watched, event)

    # --- keys and mouse --------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # every key comes here while the overlay is open
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1):
            self.close_overlay()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.close_overlay()
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(16, 24, 32, 150))
        painter.end()


def overlay_of(window: QWidget) -> ShortcutsOverlay | None:
    """The overlay already made for ``window``, if any (one per window)."""
    for child in window.children():
        if isinstance(child, ShortcutsOverlay):
            return child
    return None


def toggle_shortcuts_overlay(window: QWidget) -> ShortcutsOverlay:
    """Open or close ``window``'s overlay (made on first use): F1 from any page."""
    overlay = overlay_of(window)
    if overlay is None:
        overlay = ShortcutsOverlay(window)
    overlay.toggle()
    return overlay
