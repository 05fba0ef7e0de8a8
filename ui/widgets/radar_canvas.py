"""A radar chart of maturity levels inside a Qt widget, updated in place as the room rates.

The figure is the core's :func:`sre_workshop.charts.radar_figure`; this widget only wraps it in
matplotlib's ``FigureCanvasQTAgg``. matplotlib is imported on the first :meth:`RadarCanvas.
set_points`, never when this module is imported, so the app starts without paying for it.

Later calls use :func:`sre_workshop.charts.update_radar` and ``draw_idle()`` (cheap: the lines
move, nothing is rebuilt). The figure is rebuilt only when its shape changes (another number of
spokes, a comparison added or dropped, another title or font scale) or when the widget was
resized so much that the labels would no longer fit around the circle.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from sre_workshop import charts
from sre_workshop.charts import RadarPoint

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

#: Pixels per inch of the figure; the canvas maps widget pixels to figure inches with it.
FIGURE_DPI = 100
#: Rebuild after a resize only when a side changed by more than this fraction.
_RESIZE_SLACK = 0.12
_RESIZE_DEBOUNCE_MS = 150


class RadarCanvas(QWidget):
    """A live radar chart: ``set_points`` draws it, and redraws it in place afterwards."""

    def __init__(self, parent: QWidget | None = None, *, minimum: QSize | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("radarCanvas")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._canvas: FigureCanvasQTAgg | None = None
        self._figure: Figure | None = None
        self._shape: tuple[object, ...] | None = None
        self._built_size = QSize()
        self._points: tuple[RadarPoint, ...] = ()
        self._compare_to: tuple[RadarPoint, ...] | None = None
        self._title: str | None = None
        self._font_scale = 1.0
        self._level_names: tuple[str, ...] = charts.LEVEL_NAMES_DEFAULT
        self._redraw_requests = 0
        self._rebuilds = 0
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(_RESIZE_DEBOUNCE_MS)
        self._resize_timer.timeout.connect(self.on_resize_timer_timeout)
        self.setMinimumSize(minimum or QSize(160, 160))

    # --- public API ------------------------------------------------------------------------

    @property
    def redraw_requests(self) -> int:
        """How many times a draw was requested (each ``set_points`` counts once)."""
        return self._redraw_requests

    @property
    def rebuilds(self) -> int:
        """How many times a whole figure was built (the first draw counts once)."""
        return self._rebuilds

    @property
    def figure(self) -> Figure | None:
        """The matplotlib Figure shown, or None before the first ``set_points``."""
        return self._figure

    @property
    def points(self) -> tuple[RadarPoint, ...]:
        """The points last drawn (tests and the presenter read them)."""
        return self._points

    def set_points(
        self,
        points: Sequence[RadarPoint],
        compare_to: Sequence[RadarPoint] | None = None,
        *,
        title: str | None = None,
        font_scale: float = 1.0,
        level_names: Sequence[str] | None = None,
    ) -> None:
        """Show ``points`` (and a comparison): in place when the chart's shape is unchanged."""
        self._points = tuple(points)
        self._compare_to = tuple(compare_to) if compare_to is not None else None
        self._title = title
        self._font_scale = font_scale
        if level_names is not None:
            self._level_names = tuple(level_names)
        self._redraw_requests += 1
        if not self._points:
            return
        shape = (
            len(self._points),
            self._compare_to is not None,
            title,
            font_scale,
            self._level_names,
        )
        if self._figure is None or shape != self._shape:
            self._rebuild()
            return
        charts.update_radar(self._figure, self._points, self._compare_to)
        assert self._canvas is not None
        self._canvas.draw_idle()

    # --- building the figure ---------------------------------------------------------------

    def _figure_size(self) -> tuple[float, float]:
        size = self.size()
        if size.width() < 80 or size.height() < 80:
            size = self.minimumSize().expandedTo(QSize(240, 240))
        return size.width() / FIGURE_DPI, size.height() / FIGURE_DPI

    def _rebuild(self) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        width, height = self._figure_size()
        figure = charts.radar_figure(
            self._points,
            self._compare_to,
            level_names=self._level_names,
            title=self._title,
            size=(width, height),
            dpi=FIGURE_DPI,
            font_scale=self._font_scale,
        )
        canvas = FigureCanvasQTAgg(figure)
        canvas.setParent(self)
        canvas.setMinimumSize(QSize(1, 1))
        if self._canvas is not None:
            self._layout.removeWidget(self._canvas)
            self._canvas.hide()
            self._canvas.deleteLater()
        self._layout.addWidget(canvas)
        self._canvas, self._figure = canvas, figure
        self._shape = (
            len(self._points),
            self._compare_to is not None,
            self._title,
            self._font_scale,
            self._level_names,
        )
        self._built_size = QSize(round(width * FIGURE_DPI), round(height * FIGURE_DPI))
        self._rebuilds += 1
        canvas.draw_idle()

    def _needs_rebuild_for_size(self) -> bool:
        if self._figure is None or self._built_size.isEmpty():
            return False
        size = self.size()
        if size.width() < 80 or size.height() < 80:
            return False
        width_change = abs(size.width() - self._built_size.width()) / self._built_size.width()
        height_change = abs(size.height() - self._built_size.height()) / self._built_size.height()
        return max(width_change, height_change) > _RESIZE_SLACK

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._needs_rebuild_for_size():
            self._resize_timer.start()

    @Slot()
    def on_resize_timer_timeout(self) -> None:
        if self._needs_rebuild_for_size() and self._points:
            self._rebuild()
