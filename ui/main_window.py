"""The main window: menus, a navigation bar and the six pages in one stack.

It owns no data logic: the views talk to the core through the workspace handed in by
``ui.app`` (the composition root).

Only the library is built before the window shows. The other five pages (and their modules)
are built the first time something needs them: the coach going there, a menu that lists their
actions being opened, or a quiet moment after start-up (:data:`PREBUILD_DELAY_MS`), one page
per turn of the event loop so the window stays responsive. The Edit menu's undo and redo work
on the window's own undo stack and F1 is the window's own action, so the menus are whole
before the workshop page exists; each page's own actions join the menus when it is built.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QStackedWidget, QToolBar, QWidget

from sre_workshop.model import ReportRecord
from sre_workshop.workspace import Workspace
from ui.errors import show_error
from ui.library.library_view import LibraryView
from ui.transfer import TransferActions
from ui.ui_state import read_bytes
from ui.workshop.keymap import KEYMAP, Command

if TYPE_CHECKING:
    from ui.plans.plans_view import PlansView
    from ui.reports.export_runner import ReportExporter
    from ui.reports.reports_view import ReportsView
    from ui.results.history_view import HistoryView
    from ui.results.results_view import ResultsView
    from ui.workshop.facilitation_view import FacilitationView

log = logging.getLogger(__name__)

WINDOW_TITLE = "SRE Workshop"
#: The pages built on first use, in the order of the navigation bar after the library.
LAZY_PAGES = ("workshop", "results", "history", "plans", "reports")
#: After the window shows, how long to wait before building the other pages in the background.
PREBUILD_DELAY_MS = 600


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
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.library)
        self.setCentralWidget(self.stack)
        self._pages: dict[str, QWidget] = {}
        self._report_exporter: ReportExporter | None = None
        self._prebuild_queue: list[str] = []
        #: A child of the window, so it dies with it (a window replaced after a restore).
        self._prebuild_timer = QTimer(self)
        self._prebuild_timer.setSingleShot(True)
        self._prebuild_timer.timeout.connect(self._prebuild_next)
        #: Shared with the workshop page when it is built, so Edit ▸ Undo exists from the start.
        self.undo_stack = QUndoStack(self)
        self.transfer = TransferActions(
            workspace, self, self._context_team_id, self._context_assessment_id
        )

        self.library.workshop_requested.connect(self.on_library_workshop_requested)
        self.transfer.data_imported.connect(self.on_transfer_data_imported)
        self.stack.currentChanged.connect(self.on_stack_current_changed)

        self._build_menus()
        self._build_navigation()
        self._restore_state()
        self._update_title()
        if workspace.read_only:
            from ui.dialogs.read_only_banner import install_read_only_banner

            self.read_only_banner = install_read_only_banner(self, workspace.read_only_reason)

    # --- pages, built on first use -----------------------------------------------------------

    def page_if_built(self, name: str) -> QWidget | None:
        """The page called ``name`` (one of :data:`LAZY_PAGES`), or None if not built yet."""
        return self._pages.get(name)

    def _page(self, name: str) -> Any:
        page = self._pages.get(name)
        if page is None:
            page = self._build_page(name)
        return page

    def _build_page(self, name: str) -> QWidget:
        builders: dict[str, Callable[[], QWidget]] = {
            "workshop": self._build_workshop,
            "results": self._build_results,
            "history": self._build_history,
            "plans": self._build_plans,
            "reports": self._build_reports,
        }
        page = builders[name]()
        self._pages[name] = page
        self.stack.addWidget(page)
        restore = getattr(page, "restore_state", None)
        if restore is not None:
            restore(self.settings)
        log.debug("built the %s page", name)
        return page

    def _build_workshop(self) -> QWidget:
        from ui.workshop.facilitation_view import FacilitationView

        view = FacilitationView(
            self.workspace, self, undo_stack=self.undo_stack, shortcuts_action=self.shortcuts_action
        )
        view.library_requested.connect(self.on_workshop_library_requested)
        view.assessment_changed.connect(self.library.reload)
        view.assessment_changed.connect(self.on_workshop_assessment_changed)
        self._insert_menu_actions(self.workshop_menu, view.menu_actions(), None)
        self.view_menu.insertAction(self.full_screen_action, view.presenter_action)
        return view

    def _build_results(self) -> QWidget:
        from ui.results.results_view import ResultsView

        view = ResultsView(self.workspace, self)
        view.report_export_requested.connect(self.on_results_report_export_requested)
        self._insert_menu_actions(self.results_menu, view.menu_actions(), self.plans_separator)
        return view

    def _build_history(self) -> QWidget:
        from ui.results.history_view import HistoryView

        return HistoryView(self.workspace, self)

    def _build_plans(self) -> QWidget:
        from ui.plans.plans_view import PlansView

        view = PlansView(self.workspace, self)
        view.items_changed.connect(self.library.reload)
        self._insert_menu_actions(self.results_menu, view.menu_actions(), None)
        return view

    def _build_reports(self) -> QWidget:
        from ui.reports.reports_view import ReportsView

        return ReportsView(self.workspace, self)

    @property
    def workshop(self) -> FacilitationView:
        page: FacilitationView = self._page("workshop")
        return page

    @property
    def results(self) -> ResultsView:
        page: ResultsView = self._page("results")
        return page

    @property
    def history(self) -> HistoryView:
        page: HistoryView = self._page("history")
        return page

    @property
    def plans(self) -> PlansView:
        page: PlansView = self._page("plans")
        return page

    @property
    def reports(self) -> ReportsView:
        page: ReportsView = self._page("reports")
        return page

    @property
    def report_exporter(self) -> ReportExporter:
        if self._report_exporter is None:
            from ui.reports.export_runner import ReportExporter

            self._report_exporter = ReportExporter(self.workspace, self.settings, self)
            self._report_exporter.report_exported.connect(self.on_report_exporter_report_exported)
        return self._report_exporter

    def _start_prebuilding(self) -> None:
        self._prebuild_queue = [name for name in LAZY_PAGES if name not in self._pages]
        self._prebuild_timer.start(PREBUILD_DELAY_MS)

    @Slot()
    def _prebuild_next(self) -> None:
        """Build one page the coach has not needed yet, then yield to the event loop."""
        while self._prebuild_queue:
            name = self._prebuild_queue.pop(0)
            if name not in self._pages:
                self._page(name)
                self._prebuild_timer.start(0)
                return

    @staticmethod
    def _insert_menu_actions(menu: QMenu, actions: list[QAction], before: QAction | None) -> None:
        for action in actions:
            if before is None:
                menu.addAction(action)
            else:
                menu.insertAction(before, action)

    def _build_pages_for(self, menu: QMenu, names: tuple[str, ...]) -> None:
        """Opening ``menu`` builds the pages whose actions it lists, so it always shows them."""

        def build() -> None:
            for name in names:
                self._page(name)

        menu.aboutToShow.connect(build)

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
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        # Undo acts on workshop edits: show the workshop so the coach sees what changed.
        self.undo_stack.indexChanged.connect(self.on_undo_stack_index_changed)
        edit_menu.addSeparator()
        for action in (
            self.library.rename_team_action,
            self.library.delete_team_action,
            self.library.edit_assessment_action,
            self.library.delete_assessment_action,
        ):
            edit_menu.addAction(action)

        # The pages' own actions join these menus when the pages are built (see _build_page).
        self.workshop_menu = menu_bar.addMenu("&Workshop")
        self.workshop_menu.addAction(self.library.run_workshop_action)
        self.workshop_menu.addAction(self.library.reopen_action)
        self.workshop_menu.addSeparator()
        self._build_pages_for(self.workshop_menu, ("workshop",))

        self.results_menu = menu_bar.addMenu("&Results")
        self.plans_separator = self.results_menu.addSeparator()
        self._build_pages_for(self.results_menu, ("results", "plans"))

        view_menu = self.view_menu = menu_bar.addMenu("&View")
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
        self._build_pages_for(view_menu, ("workshop",))
        self.full_screen_action = self._action(
            "&Full Screen", self.toggle_full_screen, QKeySequence.StandardKey.FullScreen
        )
        view_menu.addAction(self.full_screen_action)

        help_menu = menu_bar.addMenu("&Help")
        self.shortcuts_action = self._shortcuts_action()
        help_menu.addAction(self.shortcuts_action)
        self.about_action = self._action("&About SRE Workshop", self.on_about_triggered)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)

    def _shortcuts_action(self) -> QAction:
        """F1, from any page: the list of every workshop key (the keymap's own entry)."""
        entry = next(entry for entry in KEYMAP if entry.command is Command.SHORTCUTS)
        action = self._action(entry.text, self.toggle_shortcuts_overlay)
        action.setShortcuts([QKeySequence(key) for key in entry.keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{entry.description} ({entry.display_keys()})")
        action.setData(entry.command.value)
        return action

    @Slot()
    def toggle_shortcuts_overlay(self) -> None:
        from ui.workshop.shortcuts_overlay import toggle_shortcuts_overlay

        toggle_shortcuts_overlay(self)

    # --- navigation --------------------------------------------------------------------------

    def _built_workshop(self) -> FacilitationView | None:
        return self.workshop if "workshop" in self._pages else None

    @Slot(str)
    def on_library_workshop_requested(self, assessment_id: str) -> None:
        workshop = self.workshop
        try:
            workshop.open_assessment(assessment_id)
        except Exception as exc:
            show_error(self, exc, "The workshop could not be opened.")
            return
        self.stack.setCurrentWidget(workshop)
        workshop.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_title()

    def _flush_workshop(self) -> bool:
        """Save pending notes before leaving the workshop; say so and stay if that fails."""
        workshop = self._built_workshop()
        if workshop is None:
            return True
        try:
            workshop.flush()
        except Exception as exc:
            show_error(self, exc, "The last notes are not saved yet; they stay in the workshop.")
            self.stack.setCurrentWidget(workshop)
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
    def on_workshop_assessment_changed(self) -> None:
        if "results" in self._pages:
            self.results.refresh()

    @Slot()
    def show_workshop(self) -> None:
        workshop = self._built_workshop()
        if workshop is not None and workshop.has_assessment():
            self.stack.setCurrentWidget(workshop)
            self._update_title()
        else:
            self.statusBar().showMessage(
                "No workshop is open: choose an assessment in the library and press Run Workshop.",
                5000,
            )

    def _context_assessment_id(self) -> str | None:
        """The assessment the coach is looking at: the open workshop's, else the library's."""
        current = self.stack.currentWidget()
        if current is self.page_if_built("workshop"):
            session = self.workshop.session
            if session is not None:
                return session.assessment_id
        if current is self.page_if_built("results") and self.results.has_assessment():
            return self.results.assessment_id
        return self.library.current_assessment_id()

    def _context_team_id(self) -> str | None:
        assessment_id = self._context_assessment_id()
        if assessment_id is not None:
            assessment = self.workspace.repository.find_assessment(assessment_id)
            if assessment is not None:
                return assessment.team_id
        return self.library.current_team_id()

    def _show_page(
        self, page: QWidget, load: Callable[[str], object], what: str, key: str | None
    ) -> None:
        if key is None:
            self.statusBar().showMessage(f"Select {what} in the library first.", 5000)
            return
        try:
            load(key)
        except Exception as exc:
            show_error(self, exc)
            return
        if self._flush_workshop():
            self.stack.setCurrentWidget(page)

    @Slot()
    def show_results(self) -> None:
        assessment_id = self._context_assessment_id()
        self._show_page(self.results, self.results.show_assessment, "an assessment", assessment_id)

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
        workshop = self._built_workshop()
        if (
            workshop is not None
            and workshop.has_assessment()
            and self.stack.currentWidget() is not workshop
        ):
            self.stack.setCurrentWidget(workshop)

    def _page_name(self, widget: QWidget | None) -> str:
        if widget is self.library:
            return "library"
        return next((name for name, page in self._pages.items() if page is widget), "")

    @Slot(int)
    def on_stack_current_changed(self, _index: int) -> None:
        current = self._page_name(self.stack.currentWidget())
        for name, action in zip(("library", *LAZY_PAGES), self.page_actions, strict=True):
            action.setChecked(name == current)
        self._update_title()

    @Slot()
    def show_reports(self) -> None:
        if self._flush_workshop():
            self.stack.setCurrentWidget(self.reports)

    @Slot(str, str)
    def on_results_report_export_requested(self, assessment_id: str, compare_with: str) -> None:
        from sre_workshop.workflows import CompareWith

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
        title_detail = getattr(current, "title_detail", None)
        if callable(title_detail):
            detail = str(title_detail())
        self.setWindowTitle(f"{detail} — {WINDOW_TITLE}" if detail else WINDOW_TITLE)

    # --- dialogs -----------------------------------------------------------------------------

    @Slot()
    def on_settings_triggered(self) -> None:
        from ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.workspace, self)
        if dialog.exec():
            self.library.reload()
            self.on_workshop_assessment_changed()

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
        from ui.dialogs.about_dialog import AboutDialog

        AboutDialog(self.workspace, self).exec()

    def offer_first_start(self) -> None:
        """On an empty data folder: say what the app is for and offer the demo or a first team."""
        if self.workspace.read_only or self.workspace.repository.list_teams():
            return
        from ui.dialogs.first_start_dialog import FirstStartChoice, FirstStartDialog

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
            self._start_prebuilding()

    # --- state and closing -------------------------------------------------------------------

    def _restore_state(self) -> None:
        """The window's geometry and the library's state; other pages restore theirs when built."""
        geometry = read_bytes(self.settings, "main/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self._fit_to_screen()
        self.library.restore_state(self.settings)

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
        """The window's and every built page's state (a page never built keeps what it had)."""
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.library.save_state(self.settings)
        for page in self._pages.values():
            save = getattr(page, "save_state", None)
            if save is not None:
                save(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._prebuild_queue.clear()
        self._prebuild_timer.stop()
        workshop = self._built_workshop()
        if workshop is not None:
            try:
                workshop.flush()
            except Exception as exc:
                answer = QMessageBox.question(
                    self,
                    "Unsaved notes",
                    f"The last notes could not be saved:\n\n{exc}\n\nQuit anyway and lose them?",
                )
                if answer != QMessageBox.StandardButton.Yes:
                    event.ignore()
                    return
            workshop.close_presenter()
        if "results" in self._pages:
            self.results.close_projector()
        self.save_state()
        event.accept()
