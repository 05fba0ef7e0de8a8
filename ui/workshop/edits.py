"""Every workshop edit: saved through the capture session, then put on the undo stack.

Each method makes one edit with one of the session's methods (one transaction), and only when
it was saved pushes an undo command holding the value before and after. A failed save raises
and pushes nothing, so the history never holds an edit the database does not. Typed text
carries the current ``typing_token``: saves with the same token merge into one command, so one
undo takes back what was typed since the editor was entered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtGui import QUndoStack

from sre_workshop.capture import CaptureSession
from sre_workshop.model import Answer, Area, AreaRating, QuickAnswer, SurveyTally
from ui.workshop.commands import AnswerCommand, CommandContext, RatingCommand, SurveyCommand


def short(text: str, limit: int = 48) -> str:
    """``text`` cut to ``limit`` characters with "…" (for undo menu texts)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class WorkshopEdits:
    """The edits of one capture session, each saved at once and undoable."""

    def __init__(self, undo_stack: QUndoStack, context: CommandContext) -> None:
        self._stack = undo_stack
        self._context = context
        self.session: CaptureSession | None = None
        self.typing_token = 0

    def new_typing_burst(self) -> None:
        """Typing from now on is a new undo step (an editor was left, or the view moved)."""
        self.typing_token += 1

    def _session(self) -> CaptureSession:
        if self.session is None:
            raise RuntimeError("no workshop is open")
        return self.session

    # --- the three kinds of stored object -------------------------------------------------

    def _rating(
        self,
        text: str,
        area_key: str,
        edit: Callable[[CaptureSession], AreaRating],
        *,
        typing: bool = False,
    ) -> None:
        session = self._session()
        previous = edit(session)
        current = session.rating(area_key)
        if current != previous:
            token = self.typing_token if typing else None
            self._stack.push(
                RatingCommand(session, self._context, text, previous, current, typing_token=token)
            )

    def _answer(
        self,
        text: str,
        question_key: str,
        edit: Callable[[CaptureSession], Answer],
        *,
        typing: bool = False,
    ) -> None:
        session = self._session()
        previous = edit(session)
        current = session.answer(question_key)
        if current != previous:
            token = self.typing_token if typing else None
            self._stack.push(
                AnswerCommand(session, self._context, text, previous, current, typing_token=token)
            )

    def _survey(
        self, text: str, area_key: str, edit: Callable[[CaptureSession], SurveyTally]
    ) -> None:
        session = self._session()
        previous = edit(session)
        current = session.survey_tally(area_key)
        if current != previous:
            self._stack.push(SurveyCommand(session, self._context, text, previous, current))

    # --- area -----------------------------------------------------------------------------

    def set_level(self, area: Area, level: int | None) -> None:
        text = (
            f"Agree level {level} for {area.name}" if level else f"Clear the level of {area.name}"
        )
        self._rating(text, area.key, lambda s: s.set_level(area.key, level))

    def set_not_applicable(self, area: Area) -> None:
        self._rating(
            f"Mark {area.name} not applicable",
            area.key,
            lambda s: s.set_not_applicable(area.key, s.rating(area.key).not_applicable_reason),
        )

    def set_vote_count(self, area: Area, level: int, count: int) -> None:
        votes = "vote" if count == 1 else "votes"
        self._rating(
            f"{count} {votes} for level {level} in {area.name}",
            area.key,
            lambda s: s.set_vote_count(area.key, level, count),
        )

    def set_survey_count(self, area: Area, answer: int, count: int) -> None:
        answers = "answer" if count == 1 else "answers"
        self._survey(
            f"{count} survey {answers} of {answer} in {area.name}",
            area.key,
            lambda s: s.set_survey_count(area.key, answer, count),
        )

    def set_room_votes(self, area: Area, votes: tuple[int, int, int, int, int]) -> None:
        """The revealed phone vote becomes the area's tally (undo puts the old one back)."""
        self._rating(
            f"Room vote from phones for {area.name}",
            area.key,
            lambda s: s.set_room_votes(area.key, votes),
        )

    def set_room_survey(self, area: Area, counts: tuple[int, int, int, int, int, int, int]) -> None:
        self._survey(
            f"Room survey from phones for {area.name}",
            area.key,
            lambda s: s.set_room_survey(area.key, counts),
        )

    def save_rationale(self, area: Area, text: str) -> None:
        self._rating(
            f"Rationale of {area.name}",
            area.key,
            lambda s: s.set_rationale(area.key, text),
            typing=True,
        )

    def save_reason(self, area: Area, text: str) -> None:
        self._rating(
            f"Why {area.name} is not applicable",
            area.key,
            lambda s: s.save_rating(replace(s.rating(area.key), not_applicable_reason=text)),
            typing=True,
        )

    # --- question -------------------------------------------------------------------------

    def toggle_quick_answer(self, question_key: str, question: str, quick: QuickAnswer) -> None:
        """Set ``quick``, or clear it when it is the answer already."""
        chosen = None if self._session().answer(question_key).quick_answer is quick else quick
        label = f"Answer “{chosen.value}”" if chosen is not None else "Clear the answer"
        self._answer(
            f"{label} to “{short(question)}”",
            question_key,
            lambda s: s.set_quick_answer(question_key, chosen),
        )

    def toggle_follow_up(self, question_key: str, question: str) -> None:
        flagged = not self._session().answer(question_key).follow_up
        label = "Flag" if flagged else "Unflag"
        self._answer(
            f"{label} “{short(question)}”",
            question_key,
            lambda s: s.set_follow_up(question_key, flagged),
        )

    def save_notes(self, question_key: str, question: str, text: str) -> None:
        self._answer(
            f"Notes on “{short(question)}”",
            question_key,
            lambda s: s.set_notes(question_key, text),
            typing=True,
        )
