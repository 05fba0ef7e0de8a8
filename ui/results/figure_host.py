"""A matplotlib Figure inside a Qt widget, rebuilt to fit whenever the widget's size changes.

The results charts come from the core's pure figure functions, which lay a chart out for one
size (room for the spoke labels, the legend, the ring labels). So instead of stretching a
figure, this widget keeps a *builder* (size in inches and dpi -> Figure) and calls it again when
it is first shown and after a resize settles. matplotlib's Qt canvas is imported on the first
build, never when this module is imported, so the app starts without paying for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

#: Builds a figure of the given size (inches) at the given dots per inch.
FigureBuilder = Callable[[tuple[float, float], int], "Figure"]

#: Figure pixels per inch: one figure inch is this many widget pixels.
FIGURE_DPI = 100
#: Size used to build a figure for a widget that was never laid out (hidden, in tests).
_FALLBACK_SIZE = QSize(640, 520)
#: Rebuild after a resize only when a side changed by more than this fraction.
_RESIZE_SLACK = 0.02
_RESIZE_DEBOUNCE_MS = 120


class FigureHost(QWidget):
    """Shows the figure its builder makes, at the widget's size."""

    figure_built = Signal()

    def __init__(self, parent: QWidget | None = None, *, minimum: QSize | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._builder: FigureBuilder | None = None
        self._canvas: FigureCanvasQTAgg | None = None
        self._figure: Figure | None = None
        self._built_size = QSize()
        self._dirty = False
        self._builds = 0
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(_RESIZE_DEBOUNCE_MS)
        self._resize_timer.timeout.connect(self.on_resize_timer_timeout)
        self.setMinimumSize(minimum or QSize(240, 220))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # --- public API ------------------------------------------------------------------------

    def set_builder(self, builder: FigureBuilder | None) -> None:
        """Show what ``builder`` draws (None: show nothing); built now if visible, else on show."""
        self._builder = builder
        self._dirty = True
        if builder is None:
            self._drop_canvas()
            self._figure = None
            self._dirty = False
        elif self.isVisible():
            self._build()

    @property
    def figure(self) -> Figure | None:
        """The figure shown (built now if it is due), or None without a builder."""
        if self._dirty:
            self._build()
        return self._figure

    @property
    def builds(self) -> int:
        """How many figures were built so far (tests check that resizes do not rebuild a lot)."""
        return self._builds

    def sizeHint(self) -> QSize:
        # The canvas would hint at its figure's size and make layouts grow with every rebuild.
        return QSize(480, 400)

    # --- building ----------------------------------------------------------------------------

    def _target_size(self) -> QSize:
        size = self.size()
        if size.width() < 80 or size.height() < 80:
            return _FALLBACK_SIZE
        return size

    def _build(self) -> None:
        self._dirty = False
        if self._builder is None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        size = self._target_size()
        figure = self._builder((size.width() / FIGURE_DPI, size.height() / FIGURE_DPI), FIGURE_DPI)
        canvas = FigureCanvasQTAgg(figure)
        canvas.setParent(self)
        canvas.setMinimumSize(QSize(1, 1))
        canvas.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._drop_canvas()
        self._layout.addWidget(canvas)
        if self.isVisible():
            canvas.show()  # at once: the layout would show it only on the next event loop pass
        self._canvas, self._figure = canvas, figure
        self._built_size = QSize(size)
        self._builds += 1
        canvas.draw_idle()
        self.figure_built.emit()

    def _drop_canvas(self) -> None:
        if self._canvas is not None:
            self._layout.removeWidget(self._canvas)
            self._canvas.hide()
            self._canvas.deleteLater()
            self._canvas = None

    def _needs_rebuild_for_size(self) -> bool:
        if self._builder is None or self._built_size.isEmpty():
            return False
        size = self.size()
        if size.width() < 80 or size.height() < 80:
            return False
        built = self._built_size
        width_change = abs(size.width() - built.width()) / built.width()
        height_change = abs(size.height() - built.height()) / built.height()
        return max(width_change, height_change) > _RESIZE_SLACK

    # --- events ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self._build()
        elif self._needs_rebuild_for_size():
            self._resize_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible() and self._needs_rebuild_for_size():
            self._resize_timer.start()

    @Slot()
    def on_resize_timer_timeout(self) -> None:
        # The timer can fire while a closing window tears this widget down.
        if not shiboken6.isValid(self):
            return
        if self.isVisible() and self._needs_rebuild_for_size():
            self._build()
