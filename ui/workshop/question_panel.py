"""The centre of the facilitation view: the area, the current question in large type, and the
capture for that question (quick answer, follow-up flag, notes).

A passive panel: it shows what it is given and reports clicks; the view decides and saves.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.model import Answer, Area, FlatQuestion, QuickAnswer
from ui.workshop.autosave import SaveState
from ui.workshop.clock import Timebox
from ui.workshop.editors import CaptureTextEdit
from ui.workshop.keymap import Command, binding
from ui.workshop.save_state import SaveIndicator
from ui.workshop.style import QUESTION_POINTS, QUESTION_POINTS_WIDE, restyle

QUICK_COMMANDS = {
    QuickAnswer.YES: Command.QUICK_YES,
    QuickAnswer.PARTLY: Command.QUICK_PARTLY,
    QuickAnswer.NO: Command.QUICK_NO,
    QuickAnswer.UNKNOWN: Command.QUICK_UNKNOWN,
}
QUICK_LABELS = {
    QuickAnswer.YES: "Yes",
    QuickAnswer.PARTLY: "Partly",
    QuickAnswer.NO: "No",
    QuickAnswer.UNKNOWN: "Unknown",
}


class _HeaderRow:
    """A header row: a stacked left column and a right column aligned to its top."""

    def __init__(self) -> None:
        self.layout = QHBoxLayout()
        self.layout.setSpacing(12)
        self.left = QVBoxLayout()
        self.left.setSpacing(2)
        self.right = QVBoxLayout()
        self.layout.addLayout(self.left, 1)
        self.layout.addLayout(self.right)


class QuestionPanel(QWidget):
    """Area header, question card, quick answers, follow-up flag and the notes editor."""

    #: A quick answer button was clicked.
    quick_answer_clicked = Signal(object)
    #: The follow-up button was clicked.
    follow_up_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionPanel")
        root = QVBoxLayout(self)
        root.setContentsMargins(4, 0, 4, 0)
        root.setSpacing(10)

        # --- the area ---------------------------------------------------------------------
        header = _HeaderRow()
        self.eyebrow_label = QLabel(self)
        self.eyebrow_label.setObjectName("eyebrow")
        self.timebox_label = QLabel(self)
        self.timebox_label.setObjectName("timebox")
        self.timebox_label.setToolTip("Time spent in this area against its timebox")
        header.left.addWidget(self.eyebrow_label)
        self.area_name_label = QLabel(self)
        self.area_name_label.setObjectName("areaName")
        self.area_name_label.setWordWrap(True)
        header.left.addWidget(self.area_name_label)
        header.right.addWidget(self.timebox_label, 0, Qt.AlignmentFlag.AlignTop)
        root.addLayout(header.layout)
        self.description_label = QLabel(self)
        self.description_label.setObjectName("areaDescription")
        self.description_label.setWordWrap(True)
        root.addWidget(self.description_label)

        # --- the question -----------------------------------------------------------------
        self.question_card = QFrame(self)
        self.question_card.setObjectName("questionCard")
        card = QVBoxLayout(self.question_card)
        card.setContentsMargins(18, 12, 18, 16)
        card.setSpacing(6)
        self.question_position_label = QLabel(self.question_card)
        self.question_position_label.setObjectName("questionPosition")
        self.question_label = QLabel(self.question_card)
        self.question_label.setObjectName("questionText")
        self.question_label.setWordWrap(True)
        self.question_label.setTextFormat(Qt.TextFormat.PlainText)
        self.question_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.question_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        question_font = self.question_label.font()
        question_font.setPointSizeF(QUESTION_POINTS)
        self.question_label.setFont(question_font)
        card.addWidget(self.question_position_label)
        card.addWidget(self.question_label)
        root.addWidget(self.question_card)

        # --- quick answer and flag --------------------------------------------------------
        answers = QHBoxLayout()
        answers.setSpacing(6)
        self.quick_buttons: dict[QuickAnswer, QPushButton] = {}
        for quick, label in QUICK_LABELS.items():
            key = binding(QUICK_COMMANDS[quick]).display_keys()
            button = QPushButton(f"{label}  ({key})", self)
            button.setObjectName("quickAnswer")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(f"Quick answer “{label.lower()}” ({key}; press again to clear)")
            button.clicked.connect(lambda _=False, q=quick: self.quick_answer_clicked.emit(q))
            answers.addWidget(button)
            self.quick_buttons[quick] = button
        answers.addStretch(1)
        flag_key = binding(Command.FOLLOW_UP).display_keys()
        self.follow_up_button = QPushButton(f"⚐ Follow up  ({flag_key})", self)
        self.follow_up_button.setObjectName("followUp")
        self.follow_up_button.setCheckable(True)
        self.follow_up_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.follow_up_button.setToolTip(f"Flag this question for follow-up ({flag_key})")
        self.follow_up_button.clicked.connect(lambda _=False: self.follow_up_clicked.emit())
        answers.addWidget(self.follow_up_button)
        root.addLayout(answers)

        # --- notes ------------------------------------------------------------------------
        notes_header = QHBoxLayout()
        notes_caption = QLabel(
            f"NOTES  ·  {binding(Command.EDIT_NOTES).display_keys()} to write, Esc to leave",
            self,
        )
        notes_caption.setObjectName("sectionHeading")
        self.notes_save = SaveIndicator(self)
        self.notes_state_label = self.notes_save.state_label
        notes_header.addWidget(notes_caption)
        notes_header.addStretch(1)
        notes_header.addWidget(self.notes_state_label)
        root.addLayout(notes_header)
        root.addWidget(self.notes_save.error_label)
        self.notes_edit = CaptureTextEdit(self)
        self.notes_edit.setObjectName("notesEdit")
        self.notes_edit.setPlaceholderText(
            "What the room says about this question. Saved as you type; only you see it."
        )
        self.notes_edit.setMinimumHeight(90)
        root.addWidget(self.notes_edit, 1)

    # --- showing ---------------------------------------------------------------------------

    def show_area(self, area: Area, position: str) -> None:
        self.eyebrow_label.setText(f"{area.dimension.label.upper()}  ·  {position.upper()}")
        self.area_name_label.setText(area.name)
        self.description_label.setText(area.description)

    def show_question(
        self, flat: FlatQuestion | None, number: int, count: int, parent_number: int | None
    ) -> None:
        """Show question ``number`` of ``count`` (1-based); ``flat`` None: the area has none."""
        follow_up = flat is not None and flat.depth > 0
        self.question_card.setProperty("followUp", follow_up)
        restyle(self.question_card)
        enabled = flat is not None
        for widget in (*self.quick_buttons.values(), self.follow_up_button, self.notes_edit):
            widget.setEnabled(enabled)
        if flat is None:
            self.question_position_label.setText("NO QUESTIONS IN THIS AREA")
            self.question_label.setText("Discuss the levels with the room and agree one.")
            self.question_card.setContentsMargins(0, 0, 0, 0)
            return
        position = f"QUESTION {number} OF {count}"
        if follow_up and parent_number is not None:
            position = f"↳ FOLLOW-UP TO QUESTION {parent_number}  ·  {position}"
        self.question_position_label.setText(position)
        self.question_label.setText(flat.question.text)
        self.question_card.setContentsMargins(28 * flat.depth, 0, 0, 0)

    def show_answer(self, answer: Answer) -> None:
        """Quick answer and flag of the current question (the notes are loaded separately)."""
        for quick, button in self.quick_buttons.items():
            chosen = answer.quick_answer is quick
            button.setChecked(chosen)
            key = binding(QUICK_COMMANDS[quick]).display_keys()
            button.setText(f"{'✓ ' if chosen else ''}{QUICK_LABELS[quick]}  ({key})")
        self.follow_up_button.setChecked(answer.follow_up)
        flag_key = binding(Command.FOLLOW_UP).display_keys()
        self.follow_up_button.setText(
            f"⚑ Flagged for follow-up  ({flag_key})"
            if answer.follow_up
            else f"⚐ Follow up  ({flag_key})"
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        points = QUESTION_POINTS if self.width() < 820 else QUESTION_POINTS_WIDE
        font = self.question_label.font()
        if font.pointSizeF() != points:
            font.setPointSizeF(points)
            self.question_label.setFont(font)

    def show_timebox(self, timebox: Timebox) -> None:
        self.timebox_label.setText(timebox.text())
        state = timebox.state.value
        if self.timebox_label.property("state") != state:
            self.timebox_label.setProperty("state", state)
            restyle(self.timebox_label)

    def show_notes_state(self, state: SaveState, error: BaseException | None) -> None:
        self.notes_save.show_state(state, error)
