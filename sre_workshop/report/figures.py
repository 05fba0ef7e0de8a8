"""The radar charts of the report, drawn as vector graphics with reportlab.

The app shows its radars as matplotlib figures (:func:`sre_workshop.charts.radar_figure`). The
report draws the same chart from the same :class:`~sre_workshop.charts.RadarPoint` data with
reportlab's graphics shapes: the same geometry (:func:`~sre_workshop.charts.radar_axes_rect`),
colours, line styles, markers, spoke and ring labels and legend, taken from the ``RADAR_*``
constants of :mod:`sre_workshop.charts`. A vector chart is crisp at any zoom and on any
printer, its labels are real text (searchable, and set in the report's embedded DejaVu Sans),
and it costs a few milliseconds where rendering the figure into pixels and compressing them
cost about a quarter of the whole report (see docs/performance.md).

All sizes are in points; the drawing has the figure's physical size, so the 9 pt labels print
at 9 pt.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sre_workshop.charts import (
    RADAR_COMPARED_STYLE,
    RADAR_CURRENT_STYLE,
    RADAR_FONT_SIZE,
    RADAR_GRID_COLOUR,
    RADAR_GRID_WIDTH,
    RADAR_MUTED_COLOUR,
    RADAR_RIM_WIDTH,
    RADAR_RING_LABEL_OFFSET,
    RADAR_SPOKE_PAD,
    RADAR_TEXT_COLOUR,
    RadarPoint,
    RadarSeriesStyle,
    check_radar_input,
    radar_angles,
    radar_axes_rect,
    radar_points,
    radar_ring_font_size,
    radar_ring_label,
    radar_ring_names_fit,
    radar_spoke_label,
)
from sre_workshop.model import Dimension
from sre_workshop.report.content import ReportContent
from sre_workshop.report.fonts import ITALIC, REGULAR, register_fonts
from sre_workshop.report.formatting import short_date
from sre_workshop.report.rl import Flowable, colour, graphics_shapes, text_width

__all__ = ["RadarDrawing", "radar_chart", "radar_drawing"]

HAlign = Literal["left", "center", "right"]
VAlign = Literal["top", "center", "bottom"]

# DejaVu Sans' height of "l" and depth of "p" (em): matplotlib lays out lines of text with
# them (a line's baseline is this far below its top; lines are 1.2 x the height apart).
_ASCENT = 0.760
_DESCENT = 0.208
_LINE_SPACING = 1.2
#: The ring labels' white box (as in the figure: 0.5 pt padding, 80 % opaque).
_RING_BOX_PAD = 0.5
_RING_BOX_OPACITY = 0.8
#: The legend below the circle: handle length, gap to the text, gap between the entries, in
#: font sizes, and the space below it in points (matplotlib's defaults for this figure).
_LEGEND_HANDLE = 3.2
_LEGEND_TEXT_GAP = 0.8
_LEGEND_COLUMN_GAP = 2.0
_LEGEND_BOTTOM = 0.01
_LEGEND_BORDER = 0.4
#: Half the height of the legend's row (font sizes), as matplotlib measures it.
_LEGEND_HALF_ROW = 1.0


@dataclass(frozen=True)
class RadarDrawing:
    """A radar as reportlab shapes, plus what the tests want to know about it."""

    drawing: Flowable
    centre: tuple[float, float]
    radius: float


def _block_top(lines: int, size: float, y: float, valign: VAlign) -> float:
    """The first baseline of ``lines`` lines of text anchored at ``y`` by ``valign``."""
    pitch = (_DESCENT + _ASCENT * _LINE_SPACING) * size
    height = (_ASCENT + _DESCENT) * size + (lines - 1) * pitch
    top = {"top": y, "center": y + height / 2, "bottom": y + height}[valign]
    return top - _ASCENT * size


def _text(
    shapes: list[Any],
    text: str,
    x: float,
    y: float,
    *,
    size: float,
    halign: HAlign,
    valign: VAlign,
    font: str = REGULAR,
    fill: str = RADAR_TEXT_COLOUR,
    box: tuple[str, float, float] | None = None,
) -> tuple[float, float, float, float]:
    """Lines of text anchored at (x, y) like matplotlib's ``ha``/``va`` (the lines aligned
    the same way); ``box`` is a (colour, opacity, padding) rectangle behind them. Returns the
    text's bounding box (x0, y0, x1, y1)."""
    gfx = graphics_shapes()
    lines = text.split("\n")
    widths = [text_width(line, font, size) for line in lines]
    block = max(widths)
    left = {"left": x, "center": x - block / 2, "right": x - block}[halign]
    pitch = (_DESCENT + _ASCENT * _LINE_SPACING) * size
    first = _block_top(len(lines), size, y, valign)
    top = first + _ASCENT * size
    bottom = first - (len(lines) - 1) * pitch - _DESCENT * size
    if box is not None:
        fill_colour, opacity, pad = box
        shapes.append(
            gfx.Rect(
                left - pad,
                bottom - pad,
                block + 2 * pad,
                top - bottom + 2 * pad,
                fillColor=colour(fill_colour),
                fillOpacity=opacity,
                strokeColor=None,
            )
        )
    anchor = {"left": "start", "center": "middle", "right": "end"}[halign]
    at = {"left": left, "center": left + block / 2, "right": left + block}[halign]
    for index, line in enumerate(lines):
        shapes.append(
            gfx.String(
                at,
                first - index * pitch,
                line,
                fontName=font,
                fontSize=size,
                fillColor=colour(fill),
                textAnchor=anchor,
            )
        )
    return left, bottom, left + block, top


def _marker(shapes: list[Any], x: float, y: float, style: RadarSeriesStyle) -> None:
    gfx = graphics_shapes()
    face, edge = colour(style.marker_face), colour(style.marker_edge)
    half = style.marker_size / 2
    if style.marker == "o":
        shapes.append(
            gfx.Circle(
                x, y, half, fillColor=face, strokeColor=edge, strokeWidth=style.marker_edge_width
            )
        )
    else:
        shapes.append(
            gfx.Rect(
                x - half,
                y - half,
                style.marker_size,
                style.marker_size,
                fillColor=face,
                strokeColor=edge,
                strokeWidth=style.marker_edge_width,
                strokeLineJoin=0,  # mitred, like matplotlib's square markers
            )
        )


def _line(points: Sequence[tuple[float, float]], style: RadarSeriesStyle) -> Any:
    gfx = graphics_shapes()
    return gfx.PolyLine(
        [coordinate for point in points for coordinate in point],
        strokeColor=colour(style.colour),
        strokeWidth=style.line_width,
        strokeDashArray=list(style.dashes) if style.dashes else None,
        strokeLineJoin=1,  # round, like matplotlib's lines
        strokeLineCap=0 if style.dashes else 2,  # butt dashes, projecting solid ends
        fillColor=None,
    )


def _series(
    shapes: list[Any],
    points: Sequence[RadarPoint],
    style: RadarSeriesStyle,
    centre: tuple[float, float],
    radius: float,
    top: int,
) -> None:
    """A closed polyline through the rated spokes; a gap where a spoke is not rated or not
    applicable (a line never drops to the centre for a missing value); a marker per point."""
    positions: list[tuple[float, float] | None] = []
    for angle, point in zip(radar_angles(len(points)), points, strict=True):
        if point.not_applicable or point.level is None:
            positions.append(None)
            continue
        distance = radius * float(point.level) / top
        positions.append(
            (centre[0] + distance * math.sin(angle), centre[1] + distance * math.cos(angle))
        )
    closed = [*positions, positions[0]]
    run: list[tuple[float, float]] = []
    for position in closed:
        if position is None:
            if len(run) > 1:
                shapes.append(_line(run, style))
            run = []
        else:
            run.append(position)
    if len(run) > 1:
        shapes.append(_line(run, style))
    for position in positions:
        if position is not None:
            _marker(shapes, *position, style)


def _legend(
    shapes: list[Any], entries: Sequence[tuple[str, RadarSeriesStyle]], width: float, height: float
) -> None:
    """One row below the circle, centred: a line with its marker, then the label."""
    gfx = graphics_shapes()
    size = RADAR_FONT_SIZE
    handle, gap = _LEGEND_HANDLE * size, _LEGEND_TEXT_GAP * size
    column = _LEGEND_COLUMN_GAP * size
    widths = [handle + gap + text_width(label, REGULAR, size) for label, _ in entries]
    x = (width - sum(widths) - column * (len(entries) - 1)) / 2
    middle = _LEGEND_BOTTOM * height + (_LEGEND_BORDER + _LEGEND_HALF_ROW) * size
    for (label, style), entry_width in zip(entries, widths, strict=True):
        shapes.append(
            gfx.Line(
                x,
                middle,
                x + handle,
                middle,
                strokeColor=colour(style.colour),
                strokeWidth=style.line_width,
                strokeDashArray=list(style.dashes) if style.dashes else None,
                strokeLineCap=0 if style.dashes else 2,
            )
        )
        _marker(shapes, x + handle / 2, middle, style)
        _text(shapes, label, x + handle + gap, middle, size=size, halign="left", valign="center")
        x += entry_width + column


def radar_drawing(
    levels: Sequence[RadarPoint],
    compare_to: Sequence[RadarPoint] | None,
    *,
    level_names: Sequence[str],
    current_label: str,
    compare_label: str,
    width: float,
    height: float,
) -> RadarDrawing:
    """The radar of ``levels`` (and ``compare_to``, overlaid with a legend) as a reportlab
    ``Drawing`` of ``width`` x ``height`` points, laid out as :func:`radar_figure` lays out a
    figure of that size."""
    gfx = graphics_shapes()
    check_radar_input(levels, compare_to, level_names)
    register_fonts()
    left, lower, side_width, side_height = radar_axes_rect(
        (width / 72, height / 72), legend=compare_to is not None
    )
    radius = side_width * width / 2
    cx = (left + side_width / 2) * width
    cy = (lower + side_height / 2) * height
    top = len(level_names)
    grid, muted = colour(RADAR_GRID_COLOUR), colour(RADAR_MUTED_COLOUR)
    shapes: list[Any] = []

    # The grid: a ring per level and a spoke per area, then the rim over the outer ring.
    for level in range(1, top + 1):
        shapes.append(
            gfx.Circle(
                cx,
                cy,
                radius * level / top,
                fillColor=None,
                strokeColor=grid,
                strokeWidth=RADAR_GRID_WIDTH,
            )
        )
    angles = radar_angles(len(levels))
    for angle in angles:
        shapes.append(
            gfx.Line(
                cx,
                cy,
                cx + radius * math.sin(angle),
                cy + radius * math.cos(angle),
                strokeColor=grid,
                strokeWidth=RADAR_GRID_WIDTH,
            )
        )
    shapes.append(
        gfx.Circle(cx, cy, radius, fillColor=None, strokeColor=muted, strokeWidth=RADAR_RIM_WIDTH)
    )

    # Ring names just inside each ring, right of the top spoke, on a faint white box.
    ring_font = radar_ring_font_size(radius / top)
    names_fit = radar_ring_names_fit(radius / top)
    dx, dy = RADAR_RING_LABEL_OFFSET
    for level, name in enumerate(level_names, start=1):
        _text(
            shapes,
            radar_ring_label(level, name) if names_fit else str(level),
            cx + dx,
            cy + radius * level / top + dy,
            size=ring_font,
            halign="left",
            valign="top",
            fill=RADAR_MUTED_COLOUR,
            box=("#FFFFFF", _RING_BOX_OPACITY, _RING_BOX_PAD),
        )

    if compare_to is not None:
        _series(shapes, compare_to, RADAR_COMPARED_STYLE, (cx, cy), radius, top)
    _series(shapes, levels, RADAR_CURRENT_STYLE, (cx, cy), radius, top)

    # Spoke labels outside the rim, aligned away from the centre so side labels grow outwards.
    for angle, point in zip(angles, levels, strict=True):
        sx, sy = math.sin(angle), math.cos(angle)
        halign: HAlign = "left" if sx > 0.15 else "right" if sx < -0.15 else "center"
        valign: VAlign = "bottom" if sy > 0.15 else "top" if sy < -0.15 else "center"
        _text(
            shapes,
            radar_spoke_label(point),
            cx + radius * sx + RADAR_SPOKE_PAD * sx,
            cy + radius * sy + RADAR_SPOKE_PAD * sy,
            size=RADAR_FONT_SIZE,
            halign=halign,
            valign=valign,
            font=ITALIC if point.not_applicable else REGULAR,
            fill=RADAR_MUTED_COLOUR if point.not_applicable else RADAR_TEXT_COLOUR,
        )

    if compare_to is not None:
        _legend(
            shapes,
            [(current_label, RADAR_CURRENT_STYLE), (compare_label, RADAR_COMPARED_STYLE)],
            width,
            height,
        )
    drawing = gfx.Drawing(width, height, *shapes)
    drawing.hAlign = "CENTER"
    # The renderer starts from a default font (Helvetica, a base-14 font the report never
    # uses); start it from the report's own.
    drawing.initialFontName = REGULAR
    drawing.initialFontSize = RADAR_FONT_SIZE
    return RadarDrawing(drawing, (cx, cy), radius)


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


def radar_chart(
    content: ReportContent, dimension: Dimension, width: float, height: float
) -> Flowable | None:
    """The dimension's radar as a vector drawing (``width`` x ``height`` points), or None when
    no area of the dimension is in scope."""
    keys = [area.key for area in content.areas if area.dimension is dimension]
    if not keys:
        return None
    compared = content.compared
    return radar_drawing(
        radar_points(content.record, content.framework, dimension, areas=keys),
        _compared_points(content, keys),
        level_names=[level.name for level in content.framework.levels],
        current_label=f"This assessment ({short_date(content.assessment.date)})",
        compare_label=(
            f"{compared.kind.capitalize()} assessment ({short_date(compared.assessment.date)})"
            if compared
            else "Compared"
        ),
        width=width,
        height=height,
    ).drawing
