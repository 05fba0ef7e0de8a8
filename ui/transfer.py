"""Moving data between laptops from the menus: export bundles and CSV, import bundles.

The core does the work (validation, atomic writes, one-transaction imports after a backup);
this module asks for file names, runs the work off the GUI thread and tells the coach what
happened in plain words.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from sre_workshop.workspace import Workspace
from ui.errors import show_error
from ui.workers import run_in_background

log = logging.getLogger(__name__)

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def suggested_file_name(*parts: str, suffix: str) -> str:
    """A file name made of the given parts, safe on every platform."""
    text = "_".join(part.strip() for part in parts if part.strip())
    text = _UNSAFE.sub("-", text).strip(" .-")[:80] or "sre-workshop"
    return f"{text}{suffix}"


class TransferActions(QObject):
    """The File menu's export and import actions."""

    #: Emitted after an import that changed data, with the summary shown to the coach.
    data_imported = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget,
        current_team_id: Callable[[], str | None],
        current_assessment_id: Callable[[], str | None],
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._parent = parent
        self._team_id = current_team_id
        self._assessment_id = current_assessment_id
        self.export_assessment_action = self._action(
            "Export &Assessment…", self.on_export_assessment_triggered, "Ctrl+Shift+E"
        )
        self.export_team_action = self._action("Export &Team…", self.on_export_team_triggered)
        self.export_csv_action = self._action(
            "Export Scores as &CSV…", self.on_export_csv_triggered
        )
        self.import_action = self._action(
            "&Import Bundle…", self.on_import_triggered, QKeySequence.StandardKey.Open
        )
        self.import_action.setEnabled(not workspace.read_only)

    def _action(self, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self._parent)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def actions(self) -> list[QAction]:
        return [
            self.import_action,
            self.export_assessment_action,
            self.export_team_action,
            self.export_csv_action,
        ]

    # --- file names ----------------------------------------------------------------------------

    def _documents(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(folder) if folder else Path.home()

    def _ask_save(self, title: str, name: str, file_filter: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self._parent, title, str(self._documents() / name), file_filter
        )
        return Path(chosen) if chosen else None

    def _need(self, value: str | None, what: str) -> str | None:
        if value is None:
            QMessageBox.information(self._parent, "Nothing selected", f"Select {what} first.")
        return value

    # --- exports -------------------------------------------------------------------------------

    @Slot()
    def on_export_assessment_triggered(self) -> None:
        assessment_id = self._need(self._assessment_id(), "an assessment")
        if assessment_id is None:
            return
        from sre_workshop.bundle import export_assessment_bundle, write_bundle

        try:
            assessment = self._workspace.repository.get_assessment(assessment_id)
            team = self._workspace.repository.get_team(assessment.team_id)
        except Exception as exc:
            show_error(self._parent, exc)
            return
        name = suggested_file_name(team.name, assessment.date.isoformat(), suffix=".json")
        path = self._ask_save("Export Assessment", name, "SRE Workshop bundle (*.json)")
        if path is not None:
            bundle = self._guarded(lambda: export_assessment_bundle(self._workspace, assessment_id))
            if bundle is not None:
                self._write(lambda: write_bundle(bundle, path), "Assessment exported")

    @Slot()
    def on_export_team_triggered(self) -> None:
        team_id = self._need(self._team_id(), "a team")
        if team_id is None:
            return
        from sre_workshop.bundle import export_team_bundle, write_bundle

        try:
            team = self._workspace.repository.get_team(team_id)
        except Exception as exc:
            show_error(self._parent, exc)
            return
        path = self._ask_save(
            "Export Team",
            suggested_file_name(team.name, "team", suffix=".json"),
            "SRE Workshop bundle (*.json)",
        )
        if path is not None:
            bundle = self._guarded(lambda: export_team_bundle(self._workspace, team_id))
            if bundle is not None:
                self._write(lambda: write_bundle(bundle, path), "Team exported")

    @Slot()
    def on_export_csv_triggered(self) -> None:
        assessment_id = self._need(self._assessment_id(), "an assessment")
        if assessment_id is None:
            return
        from sre_workshop.atomic import write_text_atomically
        from sre_workshop.csv_export import scores_csv

        try:
            assessment = self._workspace.repository.get_assessment(assessment_id)
            team = self._workspace.repository.get_team(assessment.team_id)
        except Exception as exc:
            show_error(self._parent, exc)
            return
        name = suggested_file_name(team.name, assessment.date.isoformat(), "scores", suffix=".csv")
        path = self._ask_save("Export Scores as CSV", name, "CSV (*.csv)")
        if path is not None:
            text = self._guarded(lambda: scores_csv(self._workspace, assessment_id))
            if text is not None:
                self._write(lambda: write_text_atomically("\ufeff" + text, path), "Scores exported")

    def _guarded(self, work: Callable[[], Any]) -> Any:
        try:
            return work()
        except Exception as exc:
            show_error(self._parent, exc)
            return None

    def _write(self, work: Callable[[], Path], done_title: str) -> None:
        """Write a file (atomically, in the core) and say where it went."""
        try:
            written = work()
        except Exception as exc:
            show_error(self._parent, exc, "Nothing was written.")
            return
        QMessageBox.information(self._parent, done_title, f"Saved to:\n{written}")

    # --- import --------------------------------------------------------------------------------

    @Slot()
    def on_import_triggered(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self._parent,
            "Import Bundle",
            str(self._documents()),
            "SRE Workshop bundle (*.json);;All files (*)",
        )
        if chosen:
            self.import_file(Path(chosen))

    def import_file(self, path: Path) -> None:
        """Import ``path`` off the GUI thread behind a modal progress dialog."""
        from sre_workshop.bundle import import_bundle

        progress = QProgressDialog(f"Importing {path.name}…", "", 0, 0, self._parent)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setObjectName("importProgress")

        def done(result: Any) -> None:
            progress.close()
            summary = result.summary()
            QMessageBox.information(self._parent, "Import finished", summary)
            if result.changed:
                self.data_imported.emit(summary)

        def failed(exc: BaseException) -> None:
            progress.close()
            show_error(self._parent, exc, f"{path.name} was not imported; nothing was changed.")

        run_in_background(lambda: import_bundle(self._workspace, path), done, failed)
