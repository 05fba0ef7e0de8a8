"""The right side of the facilitation view: the area's agreed level and how the room got there.

The agreed level (1-5 buttons, not applicable with a reason), the five level descriptions in
one table with the room's vote per level (a :class:`~ui.widgets.tally_widget.TallyWidget` with
the proposed level and spread), the rationale, and for culture aspects the survey statement with
its 1-to-7 tally. A passive panel: it shows what it is given and reports clicks.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.charts import LEVEL_NAMES_DEFAULT
from sre_workshop.model import LEVELS, Area, AreaRating, SurveyTally, VotesSource
from ui.widgets.tally_widget import TallyWidget
from ui.workshop.editors import CaptureLineEdit, CaptureTextEdit
from ui.workshop.keymap import Command, binding
from ui.workshop.save_state import SaveIndicator
from ui.workshop.style import restyle

SURVEY_LABELS = (
    "1 Strongly disagree",
    "2 Disagree",
    "3 Somewhat disagree",
    "4 Neither",
    "5 Somewhat agree",
    "6 Agree",
    "7 Strongly agree",
)


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("sectionHeading")
    return label


class RatingPanel(QWidget):
    """Agreed level, level table with votes, rationale and the culture survey."""

    #: A level button (1-5) was clicked.
    level_clicked = Signal(int)
    #: The "Not applicable" button was clicked.
    not_applicable_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingPanel")
        self._level_names: tuple[str, ...] = LEVEL_NAMES_DEFAULT
        root = QVBoxLayout(self)
        root.setContentsMargins(2, 0, 6, 6)
        root.setSpacing(8)

        # --- agreed level -----------------------------------------------------------------
        head = QHBoxLayout()
        head.addWidget(_heading("AGREED LEVEL", self))
        head.addStretch(1)
        self.agreed_label = QLabel(self)
        self.agreed_label.setObjectName("agreedLevel")
        head.addWidget(self.agreed_label)
        root.addLayout(head)
        buttons = QHBoxLayout()
        buttons.setSpacing(5)
        self.level_buttons: dict[int, QPushButton] = {}
        for level in LEVELS:
            button = QPushButton(str(level), self)
            button.setObjectName("levelButton")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, value=level: self.level_clicked.emit(value))
            buttons.addWidget(button)
            self.level_buttons[level] = button
        na_key = binding(Command.NOT_APPLICABLE).display_keys()
        self.not_applicable_button = QPushButton(f"Not applicable  ({na_key})", self)
        self.not_applicable_button.setObjectName("notApplicable")
        self.not_applicable_button.setCheckable(True)
        self.not_applicable_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.not_applicable_button.setToolTip(
            f"This area does not apply to the team ({na_key}); then type why"
        )
        self.not_applicable_button.clicked.connect(
            lambda _=False: self.not_applicable_clicked.emit()
        )
        buttons.addSpacing(8)
        buttons.addWidget(self.not_applicable_button, 1)
        root.addLayout(buttons)

        self.reason_row = QWidget(self)
        reason = QVBoxLayout(self.reason_row)
        reason.setContentsMargins(0, 0, 0, 0)
        reason.setSpacing(2)
        reason_head = QHBoxLayout()
        reason_head.addWidget(_heading("WHY NOT APPLICABLE", self.reason_row))
        reason_head.addStretch(1)
        self.reason_save = SaveIndicator(self.reason_row)
        reason_head.addWidget(self.reason_save.state_label)
        reason.addLayout(reason_head)
        reason.addWidget(self.reason_save.error_label)
        self.reason_edit = CaptureLineEdit(self.reason_row)
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setPlaceholderText("For example: no regulated data (Esc when done)")
        reason.addWidget(self.reason_edit)
        root.addWidget(self.reason_row)

        # --- levels and votes -------------------------------------------------------------
        votes_head = QHBoxLayout()
        tally_key = binding(Command.VOTE_TALLY).display_keys()
        votes_head.addWidget(_heading(f"LEVELS AND ROOM VOTE  ({tally_key})", self))
        votes_head.addStretch(1)
        self.reveal_label = QLabel(self)
        self.reveal_label.setObjectName("revealState")
        votes_head.addWidget(self.reveal_label)
        root.addLayout(votes_head)
        # Room voting: a phone vote in progress here, or that the tally came from phones.
        self.room_label = QLabel(self)
        self.room_label.setObjectName("roomVoteState")
        self.room_label.hide()
        root.addWidget(self.room_label)
        self._room_round, self._votes_source = "", VotesSource.MANUAL
        self.vote_tally = TallyWidget(
            [f"{level} {name}" for level, name in zip(LEVELS, self._level_names, strict=True)],
            details=[""] * len(LEVELS),
            noun=("vote", "votes"),
            parent=self,
        )
        self.vote_tally.setObjectName("voteTally")
        self.vote_tally.setToolTip("↑/↓ choose a level, + / − count a vote, Esc to leave")
        root.addWidget(self.vote_tally)

        # --- rationale --------------------------------------------------------------------
        rationale_head = QHBoxLayout()
        rationale_key = binding(Command.EDIT_RATIONALE).display_keys()
        rationale_head.addWidget(_heading(f"RATIONALE  ({rationale_key})", self))
        rationale_head.addStretch(1)
        self.rationale_save = SaveIndicator(self)
        rationale_head.addWidget(self.rationale_save.state_label)
        root.addLayout(rationale_head)
        root.addWidget(self.rationale_save.error_label)
        self.rationale_edit = CaptureTextEdit(self)
        self.rationale_edit.setObjectName("rationaleEdit")
        self.rationale_edit.setPlaceholderText("Why the room agreed this level (saved as you type)")
        self.rationale_edit.setMinimumHeight(76)
        self.rationale_edit.setMaximumHeight(220)
        root.addWidget(self.rationale_edit, 1)

        # --- culture survey ---------------------------------------------------------------
        self.survey_box = QFrame(self)
        survey = QVBoxLayout(self.survey_box)
        survey.setContentsMargins(0, 4, 0, 0)
        survey.setSpacing(4)
        survey_key = binding(Command.SURVEY_TALLY).display_keys()
        survey.addWidget(_heading(f"CULTURE SURVEY  ({survey_key})", self.survey_box))
        self.survey_statement_label = QLabel(self.survey_box)
        self.survey_statement_label.setObjectName("surveyStatement")
        self.survey_statement_label.setWordWrap(True)
        survey.addWidget(self.survey_statement_label)
        self.survey_source_label = QLabel("Answers cast anonymously from phones", self.survey_box)
        self.survey_source_label.setObjectName("roomVoteState")
        self.survey_source_label.hide()
        survey.addWidget(self.survey_source_label)
        self.survey_tally = TallyWidget(
            SURVEY_LABELS, noun=("answer", "answers"), propose=False, parent=self.survey_box
        )
        self.survey_tally.setObjectName("surveyTally")
        self.survey_tally.setToolTip("↑/↓ choose an answer, + / − count it, Esc to leave")
        survey.addWidget(self.survey_tally)
        root.addWidget(self.survey_box)
        root.addStretch(0)

    # --- showing ---------------------------------------------------------------------------

    def set_level_names(self, names: Sequence[str]) -> None:
        self._level_names = tuple(names)
        self.vote_tally.set_labels(
            [f"{level} {name}" for level, name in zip(LEVELS, self._level_names, strict=True)]
        )
        for level, button in self.level_buttons.items():
            button.setToolTip(f"Agree level {level}: {self._level_names[level - 1]} ({level})")

    def show_area(self, area: Area) -> None:
        self.vote_tally.set_details(area.level_descriptions)
        statement = area.survey_statement
        self.survey_box.setVisible(statement is not None)
        self.survey_statement_label.setText(f"“{statement}”" if statement else "")
        # With a survey below, the rationale stays compact so both fit on a laptop screen.
        self.rationale_edit.setMaximumHeight(90 if statement is not None else 220)

    def show_rating(self, rating: AreaRating) -> None:
        """Level buttons, agreed text, reason row and vote counts (texts load separately)."""
        for level, button in self.level_buttons.items():
            button.setChecked(rating.level == level)
        self.not_applicable_button.setChecked(rating.not_applicable)
        self.reason_row.setVisible(rating.not_applicable)
        if rating.not_applicable:
            text, state = "Not applicable", "na"
        elif rating.level is not None:
            text, state = f"✓ {rating.level} {self._level_names[rating.level - 1]}", "agreed"
        else:
            text, state = "Not agreed yet", "none"
        self.agreed_label.setText(text)
        if self.agreed_label.property("state") != state:
            self.agreed_label.setProperty("state", state)
            restyle(self.agreed_label)
        self.vote_tally.set_counts(rating.votes)
        self.vote_tally.set_marked(rating.level, "agreed")
        self._votes_source = rating.votes_source
        self.show_room_round(self._room_round)

    def show_survey(self, tally: SurveyTally) -> None:
        self.survey_tally.set_counts(tally.counts)
        self.survey_source_label.setVisible(tally.votes_source is VotesSource.ROOM)

    def show_room_round(self, text: str) -> None:
        """A phone vote's state for this area, else whether the tally came from phones."""
        self._room_round = text
        from_phones = self._votes_source is VotesSource.ROOM
        shown = text or ("Votes cast anonymously from phones" if from_phones else "")
        self.room_label.setText(shown)
        self.room_label.setVisible(bool(shown))

    def show_revealed(self, revealed: bool, presenter_open: bool) -> None:
        key = binding(Command.REVEAL_VOTES).display_keys()
        if revealed:
            text = "✓ Shown on the projector" if presenter_open else "✓ Revealed to the room"
        else:
            text = f"Hidden from the room ({key})"
        self.reveal_label.setText(text)
        if self.reveal_label.property("revealed") != revealed:
            self.reveal_label.setProperty("revealed", revealed)
            restyle(self.reveal_label)
