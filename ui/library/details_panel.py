"""The details of the selected assessment, under the library's table, and how they read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QWidget

from sre_workshop.model import Assessment, Dimension
from sre_workshop.workspace import Workspace
from ui.library.formatting import describe_minutes
from ui.library.labels import plain_label
from ui.models.assessment_model import (
    AssessmentRow,
    display_title,
    format_date,
    format_score,
    status_text,
)

#: Key of each value → (caption, grid row, grid column): two columns of four.
FIELDS = {
    "date": ("Date:", 0, 0),
    "coach": ("Coach:", 1, 0),
    "participants": ("Participants:", 2, 0),
    "scope": ("Areas in scope:", 3, 0),
    "status": ("Status:", 0, 2),
    "scores": ("Scores:", 1, 2),
    "compared": ("Compared with:", 2, 2),
    "next": ("Next reassessment:", 3, 2),
}


class AssessmentDetails(QGroupBox):
    """“Selected assessment”: one selectable value per field in ``detail_values``."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Selected assessment", parent)
        self.workspace = workspace
        self.setObjectName("assessmentDetails")
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 10, 12, 12)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        self.detail_values: dict[str, QLabel] = {}
        for key, (caption, row, column) in FIELDS.items():
            label = QLabel(caption)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value = plain_label(selectable=True)
            value.setObjectName(f"detail-{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, row, column)
            grid.addWidget(value, row, column + 1)
            self.detail_values[key] = value
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    def show_row(self, item: AssessmentRow | None) -> None:
        """Show ``item``'s details, or hide the box while no assessment is selected."""
        self.setVisible(item is not None)
        if item is None:
            return
        assessment, summary = item.assessment, item.summary
        values = {
            "date": format_date(assessment.date)
            + (f" — {assessment.title}" if assessment.title else ""),
            "coach": assessment.coach or "not set",
            "participants": participants_text(assessment),
            "scope": scope_text(self.workspace, assessment, summary),
            "status": status_text(assessment.status)
            + (" (demo data)" if assessment.is_demo else ""),
            "scores": scores_text(summary) if not item.problem else f"unavailable: {item.problem}",
            "compared": compared_text(item),
            "next": format_date(assessment.reassessment_due)
            + ("" if assessment.next_reassessment else " (six months after)"),
        }
        for key, text in values.items():
            self.detail_values[key].setText(text)
        names = "\n".join(
            f"{group.role}: {group.names}" for group in assessment.participants if group.names
        )
        self.detail_values["participants"].setToolTip(names)


# --- text for the details ------------------------------------------------------------------


def participants_text(assessment: Assessment) -> str:
    if not assessment.participants:
        return "not set"
    groups = ", ".join(f"{group.role} {group.count}" for group in assessment.participants)
    return f"{assessment.participant_count} people: {groups}"


def scope_text(workspace: Workspace, assessment: Assessment, summary: object) -> str:
    try:
        framework = workspace.framework_for(assessment)
    except Exception:  # the details still show the rest
        return f"{len(assessment.scope)} areas"
    keys = set(assessment.scope_keys)
    culture = sum(1 for area in framework.areas_of(Dimension.CULTURE) if area.key in keys)
    process = sum(1 for area in framework.areas_of(Dimension.PROCESS) if area.key in keys)
    minutes = sum(item.timebox_minutes for item in assessment.scope)
    text = (
        f"{len(assessment.scope)} of {len(framework.areas)} "
        f"({culture} culture, {process} process), {describe_minutes(minutes)} planned"
    )
    if isinstance(summary, dict) and isinstance(summary.get("areas_rated"), int):
        text += f"; {summary['areas_rated']} rated"
    return text


def scores_text(summary: object) -> str:
    if not isinstance(summary, dict):
        return "–"
    parts = [
        f"culture {format_score(summary.get('culture_score'))}",
        f"process {format_score(summary.get('process_score'))}",
    ]
    survey = f"survey {format_score(summary.get('survey_score'))}"
    if summary.get("survey_band"):
        survey += f" ({summary['survey_band']})"
    parts.append(survey)
    return ", ".join(parts)


def compared_text(item: AssessmentRow) -> str:
    assessment = item.assessment
    if not assessment.compares_with:
        return "nothing (a first assessment)"
    if item.compared is None:
        return "an assessment that was deleted"
    text = f"{format_date(item.compared.date)} — {display_title(item.compared)}"
    verdicts = item.verdict_text()
    return f"{text}\n{verdicts}" if verdicts else text
