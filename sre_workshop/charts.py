"""Chart figures: the maturity radar and the level history, as matplotlib ``Figure`` objects.

Pure functions: they take domain data and return a ``Figure`` built directly (never pyplot,
which keeps global state, and never a Qt backend, which the core must not import). The Qt UI
wraps a figure in its own canvas; the PDF report and the CLI render the same figure with
:func:`figure_to_png`, :func:`figure_to_image` or :func:`figure_to_svg`, which use the Agg and
SVG canvases explicitly.

Every chart reads without colour: the compared series and each history line differ in line
style and marker as well as colour. Missing values (not applicable, unrated, not assessed) are
NaN, so a line breaks there instead of dropping to zero. Plotted lines carry gids ("current",
"compared", an area key) so the UI and the tests can find them.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from sre_workshop.model import AssessmentRecord, Dimension, Framework
from sre_workshop.scoring import AreaHistory

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D
    from matplotlib.text import Text
    from PIL.Image import Image

__all__ = [
    "COMPARE_COLOUR",
    "CURRENT_COLOUR",
    "LEVEL_NAMES_DEFAULT",
    "RADAR_COMPARED_STYLE",
    "RADAR_CURRENT_STYLE",
    "RADAR_FONT_SIZE",
    "RADAR_GRID_COLOUR",
    "RADAR_GRID_WIDTH",
    "RADAR_MUTED_COLOUR",
    "RADAR_RIM_WIDTH",
    "RADAR_RING_LABEL_OFFSET",
    "RADAR_SPOKE_PAD",
    "RADAR_TEXT_COLOUR",
    "RadarPoint",
    "RadarSeriesStyle",
    "check_radar_input",
    "figure_to_image",
    "figure_to_png",
    "figure_to_svg",
    "history_figure",
    "radar_angles",
    "radar_axes_rect",
    "radar_figure",
    "radar_points",
    "radar_ring_font_size",
    "radar_ring_label",
    "radar_ring_names_fit",
    "radar_spoke_label",
    "update_radar",
]

LEVEL_NAMES_DEFAULT = ("Ad hoc", "Reactive", "Defined", "Measured", "Continuously improving")

#: Okabe-Ito blue and vermillion: a pair that colour-blind readers tell apart.
CURRENT_COLOUR = "#0072B2"
COMPARE_COLOUR = "#D55E00"
#: The Okabe-Ito palette for the history lines; its yellow is too faint on white, so a dark
#: grey takes its place.
HISTORY_COLOURS = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#7A7A7A",
)
HISTORY_LINESTYLES = ("-", "--", "-.", ":")
HISTORY_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "h", "<", ">")

NOT_APPLICABLE_SUFFIX = " (n/a)"
#: Spoke labels wrap at this many characters so ten process areas fit around the circle.
LABEL_WRAP = 14
#: The smallest ring label font (points), and the ring gap a font size needs for two lines.
_RING_FONT_MIN = 5.0
_RING_LINES_PER_FONT = 2.6
#: Level names on the rings wrap at this many characters to stay inside the outer ring.
RING_LABEL_WRAP = 16

CURRENT_GID = "current"
COMPARED_GID = "compared"
LEGEND_GID = "legend"
SPOKE_LABEL_GID = "spoke-label-{index}"
RING_LABEL_GID = "ring-label-{level}"

_GRID_COLOUR = "#B0B0B0"
_TEXT_COLOUR = "#222222"
_MUTED_COLOUR = "#6A6A6A"
_BASE_FONT = 9.0
_CURRENT_LINEWIDTH = 2.2
_EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class RadarPoint:
    """One spoke of a radar: its label and level (None when unrated)."""

    label: str
    level: float | None
    not_applicable: bool = False


def radar_points(
    record: AssessmentRecord,
    framework: Framework,
    dimension: Dimension,
    *,
    areas: Sequence[str] | None = None,
) -> tuple[RadarPoint, ...]:
    """One point per area of ``dimension`` in the framework (or per key in ``areas``).

    Out-of-scope and unrated areas have level None; not-applicable ones are flagged. Keys in
    ``areas`` must exist in the framework (KeyError otherwise).
    """
    chosen = (
        framework.areas_of(dimension)
        if areas is None
        else tuple(framework.area(key) for key in areas)
    )
    scope = set(record.assessment.scope_keys)
    points = []
    for area in chosen:
        rating = record.rating(area.key) if area.key in scope else None
        points.append(
            RadarPoint(
                label=area.chart_label,
                level=rating.level if rating is not None else None,
                not_applicable=rating is not None and rating.not_applicable,
            )
        )
    return tuple(points)


# --- radar --------------------------------------------------------------------------------------


def _spoke_text(point: RadarPoint) -> str:
    label = point.label + (NOT_APPLICABLE_SUFFIX if point.not_applicable else "")
    return textwrap.fill(label, LABEL_WRAP, break_long_words=False, break_on_hyphens=True)


def _closed(values: Sequence[float]) -> list[float]:
    return [*values, values[0]] if values else []


def _radar_angles(count: int) -> list[float]:
    return [2 * math.pi * index / count for index in range(count)]


def _radar_values(points: Sequence[RadarPoint]) -> list[float]:
    return [
        math.nan if point.not_applicable or point.level is None else float(point.level)
        for point in points
    ]


def _plot_series(axes: Axes, points: Sequence[RadarPoint], gid: str, scale: float) -> Line2D:
    theta = _closed(_radar_angles(len(points)))
    values = _closed(_radar_values(points))
    if gid == CURRENT_GID:
        (line,) = axes.plot(
            theta,
            values,
            color=CURRENT_COLOUR,
            linestyle="-",
            linewidth=_CURRENT_LINEWIDTH * scale,
            marker="o",
            markersize=6.5 * scale,
            markerfacecolor=CURRENT_COLOUR,
            markeredgecolor="white",
            markeredgewidth=0.8 * scale,
            zorder=4,
        )
    else:
        (line,) = axes.plot(
            theta,
            values,
            color=COMPARE_COLOUR,
            linestyle=(0, (5, 2.5)),
            linewidth=1.8 * scale,
            marker="s",
            markersize=6.0 * scale,
            markerfacecolor="white",
            markeredgecolor=COMPARE_COLOUR,
            markeredgewidth=1.6 * scale,
            zorder=3,
        )
    line.set_gid(gid)
    line.set_clip_on(False)  # markers at the top level would be cut in half by the rim
    return line


def _find_line(axes: Axes, gid: str) -> Line2D | None:
    for line in axes.get_lines():
        if line.get_gid() == gid:
            return line
    return None


def _spoke_labels(axes: Axes) -> list[Text]:
    labels = {text.get_gid(): text for text in axes.texts}
    found = []
    for index in range(len(labels)):
        text = labels.get(SPOKE_LABEL_GID.format(index=index))
        if text is None:
            break
        found.append(text)
    return found


def _style_spoke_label(text: Text, point: RadarPoint) -> None:
    text.set_text(_spoke_text(point))
    text.set_color(_MUTED_COLOUR if point.not_applicable else _TEXT_COLOUR)
    text.set_fontstyle("italic" if point.not_applicable else "normal")


def _radar_rect(
    size: tuple[float, float], font_scale: float, *, title: bool, legend: bool
) -> tuple[float, float, float, float]:
    """Axes rectangle (figure fractions) that leaves room for spoke labels, title and legend."""
    width, height = size
    # Room for up to three lines of spoke label above and below, and a 14-character line
    # beside the circle; in inches, grown with the font.
    vertical = 0.62 * font_scale
    horizontal = 1.35 * font_scale
    top = vertical + (0.38 * font_scale if title else 0.0)
    bottom = vertical + (0.34 * font_scale if legend else 0.0)
    side = max(0.5, min(height - top - bottom, width - 2 * horizontal))
    left = (width - side) / 2
    lower = bottom + (height - top - bottom - side) / 2
    return left / width, lower / height, side / width, side / height


def _radar_legend(figure: Figure, axes: Axes, scale: float) -> Legend:
    handles = [line for gid in (CURRENT_GID, COMPARED_GID) if (line := _find_line(axes, gid))]
    legend = figure.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 0.01),
        ncols=2,
        frameon=False,
        fontsize=_BASE_FONT * scale,
        handlelength=3.2,
        columnspacing=2.0,
    )
    legend.set_gid(LEGEND_GID)
    return legend


def check_radar_input(
    levels: Sequence[RadarPoint],
    compare_to: Sequence[RadarPoint] | None,
    level_names: Sequence[str],
) -> None:
    """ValueError unless a radar can be drawn: points, a comparison of the same length, levels."""
    if not levels:
        raise ValueError("a radar needs at least one point")
    if compare_to is not None and len(compare_to) != len(levels):
        raise ValueError(
            f"the comparison has {len(compare_to)} points but the radar has {len(levels)}"
        )
    if not level_names:
        raise ValueError("a radar needs at least one level name")


def radar_figure(
    levels: Sequence[RadarPoint],
    compare_to: Sequence[RadarPoint] | None = None,
    *,
    level_names: Sequence[str] = LEVEL_NAMES_DEFAULT,
    title: str | None = None,
    current_label: str = "This assessment",
    compare_label: str = "Compared",
    size: tuple[float, float] = (6.4, 5.2),
    dpi: int = 100,
    font_scale: float = 1.0,
) -> Figure:
    """A radar (spider) chart of maturity levels, optionally over a compared assessment.

    One spoke per point, clockwise from the top; rings at levels 1..len(level_names) labelled
    with the level names, level 0 at the centre. Not-applicable and unrated points break the
    line (NaN) instead of plotting as zero; not-applicable spokes are labelled "(n/a)". The
    compared series is dashed with hollow squares and another colour; the legend sits below
    the plot and only appears when there is a comparison.
    """
    from matplotlib.figure import Figure
    from matplotlib.projections.polar import PolarAxes

    check_radar_input(levels, compare_to, level_names)
    scale = font_scale
    figure = Figure(figsize=size, dpi=dpi, facecolor="white")
    rect = _radar_rect(size, scale, title=bool(title), legend=compare_to is not None)
    axes = figure.add_axes(rect, projection="polar")
    assert isinstance(axes, PolarAxes)
    axes.set_theta_offset(math.pi / 2)
    axes.set_theta_direction(-1)
    top = len(level_names)
    axes.set_ylim(0, top)
    axes.set_facecolor("white")

    # Rings at the levels. Their names go just inside each ring, right of the top spoke, as
    # annotations: polar r tick labels cannot be offset from the spoke they sit on.
    axes.set_yticks(range(1, top + 1), [])
    # Two lines of ring label must fit between two rings; shrink the font on small charts, and
    # where even the smallest font would run into the next ring, show the level's number only.
    ring_gap = rect[3] * size[1] * 72 / 2 / top
    ring_font = radar_ring_font_size(ring_gap, scale)
    names_fit = radar_ring_names_fit(ring_gap)
    for index, name in enumerate(level_names, start=1):
        ring = axes.annotate(
            radar_ring_label(index, name) if names_fit else str(index),
            xy=(0.0, index),
            xytext=(4.0 * scale, -1.5 * scale),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=ring_font,
            color=_MUTED_COLOUR,
            zorder=2.5,
            annotation_clip=False,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 0.5},
        )
        ring.set_gid(RING_LABEL_GID.format(level=index))
    axes.set_xticks(_radar_angles(len(levels)))
    axes.set_xticklabels([])
    axes.grid(True, color=_GRID_COLOUR, linewidth=0.7)
    axes.spines["polar"].set_color(_MUTED_COLOUR)
    axes.spines["polar"].set_linewidth(1.0)

    # Spoke labels placed by hand: aligned away from the centre with a fixed padding, so
    # labels at the sides grow outwards instead of across the chart.
    pad = 9.0 * scale
    for index, (angle, point) in enumerate(zip(_radar_angles(len(levels)), levels, strict=True)):
        screen = math.pi / 2 - angle
        dx, dy = math.cos(screen), math.sin(screen)
        ha: Literal["left", "right", "center"] = (
            "left" if dx > 0.15 else "right" if dx < -0.15 else "center"
        )
        va: Literal["bottom", "top", "center"] = (
            "bottom" if dy > 0.15 else "top" if dy < -0.15 else "center"
        )
        text = axes.annotate(
            "",
            xy=(angle, top),
            xytext=(dx * pad, dy * pad),
            textcoords="offset points",
            ha=ha,
            va=va,
            multialignment=ha if ha != "center" else "center",
            fontsize=_BASE_FONT * scale,
            annotation_clip=False,
        )
        text.set_gid(SPOKE_LABEL_GID.format(index=index))
        _style_spoke_label(text, point)

    current = _plot_series(axes, levels, CURRENT_GID, scale)
    current.set_label(current_label)
    if compare_to is not None:
        compared = _plot_series(axes, compare_to, COMPARED_GID, scale)
        compared.set_label(compare_label)
        _radar_legend(figure, axes, scale)
    if title:
        figure.suptitle(title, fontsize=12 * scale, fontweight="bold", color=_TEXT_COLOUR)
    return figure


def update_radar(
    figure: Figure,
    levels: Sequence[RadarPoint],
    compare_to: Sequence[RadarPoint] | None = None,
    *,
    compare_label: str = "Compared",
) -> None:
    """Put new levels into a figure from :func:`radar_figure`, in place (cheap: no rebuild).

    The number of points must match the figure's spokes (ValueError otherwise). Spoke labels
    and their "(n/a)" suffix follow the new points. A comparison given to a figure without one
    is added (with its legend, labelled ``compare_label``); ``compare_to=None`` leaves the
    figure's comparison, if any, as it is (the live radar updates only the current levels while
    the room rates; build a new figure to drop a comparison). The caller redraws
    (``canvas.draw_idle()``).
    """
    if not figure.axes:
        raise ValueError("the figure is not a radar chart")
    axes = figure.axes[0]
    labels = _spoke_labels(axes)
    current = _find_line(axes, CURRENT_GID)
    if current is None or not labels:
        raise ValueError("the figure is not a radar chart")
    if len(levels) != len(labels):
        raise ValueError(f"the radar has {len(labels)} spokes but {len(levels)} points were given")
    if compare_to is not None and len(compare_to) != len(labels):
        raise ValueError(
            f"the radar has {len(labels)} spokes but the comparison has {len(compare_to)} points"
        )
    theta = _closed(_radar_angles(len(levels)))
    current.set_data(theta, _closed(_radar_values(levels)))
    for text, point in zip(labels, levels, strict=True):
        _style_spoke_label(text, point)

    if compare_to is None:
        return  # an existing comparison stays as it is
    compared = _find_line(axes, COMPARED_GID)
    if compared is not None:
        compared.set_data(theta, _closed(_radar_values(compare_to)))
        return
    # The first comparison: the rarer, dearer path (a line, a legend, room for it below).
    scale = current.get_linewidth() / _CURRENT_LINEWIDTH
    _plot_series(axes, compare_to, COMPARED_GID, scale).set_label(compare_label)
    _radar_legend(figure, axes, scale)
    width, height = figure.get_size_inches()
    axes.set_position(
        _radar_rect(
            (float(width), float(height)),
            scale,
            title=bool(figure.get_suptitle()),
            legend=True,
        )
    )


# --- the radar for other renderers ---------------------------------------------------------------
#
# The PDF report draws the radar as vector graphics with reportlab instead of rendering the
# matplotlib figure into pixels. It takes the figure's geometry and look from here, so both
# show the same chart; tests/core/test_report_charts.py checks these against radar_figure.

#: Colours and the base font size of the radar's grid and text.
RADAR_GRID_COLOUR = _GRID_COLOUR
RADAR_TEXT_COLOUR = _TEXT_COLOUR
RADAR_MUTED_COLOUR = _MUTED_COLOUR
RADAR_FONT_SIZE = _BASE_FONT
#: The grid's and the outer rim's line widths (points).
RADAR_GRID_WIDTH = 0.7
RADAR_RIM_WIDTH = 1.0
#: Spoke labels sit this far (points) outside the rim; ring labels this far right of and
#: below the point where their ring crosses the top spoke.
RADAR_SPOKE_PAD = 9.0
RADAR_RING_LABEL_OFFSET = (4.0, -1.5)


@dataclass(frozen=True)
class RadarSeriesStyle:
    """How a radar series is drawn (sizes in points, ``dashes`` already scaled by the width)."""

    colour: str
    line_width: float
    dashes: tuple[float, ...] | None
    marker: Literal["o", "s"]
    marker_size: float
    marker_face: str
    marker_edge: str
    marker_edge_width: float


#: The current series (solid, filled dots) and the compared one (dashed, hollow squares).
RADAR_CURRENT_STYLE = RadarSeriesStyle(
    CURRENT_COLOUR, _CURRENT_LINEWIDTH, None, "o", 6.5, CURRENT_COLOUR, "#FFFFFF", 0.8
)
RADAR_COMPARED_STYLE = RadarSeriesStyle(
    COMPARE_COLOUR, 1.8, (5 * 1.8, 2.5 * 1.8), "s", 6.0, "#FFFFFF", COMPARE_COLOUR, 1.6
)


def radar_axes_rect(
    size: tuple[float, float], *, legend: bool, title: bool = False, font_scale: float = 1.0
) -> tuple[float, float, float, float]:
    """Where :func:`radar_figure` puts the circle's square in a figure of ``size`` inches:
    (left, bottom, width, height) as fractions of the figure."""
    return _radar_rect(size, font_scale, title=title, legend=legend)


def radar_spoke_label(point: RadarPoint) -> str:
    """A spoke's label as the radar prints it: "(n/a)" added, wrapped into lines."""
    return _spoke_text(point)


def radar_ring_label(level: int, name: str) -> str:
    """A ring's label as the radar prints it ("5 Continuously\nimproving")."""
    return textwrap.fill(f"{level} {name}", RING_LABEL_WRAP, break_long_words=False)


def radar_ring_font_size(ring_gap: float, font_scale: float = 1.0) -> float:
    """The ring labels' font size when rings are ``ring_gap`` points apart (two lines fit)."""
    return max(_RING_FONT_MIN, min(7.0 * font_scale, ring_gap / _RING_LINES_PER_FONT))


def radar_ring_names_fit(ring_gap: float) -> bool:
    """Whether two lines of ring label fit between rings ``ring_gap`` points apart at the
    smallest font; on smaller charts (the workshop's live radar) the rings show numbers only."""
    return ring_gap / _RING_LINES_PER_FONT >= _RING_FONT_MIN


def radar_angles(count: int) -> list[float]:
    """The spokes' angles in radians, clockwise from the top (0 is the top spoke)."""
    return _radar_angles(count)


# --- history ------------------------------------------------------------------------------------


def _date_number(day: dt.date) -> float:
    """Days since 1970-01-01: matplotlib's default date numbers, without its untyped module."""
    return float((day - _EPOCH).days)


def _number_date(value: float) -> dt.date:
    return _EPOCH + dt.timedelta(days=round(value))


def history_figure(
    history: Sequence[AreaHistory],
    *,
    level_names: Sequence[str] = LEVEL_NAMES_DEFAULT,
    title: str | None = None,
    size: tuple[float, float] = (8.0, 4.5),
    dpi: int = 100,
) -> Figure:
    """Each area's level across a team's assessments, one line per area.

    Points that were not assessed, not applicable or unrated are NaN, so the line breaks
    there. Lines differ by colour, line style and marker; the legend sits right of the plot.
    An empty history gives a figure that says "No assessments yet".
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    figure = Figure(figsize=size, dpi=dpi, facecolor="white", layout="constrained")
    if title:
        figure.suptitle(title, fontsize=12, fontweight="bold", color=_TEXT_COLOUR)
    if not history or not history[0].points:
        figure.text(
            0.5,
            0.5,
            "No assessments yet",
            ha="center",
            va="center",
            fontsize=14,
            color=_MUTED_COLOUR,
            gid="empty",
        )
        return figure

    dates = [point.date for point in history[0].points]
    x = [_date_number(day) for day in dates]
    axes = figure.add_subplot()
    top = len(level_names)
    for index, area in enumerate(history):
        if len(area.points) != len(dates):
            raise ValueError(f"{area.area_key} has {len(area.points)} points, not {len(dates)}")
        y = [
            float(point.level)
            if point.assessed and point.level is not None and not point.not_applicable
            else math.nan
            for point in area.points
        ]
        (line,) = axes.plot(
            x,
            y,
            label=area.name,
            color=HISTORY_COLOURS[index % len(HISTORY_COLOURS)],
            linestyle=HISTORY_LINESTYLES[index % len(HISTORY_LINESTYLES)],
            marker=HISTORY_MARKERS[index % len(HISTORY_MARKERS)],
            linewidth=1.8,
            markersize=6.5,
            markeredgecolor="white",
            markeredgewidth=0.6,
        )
        line.set_gid(area.area_key)

    axes.set_ylim(0.5, top + 0.5)
    axes.set_yticks(
        range(1, top + 1),
        [f"{index} {name}" for index, name in enumerate(level_names, start=1)],
    )
    unique = sorted(set(x))
    if len(unique) <= 8:
        # A few assessments (twice a year): a tick at each assessment date.
        axes.set_xticks(unique, [_number_date(value).isoformat() for value in unique])
    else:
        axes.xaxis.set_major_locator(MaxNLocator(nbins=8, integer=True))
        axes.xaxis.set_major_formatter(
            FuncFormatter(lambda value, _pos: _number_date(value).strftime("%Y-%m"))
        )
    if len(unique) == 1:
        axes.set_xlim(unique[0] - 45, unique[0] + 45)
    else:
        axes.margins(x=0.06)
    axes.grid(True, axis="y", color="#DDDDDD", linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=_BASE_FONT)
    axes.set_xlabel("Assessment date", fontsize=_BASE_FONT, color=_MUTED_COLOUR)
    legend = axes.legend(
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        borderaxespad=0.0,
        frameon=False,
        fontsize=8,
        handlelength=3.0,
    )
    legend.set_gid(LEGEND_GID)
    return figure


# --- rendering ----------------------------------------------------------------------------------


def figure_to_png(figure: Figure, dpi: int = 200) -> bytes:
    """The figure as PNG bytes, rendered with the Agg canvas (no pyplot backend needed).

    The figure's own canvas (a Qt one in the UI) is put back afterwards.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    previous = figure.canvas
    buffer = io.BytesIO()
    try:
        FigureCanvasAgg(figure).print_figure(buffer, format="png", dpi=dpi, facecolor="white")
    finally:
        figure.set_canvas(previous)
    return buffer.getvalue()


def figure_to_image(figure: Figure, dpi: int = 200) -> Image:
    """The figure as an RGB Pillow image on white, rendered with the Agg canvas.

    The same pixels as :func:`figure_to_png`, without the PNG: a consumer that compresses the
    pixels itself (the PDF report) would only decode the PNG again, and encoding and decoding a
    300 dpi chart costs more than drawing it. The figure's own canvas and dpi are put back.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image as PillowImage

    previous, previous_dpi = figure.canvas, figure.get_dpi()
    facecolor = figure.patch.get_facecolor()
    try:
        canvas = FigureCanvasAgg(figure)
        figure.set_dpi(dpi)
        figure.patch.set_facecolor("white")
        canvas.draw()  # type: ignore[no-untyped-call]
        width, height = canvas.get_width_height(physical=True)
        pixels = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
        rgba = PillowImage.frombuffer("RGBA", (width, height), pixels, "raw", "RGBA", 0, 1)
        return rgba.convert("RGB")
    finally:
        figure.patch.set_facecolor(facecolor)
        figure.set_dpi(previous_dpi)
        figure.set_canvas(previous)


def figure_to_svg(figure: Figure) -> bytes:
    """The figure as SVG bytes (UTF-8), rendered with the SVG canvas; stable ids, no date."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    previous = figure.canvas
    buffer = io.BytesIO()
    try:
        with rc_context({"svg.hashsalt": "sre-workshop"}):
            FigureCanvasSVG(figure).print_figure(
                buffer, format="svg", facecolor="white", metadata={"Date": None}
            )
    finally:
        figure.set_canvas(previous)
    return buffer.getvalue()
