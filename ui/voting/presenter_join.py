"""What the projector shows while room voting is open: the join code, the address, the counts.

:class:`PresenterRoom` is frozen and holds only what the whole room may see: the address to
join (the QR code's content, also printed to type), how many phones are connected and, for the
round, how many have voted. It has no field for a distribution: after the reveal the counts
reach the projector through the area's tally like any revealed vote, or, below the coach's
"too few to show" setting, only as that sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui.voting.qr import QrCodeWidget


@dataclass(frozen=True)
class PresenterRoom:
    #: What the QR code holds and what people type.
    url: str
    devices: int
    round_area_key: str | None
    round_label: str
    round_open: bool
    votes_cast: int
    expected: int
    #: A revealed round with fewer votes than the coach's setting: how many there were.
    too_few: int | None = None
    #: How many answered "don't know" in a revealed level round (not part of the 1-5 tally).
    dont_know: int = 0
    #: The round is on the culture survey statement (1-7), not on the level.
    round_is_survey: bool = False

    def counts_round_on(self, area_key: str, *, survey: bool) -> bool:
        """Whether an open phone round on ``area_key`` (of that kind) is being counted."""
        return (
            self.round_open and self.round_area_key == area_key and self.round_is_survey == survey
        )

    @property
    def address_text(self) -> str:
        """The address as people type it: without ``http://``, which phones add themselves."""
        return self.url.removeprefix("http://")

    @property
    def address_lines(self) -> str:
        """The address on two lines, broken after the port rather than inside the token."""
        host, _, path = self.address_text.partition("/")
        return f"{host}\n/{path}" if path else host

    def status_text(self) -> str:
        if self.round_open:
            of = f" of {self.expected}" if self.expected else ""
            return f"{self.votes_cast}{of} voted · hidden until the reveal"
        if self.too_few is not None:
            return f"Too few votes to show ({self.too_few})"
        if self.round_label and self.dont_know:
            return f"Revealed · {self.dont_know} “don't know”"
        if self.round_label:
            return "Revealed"
        phones = "phone" if self.devices == 1 else "phones"
        return f"{self.devices} {phones} connected"


def _stylesheet(scale: float) -> str:
    def pt(points: float) -> str:
        return f"{max(8.0, points * scale):.1f}pt"

    return f"""
QLabel#joinHeading {{ font-size: {pt(22)}; font-weight: 800; color: #0B5394; }}
QLabel#joinAddress {{ font-size: {pt(23)}; font-weight: 700; color: #0A0F14;
    font-family: "DejaVu Sans Mono", "Consolas", "Menlo", monospace; }}
QLabel#joinHint {{ font-size: {pt(14)}; color: #46505C; }}
QLabel#joinRound {{ font-size: {pt(15)}; font-weight: 700; color: #46505C; }}
QLabel#joinStatus {{ font-size: {pt(24)}; font-weight: 800; color: #0A0F14; }}
QFrame#joinPanel {{ background: #FFFFFF; border: 3px solid #0B5394; border-radius: 10px; }}
"""


class JoinPanel(QFrame):
    """The presenter's join box: heading, large QR code, address text, status."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joinPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        self.heading_label = QLabel("Vote from your phone", self)
        self.heading_label.setObjectName("joinHeading")
        self.heading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr = QrCodeWidget(self, minimum=160)
        self.address_label = QLabel(self)
        self.address_label.setObjectName("joinAddress")
        self.address_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.address_label.setWordWrap(True)
        self.address_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hint_label = QLabel(
            "Scan, or type the address. Same Wi-Fi as this laptop. Anonymous.", self
        )
        self.hint_label.setObjectName("joinHint")
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint_label.setWordWrap(True)
        self.round_label = QLabel(self)
        self.round_label.setObjectName("joinRound")
        self.round_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("joinStatus")
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_label.setWordWrap(True)
        layout.addWidget(self.heading_label)
        layout.addWidget(self.qr, 1)
        layout.addWidget(self.address_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.round_label)
        layout.addWidget(self.status_label)
        self.set_scale(1.0)
        self.hide()

    def set_scale(self, scale: float) -> None:
        self.setStyleSheet(_stylesheet(scale))

    def show_room(self, room: PresenterRoom | None) -> None:
        self.setVisible(room is not None)
        if room is None:
            self.qr.set_text("")
            return
        self.qr.set_text(room.url)
        self.address_label.setText(room.address_lines)
        self.round_label.setText(room.round_label.upper())
        self.round_label.setVisible(bool(room.round_label))
        self.status_label.setText(room.status_text())
