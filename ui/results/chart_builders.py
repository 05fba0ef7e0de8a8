"""Builders that draw the core's chart figures for a :class:`~ui.results.figure_host.FigureHost`.

A builder takes the size the widget has (inches, dots per inch) and returns a new figure from
:func:`sre_workshop.charts.radar_figure` or :func:`sre_workshop.charts.history_figure`, the
same functions the PDF report uses. Nothing here imports matplotlib: the core's functions
import it when they are first called.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from sre_workshop.charts import history_figure, radar_figure
from sre_workshop.model import Dimension
from sre_workshop.scoring import AreaHistory
from ui.results.figure_host import FigureBuilder
from ui.results.results_data import ResultsData

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def radar_builder(
    data: ResultsData, dimension: Dimension, font_scale: Callable[[], float] = lambda: 1.0
) -> FigureBuilder:
    """One dimension's radar for ``data``, overlaid with the compared assessment if any.

    ``font_scale`` is asked at each build, so a window that scales its type with its size (the
    projector) gets charts that match.
    """

    def build(size: tuple[float, float], dpi: int) -> Figure:
        return radar_figure(
            data.points(dimension),
            data.compared_points(dimension),
            level_names=data.level_names,
            current_label=data.current_label,
            compare_label=data.compare_label,
            size=size,
            dpi=dpi,
            font_scale=font_scale(),
        )

    return build


def history_builder(areas: Sequence[AreaHistory], level_names: Sequence[str]) -> FigureBuilder:
    """Each of ``areas``' levels across the team's assessments."""
    areas, level_names = tuple(areas), tuple(level_names)

    def build(size: tuple[float, float], dpi: int) -> Figure:
        return history_figure(areas, level_names=level_names, size=size, dpi=dpi)

    return build
