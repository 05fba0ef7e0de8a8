"""The composition root of the desktop app: parse arguments, open the data folder, show the window.

``sre-workshop [--data-dir DIR]`` starts here. Only this module creates the workspace; every
window gets it handed in. :class:`AppController` does the start-up and the clean exit in the
order that keeps the coach's data safe:

1. Take the data folder's instance lock (:mod:`sre_workshop.instance_lock`). When another
   SRE Workshop holds it, say so and offer a read-only window or quit, so two windows never
   overwrite each other's edits.
2. Open the workspace, which checks the database before writing to it (the full check after
   an unclean exit; none when the file is exactly as the last clean exit sealed it). A damaged
   database gets :class:`DamagedDatabaseDialog`: restore the newest good backup, start empty,
   or quit; the damaged file is moved aside, never deleted. A database from a newer version
   opens read-only, with a banner.
3. Mark the session open, show the window, and only then take the start-up backup in a worker
   on its own connection, so it never delays the window.
4. On a clean exit: wait for background work, take the exit backup if anything changed, run
   the quick check on the app's own connection, clear the session mark, close the database,
   seal it when the check passed (so the next start need not check it again while the file is
   unchanged), release the lock.
"""

from __future__ import annotations

import argparse
import faulthandler
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from sre_workshop import __version__
from sre_workshop.instance_lock import InstanceLock, InstanceLockError
from sre_workshop.logs import configure_logging
from sre_workshop.paths import resolve_data_dir
from sre_workshop.recovery import (
    Damage,
    Maintenance,
    Recovery,
    damage_of,
    exit_backup,
    recover,
    startup_backup,
)
from sre_workshop.storage import NewerDatabaseError, StorageError
from sre_workshop.storage.errors import DamagedDatabaseError
from sre_workshop.storage.seal import quick_check_passes, seal_closed_database
from sre_workshop.workspace import READ_ONLY_OTHER_INSTANCE, Workspace, open_workspace
from ui.dialogs.recovery_choice import RecoveryChoice
from ui.errors import install_excepthook
from ui.ui_state import ui_settings
from ui.workers import run_in_background, wait_for_background_work

log = logging.getLogger(__name__)

#: The reverse-DNS application id: the .desktop file, the AppStream metainfo, the icon name
#: and the macOS bundle identifier all use it (see packaging/README.md).
APP_ID = "io.github.sreworkshop.SREWorkshop"
#: The start-up backup waits this long after the window is shown.
STARTUP_BACKUP_DELAY_MS = 1500
_crash_log: TextIO | None = None


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sre-workshop", description="SRE Workshop desktop app")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder to use")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation headless in a temporary data folder, then exit",
    )
    args, _qt_args = parser.parse_known_args(argv)
    return args


def create_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName("SRE Workshop")
    QCoreApplication.setApplicationName("SRE Workshop")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(list(argv))
    app.setDesktopFileName(APP_ID)
    from ui.app_icon import application_icon

    app.setWindowIcon(application_icon())
    return app


class Prompts:
    """How the app asks and tells the coach at start-up (tests substitute their own)."""

    def second_instance(self, root: Path) -> bool:
        """Another SRE Workshop has this data folder open: True opens a read-only window."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "SRE Workshop is already open",
            f"SRE Workshop is already open on this data folder ({root}).\n\nTwo windows "
            "writing to the same data would overwrite each other's edits, so only one may "
            "save. Switch to the window that is open, or open this one read-only to look "
            "things up.",
        )
        box.setObjectName("secondInstanceBox")
        read_only = box.addButton("Open &Read-Only", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is read_only

    def recovery(self, damage: Damage) -> RecoveryChoice:
        from ui.dialogs.damaged_database_dialog import DamagedDatabaseDialog

        dialog = DamagedDatabaseDialog(damage)
        dialog.exec()
        return dialog.choice

    def newer(self, exc: NewerDatabaseError) -> None:
        QMessageBox.warning(None, "Database from a newer version", f"{exc}\n\nIt opens read-only.")

    def error(self, title: str, text: str) -> None:
        QMessageBox.critical(None, title, text)


class AppController(QObject):
    """Start-up, the window's life and the clean exit; see the module docstring."""

    def __init__(
        self,
        data_dir: str | None,
        ui_state: QSettings,
        prompts: Prompts | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.paths = resolve_data_dir(data_dir)
        self.ui_state = ui_state
        self.prompts = prompts or Prompts()
        self.lock = InstanceLock(self.paths.root)
        self.workspace: Workspace | None = None
        self.window: QWidget | None = None
        self.recovery: Recovery | None = None
        self.startup_backup_delay_ms = STARTUP_BACKUP_DELAY_MS
        #: The outcome of the start-up backup (for the log and tests).
        self.startup_maintenance: Maintenance | None = None
        self.startup_backup_error: BaseException | None = None
        self._session_open = False

    # --- start-up ------------------------------------------------------------------------------

    def open(self) -> bool:
        """Lock, check and open the data folder; False when the coach chose to quit."""
        try:
            have_lock = self.lock.acquire()
        except InstanceLockError as exc:
            # A file system without locks: nothing to detect a second window with; go on.
            log.warning("no instance lock: %s", exc)
            have_lock = True
        if not have_lock:
            return self._open_beside_another()
        workspace = self._open_checked()
        if workspace is None:
            self.lock.release()
            return False
        self.workspace = workspace
        if not workspace.read_only:
            try:
                self.lock.begin_session()
                self._session_open = True
            except OSError as exc:
                log.warning("could not mark the session open: %s", exc)
        return True

    def _open_beside_another(self) -> bool:
        if not self.prompts.second_instance(self.paths.root):
            return False
        try:
            workspace = open_workspace(self.data_dir, read_only=True, allow_newer_read_only=True)
        except StorageError as exc:
            self.prompts.error("SRE Workshop cannot open its data", str(exc))
            return False
        workspace.read_only_reason = READ_ONLY_OTHER_INSTANCE
        self.workspace = workspace
        return True

    def _open_checked(self) -> Workspace | None:
        try:
            return open_workspace(self.data_dir, lock=self.lock)
        except DamagedDatabaseError as exc:
            return self._recover(damage_of(exc.report, self.paths))
        except NewerDatabaseError as exc:
            self.prompts.newer(exc)
            try:
                return open_workspace(self.data_dir, read_only=True, allow_newer_read_only=True)
            except StorageError as again:
                self.prompts.error("SRE Workshop cannot open its data", str(again))
                return None
        except StorageError as exc:
            self.prompts.error("SRE Workshop cannot open its data", str(exc))
            return None

    def _recover(self, damage: Damage) -> Workspace | None:
        log.warning("damaged database: %s", damage.report.describe())
        choice = self.prompts.recovery(damage)
        if choice is RecoveryChoice.QUIT:
            return None
        restore = damage.candidate if choice is RecoveryChoice.RESTORE else None
        try:
            self.recovery = recover(self.paths, damage, restore, lock=self.lock)
        except StorageError as exc:
            self.prompts.error("SRE Workshop could not recover its data", str(exc))
            return None
        return self.recovery.workspace

    # --- the window ------------------------------------------------------------------------------

    def _build_window(self) -> QWidget:
        from ui.main_window import MainWindow

        assert self.workspace is not None
        window = MainWindow(self.workspace, self.ui_state)
        replaced = getattr(window, "database_replaced", None)
        if replaced is not None:
            replaced.connect(self.on_window_database_replaced)
        return window

    def show_window(self) -> QWidget:
        """Show the main window; the start-up backup follows in a worker."""
        window = self._build_window()
        self.window = window
        window.show()
        if self.recovery is not None:
            self._tell(
                window,
                f"The damaged database was moved aside, not deleted: {self.recovery.kept_at}",
            )
        assert self.workspace is not None
        if not self.workspace.read_only:
            QTimer.singleShot(self.startup_backup_delay_ms, self.start_startup_backup)
        return window

    @staticmethod
    def _tell(window: QWidget, text: str) -> None:
        status = getattr(window, "statusBar", None)
        if status is not None:
            status().showMessage(text, 20_000)

    @Slot()
    def start_startup_backup(self) -> None:
        paths = self.paths
        run_in_background(
            lambda: startup_backup(paths),
            self.on_startup_backup_done,
            self.on_startup_backup_failed,
        )

    def on_startup_backup_done(self, result: Maintenance) -> None:
        self.startup_maintenance = result
        if result.backup is not None:
            log.info("start-up backup: %s", result.backup)

    def on_startup_backup_failed(self, exc: BaseException) -> None:
        self.startup_backup_error = exc
        log.warning("the start-up backup failed: %s", exc)
        if self.window is not None:
            self._tell(self.window, f"The start-up backup could not be taken: {exc}")

    @Slot(str)
    def on_window_database_replaced(self, summary: str) -> None:
        """A backup was restored: show the data again in a new window, then drop the old one."""
        old = self.window
        window = self._build_window()
        self.window = window
        if old is not None:
            window.setGeometry(old.geometry())
        window.show()
        self._tell(window, summary)
        if old is not None:
            old.close()
            old.deleteLater()

    # --- the clean exit --------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Exit backup, quick check, clear the session mark, close, seal, release the lock.

        The seal (:mod:`sre_workshop.storage.seal`) lets the next start skip its check of the
        file when it is unchanged; it is written only for a writable session that passes the
        quick check on its own connection, after the close, while the lock is still held.
        """
        wait_for_background_work()
        workspace, self.workspace = self.workspace, None
        writing = workspace is not None and not workspace.read_only and self._session_open
        passed = False
        if workspace is not None and writing:
            try:
                exit_backup(workspace)
            except Exception:
                log.exception("the exit backup failed")
            passed = quick_check_passes(workspace.database)
        if self._session_open:
            # Before closing: killed in between, the next start finds the log and no mark,
            # which SQLite recovers from; the other way round would look like a lost log.
            self.lock.end_session()
            self._session_open = False
        if workspace is not None:
            workspace.close()
            if writing:
                seal_closed_database(workspace.paths.database, passed=passed)
        self.lock.release()


def main(argv: Sequence[str] | None = None) -> int:
    global _crash_log
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv[1:])
    if args.self_test:  # before logging or the data folder: it touches neither
        from ui.selftest import run as run_self_test

        return run_self_test()
    paths = resolve_data_dir(args.data_dir)
    log_file = configure_logging(paths.logs)
    if log_file is not None:
        _crash_log = (paths.logs / "crash.log").open("a", encoding="utf-8")
        faulthandler.enable(_crash_log)
    app = create_application(argv)
    install_excepthook()
    controller = AppController(args.data_dir, ui_settings(paths.root if args.data_dir else None))
    if not controller.open():
        controller.shutdown()
        return 1
    controller.show_window()
    code = app.exec()
    controller.shutdown()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
