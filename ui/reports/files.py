"""Opening a report file or its folder with the desktop's own programs, explaining failures.

``QDesktopServices.openUrl`` returns False when nothing could open the file; a file or folder
that has gone away is explained before trying, so nothing ever fails silently.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


def open_report_file(parent: QWidget | None, path: Path) -> bool:
    """Open ``path`` in the PDF viewer; say why when it is missing or nothing can open it."""
    if not path.is_file():
        QMessageBox.warning(
            parent,
            "Report file missing",
            f"The report file is no longer there:\n{path}\n\n"
            "It was moved, renamed or deleted after SRE Workshop wrote it.",
        )
        return False
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    log.warning("no program opened %s", path)
    QMessageBox.warning(
        parent,
        "Could not open the report",
        f"No program to open PDF files was found. The report is here:\n{path}",
    )
    return False


def show_report_folder(parent: QWidget | None, path: Path) -> bool:
    """Open the folder holding ``path`` in the file manager; explain when it is gone."""
    folder = path.parent
    if not folder.is_dir():
        QMessageBox.warning(
            parent,
            "Folder missing",
            f"The folder this report was saved in is no longer there:\n{folder}",
        )
        return False
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        return True
    log.warning("no file manager opened %s", folder)
    QMessageBox.warning(
        parent,
        "Could not show the folder",
        f"No file manager could be opened. The report is in:\n{folder}",
    )
    return False
