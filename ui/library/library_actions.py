"""The library's actions: what each one says, its shortcut, and when it is enabled.

The actions belong to the library view (their shortcuts are live while it has the focus) and
call :class:`~ui.library.operations.LibraryOperations`; the main window puts the same actions
in its menus, and the library's buttons and context menus trigger them too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from sre_workshop.model import Assessment, AssessmentStatus
from ui.widgets.actions import page_action

if TYPE_CHECKING:
    from ui.library.operations import LibraryOperations


class LibraryActions:
    """The eleven actions on teams, assessments and the demo data."""

    def __init__(self, view: QWidget, operations: LibraryOperations) -> None:
        self.new_team_action = page_action(
            view,
            "&New Team…",
            "Create a team to assess",
            operations.new_team,
            QKeySequence.StandardKey.New,
        )
        self.rename_team_action = page_action(
            view,
            "Rena&me Team…",
            "Change the selected team's name or description",
            operations.rename_team,
            "F2",
        )
        self.delete_team_action = page_action(
            view,
            "&Delete Team…",
            "Delete the selected team and all its assessments (a backup is kept)",
            operations.delete_team,
        )
        self.plan_assessment_action = page_action(
            view,
            "&Plan Assessment…",
            "Plan an assessment of the selected team: date, people, areas and timeboxes",
            operations.plan_assessment,
            "Ctrl+Shift+N",
        )
        self.edit_assessment_action = page_action(
            view,
            "&Edit Assessment…",
            "Change the selected assessment's date, people, areas or timeboxes",
            operations.edit_assessment,
            "Ctrl+E",
        )
        self.delete_assessment_action = page_action(
            view,
            "Delete &Assessment…",
            "Delete the selected assessment (a backup is kept)",
            operations.delete_assessment,
        )
        self.reassess_action = page_action(
            view,
            "Reass&ess Team…",
            "Plan a new assessment compared with the team's original or previous one",
            operations.reassess,
            "Ctrl+R",
        )
        self.run_workshop_action = page_action(
            view,
            "Run / Continue Workshop",
            "Run the selected assessment's workshop, or continue it",
            operations.run_workshop,
            "Ctrl+Return",
        )
        self.reopen_action = page_action(
            view,
            "Re&open Assessment…",
            "Reopen the selected completed assessment to change what was captured",
            operations.reopen_assessment,
        )
        self.load_demo_action = page_action(
            view,
            "&Load Demo Team",
            "Add a demo team with an original assessment and its six-month reassessment",
            operations.load_demo,
        )
        self.remove_demo_action = page_action(
            view,
            "Re&move Demo Data…",
            "Delete the demo team and everything in it in one step (a backup is taken first)",
            operations.remove_demo,
        )

    def team_menu(self) -> list[QAction]:
        """The context menu of the team list."""
        return [
            self.plan_assessment_action,
            self.reassess_action,
            self.rename_team_action,
            self.delete_team_action,
        ]

    def assessment_menu(self) -> list[QAction]:
        """The context menu of the assessment table."""
        return [
            self.run_workshop_action,
            self.edit_assessment_action,
            self.reopen_action,
            self.reassess_action,
            self.delete_assessment_action,
        ]

    def update(
        self,
        *,
        writable: bool,
        team_selected: bool,
        assessment: Assessment | None,
        has_assessments: bool,
        has_demo: bool,
    ) -> None:
        """Enable what makes sense for the selection; nothing that writes in a read-only library."""
        self.new_team_action.setEnabled(writable)
        for action in (self.rename_team_action, self.delete_team_action):
            action.setEnabled(writable and team_selected)
        self.plan_assessment_action.setEnabled(writable and team_selected)
        self.reassess_action.setEnabled(writable and team_selected and has_assessments)
        for action in (
            self.edit_assessment_action,
            self.delete_assessment_action,
            self.run_workshop_action,
        ):
            action.setEnabled(writable and assessment is not None)
        self.reopen_action.setEnabled(
            writable and assessment is not None and assessment.status is AssessmentStatus.COMPLETED
        )
        self.load_demo_action.setEnabled(writable and not has_demo)
        self.remove_demo_action.setEnabled(writable and has_demo)
