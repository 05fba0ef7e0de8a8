"""What each keymap command does in the facilitation view, and when it must not run.

Every bound command (from its key, a menu or a button) arrives at :meth:`CommandHandlers.
dispatch`, which runs the view's method for it. Nothing runs without an open workshop but F1,
and edits by plain keys never run while a text field has the focus.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit

from sre_workshop.model import QuickAnswer
from ui.workshop.keymap import Command

if TYPE_CHECKING:
    from ui.workshop.facilitation_view import FacilitationView

#: Commands that never run while a text field has focus, however they were triggered
#: (defence in depth: Qt already hands plain keys to a focused text field first).
_TYPING_GUARDED = frozenset(
    {
        Command.RATE,
        Command.NOT_APPLICABLE,
        Command.CLEAR_LEVEL,
        Command.QUICK_YES,
        Command.QUICK_PARTLY,
        Command.QUICK_NO,
        Command.QUICK_UNKNOWN,
        Command.FOLLOW_UP,
        Command.ROOM_LEVEL_VOTE,
        Command.ROOM_SURVEY_VOTE,
    }
)
_QUICK = {
    Command.QUICK_YES: QuickAnswer.YES,
    Command.QUICK_PARTLY: QuickAnswer.PARTLY,
    Command.QUICK_NO: QuickAnswer.NO,
    Command.QUICK_UNKNOWN: QuickAnswer.UNKNOWN,
}


def _typing_in_text_field() -> bool:
    widget = QApplication.focusWidget()
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        return not widget.isReadOnly()
    return False


class CommandHandlers:
    """The keymap's commands, each run by one of the view's methods."""

    def __init__(self, view: FacilitationView) -> None:
        self._view = view
        self._handlers: dict[Command, Callable[[], object]] = {
            Command.NEXT_QUESTION: view.next_question,
            Command.PREVIOUS_QUESTION: view.previous_question,
            Command.NEXT_QUESTION_ANYWHERE: view.next_question,
            Command.PREVIOUS_QUESTION_ANYWHERE: view.previous_question,
            Command.NEXT_AREA: view.next_area,
            Command.PREVIOUS_AREA: view.previous_area,
            Command.NOT_APPLICABLE: view.mark_not_applicable,
            Command.CLEAR_LEVEL: lambda: view.set_level(None),
            Command.FOLLOW_UP: view.toggle_follow_up,
            Command.EDIT_NOTES: view.edit_notes,
            Command.EDIT_RATIONALE: view.edit_rationale,
            Command.LEAVE_EDITOR: view.leave_editor,
            Command.VOTE_TALLY: view.focus_vote_tally,
            Command.SURVEY_TALLY: view.focus_survey_tally,
            Command.REVEAL_VOTES: view.toggle_reveal,
            Command.PAUSE_CLOCK: view.toggle_pause,
            Command.PRESENTER: view.toggle_presenter,
            Command.PRESENTER_SCREEN: view.move_presenter_to_next_screen,
            Command.SHORTCUTS: view.toggle_shortcuts,
            Command.LIBRARY: view.back_to_library,
            Command.ROOM_VOTING: view.voting.show_panel,
            Command.ROOM_LEVEL_VOTE: view.voting.open_level_vote,
            Command.ROOM_SURVEY_VOTE: view.voting.open_survey_vote,
        }
        for command, quick in _QUICK.items():
            self._handlers[command] = partial(view.toggle_quick_answer, quick)

    def dispatch(self, command: Command, argument: int | None) -> None:
        """Run a keymap command (from its key, a menu or a button)."""
        if self._view.session is None and command is not Command.SHORTCUTS:
            return
        if command in _TYPING_GUARDED and _typing_in_text_field():
            return
        if command is Command.RATE:
            self._view.set_level(argument)
        else:
            self._handlers[command]()
