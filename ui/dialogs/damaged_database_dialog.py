"""The dialog shown at start-up when the database failed its check, before anything was written.

It says plainly what happened (what is wrong with which file, that nothing was written to it
and that it will not be deleted but moved into the backups folder), and offers the newest
backup that passes the check, or an empty database, or to quit and leave everything as it is.
The choice is read from ``choice``; :mod:`ui.app` carries it out through the core.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from sre_workshop.recovery import Damage, counts, when
from ui.dialogs.recovery_choice import RecoveryChoice

__all__ = ["DamagedDatabaseDialog", "RecoveryChoice", "headline"]


def headline(damage: Damage) -> str:
    if damage.report.wal_missing:
        return "Part of SRE Workshop's database is missing"
    return "SRE Workshop's database is damaged"


def explanation(damage: Damage) -> str:
    """What happened and what each button does, in plain words."""
    report = damage.report
    text = (
        f"SRE Workshop checks its database before it uses it, and this time the check failed: "
        f"the file {report.path.name} {report.problem}.\n\n"
        "Nothing has been written to it, and it will not be deleted: whichever you choose "
        f"below, it is first moved into the backups folder ({damage.backups_dir}) with the "
        "date in its name, so it can still be examined."
    )
    candidate = damage.candidate
    if candidate is None:
        text += (
            "\n\nNo backup passes the check, so SRE Workshop can only start with an empty database."
        )
    elif candidate.as_found:
        held = counts(candidate.check.teams, candidate.check.assessments)
        text += (
            f"\n\nThe file itself is intact up to {when(candidate.taken_at)} ({held}); what "
            "was written after that is lost with the missing log. No backup is newer."
        )
    else:
        held = counts(candidate.check.teams, candidate.check.assessments)
        text += (
            f"\n\nThe newest backup that passes the check is from {when(candidate.taken_at)} "
            f"and holds {held}. Anything entered after it is not in it."
        )
    return text


class DamagedDatabaseDialog(QDialog):
    """Restore the newest good backup, start empty, or quit; ``choice`` says which."""

    def __init__(self, damage: Damage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.damage = damage
        self.choice = RecoveryChoice.QUIT
        self.setObjectName("damagedDatabaseDialog")
        self.setWindowTitle(headline(damage))
        self.setMinimumWidth(640)

        title = QLabel(headline(damage), self)
        font = title.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        title.setFont(font)
        self.message_label = QLabel(explanation(damage), self)
        self.message_label.setObjectName("damageExplanation")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("damageDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail = damage.report.detail
        self.detail_label.setText(f"Technical detail: {detail}" if detail else "")
        self.detail_label.setVisible(bool(detail))

        candidate = damage.candidate
        self.restore_button: QPushButton | None = None
        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        if candidate is not None:
            label = (
                "&Use the file as found"
                if candidate.as_found
                else f"&Restore the backup of {when(candidate.taken_at)}"
            )
            self.restore_button = QPushButton(label, self)
            self.restore_button.setObjectName("restoreBackup")
            self.restore_button.clicked.connect(self.on_restore_button_clicked)
            buttons.addWidget(self.restore_button)
        self.empty_button = QPushButton("Start with an &empty database", self)
        self.empty_button.setObjectName("startEmpty")
        self.empty_button.clicked.connect(self.on_empty_button_clicked)
        buttons.addWidget(self.empty_button)
        self.quit_button = QPushButton("&Quit and leave it as it is", self)
        self.quit_button.setObjectName("quitRecovery")
        self.quit_button.clicked.connect(self.reject)
        buttons.addWidget(self.quit_button)
        (self.restore_button or self.empty_button).setDefault(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(self.message_label)
        layout.addWidget(self.detail_label)
        layout.addLayout(buttons)

    @Slot()
    def on_restore_button_clicked(self) -> None:
        self.choice = RecoveryChoice.RESTORE
        self.accept()

    @Slot()
    def on_empty_button_clicked(self) -> None:
        self.choice = RecoveryChoice.START_EMPTY
        self.accept()
