"""The facilitation view's widgets in place, and the splitter's sizes.

Top to bottom: the session bar, a banner (hidden until there is something to say), the three
columns in a splitter (agenda and radar; the area and question; the rating in a scroll area)
and the line of main keys. The splitter is sized for the window on first show, unless sizes
saved in QSettings were restored.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.ui_state import read_bytes
from ui.workshop.agenda_panel import AgendaPanel
from ui.workshop.keymap import hint_line
from ui.workshop.question_panel import QuestionPanel
from ui.workshop.rating_panel import RatingPanel
from ui.workshop.session_bar import SessionBar

_SPLITTER_KEY = "workshop/splitter"


class WorkshopLayout:
    """Builds the widgets into ``view`` and keeps them (the view shows them as attributes)."""

    def __init__(self, view: QWidget) -> None:
        root = QVBoxLayout(view)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        self.session_bar = SessionBar(view)
        root.addWidget(self.session_bar)
        self.banner_label = QLabel(view)
        self.banner_label.setObjectName("banner")
        self.banner_label.setWordWrap(True)
        self.banner_label.hide()
        banner_box = QHBoxLayout()
        banner_box.setContentsMargins(12, 8, 12, 0)
        banner_box.addWidget(self.banner_label)
        root.addLayout(banner_box)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, view)
        self.splitter.setObjectName("workshopSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(6)
        self.agenda_panel = AgendaPanel(view)
        self.splitter.addWidget(self.agenda_panel)
        centre = QWidget(view)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(10, 12, 10, 10)
        self.question_panel = QuestionPanel(centre)
        centre_layout.addWidget(self.question_panel)
        self.splitter.addWidget(centre)
        self.rating_panel = RatingPanel()
        self.rating_scroll = QScrollArea(view)
        self.rating_scroll.setObjectName("ratingScroll")
        self.rating_scroll.setWidget(self.rating_panel)
        self.rating_scroll.setWidgetResizable(True)
        self.rating_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.rating_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rating_scroll.setMinimumWidth(400)
        self.rating_scroll.setViewportMargins(0, 12, 0, 0)
        self.splitter.addWidget(self.rating_scroll)
        for index, stretch in enumerate((0, 1, 0)):
            self.splitter.setStretchFactor(index, stretch)
        root.addWidget(self.splitter, 1)

        self.hint_label = QLabel(hint_line(), view)
        self.hint_label.setObjectName("hintBar")
        self.hint_label.setWordWrap(True)
        root.addWidget(self.hint_label)
        self._sized = False

    def show_banner(self, text: str) -> None:
        self.banner_label.setText(text)
        self.banner_label.show()

    def hide_banner(self) -> None:
        self.banner_label.hide()

    # --- the splitter's sizes --------------------------------------------------------------

    def size_on_first_show(self, width: int) -> None:
        """Columns for the window's width, the first time only (restored sizes win)."""
        if self._sized:
            return
        self._sized = True
        width = max(width, 1000)
        left = 290 if width < 1600 else 380
        right = 470 if width < 1600 else 600
        self.splitter.setSizes([left, width - left - right, right])

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(_SPLITTER_KEY, self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = read_bytes(settings, _SPLITTER_KEY)
        if state is not None and self.splitter.restoreState(state):
            self._sized = True
