"""What the library's actions do: open a dialog or ask, call the core, then show the result.

Everything goes through the core's public API (repository, workflows, demo); every call that
can fail is wrapped and its error shown with ``ui.errors.show_error``. The assessment and
reassess dialogs are imported when first opened, to keep them out of start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QDialog

from sre_workshop.demo import add_demo_data, remove_demo_data
from sre_workshop.model import AssessmentStatus
from sre_workshop.workflows import delete_assessment_safely, delete_team_safely, start_assessment
from ui.errors import show_error
from ui.library.team_dialog import TeamDialog
from ui.models.assessment_model import display_title, format_date
from ui.widgets.actions import confirm

if TYPE_CHECKING:
    from ui.library.library_view import LibraryView


class LibraryOperations(QObject):
    """The slots behind the library's actions, working on the view's current selection."""

    def __init__(self, view: LibraryView) -> None:
        super().__init__(view)
        self.view = view
        self.workspace = view.workspace

    # --- teams ---------------------------------------------------------------------------------

    @Slot()
    def new_team(self) -> None:
        dialog = TeamDialog(self.workspace, None, self.view)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.team is not None:
            self.view.show_selection(dialog.team.id, None)
            self.view.team_list.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def rename_team(self) -> None:
        team = self.view.current_team()
        if team is None:
            return
        dialog = TeamDialog(self.workspace, team, self.view)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.team is not None:
            self.view.show_selection(dialog.team.id, self.view.current_assessment_id())

    @Slot()
    def delete_team(self) -> None:
        team = self.view.current_team()
        if team is None:
            return
        count = self.view.assessment_model.rowCount()
        what = (
            "its assessment"
            if count == 1
            else f"its {count} assessments"
            if count
            else "(it has no assessments yet)"
        )
        captured = (
            " with everything captured in them: notes, levels, votes, survey answers, "
            "hypotheses, actions and the list of reports (PDF files stay where they are)"
            if count
            else ""
        )
        if not confirm(
            self.view,
            "Delete Team",
            f"Delete the team “{team.name}”?\n\n"
            f"This deletes the team and {what}{captured}.\n\n"
            f"A backup is kept in {self.workspace.paths.backups}",
        ):
            return
        try:
            backup = delete_team_safely(self.workspace, team.id)
        except Exception as exc:
            show_error(self.view, exc, f"The team “{team.name}” could not be deleted.")
            return
        self.view.show_selection(None, None)
        self.view.show_notice(f"Deleted the team “{team.name}”. A backup is in {backup}")

    # --- assessments ---------------------------------------------------------------------------

    @Slot()
    def plan_assessment(self) -> None:
        team = self.view.current_team()
        if team is None:
            return
        try:
            from ui.library.assessment_dialog import AssessmentDialog

            dialog = AssessmentDialog(self.workspace, team.id, None, self.view)
        except Exception as exc:
            show_error(self.view, exc, "The assessment cannot be planned.")
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.assessment is not None:
            self.view.show_selection(team.id, dialog.assessment.id)

    @Slot()
    def edit_assessment(self) -> None:
        assessment = self.view.current_assessment()
        if assessment is None:
            return
        try:
            from ui.library.assessment_dialog import AssessmentDialog

            dialog = AssessmentDialog(self.workspace, assessment.team_id, assessment, self.view)
        except Exception as exc:
            show_error(self.view, exc, "The assessment cannot be edited.")
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.assessment is not None:
            self.view.show_selection(assessment.team_id, dialog.assessment.id)

    @Slot()
    def reassess(self) -> None:
        team = self.view.current_team()
        if team is None:
            return
        try:
            from ui.library.reassess_dialog import ReassessDialog

            dialog = ReassessDialog(self.workspace, team.id, self.view)
        except Exception as exc:
            show_error(self.view, exc, "The team cannot be reassessed.")
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.assessment is not None:
            self.view.show_selection(team.id, dialog.assessment.id)

    @Slot()
    def delete_assessment(self) -> None:
        assessment = self.view.current_assessment()
        if assessment is None:
            return
        name = f"“{display_title(assessment)}” of {format_date(assessment.date)}"
        dependants = [
            item.assessment
            for item in self.view.assessment_model.rows()
            if item.assessment.compares_with == assessment.id
        ]
        note = ""
        if dependants:
            dates = ", ".join(format_date(item.date) for item in dependants)
            note = (
                f"\n\nThe reassessment of {dates} compares with it and will no longer have "
                "a comparison."
            )
        if not confirm(
            self.view,
            "Delete Assessment",
            f"Delete the assessment {name}?\n\n"
            "This deletes it with everything captured in it: notes, levels, votes, survey "
            f"answers, and the hypotheses and actions posed in it.{note}\n\n"
            f"A backup is kept in {self.workspace.paths.backups}",
        ):
            return
        try:
            backup = delete_assessment_safely(self.workspace, assessment.id)
        except Exception as exc:
            show_error(self.view, exc, f"The assessment {name} could not be deleted.")
            return
        self.view.show_selection(assessment.team_id, None)
        self.view.show_notice(f"Deleted the assessment {name}. A backup is in {backup}")

    @Slot()
    def run_workshop(self) -> None:
        selected = self.view.current_assessment()
        if selected is None:
            return
        repository = self.workspace.repository
        try:
            assessment = repository.get_assessment(selected.id)
            if assessment.status is AssessmentStatus.COMPLETED:
                if not confirm(
                    self.view,
                    "Reopen Assessment",
                    f"“{display_title(assessment)}” of {format_date(assessment.date)} is "
                    "completed.\n\nReopen it to continue the workshop? Its status goes back to "
                    "in progress until you complete it again.",
                ):
                    return
                repository.set_assessment_status(assessment.id, AssessmentStatus.IN_PROGRESS)
            elif assessment.status is AssessmentStatus.PLANNED:
                start_assessment(self.workspace, assessment.id)
        except Exception as exc:
            show_error(self.view, exc, "The workshop could not be started.")
            return
        self.view.show_selection(assessment.team_id, assessment.id)
        self.view.workshop_requested.emit(assessment.id)

    @Slot()
    def reopen_assessment(self) -> None:
        assessment = self.view.current_assessment()
        if assessment is None or assessment.status is not AssessmentStatus.COMPLETED:
            return
        name = f"“{display_title(assessment)}” of {format_date(assessment.date)}"
        if not confirm(
            self.view,
            "Reopen Assessment",
            f"Reopen the completed assessment {name}?\n\n"
            "Its status goes back to in progress, so what was captured can be changed.",
        ):
            return
        try:
            self.workspace.repository.set_assessment_status(
                assessment.id, AssessmentStatus.IN_PROGRESS
            )
        except Exception as exc:
            show_error(self.view, exc, f"The assessment {name} could not be reopened.")
            return
        self.view.show_selection(assessment.team_id, assessment.id)
        self.view.show_notice(f"Reopened the assessment {name}: it is in progress again.")

    # --- demo data -----------------------------------------------------------------------------

    @Slot()
    def load_demo(self) -> None:
        try:
            team = add_demo_data(self.workspace)
        except Exception as exc:
            show_error(self.view, exc, "The demo team could not be loaded.")
            return
        if team is None:
            demo = next((item for item in self.view.team_model.teams() if item.is_demo), None)
            self.view.show_selection(demo.id if demo else None, None)
            self.view.show_notice("The demo team is already there.")
            return
        self.view.show_selection(team.id, None)
        self.view.team_list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.show_notice(
            f"Loaded the demo team “{team.name}”. File ▸ Remove Demo Data removes it in one step."
        )

    @Slot()
    def remove_demo(self) -> None:
        repository = self.workspace.repository
        try:
            demo_teams = [team for team in repository.list_teams() if team.is_demo]
            assessments = sum(len(repository.list_assessments(team.id)) for team in demo_teams)
        except Exception as exc:
            show_error(self.view, exc)
            return
        if not demo_teams:
            self.view.show_selection(self.view.current_team_id(), None)
            return
        names = ", ".join(f"“{team.name}”" for team in demo_teams)
        if not confirm(
            self.view,
            "Remove Demo Data",
            f"Remove the demo data?\n\nThis deletes the demo team {names} and its "
            f"{assessments} assessments with everything in them, in one step. Your own teams "
            f"are not touched.\n\nA backup is taken first and kept in "
            f"{self.workspace.paths.backups}",
        ):
            return
        try:
            removed = remove_demo_data(self.workspace)
        except Exception as exc:
            show_error(self.view, exc, "The demo data could not be removed.")
            return
        self.view.show_selection(self.view.current_team_id(), None)
        teams = "the demo team" if removed == 1 else f"{removed} demo teams"
        self.view.show_notice(f"Removed {teams} and everything in it. A backup was taken first.")
