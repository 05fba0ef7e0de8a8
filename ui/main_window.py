"""The main window: menus, the library and the facilitation view in one stack.

It owns no data logic: the views talk to the core through the workspace handed in by
``ui.app`` (the composition root).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QToolBar, QWidget

from sre_workshop.model import ReportRecord
from sre_workshop.workflows import CompareWith
from sre_workshop.workspace import Workspace
from ui.dialogs.about_dialog import AboutDialog
from ui.dialogs.first_start_dialog import FirstStartChoice, FirstStartDialog
from ui.dialogs.settings_dialog import SettingsDialog
from ui.errors import show_error
from ui.library.library_view import LibraryView
from ui.plans.plans_view import PlansView
from ui.reports.export_runner import ReportExporter
from ui.reports.reports_view import ReportsView
from ui.results.history_view import HistoryView
from ui.results.results_view import ResultsView
from ui.transfer import TransferActions
from ui.ui_state import read_bytes
from ui.workshop.facilitation_view import FacilitationView

log = logging.getLogger(__name__)

WINDOW_TITLE = "SRE Workshop"


class MainWindow(QMainWindow):
    #: A backup was restored (the summary): ``ui.app`` rebuilds the window on the new data.
    database_replaced = Signal(str)

    def __init__(
        self, workspace: Workspace, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.settings = settings
        self.setObjectName("mainWindow")
        self.setWindowTitle(WINDOW_TITLE)
        self.resize(1280, 800)

        self.library = LibraryView(workspace, self)
        self.workshop = FacilitationView(workspace, self)
        self.results = ResultsView(workspace, self)
        self.history = HistoryView(workspace, self)
        self.plans = PlansView(workspace, self)
        self.reports = ReportsView(workspace, self)
        self.report_exporter = ReportExporter(workspace, settings, self)
        self.stack = QStackedWidget(self)
        for page in (self.library, self.workshop, self.results, self.history, self.plans):
            self.stack.addWidget(page)
        self.stack.addWidget(self.reports)
        self.setCentralWidget(self.stack)
        self.transfer = TransferActions(
            workspace, self, self._context_team_id, self._context_assessment_id
        )

        self.library.workshop_requested.connect(self.on_library_workshop_requested)
        self.workshop.library_requested.connect(self.on_workshop_library_requested)
        self.workshop.assessment_changed.connect(self.library.reload)
        self.workshop.assessment_changed.connect(self.results.refresh)
        self.plans.items_changed.connect(self.library.reload)
        self.transfer.data_imported.connect(self.on_transfer_data_imported)
        self.results.report_export_requested.connect(self.on_results_report_export_requested)
        self.report_exporter.report_exported.connect(self.on_report_exporter_report_exported)
        self.stack.currentChanged.connect(self.on_stack_current_changed)

        self._build_menus()
        self._build_navigation()
        self._restore_state()
        self._update_title()
        if workspace.read_only:
            from ui.dialogs.read_only_banner import install_read_only_banner

            self.read_only_banner = install_read_only_banner(self, workspace.read_only_reason)

    # --- menus -------------------------------------------------------------------------------

    def _action(
        self, text: str, slot: object, shortcut: QKeySequence | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu("&File")
        for action in (
            self.library.new_team_action,
            self.library.plan_assessment_action,
            self.library.reassess_action,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in self.transfer.actions():
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.backups_action = self._action("&Backups…", self.on_backups_triggered)
        file_menu.addAction(self.backups_action)
        file_menu.addSeparator()
        file_menu.addAction(self.library.load_demo_action)
        file_menu.addAction(self.library.remove_demo_action)
        file_menu.addSeparator()
        self.settings_action = self._action(
            "&Settings…", self.on_settings_triggered, QKeySequence.StandardKey.Preferences
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(self.quit_action)

        edit_menu = menu_bar.addMenu("&Edit")
        undo = self.workshop.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.workshop.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        # Undo acts on workshop edits: show the workshop so the coach sees what changed.
        self.workshop.undo_stack.indexChanged.connect(self.on_undo_stack_index_changed)
        edit_menu.addSeparator()
        for action in (
            self.library.rename_team_action,
            self.library.delete_team_action,
            self.library.edit_assessment_action,
            self.library.delete_assessment_action,
        ):
            edit_menu.addAction(action)

        workshop_menu = menu_bar.addMenu("&Workshop")
        workshop_menu.addAction(self.library.run_workshop_action)
        workshop_menu.addAction(self.library.reopen_action)
        workshop_menu.addSeparator()
        for action in self.workshop.menu_actions():
            workshop_menu.addAction(action)

        results_menu = menu_bar.addMenu("&Results")
        for action in self.results.menu_actions():
            results_menu.addAction(action)
        results_menu.addSeparator()
        for action in self.plans.menu_actions():
            results_menu.addAction(action)

        view_menu = menu_bar.addMenu("&View")
        self.show_library_action = self._action(
            "&Library", self.on_workshop_library_requested, "Ctrl+1"
        )
        self.show_workshop_action = self._action("&Workshop", self.show_workshop, "Ctrl+2")
        self.show_results_action = self._action("&Results", self.show_results, "Ctrl+3")
        self.show_history_action = self._action("&History", self.show_history, "Ctrl+4")
        self.show_plans_action = self._action("Hypotheses && &Actions", self.show_plans, "Ctrl+5")
        self.show_reports_action = self._action("Re&ports", self.show_reports, "Ctrl+6")
        self.page_actions = (
            self.show_library_action,
            self.show_workshop_action,
            self.show_results_action,
            self.show_history_action,
            self.show_plans_action,
            self.show_reports_action,
        )
        for action in self.page_actions:
            action.setCheckable(True)
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.workshop.presenter_action)
        self.full_screen_action = self._action(
            "&Full Screen", self.toggle_full_screen, QKeySequence.StandardKey.FullScreen
        )
        view_menu.addAction(self.full_screen_action)

        help_menu = menu_bar.addMenu("&Help")
        help_menu.addAction(self.workshop.shortcuts_action)
        self.about_action = self._action("&About SRE Workshop", self.on_about_triggered)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)

    # --- navigation --------------------------------------------------------------------------

    @Slot(str)
    def on_library_workshop_requested(self, assessment_id: str) -> None:
        try:
            self.workshop.open_assessment(assessment_id)
        except Exception as exc:
            show_error(self, exc, "The workshop could not be opened.")
            return
        self.stack.setCurrentWidget(self.workshop)
        self.workshop.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_title()

    def _flush_workshop(self) -> bool:
        """Save pending notes before leaving the workshop; say so and stay if that fails."""
        try:
            self.workshop.flush()
        except Exception as exc:
            show_error(self, exc, "The last notes are not saved yet; they stay in the workshop.")
            self.stack.setCurrentWidget(self.workshop)
            return False
        return True

    @Slot()
    def on_workshop_library_requested(self) -> None:
        if not self._flush_workshop():
            return
        self.library.reload()
        self.stack.setCurrentWidget(self.library)
        self._update_title()

    @Slot()
    def show_workshop(self) -> None:
        if self.workshop.has_assessment():
            self.stack.setCurrentWidget(self.workshop)
            self._update_title()

    def _context_assessment_id(self) -> str | None:
        """The assessment the coach is looking at: the open workshop's, else the library's."""
        current = self.stack.currentWidget()
        if current is self.workshop and self.workshop.session is not None:
            return self.workshop.session.assessment_id
        if current is self.results and self.results.has_assessment():
            return self.results.assessment_id
        return self.library.current_assessment_id()

    def _context_team_id(self) -> str | None:
        assessment_id = self._context_assessment_id()
        if assessment_id is not None:
            assessment = self.workspace.repository.find_assessment(assessment_id)
            if assessment is not None:
                return assessment.team_id
        return self.library.current_team_id()

    def _show_page(self, page: QWidget, load: object, what: str, key: str | None) -> None:
        if key is None:
            self.statusBar().showMessage(f"Select {what} in the library first.", 5000)
            return
        try:
            load(key)  # type: ignore[operator]
        except Exception as exc:
            show_error(self, exc)
            return
        if self._flush_workshop():
            self.stack.setCurrentWidget(page)

    @Slot()
    def show_results(self) -> None:
        self._show_page(
            self.results,
            self.results.show_assessment,
            "an assessment",
            self._context_assessment_id(),
        )

    @Slot()
    def show_history(self) -> None:
        self._show_page(self.history, self.history.show_team, "a team", self._context_team_id())

    @Slot()
    def show_plans(self) -> None:
        assessment_id = self._context_assessment_id()
        if assessment_id is not None:
            self._show_page(self.plans, self.plans.show_assessment, "an assessment", assessment_id)
        else:
            self._show_page(self.plans, self.plans.show_team, "a team", self._context_team_id())

    @Slot(int)
    def on_undo_stack_index_changed(self, _index: int) -> None:
        if self.workshop.has_assessment() and self.stack.currentWidget() is not self.workshop:
            self.stack.setCurrentWidget(self.workshop)

    @Slot(int)
    def on_stack_current_changed(self, index: int) -> None:
        for position, action in enumerate(self.page_actions):
            action.setChecked(position == index)
        self._update_title()

    @Slot()
    def show_reports(self) -> None:
        if self._flush_workshop():
            self.stack.setCurrentWidget(self.reports)

    @Slot(str, str)
    def on_results_report_export_requested(self, assessment_id: str, compare_with: str) -> None:
        self.report_exporter.ask_and_export(assessment_id, CompareWith(compare_with))

    @Slot(object)
    def on_report_exporter_report_exported(self, record: ReportRecord) -> None:
        self.reports.reload(record.id)
        self.statusBar().showMessage(f"Report saved: {record.path}", 10000)

    @Slot(str)
    def on_transfer_data_imported(self, summary: str) -> None:
        self.library.reload()
        self.statusBar().showMessage(summary, 10000)

    def _build_navigation(self) -> None:
        """A bar of the six places, so a first-time coach sees where everything is."""
        bar = QToolBar("Navigation", self)
        bar.setObjectName("navigationBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in self.page_actions:
            bar.addAction(action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.on_stack_current_changed(self.stack.currentIndex())

    @Slot()
    def toggle_full_screen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    def _update_title(self) -> None:
        current = self.stack.currentWidget()
        detail = ""
        if current is self.workshop:
            detail = self.workshop.title_detail()
        elif current is self.results or current is self.plans:
            detail = current.title_detail()
        self.setWindowTitle(f"{detail} — {WINDOW_TITLE}" if detail else WINDOW_TITLE)

    # --- dialogs -----------------------------------------------------------------------------

    @Slot()
    def on_settings_triggered(self) -> None:
        dialog = SettingsDialog(self.workspace, self)
        if dialog.exec():
            self.library.reload()
            self.results.refresh()

    @Slot()
    def on_backups_triggered(self) -> None:
        from ui.dialogs.backups_dialog import BackupsDialog

        if not self._flush_workshop():
            return
        dialog = BackupsDialog(self.workspace, self)
        dialog.exec()
        if dialog.restored is not None:
            self.database_replaced.emit(dialog.restored.summary())

    @Slot()
    def on_about_triggered(self) -> None:
        AboutDialog(self.workspace, self).exec()

    def offer_first_start(self) -> None:
        """On an empty data folder: say what the app is for and offer the demo or a first team."""
        if self.workspace.read_only or self.workspace.repository.list_teams():
            return
        dialog = FirstStartDialog(self)
        dialog.exec()
        if dialog.choice is FirstStartChoice.LOAD_DEMO:
            self.library.load_demo_action.trigger()
        elif dialog.choice is FirstStartChoice.CREATE_TEAM:
            self.library.new_team_action.trigger()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not getattr(self, "_first_start_checked", False):
            self._first_start_checked = True
            QTimer.singleShot(0, self.offer_first_start)

    # --- state and closing -------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = read_bytes(self.settings, "main/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self._fit_to_screen()
        for page in (self.library, self.workshop, self.results, self.history, self.plans):
            page.restore_state(self.settings)
        self.reports.restore_state(self.settings)

    def _fit_to_screen(self) -> None:
        """First start: a comfortable size that fits the screen (laptops are often 1366x768)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        available = screen.availableGeometry()
        width = min(1280, int(available.width() * 0.95))
        height = min(800, int(available.height() * 0.92))
        self.resize(width, height)
        frame = self.frameGeometry()
        frame.moveCenter(available.center())
        self.move(frame.topLeft())

    def save_state(self) -> None:
        self.settings.setValue("main/geometry", self.saveGeometry())
        for page in (self.library, self.workshop, self.results, self.history, self.plans):
            page.save_state(self.settings)
        self.reports.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        try:
            self.workshop.flush()
        except Exception as exc:
            answer = QMessageBox.question(
                self,
                "Unsaved notes",
                f"The last notes could not be saved:\n\n{exc}\n\nQuit anyway and lose them?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.workshop.close_presenter()
        self.results.close_projector()
        self.save_state()
        event.accept()
