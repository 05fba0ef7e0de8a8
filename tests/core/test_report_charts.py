"""The report's vector radars: the same chart as the app's matplotlib figure, drawn by reportlab.

They must keep the figure's look (colours, line styles, markers, geometry, labels) and its
rules (a gap for a missing value, "(n/a)" on not-applicable spokes, a legend only with a
comparison), and put their labels into the PDF as text.
"""

from __future__ import annotations

import io
import math
from typing import Any

import pytest
from matplotlib.colors import to_hex
from pypdf import PdfReader

from sre_workshop.charts import (
    COMPARED_GID,
    CURRENT_GID,
    RADAR_COMPARED_STYLE,
    RADAR_CURRENT_STYLE,
    RadarPoint,
    RadarSeriesStyle,
    radar_figure,
)
from sre_workshop.report.figures import radar_drawing
from sre_workshop.report.fonts import ITALIC, REGULAR

WIDTH, HEIGHT = 481.9, 425.2  # the report's chart: frame width x 150 mm
LEVELS = ("Ad hoc", "Reactive", "Defined", "Measured", "Continuously improving")
NOW = [
    RadarPoint("Cooperation", 3),
    RadarPoint("Messengers trained", 2),
    RadarPoint("Risks shared", None, not_applicable=True),
    RadarPoint("Bridging", 2),
    RadarPoint("Failure inquiry", 4),
    RadarPoint("Novelty", 1),
]
THEN = [RadarPoint(point.label, 2) for point in NOW]


def drawn(compare: bool = True) -> Any:
    return radar_drawing(
        NOW,
        THEN if compare else None,
        level_names=LEVELS,
        current_label="This assessment (1 Mar 2026)",
        compare_label="Original assessment (1 Sep 2025)",
        width=WIDTH,
        height=HEIGHT,
    )


def nodes(result: Any, kind: str) -> list[Any]:
    return [node for node in result.drawing.contents if type(node).__name__ == kind]


def texts(result: Any) -> list[str]:
    return [node.text for node in nodes(result, "String")]


def hex_of(colour: Any) -> str:
    return str(colour.hexval()).replace("0x", "#").upper()


@pytest.mark.parametrize(
    ("gid", "style"), [(CURRENT_GID, RADAR_CURRENT_STYLE), (COMPARED_GID, RADAR_COMPARED_STYLE)]
)
def test_series_styles_are_the_figures(gid: str, style: RadarSeriesStyle) -> None:
    figure = radar_figure(NOW, THEN, level_names=LEVELS, size=(WIDTH / 72, HEIGHT / 72))
    line = next(line for line in figure.axes[0].get_lines() if line.get_gid() == gid)
    assert to_hex(line.get_color()).upper() == style.colour
    assert line.get_linewidth() == pytest.approx(style.line_width)
    assert line.get_marker() == style.marker
    assert line.get_markersize() == pytest.approx(style.marker_size)
    assert to_hex(line.get_markerfacecolor()).upper() == style.marker_face
    assert to_hex(line.get_markeredgecolor()).upper() == style.marker_edge
    assert line.get_markeredgewidth() == pytest.approx(style.marker_edge_width)
    _offset, dashes = line._dash_pattern  # type: ignore[attr-defined]  # scaled by the width
    assert (tuple(dashes) if dashes else None) == pytest.approx(style.dashes)


@pytest.mark.parametrize("compare", [True, False])
def test_the_circle_sits_where_the_figure_puts_it(compare: bool) -> None:
    figure = radar_figure(
        NOW, THEN if compare else None, level_names=LEVELS, size=(WIDTH / 72, HEIGHT / 72)
    )
    box = figure.axes[0].get_position()
    result = drawn(compare)
    assert result.centre[0] == pytest.approx((box.x0 + box.width / 2) * WIDTH)
    assert result.centre[1] == pytest.approx((box.y0 + box.height / 2) * HEIGHT)
    assert result.radius == pytest.approx(box.width * WIDTH / 2)
    # Everything fits on the drawing.
    for node in result.drawing.contents:
        x0, y0, x1, y1 = node.getBounds()
        assert min(x0, y0) >= -4 and x1 <= WIDTH + 4 and y1 <= HEIGHT + 4, node


def test_labels_rings_and_legend_are_text() -> None:
    strings = texts(drawn())
    for label in ("Cooperation", "Bridging", "Novelty", "Messengers", "trained", "(n/a)"):
        assert label in strings
    for ring in ("1 Ad hoc", "2 Reactive", "4 Measured", "5 Continuously", "improving"):
        assert ring in strings
    assert "This assessment (1 Mar 2026)" in strings
    assert "Original assessment (1 Sep 2025)" in strings
    fonts = {node.fontName for node in nodes(drawn(), "String")}
    assert fonts == {REGULAR, ITALIC}  # the report's own font, never a base-14 one


def test_not_applicable_spoke_is_italic_grey_and_breaks_the_line() -> None:
    result = drawn(compare=False)
    italic = [node.text for node in nodes(result, "String") if node.fontName == ITALIC]
    assert italic == ["Risks shared", "(n/a)"]
    # Six spokes, the third missing: the closed line is cut into two runs (1-2 and 4-5-6-1).
    lines = nodes(result, "PolyLine")
    assert sorted(len(line.points) // 2 for line in lines) == [2, 4]
    assert len(nodes(result, "Circle")) == 5 + 5 + 1  # rings, the rim, the five rated dots


def test_without_a_comparison_there_is_no_overlay_or_legend() -> None:
    result = drawn(compare=False)
    assert not any(text.startswith("Original assessment") for text in texts(result))
    assert not nodes(result, "Rect")[5:]  # only the five ring labels' boxes
    assert not nodes(result, "Line")[len(NOW) :]  # only the spokes: no legend handles


def test_points_sit_on_their_rings() -> None:
    result = drawn(compare=False)
    cx, cy = result.centre
    dots = [node for node in nodes(result, "Circle") if node.fillColor is not None]
    distances = sorted(
        round(math.hypot(dot.cx - cx, dot.cy - cy) / result.radius * 5, 6) for dot in dots
    )
    assert distances == [1, 2, 2, 3, 4]


def test_the_drawing_renders_to_pdf_with_its_labels() -> None:
    from reportlab.graphics import renderPDF

    buffer = io.BytesIO()
    renderPDF.drawToFile(drawn().drawing, buffer)
    text = " ".join(PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text().split())
    for label in ("Cooperation", "Failure", "inquiry", "3 Defined", "This assessment"):
        assert label in text
