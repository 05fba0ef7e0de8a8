"""The library view, its models and dialogs, and the small application dialogs (pytest-qt).

No modal dialog is ever left open: every ``exec`` and ``QMessageBox.question`` a test reaches is
patched, and an unexpected one fails the test instead of hanging it.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
)
from pytestqt.qtbot import QtBot

from sre_workshop.cli import assessment_summary
from sre_workshop.demo import add_demo_data
from sre_workshop.model import AssessmentStatus, Dimension, ParticipantGroup, Settings
from sre_workshop.storage import list_backups
from sre_workshop.workflows import create_team, plan_assessment
from sre_workshop.workspace import Workspace, open_workspace
from ui.dialogs.about_dialog import AboutDialog
from ui.dialogs.first_start_dialog import FirstStartChoice, FirstStartDialog
from ui.dialogs.settings_dialog import SettingsDialog
from ui.library.assessment_dialog import COUNT, NAMES, ROLE, AssessmentDialog
from ui.library.library_view import EMPTY_TITLE, LibraryView
from ui.library.reassess_dialog import ReassessDialog
from ui.library.team_dialog import TeamDialog
from ui.models.assessment_model import (
    COMPARES_WITH,
    CULTURE,
    PROCESS,
    STATUS,
    SURVEY,
    TITLE,
    AssessmentRole,
    AssessmentTableModel,
    assessment_rows,
    format_date,
)
from ui.models.team_model import TeamListModel, TeamRole

# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def workspace(isolated_data_dir: Path) -> Iterator[Workspace]:
    opened = open_workspace(isolated_data_dir)
    yield opened
    opened.close()


@pytest.fixture
def demo_workspace(workspace: Workspace) -> Workspace:
    add_demo_data(workspace)
    return workspace


@pytest.fixture
def reopen(isolated_data_dir: Path) -> Iterator[Callable[[], Workspace]]:
    """Open the data folder afresh, as the next start of the app would."""
    opened: list[Workspace] = []

    def open_again() -> Workspace:
        opened.append(open_workspace(isolated_data_dir))
        return opened[-1]

    yield open_again
    for item in opened:
        item.close()


class Questions:
    """Records ``QMessageBox.question`` calls and answers them as the test says."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answer: QMessageBox.StandardButton | None = None

    def __call__(self, _parent: object, title: str, text: str, *_args: object) -> Any:
        self.asked.append(f"{title}\n{text}")
        if self.answer is None:
            raise AssertionError(f"unexpected question: {title}: {text}")
        return self.answer


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    recorder = Questions()
    monkeypatch.setattr(QMessageBox, "question", recorder)
    return recorder


@pytest.fixture(autouse=True)
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Error boxes are recorded instead of shown; a test fails if one appears unexpectedly."""
    errors: list[str] = []

    def fake_message_box_exec(box: QMessageBox) -> int:
        errors.append(f"{box.windowTitle()}: {box.text()}")
        return int(QMessageBox.StandardButton.Ok)

    def no_modal_dialog(dialog: QDialog) -> int:
        raise AssertionError(f"a modal {type(dialog).__name__} was opened without a patch")

    monkeypatch.setattr(QMessageBox, "exec", fake_message_box_exec)
    monkeypatch.setattr(QDialog, "exec", no_modal_dialog)
    yield errors
    expected = getattr(errors, "expected", False)
    assert expected or not errors, f"unexpected error dialogs: {errors}"


def make_view(qtbot: QtBot, workspace: Workspace) -> LibraryView:
    view = LibraryView(workspace)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def patch_exec(
    monkeypatch: pytest.MonkeyPatch, dialog_class: type[QDialog], fill: Callable[[Any], None]
) -> list[Any]:
    """Make ``dialog_class.exec`` fill the fields, press OK, and return the result."""
    opened: list[Any] = []

    def fake_exec(dialog: Any) -> int:
        opened.append(dialog)
        fill(dialog)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(dialog_class, "exec", fake_exec)
    return opened


def select_row(view: LibraryView, assessment_id: str) -> None:
    row = view.assessment_model.row_of(assessment_id)
    assert row is not None
    view.assessment_table.setCurrentIndex(view.assessment_model.index(row, 0))


# --- models -------------------------------------------------------------------------------------


def test_team_model_passes_the_model_tester(qtmodeltester: Any, demo_workspace: Workspace) -> None:
    model = TeamListModel()
    qtmodeltester.check(model)
    create_team(demo_workspace, "Zürich Ops <&>", "Line one\nline two")
    model.set_teams(demo_workspace.repository.list_teams())
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    demo_row = next(row for row in range(2) if model.team_at(row).is_demo)  # type: ignore[union-attr]
    index = model.index(demo_row)
    assert index.data() == "Checkout & Payments (demo)"
    assert index.data(TeamRole).is_demo
    assert model.row_of(index.data(TeamRole).id) == demo_row
    assert model.row_of("no-such-team") is None
    assert model.team_at(5) is None


def test_a_team_name_with_line_breaks_is_one_line_in_the_list(
    qtbot: QtBot, workspace: Workspace
) -> None:
    """The list sizes every row alike (fast with 500 teams), so a row must never need two."""
    name = "North\nSouth\r\nEast\u2028West"
    create_team(workspace, name, "")
    view = LibraryView(workspace)
    qtbot.addWidget(view)
    assert view.team_list.uniformItemSizes()
    index = view.team_model.index(0)
    assert index.data() == "North South  East West"
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith(name)
    assert view.team_model.team_at(0).name == name  # type: ignore[union-attr]


def test_assessment_model_passes_the_model_tester(
    qtmodeltester: Any, demo_workspace: Workspace
) -> None:
    model = AssessmentTableModel()
    qtmodeltester.check(model)
    team = demo_workspace.repository.list_teams()[0]
    model.set_rows(assessment_rows(demo_workspace, team.id))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    original, reassessment = demo_workspace.repository.list_assessments(team.id)
    assert model.index(0, 0).data(AssessmentRole) == original
    assert model.index(1, SURVEY).data(AssessmentRole) == reassessment
    assert model.headerData(CULTURE, Qt.Orientation.Horizontal) == "Culture"
    assert model.index(1, COMPARES_WITH).data() == f"compares with {format_date(original.date)}"
    assert "progressing" in model.index(1, COMPARES_WITH).data(Qt.ItemDataRole.ToolTipRole)
    model.set_rows(())
    qtmodeltester.check(model)


def test_a_planned_assessment_shows_dashes_for_missing_scores(workspace: Workspace) -> None:
    team = create_team(workspace, "Platform")
    plan_assessment(workspace, team.id, date=dt.date(2026, 5, 4))
    model = AssessmentTableModel()
    model.set_rows(assessment_rows(workspace, team.id))
    assert model.index(0, STATUS).data() == "Planned"
    assert model.index(0, TITLE).data() == "Assessment"
    assert [model.index(0, column).data() for column in (CULTURE, PROCESS, SURVEY)] == ["–"] * 3
    assert model.index(0, COMPARES_WITH).data() == "–"


# --- the library shows what is there -----------------------------------------------------------


def test_library_shows_the_demo_team_with_its_assessments_and_scores(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    view = make_view(qtbot, demo_workspace)
    assert view.team_model.index(0).data() == "Checkout & Payments (demo)"
    assert view.demo_badge.isVisible()
    assert view.team_name_label.text() == "Checkout & Payments"
    assert not view.empty_state.isVisible()
    model = view.assessment_model
    assert model.rowCount() == 2
    original, reassessment = demo_workspace.repository.list_assessments(view.current_team_id())
    for row, assessment in enumerate((original, reassessment)):
        summary = assessment_summary(demo_workspace, assessment.id)
        assert model.index(row, STATUS).data() == "Completed"
        assert model.index(row, TITLE).data().endswith("(demo)")
        assert model.index(row, CULTURE).data() == f"{summary['culture_score']:.2f}"
        assert model.index(row, PROCESS).data() == f"{summary['process_score']:.2f}"
        assert model.index(row, SURVEY).data() == (
            f"{summary['survey_score']:.2f} ({summary['survey_band']})"
        )
    # The latest assessment is selected, and its details are shown.
    assert view.current_assessment_id() == reassessment.id
    assert view.details_box.isVisible()
    assert view.detail_values["compared"].text().startswith(format_date(original.date))
    assert "11 people" in view.detail_values["participants"].text()
    assert view.detail_values["scope"].text().startswith("16 of 16")


def test_empty_state_is_visible_with_no_teams(qtbot: QtBot, workspace: Workspace) -> None:
    view = make_view(qtbot, workspace)
    assert view.empty_state.isVisible()
    assert view.findChild(QLabel, "emptyStateTitle").text() == EMPTY_TITLE
    assert view.teams_hint.isVisible()
    assert view.create_first_button.isVisible() and view.load_demo_button.isVisible()
    assert view.current_team_id() is None and view.current_assessment_id() is None
    for action in (
        view.rename_team_action,
        view.delete_team_action,
        view.plan_assessment_action,
        view.reassess_action,
        view.run_workshop_action,
        view.remove_demo_action,
    ):
        assert not action.isEnabled(), action.text()
    assert view.new_team_action.isEnabled() and view.load_demo_action.isEnabled()


def test_loading_the_demo_from_the_empty_state(qtbot: QtBot, workspace: Workspace) -> None:
    view = make_view(qtbot, workspace)
    qtbot.mouseClick(view.load_demo_button, Qt.MouseButton.LeftButton)
    assert not view.empty_state.isVisible()
    assert view.assessment_model.rowCount() == 2
    assert not view.load_demo_action.isEnabled()
    assert view.remove_demo_action.isEnabled()


def test_actions_have_their_shortcuts_and_texts(qtbot: QtBot, workspace: Workspace) -> None:
    view = make_view(qtbot, workspace)
    expected = {
        view.new_team_action: QKeySequence(QKeySequence.StandardKey.New),
        view.rename_team_action: QKeySequence("F2"),
        view.plan_assessment_action: QKeySequence("Ctrl+Shift+N"),
        view.edit_assessment_action: QKeySequence("Ctrl+E"),
        view.reassess_action: QKeySequence("Ctrl+R"),
        view.run_workshop_action: QKeySequence("Ctrl+Return"),
    }
    for action, keys in expected.items():
        assert action.shortcut() == keys, action.text()
        assert action.statusTip()
    assert view.run_workshop_action.text() == "Run / Continue Workshop"


def test_read_only_workspace_disables_every_change(
    qtbot: QtBot, demo_workspace: Workspace, isolated_data_dir: Path
) -> None:
    demo_workspace.close()
    read_only = open_workspace(isolated_data_dir, read_only=True)
    try:
        view = make_view(qtbot, read_only)
        assert view.assessment_model.rowCount() == 2
        for action in view.actions():
            assert not action.isEnabled(), action.text()
    finally:
        read_only.close()


# --- teams -------------------------------------------------------------------------------------


def test_create_a_team_through_the_dialog(
    qtbot: QtBot,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    reopen: Callable[[], Workspace],
) -> None:
    view = make_view(qtbot, workspace)

    def fill(dialog: TeamDialog) -> None:
        dialog.name_edit.setText("  Équipe Ωmega — Plateforme 🚀 ")
        dialog.description_edit.setPlainText("Builds the payment platform.\nЗдравствуйте <b>&</b>")

    patch_exec(monkeypatch, TeamDialog, fill)
    view.new_team_action.trigger()
    team = reopen().repository.list_teams()[0]
    assert team.name == "Équipe Ωmega — Plateforme 🚀"
    assert team.description == "Builds the payment platform.\nЗдравствуйте <b>&</b>"
    assert view.current_team_id() == team.id
    assert view.team_name_label.text() == team.name
    assert view.no_assessments_label.isVisible()
    assert not view.demo_badge.isVisible()


def test_team_dialog_refuses_an_empty_name_with_a_visible_message(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = TeamDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("   ")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.isVisible()
    assert "name" in dialog.error_label.text()
    assert workspace.repository.list_teams() == ()
    dialog.name_edit.setText("Search")
    assert not dialog.error_label.isVisible()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.team is not None and dialog.team.name == "Search"


def test_rename_a_team(
    qtbot: QtBot,
    demo_workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    reopen: Callable[[], Workspace],
) -> None:
    view = make_view(qtbot, demo_workspace)
    selected = view.current_assessment_id()

    def fill(dialog: TeamDialog) -> None:
        assert dialog.name_edit.text() == "Checkout & Payments"
        dialog.name_edit.setText("Checkout")
        dialog.description_edit.setPlainText("")

    patch_exec(monkeypatch, TeamDialog, fill)
    view.rename_team_action.trigger()
    team = reopen().repository.list_teams()[0]
    assert (team.name, team.description, team.is_demo) == ("Checkout", "", True)
    assert view.team_model.index(0).data() == "Checkout (demo)"
    assert view.current_assessment_id() == selected


def test_deleting_a_team_asks_keeps_a_backup_and_removes_it(
    qtbot: QtBot,
    demo_workspace: Workspace,
    questions: Questions,
    reopen: Callable[[], Workspace],
) -> None:
    own = create_team(demo_workspace, "Search")
    view = make_view(qtbot, demo_workspace)
    demo_id = next(team.id for team in demo_workspace.repository.list_teams() if team.is_demo)
    view.team_list.setCurrentIndex(view.team_model.index(view.team_model.row_of(demo_id)))
    assert list_backups(demo_workspace.paths.backups) == ()

    questions.answer = QMessageBox.StandardButton.Cancel
    view.delete_team_action.trigger()
    assert len(demo_workspace.repository.list_teams()) == 2

    questions.answer = QMessageBox.StandardButton.Yes
    view.delete_team_action.trigger()
    asked = questions.asked[-1]
    assert "Checkout & Payments" in asked and "2 assessments" in asked
    assert f"A backup is kept in {demo_workspace.paths.backups}" in asked
    assert len(list_backups(demo_workspace.paths.backups)) == 1
    assert [team.id for team in reopen().repository.list_teams()] == [own.id]
    assert view.current_team_id() == own.id
    assert "backup" in view.notice_label.text()


# --- assessments -------------------------------------------------------------------------------


def test_plan_an_assessment_with_scope_and_participants(
    qtbot: QtBot,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    reopen: Callable[[], Workspace],
) -> None:
    workspace.repository.save_settings(Settings(coach_name="Mireille", default_timebox_minutes=9))
    team = create_team(workspace, "Search")
    view = make_view(qtbot, workspace)
    assert view.plan_assessment_action.isEnabled() and not view.reassess_action.isEnabled()
    framework = workspace.frameworks.latest("sre-maturity")
    culture = framework.areas_of(Dimension.CULTURE)
    process = framework.areas_of(Dimension.PROCESS)

    def fill(dialog: AssessmentDialog) -> None:
        assert dialog.coach_edit.text() == "Mireille"
        assert dialog.area_timebox(process[0].key).value() == 9
        roles = [dialog.participants_table.item(row, ROLE).text() for row in range(3)]
        assert roles == ["Development", "Operations", "Product management"]
        dialog.date_edit.setDate(QDate(2026, 12, 1))
        dialog.title_edit.setText("Kick-off assessment")
        dialog.findChild(QPushButton, "scopeNone-culture").click()
        dialog.area_check(culture[4].key).setChecked(True)
        dialog.area_check(process[2].key).setChecked(False)
        dialog.area_timebox(process[0].key).setValue(20)
        dialog.participants_table.item(0, COUNT).setData(Qt.ItemDataRole.EditRole, 5)
        dialog.participants_table.item(0, NAMES).setText("Zoë, Łukasz")
        dialog.participants_table.item(1, COUNT).setData(Qt.ItemDataRole.EditRole, 2)
        dialog.participants_table.selectRow(2)
        dialog.remove_role_button.click()
        dialog.add_participant_row("Security", 1)
        dialog.next_check.setChecked(True)
        dialog.next_edit.setDate(QDate(2027, 3, 1))

    patch_exec(monkeypatch, AssessmentDialog, fill)
    view.plan_assessment_action.trigger()

    saved = reopen().repository.list_assessments(team.id)
    assert len(saved) == 1
    assessment = saved[0]
    assert assessment.date == dt.date(2026, 12, 1)
    assert assessment.title == "Kick-off assessment"
    assert assessment.coach == "Mireille"
    assert assessment.status is AssessmentStatus.PLANNED
    assert assessment.next_reassessment == dt.date(2027, 3, 1)
    expected_keys = [culture[4].key] + [area.key for area in process if area is not process[2]]
    assert list(assessment.scope_keys) == expected_keys  # framework (agenda) order
    assert assessment.timebox_for(process[0].key) == 20
    assert assessment.timebox_for(process[1].key) == 9
    assert assessment.participants == (
        ParticipantGroup("Development", 5, "Zoë, Łukasz"),
        ParticipantGroup("Operations", 2),
        ParticipantGroup("Security", 1),
    )
    assert view.current_assessment_id() == assessment.id
    assert view.assessment_model.index(0, STATUS).data() == "Planned"
    assert view.reassess_action.isEnabled()


def test_assessment_dialog_shows_problems_inside_the_dialog(
    qtbot: QtBot, workspace: Workspace
) -> None:
    team = create_team(workspace, "Search")
    dialog = AssessmentDialog(workspace, team.id)
    qtbot.addWidget(dialog)
    dialog.show()
    for dimension in ("culture", "process"):
        dialog.findChild(QPushButton, f"scopeNone-{dimension}").click()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.isVisible()
    assert "at least one area" in dialog.error_label.text()

    dialog.findChild(QPushButton, "scopeAll-process").click()
    row = dialog.add_participant_row("", 3)
    dialog.accept()
    assert dialog.error_label.isVisible()
    assert f"Row {row + 1}" in dialog.error_label.text()
    assert workspace.repository.list_assessments(team.id) == ()

    dialog.participants_table.item(row, ROLE).setText("Security")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.assessment is not None
    assert len(dialog.assessment.scope) == len(
        workspace.frameworks.latest("sre-maturity").areas_of(Dimension.PROCESS)
    )


def test_edit_an_assessment(
    qtbot: QtBot,
    demo_workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    reopen: Callable[[], Workspace],
) -> None:
    view = make_view(qtbot, demo_workspace)
    original = demo_workspace.repository.get_assessment(view.current_assessment_id() or "")

    def fill(dialog: AssessmentDialog) -> None:
        assert dialog.title_edit.text() == original.title
        assert dialog.participants_table.rowCount() == len(original.participants)
        dialog.coach_edit.setText("Ana Lúcia")

    patch_exec(monkeypatch, AssessmentDialog, fill)
    view.edit_assessment_action.trigger()
    edited = reopen().repository.get_assessment(original.id)
    assert edited.coach == "Ana Lúcia"
    assert (edited.scope, edited.participants, edited.status, edited.compares_with) == (
        original.scope,
        original.participants,
        original.status,
        original.compares_with,
    )


@pytest.mark.parametrize("choose_previous", [False, True])
def test_reassess_links_the_original_by_default_or_the_previous(
    qtbot: QtBot,
    demo_workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    reopen: Callable[[], Workspace],
    choose_previous: bool,
) -> None:
    view = make_view(qtbot, demo_workspace)
    team_id = view.current_team_id() or ""
    original, previous = demo_workspace.repository.list_assessments(team_id)

    def fill(dialog: ReassessDialog) -> None:
        assert dialog.original_radio.isChecked()
        assert format_date(original.date) in dialog.original_radio.text()
        assert format_date(previous.date) in dialog.previous_radio.text()
        dialog.date_edit.setDate(QDate.currentDate())
        if choose_previous:
            dialog.previous_radio.setChecked(True)

    patch_exec(monkeypatch, ReassessDialog, fill)
    view.reassess_action.trigger()
    assessments = reopen().repository.list_assessments(team_id)
    assert len(assessments) == 3
    new = assessments[-1]
    assert new.compares_with == (previous.id if choose_previous else original.id)
    assert new.status is AssessmentStatus.PLANNED
    assert view.current_assessment_id() == new.id
    row = view.assessment_model.row_of(new.id)
    compared = previous if choose_previous else original
    assert view.assessment_model.index(row, COMPARES_WITH).data() == (
        f"compares with {format_date(compared.date)}"
    )


def test_reopening_a_completed_assessment_sets_it_in_progress(
    qtbot: QtBot,
    demo_workspace: Workspace,
    questions: Questions,
    reopen: Callable[[], Workspace],
) -> None:
    view = make_view(qtbot, demo_workspace)
    assessment_id = view.current_assessment_id() or ""
    assert view.reopen_action.isEnabled()
    questions.answer = QMessageBox.StandardButton.Yes
    view.reopen_action.trigger()
    assert "Reopen" in questions.asked[-1]
    assert reopen().repository.get_assessment(assessment_id).status is (
        AssessmentStatus.IN_PROGRESS
    )
    assert view.current_assessment_id() == assessment_id
    assert view.assessment_model.index(1, STATUS).data() == "In progress"
    assert not view.reopen_action.isEnabled()


def test_deleting_an_assessment_asks_and_keeps_a_backup(
    qtbot: QtBot,
    demo_workspace: Workspace,
    questions: Questions,
    reopen: Callable[[], Workspace],
) -> None:
    view = make_view(qtbot, demo_workspace)
    original, reassessment = demo_workspace.repository.list_assessments(view.current_team_id())
    select_row(view, original.id)
    questions.answer = QMessageBox.StandardButton.Yes
    view.delete_assessment_action.trigger()
    asked = questions.asked[-1]
    assert "Initial SRE assessment" in asked and "no longer have a comparison" in asked
    assert str(demo_workspace.paths.backups) in asked
    assert len(list_backups(demo_workspace.paths.backups)) == 1
    remaining = reopen().repository.list_assessments(original.team_id)
    assert [item.id for item in remaining] == [reassessment.id]
    assert view.assessment_model.rowCount() == 1


# --- running a workshop -------------------------------------------------------------------------


def test_run_starts_a_planned_assessment_and_asks_the_facilitation_view(
    qtbot: QtBot, workspace: Workspace
) -> None:
    team = create_team(workspace, "Search")
    planned = plan_assessment(workspace, team.id, date=dt.date(2026, 6, 1))
    view = make_view(qtbot, workspace)
    with qtbot.waitSignal(view.workshop_requested, timeout=1000) as blocker:
        view.run_workshop_action.trigger()
    assert blocker.args == [planned.id]
    assert workspace.repository.get_assessment(planned.id).status is AssessmentStatus.IN_PROGRESS
    assert view.assessment_model.index(0, STATUS).data() == "In progress"


def test_enter_and_double_click_on_an_assessment_run_the_workshop(
    qtbot: QtBot, workspace: Workspace
) -> None:
    team = create_team(workspace, "Search")
    planned = plan_assessment(workspace, team.id, date=dt.date(2026, 6, 1))
    view = make_view(qtbot, workspace)
    table = view.assessment_table
    table.setFocus()
    with qtbot.waitSignal(view.workshop_requested, timeout=1000) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == [planned.id]

    center = table.visualRect(view.assessment_model.index(0, TITLE)).center()
    with qtbot.waitSignal(view.workshop_requested, timeout=1000) as blocker:
        # A real double-click: the first click, then the second one arrives as a double-click.
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert blocker.args == [planned.id]


def test_running_a_completed_assessment_asks_to_reopen_it(
    qtbot: QtBot, demo_workspace: Workspace, questions: Questions
) -> None:
    view = make_view(qtbot, demo_workspace)
    assessment_id = view.current_assessment_id() or ""
    questions.answer = QMessageBox.StandardButton.Cancel
    with qtbot.assertNotEmitted(view.workshop_requested):
        view.run_workshop_action.trigger()
    assert demo_workspace.repository.get_assessment(assessment_id).status is (
        AssessmentStatus.COMPLETED
    )
    questions.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(view.workshop_requested, timeout=1000) as blocker:
        view.run_workshop_action.trigger()
    assert blocker.args == [assessment_id]
    assert "completed" in questions.asked[-1]
    assert demo_workspace.repository.get_assessment(assessment_id).status is (
        AssessmentStatus.IN_PROGRESS
    )


# --- demo data ----------------------------------------------------------------------------------


def test_remove_demo_data_in_one_step(
    qtbot: QtBot,
    demo_workspace: Workspace,
    questions: Questions,
    reopen: Callable[[], Workspace],
) -> None:
    own = create_team(demo_workspace, "Search")
    view = make_view(qtbot, demo_workspace)
    assert view.remove_demo_action.isEnabled() and not view.load_demo_action.isEnabled()
    questions.answer = QMessageBox.StandardButton.Yes
    view.remove_demo_action.trigger()
    assert len(questions.asked) == 1
    assert "backup is taken first" in questions.asked[0]
    assert "Checkout & Payments" in questions.asked[0]
    assert len(list_backups(demo_workspace.paths.backups)) == 1
    again = reopen()
    assert [team.id for team in again.repository.list_teams()] == [own.id]
    assert again.repository.summary().assessments == 0
    assert view.team_model.rowCount() == 1
    assert view.load_demo_action.isEnabled() and not view.remove_demo_action.isEnabled()


# --- selection and state -------------------------------------------------------------------------


def test_select_assessment_reload_and_splitter_state(
    qtbot: QtBot, demo_workspace: Workspace, tmp_path: Path
) -> None:
    own = create_team(demo_workspace, "Aardvark")  # listed before the demo team
    view = make_view(qtbot, demo_workspace)
    assert view.current_team_id() == own.id
    demo_team = next(team for team in demo_workspace.repository.list_teams() if team.is_demo)
    original = demo_workspace.repository.list_assessments(demo_team.id)[0]
    view.select_assessment(original.id)
    assert (view.current_team_id(), view.current_assessment_id()) == (demo_team.id, original.id)
    create_team(demo_workspace, "Zebra")
    view.reload()
    assert view.team_model.rowCount() == 3
    assert (view.current_team_id(), view.current_assessment_id()) == (demo_team.id, original.id)

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    view.splitter.setSizes([400, 880])
    view.save_state(settings)
    assert settings.allKeys() and all(key.startswith("library/") for key in settings.allKeys())
    other = make_view(qtbot, demo_workspace)
    other.restore_state(settings)
    assert other.splitter.sizes()[0] == view.splitter.sizes()[0]


def test_enter_on_a_team_moves_to_its_assessments(qtbot: QtBot, demo_workspace: Workspace) -> None:
    view = make_view(qtbot, demo_workspace)
    view.team_list.setFocus()
    qtbot.keyClick(view.team_list, Qt.Key.Key_Return)
    assert view.focusWidget() is view.assessment_table


# --- application dialogs -------------------------------------------------------------------------


def test_settings_dialog_saves_through_the_core(
    qtbot: QtBot,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    reopen: Callable[[], Workspace],
    tmp_path: Path,
) -> None:
    reports = tmp_path / "Berichte für VPs"
    reports.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(reports))
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    assert dialog.timebox_spin.value() == Settings().default_timebox_minutes
    assert (dialog.dead_band_spin.minimum(), dialog.dead_band_spin.maximum()) == (0.0, 4.0)
    assert dialog.dead_band_spin.singleStep() == 0.25
    assert (dialog.min_votes_spin.minimum(), dialog.min_votes_spin.maximum()) == (0, 10)
    dialog.coach_edit.setText("Ingrid Søndergård")
    dialog.timebox_spin.setValue(15)
    dialog.choose_button.click()
    dialog.dead_band_spin.setValue(0.75)
    dialog.min_votes_spin.setValue(3)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert reopen().repository.load_settings() == Settings(
        coach_name="Ingrid Søndergård",
        default_timebox_minutes=15,
        reports_folder=str(reports),
        dead_band=0.75,
        min_votes_to_show=3,
    )


def test_settings_dialog_shows_a_refused_value_inside_the_dialog(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(_settings: Settings) -> Settings:
        raise ValueError("default timebox must be 0 to 240 minutes")

    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    monkeypatch.setattr(workspace.repository, "save_settings", refuse)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.isVisible()
    assert "240 minutes" in dialog.error_label.text()


def test_about_dialog_names_versions_and_the_data_folder(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = set(sys.modules)
    dialog = AboutDialog(workspace)
    qtbot.addWidget(dialog)
    newly_imported = set(sys.modules) - before
    assert not {
        name for name in newly_imported if name.split(".")[0] in {"matplotlib", "reportlab"}
    }
    assert {"SRE Workshop", "Python", "PySide6", "Qt", "matplotlib", "reportlab"} <= set(
        dialog.versions
    )
    assert dialog.data_folder_label.text() == str(workspace.paths.root)
    assert dialog.data_folder_label.textInteractionFlags() & (
        Qt.TextInteractionFlag.TextSelectableByMouse
    )
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog.open_button.click()
    assert opened == [QUrl.fromLocalFile(str(workspace.paths.root))]


@pytest.mark.parametrize(
    ("button", "choice"),
    [
        ("load_demo_button", FirstStartChoice.LOAD_DEMO),
        ("create_team_button", FirstStartChoice.CREATE_TEAM),
        ("later_button", FirstStartChoice.LATER),
    ],
)
def test_first_start_dialog_choices(qtbot: QtBot, button: str, choice: FirstStartChoice) -> None:
    dialog = FirstStartDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    welcome = dialog.findChild(QLabel, "welcomeText")
    assert welcome.text().startswith("SRE Workshop helps you run an SRE maturity assessment")
    with qtbot.waitSignal(dialog.finished, timeout=1000):
        qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    assert dialog.choice is choice
    assert not dialog.isVisible()


def test_first_start_dialog_escape_means_later(qtbot: QtBot) -> None:
    dialog = FirstStartDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.finished, timeout=1000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.choice is FirstStartChoice.LATER


def test_library_shortcuts_work_while_the_library_has_the_focus(
    qtbot: QtBot, demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = make_view(qtbot, demo_workspace)
    with qtbot.waitActive(view):
        view.activateWindow()
    view.assessment_table.setFocus()
    opened = patch_exec(monkeypatch, TeamDialog, lambda dialog: dialog.name_edit.setText("Ops"))
    qtbot.keyClick(view.assessment_table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1
    assert "Ops" in [team.name for team in demo_workspace.repository.list_teams()]


def test_library_shortcuts_leave_the_keys_free_while_another_view_is_shown(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    """The facilitation view uses Ctrl+Return too: it must not be ambiguous with the library's.

    As in the main window, the library's actions are also in the menu bar.
    """
    window = QMainWindow()
    qtbot.addWidget(window)
    stack = QStackedWidget()
    view = LibraryView(demo_workspace)
    other = QLineEdit()
    other_fired: list[bool] = []
    other_action = QAction("Next question", other)
    other_action.setShortcut(QKeySequence("Ctrl+Return"))
    other_action.triggered.connect(lambda: other_fired.append(True))
    other.addAction(other_action)
    stack.addWidget(view)
    stack.addWidget(other)
    window.setCentralWidget(stack)
    window.menuBar().addMenu("&Workshop").addAction(view.run_workshop_action)
    window.resize(1200, 800)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    stack.setCurrentWidget(other)
    other.setFocus()
    with qtbot.assertNotEmitted(view.workshop_requested):
        qtbot.keyClick(other, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert other_fired == [True]
