"""File ▸ Backups…: every backup with its date, reason, size, teams and assessments; restore one.

The counts are read from each backup file, read-only, after its full integrity check; a backup
that fails the check is listed with the reason and cannot be restored. Restoring asks first
(saying what the backup holds), then goes through the core's
:func:`~sre_workshop.recovery.restore_backup`, which keeps the current data aside as a backup
of its own before replacing it. The dialog sets ``restored`` and closes; the main window then
has the composition root rebuild the window on the restored data.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Slot,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.recovery import RestoreResult, counts, restore_backup, when
from sre_workshop.storage.backups import BackupInfo, backup_infos
from sre_workshop.storage.health import BackupCheck, check_backup
from sre_workshop.workspace import Workspace
from ui.errors import show_error

log = logging.getLogger(__name__)

_ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class BackupRow:
    info: BackupInfo
    check: BackupCheck


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} kB"


class BackupsModel(QAbstractTableModel):
    """The backups, newest first; one row each."""

    DATE, REASON, TEAMS, ASSESSMENTS, SIZE = range(5)
    HEADERS = ("Date", "Reason", "Teams", "Assessments", "Size")
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BackupRow] = []

    def set_rows(self, rows: list[BackupRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> BackupRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == self.ROW_ROLE:
            return row
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.info.path}\nID {row.info.id}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.TEAMS,
            self.ASSESSMENTS,
            self.SIZE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: BackupRow, column: int) -> str:
        info, check = row.info, row.check
        if column == self.DATE:
            return when(info.taken_at)
        if column == self.REASON:
            words = info.reason_words.capitalize()
            if info.protected:
                words += " (kept)"
            return words if check.usable else f"{words} — cannot be restored: {check.problem}"
        if column == self.TEAMS:
            return str(check.teams) if check.usable else "–"
        if column == self.ASSESSMENTS:
            return str(check.assessments) if check.usable else "–"
        return size_text(info.size)


def load_rows(workspace: Workspace) -> list[BackupRow]:
    infos = backup_infos(workspace.paths.backups)
    return [BackupRow(info, check_backup(info.path)) for info in infos]


class BackupsDialog(QDialog):
    """The list of backups with Restore…, Back Up Now and Open Folder."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.restored: RestoreResult | None = None
        self.setObjectName("backupsDialog")
        self.setWindowTitle("Backups")
        self.resize(860, 460)

        intro = QLabel(
            "SRE Workshop keeps copies of its database here: after start-up and on exit when "
            "anything changed, and before every import, deletion, restore and upgrade. The "
            "newest ten are kept, then one a day for two weeks and one a week for two months; "
            "copies kept before an upgrade or a restore, and damaged files moved aside, are "
            f"never removed automatically.\nFolder: {workspace.paths.backups}",
            self,
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = BackupsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("backupsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(BackupsModel.DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BackupsModel.REASON, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.on_table_double_clicked)
        self.empty_label = QLabel("No backups yet.", self)
        self.empty_label.setObjectName("noBackups")

        self.restore_button = QPushButton("&Restore…", self)
        self.restore_button.setObjectName("restoreBackupButton")
        self.restore_button.clicked.connect(self.on_restore_button_clicked)
        self.backup_now_button = QPushButton("&Back Up Now", self)
        self.backup_now_button.clicked.connect(self.on_backup_now_button_clicked)
        self.open_folder_button = QPushButton("&Open Folder", self)
        self.open_folder_button.clicked.connect(self.on_open_folder_button_clicked)
        close_button = QPushButton("Close", self)
        close_button.clicked.connect(self.reject)
        if workspace.read_only:
            for button in (self.restore_button, self.backup_now_button):
                button.setEnabled(False)
                button.setToolTip(workspace.read_only_reason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.backup_now_button)
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(load_rows(self.workspace))
        has_rows = self.model.rowCount() > 0
        self.empty_label.setVisible(not has_rows)
        if has_rows:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BackupRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.restore_button.setEnabled(
            not self.workspace.read_only and row is not None and row.check.usable
        )

    @Slot()
    def on_selection_changed(self) -> None:
        self._update_buttons()

    @Slot(QModelIndex)
    def on_table_double_clicked(self, _index: QModelIndex) -> None:
        if self.restore_button.isEnabled():
            self.on_restore_button_clicked()

    def confirm_text(self, row: BackupRow) -> str:
        return (
            f"Restore the backup of {when(row.info.taken_at)}?\n\n"
            f"It holds {counts(row.check.teams, row.check.assessments)} "
            f"({row.info.reason_words}).\n\n"
            "Everything SRE Workshop holds now is replaced by it. The current data is first kept "
            "as a backup in this list, so you can go back to it."
        )

    @Slot()
    def on_restore_button_clicked(self) -> None:
        row = self.selected()
        if row is None or not row.check.usable or self.workspace.read_only:
            return
        answer = QMessageBox.question(
            self,
            "Restore a backup",
            self.confirm_text(row),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.restored = restore_backup(self.workspace, row.info)
        except Exception as exc:
            show_error(self, exc, "The backup was not restored; nothing changed.")
            self.reload()
            return
        self.accept()

    @Slot()
    def on_backup_now_button_clicked(self) -> None:
        try:
            self.workspace.backup("by-hand")
        except Exception as exc:
            show_error(self, exc, "No backup was taken.")
        self.reload()

    @Slot()
    def on_open_folder_button_clicked(self) -> None:
        self.workspace.paths.backups.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.workspace.paths.backups)))
