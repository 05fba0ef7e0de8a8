"""``HypothesisDialog``: pose or edit a hypothesis in the chapter's three-part form.

"We believe this <product capability> will result in this <customer outcome>; we will know we
have succeeded when we see this <measurable signal>." The coach fills in the three parts and
sees the full sentence as it will be reported, live. The core ``Hypothesis`` decides what is
valid; a refused part is explained under its field and the dialog stays open. The dialog saves
through the repository on OK, so a storage error never loses what was typed.
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.model import (
    Assessment,
    Dimension,
    Framework,
    Hypothesis,
    HypothesisStatus,
    check_text,
    hypothesis_sentence,
    new_id,
)
from sre_workshop.workspace import Workspace
from ui.errors import show_error
from ui.plans.common import assessment_label, dimension_heading, status_label
from ui.plans.fields import (
    InlineError,
    OptionalDateField,
    ParagraphEdit,
    error_sentence,
    one_line,
)

AREA_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
PREVIEW_STYLE = (
    "QLabel#hypothesisPreview { background: #f4f7fb; border: 1px solid #c9d6e6;"
    " border-radius: 4px; padding: 8px 10px; color: #1b2733; }"
)
NO_AREA_MESSAGE = "Link at least one area that this hypothesis addresses."

#: The three parts: core field name (as in the core's messages), label, hint.
PARTS = (
    ("product capability", "We believe this …", "product capability — what the team will build"),
    ("customer outcome", "Will result in this …", "customer outcome — what changes for customers"),
    (
        "measurable signal",
        "We will know we have succeeded when we see this …",
        "measurable signal — a number that tells success from failure",
    ),
)


class HypothesisDialog(QDialog):
    """New (``hypothesis`` None) or edit; ``saved_hypothesis`` is the result after OK."""

    def __init__(
        self,
        workspace: Workspace,
        assessment: Assessment,
        hypothesis: Hypothesis | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.assessment = assessment
        self.original = hypothesis
        self.saved_hypothesis: Hypothesis | None = None
        self.framework: Framework = workspace.framework_for(assessment)
        self.setObjectName("hypothesisDialog")
        self.setWindowTitle("Edit Hypothesis" if hypothesis else "New Hypothesis")
        self.setModal(True)
        self._build_ui()
        self._load(hypothesis)
        self.on_part_changed()

    # --- layout --------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        posed_in = QLabel(f"Posed in: {assessment_label(self.assessment)}")
        posed_in.setObjectName("posedInLabel")
        posed_in.setTextFormat(Qt.TextFormat.PlainText)

        form_box = QGroupBox("The hypothesis")
        form = QVBoxLayout(form_box)
        form.setSpacing(4)
        self.part_edits: dict[str, ParagraphEdit] = {}
        self.part_errors: dict[str, InlineError] = {}
        for name, text, hint in PARTS:
            label = QLabel(
                f"<b>{html.escape(text)}</b>&nbsp;&nbsp;<span style='color:#4b5663'>"
                f"&lt;{html.escape(name)}&gt;</span>"
            )
            label.setTextFormat(Qt.TextFormat.RichText)
            edit = ParagraphEdit(3)
            edit.setObjectName(name.replace(" ", "_") + "_edit")
            edit.setPlaceholderText(hint)
            edit.setAccessibleName(name)
            edit.setToolTip(hint)
            label.setBuddy(edit)
            error = InlineError()
            error.setObjectName(name.replace(" ", "_") + "_error")
            edit.textChanged.connect(self.on_part_changed)
            form.addWidget(label)
            form.addWidget(edit)
            form.addWidget(error)
            form.addSpacing(4)
            self.part_edits[name] = edit
            self.part_errors[name] = error
        self.capability_edit = self.part_edits["product capability"]
        self.outcome_edit = self.part_edits["customer outcome"]
        self.signal_edit = self.part_edits["measurable signal"]

        preview_heading = QLabel("The full sentence, as it will be reported:")
        self.preview_label = QLabel()
        self.preview_label.setObjectName("hypothesisPreview")
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_label.setWordWrap(True)
        self.preview_label.setStyleSheet(PREVIEW_STYLE)
        self.preview_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview_label.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 20)
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.preview_label.setAccessibleName("Preview of the hypothesis")
        form.addSpacing(4)
        form.addWidget(preview_heading)
        form.addWidget(self.preview_label)
        form.addStretch(1)

        areas_box = QGroupBox("&Areas it addresses")
        areas_layout = QVBoxLayout(areas_box)
        self.area_tree = QTreeWidget()
        self.area_tree.setObjectName("areaTree")
        self.area_tree.setHeaderHidden(True)
        self.area_tree.setRootIsDecorated(False)
        self.area_tree.setAccessibleName("Areas it addresses")
        self.area_tree.setMinimumWidth(260)
        self.area_tree.itemChanged.connect(self.on_area_tree_item_changed)
        self.area_error = InlineError()
        self.area_error.setObjectName("areas_error")
        areas_hint = QLabel("Tick one or more; Space ticks the selected area.")
        areas_hint.setWordWrap(True)
        areas_layout.addWidget(self.area_tree, 1)
        areas_layout.addWidget(self.area_error)
        areas_layout.addWidget(areas_hint)
        self._fill_areas()

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(form_box, 3)
        top.addWidget(areas_box, 2)

        follow_box = QGroupBox("Follow-up")
        grid = QGridLayout(follow_box)
        grid.setHorizontalSpacing(10)
        self.owner_edit = QLineEdit()
        self.owner_edit.setObjectName("ownerEdit")
        self.owner_edit.setPlaceholderText("who follows it up")
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusCombo")
        for status in HypothesisStatus:
            self.status_combo.addItem(status_label(status), status)
        self.review_date = OptionalDateField("&Review on", self.assessment.reassessment_due)
        self.review_date.setObjectName("reviewDateField")
        self.review_date.check.setToolTip("Untick for no review date")
        self.evidence_edit = ParagraphEdit(3, return_saves=False)
        self.evidence_edit.setObjectName("evidenceEdit")
        self.evidence_edit.setPlaceholderText(
            "what the signal showed so far, and where it came from"
        )
        self.evidence_edit.setAccessibleName("Evidence seen")
        self.owner_error = InlineError()
        self.evidence_error = InlineError()
        owner_label = QLabel("&Owner:")
        owner_label.setBuddy(self.owner_edit)
        status_label_widget = QLabel("&Status:")
        status_label_widget.setBuddy(self.status_combo)
        evidence_label = QLabel("E&vidence seen:")
        evidence_label.setBuddy(self.evidence_edit)
        grid.addWidget(owner_label, 0, 0)
        grid.addWidget(self.owner_edit, 0, 1)
        grid.addWidget(status_label_widget, 0, 2)
        grid.addWidget(self.status_combo, 0, 3)
        grid.addWidget(self.review_date, 0, 4)
        grid.addWidget(self.owner_error, 1, 1, 1, 4)
        grid.addWidget(evidence_label, 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.evidence_edit, 2, 1, 1, 4)
        grid.addWidget(self.evidence_error, 3, 1, 1, 4)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(4, 1)

        self.general_error = InlineError()
        self.general_error.setObjectName("general_error")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(posed_in)
        layout.addLayout(top, 1)
        layout.addWidget(follow_box)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.resize(980, 660)

    def _fill_areas(self) -> None:
        self.area_tree.blockSignals(True)
        heading_font = QFont(self.font())
        heading_font.setBold(True)
        for dimension in Dimension:
            areas = self.framework.areas_of(dimension)
            if not areas:
                continue
            heading = QTreeWidgetItem([dimension_heading(dimension)])
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            heading.setFont(0, heading_font)
            self.area_tree.addTopLevelItem(heading)
            for area in areas:
                self._add_area_item(heading, area.key, area.name, area.description)
            heading.setExpanded(True)
        self.area_tree.blockSignals(False)

    def _add_area_item(
        self, parent: QTreeWidgetItem, key: str, name: str, tip: str = ""
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [name])
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        item.setCheckState(0, Qt.CheckState.Unchecked)
        item.setData(0, AREA_KEY_ROLE, key)
        if tip:
            item.setToolTip(0, tip)
        return item

    def _area_items(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        for top in range(self.area_tree.topLevelItemCount()):
            heading = self.area_tree.topLevelItem(top)
            if heading is not None:
                items.extend(
                    child
                    for child in (heading.child(row) for row in range(heading.childCount()))
                    if child is not None
                )
        return items

    # --- values --------------------------------------------------------------------------------

    def _load(self, hypothesis: Hypothesis | None) -> None:
        if hypothesis is None:
            self.review_date.set_value(self.assessment.reassessment_due)
            return
        self.capability_edit.setPlainText(hypothesis.capability)
        self.outcome_edit.setPlainText(hypothesis.outcome)
        self.signal_edit.setPlainText(hypothesis.signal)
        self.set_checked_areas(hypothesis.area_keys)
        self.owner_edit.setText(hypothesis.owner)
        self.status_combo.setCurrentIndex(self.status_combo.findData(hypothesis.status))
        self.review_date.set_value(hypothesis.review_date)
        self.evidence_edit.setPlainText(hypothesis.evidence)

    def set_checked_areas(self, keys: tuple[str, ...] | list[str]) -> None:
        """Tick exactly ``keys``; a key this framework no longer has is listed under Other."""
        wanted = list(dict.fromkeys(keys))
        known = {item.data(0, AREA_KEY_ROLE): item for item in self._area_items()}
        missing = [key for key in wanted if key not in known]
        if missing:
            other = QTreeWidgetItem(["Other (not in this assessment's framework)"])
            other.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.area_tree.addTopLevelItem(other)
            for key in missing:
                known[key] = self._add_area_item(other, key, key)
            other.setExpanded(True)
        for key, item in known.items():
            item.setCheckState(
                0, Qt.CheckState.Checked if key in wanted else Qt.CheckState.Unchecked
            )

    def checked_area_keys(self) -> tuple[str, ...]:
        return tuple(
            item.data(0, AREA_KEY_ROLE)
            for item in self._area_items()
            if item.checkState(0) == Qt.CheckState.Checked
        )

    def part(self, name: str) -> str:
        return one_line(self.part_edits[name].text())

    def sentence(self) -> str:
        return hypothesis_sentence(
            self.part("product capability"),
            self.part("customer outcome"),
            self.part("measurable signal"),
        )

    # --- slots ---------------------------------------------------------------------------------

    @Slot()
    def on_part_changed(self) -> None:
        self.preview_label.setText(self.sentence())
        for name, error in self.part_errors.items():
            if not error.isHidden() and self.part(name):
                error.clear()

    @Slot(QTreeWidgetItem, int)
    def on_area_tree_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self.checked_area_keys():
            self.area_error.clear()

    # --- saving --------------------------------------------------------------------------------

    def _clear_errors(self) -> None:
        for error in (
            *self.part_errors.values(),
            self.area_error,
            self.owner_error,
            self.evidence_error,
            self.general_error,
        ):
            error.clear()

    def _show_value_error(self, exc: ValueError) -> QWidget:
        """Put the core's message under the field it is about; return that field."""
        message = str(exc)
        for name, error in self.part_errors.items():
            if message.startswith(name):
                error.show_message(error_sentence(message))
                return self.part_edits[name]
        if message.startswith("owner"):
            self.owner_error.show_message(error_sentence(message))
            return self.owner_edit
        if message.startswith("evidence"):
            self.evidence_error.show_message(error_sentence(message))
            return self.evidence_edit
        self.general_error.show_message(error_sentence(message))
        return self.capability_edit

    def build_hypothesis(self) -> Hypothesis:
        """The core object for what is entered (raises ValueError as the core does)."""
        capability = self.part("product capability")
        outcome = self.part("customer outcome")
        signal = self.part("measurable signal")
        area_keys = self.checked_area_keys()
        owner = self.owner_edit.text().strip()
        status = HypothesisStatus(self.status_combo.currentData())
        review_date = self.review_date.value()
        evidence = self.evidence_edit.toPlainText().strip()
        if self.original is not None:
            return replace(
                self.original,
                capability=capability,
                outcome=outcome,
                signal=signal,
                area_keys=area_keys,
                owner=owner,
                status=status,
                review_date=review_date,
                evidence=evidence,
            )
        return Hypothesis(
            id=new_id(),
            team_id=self.assessment.team_id,
            assessment_id=self.assessment.id,
            capability=capability,
            outcome=outcome,
            signal=signal,
            area_keys=area_keys,
            owner=owner,
            status=status,
            review_date=review_date,
            evidence=evidence,
        )

    def accept(self) -> None:
        self._clear_errors()
        first_problem: QWidget | None = None
        # Every empty part is named at once (with the core's own rule), not one per OK press.
        for name, _text, _hint in PARTS:
            try:
                check_text(name, self.part(name), required=True)
            except ValueError as exc:
                field = self._show_value_error(exc)
                first_problem = first_problem or field
        if not self.checked_area_keys():
            self.area_error.show_message(NO_AREA_MESSAGE)
            first_problem = first_problem or self.area_tree
        if first_problem is None:
            try:
                hypothesis = self.build_hypothesis()
            except ValueError as exc:
                first_problem = self._show_value_error(exc)
        if first_problem is not None:
            first_problem.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        try:
            self.saved_hypothesis = self.workspace.repository.save_hypothesis(hypothesis)
        except Exception as exc:
            show_error(self, exc, "The hypothesis could not be saved.")
            return
        super().accept()
