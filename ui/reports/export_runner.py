"""Exporting a PDF report from the app: ask, build and write off the GUI thread, then tell.

:class:`ReportExporter` shows :class:`~ui.reports.export_dialog.ReportExportDialog`, then runs
the core's ``export_report`` in Qt's thread pool (:func:`ui.workers.run_in_background`) behind
a busy progress dialog, so the window keeps repainting and its timers keep running while
reportlab and matplotlib work (one to three seconds). When the report is written it opens the
PDF if the coach asked for that and says where the file is, with Open and Show in Folder
buttons. When it is not (a read-only folder, a full disk, a name already taken, a database that
cannot record it) the coach reads why, naming the path; the core guarantees that no partial
file is left and nothing is recorded then.

:func:`run_export` is the worker's part: plain Python, no Qt.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog, QWidget

from sre_workshop.model import ReportRecord
from sre_workshop.workflows import CompareWith, compare_target
from sre_workshop.workspace import Workspace
from ui.errors import show_error
from ui.reports.export_dialog import ReportExportDialog, ReportRequest, label
from ui.reports.files import open_report_file, show_report_folder
from ui.workers import run_in_background

log = logging.getLogger(__name__)

#: Message boxes wide enough for a report's file name on one line (they wrap at hyphens).
_ROOMY_BOX = "QLabel#qt_msgbox_label { min-width: 30em; }"


def run_export(workspace: Workspace, request: ReportRequest) -> ReportRecord:
    """Build, write and record the report (runs on a worker thread; no Qt here)."""
    from sre_workshop import report
    from sre_workshop.report.files import available_path, report_file_name

    out: Path | None = None
    if request.folder is not None:
        assessment = workspace.repository.get_assessment(request.assessment_id)
        team = workspace.repository.get_team(assessment.team_id)
        name = report_file_name(team.name, assessment.date, label(request.preset, request.sections))
        out = available_path(request.folder, name)
    return report.export_report(
        workspace,
        request.assessment_id,
        compare_id=request.compare_id,
        preset=request.preset,
        sections=request.sections,
        out=out,
    )


def compared_id(workspace: Workspace, assessment_id: str, compare_with: CompareWith) -> str | None:
    """The assessment the results view compares ``assessment_id`` with, as the core picks it."""
    assessment = workspace.repository.get_assessment(assessment_id)
    target = compare_target(workspace, assessment, compare_with)
    return target.id if target is not None else None


class ReportExporter(QObject):
    """Asks what to export, exports off the GUI thread, opens or shows the result."""

    #: A report was written and recorded: the core's ``ReportRecord``.
    report_exported = Signal(object)
    #: An export failed (the exception; the coach has been told).
    export_failed = Signal(object)

    def __init__(self, workspace: Workspace, settings: QSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._settings = settings
        self._parent = parent
        self._progress: QProgressDialog | None = None

    def is_running(self) -> bool:
        return self._progress is not None

    def ask_and_export(self, assessment_id: str, compare_with: CompareWith) -> None:
        """Show the export dialog for an assessment compared as the results view compares it."""
        if self.is_running():
            QMessageBox.information(
                self._parent, "Report in progress", "Wait until the report being written is ready."
            )
            return
        try:
            compare_id = compared_id(self._workspace, assessment_id, compare_with)
            dialog = ReportExportDialog(
                self._workspace,
                assessment_id,
                compare_id,
                self._parent,
                settings=self._settings,
                compare_with=compare_with,
            )
        except Exception as exc:
            show_error(self._parent, exc, "The report cannot be made.")
            return
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            request = dialog.request() if accepted else None
        finally:
            dialog.deleteLater()
        if request is not None:
            self.start(request)

    def start(self, request: ReportRequest) -> None:
        """Export ``request`` in the background behind a busy progress dialog."""
        progress = QProgressDialog(
            f"Writing the PDF report of {request.description}…", "", 0, 0, self._parent
        )
        progress.setObjectName("reportExportProgress")
        progress.setWindowTitle("Exporting PDF Report")
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setMinimumWidth(420)
        progress.show()
        self._progress = progress
        run_in_background(
            lambda: run_export(self._workspace, request),
            lambda record: self._on_done(request, record),
            lambda exc: self._on_failed(request, exc),
        )

    # --- results, on the GUI thread ----------------------------------------------------------

    def _finish(self) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None

    def _on_done(self, request: ReportRequest, record: ReportRecord) -> None:
        self._finish()
        path = Path(record.path)
        log.info("report written: %s", path)
        opened = request.open_when_done and open_report_file(self._parent, path)
        self.report_exported.emit(record)
        self._tell_ready(request, path, opened)

    def _on_failed(self, request: ReportRequest, exc: BaseException) -> None:
        self._finish()
        from sre_workshop.report import ReportError, WriteError

        context = f"The report of {request.description} was not written."
        if isinstance(exc, ReportError | WriteError):
            # Expected problems with the file (full disk, read-only folder, name taken): the
            # message names the path and the reason, and nothing was left behind.
            log.warning("report not written: %s", exc)
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "The report was not written",
                f"{context}\n\n{exc}",
                QMessageBox.StandardButton.Ok,
                self._parent,
            )
            box.setObjectName("errorDialog")
            box.setStyleSheet(_ROOMY_BOX)
            box.exec()
            box.deleteLater()
        else:
            show_error(self._parent, exc, context)
        self.export_failed.emit(exc)

    def _tell_ready(self, request: ReportRequest, path: Path, opened: bool) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Report ready",
            f"The report of {html.escape(request.description)} is saved as "
            f"<b>{html.escape(path.name)}</b>"
            f"<br>in {html.escape(str(path.parent))}",
            QMessageBox.StandardButton.NoButton,
            self._parent,
        )
        box.setObjectName("reportReadyDialog")
        box.setStyleSheet(_ROOMY_BOX)
        box.setTextFormat(Qt.TextFormat.RichText)
        if opened:
            box.setInformativeText("It is open in your PDF viewer.")
        open_button = box.addButton("&Open", QMessageBox.ButtonRole.AcceptRole)
        folder_button = box.addButton("Show in &Folder", QMessageBox.ButtonRole.ActionRole)
        close_button = box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(close_button if opened else open_button)
        box.setEscapeButton(close_button)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is open_button:
            open_report_file(self._parent, path)
        elif clicked is folder_button:
            show_report_folder(self._parent, path)
