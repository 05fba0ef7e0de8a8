"""QR codes drawn crisply at any size: segno makes the matrix, QPainter fills whole pixels.

Each module is a square of a whole number of device pixels, with the quiet zone of four
modules the standard asks for, black on white, no smoothing: a phone camera reads it from the
back of the room even on a washed-out projector.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4


def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The dark (True) and light modules of ``text``'s QR code, error correction M or better."""
    import segno  # 50 ms to import: not at the app's start-up, only once a code is shown

    code = segno.make(text, error="m", micro=False)
    return tuple(tuple(bool(cell) for cell in row) for row in code.matrix)


def paint_qr(painter: QPainter, area: QRect, matrix: tuple[tuple[bool, ...], ...]) -> QRect:
    """Paint ``matrix`` centred in ``area`` with whole-pixel modules; returns the code's rect."""
    modules = len(matrix) + 2 * QUIET_ZONE
    side = min(area.width(), area.height())
    module = max(1, side // modules)
    size = module * modules
    left = area.left() + (area.width() - size) // 2
    top = area.top() + (area.height() - size) // 2
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillRect(QRect(left, top, size, size), QColor("#FFFFFF"))
    dark = QColor("#000000")
    for row, cells in enumerate(matrix):
        y = top + (row + QUIET_ZONE) * module
        column = 0
        while column < len(cells):
            if not cells[column]:
                column += 1
                continue
            start = column
            while column < len(cells) and cells[column]:
                column += 1
            x = left + (start + QUIET_ZONE) * module
            painter.fillRect(QRect(x, y, (column - start) * module, module), dark)
    painter.restore()
    return QRect(left, top, size, size)


def qr_image(text: str, pixels: int) -> QImage:
    """A square image of ``text``'s QR code, at most ``pixels`` wide (for saving or tests)."""
    matrix = qr_matrix(text)
    image = QImage(pixels, pixels, QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    paint_qr(painter, image.rect(), matrix)
    painter.end()
    return image


class QrCodeWidget(QWidget):
    """Shows one QR code as large as the widget allows, always square and crisp."""

    def __init__(self, parent: QWidget | None = None, *, minimum: int = 120) -> None:
        super().__init__(parent)
        self.setObjectName("qrCode")
        self._text = ""
        self._matrix: tuple[tuple[bool, ...], ...] = ()
        self._minimum = minimum
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        self._matrix = qr_matrix(text) if text else ()
        self.setToolTip(text)
        self.setAccessibleName(f"QR code for {text}" if text else "")
        self.update()

    def module_pixels(self) -> int:
        """The size of one module on screen (0 when nothing is shown)."""
        if not self._matrix:
            return 0
        return max(1, min(self.width(), self.height()) // (len(self._matrix) + 2 * QUIET_ZONE))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def sizeHint(self) -> QSize:
        return QSize(max(self._minimum, 240), max(self._minimum, 240))

    def minimumSizeHint(self) -> QSize:
        return QSize(self._minimum, self._minimum)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._matrix:
            return
        painter = QPainter(self)
        paint_qr(painter, self.rect(), self._matrix)
        painter.end()
