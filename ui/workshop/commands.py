"""Undo commands for workshop edits: each undo and redo is itself saved through the session.

Every command holds the stored object before and after the edit (an ``Answer``, an
``AreaRating`` or a ``SurveyTally``) and puts one or the other back with the session's
``save_*`` method, one transaction each. Commands are pushed *after* the edit was saved (the
view saves first so a failure is reported at once), so their first ``redo`` does nothing.

Undo and redo first show the coach what changes (the view moves to the question or area).
Typing is merged: consecutive saves of the same editor (same ``typing_token``) form one
command, so one undo takes back what was typed since the editor was entered. A save that
fails during undo or redo is reported and the command is dropped (made obsolete), so the
history never claims a state the database does not hold.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from sre_workshop.capture import CaptureSession
from sre_workshop.model import Answer, AreaRating, SurveyTally

log = logging.getLogger(__name__)

_ANSWER_TYPING_ID = 1
_RATING_TYPING_ID = 2


class CommandContext(Protocol):
    """What a command needs from the view: show the changed item, report a failure."""

    def reveal_question(self, question_key: str) -> None: ...

    def reveal_area(self, area_key: str) -> None: ...

    def report_failure(self, exc: BaseException, context: str) -> None: ...


class _CaptureCommand(QUndoCommand):
    def __init__(
        self, session: CaptureSession, context: CommandContext, text: str, *, applied: bool
    ) -> None:
        super().__init__(text)
        self._session = session
        self._context = context
        self._skip_redo = applied

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._run(undo=False)

    def undo(self) -> None:
        self._run(undo=True)

    def _run(self, *, undo: bool) -> None:
        # Called from C++ (QUndoStack): nothing may escape from here.
        try:
            self._reveal()
            self._apply(undo=undo)
        except Exception as exc:
            log.warning("%s of %r failed: %s", "undo" if undo else "redo", self.text(), exc)
            self.setObsolete(True)
            action = "Undo" if undo else "Redo"
            try:
                self._context.report_failure(exc, f"{action} of “{self.text()}” was not saved.")
            except Exception:  # pragma: no cover - the report itself failed; the log has it
                log.exception("could not report a failed undo")

    def _reveal(self) -> None:
        raise NotImplementedError

    def _apply(self, *, undo: bool) -> None:
        raise NotImplementedError


class _TypingCommand(_CaptureCommand):
    """A command whose consecutive typing saves into one editor merge into one undo step."""

    #: QUndoCommand.id() for merging; each subclass has its own.
    typing_id = -1

    def __init__(
        self,
        session: CaptureSession,
        context: CommandContext,
        text: str,
        *,
        typing_token: int | None,
        applied: bool,
    ) -> None:
        super().__init__(session, context, text, applied=applied)
        self.typing_token = typing_token

    def subject_key(self) -> str:
        """The question or area this command changes (merging never crosses subjects)."""
        raise NotImplementedError

    def has_no_effect(self) -> bool:
        raise NotImplementedError

    def take_newest(self, other: _TypingCommand) -> None:
        raise NotImplementedError

    def id(self) -> int:
        return self.typing_id if self.typing_token is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            type(other) is not type(self)
            or not isinstance(other, _TypingCommand)
            or self.typing_token is None
            or other.typing_token != self.typing_token
            or other.subject_key() != self.subject_key()
        ):
            return False
        self.take_newest(other)
        if self.has_no_effect():
            self.setObsolete(True)
        return True


class AnswerCommand(_TypingCommand):
    """Notes, quick answer or follow-up flag of one question."""

    typing_id = _ANSWER_TYPING_ID

    def __init__(
        self,
        session: CaptureSession,
        context: CommandContext,
        text: str,
        old: Answer,
        new: Answer,
        *,
        typing_token: int | None = None,
        applied: bool = True,
    ) -> None:
        super().__init__(session, context, text, typing_token=typing_token, applied=applied)
        self.old, self.new = old, new

    def subject_key(self) -> str:
        return self.new.question_key

    def has_no_effect(self) -> bool:
        return self.new == self.old

    def take_newest(self, other: _TypingCommand) -> None:
        assert isinstance(other, AnswerCommand)
        self.new = other.new

    def _reveal(self) -> None:
        self._context.reveal_question(self.new.question_key)

    def _apply(self, *, undo: bool) -> None:
        self._session.save_answer(self.old if undo else self.new)


class RatingCommand(_TypingCommand):
    """An area's level, not-applicable mark and reason, rationale or vote tally."""

    typing_id = _RATING_TYPING_ID

    def __init__(
        self,
        session: CaptureSession,
        context: CommandContext,
        text: str,
        old: AreaRating,
        new: AreaRating,
        *,
        typing_token: int | None = None,
        applied: bool = True,
    ) -> None:
        super().__init__(session, context, text, typing_token=typing_token, applied=applied)
        self.old, self.new = old, new

    def subject_key(self) -> str:
        return self.new.area_key

    def has_no_effect(self) -> bool:
        return self.new == self.old

    def take_newest(self, other: _TypingCommand) -> None:
        assert isinstance(other, RatingCommand)
        self.new = other.new

    def _reveal(self) -> None:
        self._context.reveal_area(self.new.area_key)

    def _apply(self, *, undo: bool) -> None:
        self._session.save_rating(self.old if undo else self.new)


class SurveyCommand(_CaptureCommand):
    """A culture aspect's 1-to-7 survey tally."""

    def __init__(
        self,
        session: CaptureSession,
        context: CommandContext,
        text: str,
        old: SurveyTally,
        new: SurveyTally,
        *,
        applied: bool = True,
    ) -> None:
        super().__init__(session, context, text, applied=applied)
        self.old, self.new = old, new

    def _reveal(self) -> None:
        self._context.reveal_area(self.new.area_key)

    def _apply(self, *, undo: bool) -> None:
        self._session.save_survey_tally(self.old if undo else self.new)
