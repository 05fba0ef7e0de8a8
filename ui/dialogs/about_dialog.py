"""``AboutDialog``: what the app is for, the versions it runs on, and where its data lives.

Versions come from the installed packages' metadata, so matplotlib and reportlab are never
imported just to show their version (they are slow to import).
"""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, Slot, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sre_workshop import __version__
from sre_workshop.workspace import Workspace
from ui.errors import show_error

_SELECTABLE = (
    Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
)
_PLAIN = Qt.TextFormat.PlainText

PURPOSE = (
    "SRE Workshop helps an SRE coach run a maturity assessment workshop with a product "
    "delivery team, keep what the room said, and show six months later whether the team is "
    "progressing, stagnating or regressing."
)


def package_version(*names: str) -> str:
    """The installed version of the first of ``names`` that is installed, else "not installed"."""
    from importlib import metadata  # 30 ms to import: only when the dialog asks

    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


class AboutDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About SRE Workshop")
        self.setMinimumWidth(520)

        title = QLabel(f"SRE Workshop {__version__}")
        font = title.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        purpose = QLabel(PURPOSE)
        purpose.setObjectName("aboutPurpose")
        purpose.setWordWrap(True)

        self.versions = {
            "SRE Workshop": __version__,
            "Python": platform.python_version(),
            "PySide6": pyside_version,
            "Qt": qVersion(),
            "matplotlib": package_version("matplotlib"),
            "reportlab": package_version("reportlab"),
        }
        versions = QFormLayout()
        versions.setVerticalSpacing(4)
        for name, version in self.versions.items():
            value = QLabel(version)
            value.setTextInteractionFlags(value.textInteractionFlags() | _SELECTABLE)
            versions.addRow(f"{name}:", value)

        self.data_folder_label = QLabel(str(workspace.paths.root))
        self.data_folder_label.setObjectName("dataFolder")
        self.data_folder_label.setTextFormat(_PLAIN)
        self.data_folder_label.setWordWrap(True)
        self.data_folder_label.setTextInteractionFlags(_SELECTABLE)
        versions.addRow("Data folder:", self.data_folder_label)

        self.open_button = QPushButton("&Open Data Folder")
        self.open_button.setObjectName("openDataFolder")
        self.open_button.clicked.connect(self.on_open_button_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(purpose)
        layout.addLayout(versions)
        layout.addWidget(buttons)

    @Slot()
    def on_open_button_clicked(self) -> None:
        url = QUrl.fromLocalFile(str(self.workspace.paths.root))
        if not QDesktopServices.openUrl(url):
            show_error(
                self,
                OSError(f"No file manager could open {self.workspace.paths.root}"),
                "The data folder could not be opened.",
            )
