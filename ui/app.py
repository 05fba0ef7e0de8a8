"""The composition root of the desktop app: parse arguments, open the data folder, show the window.

``sre-workshop [--data-dir DIR]`` starts here. Only this module creates the workspace; every
window gets it handed in.
"""

from __future__ import annotations

import argparse
import faulthandler
import logging
import sys
from collections.abc import Sequence
from typing import TextIO

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from sre_workshop import __version__
from sre_workshop.logs import configure_logging
from sre_workshop.paths import resolve_data_dir
from sre_workshop.storage import NewerDatabaseError, StorageError
from sre_workshop.workspace import Workspace, open_workspace
from ui.errors import install_excepthook
from ui.ui_state import ui_settings

log = logging.getLogger(__name__)

APP_ID = "io.github.sre_workshop.SREWorkshop"
_crash_log: TextIO | None = None


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sre-workshop", description="SRE Workshop desktop app")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder to use")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
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
    return app


def open_data(data_dir: str | None) -> Workspace:
    """Open the data folder; a newer database opens read-only after telling the coach."""
    try:
        return open_workspace(data_dir)
    except NewerDatabaseError as exc:
        QMessageBox.warning(None, "Database from a newer version", f"{exc}\n\nIt opens read-only.")
        return open_workspace(data_dir, read_only=True, allow_newer_read_only=True)


def main(argv: Sequence[str] | None = None) -> int:
    global _crash_log
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv[1:])
    paths = resolve_data_dir(args.data_dir)
    log_file = configure_logging(paths.logs)
    if log_file is not None:
        _crash_log = (paths.logs / "crash.log").open("a", encoding="utf-8")
        faulthandler.enable(_crash_log)
    app = create_application(argv)
    install_excepthook()
    try:
        workspace = open_data(args.data_dir)
    except StorageError as exc:
        QMessageBox.critical(None, "SRE Workshop cannot open its data", str(exc))
        return 1

    from ui.main_window import MainWindow

    window = MainWindow(workspace, ui_settings(paths.root if args.data_dir else None))
    window.show()
    code = app.exec()
    workspace.close()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
