"""Where the workshop stands: the open capture session, its agenda and the coach's place in it.

Plain Python (no Qt), shared by the facilitation view's parts: they read the current area and
question here; only the navigation (:mod:`ui.workshop.navigator`) moves the position.
"""

from __future__ import annotations

from sre_workshop.capture import CaptureSession
from sre_workshop.model import Area
from ui.workshop.navigation import Agenda, Position


class WorkshopState:
    def __init__(self) -> None:
        self.session: CaptureSession | None = None
        self.team_name = ""
        self.agenda = Agenda(())
        self.position: Position | None = None
        #: Keys of the areas the coach has left (the agenda marks them).
        self.visited: set[str] = set()

    def current_area(self) -> Area | None:
        if self.position is None or not len(self.agenda):
            return None
        return self.agenda.areas[self.position.area]

    def current_question_key(self) -> str | None:
        if self.position is None:
            return None
        flat = self.agenda.question(self.position)
        return flat.question.key if flat is not None else None

    def question_text(self, key: str) -> str:
        position = self.agenda.locate_question(key)
        flat = self.agenda.question(position) if position is not None else None
        return flat.question.text if flat is not None else key

    def title_detail(self) -> str:
        """ "Checkout & Payments · 2026-03-10": the team and the assessment's date."""
        if self.session is None:
            return ""
        return f"{self.team_name} · {self.session.record.assessment.date.isoformat()}"
