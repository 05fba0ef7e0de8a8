"""``ReassessDialog``: a new assessment of a team, compared with its original or previous one.

The chapter compares a reassessment with the team's first assessment, so that is the default;
the coach can choose the previous one instead. The scope and participants of the previous
assessment are proposed again by the core's ``reassess`` workflow.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.model import Assessment
from sre_workshop.workflows import CompareWith, comparison_base, reassess
from sre_workshop.workspace import Workspace
from ui.errors import show_error
from ui.library.assessment_dialog import date_edit, from_qdate
from ui.library.team_dialog import ERROR_STYLE
from ui.models.assessment_model import display_title, format_date


class ReassessDialog(QDialog):
    """Ask the date and the comparison; after acceptance ``self.assessment`` is the new one."""

    def __init__(self, workspace: Workspace, team_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.team_id = team_id
        self.assessment: Assessment | None = None
        team = workspace.repository.get_team(team_id)
        self.setObjectName("reassessDialog")
        self.setWindowTitle(f"Reassess — {team.name}")
        self.setMinimumWidth(540)

        intro = QLabel(
            f"Plan a new assessment of <b>{_escape(team.name)}</b>. The areas and participants "
            "of the previous assessment are proposed again; you can change them afterwards "
            "with Edit Details."
        )
        intro.setWordWrap(True)

        self.date_edit = date_edit(dt.date.today())
        self.date_edit.setObjectName("reassessDate")
        date_label = QLabel("&Date:")
        date_label.setBuddy(self.date_edit)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        form = QFormLayout()
        form.addRow(date_label, date_row)

        self.original_radio = QRadioButton()
        self.original_radio.setObjectName("compareOriginal")
        self.previous_radio = QRadioButton()
        self.previous_radio.setObjectName("comparePrevious")
        self.original_radio.setChecked(True)
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.original_radio)
        self.choice.addButton(self.previous_radio)
        self.same_note = QLabel("The team has only one earlier assessment, so both are the same.")
        self.same_note.setWordWrap(True)
        compare_box = QGroupBox("Compare with")
        compare_layout = QVBoxLayout(compare_box)
        compare_layout.addWidget(self.original_radio)
        compare_layout.addWidget(self.previous_radio)
        compare_layout.addWidget(self.same_note)

        self.error_label = QLabel()
        self.error_label.setObjectName("dialogError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Plan Reassessment")
        ok.setEnabled(not workspace.read_only)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(compare_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.date_edit.dateChanged.connect(self.on_date_edit_date_changed)
        self.on_date_edit_date_changed(self.date_edit.date())
        self.date_edit.setFocus()

    def compare_with(self) -> CompareWith:
        return CompareWith.PREVIOUS if self.previous_radio.isChecked() else CompareWith.ORIGINAL

    @Slot(QDate)
    def on_date_edit_date_changed(self, day: QDate) -> None:
        """Name the assessments each choice means for a reassessment on ``day``."""
        self.error_label.hide()
        before = from_qdate(day)
        try:
            original = comparison_base(
                self.workspace, self.team_id, CompareWith.ORIGINAL, before=before
            )
            previous = comparison_base(
                self.workspace, self.team_id, CompareWith.PREVIOUS, before=before
            )
        except Exception as exc:
            show_error(self, exc)
            return
        self.original_radio.setText(f"the &original assessment ({_describe(original)})")
        self.previous_radio.setText(f"the &previous assessment ({_describe(previous)})")
        same = original is not None and previous is not None and original.id == previous.id
        self.same_note.setVisible(same)
        self.previous_radio.setEnabled(previous is not None and not same)
        self.original_radio.setEnabled(original is not None)
        if same or previous is None:
            self.original_radio.setChecked(True)
        if original is None:
            self.show_problem(
                "The team has no assessment on or before this date to compare with. "
                "Choose a later date, or plan a first assessment instead."
            )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            original is not None and not self.workspace.read_only
        )

    def show_problem(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def accept(self) -> None:
        try:
            self.assessment = reassess(
                self.workspace,
                self.team_id,
                date=from_qdate(self.date_edit.date()),
                compare_with=self.compare_with(),
            )
        except ValueError as exc:
            text = str(exc)
            self.show_problem(text[:1].upper() + text[1:] + ".")
            return
        except Exception as exc:
            show_error(self, exc, "The reassessment could not be planned.")
            return
        super().accept()


def _describe(assessment: Assessment | None) -> str:
    if assessment is None:
        return "none yet"
    # Button text: a single "&" would become a mnemonic.
    return f"{format_date(assessment.date)}, {display_title(assessment)}".replace("&", "&&")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
