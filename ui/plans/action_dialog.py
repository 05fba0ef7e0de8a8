"""``ActionDialog``: agree or edit an action item: text, area, owner, due date and status.

Like the hypothesis dialog it saves through the repository on OK; the core ``ActionItem``
decides what is valid and a refusal is explained under the field, with the dialog left open.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.model import (
    ActionItem,
    ActionStatus,
    Assessment,
    Dimension,
    add_months,
    new_id,
)
from sre_workshop.workspace import Workspace
from ui.errors import show_error
from ui.plans.common import assessment_label, dimension_heading, status_label
from ui.plans.fields import InlineError, OptionalDateField, ParagraphEdit, error_sentence

NO_AREA = "— none —"
#: Months after the assessment that a new action is due by default.
DEFAULT_DUE_MONTHS = 2


class ActionDialog(QDialog):
    """New (``action`` None) or edit; ``saved_action`` is the result after OK."""

    def __init__(
        self,
        workspace: Workspace,
        assessment: Assessment,
        action: ActionItem | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.assessment = assessment
        self.original = action
        self.saved_action: ActionItem | None = None
        self.framework = workspace.framework_for(assessment)
        self.setObjectName("actionDialog")
        self.setWindowTitle("Edit Action Item" if action else "New Action Item")
        self.setModal(True)
        self._build_ui()
        self._load(action)

    def _build_ui(self) -> None:
        posed_in = QLabel(f"Agreed in: {assessment_label(self.assessment)}")
        posed_in.setObjectName("posedInLabel")
        posed_in.setTextFormat(Qt.TextFormat.PlainText)

        self.text_edit = ParagraphEdit(3)
        self.text_edit.setObjectName("actionTextEdit")
        self.text_edit.setPlaceholderText("what will be done, concretely")
        self.text_edit.setAccessibleName("Action")
        self.text_edit.textChanged.connect(self.on_text_edit_text_changed)
        self.text_error = InlineError()
        self.text_error.setObjectName("text_error")

        self.area_combo = QComboBox()
        self.area_combo.setObjectName("areaCombo")
        self.area_combo.setMinimumWidth(280)
        self._fill_areas()
        self.owner_edit = QLineEdit()
        self.owner_edit.setObjectName("ownerEdit")
        self.owner_edit.setPlaceholderText("who does it")
        self.owner_error = InlineError()
        self.due_date = OptionalDateField(
            "&Due on", add_months(self.assessment.date, DEFAULT_DUE_MONTHS)
        )
        self.due_date.setObjectName("dueDateField")
        self.due_date.check.setToolTip("Untick for no due date")
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusCombo")
        for status in ActionStatus:
            self.status_combo.addItem(status_label(status), status)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&Action:", self.text_edit)
        form.addRow("", self.text_error)
        form.addRow("A&rea:", self.area_combo)
        form.addRow("&Owner:", self.owner_edit)
        form.addRow("", self.owner_error)
        form.addRow("Due date:", self.due_date)
        form.addRow("&Status:", self.status_combo)

        self.general_error = InlineError()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(posed_in)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(640, 360)

    def _fill_areas(self) -> None:
        self.area_combo.addItem(NO_AREA, None)
        model = self.area_combo.model()
        heading_font = QFont(self.font())
        heading_font.setBold(True)
        for dimension in Dimension:
            areas = self.framework.areas_of(dimension)
            if not areas:
                continue
            self.area_combo.insertSeparator(self.area_combo.count())
            self.area_combo.addItem(dimension_heading(dimension), None)
            if isinstance(model, QStandardItemModel):
                heading = model.item(self.area_combo.count() - 1)
                heading.setEnabled(False)
                heading.setFont(heading_font)
            for area in areas:
                self.area_combo.addItem(f"    {area.name}", area.key)
                self.area_combo.setItemData(
                    self.area_combo.count() - 1, area.name, Qt.ItemDataRole.AccessibleTextRole
                )

    def _load(self, action: ActionItem | None) -> None:
        if action is None:
            self.due_date.set_value(add_months(self.assessment.date, DEFAULT_DUE_MONTHS))
            return
        self.text_edit.setPlainText(action.text)
        self.set_area(action.area_key)
        self.owner_edit.setText(action.owner)
        self.due_date.set_value(action.due_date)
        self.status_combo.setCurrentIndex(self.status_combo.findData(action.status))

    def set_area(self, key: str | None) -> None:
        """Select ``key``; a key this framework no longer has is kept as its own entry."""
        if key is None:
            self.area_combo.setCurrentIndex(0)
            return
        index = self.area_combo.findData(key)
        if index < 0:
            self.area_combo.addItem(f"{key} (not in this framework)", key)
            index = self.area_combo.count() - 1
        self.area_combo.setCurrentIndex(index)

    def area_key(self) -> str | None:
        key = self.area_combo.currentData()
        return key if isinstance(key, str) else None

    @Slot()
    def on_text_edit_text_changed(self) -> None:
        if self.text_edit.toPlainText().strip():
            self.text_error.clear()

    def build_action(self) -> ActionItem:
        """The core object for what is entered (raises ValueError as the core does)."""
        text = self.text_edit.toPlainText().strip()
        area_key = self.area_key()
        owner = self.owner_edit.text().strip()
        due_date = self.due_date.value()
        status = ActionStatus(self.status_combo.currentData())
        if self.original is not None:
            return replace(
                self.original,
                text=text,
                area_key=area_key,
                owner=owner,
                due_date=due_date,
                status=status,
            )
        return ActionItem(
            id=new_id(),
            team_id=self.assessment.team_id,
            assessment_id=self.assessment.id,
            text=text,
            area_key=area_key,
            owner=owner,
            due_date=due_date,
            status=status,
        )

    def accept(self) -> None:
        for error in (self.text_error, self.owner_error, self.general_error):
            error.clear()
        try:
            action = self.build_action()
        except ValueError as exc:
            message = str(exc)
            if message.startswith("action text"):
                self.text_error.show_message(
                    "Say what will be done: the action must not be empty."
                    if message.endswith("must not be empty")
                    else error_sentence(message)
                )
                self.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            elif message.startswith("owner"):
                self.owner_error.show_message(error_sentence(message))
                self.owner_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self.general_error.show_message(error_sentence(message))
            return
        try:
            self.saved_action = self.workspace.repository.save_action(action)
        except Exception as exc:
            show_error(self, exc, "The action item could not be saved.")
            return
        super().accept()
