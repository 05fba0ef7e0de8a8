"""``SettingsDialog``: the preferences the app and the command line share, stored by the core.

Coach name, default timebox per area, reports folder, the comparison dead band and the minimum
number of votes before a vote distribution is shown. Saved with
``workspace.repository.save_settings`` on OK; a value the core refuses is shown in the dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.model import Settings
from sre_workshop.workspace import Workspace
from ui.errors import show_error
from ui.library.team_dialog import ERROR_STYLE


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * 0.92)
    label.setFont(font)
    return label


class SettingsDialog(QDialog):
    """Edit the core ``Settings``; ``exec()`` returns Accepted once they are saved."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.setMinimumWidth(660)
        self.saved: Settings | None = None
        try:
            current = workspace.repository.load_settings()
        except Exception as exc:  # a damaged value: start from the defaults, say why
            show_error(self, exc, "The stored settings could not be read; showing the defaults.")
            current = Settings()

        self.coach_edit = QLineEdit(current.coach_name)
        self.coach_edit.setObjectName("coachName")
        self.coach_edit.setPlaceholderText("Your name, proposed for every new assessment")

        self.timebox_spin = QSpinBox()
        self.timebox_spin.setObjectName("defaultTimebox")
        self.timebox_spin.setRange(0, 240)
        self.timebox_spin.setSuffix(" min")
        self.timebox_spin.setValue(current.default_timebox_minutes)

        self.reports_edit = QLineEdit(current.reports_folder)
        self.reports_edit.setObjectName("reportsFolder")
        self.reports_edit.setPlaceholderText(str(workspace.paths.default_reports))
        self.reports_edit.setToolTip("Leave empty to use the reports folder in the data folder.")
        self.choose_button = QPushButton("C&hoose…")
        self.choose_button.setObjectName("chooseReportsFolder")
        self.choose_button.clicked.connect(self.on_choose_button_clicked)
        reports_row = QHBoxLayout()
        reports_row.addWidget(self.reports_edit, 1)
        reports_row.addWidget(self.choose_button)

        self.dead_band_spin = QDoubleSpinBox()
        self.dead_band_spin.setObjectName("deadBand")
        self.dead_band_spin.setRange(0.0, 4.0)
        self.dead_band_spin.setSingleStep(0.25)
        self.dead_band_spin.setDecimals(2)
        self.dead_band_spin.setSuffix(" levels")
        self.dead_band_spin.setValue(current.dead_band)

        self.min_votes_spin = QSpinBox()
        self.min_votes_spin.setObjectName("minVotesToShow")
        self.min_votes_spin.setRange(0, 10)
        self.min_votes_spin.setValue(min(current.min_votes_to_show, 10))
        self.min_votes_spin.setSpecialValueText("0 (always show)")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(10)
        form.addRow(self._label("&Coach name:", self.coach_edit), self.coach_edit)
        form.addRow(
            self._label("Default &timebox per area:", self.timebox_spin),
            self._left(self.timebox_spin),
        )
        form.addRow(self._label("&Reports folder:", self.reports_edit), reports_row)
        form.addRow(
            self._label("Comparison &dead band:", self.dead_band_spin),
            self._left(self.dead_band_spin),
        )
        form.addRow(
            "",
            _hint(
                "A change in level smaller than this counts as stagnating, not as progressing "
                "or regressing."
            ),
        )
        form.addRow(
            self._label("&Hide vote distributions with fewer than:", self.min_votes_spin),
            self._left(self.min_votes_spin, " votes"),
        )
        form.addRow("", _hint("So that few voters cannot be told apart; 0 always shows them."))

        self.error_label = QLabel()
        self.error_label.setObjectName("dialogError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        if workspace.read_only:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            self.show_problem("The database is open read-only, so settings cannot be changed.")

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    @staticmethod
    def _left(widget: QWidget, after: str = "") -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(widget)
        if after:
            row.addWidget(QLabel(after))
        row.addStretch(1)
        return row

    def settings(self) -> Settings:
        """The settings as currently entered (not yet validated by the core)."""
        return Settings(
            coach_name=self.coach_edit.text().strip(),
            default_timebox_minutes=self.timebox_spin.value(),
            reports_folder=self.reports_edit.text().strip(),
            dead_band=round(self.dead_band_spin.value(), 2),
            min_votes_to_show=self.min_votes_spin.value(),
        )

    def show_problem(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    @Slot()
    def on_choose_button_clicked(self) -> None:
        start = self.reports_edit.text().strip() or str(self.workspace.paths.default_reports)
        if not Path(start).expanduser().is_dir():
            start = str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Choose the reports folder", start)
        if folder:
            self.reports_edit.setText(folder)

    def accept(self) -> None:
        try:
            self.saved = self.workspace.repository.save_settings(self.settings())
        except ValueError as exc:
            text = str(exc)
            self.show_problem(f"{text[:1].upper()}{text[1:]}.")
            return
        except Exception as exc:
            show_error(self, exc, "The settings could not be saved.")
            return
        super().accept()
