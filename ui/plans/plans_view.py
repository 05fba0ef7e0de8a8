"""``PlansView`` (“Hypotheses & actions”): what an assessment posed, and what it reviewed.

For one assessment it shows three tabs: the hypotheses and action items carried from the team's
earlier assessments, to review (a reassessment only); the hypotheses posed in this assessment;
and its action items. For a whole team it lists every hypothesis and action with the assessment
each was posed in. All reads and writes go through the core (repository and workflows); the
dialogs save on OK, and this view reloads and emits ``items_changed``.

The view owns its ``QAction`` objects (``menu_actions``); their shortcuts are live while the
view has the focus, like the library's.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from collections.abc import Callable
from enum import Enum
from typing import TypeVar

from PySide6.QtCore import QItemSelection, QModelIndex, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QTabWidget, QVBoxLayout, QWidget

from sre_workshop.model import ActionItem, Assessment, Framework, Hypothesis, Team
from sre_workshop.workflows import items_for_review
from sre_workshop.workspace import Workspace
from ui.errors import show_error
from ui.plans import action_model, hypothesis_model
from ui.plans.action_dialog import ActionDialog
from ui.plans.action_model import ActionRole, ActionTableModel
from ui.plans.common import (
    area_name,
    area_names,
    assessment_label,
    format_date,
    review_history_html,
    status_label,
)
from ui.plans.hypothesis_dialog import HypothesisDialog
from ui.plans.hypothesis_model import HypothesisRole, HypothesisTableModel
from ui.plans.item_page import ItemPage
from ui.plans.review_dialog import ReviewDialog
from ui.plans.review_panel import CarriedItem, ReviewPanel
from ui.ui_state import read_bytes
from ui.widgets.actions import action_button, confirm, page_action

log = logging.getLogger(__name__)

DialogT = TypeVar("DialogT", bound=QDialog)

VIEW_TITLE = "Hypotheses & actions"


class Mode(Enum):
    NONE = "none"
    ASSESSMENT = "assessment"
    TEAM = "team"


class PlansView(QWidget):
    """Hypotheses and action items of an assessment (with its review) or of a whole team."""

    #: A hypothesis, action item or review was saved or deleted.
    items_changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("plansView")
        self.mode = Mode.NONE
        self.assessment: Assessment | None = None
        self.team: Team | None = None
        self.team_assessments: dict[str, Assessment] = {}
        self.area_names: dict[str, str] = {}
        self.today = dt.date.today()
        self.hypothesis_model = HypothesisTableModel(self)
        self.action_model = ActionTableModel(self)
        self._create_actions()
        self._build_ui()
        self._update_actions()

    # --- actions -------------------------------------------------------------------------------

    def _create_actions(self) -> None:
        self.new_hypothesis_action = page_action(
            self,
            "New &Hypothesis…",
            "Pose a hypothesis: capability, customer outcome and measurable signal",
            self.on_new_hypothesis_action_triggered,
            "Ctrl+Alt+H",
        )
        self.new_action_action = page_action(
            self,
            "New &Action Item…",
            "Agree an action item: what, which area, who and by when",
            self.on_new_action_action_triggered,
            "Ctrl+Alt+A",
        )
        self.edit_item_action = page_action(
            self,
            "&Edit Selected Item…",
            "Change the selected hypothesis or action item",
            self.on_edit_item_action_triggered,
        )
        self.delete_item_action = page_action(
            self,
            "&Delete Selected Item…",
            "Delete the selected hypothesis or action item",
            self.on_delete_item_action_triggered,
            QKeySequence.StandardKey.Delete,
        )

    def menu_actions(self) -> list[QAction]:
        return [
            self.new_hypothesis_action,
            self.new_action_action,
            self.edit_item_action,
            self.delete_item_action,
        ]

    # --- layout --------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.title_label = QLabel(VIEW_TITLE)
        self.title_label.setObjectName("plansTitle")
        title_font = QFont(self.font())
        title_font.setBold(True)
        if title_font.pointSizeF() > 0:
            title_font.setPointSizeF(title_font.pointSizeF() * 1.5)
        self.title_label.setFont(title_font)
        self.context_label = QLabel()
        self.context_label.setObjectName("plansContext")
        self.context_label.setTextFormat(Qt.TextFormat.PlainText)
        self.context_label.setWordWrap(True)

        self.review_panel = ReviewPanel()
        self.review_panel.review_requested.connect(self.on_review_panel_review_requested)

        self.hypothesis_page = ItemPage(
            "hypothesis",
            self.hypothesis_model,
            [
                action_button(self.new_hypothesis_action, "&New Hypothesis…"),
                action_button(self.edit_item_action, "&Edit…"),
                action_button(self.delete_item_action, "&Delete…"),
            ],
            hypothesis_model.SENTENCE,
        )
        self.hypothesis_table = self.hypothesis_page.table
        self.hypothesis_table.activated.connect(self.on_hypothesis_table_activated)
        self.hypothesis_table.selectionModel().selectionChanged.connect(
            self.on_hypothesis_table_selection_changed
        )
        self.action_page = ItemPage(
            "action",
            self.action_model,
            [
                action_button(self.new_action_action, "New &Action Item…"),
                action_button(self.edit_item_action, "&Edit…"),
                action_button(self.delete_item_action, "&Delete…"),
            ],
            action_model.TEXT,
        )
        self.action_table = self.action_page.table
        self.action_table.activated.connect(self.on_action_table_activated)
        self.action_table.selectionModel().selectionChanged.connect(
            self.on_action_table_selection_changed
        )
        for table in (self.hypothesis_table, self.action_table):
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            table.addActions([self.edit_item_action, self.delete_item_action])
        self._set_initial_column_widths()

        self.tabs = QTabWidget()
        self.tabs.setObjectName("plansTabs")
        self.tabs.setDocumentMode(True)
        self.review_tab = self.tabs.addTab(self.review_panel, "To review")
        self.hypothesis_tab = self.tabs.addTab(self.hypothesis_page, "Hypotheses")
        self.action_tab = self.tabs.addTab(self.action_page, "Action items")
        self.tabs.currentChanged.connect(self.on_tabs_current_changed)

        self.placeholder = QLabel(
            "Open an assessment or a team to see its hypotheses and action items."
        )
        self.placeholder.setObjectName("plansPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)

        header = QVBoxLayout()
        header.setContentsMargins(16, 12, 16, 4)
        header.setSpacing(2)
        header.addWidget(self.title_label)
        header.addWidget(self.context_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.placeholder, 1)
        self.tabs.hide()

    def _set_initial_column_widths(self) -> None:
        metrics = self.fontMetrics()
        date_width = metrics.horizontalAdvance("28 Sep 2026") + 40
        widths = {
            hypothesis_model.POSED_IN: date_width,
            hypothesis_model.AREAS: metrics.horizontalAdvance("Production access control") + 24,
            hypothesis_model.OWNER: metrics.horizontalAdvance("Owner name") + 24,
            hypothesis_model.STATUS: metrics.horizontalAdvance("In progress") + 48,
            hypothesis_model.REVIEW_DATE: date_width + 20,
        }
        for column, width in widths.items():
            self.hypothesis_table.setColumnWidth(column, width)
        widths = {
            action_model.POSED_IN: date_width,
            action_model.AREA: metrics.horizontalAdvance("Production access control") + 24,
            action_model.OWNER: metrics.horizontalAdvance("Owner name") + 24,
            action_model.DUE_DATE: date_width + 20,
            action_model.STATUS: metrics.horizontalAdvance("In progress") + 48,
        }
        for column, width in widths.items():
            self.action_table.setColumnWidth(column, width)

    # --- public API ----------------------------------------------------------------------------

    def show_assessment(self, assessment_id: str) -> None:
        """Show what ``assessment_id`` posed and, for a reassessment, what it reviews.

        Raises what the core raises (an unknown id, a storage error); the caller shows it.
        """
        assessment = self.workspace.repository.get_assessment(assessment_id)
        previous = (self.mode, self.assessment, self.team)
        self.mode, self.assessment = Mode.ASSESSMENT, assessment
        try:
            self.team = self.workspace.repository.find_team(assessment.team_id)
            carried = self._load()
        except Exception:
            self.mode, self.assessment, self.team = previous
            raise
        self._choose_tab(carried)

    def show_team(self, team_id: str) -> None:
        """Show every hypothesis and action item of ``team_id``, with where each was posed."""
        team = self.workspace.repository.get_team(team_id)
        previous = (self.mode, self.assessment, self.team)
        self.mode, self.team, self.assessment = Mode.TEAM, team, None
        try:
            self._load()
        except Exception:
            self.mode, self.assessment, self.team = previous
            raise
        if self.tabs.currentIndex() == self.review_tab:
            self.tabs.setCurrentIndex(self.hypothesis_tab)

    def has_content(self) -> bool:
        return self.mode is not Mode.NONE

    def title_detail(self) -> str:
        """What is shown, for the window title (empty when nothing is)."""
        if self.mode is Mode.ASSESSMENT and self.assessment is not None:
            return f"{VIEW_TITLE}: {assessment_label(self.assessment)}"
        if self.mode is Mode.TEAM and self.team is not None:
            return f"{VIEW_TITLE}: {self.team.name}"
        return ""

    @Slot()
    def refresh(self) -> None:
        """Reload from the database; a team or assessment deleted meanwhile empties the view."""
        if self.mode is Mode.NONE:
            return
        try:
            repository = self.workspace.repository
            if self.assessment and repository.find_assessment(self.assessment.id) is None:
                self.clear()
                return
            if self.team and repository.find_team(self.team.id) is None:
                self.clear()
                return
            self._load()
        except Exception as exc:
            show_error(self, exc, "The hypotheses and action items could not be read.")

    def clear(self) -> None:
        self.mode, self.assessment, self.team = Mode.NONE, None, None
        self.hypothesis_model.set_items([])
        self.action_model.set_items([])
        self.review_panel.clear()
        self.context_label.clear()
        self.tabs.hide()
        self.placeholder.show()
        self._update_actions()

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(
            "plans/hypothesisHeader", self.hypothesis_table.horizontalHeader().saveState()
        )
        settings.setValue("plans/actionHeader", self.action_table.horizontalHeader().saveState())
        settings.setValue("plans/hypothesisSplitter", self.hypothesis_page.splitter.saveState())
        settings.setValue("plans/actionSplitter", self.action_page.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        for key, header in (
            ("plans/hypothesisHeader", self.hypothesis_table.horizontalHeader()),
            ("plans/actionHeader", self.action_table.horizontalHeader()),
        ):
            state = read_bytes(settings, key)
            if state is not None:
                header.restoreState(state)
        for key, splitter in (
            ("plans/hypothesisSplitter", self.hypothesis_page.splitter),
            ("plans/actionSplitter", self.action_page.splitter),
        ):
            state = read_bytes(settings, key)
            if state is not None:
                splitter.restoreState(state)
        self._apply_mode_columns()

    # --- loading -------------------------------------------------------------------------------

    def _frameworks(self, assessments: list[Assessment]) -> list[Framework]:
        frameworks = []
        for assessment in assessments:
            try:
                frameworks.append(self.workspace.framework_for(assessment))
            except KeyError as exc:  # names fall back to keys; the lists stay usable
                log.warning("framework of assessment %s unavailable: %s", assessment.id, exc)
        return frameworks

    def _load(self) -> list[CarriedItem]:
        """Read everything shown for the current mode; returns the carried items."""
        repository = self.workspace.repository
        self.today = dt.date.today()
        team_id = self.assessment.team_id if self.assessment else self.team.id if self.team else ""
        team_assessments = list(repository.list_assessments(team_id))
        self.team_assessments = {assessment.id: assessment for assessment in team_assessments}
        ordered = [a for a in team_assessments if a is not self.assessment]
        if self.assessment is not None:
            ordered.append(self.assessment)
        self.area_names = area_names(self._frameworks(ordered))

        carried: list[CarriedItem] = []
        if self.mode is Mode.ASSESSMENT and self.assessment is not None:
            hypotheses = repository.list_hypotheses(assessment_id=self.assessment.id)
            actions = repository.list_actions(assessment_id=self.assessment.id)
            carried = self._carried(self.assessment)
            show_review = bool(carried) or self.assessment.compares_with is not None
        else:
            hypotheses = repository.list_hypotheses(team_id=team_id)
            actions = repository.list_actions(team_id=team_id)
            show_review = False

        selected_hypothesis = self._selected_hypothesis()
        selected_action = self._selected_action()
        self.hypothesis_model.set_items(
            hypotheses, area_names=self.area_names, posed_in=self.team_assessments, today=self.today
        )
        self.action_model.set_items(
            actions, area_names=self.area_names, posed_in=self.team_assessments, today=self.today
        )
        if self.assessment is not None:
            self.review_panel.set_items(
                carried, self.assessment, self.team_assessments, self.area_names, self.today
            )
            for card in self.review_panel.cards:
                card.review_button.setEnabled(not self.workspace.read_only)
        self.hypothesis_page.select_row(
            self.hypothesis_model.row_of(selected_hypothesis.id if selected_hypothesis else None)
        )
        self.action_page.select_row(
            self.action_model.row_of(selected_action.id if selected_action else None)
        )

        self.tabs.setTabVisible(self.review_tab, show_review)
        reviewed = sum(
            1
            for entry in carried
            if self.assessment and entry.review_here(self.assessment.id) is not None
        )
        self.tabs.setTabText(
            self.review_tab,
            f"To review from earlier assessments ({reviewed}/{len(carried)} reviewed)",
        )
        in_this = " posed in this assessment" if self.mode is Mode.ASSESSMENT else ""
        self.tabs.setTabText(self.hypothesis_tab, f"Hypotheses{in_this} ({len(hypotheses)})")
        self.tabs.setTabText(
            self.action_tab,
            f"Action items{' agreed in this assessment' if in_this else ''} ({len(actions)})",
        )
        self._update_empty_states()
        self._apply_mode_columns()
        self._update_context()
        self._update_details()
        self.placeholder.hide()
        self.tabs.show()
        self._update_actions()
        return carried

    def _carried(self, assessment: Assessment) -> list[CarriedItem]:
        repository = self.workspace.repository
        found = items_for_review(self.workspace, assessment.id)
        carried = [
            CarriedItem(
                item,
                repository.hypothesis_reviews(item_id=item.id),
                self.team_assessments.get(item.assessment_id),
            )
            for item in found.hypotheses
        ]
        carried.extend(
            CarriedItem(
                item,
                repository.action_reviews(item_id=item.id),
                self.team_assessments.get(item.assessment_id),
            )
            for item in found.actions
        )
        return carried

    def _choose_tab(self, carried: list[CarriedItem]) -> None:
        """Start where the work is: unreviewed carried items first, else this assessment's."""
        assessment_id = self.assessment.id if self.assessment else ""
        pending = any(entry.review_here(assessment_id) is None for entry in carried)
        if pending:
            self.tabs.setCurrentIndex(self.review_tab)
        elif self.tabs.currentIndex() == self.review_tab or not self.tabs.isTabVisible(
            self.tabs.currentIndex()
        ):
            self.tabs.setCurrentIndex(self.hypothesis_tab)

    def _apply_mode_columns(self) -> None:
        per_team = self.mode is Mode.TEAM
        self.hypothesis_table.setColumnHidden(hypothesis_model.POSED_IN, not per_team)
        self.action_table.setColumnHidden(action_model.POSED_IN, not per_team)

    def _update_context(self) -> None:
        team_name = self.team.name if self.team else "A deleted team"
        if self.mode is Mode.ASSESSMENT and self.assessment is not None:
            text = f"{team_name} · {assessment_label(self.assessment)}"
            if self.assessment.compares_with:
                compared = self.team_assessments.get(self.assessment.compares_with)
                text += f" · compared with: {assessment_label(compared)}"
        else:
            dates = sorted(assessment.date for assessment in self.team_assessments.values())
            text = f"{team_name} · all assessments"
            if dates:
                text += f" ({format_date(dates[0])} to {format_date(dates[-1])})"
        self.context_label.setText(text)

    def _update_empty_states(self) -> None:
        if self.mode is Mode.ASSESSMENT:
            hypothesis_text = (
                "No hypotheses posed in this assessment yet.\n\nNew Hypothesis (Ctrl+Alt+H) "
                "poses one in three parts: the product capability the team will build, the "
                "customer outcome it should bring, and the measurable signal that shows it did."
            )
            action_text = (
                "No action items agreed in this assessment yet.\n\nNew Action Item "
                "(Ctrl+Alt+A) records what will be done, for which area, by whom and by when."
            )
        else:
            hypothesis_text = "This team has no hypotheses yet."
            action_text = "This team has no action items yet."
        self.hypothesis_page.set_empty(self.hypothesis_model.rowCount() == 0, hypothesis_text)
        self.action_page.set_empty(self.action_model.rowCount() == 0, action_text)

    def _target_assessment(self) -> Assessment | None:
        """Where new items are posed: the assessment shown, or the team's latest one."""
        if self.mode is Mode.ASSESSMENT:
            return self.assessment
        if self.mode is Mode.TEAM and self.team_assessments:
            return max(self.team_assessments.values(), key=lambda assessment: assessment.date)
        return None

    def _update_actions(self) -> None:
        writable = not self.workspace.read_only
        can_create = writable and self._target_assessment() is not None
        self.new_hypothesis_action.setEnabled(can_create)
        self.new_action_action.setEnabled(can_create)
        has_selection = self._current_item() is not None
        self.edit_item_action.setEnabled(writable and has_selection)
        self.delete_item_action.setEnabled(writable and has_selection)
        if self.mode is Mode.TEAM and can_create:
            target = self._target_assessment()
            note = f" (posed in the team's latest assessment: {assessment_label(target)})"
            for action in (self.new_hypothesis_action, self.new_action_action):
                action.setStatusTip(action.statusTip().split(" (posed in")[0] + note)

    # --- selection and details -----------------------------------------------------------------

    def _selected_hypothesis(self) -> Hypothesis | None:
        row = self.hypothesis_page.selected_row()
        return self.hypothesis_model.item_at(row) if row is not None else None

    def _selected_action(self) -> ActionItem | None:
        row = self.action_page.selected_row()
        return self.action_model.item_at(row) if row is not None else None

    def _current_item(self) -> Hypothesis | ActionItem | None:
        if self.mode is Mode.NONE:
            return None
        if self.tabs.currentIndex() == self.hypothesis_tab:
            return self._selected_hypothesis()
        if self.tabs.currentIndex() == self.action_tab:
            return self._selected_action()
        return None

    def _update_details(self) -> None:
        hypothesis = self._selected_hypothesis()
        if hypothesis is None:
            self.hypothesis_page.set_details(
                "<i>Select a hypothesis to see its evidence and reviews.</i>"
            )
        else:
            self.hypothesis_page.set_details(self._hypothesis_details(hypothesis))
        action = self._selected_action()
        if action is None:
            self.action_page.set_details("<i>Select an action item to see its reviews.</i>")
        else:
            self.action_page.set_details(self._action_details(action))

    def _hypothesis_details(self, hypothesis: Hypothesis) -> str:
        reviews = self.workspace.repository.hypothesis_reviews(item_id=hypothesis.id)
        areas = ", ".join(area_name(self.area_names, key) for key in hypothesis.area_keys)
        parts = [
            f"<b>{html.escape(hypothesis.sentence)}</b>",
            f"Areas: {html.escape(areas or '–')} · Status: "
            f"{html.escape(status_label(hypothesis.status))} · Posed in: "
            f"{html.escape(assessment_label(self.team_assessments.get(hypothesis.assessment_id)))}",
            "<b>Evidence seen:</b> "
            + (
                html.escape(hypothesis.evidence)
                if hypothesis.evidence.strip()
                else "none noted yet"
            ),
        ]
        history = review_history_html(
            reviews, self.team_assessments, self.assessment.id if self.assessment else None
        )
        parts.append(f"<b>Reviews:</b><br>{history}" if history else "<b>Reviews:</b> none yet")
        return "<br>".join(parts)

    def _action_details(self, action: ActionItem) -> str:
        reviews = self.workspace.repository.action_reviews(item_id=action.id)
        history = review_history_html(
            reviews, self.team_assessments, self.assessment.id if self.assessment else None
        )
        parts = [
            f"<b>{html.escape(action.text)}</b>",
            f"Status: {html.escape(status_label(action.status))} · Agreed in: "
            f"{html.escape(assessment_label(self.team_assessments.get(action.assessment_id)))}",
            f"<b>Reviews:</b><br>{history}" if history else "<b>Reviews:</b> none yet",
        ]
        return "<br>".join(parts)

    # --- slots ---------------------------------------------------------------------------------

    @Slot(int)
    def on_tabs_current_changed(self, index: int) -> None:
        self._update_actions()

    @Slot(QItemSelection, QItemSelection)
    def on_hypothesis_table_selection_changed(
        self, selected: QItemSelection, deselected: QItemSelection
    ) -> None:
        self._update_details()
        self._update_actions()

    @Slot(QItemSelection, QItemSelection)
    def on_action_table_selection_changed(
        self, selected: QItemSelection, deselected: QItemSelection
    ) -> None:
        self._update_details()
        self._update_actions()

    @Slot(QModelIndex)
    def on_hypothesis_table_activated(self, index: QModelIndex) -> None:
        hypothesis = index.data(HypothesisRole)
        if isinstance(hypothesis, Hypothesis):
            self.edit_hypothesis(hypothesis)

    @Slot(QModelIndex)
    def on_action_table_activated(self, index: QModelIndex) -> None:
        action = index.data(ActionRole)
        if isinstance(action, ActionItem):
            self.edit_action(action)

    @Slot()
    def on_new_hypothesis_action_triggered(self) -> None:
        target = self._target_assessment()
        if target is None or self.workspace.read_only:
            return
        dialog = self._dialog(lambda: HypothesisDialog(self.workspace, target, None, self))
        if dialog is not None and dialog.exec() and dialog.saved_hypothesis is not None:
            self._after_change(hypothesis_id=dialog.saved_hypothesis.id)

    @Slot()
    def on_new_action_action_triggered(self) -> None:
        target = self._target_assessment()
        if target is None or self.workspace.read_only:
            return
        dialog = self._dialog(lambda: ActionDialog(self.workspace, target, None, self))
        if dialog is not None and dialog.exec() and dialog.saved_action is not None:
            self._after_change(action_id=dialog.saved_action.id)

    @Slot()
    def on_edit_item_action_triggered(self) -> None:
        item = self._current_item()
        if isinstance(item, Hypothesis):
            self.edit_hypothesis(item)
        elif isinstance(item, ActionItem):
            self.edit_action(item)

    @Slot()
    def on_delete_item_action_triggered(self) -> None:
        item = self._current_item()
        if item is None or self.workspace.read_only:
            return
        repository = self.workspace.repository
        try:
            if isinstance(item, Hypothesis):
                if not confirm(
                    self,
                    "Delete Hypothesis",
                    f"Delete this hypothesis and its review history?\n\n{item.sentence}",
                ):
                    return
                repository.delete_hypothesis(item.id)
            else:
                if not confirm(
                    self,
                    "Delete Action Item",
                    f"Delete this action item and its review history?\n\n{item.text}",
                ):
                    return
                repository.delete_action(item.id)
        except Exception as exc:
            show_error(self, exc, "The item could not be deleted.")
            return
        self._after_change()

    @Slot(object)
    def on_review_panel_review_requested(self, item: object) -> None:
        if (
            not isinstance(item, Hypothesis | ActionItem)
            or self.assessment is None
            or self.workspace.read_only
        ):
            return
        assessment = self.assessment
        dialog = self._dialog(lambda: ReviewDialog(self.workspace, item, assessment, self))
        if dialog is not None and dialog.exec():
            self._after_change()
            card = self.review_panel.card_for(item.id)
            if card is not None:
                self.review_panel.scroll_area.ensureWidgetVisible(card)
                card.review_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- editing -------------------------------------------------------------------------------

    def edit_hypothesis(self, hypothesis: Hypothesis) -> None:
        if self.workspace.read_only:
            return
        posed_in = self.team_assessments.get(hypothesis.assessment_id)
        if posed_in is None:
            return
        dialog = self._dialog(lambda: HypothesisDialog(self.workspace, posed_in, hypothesis, self))
        if dialog is not None and dialog.exec() and dialog.saved_hypothesis is not None:
            self._after_change(hypothesis_id=hypothesis.id)

    def edit_action(self, action: ActionItem) -> None:
        if self.workspace.read_only:
            return
        posed_in = self.team_assessments.get(action.assessment_id)
        if posed_in is None:
            return
        dialog = self._dialog(lambda: ActionDialog(self.workspace, posed_in, action, self))
        if dialog is not None and dialog.exec() and dialog.saved_action is not None:
            self._after_change(action_id=action.id)

    def _dialog(self, build: Callable[[], DialogT]) -> DialogT | None:
        """Build a dialog; if its framework or data cannot be read, say so instead."""
        try:
            return build()
        except Exception as exc:
            show_error(self, exc, "The dialog could not be opened.")
            return None

    def _after_change(
        self, *, hypothesis_id: str | None = None, action_id: str | None = None
    ) -> None:
        self.refresh()
        if hypothesis_id is not None:
            self.tabs.setCurrentIndex(self.hypothesis_tab)
            self.hypothesis_page.select_row(self.hypothesis_model.row_of(hypothesis_id))
        if action_id is not None:
            self.tabs.setCurrentIndex(self.action_tab)
            self.action_page.select_row(self.action_model.row_of(action_id))
        self.items_changed.emit()
