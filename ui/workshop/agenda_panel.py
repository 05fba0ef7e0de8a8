"""The left column of the facilitation view: the agenda with progress, and the live radar.

The agenda is a tree (dimension, then area) over :class:`~ui.workshop.agenda_model.AgendaModel`;
clicking an area goes there (the keyboard uses Ctrl+Up/Down, so the tree never takes focus).
Below it, a small :class:`~ui.widgets.radar_canvas.RadarCanvas` of the levels agreed so far
in the current area's dimension.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from sre_workshop.charts import RadarPoint
from ui.widgets.radar_canvas import RadarCanvas
from ui.workshop.agenda_model import AgendaModel, AreaKeyRole

#: The live radar's type grows with its width between these scales (labels stay legible on a
#: narrow column; a wide one gets larger type).
RADAR_SCALE_RANGE = (0.6, 0.9)
_RADAR_SCALE_WIDTH = 440
LEGEND = "✓ level agreed · ✎ notes taken · n/a not applicable · ⚑ flagged"


class AgendaPanel(QWidget):
    #: An area of the agenda was clicked (its key).
    area_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 4, 10)
        layout.setSpacing(6)
        heading = QLabel("AGENDA", self)
        heading.setObjectName("sectionHeading")
        layout.addWidget(heading)
        self.model = AgendaModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("agenda")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tree.setIndentation(10)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QTreeView.SelectionMode.NoSelection)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.tree, 3)
        legend = QLabel(LEGEND, self)
        legend.setObjectName("legend")
        legend.setWordWrap(True)
        layout.addWidget(legend)
        self.radar_heading = QLabel(self)
        self.radar_heading.setObjectName("sectionHeading")
        layout.addWidget(self.radar_heading)
        self.radar = RadarCanvas(self, minimum=QSize(200, 240))
        layout.addWidget(self.radar, 2)
        self.setMinimumWidth(220)
        self._radar_points: tuple[RadarPoint, ...] = ()
        self._level_names: tuple[str, ...] = ()
        self._radar_scale = 0.0
        self.tree.clicked.connect(self.on_tree_clicked)

    def agenda_loaded(self) -> None:
        """After the model was filled: open the groups, and size the tree to its rows."""
        self.tree.expandAll()
        model = self.model
        rows = model.rowCount() + sum(
            model.rowCount(model.index(group, 0)) for group in range(model.rowCount())
        )
        row_height = max(self.tree.sizeHintForRow(0), self.tree.fontMetrics().height() + 8)
        self.tree.setMaximumHeight(rows * row_height + 2 * self.tree.frameWidth() + 12)

    def show_current(self, area_key: str) -> None:
        self.model.set_current(area_key)
        self.tree.scrollTo(self.model.index_of(area_key))

    def show_radar(
        self, dimension: str, points: Sequence[RadarPoint], level_names: Sequence[str]
    ) -> None:
        self.radar_heading.setText(f"{dimension.upper()} SO FAR")
        self._radar_points, self._level_names = tuple(points), tuple(level_names)
        self._draw_radar()

    def _wanted_scale(self) -> float:
        low, high = RADAR_SCALE_RANGE
        return round(max(low, min(high, self.radar.width() / _RADAR_SCALE_WIDTH)), 2)

    def _draw_radar(self) -> None:
        if self._radar_points:
            self._radar_scale = self._wanted_scale()
            self.radar.set_points(
                self._radar_points, font_scale=self._radar_scale, level_names=self._level_names
            )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._radar_points and abs(self._wanted_scale() - self._radar_scale) > 0.04:
            self._draw_radar()

    @Slot(QModelIndex)
    def on_tree_clicked(self, index: QModelIndex) -> None:
        key = index.data(AreaKeyRole)
        if isinstance(key, str):
            self.area_clicked.emit(key)
