"""The coach's "Room voting" panel: choose the network, open voting, run rounds, close it.

A non-modal window beside the workshop. Opening room voting starts the server on the chosen
address (Wi-Fi first, a drop-down for another); the panel then shows the QR code and the
address, how many phones have connected (the "test from your phone" step before the workshop),
and the round: how many have voted, never what. Closing the panel stops room voting. Esc only
hands the keyboard back to the workshop, where B opens a vote, Shift+B a survey vote and V
reveals.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.voting.room import Phase
from ui.voting.controller import RoomVoting
from ui.voting.qr import QrCodeWidget

HELP_TEXT = (
    "<b>If phones cannot open the page</b><br>"
    "• Phones and this laptop must be on the same network. Guest Wi-Fi often keeps devices "
    "apart (client isolation): use a laptop hotspot or a small travel router instead.<br>"
    "• Windows asks whether to allow SRE Workshop on networks: allow <i>Private</i> networks, "
    "and set the room's Wi-Fi to Private. macOS asks to accept incoming connections: Allow.<br>"
    "• Phones with mobile data may try the internet instead: turn mobile data off, or tap "
    "“Stay connected” when the phone says the Wi-Fi has no internet.<br>"
    "• Nothing works? Count hands and type the tally as usual (T)."
)

_STYLE = """
QLabel#votingUrl { font-size: 13pt; font-weight: 700; }
QLabel#votingDevices, QLabel#votingRoundState { font-size: 12pt; font-weight: 600; }
QLabel#votingNotice { background: #FFF4DB; border-left: 4px solid #B7791F; padding: 6px 8px; }
QLabel#votingIntro, QLabel#votingHelp { color: #26303B; }
QPushButton#votingToggle { font-weight: 700; padding: 6px 14px; }
"""


class RoomVotingPanel(QDialog):
    """See the module docstring. ``level`` and ``survey`` are the view's actions (B, Shift+B)."""

    def __init__(
        self,
        voting: RoomVoting,
        *,
        level: QAction,
        survey: QAction,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("roomVotingPanel")
        self.setWindowTitle("Room voting")
        self.setModal(False)
        self.setStyleSheet(_STYLE)
        self.voting = voting
        self._level_action, self._survey_action = level, survey
        self._build()
        voting.changed.connect(self.on_voting_changed)
        voting.notice.connect(self.on_voting_notice)
        self.refresh_addresses()
        self.on_voting_changed()

    # --- building --------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setSpacing(10)
        intro = QLabel(
            "Participants vote anonymously from their phones, over this laptop's network. "
            "Nobody, you included, sees how the room voted until you reveal it.",
            self,
        )
        intro.setObjectName("votingIntro")
        intro.setWordWrap(True)
        root.addWidget(intro)

        network = QHBoxLayout()
        address_label = QLabel("&Network address:", self)
        self.address_combo = QComboBox(self)
        self.address_combo.setObjectName("votingAddress")
        self.address_combo.setMinimumContentsLength(28)
        address_label.setBuddy(self.address_combo)
        self.refresh_button = QPushButton("Refresh", self)
        self.refresh_button.clicked.connect(self.refresh_addresses)
        self.toggle_button = QPushButton(self)
        self.toggle_button.setObjectName("votingToggle")
        self.toggle_button.setDefault(True)
        self.toggle_button.clicked.connect(self.on_toggle_button_clicked)
        network.addWidget(address_label)
        network.addWidget(self.address_combo, 1)
        network.addWidget(self.refresh_button)
        network.addWidget(self.toggle_button)
        root.addLayout(network)

        self.notice_label = QLabel(self)
        self.notice_label.setObjectName("votingNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()
        root.addWidget(self.notice_label)

        self.join_box = QFrame(self)
        join = QHBoxLayout(self.join_box)
        join.setContentsMargins(0, 0, 0, 0)
        self.qr = QrCodeWidget(self.join_box, minimum=200)
        self.qr.setFixedSize(220, 220)
        join.addWidget(self.qr)
        details = QVBoxLayout()
        self.url_label = QLabel(self.join_box)
        self.url_label.setObjectName("votingUrl")
        self.url_label.setWordWrap(True)
        self.url_label.setTextFormat(Qt.TextFormat.PlainText)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton("Copy address", self.join_box)
        self.copy_button.clicked.connect(self.on_copy_button_clicked)
        self.devices_label = QLabel(self.join_box)
        self.devices_label.setObjectName("votingDevices")
        self.devices_label.setWordWrap(True)
        self.phone_test_label = QLabel(
            "Before the workshop, scan the code with your own phone: this number goes up "
            "when the room's phones can reach the laptop.",
            self.join_box,
        )
        self.phone_test_label.setWordWrap(True)
        details.addWidget(self.url_label)
        details.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)
        details.addWidget(self.devices_label)
        details.addWidget(self.phone_test_label)
        details.addStretch(1)
        join.addLayout(details, 1)
        root.addWidget(self.join_box)

        self.round_box = QFrame(self)
        rounds = QGridLayout(self.round_box)
        rounds.setContentsMargins(0, 0, 0, 0)
        self.round_state_label = QLabel(self.round_box)
        self.round_state_label.setObjectName("votingRoundState")
        self.round_state_label.setWordWrap(True)
        rounds.addWidget(self.round_state_label, 0, 0, 1, 4)
        self.level_button = self._action_button(self._level_action, "Vote on the level  (B)")
        self.survey_button = self._action_button(self._survey_action, "Vote on statement  (⇧B)")
        self.reveal_button = QPushButton("Reveal", self.round_box)
        self.reveal_button.setToolTip(
            "Show the open phone vote to the room (in the workshop: V on its area)"
        )
        self.reveal_button.clicked.connect(self.voting.reveal)
        self.close_round_button = QPushButton("Close vote unrevealed", self.round_box)
        self.close_round_button.clicked.connect(self.voting.close_round)
        for column, button in enumerate(
            (self.level_button, self.survey_button, self.reveal_button, self.close_round_button)
        ):
            rounds.addWidget(button, 1, column)
        expected_label = QLabel("&Expected voters:", self.round_box)
        self.expected_spin = QSpinBox(self.round_box)
        self.expected_spin.setObjectName("votingExpected")
        self.expected_spin.setRange(0, 500)
        self.expected_spin.setSpecialValueText("not set")
        expected_label.setBuddy(self.expected_spin)
        self.auto_reveal_check = QCheckBox("Reveal by itself when all have voted", self.round_box)
        self.auto_reveal_check.setObjectName("votingAutoReveal")
        self.expected_spin.valueChanged.connect(self.on_expected_changed)
        self.auto_reveal_check.toggled.connect(self.on_expected_changed)
        rounds.addWidget(expected_label, 2, 0)
        rounds.addWidget(self.expected_spin, 2, 1)
        rounds.addWidget(self.auto_reveal_check, 2, 2, 1, 2)
        root.addWidget(self.round_box)

        help_label = QLabel(HELP_TEXT, self)
        help_label.setObjectName("votingHelp")
        help_label.setWordWrap(True)
        root.addWidget(help_label)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.close_button = QPushButton("Stop and close", self)
        self.close_button.clicked.connect(self.close)
        bottom.addWidget(self.close_button)
        root.addLayout(bottom)
        self.resize(720, 640)

    def _action_button(self, action: QAction, text: str) -> QPushButton:
        button = QPushButton(text, self.round_box)
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        return button

    # --- reading ---------------------------------------------------------------------------

    @property
    def expected(self) -> int:
        return self.expected_spin.value()

    @property
    def auto_reveal(self) -> bool:
        return self.auto_reveal_check.isChecked() and self.expected_spin.value() > 0

    def set_expected_default(self, count: int) -> None:
        """The assessment's head count, unless the coach already set one."""
        if self.expected_spin.value() == 0:
            self.expected_spin.setValue(count)

    # --- showing ---------------------------------------------------------------------------

    @Slot()
    def refresh_addresses(self) -> None:
        current = self.address_combo.currentData()
        self.address_combo.clear()
        for candidate in self.voting.candidates():
            self.address_combo.addItem(candidate.description, candidate.address)
        if not self.address_combo.count():
            self.address_combo.addItem("No network found: join the room's Wi-Fi", None)
        index = self.address_combo.findData(current)
        if index >= 0:
            self.address_combo.setCurrentIndex(index)

    @Slot()
    def on_voting_changed(self) -> None:
        voting = self.voting
        running = voting.running
        self.toggle_button.setText("Stop room voting" if running else "Open room voting")
        self.address_combo.setEnabled(not running)
        self.refresh_button.setEnabled(not running)
        self.join_box.setVisible(running)
        self.round_box.setEnabled(running)
        state = voting.state
        if running:
            self.qr.set_text(voting.url)
            self.url_label.setText(voting.url)
            phones = "phone has" if state.devices == 1 else "phones have"
            self.devices_label.setText(f"{state.devices} {phones} opened the page.")
        spec = state.round
        if not running:
            text = "Open room voting to put questions to the phones."
        elif spec is None:
            text = "No vote open. B: vote on the level of the area you are on."
        elif state.phase is Phase.OPEN:
            of = f" of {state.expected}" if state.expected else ""
            text = (
                f"Vote open: {spec.area_name}. {state.votes_cast}{of} voted. "
                "Nobody sees the votes until you reveal them (V)."
            )
        else:
            result = state.result
            total = result.total if result is not None else 0
            shown = result is None or result.shown
            text = f"Revealed: {spec.area_name}, {total} votes" + (
                "" if shown else " (too few to show in the room)"
            )
            text += ". The counts are in the area's tally."
        self.round_state_label.setText(text)
        self.reveal_button.setEnabled(state.phase is Phase.OPEN)
        self.close_round_button.setEnabled(state.phase is not Phase.WAITING)

    @Slot(str)
    def on_voting_notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))
        self.refresh_addresses()
        if text and self.isVisible():
            self.raise_()  # the coach must see it: the room needs the new code

    # --- acting ----------------------------------------------------------------------------

    @Slot()
    def on_toggle_button_clicked(self) -> None:
        if self.voting.running:
            self.voting.stop()
            return
        address = self.address_combo.currentData()
        if not address:
            self.on_voting_notice("Join the room's network first, then press Refresh.")
            return
        try:
            self.voting.start(str(address))
        except OSError as exc:
            self.on_voting_notice(
                f"Room voting could not open on {address}: {exc.strerror or exc}. "
                "Pick another address, or count hands and type the tally."
            )
            return
        self.notice_label.hide()
        # The coach goes on from the keyboard in the workshop (B opens a vote, V reveals).
        parent = self.parentWidget()
        if parent is not None:
            parent.window().activateWindow()

    @Slot()
    def on_copy_button_clicked(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None and self.voting.url:
            clipboard.setText(self.voting.url)

    @Slot()
    def on_expected_changed(self) -> None:
        if self.voting.state.phase is Phase.OPEN:
            self.voting.set_expected(self.expected, self.auto_reveal)

    # --- events ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_addresses()

    def reject(self) -> None:
        """Esc: back to the workshop, voting stays open (closing the panel stops it)."""
        parent = self.parentWidget()
        if parent is not None:
            parent.window().activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.voting.stop()
        super().closeEvent(event)
