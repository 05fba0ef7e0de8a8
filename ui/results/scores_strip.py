"""The strip of headline numbers above the charts: survey score, dimension levels, verdicts.

Shared by the coach's results view and the projector window (there with ``scale`` > 1 and
without answer counts). Every number comes from the core's ``AssessmentScores`` and
``verdict_counts``; this widget only lays them out.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from sre_workshop.model import Dimension
from sre_workshop.scoring import Verdict
from ui.results.formatting import NO_VALUE, band_text, mean_text, muted_colour
from ui.results.results_data import ResultsData


class _Tile(QFrame):
    """A caption, a big value and a note under it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.caption = QLabel(caption, self)
        self.value = QLabel(NO_VALUE, self)
        self.note = QLabel("", self)
        for label in (self.caption, self.value, self.note):
            layout.addWidget(label)
        layout.addStretch(1)


class ScoresStrip(QWidget):
    """Culture survey score and band, mean level and band per dimension, verdict counts."""

    def __init__(
        self, parent: QWidget | None = None, *, scale: float = 1.0, show_counts: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scoresStrip")
        self._show_counts = show_counts
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.survey_tile = _Tile("Culture survey (1–7)", self)
        self.culture_tile = _Tile("Culture level (1–5)", self)
        self.process_tile = _Tile("Process level (1–5)", self)
        self.verdict_tile = _Tile("Verdicts", self)
        self.verdict_tile.value.hide()
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(0)
        self.verdict_labels: dict[Verdict, QLabel] = {}
        for index, verdict in enumerate(Verdict):
            label = QLabel("", self.verdict_tile)
            label.setObjectName(f"verdictCount_{verdict.name.lower()}")
            grid.addWidget(label, index // 2, index % 2)
            self.verdict_labels[verdict] = label
        tile_layout = self.verdict_tile.layout()
        assert isinstance(tile_layout, QVBoxLayout)
        tile_layout.insertLayout(2, grid)
        self.verdict_tile.note.hide()
        self._tiles = (self.survey_tile, self.culture_tile, self.process_tile, self.verdict_tile)
        self._dividers: list[QFrame] = []
        for index, tile in enumerate(self._tiles):
            if index:
                self._dividers.append(self._divider())
                layout.addWidget(self._dividers[-1])
            layout.addWidget(tile)
        layout.addStretch(1)
        self.set_scale(scale)

    def _divider(self) -> QFrame:
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Plain)
        line.setObjectName("scoresDivider")
        return line

    def set_scale(self, scale: float) -> None:
        """Font sizes relative to the application font (the projector passes 1.6 or more)."""
        base = QGuiApplication.font().pointSizeF()
        if base <= 0:
            base = 10.0
        muted = muted_colour(self.palette())
        for tile in self._tiles:
            tile.setContentsMargins(round(16 * scale), 0, round(16 * scale), 0)
            tile.caption.setFont(_font(base * 0.92 * scale))
            caption_palette = tile.caption.palette()
            caption_palette.setColor(QPalette.ColorRole.WindowText, muted)
            tile.caption.setPalette(caption_palette)
            tile.value.setFont(_font(base * 1.9 * scale, bold=True))
            tile.note.setFont(_font(base * scale))
        for label in self.verdict_labels.values():
            label.setFont(_font(base * 1.08 * scale, bold=True))
        self.survey_tile.setContentsMargins(0, 0, round(16 * scale), 0)

    def set_data(self, data: ResultsData | None) -> None:
        """Show ``data``'s scores; the verdict counts only when it has a comparison."""
        if data is None:
            for tile in (self.survey_tile, self.culture_tile, self.process_tile):
                tile.value.setText(NO_VALUE)
                tile.note.setText("")
            for label in self.verdict_labels.values():
                label.setText("")
            return
        scores, before = data.scores, data.compared_scores
        survey = scores.survey_score
        self.survey_tile.value.setText(NO_VALUE if survey is None else f"{survey:.1f}")
        notes = [band_text(scores.survey_band)]
        if before is not None and before.survey_score is not None:
            notes.append(f"was {before.survey_score:.1f}")
        if self._show_counts:
            answers = scores.survey_answers
            notes.append(f"{answers} answer{'' if answers == 1 else 's'}")
        self.survey_tile.note.setText(" · ".join(notes))
        for tile, dimension in (
            (self.culture_tile, Dimension.CULTURE),
            (self.process_tile, Dimension.PROCESS),
        ):
            score = scores.dimensions[dimension]
            tile.value.setText(mean_text(score.mean))
            notes = [band_text(score.band)]
            if before is not None and before.dimensions[dimension].mean is not None:
                notes.append(f"was {mean_text(before.dimensions[dimension].mean)}")
            tile.note.setText(" · ".join(notes))
        # A first assessment has nothing to compare with: no verdicts to count.
        compared = data.compared is not None
        self.verdict_tile.setVisible(compared)
        self._dividers[-1].setVisible(compared)
        self.verdict_tile.caption.setText(f"Verdicts against the {data.compare_noun} assessment")
        for verdict, label in self.verdict_labels.items():
            label.setText(f"{verdict.symbol} {data.counts[verdict]} {verdict.label}")


def _font(point_size: float, *, bold: bool = False) -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(max(6.0, point_size))
    font.setBold(bold)
    return font
