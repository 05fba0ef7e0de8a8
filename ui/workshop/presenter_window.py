"""The presenter window for the projector: what the room sees, in large, high-contrast type.

The facilitation view pushes a :class:`PresenterContent` on every navigation and edit; the
window shows the current area, the question, the five level descriptions with the agreed level,
the live radar and, only after the coach revealed them for the area, the room's votes.

``PresenterContent`` has no field for notes, rationale, the not-applicable reason, quick
answers or follow-up flags, so the coach's private capture cannot reach the projector by
construction; and it refuses vote counts unless they were revealed.

With a second screen the window opens full screen there; with one screen it opens as a normal
window the coach can drag, and F11 or a double-click toggles full screen (Esc leaves it).
Type scales with the window's height, so it reads the same on a 720p beamer and at 1080p.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QScreen,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.charts import RadarPoint
from ui.voting.presenter_join import JoinPanel, PresenterRoom
from ui.widgets.radar_canvas import RadarCanvas

#: The design size; type scales with the window's height relative to it.
DESIGN_HEIGHT = 1080
#: Question text size at the design height (points): readable from the back of a room.
QUESTION_POINTS = 34
RADAR_FONT_SCALE = 1.6

_ACCENT = "#0B5394"
_TEXT = "#111820"
_MUTED = "#46505C"
_BAR = "#0B5394"
_AGREED_BACKGROUND = "#E3EEF9"

SURVEY_SCALE_NOTE = "1 = strongly disagree … 7 = strongly agree"


@dataclass(frozen=True)
class PresenterLevel:
    level: int
    name: str
    description: str


@dataclass(frozen=True)
class PresenterContent:
    """Everything the projector may show, and nothing else (no private capture at all)."""

    title: str
    dimension: str
    area_name: str
    area_position: str
    question_text: str
    question_position: str
    #: 0 for a top-level question, 1 for a question asked after its parent, and so on.
    question_depth: int
    levels: tuple[PresenterLevel, ...]
    agreed_level: int | None
    not_applicable: bool
    radar_points: tuple[RadarPoint, ...]
    radar_title: str
    votes_revealed: bool
    #: Votes per level: only when revealed (None otherwise).
    votes: tuple[int, ...] | None
    votes_cast: int
    survey_statement: str | None = None
    #: Survey answers 1..7: only when revealed (None otherwise).
    survey_counts: tuple[int, ...] | None = None
    survey_answers: int = 0
    #: Room voting's join code and counts (never a distribution), while it is open.
    room: PresenterRoom | None = None

    def __post_init__(self) -> None:
        if not self.votes_revealed and (self.votes is not None or self.survey_counts is not None):
            raise ValueError("vote counts may only reach the projector once revealed")


class _Bar(QWidget):
    """A filled bar (no text; the numbers are labels beside it)."""

    def __init__(self, vertical: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._vertical = vertical
        if vertical:
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        else:
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_fraction(self, fraction: float) -> None:
        self._fraction = max(0.0, min(1.0, fraction))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(40, 40) if self._vertical else QSize(200, 22)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.rect()
        painter.fillRect(rect, QColor("#E9EDF2"))
        if self._fraction > 0:
            if self._vertical:
                height = max(2, round(rect.height() * self._fraction))
                filled = QRect(rect.left(), rect.bottom() - height + 1, rect.width(), height)
            else:
                filled = QRect(
                    rect.left(),
                    rect.top(),
                    max(2, round(rect.width() * self._fraction)),
                    rect.height(),
                )
            painter.fillRect(filled, QColor(_BAR))
        painter.end()


class _LevelRow(QFrame):
    """A level: number, name, description; the agreed mark; its votes once revealed."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("presenterLevel")
        layout = QGridLayout(self)
        layout.setContentsMargins(14, 6, 14, 6)
        layout.setHorizontalSpacing(16)
        layout.setVerticalSpacing(2)
        self.number = QLabel(self)
        self.number.setObjectName("presenterLevelNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name = QLabel(self)
        self.name.setObjectName("presenterLevelName")
        self.badge = QLabel("✓ Agreed", self)
        self.badge.setObjectName("presenterAgreedBadge")
        self.description = QLabel(self)
        self.description.setObjectName("presenterLevelDescription")
        self.description.setWordWrap(True)
        self.vote_bar = _Bar(False, self)
        self.vote_count = QLabel(self)
        self.vote_count.setObjectName("presenterVoteCount")
        self.vote_count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.number, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.name, 0, 1)
        layout.addWidget(self.badge, 0, 2, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.description, 1, 1, 1, 4)
        layout.addWidget(self.vote_bar, 0, 3, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.vote_count, 0, 4, Qt.AlignmentFlag.AlignVCenter)
        layout.setColumnStretch(1, 1)

    def show_level(self, level: PresenterLevel, agreed: bool) -> None:
        self.number.setText(str(level.level))
        self.name.setText(level.name)
        self.description.setText(level.description)
        self.badge.setVisible(agreed)
        if self.property("agreed") != agreed:
            self.setProperty("agreed", agreed)
            self.number.setProperty("agreed", agreed)
            for widget in (self, self.number):
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def show_votes(self, count: int | None, most: int, bar_width: int) -> None:
        """The level's vote count and bar; None hides them (votes not revealed)."""
        revealed = count is not None
        self.vote_bar.setVisible(revealed)
        self.vote_count.setVisible(revealed)
        if count is None:
            self.vote_count.clear()
            self.vote_bar.set_fraction(0)
            return
        self.vote_bar.setFixedSize(bar_width, max(14, bar_width // 9))
        self.vote_bar.set_fraction(count / most if most else 0)
        self.vote_count.setText(str(count))


class _SurveyPanel(QFrame):
    """A culture aspect's survey statement, and its 1-to-7 answers once revealed."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("presenterSurvey")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.heading = QLabel("SURVEY STATEMENT", self)
        self.heading.setObjectName("presenterSectionHeading")
        self.statement = QLabel(self)
        self.statement.setObjectName("presenterSurveyStatement")
        self.statement.setWordWrap(True)
        self.scale_note = QLabel(SURVEY_SCALE_NOTE, self)
        self.scale_note.setObjectName("presenterMuted")
        self.hidden_notice = QLabel(self)
        self.hidden_notice.setObjectName("presenterHiddenNotice")
        self.hidden_notice.setWordWrap(True)
        for widget in (self.heading, self.statement, self.scale_note, self.hidden_notice):
            layout.addWidget(widget)
        self._chart = QWidget(self)
        grid = QGridLayout(self._chart)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.counts: list[QLabel] = []
        self.bars: list[_Bar] = []
        for column in range(7):
            count = QLabel(self._chart)
            count.setObjectName("presenterVoteCount")
            count.setAlignment(Qt.AlignmentFlag.AlignCenter)
            bar = _Bar(True, self._chart)
            bar.setMinimumHeight(40)
            value = QLabel(str(column + 1), self._chart)
            value.setObjectName("presenterMuted")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(count, 0, column)
            grid.addWidget(bar, 1, column)
            grid.addWidget(value, 2, column)
            self.counts.append(count)
            self.bars.append(bar)
        layout.addWidget(self._chart)

    def show_survey(self, content: PresenterContent) -> None:
        self.setVisible(content.survey_statement is not None)
        if content.survey_statement is None:
            return
        self.statement.setText(f"“{content.survey_statement}”")
        if content.survey_counts is None:
            answers = content.survey_answers
            counted = f"{answers} answer{'s' if answers != 1 else ''} so far." if answers else ""
            self.hidden_notice.setText(
                f"Answers hidden until the coach reveals them. {counted}".strip()
            )
            self.hidden_notice.show()
            self._chart.hide()
            for label in self.counts:
                label.clear()
            return
        self.hidden_notice.hide()
        self._chart.show()
        top = max(content.survey_counts) if content.survey_counts else 0
        for index, count in enumerate(content.survey_counts[:7]):
            self.counts[index].setText(str(count))
            self.bars[index].set_fraction(count / top if top else 0)


def _stylesheet(scale: float) -> str:
    def pt(points: float) -> str:
        return f"{max(8.0, points * scale):.1f}pt"

    return f"""
QWidget#presenterWindow {{ background: #FFFFFF; }}
QLabel {{ color: {_TEXT}; }}
QFrame#presenterHeader {{ background: #F2F5F8; border-bottom: 2px solid #D5DCE4; }}
QLabel#presenterEyebrow {{ font-size: {pt(15)}; font-weight: 700; color: {_ACCENT};
    letter-spacing: 1px; }}
QLabel#presenterTitle {{ font-size: {pt(15)}; color: {_MUTED}; }}
QLabel#presenterAreaName {{ font-size: {pt(30)}; font-weight: 700; }}
QLabel#presenterQuestionPosition {{ font-size: {pt(15)}; font-weight: 600; color: {_MUTED}; }}
QLabel#presenterQuestion {{ font-size: {pt(QUESTION_POINTS)}; font-weight: 500; color: #0A0F14; }}
QLabel#presenterSectionHeading {{ font-size: {pt(14)}; font-weight: 700; color: {_MUTED};
    letter-spacing: 1px; }}
QFrame#presenterLevel {{ border-left: 8px solid transparent; border-radius: 6px; }}
QFrame#presenterLevel[agreed="true"] {{ background: {_AGREED_BACKGROUND};
    border-left: 8px solid {_ACCENT}; }}
QLabel#presenterLevelNumber {{ font-size: {pt(20)}; font-weight: 700; color: #FFFFFF;
    background: #6B7683; border-radius: 6px; min-width: {round(44 * scale)}px;
    min-height: {round(40 * scale)}px; }}
QLabel#presenterLevelNumber[agreed="true"] {{ background: {_ACCENT}; }}
QLabel#presenterLevelName {{ font-size: {pt(21)}; font-weight: 700; }}
QLabel#presenterLevelDescription {{ font-size: {pt(16)}; color: #26303B; }}
QLabel#presenterAgreedBadge {{ font-size: {pt(16)}; font-weight: 700; color: {_ACCENT}; }}
QLabel#presenterNotApplicable {{ font-size: {pt(18)}; font-weight: 700; color: #7A4A00;
    background: #FFF4DB; border-left: 8px solid #B7791F; padding: 8px 14px; }}
QLabel#presenterHiddenNotice {{ font-size: {pt(16)}; color: {_MUTED}; font-style: italic; }}
QLabel#presenterVoteCount {{ font-size: {pt(20)}; font-weight: 700;
    min-width: {round(40 * scale)}px; }}
QLabel#presenterVoteTotal {{ font-size: {pt(16)}; color: {_MUTED}; }}
QLabel#presenterSurveyStatement {{ font-size: {pt(16)}; font-style: italic; }}
QLabel#presenterMuted {{ font-size: {pt(13)}; color: {_MUTED}; }}
QLabel#presenterRadarTitle {{ font-size: {pt(14)}; font-weight: 700; color: {_MUTED};
    letter-spacing: 1px; }}
"""


class PresenterWindow(QWidget):
    """The projector's view of the workshop; the facilitation view pushes content to it."""

    #: The window was closed (by the coach or the view).
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenterWindow")
        self.setWindowTitle("SRE Workshop — Presenter")
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._content: PresenterContent | None = None
        self._scale = 0.0
        self._build()
        self._apply_scale()

    # --- building --------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)

        header = QFrame(self)
        header.setObjectName("presenterHeader")
        header_layout = QGridLayout(header)
        header_layout.setContentsMargins(48, 18, 48, 16)
        header_layout.setVerticalSpacing(2)
        self.eyebrow_label = QLabel(header)
        self.eyebrow_label.setObjectName("presenterEyebrow")
        self.title_label = QLabel(header)
        self.title_label.setObjectName("presenterTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.area_label = QLabel(header)
        self.area_label.setObjectName("presenterAreaName")
        self.area_label.setWordWrap(True)
        header_layout.addWidget(self.eyebrow_label, 0, 0)
        header_layout.addWidget(self.title_label, 0, 1)
        header_layout.addWidget(self.area_label, 1, 0, 1, 2)
        header_layout.setColumnStretch(0, 1)
        root.addWidget(header)

        question = QWidget(self)
        question_layout = QVBoxLayout(question)
        question_layout.setContentsMargins(48, 22, 48, 10)
        question_layout.setSpacing(6)
        self.question_position_label = QLabel(question)
        self.question_position_label.setObjectName("presenterQuestionPosition")
        self.question_label = QLabel(question)
        self.question_label.setObjectName("presenterQuestion")
        self.question_label.setWordWrap(True)
        self.question_label.setTextFormat(Qt.TextFormat.PlainText)
        question_layout.addWidget(self.question_position_label)
        question_layout.addWidget(self.question_label)
        root.addWidget(question)

        body = QHBoxLayout()
        body.setContentsMargins(40, 8, 48, 28)
        body.setSpacing(36)
        levels = QVBoxLayout()
        levels.setSpacing(4)
        levels_head = QHBoxLayout()
        levels_head.setContentsMargins(8, 0, 14, 4)
        heading = QLabel("WHAT EACH LEVEL LOOKS LIKE HERE", self)
        heading.setObjectName("presenterSectionHeading")
        self.votes_heading_label = QLabel("ROOM VOTE", self)
        self.votes_heading_label.setObjectName("presenterSectionHeading")
        levels_head.addWidget(heading)
        levels_head.addStretch(1)
        levels_head.addWidget(self.votes_heading_label)
        levels.addLayout(levels_head)
        self.not_applicable_label = QLabel("Not applicable for this team", self)
        self.not_applicable_label.setObjectName("presenterNotApplicable")
        self.not_applicable_label.hide()
        levels.addWidget(self.not_applicable_label)
        self.level_rows = [_LevelRow(self) for _ in range(5)]
        for row in self.level_rows:
            levels.addWidget(row)
        self.votes_label = QLabel(self)
        self.votes_label.setObjectName("presenterHiddenNotice")
        self.votes_label.setWordWrap(True)
        self.votes_label.setContentsMargins(14, 6, 14, 0)
        levels.addWidget(self.votes_label)
        levels.addStretch(1)
        body.addLayout(levels, 12)

        side = QVBoxLayout()
        side.setSpacing(10)
        self.radar_title_label = QLabel(self)
        self.radar_title_label.setObjectName("presenterRadarTitle")
        self.radar = RadarCanvas(self, minimum=QSize(240, 240))
        self.radar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.survey_panel = _SurveyPanel(self)
        self.join_panel = JoinPanel(self)
        side.addWidget(self.join_panel, 1)
        side.addWidget(self.radar_title_label)
        side.addWidget(self.radar, 1)
        side.addWidget(self.survey_panel)
        body.addLayout(side, 9)
        root.addLayout(body, 1)

    # --- content ---------------------------------------------------------------------------

    @property
    def content(self) -> PresenterContent | None:
        return self._content

    def show_content(self, content: PresenterContent) -> None:
        """Show what the room should see now (the view calls this on every change)."""
        previous, self._content = self._content, content
        self.eyebrow_label.setText(
            f"{content.dimension.upper()}  ·  {content.area_position.upper()}"
        )
        self.title_label.setText(content.title)
        self.area_label.setText(content.area_name)
        self.question_position_label.setText(
            ("↳ " if content.question_depth else "") + content.question_position.upper()
        )
        self.question_label.setText(content.question_text)
        self.question_label.setContentsMargins(40 * content.question_depth, 0, 0, 0)
        self.not_applicable_label.setVisible(content.not_applicable)
        for row, level in zip(self.level_rows, content.levels, strict=False):
            row.show_level(level, agreed=content.agreed_level == level.level)
            row.show()
        for row in self.level_rows[len(content.levels) :]:
            row.hide()
        self.radar_title_label.setText(content.radar_title.upper())
        if content.radar_points and (
            previous is None
            or previous.radar_points != content.radar_points
            or self.radar.figure is None
        ):
            self.radar.set_points(
                content.radar_points,
                font_scale=RADAR_FONT_SCALE * max(0.7, self._scale),
                level_names=[level.name for level in content.levels] or None,
            )
        self._show_votes(content)
        self.survey_panel.show_survey(content)
        self.join_panel.show_room(content.room)
        self.radar_title_label.setVisible(content.room is None)
        self.radar.setVisible(content.room is None)

    def _show_votes(self, content: PresenterContent) -> None:
        votes = content.votes
        self.votes_heading_label.setVisible(votes is not None)
        most = max(votes) if votes else 0
        bar_width = round(min(260 * max(0.6, self._scale), self.width() * 0.13))
        for index, row in enumerate(self.level_rows):
            count = votes[index] if votes is not None and index < len(votes) else None
            row.show_votes(count, most, bar_width)
        if votes is None:
            cast = content.votes_cast
            counted = f" {cast} vote{'s' if cast != 1 else ''} cast so far." if cast else ""
            self.votes_label.setText(f"Votes hidden until the coach reveals them.{counted}")
        else:
            total = sum(votes)
            self.votes_label.setText(f"{total} vote{'s' if total != 1 else ''} in total")

    def vote_counts_shown(self) -> tuple[str, ...]:
        """The vote counts on screen, one per level ("" while hidden)."""
        return tuple(row.vote_count.text() for row in self.level_rows)

    def visible_texts(self) -> list[str]:
        """Every text on the window (tests check that nothing private is among them)."""
        texts = [label.text() for label in self.findChildren(QLabel)]
        texts += [editor.toPlainText() for editor in self.findChildren(QTextEdit)]
        texts += [editor.toPlainText() for editor in self.findChildren(QPlainTextEdit)]
        return [text for text in texts if text]

    # --- screens and full screen -----------------------------------------------------------

    def show_on(self, screen: QScreen | None, *, full_screen: bool) -> None:
        """Open on ``screen`` (full screen there), or as a normal window on the main screen."""
        if screen is not None:
            self.setScreen(screen)
            geometry = screen.availableGeometry()
            self.setGeometry(geometry)
        else:
            primary = QGuiApplication.primaryScreen()
            available = (
                primary.availableGeometry() if primary is not None else QRect(0, 0, 1280, 720)
            )
            size = QSize(min(1280, available.width() - 80), min(720, available.height() - 80))
            self.resize(size)
            self.move(available.center() - QRect(0, 0, size.width(), size.height()).center())
        if full_screen:
            self.showFullScreen()
        else:
            self.showNormal()

    def move_to_next_screen(self) -> None:
        screens = QGuiApplication.screens()
        if len(screens) < 2:
            return
        current = self.screen()
        index = screens.index(current) if current in screens else -1
        self.show_on(screens[(index + 1) % len(screens)], full_screen=self.isFullScreen())

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F11:
            self.toggle_full_screen()
        elif event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
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

    def _apply_scale(self) -> None:
        scale = max(0.55, min(1.6, self.height() / DESIGN_HEIGHT)) if self.height() > 100 else 1.0
        if abs(scale - self._scale) < 0.04:
            return
        self._scale = scale
        self.setStyleSheet(_stylesheet(scale))
        self.join_panel.set_scale(scale)
        if self._content is not None and self._content.radar_points:
            self.radar.set_points(
                self._content.radar_points,
                font_scale=RADAR_FONT_SCALE * max(0.7, scale),
                level_names=[level.name for level in self._content.levels] or None,
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
