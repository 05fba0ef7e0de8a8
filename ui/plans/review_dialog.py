"""``ReviewDialog``: review a carried hypothesis or action item during a reassessment.

It shows the item, when it was posed and how it was reviewed before; the coach picks its status
now and notes the evidence the room saw. OK records the review with the assessment in which it
happens and moves the item to the new status, in one transaction (``workflows.review_*``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.model import ActionItem, ActionStatus, Assessment, Hypothesis, HypothesisStatus
from sre_workshop.workflows import review_action, review_hypothesis
from sre_workshop.workspace import Workspace
from ui.errors import show_error
from ui.plans.common import assessment_label, review_history_html, status_label
from ui.plans.fields import ParagraphEdit

ITEM_STYLE = (
    "QLabel#reviewedItemText { background: #f4f7fb; border: 1px solid #c9d6e6;"
    " border-radius: 4px; padding: 8px 10px; color: #1b2733; }"
)

Item = Hypothesis | ActionItem


class ReviewDialog(QDialog):
    """Review ``item`` in ``assessment``; ``reviewed_item`` is the updated item after OK."""

    def __init__(
        self,
        workspace: Workspace,
        item: Item,
        assessment: Assessment,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.item = item
        self.assessment = assessment
        self.reviewed_item: Item | None = None
        self.is_hypothesis = isinstance(item, Hypothesis)
        kind = "Hypothesis" if self.is_hypothesis else "Action Item"
        self.setObjectName("reviewDialog")
        self.setWindowTitle(f"Review {kind}")
        self.setModal(True)
        self._build_ui()

    def _history(self) -> str:
        repository = self.workspace.repository
        if isinstance(self.item, Hypothesis):
            reviews = repository.hypothesis_reviews(item_id=self.item.id)
        else:
            reviews = repository.action_reviews(item_id=self.item.id)
        assessments = {
            assessment.id: assessment
            for assessment in repository.list_assessments(self.item.team_id)
        }
        return review_history_html(reviews, assessments, self.assessment.id)

    def _build_ui(self) -> None:
        repository = self.workspace.repository
        posed = repository.find_assessment(self.item.assessment_id)
        heading = QLabel(
            ("Hypothesis" if self.is_hypothesis else "Action item")
            + f" · posed in: {assessment_label(posed)}"
            + (f" · owner {self.item.owner}" if self.item.owner.strip() else "")
        )
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        bold = QFont(self.font())
        bold.setBold(True)
        heading.setFont(bold)

        text = self.item.sentence if isinstance(self.item, Hypothesis) else self.item.text
        self.item_label = QLabel(text)
        self.item_label.setObjectName("reviewedItemText")
        self.item_label.setTextFormat(Qt.TextFormat.PlainText)
        self.item_label.setWordWrap(True)
        self.item_label.setStyleSheet(ITEM_STYLE)
        self.item_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        current = QLabel(f"Current status: {status_label(self.item.status)}")
        current.setObjectName("currentStatus")
        current.setTextFormat(Qt.TextFormat.PlainText)

        history_heading = QLabel("Reviews so far")
        history_heading.setFont(bold)
        history = self._history()
        self.history_label = QLabel(history or "Not reviewed yet.")
        self.history_label.setObjectName("reviewHistory")
        self.history_label.setTextFormat(
            Qt.TextFormat.RichText if history else Qt.TextFormat.PlainText
        )
        self.history_label.setWordWrap(True)
        self.history_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.history_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusCombo")
        statuses = HypothesisStatus if self.is_hypothesis else ActionStatus
        for status in statuses:
            self.status_combo.addItem(status_label(status), status)
        self.status_combo.setCurrentIndex(self.status_combo.findData(self.item.status))
        self.evidence_edit = ParagraphEdit(4, return_saves=False)
        self.evidence_edit.setObjectName("evidenceEdit")
        self.evidence_edit.setAccessibleName("Evidence seen")
        self.evidence_edit.setPlaceholderText(
            "what the room saw: numbers, dates, where they come from"
            if self.is_hypothesis
            else "what was done, or why not"
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&New status:", self.status_combo)
        form.addRow("&Evidence seen:", self.evidence_edit)
        note = QLabel(f"The review is recorded with: {assessment_label(self.assessment)}.")
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Record &Review")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(self.item_label)
        layout.addWidget(current)
        layout.addSpacing(4)
        layout.addWidget(history_heading)
        layout.addWidget(self.history_label)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(720, self.sizeHint().height())
        self.evidence_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        evidence = self.evidence_edit.toPlainText().strip()
        try:
            if isinstance(self.item, Hypothesis):
                self.reviewed_item = review_hypothesis(
                    self.workspace,
                    self.item.id,
                    self.assessment.id,
                    HypothesisStatus(self.status_combo.currentData()),
                    evidence,
                )
            else:
                self.reviewed_item = review_action(
                    self.workspace,
                    self.item.id,
                    self.assessment.id,
                    ActionStatus(self.status_combo.currentData()),
                    evidence,
                )
        except Exception as exc:
            show_error(self, exc, "The review could not be recorded.")
            return
        super().accept()
