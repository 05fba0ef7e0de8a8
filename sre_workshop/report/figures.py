"""The radar charts of the report: the app's own figures, rendered for print.

The figures come from :func:`sre_workshop.charts.radar_figure`, the function the results view
uses, so the PDF shows exactly what the coach saw. svglib is not a dependency, so the charts
are embedded as images rendered at :data:`PRINT_DPI` and drawn at the figure's own physical
size, so the chart's 9 pt labels print at 9 pt. The pixels go into the PDF as they are
(reportlab compresses them), never through a PNG that reportlab would only decode again (that
round trip cost 0.4 s per chart), and only when the page is drawn, so one chart's pixels are
in memory at a time. See docs/performance.md for the figures behind these choices.
"""

from __future__ import annotations

from sre_workshop.charts import RadarPoint, figure_to_image, radar_figure, radar_points
from sre_workshop.model import Dimension
from sre_workshop.report.content import ReportContent
from sre_workshop.report.formatting import short_date
from sre_workshop.report.rl import Flowable, image

__all__ = ["PRINT_DPI", "radar_image"]

#: At least 200 dots per inch on paper (a little over, so rounding to whole pixels never
#: drops below): sharp on office printers. 300 dpi made a report export peak 40 MB higher,
#: past the app's memory budget, for no difference a reader of a printed A4 page can see.
PRINT_DPI = 210


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
    return image(lambda: figure_to_image(figure, dpi=PRINT_DPI), width, height)
