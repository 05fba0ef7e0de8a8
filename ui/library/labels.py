"""Fonts and labels the library's panels share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel


def scaled_font(base: QFont, factor: float, *, bold: bool = True) -> QFont:
    """``base`` made ``factor`` times larger (and bold unless told otherwise), for headings."""
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        font.setPixelSize(round(font.pixelSize() * factor))
    font.setBold(bold)
    return font


def plain_label(text: str = "", *, selectable: bool = False, wrap: bool = True) -> QLabel:
    """A label for text the coach typed: never interpreted as markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
