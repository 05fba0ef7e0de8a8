"""The library's right side for the selected team: its name, its assessments and their details.

Top to bottom: the team's name with Rename and Delete, the demo note, the description, the
assessment table (or a hint to plan the first one), the assessment buttons, and the details of
the selected assessment.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.model import Team
from sre_workshop.workspace import Workspace
from ui.library.assessment_table import assessment_table
from ui.library.details_panel import AssessmentDetails
from ui.library.labels import plain_label, scaled_font
from ui.library.library_actions import LibraryActions
from ui.models.assessment_model import AssessmentTableModel
from ui.widgets.actions import action_button

DEMO_BADGE_STYLE = (
    "QLabel { color: #5c4400; background: #fff4ce; border: 1px solid #e3c56a;"
    " border-radius: 4px; padding: 1px 8px; font-weight: 600; }"
)


class TeamPage(QWidget):
    """One team's page; :meth:`show_team` fills it in, the details box follows the selection."""

    def __init__(
        self,
        workspace: Workspace,
        model: AssessmentTableModel,
        actions: LibraryActions,
        base_font: QFont,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("teamPage")

        self.team_name_label = plain_label(selectable=True)
        self.team_name_label.setObjectName("teamName")
        self.team_name_label.setFont(scaled_font(base_font, 1.6))
        self.demo_badge = QLabel("Demo")
        self.demo_badge.setObjectName("demoBadge")
        self.demo_badge.setStyleSheet(DEMO_BADGE_STYLE)
        self.demo_badge.setToolTip(
            "Demo data, for looking around. File ▸ Remove Demo Data deletes it in one step."
        )
        self.demo_badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        demo_note = QLabel("Demo data for looking around — File ▸ Remove Demo Data removes it.")
        self.demo_row = QWidget()
        self.demo_row.setObjectName("demoRow")
        demo_layout = QHBoxLayout(self.demo_row)
        demo_layout.setContentsMargins(0, 0, 0, 0)
        demo_layout.setSpacing(8)
        demo_layout.addWidget(self.demo_badge)
        demo_layout.addWidget(demo_note, 1)
        self.rename_button = action_button(actions.rename_team_action, "Rena&me…")
        self.delete_team_button = action_button(actions.delete_team_action, "&Delete Team…")
        header = QHBoxLayout()
        header.setSpacing(10)
        header.addWidget(self.team_name_label, 1)
        header.addSpacing(12)
        header.addWidget(self.rename_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.delete_team_button, 0, Qt.AlignmentFlag.AlignTop)

        self.team_description_label = plain_label(selectable=True)
        self.team_description_label.setObjectName("teamDescription")
        self.team_description_label.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum
        )

        assessments_heading = QLabel("&Assessments")
        assessments_heading.setFont(scaled_font(base_font, 1.15))
        self.assessment_table = assessment_table(
            model, actions.assessment_menu(), QFontMetrics(base_font).height() + 14
        )
        assessments_heading.setBuddy(self.assessment_table)
        self.no_assessments_label = QLabel(
            "No assessments yet. Plan the first one with Plan Assessment (Ctrl+Shift+N): "
            "its date, who will be in the room, and which areas are on the agenda."
        )
        self.no_assessments_label.setObjectName("noAssessmentsHint")
        self.no_assessments_label.setWordWrap(True)
        self.no_assessments_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_assessments_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.no_assessments_label.setMargin(24)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.assessment_table)
        self.table_stack.addWidget(self.no_assessments_label)

        self.run_button = action_button(actions.run_workshop_action, "&Run / Continue Workshop")
        self.run_button.setObjectName("runWorkshopButton")
        self.run_button.setFont(scaled_font(base_font, 1.0))
        self.plan_button = action_button(actions.plan_assessment_action, "&Plan Assessment…")
        self.reassess_button = action_button(actions.reassess_action, "Rea&ssess…")
        self.edit_button = action_button(actions.edit_assessment_action, "Ed&it Details…")
        self.reopen_button = action_button(actions.reopen_action, "Re&open…")
        self.delete_assessment_button = action_button(actions.delete_assessment_action, "De&lete…")
        actions_row = QHBoxLayout()
        actions_row.setSpacing(8)
        actions_row.addWidget(self.run_button)
        actions_row.addSpacing(8)
        actions_row.addWidget(self.plan_button)
        actions_row.addWidget(self.reassess_button)
        actions_row.addStretch(1)
        actions_row.addWidget(self.edit_button)
        actions_row.addWidget(self.reopen_button)
        actions_row.addWidget(self.delete_assessment_button)

        self.details_box = AssessmentDetails(workspace)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.demo_row)
        layout.addWidget(self.team_description_label)
        layout.addSpacing(6)
        layout.addWidget(assessments_heading)
        layout.addWidget(self.table_stack, 1)
        layout.addLayout(actions_row)
        layout.addSpacing(4)
        layout.addWidget(self.details_box)

    def tab_chain(self) -> list[QWidget]:
        """The page's controls in the order Tab visits them."""
        return [
            self.rename_button,
            self.delete_team_button,
            self.assessment_table,
            self.run_button,
            self.plan_button,
            self.reassess_button,
            self.edit_button,
            self.reopen_button,
            self.delete_assessment_button,
        ]

    def show_team(self, team: Team | None, has_assessments: bool) -> None:
        """The team's name, demo note and description; the table, or the hint to plan one."""
        self.team_name_label.setText(team.name if team else "")
        self.team_description_label.setText(team.description if team else "")
        self.team_description_label.setVisible(bool(team and team.description))
        self.demo_row.setVisible(bool(team and team.is_demo))
        self.table_stack.setCurrentWidget(
            self.assessment_table if has_assessments else self.no_assessments_label
        )
