"""The radar charts of the report: the app's own figures, rendered for print.

The figures come from :func:`sre_workshop.charts.radar_figure`, the function the results view
uses, so the PDF shows exactly what the coach saw. svglib is not a dependency, so the charts
are embedded as PNG rendered at :data:`PRINT_DPI` (300 dpi) and drawn at the figure's own
physical size: crisp on any printer, and the chart's 9 pt labels print at 9 pt.
"""

from __future__ import annotations

from sre_workshop.charts import RadarPoint, figure_to_png, radar_figure, radar_points
from sre_workshop.model import Dimension
from sre_workshop.report.content import ReportContent
from sre_workshop.report.formatting import short_date
from sre_workshop.report.rl import Flowable, image

__all__ = ["PRINT_DPI", "radar_image"]

PRINT_DPI = 300


def _compared_points(content: ReportContent, keys: list[str]) -> list[RadarPoint] | None:
    compared = content.compared
    if compared is None:
        return None
    points = []
    for key in keys:
        area = content.framework.area(key)
        if compared.framework.has_area(key):
            then = radar_points(compared.record, compared.framework, area.dimension, areas=[key])[0]
            points.append(RadarPoint(area.chart_label, then.level, then.not_applicable))
        else:
            points.append(RadarPoint(area.chart_label, None))
    return points


def radar_image(
    content: ReportContent, dimension: Dimension, width: float, height: float
) -> Flowable | None:
    """A reportlab Image of the dimension's radar (``width`` x ``height`` points), or None
    when no area of the dimension is in scope."""
    keys = [area.key for area in content.areas if area.dimension is dimension]
    if not keys:
        return None
    points = radar_points(content.record, content.framework, dimension, areas=keys)
    compared = content.compared
    figure = radar_figure(
        points,
        _compared_points(content, keys),
        level_names=[level.name for level in content.framework.levels],
        current_label=f"This assessment ({short_date(content.assessment.date)})",
        compare_label=(
            f"{compared.kind.capitalize()} assessment ({short_date(compared.assessment.date)})"
            if compared
            else "Compared"
        ),
        size=(width / 72, height / 72),
        dpi=100,
    )
    return image(figure_to_png(figure, dpi=PRINT_DPI), width, height)
