"""The plans view: hypotheses and action items posed, edited, carried and reviewed.

Dialogs never run modally here: their ``exec`` is replaced by a function that fills the fields
the way a coach would and presses Save, or they are driven directly without ``exec``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from sre_workshop.demo import add_demo_data
from sre_workshop.model import (
    ActionItem,
    ActionStatus,
    Assessment,
    Hypothesis,
    HypothesisStatus,
    Team,
    hypothesis_sentence,
    new_id,
)
from sre_workshop.workflows import create_team, plan_assessment, reassess
from sre_workshop.workspace import Workspace, open_workspace
from ui.plans import action_model, hypothesis_model, plans_view
from ui.plans.action_dialog import ActionDialog
from ui.plans.action_model import ActionRole, ActionTableModel, OverdueRole
from ui.plans.common import format_date
from ui.plans.hypothesis_dialog import NO_AREA_MESSAGE, HypothesisDialog
from ui.plans.hypothesis_model import HypothesisRole, HypothesisTableModel, ReviewOverdueRole
from ui.plans.plans_view import PlansView
from ui.plans.review_dialog import ReviewDialog

TODAY = dt.date.today()


@pytest.fixture
def workspace(isolated_data_dir: Path) -> Iterator[Workspace]:
    workspace = open_workspace(isolated_data_dir)
    yield workspace
    workspace.close()


@dataclass
class TwoAssessments:
    team: Team
    original: Assessment
    reassessment: Assessment


@pytest.fixture
def team_with_original(workspace: Workspace) -> tuple[Team, Assessment]:
    team = create_team(workspace, "Checkout & Payments")
    original = plan_assessment(workspace, team.id, date=TODAY - dt.timedelta(days=200))
    return team, original


@pytest.fixture
def demo(workspace: Workspace) -> TwoAssessments:
    team = add_demo_data(workspace)
    assert team is not None
    original, reassessment = workspace.repository.list_assessments(team.id)
    return TwoAssessments(team, original, reassessment)


@pytest.fixture
def view(qtbot: QtBot, workspace: Workspace) -> PlansView:
    widget = PlansView(workspace)
    qtbot.addWidget(widget)
    widget.resize(1366, 708)
    return widget


def patch_exec(
    monkeypatch: pytest.MonkeyPatch, dialog_class: type[QDialog], fill: Callable[..., None]
) -> list[QDialog]:
    """Replace ``dialog_class.exec`` by ``fill`` + Save; returns the dialogs it ran."""
    ran: list[QDialog] = []

    def fake_exec(self: QDialog) -> int:
        ran.append(self)
        fill(self)
        self.accept()
        return int(self.result())

    monkeypatch.setattr(dialog_class, "exec", fake_exec)
    return ran


def type_into(qtbot: QtBot, widget: object, text: str) -> None:
    qtbot.keyClicks(widget, text)


# --- hypotheses ------------------------------------------------------------------------------


def test_new_hypothesis_through_the_dialog_with_live_preview(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    view: PlansView,
    workspace: Workspace,
    team_with_original: tuple[Team, Assessment],
) -> None:
    team, original = team_with_original
    view.show_assessment(original.id)
    assert view.has_content()
    review_on = TODAY + dt.timedelta(days=90)
    previews: list[tuple[str, str]] = []

    def fill(dialog: HypothesisDialog) -> None:
        assert dialog.preview_label.text() == hypothesis_sentence("", "", "")
        type_into(qtbot, dialog.capability_edit, "canary releases of checkout")
        previews.append(
            (
                dialog.preview_label.text(),
                hypothesis_sentence("canary releases of checkout", "", ""),
            )
        )
        type_into(qtbot, dialog.outcome_edit, "fewer shoppers hit by a bad release")
        type_into(qtbot, dialog.signal_edit, "under 1% of checkouts failing after a release")
        previews.append(
            (
                dialog.preview_label.text(),
                hypothesis_sentence(
                    "canary releases of checkout",
                    "fewer shoppers hit by a bad release",
                    "under 1% of checkouts failing after a release",
                ),
            )
        )
        dialog.set_checked_areas(["process.production-release", "process.incident-response"])
        type_into(qtbot, dialog.owner_edit, "Aiyana")
        dialog.status_combo.setCurrentIndex(
            dialog.status_combo.findData(HypothesisStatus.IN_PROGRESS)
        )
        dialog.review_date.set_value(review_on)
        dialog.evidence_edit.setPlainText("Two canaries so far, both clean.")

    ran = patch_exec(monkeypatch, HypothesisDialog, fill)
    with qtbot.waitSignal(view.items_changed):
        view.new_hypothesis_action.trigger()

    assert len(ran) == 1
    for shown, expected in previews:
        assert shown == expected
    (saved,) = workspace.repository.list_hypotheses(assessment_id=original.id)
    assert saved.capability == "canary releases of checkout"
    assert saved.outcome == "fewer shoppers hit by a bad release"
    assert saved.signal == "under 1% of checkouts failing after a release"
    assert set(saved.area_keys) == {"process.production-release", "process.incident-response"}
    assert saved.owner == "Aiyana"
    assert saved.status is HypothesisStatus.IN_PROGRESS
    assert saved.review_date == review_on
    assert saved.team_id == team.id
    model = view.hypothesis_model
    assert model.rowCount() == 1
    row = model.index(0, hypothesis_model.SENTENCE)
    assert row.data() == saved.sentence
    # Linked areas are kept in the framework's order, whatever order they were ticked in.
    assert model.index(0, hypothesis_model.AREAS).data() == "Incident response\nProduction release"
    assert model.index(0, hypothesis_model.STATUS).data() == "In progress"
    assert model.index(0, hypothesis_model.REVIEW_DATE).data() == format_date(review_on)
    assert row.data(HypothesisRole) == saved
    assert view.tabs.currentIndex() == view.hypothesis_tab


def test_edit_hypothesis_parts_areas_status_and_review_date(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    view: PlansView,
    workspace: Workspace,
    team_with_original: tuple[Team, Assessment],
) -> None:
    team, original = team_with_original
    hypothesis = workspace.repository.save_hypothesis(
        Hypothesis(
            new_id(),
            team.id,
            original.id,
            "an on-call rotation",
            "faster recovery",
            "MTTR under an hour",
            area_keys=("process.on-call",),
        )
    )
    view.show_assessment(original.id)
    view.tabs.setCurrentIndex(view.hypothesis_tab)
    view.hypothesis_page.select_row(0)
    assert view.edit_item_action.isEnabled()
    review_on = TODAY + dt.timedelta(days=30)

    def fill(dialog: HypothesisDialog) -> None:
        assert dialog.capability_edit.toPlainText() == "an on-call rotation"
        assert dialog.checked_area_keys() == ("process.on-call",)
        dialog.outcome_edit.clear()
        type_into(qtbot, dialog.outcome_edit, "shoppers back to buying within the hour")
        dialog.set_checked_areas(["process.on-call", "culture.risks-shared"])
        dialog.status_combo.setCurrentIndex(
            dialog.status_combo.findData(HypothesisStatus.VALIDATED)
        )
        dialog.review_date.set_value(review_on)

    patch_exec(monkeypatch, HypothesisDialog, fill)
    view.edit_item_action.trigger()

    saved = workspace.repository.get_hypothesis(hypothesis.id)
    assert saved.outcome == "shoppers back to buying within the hour"
    assert set(saved.area_keys) == {"process.on-call", "culture.risks-shared"}
    assert saved.status is HypothesisStatus.VALIDATED
    assert saved.review_date == review_on
    assert saved.created_at == hypothesis.created_at
    assert len(workspace.repository.list_hypotheses(team_id=team.id)) == 1
    assert view.hypothesis_model.index(0, hypothesis_model.STATUS).data() == "Validated"
    assert "Risks are shared" in view.hypothesis_model.index(0, hypothesis_model.AREAS).data()

    # Removing the review date ("no date") is kept too.
    patch_exec(monkeypatch, HypothesisDialog, lambda dialog: dialog.review_date.set_value(None))
    view.edit_item_action.trigger()
    assert workspace.repository.get_hypothesis(hypothesis.id).review_date is None


def test_empty_capability_is_refused_with_a_visible_message_and_nothing_saved(
    qtbot: QtBot, workspace: Workspace, team_with_original: tuple[Team, Assessment]
) -> None:
    team, original = team_with_original
    dialog = HypothesisDialog(workspace, original)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.capability_edit, "   ")
    type_into(qtbot, dialog.outcome_edit, "faster recovery")
    type_into(qtbot, dialog.signal_edit, "MTTR under an hour")
    dialog.set_checked_areas(["process.on-call"])

    dialog.accept()

    assert dialog.result() != QDialog.DialogCode.Accepted
    error = dialog.part_errors["product capability"]
    assert error.isVisibleTo(dialog)
    assert error.text() == "The product capability must not be empty."
    assert not dialog.part_errors["customer outcome"].isVisibleTo(dialog)
    assert dialog.saved_hypothesis is None
    assert workspace.repository.list_hypotheses(team_id=team.id) == ()
    # What was typed is still there, and fixing the part clears the message.
    assert dialog.outcome_edit.toPlainText() == "faster recovery"
    type_into(qtbot, dialog.capability_edit, "an on-call rotation")
    assert not error.isVisibleTo(dialog)


def test_every_empty_part_and_missing_areas_are_named_at_once(
    qtbot: QtBot, workspace: Workspace, team_with_original: tuple[Team, Assessment]
) -> None:
    team, original = team_with_original
    dialog = HypothesisDialog(workspace, original)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.capability_edit, "an on-call rotation")

    dialog.accept()

    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.part_errors["customer outcome"].text() == (
        "The customer outcome must not be empty."
    )
    assert dialog.part_errors["measurable signal"].text() == (
        "The measurable signal must not be empty."
    )
    assert dialog.area_error.text() == NO_AREA_MESSAGE
    assert workspace.repository.list_hypotheses(team_id=team.id) == ()


def test_refused_hypothesis_in_the_view_leaves_nothing_saved(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    view: PlansView,
    workspace: Workspace,
    team_with_original: tuple[Team, Assessment],
) -> None:
    team, original = team_with_original
    view.show_assessment(original.id)
    messages: list[str] = []

    def fake_exec(dialog: HypothesisDialog) -> int:
        type_into(qtbot, dialog.outcome_edit, "faster recovery")
        type_into(qtbot, dialog.signal_edit, "MTTR under an hour")
        dialog.set_checked_areas(["process.on-call"])
        dialog.accept()  # refused: stays open
        messages.append(dialog.part_errors["product capability"].text())
        dialog.reject()  # the coach gives up
        return int(dialog.result())

    monkeypatch.setattr(HypothesisDialog, "exec", fake_exec)
    view.new_hypothesis_action.trigger()

    assert messages == ["The product capability must not be empty."]
    assert workspace.repository.list_hypotheses(team_id=team.id) == ()
    assert view.hypothesis_model.rowCount() == 0


def test_delete_hypothesis_asks_first(
    monkeypatch: pytest.MonkeyPatch,
    view: PlansView,
    workspace: Workspace,
    team_with_original: tuple[Team, Assessment],
) -> None:
    team, original = team_with_original
    workspace.repository.save_hypothesis(
        Hypothesis(new_id(), team.id, original.id, "a", "b", "c", area_keys=("process.on-call",))
    )
    view.show_assessment(original.id)
    view.tabs.setCurrentIndex(view.hypothesis_tab)
    view.hypothesis_page.select_row(0)
    questions: list[str] = []

    monkeypatch.setattr(plans_view, "confirm", lambda parent, title, text: questions.append(text))
    view.delete_item_action.trigger()
    assert len(workspace.repository.list_hypotheses(team_id=team.id)) == 1

    monkeypatch.setattr(plans_view, "confirm", lambda parent, title, text: True)
    view.delete_item_action.trigger()
    assert workspace.repository.list_hypotheses(team_id=team.id) == ()
    assert view.hypothesis_model.rowCount() == 0
    assert "We believe this a" in questions[0]


# --- action items ----------------------------------------------------------------------------


def test_create_edit_and_delete_an_action(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    view: PlansView,
    workspace: Workspace,
    team_with_original: tuple[Team, Assessment],
) -> None:
    team, original = team_with_original
    view.show_assessment(original.id)
    due = TODAY + dt.timedelta(days=40)

    def fill_new(dialog: ActionDialog) -> None:
        type_into(qtbot, dialog.text_edit, "Write runbooks for the five checkout services")
        dialog.set_area("process.incident-response")
        type_into(qtbot, dialog.owner_edit, "Kwame")
        dialog.due_date.set_value(due)

    patch_exec(monkeypatch, ActionDialog, fill_new)
    view.new_action_action.trigger()
    (action,) = workspace.repository.list_actions(assessment_id=original.id)
    assert action.text == "Write runbooks for the five checkout services"
    assert action.area_key == "process.incident-response"
    assert action.owner == "Kwame"
    assert action.due_date == due
    assert action.status is ActionStatus.OPEN
    assert view.tabs.currentIndex() == view.action_tab
    model = view.action_model
    assert model.index(0, action_model.AREA).data() == "Incident response"
    assert model.index(0, action_model.DUE_DATE).data() == format_date(due)

    def fill_edit(dialog: ActionDialog) -> None:
        assert dialog.area_key() == "process.incident-response"
        dialog.set_area(None)
        dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(ActionStatus.DONE))

    view.action_page.select_row(0)
    patch_exec(monkeypatch, ActionDialog, fill_edit)
    view.edit_item_action.trigger()
    edited = workspace.repository.get_action(action.id)
    assert edited.area_key is None
    assert edited.status is ActionStatus.DONE
    assert model.index(0, action_model.STATUS).data() == "Done"
    assert model.index(0, action_model.AREA).data() == "–"

    monkeypatch.setattr(plans_view, "confirm", lambda parent, title, text: True)
    view.action_page.select_row(0)
    view.delete_item_action.trigger()
    assert workspace.repository.list_actions(team_id=team.id) == ()
    assert model.rowCount() == 0


def test_empty_action_text_is_refused_in_the_dialog(
    qtbot: QtBot, workspace: Workspace, team_with_original: tuple[Team, Assessment]
) -> None:
    team, original = team_with_original
    dialog = ActionDialog(workspace, original)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.text_error.isVisibleTo(dialog)
    assert "must not be empty" in dialog.text_error.text()
    assert workspace.repository.list_actions(team_id=team.id) == ()


def test_overdue_action_is_marked_in_text_and_icon_not_colour_alone(
    view: PlansView, workspace: Workspace, team_with_original: tuple[Team, Assessment]
) -> None:
    team, original = team_with_original
    late = TODAY - dt.timedelta(days=10)
    repository = workspace.repository
    overdue = repository.save_action(
        ActionItem(new_id(), team.id, original.id, "Late one", due_date=late)
    )
    repository.save_action(
        ActionItem(
            new_id(), team.id, original.id, "Done late", due_date=late, status=ActionStatus.DONE
        )
    )
    repository.save_action(
        ActionItem(
            new_id(), team.id, original.id, "Not yet due", due_date=TODAY + dt.timedelta(days=3)
        )
    )
    view.show_assessment(original.id)
    model = view.action_model
    texts = [model.index(row, action_model.DUE_DATE).data() for row in range(3)]
    assert "overdue" in texts[0].lower()
    assert format_date(late) in texts[0]
    assert "overdue" not in texts[1].lower()
    assert "overdue" not in texts[2].lower()
    due_cell = model.index(0, action_model.DUE_DATE)
    assert due_cell.data(OverdueRole) is True
    assert not due_cell.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert due_cell.data(ActionRole) == overdue
    assert model.index(1, action_model.DUE_DATE).data(Qt.ItemDataRole.DecorationRole) is None


def test_overdue_review_date_of_an_open_hypothesis_is_marked(
    view: PlansView, workspace: Workspace, team_with_original: tuple[Team, Assessment]
) -> None:
    team, original = team_with_original
    workspace.repository.save_hypothesis(
        Hypothesis(
            new_id(),
            team.id,
            original.id,
            "a",
            "b",
            "c",
            area_keys=("process.on-call",),
            review_date=TODAY - dt.timedelta(days=1),
        )
    )
    view.show_assessment(original.id)
    cell = view.hypothesis_model.index(0, hypothesis_model.REVIEW_DATE)
    assert "overdue" in cell.data()
    assert cell.data(ReviewOverdueRole) is True


# --- carried into a reassessment, and reviewed -----------------------------------------------


def test_demo_reassessment_shows_carried_items_and_its_own(
    view: PlansView, workspace: Workspace, demo: TwoAssessments
) -> None:
    view.show_assessment(demo.reassessment.id)
    repository = workspace.repository
    carried_ids = {card.item.id for card in view.review_panel.cards}
    posed_before = {
        item.id
        for item in (
            *repository.list_hypotheses(assessment_id=demo.original.id),
            *repository.list_actions(assessment_id=demo.original.id),
        )
    }
    assert carried_ids == posed_before
    assert len(view.review_panel.cards) == 10
    assert view.tabs.isTabVisible(view.review_tab)
    assert "10/10 reviewed" in view.tabs.tabText(view.review_tab)

    posed_here = repository.list_hypotheses(assessment_id=demo.reassessment.id)
    assert view.hypothesis_model.items() == posed_here
    assert len(posed_here) == 1
    assert view.action_model.items() == repository.list_actions(assessment_id=demo.reassessment.id)
    assert view.action_model.rowCount() == 3
    assert not carried_ids & {item.id for item in posed_here}
    # Reviewed-in-this-assessment items show that review, with its evidence.
    card = view.review_panel.cards[0]
    assert card.review_label is not None
    assert "Opsgenie shows a median of 52 minutes" in card.review_label.text()
    assert card.review_button.text() == "Review again…"

    view.show_assessment(demo.original.id)
    assert not view.tabs.isTabVisible(view.review_tab)
    assert view.hypothesis_model.rowCount() == 4
    assert view.action_model.rowCount() == 6


def test_review_a_carried_demo_hypothesis(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    view: PlansView,
    workspace: Workspace,
    demo: TwoAssessments,
) -> None:
    repository = workspace.repository
    hypothesis = next(
        item
        for item in repository.list_hypotheses(assessment_id=demo.original.id)
        if item.status is HypothesisStatus.PROPOSED
    )
    before = repository.hypothesis_reviews(item_id=hypothesis.id)
    view.show_assessment(demo.reassessment.id)
    card = view.review_panel.card_for(hypothesis.id)
    assert card is not None

    def fill(dialog: ReviewDialog) -> None:
        assert "Not started: the flag service evaluation stalled" in dialog.history_label.text()
        dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(HypothesisStatus.DROPPED))
        type_into(qtbot, dialog.evidence_edit, "Flags come with the new platform instead.")

    patch_exec(monkeypatch, ReviewDialog, fill)
    with qtbot.waitSignal(view.items_changed):
        qtbot.mouseClick(card.review_button, Qt.MouseButton.LeftButton)

    reviews = repository.hypothesis_reviews(item_id=hypothesis.id)
    assert len(reviews) == len(before) + 1
    new = reviews[-1]
    assert new.assessment_id == demo.reassessment.id
    assert new.status == "dropped"
    assert new.evidence == "Flags come with the new platform instead."
    assert repository.get_hypothesis(hypothesis.id).status is HypothesisStatus.DROPPED
    card = view.review_panel.card_for(hypothesis.id)
    assert card is not None
    assert card.status_label.text() == "Status now: Dropped"
    assert card.review_label is not None
    assert "Flags come with the new platform instead." in card.review_label.text()


def test_open_items_carry_forward_are_reviewed_and_survive_reopening(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    workspace: Workspace,
    isolated_data_dir: Path,
    team_with_original: tuple[Team, Assessment],
) -> None:
    team, original = team_with_original
    repository = workspace.repository
    hypothesis = repository.save_hypothesis(
        Hypothesis(
            new_id(),
            team.id,
            original.id,
            "a weekly on-call rotation",
            "faster recovery for shoppers",
            "MTTR under 60 minutes",
            area_keys=("process.on-call",),
        )
    )
    action = repository.save_action(
        ActionItem(new_id(), team.id, original.id, "Set up the rotation", "process.on-call")
    )
    closed = repository.save_action(
        ActionItem(new_id(), team.id, original.id, "Already done", status=ActionStatus.DONE)
    )
    reassessment = reassess(workspace, team.id, date=TODAY - dt.timedelta(days=1))

    view = PlansView(workspace)
    qtbot.addWidget(view)
    view.show_assessment(reassessment.id)
    assert view.tabs.currentIndex() == view.review_tab
    assert [card.item.id for card in view.review_panel.cards] == [hypothesis.id, action.id]
    assert closed.id not in {card.item.id for card in view.review_panel.cards}
    assert all(card.review_button.text() == "Review…" for card in view.review_panel.cards)

    statuses = iter([HypothesisStatus.VALIDATED, ActionStatus.DONE])

    def fill(dialog: ReviewDialog) -> None:
        dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(next(statuses)))
        type_into(qtbot, dialog.evidence_edit, "Seen in the room")

    patch_exec(monkeypatch, ReviewDialog, fill)
    for item_id in (hypothesis.id, action.id):
        card = view.review_panel.card_for(item_id)
        assert card is not None
        qtbot.mouseClick(card.review_button, Qt.MouseButton.LeftButton)
    assert "2/2 reviewed" in view.tabs.tabText(view.review_tab)

    # A hypothesis posed in the reassessment itself.
    def fill_new(dialog: HypothesisDialog) -> None:
        type_into(qtbot, dialog.capability_edit, "a p90 target")
        type_into(qtbot, dialog.outcome_edit, "no shopper waits hours")
        type_into(qtbot, dialog.signal_edit, "p90 under 2 hours")
        dialog.set_checked_areas(["process.incident-response", "process.on-call"])

    patch_exec(monkeypatch, HypothesisDialog, fill_new)
    view.new_hypothesis_action.trigger()
    view.close()
    workspace.close()

    reopened = open_workspace(isolated_data_dir)
    try:
        again = reopened.repository
        assert again.get_hypothesis(hypothesis.id).status is HypothesisStatus.VALIDATED
        assert again.get_action(action.id).status is ActionStatus.DONE
        (h_review,) = again.hypothesis_reviews(item_id=hypothesis.id)
        (a_review,) = again.action_reviews(item_id=action.id)
        assert h_review.assessment_id == a_review.assessment_id == reassessment.id
        assert h_review.evidence == a_review.evidence == "Seen in the room"
        (new,) = again.list_hypotheses(assessment_id=reassessment.id)
        assert new.area_keys == ("process.on-call", "process.incident-response")

        fresh = PlansView(reopened)
        qtbot.addWidget(fresh)
        fresh.show_assessment(reassessment.id)
        # Closed by the review, but still listed here: the coach sees what was decided.
        assert {card.item.id for card in fresh.review_panel.cards} == {hypothesis.id, action.id}
        assert all(card.review_label is not None for card in fresh.review_panel.cards)
        assert fresh.hypothesis_model.items() == (new,)
        fresh.show_team(team.id)
        assert fresh.hypothesis_model.rowCount() == 2
        assert fresh.action_model.rowCount() == 2
    finally:
        reopened.close()


def test_review_dialog_shows_the_item_and_its_earlier_reviews(
    qtbot: QtBot, workspace: Workspace, demo: TwoAssessments
) -> None:
    hypothesis = workspace.repository.list_hypotheses(assessment_id=demo.original.id)[0]
    dialog = ReviewDialog(workspace, hypothesis, demo.reassessment)
    qtbot.addWidget(dialog)
    assert dialog.item_label.text() == hypothesis.sentence
    assert "(this assessment)" in dialog.history_label.text()
    assert "Opsgenie shows a median of 52 minutes" in dialog.history_label.text()
    assert dialog.status_combo.currentData() == hypothesis.status
    dialog.reject()
    assert workspace.repository.hypothesis_reviews(item_id=hypothesis.id)[-1].status == (
        "validated"
    )


# --- per team ----------------------------------------------------------------------------------


def test_team_listing_shows_both_assessments_with_posed_in_dates(
    view: PlansView, workspace: Workspace, demo: TwoAssessments
) -> None:
    view.show_team(demo.team.id)
    assert view.has_content()
    assert not view.tabs.isTabVisible(view.review_tab)
    hypotheses = view.hypothesis_model
    actions = view.action_model
    assert hypotheses.rowCount() == 5
    assert actions.rowCount() == 9
    assert not view.hypothesis_table.isColumnHidden(hypothesis_model.POSED_IN)
    assert not view.action_table.isColumnHidden(action_model.POSED_IN)
    dates = {format_date(demo.original.date), format_date(demo.reassessment.date)}
    posed_in = {
        hypotheses.index(row, hypothesis_model.POSED_IN).data()
        for row in range(hypotheses.rowCount())
    }
    assert posed_in == dates
    for row in range(actions.rowCount()):
        item = actions.index(row, 0).data(ActionRole)
        expected = demo.original if item.assessment_id == demo.original.id else demo.reassessment
        assert actions.index(row, action_model.POSED_IN).data() == format_date(expected.date)
    assert hypotheses.index(0, hypothesis_model.POSED_IN).data(Qt.ItemDataRole.ToolTipRole)

    view.show_assessment(demo.reassessment.id)
    assert view.hypothesis_table.isColumnHidden(hypothesis_model.POSED_IN)
    assert view.action_table.isColumnHidden(action_model.POSED_IN)


def test_new_item_in_team_mode_is_posed_in_the_latest_assessment(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    view: PlansView,
    workspace: Workspace,
    demo: TwoAssessments,
) -> None:
    view.show_team(demo.team.id)

    def fill(dialog: ActionDialog) -> None:
        type_into(qtbot, dialog.text_edit, "Follow up with the vendor")

    patch_exec(monkeypatch, ActionDialog, fill)
    view.new_action_action.trigger()
    assert workspace.repository.list_actions(team_id=demo.team.id)[-1].assessment_id == (
        demo.reassessment.id
    )
    assert view.action_model.rowCount() == 10


# --- models, actions and state -------------------------------------------------------------------


def test_models_pass_the_model_tester(
    qtmodeltester: object, workspace: Workspace, demo: TwoAssessments
) -> None:
    repository = workspace.repository
    assessments = {item.id: item for item in repository.list_assessments(demo.team.id)}
    hypotheses = HypothesisTableModel()
    actions = ActionTableModel()
    qtmodeltester.check(hypotheses)  # type: ignore[attr-defined]
    qtmodeltester.check(actions)  # type: ignore[attr-defined]
    filled_hypotheses = HypothesisTableModel()
    filled_hypotheses.set_items(
        repository.list_hypotheses(team_id=demo.team.id),
        area_names={"process.on-call": "On-call process"},
        posed_in=assessments,
        today=TODAY,
    )
    filled_actions = ActionTableModel()
    filled_actions.set_items(
        repository.list_actions(team_id=demo.team.id), posed_in=assessments, today=TODAY
    )
    qtmodeltester.check(filled_hypotheses)  # type: ignore[attr-defined]
    qtmodeltester.check(filled_actions)  # type: ignore[attr-defined]
    assert filled_hypotheses.rowCount() == 5
    assert filled_actions.rowCount() == 9
    # An area no framework names is shown by its key rather than hidden.
    assert "process.incident-response" in filled_hypotheses.index(0, hypothesis_model.AREAS).data()


def test_menu_actions_have_free_shortcuts_and_follow_the_selection(
    view: PlansView, demo: TwoAssessments
) -> None:
    actions = view.menu_actions()
    assert view.new_hypothesis_action in actions
    assert view.new_action_action in actions
    taken = {"Ctrl+N", "Ctrl+Shift+N", "Ctrl+R", "Ctrl+E", "Ctrl+L", "F1", "F5", "F2"}
    taken |= {f"Ctrl+{n}" for n in range(1, 5)}
    shortcuts = [
        action.shortcut().toString() for action in actions if not action.shortcut().isEmpty()
    ]
    assert "Ctrl+Alt+H" in shortcuts
    assert "Ctrl+Alt+A" in shortcuts
    assert not taken & set(shortcuts)
    assert not view.new_hypothesis_action.isEnabled()
    view.show_assessment(demo.reassessment.id)
    assert view.new_hypothesis_action.isEnabled()
    view.tabs.setCurrentIndex(view.hypothesis_tab)
    view.hypothesis_page.select_row(None)
    assert not view.edit_item_action.isEnabled()
    view.hypothesis_page.select_row(0)
    assert view.edit_item_action.isEnabled()
    assert view.delete_item_action.isEnabled()
    view.tabs.setCurrentIndex(view.review_tab)
    assert not view.delete_item_action.isEnabled()


def test_state_is_saved_and_restored(
    qtbot: QtBot, tmp_path: Path, view: PlansView, workspace: Workspace, demo: TwoAssessments
) -> None:
    settings = QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat)
    view.show_team(demo.team.id)
    view.hypothesis_table.setColumnWidth(hypothesis_model.OWNER, 157)
    view.save_state(settings)
    settings.sync()
    assert all(key.startswith("plans/") for key in settings.allKeys())

    other = PlansView(workspace)
    qtbot.addWidget(other)
    other.restore_state(settings)
    assert other.hypothesis_table.columnWidth(hypothesis_model.OWNER) == 157
    other.show_assessment(demo.reassessment.id)
    assert other.hypothesis_table.isColumnHidden(hypothesis_model.POSED_IN)


def test_refresh_after_the_assessment_is_deleted_empties_the_view(
    view: PlansView, workspace: Workspace, demo: TwoAssessments
) -> None:
    view.show_assessment(demo.reassessment.id)
    workspace.repository.delete_assessment(demo.reassessment.id)
    view.refresh()
    assert not view.has_content()
    assert view.hypothesis_model.rowCount() == 0
    assert not view.new_hypothesis_action.isEnabled()
