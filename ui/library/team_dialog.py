"""``TeamDialog``: create a team or rename it (and change its description).

The dialog saves through the core when accepted, so a name the model refuses is shown in the
dialog and the coach can correct it without retyping everything.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.model import Team
from sre_workshop.workflows import create_team
from sre_workshop.workspace import Workspace
from ui.errors import show_error

#: A calm, readable error line inside a dialog (light and dark themes alike).
ERROR_STYLE = (
    "color: #7a1f1f; background: #fcebea; border: 1px solid #e8b4b0;"
    " border-radius: 4px; padding: 6px 8px;"
)


class TeamDialog(QDialog):
    """New team (``team`` is None) or rename ``team``. After acceptance ``self.team`` is saved."""

    def __init__(
        self, workspace: Workspace, team: Team | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.original = team
        self.team: Team | None = team
        self.setObjectName("teamDialog")
        self.setWindowTitle("Rename Team" if team else "New Team")
        self.setMinimumWidth(520)

        intro = QLabel(
            "Change the team's name or description."
            if team
            else "The product delivery team you will assess: developers, operations and product "
            "management who build and run the same product."
        )
        intro.setWordWrap(True)

        self.name_edit = QLineEdit(team.name if team else "")
        self.name_edit.setObjectName("teamName")
        self.name_edit.setPlaceholderText("e.g. Checkout & Payments")
        self.description_edit = QPlainTextEdit(team.description if team else "")
        self.description_edit.setObjectName("teamDescription")
        self.description_edit.setPlaceholderText(
            "What the team builds and runs, for whom, and why it is being assessed (optional)"
        )
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(110)

        form = QFormLayout()
        name_label = QLabel("&Name:")
        name_label.setBuddy(self.name_edit)
        description_label = QLabel("&Description:")
        description_label.setBuddy(self.description_edit)
        form.addRow(name_label, self.name_edit)
        form.addRow(description_label, self.description_edit)

        self.error_label = QLabel()
        self.error_label.setObjectName("dialogError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Save" if team else "Create Team")
        ok.setEnabled(not workspace.read_only)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.name_edit.textChanged.connect(self.on_name_edit_text_changed)
        self.name_edit.setFocus()

    def show_problem(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    @Slot(str)
    def on_name_edit_text_changed(self, _text: str) -> None:
        self.error_label.hide()

    def accept(self) -> None:
        name = self.name_edit.text().strip()
        description = self.description_edit.toPlainText().strip()
        if not name:
            self.show_problem("Please give the team a name.")
            self.name_edit.setFocus()
            return
        try:
            if self.original is None:
                self.team = create_team(self.workspace, name, description)
            else:
                self.team = self.workspace.repository.update_team(
                    replace(self.original, name=name, description=description)
                )
        except ValueError as exc:
            self.show_problem(f"{str(exc)[:1].upper()}{str(exc)[1:]}.")
            return
        except Exception as exc:
            show_error(self, exc, "The team could not be saved.")
            return
        super().accept()
