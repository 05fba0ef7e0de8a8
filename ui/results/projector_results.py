"""The results on the projector: both radars big, the verdict per area, the headline scores.

What the room sees at the end of a workshop. It is built from the same
:class:`~ui.results.results_data.ResultsData` as the coach's view but reads only levels,
verdicts and scores from it: no rationale, no not-applicable reasons, no votes, no notes.

F11 (or a double-click) toggles full screen and Esc closes the window. With a second screen it
opens full screen there. Type scales with the window's height, so it reads the same on a 720p
beamer and at 1080p.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.model import Dimension
from sre_workshop.scoring import AreaComparison, Verdict
from ui.results.chart_builders import radar_builder
from ui.results.figure_host import FigureHost
from ui.results.formatting import format_date, level_text, short_level_text
from ui.results.results_data import ResultsData
from ui.results.scores_strip import ScoresStrip

#: The window size at which the type has its design size; it scales with the smaller ratio.
DESIGN_WIDTH = 1920
DESIGN_HEIGHT = 1080
#: Radar type relative to the coach's view at the design height.
RADAR_FONT_SCALE = 1.25
#: Scores strip type relative to the coach's view at the design height.
SCORES_SCALE = 1.3
#: Verdict cells per row, and the width share of each dimension's column (process has more).
_CELL_COLUMNS = {Dimension.CULTURE: 2, Dimension.PROCESS: 3}
_COLUMN_STRETCH = {Dimension.CULTURE: 2, Dimension.PROCESS: 3}
_CAPTIONS = {Dimension.CULTURE: "Culture", Dimension.PROCESS: "Process"}

_TEXT = "#1A1F24"
_MUTED = "#56606B"
_HEADER_BACKGROUND = "#F2F5F8"
_ACCENT = "#0B5A8C"
_VERDICT_COLOURS = {
    Verdict.PROGRESSING: "#00704F",
    Verdict.STAGNATING: "#5B6570",
    Verdict.REGRESSING: "#B24700",
    Verdict.NOT_COMPARABLE: "#7D8791",
}


class _VerdictCell(QFrame):
    """One area: a large verdict symbol, the area's name, and "progressing · 1 → 3".

    Without a comparison (a team's first assessment) it shows the level instead.
    """

    def __init__(
        self,
        row: AreaComparison,
        level_names: tuple[str, ...],
        *,
        compared: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("verdictCell")
        self.setProperty("verdict", row.verdict.name.lower() if compared else "none")
        layout = QHBoxLayout(self)
        layout.setSpacing(12)
        self.symbol = QLabel(row.verdict.symbol if compared else "", self)
        self.symbol.setObjectName("verdictSymbol")
        self.symbol.setProperty("verdict", row.verdict.name.lower())
        self.symbol.setAlignment(Qt.AlignmentFlag.AlignCenter)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        texts.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.name = QLabel(row.name, self)
        self.name.setObjectName("verdictArea")
        self.name.setWordWrap(True)
        if compared:
            then = short_level_text(row.compared_level, row.compared_not_applicable)
            now = short_level_text(row.level, row.not_applicable)
            detail = f"{row.verdict.label} · {then} → {now}"
        else:
            detail = level_text(row.level, row.not_applicable, level_names)
        self.detail = QLabel(detail, self)
        self.detail.setObjectName("verdictDetail")
        texts.addWidget(self.name)
        texts.addWidget(self.detail)
        layout.addWidget(self.symbol)
        layout.addLayout(texts, 1)
        self.setAccessibleName(f"{row.name}: {detail}")


class ProjectorResultsWindow(QWidget):
    """A top-level window for the projector showing one assessment's results."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("projectorResults")
        self.setWindowTitle("Results — SRE Workshop")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#FFFFFF"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(_TEXT))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self._data: ResultsData | None = None
        self._scale = 1.0

        header = QFrame(self)
        header.setObjectName("projectorHeader")
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(32, 14, 32, 14)
        header_layout.setSpacing(32)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.eyebrow_label = QLabel(header)
        self.eyebrow_label.setObjectName("projectorEyebrow")
        self.title_label = QLabel(header)
        self.title_label.setObjectName("projectorTitle")
        self.title_label.setWordWrap(True)
        self.subtitle_label = QLabel(header)
        self.subtitle_label.setObjectName("projectorSubtitle")
        self.subtitle_label.setWordWrap(True)
        titles.addWidget(self.eyebrow_label)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        titles.addStretch(1)
        header_layout.addLayout(titles, 1)
        self.scores = ScoresStrip(header, show_counts=False)
        header_layout.addWidget(self.scores, 0, Qt.AlignmentFlag.AlignVCenter)

        body = QGridLayout()
        body.setContentsMargins(32, 12, 32, 20)
        body.setHorizontalSpacing(40)
        body.setVerticalSpacing(6)
        self.charts: dict[Dimension, FigureHost] = {}
        self.cell_grids: dict[Dimension, QGridLayout] = {}
        self.captions: dict[Dimension, QLabel] = {}
        for column, dimension in enumerate(Dimension):
            caption = QLabel(_CAPTIONS[dimension], self)
            caption.setObjectName("projectorCaption")
            caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            host = FigureHost(self)
            host.setObjectName(f"projector{dimension.label}Radar")
            host.setAccessibleName(f"{dimension.label} radar chart")
            grid = QGridLayout()
            grid.setHorizontalSpacing(16)
            grid.setVerticalSpacing(8)
            body.addWidget(caption, 0, column)
            body.addWidget(host, 1, column)
            body.addLayout(grid, 2, column, Qt.AlignmentFlag.AlignTop)
            body.setColumnStretch(column, _COLUMN_STRETCH[dimension])
            self.charts[dimension] = host
            self.cell_grids[dimension] = grid
            self.captions[dimension] = caption
        body.setRowStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # The type shrinks with the window, so the window must not insist on the minimum size
        # its current (larger) type needs.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(header)
        layout.addLayout(body, 1)
        self.resize(1280, 800)
        self._apply_scale(force=True)

    # --- public API --------------------------------------------------------------------------

    def show_results(self, data: ResultsData) -> None:
        """Show ``data``'s scores, radars and verdicts (and nothing private from it)."""
        self._data = data
        assessment = data.assessment
        self.setWindowTitle(f"Results: {data.team.name} — SRE Workshop")
        self.eyebrow_label.setText(data.team.name.upper())
        self.title_label.setText(data.title)
        if data.compared is not None:
            compared = data.compared.assessment
            subtitle = (
                f"{format_date(assessment.date)}, compared with the {data.compare_noun} "
                f"assessment of {format_date(compared.date)}"
            )
        else:
            subtitle = f"{format_date(assessment.date)} · the team's first assessment"
        self.subtitle_label.setText(subtitle)
        self.scores.set_data(data)
        for dimension, host in self.charts.items():
            host.set_builder(radar_builder(data, dimension, self._radar_font_scale))
            self._fill_cells(data, dimension)

    def present(self) -> None:
        """Full screen on a second screen if there is one, else a window the coach can move."""
        screens = QGuiApplication.screens()
        parent = self.parentWidget()
        own = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        others = [screen for screen in screens if screen is not own]
        if others:
            target = others[0]
            self.setScreen(target)
            self.move(target.availableGeometry().topLeft())
            self.showFullScreen()
        else:
            self.show()
        self.raise_()
        self.activateWindow()

    def labels_text(self) -> list[str]:
        """Every label's text in the window (tests check that nothing private is in it)."""
        return [label.text() for label in self.findChildren(QLabel)]

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    # --- building ----------------------------------------------------------------------------

    def _radar_font_scale(self) -> float:
        return RADAR_FONT_SCALE * self._scale

    def _fill_cells(self, data: ResultsData, dimension: Dimension) -> None:
        grid = self.cell_grids[dimension]
        rows = [row for row in data.rows if row.dimension is dimension]
        compared = data.compared is not None
        while grid.count():
            item = grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        columns = _CELL_COLUMNS[dimension]
        for index, row in enumerate(rows):
            cell = _VerdictCell(row, data.level_names, compared=compared, parent=self)
            grid.addWidget(cell, index // columns, index % columns)
        for column in range(columns):
            grid.setColumnStretch(column, 1)

    def _apply_scale(self, *, force: bool = False) -> None:
        height, width = self.height(), self.width()
        fit = min(height / DESIGN_HEIGHT, width / DESIGN_WIDTH)
        scale = max(0.55, min(1.8, fit)) if height > 200 and width > 300 else 1.0
        if not force and abs(scale - self._scale) < 0.03:
            return
        self._scale = scale
        self.setStyleSheet(_stylesheet(scale))
        self.scores.set_scale(SCORES_SCALE * scale)

    # --- events ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F11:
            self.toggle_full_screen()
        elif event.key() == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.toggle_full_screen()
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_scale()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()


def _stylesheet(scale: float) -> str:
    def pt(points: float) -> str:
        return f"{max(8.0, points * scale):.1f}pt"

    colours = "\n".join(
        f'QLabel#verdictSymbol[verdict="{verdict.name.lower()}"] {{ color: {colour}; }}\n'
        f'QFrame#verdictCell[verdict="{verdict.name.lower()}"] '
        f"{{ border-left: {max(3, round(6 * scale))}px solid {colour}; }}"
        for verdict, colour in _VERDICT_COLOURS.items()
    )
    return f"""
QWidget#projectorResults {{ background: #FFFFFF; }}
QFrame#projectorHeader {{ background: {_HEADER_BACKGROUND}; border-bottom: 2px solid #D5DCE4; }}
QLabel#projectorEyebrow {{ font-size: {pt(13)}; font-weight: 700; color: {_ACCENT};
    letter-spacing: 1px; }}
QLabel#projectorTitle {{ font-size: {pt(22)}; font-weight: 700; color: {_TEXT}; }}
QLabel#projectorSubtitle {{ font-size: {pt(14)}; color: {_MUTED}; }}
QLabel#projectorCaption {{ font-size: {pt(16)}; font-weight: 700; color: {_MUTED};
    letter-spacing: 1px; }}
QFrame#verdictCell {{ background: #F7F9FB; border-radius: 4px; padding: 2px 6px; }}
QLabel#verdictSymbol {{ font-size: {pt(22)}; min-width: {round(34 * scale)}px; }}
QLabel#verdictArea {{ font-size: {pt(14)}; font-weight: 700; color: {_TEXT}; }}
QLabel#verdictDetail {{ font-size: {pt(12)}; color: {_MUTED}; }}
{colours}
"""
