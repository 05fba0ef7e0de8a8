"""``AssessmentDialog``: plan a new assessment of a team, or edit the details of one.

Details are the date, title, coach, who is in the room (by role), which areas are on the agenda
with their timeboxes, and the next reassessment date. The agenda always runs in the framework's
order. The dialog builds the core objects and saves them when accepted; anything the model
refuses is shown inside the dialog.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.model import (
    REASSESSMENT_MONTHS,
    Area,
    Assessment,
    Dimension,
    Framework,
    ParticipantGroup,
    ScopeItem,
    add_months,
)
from sre_workshop.workflows import plan_assessment
from sre_workshop.workspace import Workspace
from ui.errors import show_error
from ui.library.formatting import describe_minutes
from ui.library.team_dialog import ERROR_STYLE
from ui.models.assessment_model import format_date

DEFAULT_ROLES = ("Development", "Operations", "Product management")
DEFAULT_FRAMEWORK_ID = "sre-maturity"
ROLE, COUNT, NAMES = range(3)
MAX_PARTICIPANTS = 1000
MAX_TIMEBOX = 240
DATE_FORMAT = "d MMM yyyy"


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def date_edit(day: dt.date, parent: QWidget | None = None) -> QDateEdit:
    """A date field with a calendar popup, in the same unambiguous format as the library."""
    edit = QDateEdit(to_qdate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setMaximumDate(QDate(2999, 12, 31))
    return edit


class _CountDelegate(QStyledItemDelegate):
    """Edits a head count with a spin box limited to what the model accepts."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(0, MAX_PARTICIPANTS)
        editor.setFrame(False)
        return editor


@dataclass
class _AreaRow:
    area: Area
    check: QCheckBox
    timebox: QSpinBox


class AssessmentDialog(QDialog):
    """Plan an assessment of ``team_id`` (``assessment`` None) or edit ``assessment``.

    After acceptance ``self.assessment`` is the saved assessment.
    """

    def __init__(
        self,
        workspace: Workspace,
        team_id: str,
        assessment: Assessment | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.team_id = team_id
        self.original = assessment
        self.assessment: Assessment | None = assessment
        self.settings = workspace.repository.load_settings()
        self.setObjectName("assessmentDialog")
        team = workspace.repository.get_team(team_id)
        self.setWindowTitle(
            f"Edit Assessment — {team.name}" if assessment else f"Plan Assessment — {team.name}"
        )

        self._frameworks = self._available_frameworks()
        self.framework = workspace.framework_for(assessment) if assessment else self._frameworks[0]
        self._area_rows: list[_AreaRow] = []
        self.error_label = QLabel()
        self.error_label.setObjectName("dialogError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        # --- details ---------------------------------------------------------------------------
        today = dt.date.today()
        self.date_edit = date_edit(assessment.date if assessment else today)
        self.date_edit.setObjectName("assessmentDate")
        self.title_edit = QLineEdit(assessment.title if assessment else "")
        self.title_edit.setObjectName("assessmentTitle")
        self.title_edit.setPlaceholderText("e.g. Initial SRE assessment")
        self.coach_edit = QLineEdit(assessment.coach if assessment else self.settings.coach_name)
        self.coach_edit.setObjectName("assessmentCoach")
        self.coach_edit.setPlaceholderText("Who facilitates the workshop")

        self.framework_combo = QComboBox()
        self.framework_combo.setObjectName("assessmentFramework")
        for framework in self._frameworks:
            self.framework_combo.addItem(f"{framework.name} {framework.version}", framework.ref)

        self.next_check = QCheckBox("On a &chosen date:")
        self.next_check.setObjectName("nextReassessmentChosen")
        self.next_edit = date_edit(
            (assessment.next_reassessment if assessment else None)
            or add_months(from_qdate(self.date_edit.date()), REASSESSMENT_MONTHS)
        )
        self.next_edit.setObjectName("nextReassessmentDate")
        self.next_default_label = QLabel()
        self.next_default_label.setObjectName("nextReassessmentDefault")
        chosen = bool(assessment and assessment.next_reassessment)
        self.next_check.setChecked(chosen)
        self.next_edit.setEnabled(chosen)
        self.next_default_label.setWordWrap(True)
        next_choice = QHBoxLayout()
        next_choice.addWidget(self.next_check)
        next_choice.addWidget(self.next_edit)
        next_choice.addStretch(1)
        next_row = QVBoxLayout()
        next_row.setSpacing(4)
        next_row.addLayout(next_choice)
        next_row.addWidget(self.next_default_label)

        details = QFormLayout()
        details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        details.addRow(self._label("&Date:", self.date_edit), self._left(self.date_edit))
        details.addRow(self._label("&Title:", self.title_edit), self.title_edit)
        details.addRow(self._label("C&oach:", self.coach_edit), self.coach_edit)
        if assessment is None and len(self._frameworks) > 1:
            details.addRow(
                self._label("&Framework:", self.framework_combo), self._left(self.framework_combo)
            )
        else:
            self.framework_combo.hide()
        if assessment is not None and assessment.compares_with:
            compared = workspace.repository.find_assessment(assessment.compares_with)
            details.addRow(
                "Compared with:",
                QLabel(format_date(compared.date) if compared else "a deleted assessment"),
            )
        details.addRow(QLabel("Next reassessment:"), next_row)
        details_box = QGroupBox("Details")
        details_box.setLayout(details)

        # --- participants ----------------------------------------------------------------------
        self.participants_table = QTableWidget(0, 3)
        self.participants_table.setObjectName("participantsTable")
        self.participants_table.setHorizontalHeaderLabels(["Role", "People", "Names"])
        self.participants_table.verticalHeader().hide()
        self.participants_table.setItemDelegateForColumn(COUNT, _CountDelegate(self))
        self.participants_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.participants_table.setTabKeyNavigation(False)
        self.participants_table.setWordWrap(False)
        header = self.participants_table.horizontalHeader()
        header.setSectionResizeMode(ROLE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COUNT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAMES, QHeaderView.ResizeMode.Stretch)
        self.participants_table.setColumnWidth(ROLE, 160)
        self.participants_table.horizontalHeaderItem(NAMES).setToolTip(
            "Optional: who comes from this role, for the report"
        )
        self.participants_table.setMinimumHeight(
            self.participants_table.horizontalHeader().sizeHint().height()
            + 4 * self.participants_table.verticalHeader().defaultSectionSize()
            + 4
        )
        groups = assessment.participants if assessment and assessment.participants else ()
        for group in groups or tuple(ParticipantGroup(role, 0) for role in DEFAULT_ROLES):
            self.add_participant_row(group.role, group.count, group.names)

        self.add_role_button = QPushButton("Add &Role")
        self.add_role_button.clicked.connect(self.on_add_role_button_clicked)
        self.remove_role_button = QPushButton("Remo&ve Role")
        self.remove_role_button.clicked.connect(self.on_remove_role_button_clicked)
        self.participants_total = QLabel()
        self.participants_table.itemChanged.connect(self.on_participants_table_item_changed)
        role_buttons = QHBoxLayout()
        role_buttons.addWidget(self.add_role_button)
        role_buttons.addWidget(self.remove_role_button)
        role_buttons.addStretch(1)
        role_buttons.addWidget(self.participants_total)
        participants_box = QGroupBox("&Participants by role")
        participants_layout = QVBoxLayout(participants_box)
        participants_layout.addWidget(self.participants_table)
        participants_layout.addLayout(role_buttons)

        # --- scope -----------------------------------------------------------------------------
        self.scope_container = QWidget()
        self.scope_layout = QHBoxLayout(self.scope_container)
        self.scope_layout.setContentsMargins(0, 0, 0, 0)
        self.scope_total = QLabel()
        self.scope_total.setObjectName("scopeTotal")
        scope_hint = QLabel("The workshop walks the chosen areas in this order.")
        scope_hint.setWordWrap(True)
        scope_box = QGroupBox("Areas in &scope and their timeboxes")
        scope_layout = QVBoxLayout(scope_box)
        scope_layout.addWidget(scope_hint)
        scope_layout.addWidget(self.scope_container)
        scope_layout.addWidget(self.scope_total)
        self._build_scope(assessment.scope if assessment else None)

        # --- buttons ---------------------------------------------------------------------------
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Save" if assessment else "Plan Assessment")
        ok.setEnabled(not workspace.read_only)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        body = QWidget()
        # Details and people on the left, the agenda on the right: the whole plan fits on a
        # 1366x768 laptop screen without scrolling.
        left_column = QVBoxLayout()
        left_column.setSpacing(12)
        left_column.addWidget(details_box)
        left_column.addWidget(participants_box, 1)
        body_layout = QHBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(14)
        body_layout.addLayout(left_column, 4)
        body_layout.addWidget(scope_box, 6)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.date_edit.dateChanged.connect(self.on_date_edit_date_changed)
        self.next_check.toggled.connect(self.on_next_check_toggled)
        self.framework_combo.currentIndexChanged.connect(self.on_framework_combo_changed)
        self.on_date_edit_date_changed(self.date_edit.date())
        self._update_participants_total()
        self._fit_to_screen(1120, 640)
        self.date_edit.setFocus()

    # --- building ------------------------------------------------------------------------------

    def _fit_to_screen(self, width: int, height: int) -> None:
        """The preferred size, but never larger than the screen (a 1366x768 laptop)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 40)
        self.resize(width, height)

    def _available_frameworks(self) -> list[Framework]:
        """The newest version of each installed framework, the built-in one first."""
        latest: dict[str, Framework] = {}
        for framework in self.workspace.frameworks.all():
            latest[framework.id] = framework  # all() sorts versions ascending
        ordered = sorted(latest.values(), key=lambda item: item.id != DEFAULT_FRAMEWORK_ID)
        if not ordered:
            raise ValueError("no assessment framework is installed")
        return ordered

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    @staticmethod
    def _left(widget: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(widget)
        row.addStretch(1)
        return row

    def _build_scope(self, scope: Sequence[ScopeItem] | None) -> None:
        """One group per dimension, each area a check box and a timebox, in framework order."""
        while self.scope_layout.count():
            item = self.scope_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._area_rows = []
        chosen = {item.area_key: item.timebox_minutes for item in scope} if scope else None
        default = self.settings.default_timebox_minutes
        for dimension in Dimension:
            areas = self.framework.areas_of(dimension)
            if not areas:
                continue
            kind = "Westrum aspects" if dimension is Dimension.CULTURE else "process areas"
            group = QGroupBox(f"{dimension.label} — {len(areas)} {kind}")
            group.setObjectName(f"scope-{dimension.value}")
            grid = QGridLayout(group)
            grid.setHorizontalSpacing(10)
            grid.setColumnStretch(0, 1)
            all_button = QPushButton("All")
            all_button.setObjectName(f"scopeAll-{dimension.value}")
            all_button.setToolTip(f"Put every {dimension.label.lower()} area on the agenda")
            none_button = QPushButton("None")
            none_button.setObjectName(f"scopeNone-{dimension.value}")
            none_button.setToolTip(f"Take every {dimension.label.lower()} area off the agenda")
            buttons = QHBoxLayout()
            buttons.addWidget(all_button)
            buttons.addWidget(none_button)
            buttons.addStretch(1)
            grid.addLayout(buttons, 0, 0, 1, 2)
            rows: list[_AreaRow] = []
            for position, area in enumerate(areas, start=1):
                check = QCheckBox(area.name)
                check.setObjectName(f"scope:{area.key}")
                check.setToolTip(area.description)
                check.setChecked(chosen is None or area.key in chosen)
                timebox = QSpinBox()
                timebox.setObjectName(f"timebox:{area.key}")
                timebox.setRange(0, MAX_TIMEBOX)
                timebox.setSuffix(" min")
                timebox.setAccessibleName(f"Timebox for {area.name}")
                timebox.setValue(chosen.get(area.key, default) if chosen else default)
                timebox.setEnabled(check.isChecked())
                check.toggled.connect(timebox.setEnabled)
                check.toggled.connect(self.on_scope_changed)
                timebox.valueChanged.connect(self.on_scope_changed)
                grid.addWidget(check, position, 0)
                grid.addWidget(timebox, position, 1)
                rows.append(_AreaRow(area, check, timebox))
            grid.setRowStretch(len(areas) + 1, 1)
            all_button.clicked.connect(lambda _=False, r=rows: self._check_all(r, True))
            none_button.clicked.connect(lambda _=False, r=rows: self._check_all(r, False))
            self._area_rows.extend(rows)
            self.scope_layout.addWidget(group, 1)
        self.on_scope_changed()

    @staticmethod
    def _check_all(rows: Sequence[_AreaRow], checked: bool) -> None:
        for row in rows:
            row.check.setChecked(checked)

    def add_participant_row(self, role: str = "", count: int = 0, names: str = "") -> int:
        table = self.participants_table
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, ROLE, QTableWidgetItem(role))
        count_item = QTableWidgetItem()
        count_item.setData(Qt.ItemDataRole.EditRole, count)
        count_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        table.setItem(row, COUNT, count_item)
        table.setItem(row, NAMES, QTableWidgetItem(names))
        return row

    # --- reading the fields --------------------------------------------------------------------

    def area_check(self, area_key: str) -> QCheckBox:
        return next(row.check for row in self._area_rows if row.area.key == area_key)

    def area_timebox(self, area_key: str) -> QSpinBox:
        return next(row.timebox for row in self._area_rows if row.area.key == area_key)

    def scope(self) -> tuple[ScopeItem, ...]:
        """The chosen areas in framework order (the agenda order)."""
        return tuple(
            ScopeItem(row.area.key, row.timebox.value())
            for row in self._area_rows
            if row.check.isChecked()
        )

    def participants(self) -> tuple[ParticipantGroup, ...]:
        """Filled rows as groups; rows left entirely empty (or zero) are skipped.

        Raises ValueError (from the model) for a row with people but no role.
        """
        groups = []
        table = self.participants_table
        for row in range(table.rowCount()):
            role = self._cell_text(row, ROLE).strip()
            names = self._cell_text(row, NAMES).strip()
            count = self._cell_count(row)
            if not role and not names and count == 0:
                continue
            if not count and not names:
                continue  # a role nobody comes from
            if not role:
                raise ValueError(f"Row {row + 1} of the participants has people but no role.")
            groups.append(ParticipantGroup(role, count, names))
        return tuple(groups)

    def _cell_text(self, row: int, column: int) -> str:
        item = self.participants_table.item(row, column)
        return item.text() if item is not None else ""

    def _cell_count(self, row: int) -> int:
        item = self.participants_table.item(row, COUNT)
        value = item.data(Qt.ItemDataRole.EditRole) if item is not None else 0
        try:
            return int(value or 0)
        except (TypeError, ValueError):
            raise ValueError(
                f"Row {row + 1} of the participants: the number of people must be a whole number."
            ) from None

    def next_reassessment(self) -> dt.date | None:
        return from_qdate(self.next_edit.date()) if self.next_check.isChecked() else None

    # --- slots ---------------------------------------------------------------------------------

    @Slot(QDate)
    def on_date_edit_date_changed(self, day: QDate) -> None:
        default = add_months(from_qdate(day), REASSESSMENT_MONTHS)
        self.next_default_label.setText(f"Default: six months after: {format_date(default)}")
        if not self.next_check.isChecked():
            self.next_edit.setDate(to_qdate(default))

    @Slot(bool)
    def on_next_check_toggled(self, checked: bool) -> None:
        self.next_edit.setEnabled(checked)
        self.next_default_label.setEnabled(not checked)
        if checked:
            self.next_edit.setFocus()
        else:
            self.on_date_edit_date_changed(self.date_edit.date())

    @Slot(int)
    def on_framework_combo_changed(self, index: int) -> None:
        if 0 <= index < len(self._frameworks):
            self.framework = self._frameworks[index]
            self._build_scope(None)

    @Slot()
    def on_scope_changed(self) -> None:
        scope = self.scope()
        minutes = sum(item.timebox_minutes for item in scope)
        self.scope_total.setText(
            f"{len(scope)} of {len(self._area_rows)} areas on the agenda, "
            f"{describe_minutes(minutes)} in total"
        )
        self.error_label.hide()

    @Slot()
    def on_add_role_button_clicked(self) -> None:
        row = self.add_participant_row()
        self.participants_table.setCurrentCell(row, ROLE)
        self.participants_table.editItem(self.participants_table.item(row, ROLE))

    @Slot()
    def on_remove_role_button_clicked(self) -> None:
        rows = sorted(
            {index.row() for index in self.participants_table.selectedIndexes()}, reverse=True
        ) or (
            [self.participants_table.currentRow()]
            if self.participants_table.currentRow() >= 0
            else []
        )
        for row in rows:
            self.participants_table.removeRow(row)
        self._update_participants_total()

    @Slot(QTableWidgetItem)
    def on_participants_table_item_changed(self, _item: QTableWidgetItem) -> None:
        self._update_participants_total()
        self.error_label.hide()

    def _update_participants_total(self) -> None:
        total = 0
        for row in range(self.participants_table.rowCount()):
            with contextlib.suppress(ValueError):
                total += self._cell_count(row)
        self.participants_total.setText(f"{total} people in the room" if total else "")

    # --- saving --------------------------------------------------------------------------------

    def show_problem(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def accept(self) -> None:
        try:
            participants = self.participants()
            scope = self.scope()
            if not scope:
                raise ValueError("Choose at least one area for the agenda.")
            date = from_qdate(self.date_edit.date())
            next_date = self.next_reassessment()
            if next_date is not None and next_date <= date:
                raise ValueError("The next reassessment must come after the assessment.")
            title, coach = self.title_edit.text().strip(), self.coach_edit.text().strip()
            repository = self.workspace.repository
            if self.original is None:
                with repository.transaction():
                    planned = plan_assessment(
                        self.workspace,
                        self.team_id,
                        date=date,
                        framework=self.framework,
                        coach=coach,
                        participants=participants,
                        scope=scope,
                        title=title,
                    )
                    if next_date is not None:
                        planned = repository.update_assessment(
                            replace(planned, next_reassessment=next_date)
                        )
                self.assessment = planned
            else:
                self.assessment = repository.update_assessment(
                    replace(
                        self.original,
                        date=date,
                        title=title,
                        coach=coach,
                        participants=participants,
                        scope=scope,
                        next_reassessment=next_date,
                    )
                )
        except ValueError as exc:
            text = str(exc)
            self.show_problem(text[:1].upper() + text[1:])
            return
        except Exception as exc:
            show_error(self, exc, "The assessment could not be saved.")
            return
        super().accept()
