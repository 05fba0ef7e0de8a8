"""``ReportExportDialog``: what goes into a PDF report of one assessment, and where it goes.

The coach picks a kind of report (the full record, or the stakeholder summary without the
facilitator's notes), ticks sections on and off (choosing a kind ticks them all again), may
save this one report in another folder than Settings' reports folder, and says whether the PDF
should open when it is ready (remembered in QSettings under ``reports/open_when_done``). The
dialog only asks; :mod:`ui.reports.export_runner` does the export off the GUI thread.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, Slot
from PySide6.QtGui import QFont, QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.model import Assessment
from sre_workshop.report import PRESETS, SECTION_TITLES, SECTIONS
from sre_workshop.report.files import available_path, report_file_name
from sre_workshop.workflows import CompareWith
from sre_workshop.workspace import Workspace
from ui.library.team_dialog import ERROR_STYLE
from ui.models.assessment_model import display_title, format_date
from ui.results.formatting import muted_colour
from ui.ui_state import ui_settings

#: QSettings key of the "Open the PDF when it is ready" choice.
OPEN_WHEN_DONE_KEY = "reports/open_when_done"

PRESET_LABELS = {
    "full": "&Full report",
    "summary": "&Stakeholder summary (without the facilitator's notes)",
}
PRESET_HINTS = {
    "full": "Your complete record: every question's notes, quick answers and follow-up flags, "
    "and the participants' names.",
    "summary": "For stakeholders: what the room agreed (levels, rationales, tallies, "
    "hypotheses, actions) without the notes, and head counts instead of names.",
}
_COMPARE_NOUNS = {CompareWith.ORIGINAL: "original", CompareWith.PREVIOUS: "previous"}


@dataclass(frozen=True)
class ReportRequest:
    """Everything an export needs, as plain values (it crosses to a worker thread)."""

    assessment_id: str
    compare_id: str | None
    preset: str
    sections: tuple[str, ...]
    #: Another folder for this export only; None: Settings' reports folder.
    folder: Path | None
    open_when_done: bool
    #: ``Team, 1 Mar 2026``: for progress and messages.
    description: str


def label(preset: str, sections: tuple[str, ...]) -> str:
    """The preset part of the file name: ``full``, or ``full-custom`` for ticked sections."""
    return preset if sections == PRESETS[preset] else f"{preset}-custom"


class ReportExportDialog(QDialog):
    """Ask for the kind, the sections, the folder and whether to open the PDF afterwards."""

    def __init__(
        self,
        workspace: Workspace,
        assessment_id: str,
        compare_id: str | None,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        compare_with: CompareWith | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.assessment_id = assessment_id
        self.compare_id = compare_id
        self.settings = settings if settings is not None else ui_settings(None)
        repository = workspace.repository
        self.assessment = repository.get_assessment(assessment_id)
        self.team = repository.get_team(self.assessment.team_id)
        compared = repository.find_assessment(compare_id) if compare_id else None
        self._folder: Path | None = None

        self.setObjectName("reportExportDialog")
        self.setWindowTitle(f"Export PDF Report — {self.team.name}")

        intro = QLabel(self._intro_html(compared, compare_with), self)
        intro.setObjectName("reportExportIntro")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setMinimumWidth(560)  # sets the dialog's width; the wrapped texts follow

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        # The dialog takes the height its wrapped texts need, also when the problem line
        # appears or goes (a free size squeezes word-wrapped labels instead).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addWidget(intro)
        layout.addWidget(self._build_presets())
        layout.addWidget(self._build_sections())
        layout.addWidget(self._build_folder())

        self.open_check = QCheckBox("&Open the PDF when it is ready", self)
        self.open_check.setObjectName("reportOpenWhenDone")
        self.open_check.setChecked(bool(self.settings.value(OPEN_WHEN_DONE_KEY, True, type=bool)))
        layout.addWidget(self.open_check)

        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("dialogError")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(ERROR_STYLE)
        self.problem_label.hide()
        layout.addWidget(self.problem_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText("&Export")
        self.export_button.setObjectName("reportExportButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.set_preset("full")
        self._update()
        self.export_button.setFocus()

    # --- building ----------------------------------------------------------------------------

    def _intro_html(self, compared: Assessment | None, compare_with: CompareWith | None) -> str:
        what = html.escape(
            f"{display_title(self.assessment)} of {format_date(self.assessment.date)}"
        )
        text = f"A PDF report of <b>{html.escape(self.team.name)}</b>, {what}"
        if compared is not None:
            noun = f"the {_COMPARE_NOUNS[compare_with]} assessment" if compare_with else ""
            title = html.escape(display_title(compared))
            when = format_date(compared.date)
            text += (
                f", compared with {noun} ({title} of {when})."
                if noun
                else f", compared with {title} of {when}."
            )
        else:
            text += ". It is the team's first assessment, so there is nothing to compare with."
        return text

    def _build_presets(self) -> QGroupBox:
        box = QGroupBox("Kind of report", self)
        layout = QVBoxLayout(box)
        layout.setSpacing(2)
        self.preset_group = QButtonGroup(self)
        self.preset_radios: dict[str, QRadioButton] = {}
        for preset in PRESETS:
            radio = QRadioButton(PRESET_LABELS.get(preset, preset), box)
            radio.setObjectName(f"reportPreset{preset.capitalize()}")
            radio.setProperty("preset", preset)
            radio.setToolTip(PRESET_HINTS.get(preset, ""))
            self.preset_group.addButton(radio)
            self.preset_radios[preset] = radio
            hint = QLabel(PRESET_HINTS.get(preset, ""), box)
            hint.setWordWrap(True)
            indicator = radio.style().pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth)
            hint.setIndent(indicator + 8)
            _muted(hint)
            layout.addWidget(radio)
            layout.addWidget(hint)
            layout.addSpacing(4)
        self.preset_group.buttonClicked.connect(self.on_preset_group_button_clicked)
        return box

    def _build_sections(self) -> QGroupBox:
        box = QGroupBox("Sections", self)
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(4)
        self.section_checks: dict[str, QCheckBox] = {}
        rows = (len(SECTIONS) + 1) // 2
        for position, section in enumerate(SECTIONS):
            check = QCheckBox(SECTION_TITLES[section], box)
            check.setObjectName(f"reportSection_{section}")
            check.toggled.connect(self.on_section_check_toggled)
            self.section_checks[section] = check
            grid.addWidget(check, position % rows, position // rows)
        grid.setColumnStretch(2, 1)
        return box

    def _build_folder(self) -> QGroupBox:
        box = QGroupBox("Save in", self)
        layout = QVBoxLayout(box)
        layout.setSpacing(4)
        row = QHBoxLayout()
        self.folder_label = _ElidedLabel(box)
        self.folder_label.setObjectName("reportFolder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change_button = QPushButton("C&hange…", box)
        self.change_button.setObjectName("reportChangeFolder")
        self.change_button.setToolTip(
            "Save this report in another folder (Settings stay as they are)"
        )
        self.change_button.clicked.connect(self.on_change_button_clicked)
        self.reset_button = QPushButton("Use &Reports Folder", box)
        self.reset_button.setObjectName("reportResetFolder")
        self.reset_button.setToolTip("Save in the reports folder from Settings again")
        self.reset_button.clicked.connect(self.on_reset_button_clicked)
        row.addWidget(self.folder_label, 1)
        row.addWidget(self.change_button)
        row.addWidget(self.reset_button)
        self.folder_note = QLabel(box)
        self.folder_note.setObjectName("reportFolderNote")
        self.folder_note.setWordWrap(True)
        _muted(self.folder_note)
        layout.addLayout(row)
        layout.addWidget(self.folder_note)
        return box

    # --- the coach's choices -----------------------------------------------------------------

    def preset(self) -> str:
        checked = self.preset_group.checkedButton()
        value = checked.property("preset") if checked is not None else None
        return value if isinstance(value, str) else "full"

    def set_preset(self, preset: str) -> None:
        """Choose a kind of report; its sections are ticked (all of them, for both kinds)."""
        self.preset_radios[preset].setChecked(True)
        chosen = set(PRESETS[preset])
        for section, check in self.section_checks.items():
            check.blockSignals(True)
            check.setChecked(section in chosen)
            check.blockSignals(False)
        self._update()

    def sections(self) -> tuple[str, ...]:
        return tuple(section for section in SECTIONS if self.section_checks[section].isChecked())

    def set_section(self, section: str, on: bool) -> None:
        self.section_checks[section].setChecked(on)

    def folder(self) -> Path:
        """Where the report goes: the folder chosen for this export, else Settings' folder."""
        return self._folder if self._folder is not None else self.workspace.reports_dir

    def set_folder(self, folder: Path | None) -> None:
        """Another folder for this export only (None or the reports folder: Settings' one)."""
        if folder is not None and _same_folder(folder, self.workspace.reports_dir):
            folder = None
        self._folder = folder
        self._update()

    def open_when_done(self) -> bool:
        return self.open_check.isChecked()

    def file_name(self) -> str:
        """The name the report will get (a free one: ``-2``, ``-3``… when taken)."""
        sections = self.sections() or PRESETS[self.preset()]
        name = report_file_name(
            self.team.name, self.assessment.date, label(self.preset(), sections)
        )
        folder = self.folder()
        try:
            return available_path(folder, name).name if folder.is_dir() else name
        except Exception:  # a full folder: the export itself will say so
            return name

    def request(self) -> ReportRequest:
        return ReportRequest(
            assessment_id=self.assessment_id,
            compare_id=self.compare_id,
            preset=self.preset(),
            sections=self.sections(),
            folder=self._folder,
            open_when_done=self.open_when_done(),
            description=f"{self.team.name}, {format_date(self.assessment.date)}",
        )

    def accept(self) -> None:
        if not self.sections():
            return
        self.settings.setValue(OPEN_WHEN_DONE_KEY, self.open_when_done())
        super().accept()

    # --- keeping it consistent ---------------------------------------------------------------

    def _update(self) -> None:
        folder = self.folder()
        self.folder_label.set_full_text(str(folder))
        self.folder_label.setToolTip(str(folder))
        self.reset_button.setVisible(self._folder is not None)
        where = (
            "For this report only; Settings keep the reports folder."
            if self._folder is not None
            else "The reports folder from Settings."
        )
        self.folder_note.setText(f"{where}\nFile name: {self.file_name()}")
        problem = ""
        if self.workspace.read_only:
            problem = (
                "This database is open read-only, so a report could not be recorded. "
                "Open it with the newer SRE Workshop that wrote it to export reports."
            )
        elif not self.sections():
            problem = "Tick at least one section."
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.export_button.setEnabled(not problem)

    @Slot(QAbstractButton)
    def on_preset_group_button_clicked(self, button: QAbstractButton) -> None:
        preset = button.property("preset")
        if isinstance(preset, str):
            self.set_preset(preset)

    @Slot(bool)
    def on_section_check_toggled(self, _checked: bool) -> None:
        self._update()

    @Slot()
    def on_change_button_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Save This Report In", str(self.folder()))
        if chosen:
            self.set_folder(Path(chosen))

    @Slot()
    def on_reset_button_clicked(self) -> None:
        self.set_folder(None)


class _ElidedLabel(QLabel):
    """A path that shortens in the middle (``/home/…/reports``) instead of widening the dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setMinimumWidth(120)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        # Never ask for the whole path's width: a deep folder must not widen the dialog.
        hint = super().sizeHint()
        return QSize(min(hint.width(), 320), hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(120, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = QFontMetrics(self.font())
        self.setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideMiddle, self.width()))


def _muted(label: QLabel) -> None:
    """Secondary text: a little smaller and muted, like the results view's notes."""
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 0.92)
    label.setFont(font)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, muted_colour(palette))
    label.setPalette(palette)


def _same_folder(first: Path, second: Path) -> bool:
    try:
        return first.expanduser().resolve() == second.expanduser().resolve()
    except OSError:
        return first == second
