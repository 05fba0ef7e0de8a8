"""Tests for sre_workshop.charts: the values plotted, the labels, the legend and the renderers.

Frameworks are built by hand so the tests do not depend on the built-in framework file.
"""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from sre_workshop.charts import (
    LEVEL_NAMES_DEFAULT,
    RadarPoint,
    figure_to_png,
    figure_to_svg,
    history_figure,
    radar_figure,
    radar_points,
    update_radar,
)
from sre_workshop.model import (
    Area,
    AreaRating,
    Assessment,
    AssessmentRecord,
    Dimension,
    Framework,
    LevelDefinition,
    ScopeItem,
    WestrumType,
    new_id,
)
from sre_workshop.scoring import AreaHistory, HistoryPoint, team_history

PROCESS_NAMES = (
    "Customer support",
    "On-call process",
    "Incident response",
    "Production access control",
    "Regulatory compliance",
    "Production deployment",
    "Production release",
    "Hotfix deployment",
    "Hotfix release",
    "Prioritization",
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def area(key: str, dimension: Dimension, name: str, short: str = "") -> Area:
    return Area(
        key=key,
        dimension=dimension,
        name=name,
        description="",
        questions=(),
        level_descriptions=("1", "2", "3", "4", "5"),
        short_name=short,
    )


FRAMEWORK = Framework(
    id="test",
    version="1.0",
    name="Test",
    description="",
    levels=tuple(LevelDefinition(n, f"L{n}", "", WestrumType.BUREAUCRATIC) for n in range(1, 6)),
    areas=(
        area("culture.cooperation", Dimension.CULTURE, "High cooperation", "Cooperation"),
        area("culture.messengers", Dimension.CULTURE, "Messengers are trained"),
        area("process.support", Dimension.PROCESS, "Customer support"),
        area("process.on-call", Dimension.PROCESS, "On-call process"),
        area("process.access", Dimension.PROCESS, "Production access control"),
    ),
)


def record(
    scope: Sequence[str],
    levels: dict[str, int],
    na: Sequence[str] = (),
    date: dt.date = dt.date(2024, 3, 1),
) -> AssessmentRecord:
    assessment = Assessment(
        id=new_id(),
        team_id="00000000-0000-4000-8000-000000000000",
        framework=FRAMEWORK.ref,
        date=date,
        scope=tuple(ScopeItem(key, 10) for key in scope),
    )
    ratings = [AreaRating(key, level) for key, level in levels.items()]
    ratings += [AreaRating(key, not_applicable=True) for key in na]
    return AssessmentRecord(assessment, ratings=tuple(ratings))


def line(figure: Figure, gid: str) -> Line2D:
    found = [ln for ax in figure.axes for ln in ax.get_lines() if ln.get_gid() == gid]
    assert len(found) == 1, f"expected one line with gid {gid!r}, found {len(found)}"
    return found[0]


def has_line(figure: Figure, gid: str) -> bool:
    return any(ln.get_gid() == gid for ax in figure.axes for ln in ax.get_lines())


def floats(data: object) -> list[float]:
    return [float(v) for v in np.asarray(data, dtype=float)]


def ydata(figure: Figure, gid: str) -> list[float]:
    return floats(line(figure, gid).get_ydata())


def xdata(figure: Figure, gid: str) -> list[float]:
    return floats(line(figure, gid).get_xdata())


def same(actual: Sequence[float], expected: Sequence[float]) -> bool:
    """Element-wise equality where NaN equals NaN."""
    return len(actual) == len(expected) and all(
        (math.isnan(a) and math.isnan(e)) or a == e for a, e in zip(actual, expected, strict=True)
    )


def spoke_labels(figure: Figure) -> list[str]:
    texts = {t.get_gid(): t for t in figure.axes[0].texts}
    labels = []
    index = 0
    while (text := texts.get(f"spoke-label-{index}")) is not None:
        labels.append(text.get_text())
        index += 1
    return labels


def spoke_label(figure: Figure, index: int) -> Text:
    return next(t for t in figure.axes[0].texts if t.get_gid() == f"spoke-label-{index}")


def flat(text: str) -> str:
    return " ".join(text.split())


def process_points(levels: Sequence[float | None], na: Sequence[int] = ()) -> list[RadarPoint]:
    return [
        RadarPoint(name, None if i in na else level, not_applicable=i in na)
        for i, (name, level) in enumerate(zip(PROCESS_NAMES, levels, strict=True))
    ]


def rendered(figure: Figure) -> RendererAgg:
    """Draw the figure with Agg (so positions are final) and return the renderer."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # type: ignore[no-untyped-call]
    return canvas.get_renderer()  # type: ignore[no-untyped-call,no-any-return]


NOW = [3, 4, 2, None, 1, 3, 4, 2, 3, 2]
THEN = [2, 2, 2, 3, 1, 4, 3, 1, 3, 1]


# --- radar_points -------------------------------------------------------------------------------


class TestRadarPoints:
    def test_points_for_a_dimension(self) -> None:
        rec = record(
            ["process.support", "process.on-call"],
            {"process.support": 3, "process.access": 5},
            na=("process.on-call",),
        )
        points = radar_points(rec, FRAMEWORK, Dimension.PROCESS)
        assert points == (
            RadarPoint("Customer support", 3),
            RadarPoint("On-call process", None, not_applicable=True),
            RadarPoint("Production access control", None),  # out of scope: no level
        )

    def test_chart_label_and_chosen_areas(self) -> None:
        rec = record(["culture.cooperation"], {"culture.cooperation": 2})
        points = radar_points(
            rec, FRAMEWORK, Dimension.CULTURE, areas=["culture.messengers", "culture.cooperation"]
        )
        assert points == (
            RadarPoint("Messengers are trained", None),
            RadarPoint("Cooperation", 2),  # the short name
        )


# --- radar_figure -------------------------------------------------------------------------------


class TestRadarFigure:
    def test_plotted_values_close_the_polygon_with_gaps(self) -> None:
        figure = radar_figure(process_points(NOW, na=[4]))
        values = ydata(figure, "current")
        expected = [3, 4, 2, math.nan, math.nan, 3, 4, 2, 3, 2, 3]  # first repeated at the end
        assert same(values, expected)
        theta = xdata(figure, "current")
        assert len(theta) == 11
        assert theta[0] == theta[-1] == 0.0
        assert theta[1] == pytest.approx(2 * math.pi / 10)
        assert not has_line(figure, "compared")

    def test_not_applicable_is_never_zero(self) -> None:
        points = [RadarPoint("a", 2), RadarPoint("b", 4, not_applicable=True), RadarPoint("c", 1)]
        values = ydata(radar_figure(points), "current")
        assert same(values, [2, math.nan, 1, 2])

    def test_level_names_label_the_rings(self) -> None:
        figure = radar_figure(process_points(NOW))
        axes = figure.axes[0]
        assert [float(t) for t in axes.get_yticks()] == [1, 2, 3, 4, 5]
        assert axes.get_ylim() == (0.0, 5.0)  # level 0 at the centre
        ring_texts = [flat(t.get_text()) for t in axes.texts if "ring-label" in str(t.get_gid())]
        for level, name in enumerate(LEVEL_NAMES_DEFAULT, start=1):
            assert f"{level} {name}" in ring_texts

    def test_a_small_radar_numbers_its_rings_instead_of_crowding_their_names(self) -> None:
        """The workshop's live radar is about 270 px wide: two lines of ring name at the
        smallest font would run into the next ring, so it shows the levels' numbers."""
        small = radar_figure(process_points(NOW), size=(2.74, 2.4), font_scale=0.62)
        texts = [t.get_text() for t in small.axes[0].texts if "ring-label" in str(t.get_gid())]
        assert texts == ["1", "2", "3", "4", "5"]
        large = radar_figure(process_points(NOW), size=(5.0, 4.5), font_scale=0.9)
        texts = [
            flat(t.get_text()) for t in large.axes[0].texts if "ring-label" in str(t.get_gid())
        ]
        assert texts == [f"{n} {name}" for n, name in enumerate(LEVEL_NAMES_DEFAULT, start=1)]

    def test_custom_level_names(self) -> None:
        names = ("Low", "Mid", "High")
        figure = radar_figure([RadarPoint("x", 1), RadarPoint("y", 3)], level_names=names)
        axes = figure.axes[0]
        assert axes.get_ylim() == (0.0, 3.0)
        ring_texts = [flat(t.get_text()) for t in axes.texts if "ring-label" in str(t.get_gid())]
        assert ring_texts == ["1 Low", "2 Mid", "3 High"]

    def test_spoke_labels_wrap_and_mark_not_applicable(self) -> None:
        figure = radar_figure(process_points(NOW, na=[4]))
        labels = spoke_labels(figure)
        assert [flat(label) for label in labels] == [
            *PROCESS_NAMES[:4],
            "Regulatory compliance (n/a)",
            *PROCESS_NAMES[5:],
        ]
        for label in labels:
            assert all(len(part) <= 14 for part in label.splitlines()), label

    def test_long_labels_do_not_overlap(self) -> None:
        figure = radar_figure(process_points(NOW, na=[4]), process_points(THEN))
        renderer = rendered(figure)
        boxes = [spoke_label(figure, i).get_window_extent(renderer) for i in range(10)]
        for i, box in enumerate(boxes):
            for other in boxes[i + 1 :]:
                assert not box.overlaps(other)
        figure_box = figure.bbox
        for box in boxes:  # and all of them fit in the figure
            assert box.x0 >= figure_box.x0
            assert box.x1 <= figure_box.x1
            assert box.y0 >= figure_box.y0
            assert box.y1 <= figure_box.y1

    def test_comparison_differs_in_style_marker_and_colour(self) -> None:
        figure = radar_figure(process_points(NOW), process_points(THEN))
        current, compared = line(figure, "current"), line(figure, "compared")
        assert same(ydata(figure, "compared"), [*THEN, THEN[0]])
        assert current.get_linestyle() != compared.get_linestyle()
        assert compared.get_linestyle() == "--"
        assert current.get_marker() != compared.get_marker()
        assert current.get_color() != compared.get_color()
        assert current.get_markerfacecolor() != compared.get_markerfacecolor()

    def test_legend_only_with_a_comparison_and_outside_the_plot(self) -> None:
        assert radar_figure(process_points(NOW)).legends == []
        figure = radar_figure(
            process_points(NOW), process_points(THEN), compare_label="First", title="Process"
        )
        assert len(figure.legends) == 1
        legend = figure.legends[0]
        assert [t.get_text() for t in legend.get_texts()] == ["This assessment", "First"]
        renderer = rendered(figure)
        axes_box = figure.axes[0].get_window_extent(renderer)
        legend_box = legend.get_window_extent(renderer)
        assert not legend_box.overlaps(axes_box)
        assert legend_box.y1 <= axes_box.y0  # below the plot
        # nor does it cover the bottom spoke label
        assert not legend_box.overlaps(spoke_label(figure, 5).get_window_extent(renderer))

    def test_title(self) -> None:
        figure = radar_figure(process_points(NOW), title="Process maturity")
        assert figure.get_suptitle() == "Process maturity"

    def test_mismatched_or_empty_input_is_refused(self) -> None:
        with pytest.raises(ValueError):
            radar_figure([])
        with pytest.raises(ValueError):
            radar_figure(process_points(NOW), process_points(NOW)[:9])

    def test_all_unrated(self) -> None:
        figure = radar_figure([RadarPoint(n, None) for n in PROCESS_NAMES])
        assert all(math.isnan(v) for v in ydata(figure, "current"))
        assert figure_to_png(figure).startswith(PNG_SIGNATURE)

    def test_font_scale_and_size(self) -> None:
        figure = radar_figure(process_points(NOW), size=(10.0, 8.0), dpi=50, font_scale=1.5)
        assert tuple(figure.get_size_inches()) == (10.0, 8.0)
        assert figure.dpi == 50
        assert spoke_label(figure, 0).get_fontsize() == pytest.approx(13.5)


class TestUpdateRadar:
    def test_updates_the_same_lines_in_place(self) -> None:
        figure = radar_figure(process_points(NOW), process_points(THEN))
        current, compared = line(figure, "current"), line(figure, "compared")
        new_now = [5, 5, 5, 5, 5, 5, 5, 5, 5, 1]
        update_radar(figure, process_points(new_now, na=[0]), process_points(NOW))
        assert line(figure, "current") is current
        assert line(figure, "compared") is compared
        assert same(ydata(figure, "current"), [math.nan, *new_now[1:], math.nan])
        assert same(ydata(figure, "compared"), [*map(float_or_nan, NOW), float_or_nan(NOW[0])])
        assert flat(spoke_labels(figure)[0]) == "Customer support (n/a)"

    def test_not_applicable_suffix_comes_and_goes(self) -> None:
        figure = radar_figure(process_points(NOW, na=[4]))
        assert flat(spoke_labels(figure)[4]).endswith("(n/a)")
        update_radar(figure, process_points(NOW))
        assert flat(spoke_labels(figure)[4]) == "Regulatory compliance"
        update_radar(figure, process_points(NOW, na=[9]))
        assert flat(spoke_labels(figure)[9]) == "Prioritization (n/a)"

    def test_keeps_an_existing_comparison_when_none_is_given(self) -> None:
        figure = radar_figure(process_points(NOW), process_points(THEN))
        update_radar(figure, process_points(THEN))
        assert same(ydata(figure, "compared"), [*THEN, THEN[0]])
        assert len(figure.legends) == 1

    def test_adds_a_comparison(self) -> None:
        figure = radar_figure(process_points(NOW))
        current = line(figure, "current")
        update_radar(figure, process_points(NOW), process_points(THEN), compare_label="Then")
        assert line(figure, "current") is current
        assert same(ydata(figure, "compared"), [*THEN, THEN[0]])
        assert len(figure.legends) == 1
        assert [t.get_text() for t in figure.legends[0].get_texts()] == [
            "This assessment",
            "Then",
        ]
        renderer = rendered(figure)
        assert figure.legends[0].get_window_extent(renderer).y1 <= (
            figure.axes[0].get_window_extent(renderer).y0
        )
        # a second update reuses the line it added
        compared = line(figure, "compared")
        update_radar(figure, process_points(NOW), process_points(NOW))
        assert line(figure, "compared") is compared
        assert len(figure.legends) == 1

    def test_wrong_number_of_points_is_refused(self) -> None:
        figure = radar_figure(process_points(NOW))
        with pytest.raises(ValueError, match="spokes"):
            update_radar(figure, process_points(NOW)[:6])
        with pytest.raises(ValueError, match="spokes"):
            update_radar(figure, process_points(NOW), process_points(NOW)[:6])
        with pytest.raises(ValueError):
            update_radar(Figure(), process_points(NOW))
        assert same(ydata(figure, "current"), [*map(float_or_nan, NOW), float_or_nan(NOW[0])])


def float_or_nan(value: int | None) -> float:
    return math.nan if value is None else float(value)


# --- history_figure -----------------------------------------------------------------------------


def point(
    day: dt.date, level: int | None, *, na: bool = False, assessed: bool = True
) -> HistoryPoint:
    return HistoryPoint(new_id(), day, level, na, assessed)


DAYS = (dt.date(2024, 3, 1), dt.date(2024, 9, 5), dt.date(2025, 3, 10))


def day_number(day: dt.date) -> float:
    return float((day - dt.date(1970, 1, 1)).days)


class TestHistoryFigure:
    def history(self) -> list[AreaHistory]:
        return [
            AreaHistory(
                "process.support",
                "Customer support",
                Dimension.PROCESS,
                (point(DAYS[0], 1), point(DAYS[1], 2), point(DAYS[2], 4)),
            ),
            AreaHistory(
                "process.on-call",
                "On-call process",
                Dimension.PROCESS,
                (
                    point(DAYS[0], 2),
                    point(DAYS[1], None, na=True),
                    point(DAYS[2], None, assessed=False),
                ),
            ),
            AreaHistory(
                "process.access",
                "Production access control",
                Dimension.PROCESS,
                (point(DAYS[0], None), point(DAYS[1], 3), point(DAYS[2], 3)),
            ),
        ]

    def test_one_line_per_area_with_gaps(self) -> None:
        figure = history_figure(self.history(), title="History")
        assert same(ydata(figure, "process.support"), [1, 2, 4])
        assert same(ydata(figure, "process.on-call"), [2, math.nan, math.nan])
        assert same(ydata(figure, "process.access"), [math.nan, 3, 3])
        xs = xdata(figure, "process.support")
        assert xs == [day_number(day) for day in DAYS]
        assert figure.get_suptitle() == "History"

    def test_level_names_and_dates_on_the_axes(self) -> None:
        figure = history_figure(self.history())
        axes = figure.axes[0]
        rendered(figure)
        y_labels = [t.get_text() for t in axes.get_yticklabels()]
        for name in LEVEL_NAMES_DEFAULT:
            assert any(name in label for label in y_labels)
        x_labels = [t.get_text() for t in axes.get_xticklabels()]
        assert x_labels == [day.isoformat() for day in DAYS]

    def test_lines_differ_without_colour(self) -> None:
        keys = [f"process.a{n}" for n in range(16)]
        history = [
            AreaHistory(key, key, Dimension.PROCESS, (point(DAYS[0], 1), point(DAYS[1], 2)))
            for key in keys
        ]
        figure = history_figure(history)
        styles = {(line(figure, k).get_linestyle(), line(figure, k).get_marker()) for k in keys}
        assert len(styles) == len(keys)  # every area is told apart by style and marker alone

    def test_legend_outside_on_the_right(self) -> None:
        figure = history_figure(self.history())
        axes = figure.axes[0]
        legend = axes.get_legend()
        assert legend is not None
        assert [t.get_text() for t in legend.get_texts()] == [
            "Customer support",
            "On-call process",
            "Production access control",
        ]
        renderer = rendered(figure)
        legend_box = legend.get_window_extent(renderer)
        axes_box = axes.get_window_extent(renderer)
        assert legend_box.x0 >= axes_box.x1
        assert legend_box.x1 <= figure.bbox.x1

    def test_single_assessment_shows_markers(self) -> None:
        history = [
            AreaHistory(
                "process.support", "Customer support", Dimension.PROCESS, (point(DAYS[0], 3),)
            )
        ]
        figure = history_figure(history)
        support = line(figure, "process.support")
        assert same(ydata(figure, "process.support"), [3])
        assert support.get_marker() not in (None, "", "None")
        low, high = figure.axes[0].get_xlim()
        assert low < day_number(DAYS[0]) < high
        assert figure_to_png(figure).startswith(PNG_SIGNATURE)

    def test_empty_history(self) -> None:
        figure = history_figure([])
        assert figure.axes == []
        assert [t.get_text() for t in figure.texts] == ["No assessments yet"]
        assert figure_to_png(figure).startswith(PNG_SIGNATURE)

    def test_many_assessments(self) -> None:
        days = [dt.date(2020 + n // 2, 1 + 6 * (n % 2), 1) for n in range(12)]
        history = [
            AreaHistory(
                "k", "K", Dimension.PROCESS, tuple(point(d, 1 + n % 5) for n, d in enumerate(days))
            )
        ]
        figure = history_figure(history)
        rendered(figure)
        labels = [t.get_text() for t in figure.axes[0].get_xticklabels() if t.get_text()]
        assert labels
        assert all(len(label) == 7 and label[4] == "-" for label in labels)  # YYYY-MM

    def test_from_team_history(self) -> None:
        first = record(["process.support"], {"process.support": 2}, date=DAYS[0])
        second = record(
            ["process.support", "process.on-call"],
            {"process.support": 3, "process.on-call": 1},
            date=DAYS[1],
        )
        history = team_history([(first, FRAMEWORK), (second, FRAMEWORK)])
        figure = history_figure(history)
        assert same(ydata(figure, "process.support"), [2, 3])
        assert same(ydata(figure, "process.on-call"), [math.nan, 1])

    def test_mismatched_points_are_refused(self) -> None:
        history = self.history()
        history.append(AreaHistory("x", "X", Dimension.PROCESS, (point(DAYS[0], 1),)))
        with pytest.raises(ValueError):
            history_figure(history)


# --- rendering ----------------------------------------------------------------------------------


class TestRendering:
    def test_png(self) -> None:
        figure = radar_figure(process_points(NOW), process_points(THEN))
        data = figure_to_png(figure, dpi=50)
        assert data.startswith(PNG_SIGNATURE)
        # the width in the IHDR chunk follows the dpi: 6.4 in at 50 dpi
        assert int.from_bytes(data[16:20], "big") == 320

    def test_svg_parses(self) -> None:
        history = [
            AreaHistory("k", "K <&>", Dimension.PROCESS, (point(DAYS[0], 2), point(DAYS[1], 3)))
        ]
        data = figure_to_svg(history_figure(history))
        root = ET.fromstring(data)
        assert root.tag.endswith("svg")
        assert b"K &lt;&amp;&gt;" in data  # escaped, in the comment matplotlib writes
        # the same figure built again renders to the same bytes (no date, stable ids)
        assert figure_to_svg(history_figure(history)) == data
        radar = radar_figure(process_points(NOW), process_points(THEN))
        assert ET.fromstring(figure_to_svg(radar)).tag.endswith("svg")

    def test_renderers_keep_the_figure_canvas(self) -> None:
        figure = radar_figure(process_points(NOW))
        canvas = FigureCanvasAgg(figure)
        figure_to_png(figure)
        figure_to_svg(figure)
        assert figure.canvas is canvas

    def test_no_pyplot_and_no_qt(self) -> None:
        code = (
            "import sys, datetime as dt\n"
            "from sre_workshop.charts import *\n"
            "from sre_workshop.scoring import AreaHistory, HistoryPoint\n"
            "from sre_workshop.model import Dimension\n"
            "f = radar_figure([RadarPoint('a', 1), RadarPoint('b', 2)], [RadarPoint('a', 2),"
            " RadarPoint('b', None)])\n"
            "figure_to_png(f); figure_to_svg(f)\n"
            "h = [AreaHistory('k', 'K', Dimension.PROCESS,"
            " (HistoryPoint('i', dt.date(2024, 1, 1), 2, False, True),))]\n"
            "figure_to_png(history_figure(h))\n"
            "bad = [m for m in sys.modules if m == 'matplotlib.pyplot' or m.startswith('PySide6')"
            " or 'backend_qt' in m]\n"
            "assert not bad, bad\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
