"""The workshop keymap: ONE table used for the key bindings, the menus and the F1 overlay.

Every entry names a :class:`Command`, its keys (portable ``QKeySequence`` text), what it does in
the coach's words, the group it is listed under and where it works:

* ``Scope.VIEW`` keys work when no text field has focus. Text fields keep them for typing
  (Qt lets a focused editor claim plain keys first), so "3 runbooks" typed into the notes
  never rates the area.
* ``Scope.ANYWHERE`` keys also work from inside the notes, rationale and reason editors: the
  editors hand exactly these keys on (see :mod:`ui.workshop.editors`).
* ``Scope.TALLY`` entries are handled by a focused tally itself; they are listed, not bound.
* ``Scope.PRESENTER`` entries work in the presenter window; they are listed, not bound here.

The facilitation view makes one ``QAction`` per bound command from this table (digits: one
per key), so the overlay, the menus and the bindings cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum, StrEnum

from PySide6.QtGui import QKeySequence

from ui.widgets import tally_widget


class Scope(Enum):
    VIEW = "view"
    ANYWHERE = "anywhere"
    TALLY = "tally"
    PRESENTER = "presenter"


class Group(StrEnum):
    NAVIGATE = "Navigate"
    CAPTURE = "Capture"
    ROOM = "Room"
    APP = "App"


class Command(StrEnum):
    NEXT_QUESTION = "next-question"
    PREVIOUS_QUESTION = "previous-question"
    NEXT_QUESTION_ANYWHERE = "next-question-anywhere"
    PREVIOUS_QUESTION_ANYWHERE = "previous-question-anywhere"
    NEXT_AREA = "next-area"
    PREVIOUS_AREA = "previous-area"
    RATE = "rate"
    NOT_APPLICABLE = "not-applicable"
    CLEAR_LEVEL = "clear-level"
    QUICK_YES = "quick-yes"
    QUICK_PARTLY = "quick-partly"
    QUICK_NO = "quick-no"
    QUICK_UNKNOWN = "quick-unknown"
    FOLLOW_UP = "follow-up"
    EDIT_NOTES = "edit-notes"
    EDIT_RATIONALE = "edit-rationale"
    LEAVE_EDITOR = "leave-editor"
    VOTE_TALLY = "vote-tally"
    SURVEY_TALLY = "survey-tally"
    TALLY_PICK = "tally-pick"
    TALLY_STEP = "tally-step"
    REVEAL_VOTES = "reveal-votes"
    ROOM_VOTING = "room-voting"
    ROOM_LEVEL_VOTE = "room-level-vote"
    ROOM_SURVEY_VOTE = "room-survey-vote"
    PAUSE_CLOCK = "pause-clock"
    PRESENTER = "presenter"
    PRESENTER_SCREEN = "presenter-screen"
    PRESENTER_FULL_SCREEN = "presenter-full-screen"
    SHORTCUTS = "shortcuts"
    LIBRARY = "library"
    UNDO = "undo"
    REDO = "redo"


@dataclass(frozen=True)
class KeyBinding:
    command: Command
    #: Portable QKeySequence strings; the first is the one menus show.
    keys: tuple[str, ...]
    #: What the key does, in the coach's words (the overlay's right column).
    description: str
    group: Group
    scope: Scope
    #: What the overlay shows in the key column, when the keys alone would read badly.
    key_label: str = ""
    #: Menu text for the QAction (empty: the description).
    text: str = ""
    #: Each key gets its own action (digits: the key's number is the argument).
    per_key: bool = False
    #: Shown in the view's one-line hint bar.
    hint: str = ""

    def sequences(self) -> tuple[QKeySequence, ...]:
        return tuple(QKeySequence(key) for key in self.keys)

    def display_keys(self) -> str:
        if self.key_label:
            return self.key_label
        return " / ".join(
            QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) for key in self.keys
        )

    @property
    def works_while_typing(self) -> bool:
        """Also works with the cursor in the notes, rationale or reason (the overlay marks it)."""
        return self.scope is Scope.ANYWHERE

    def overlay_text(self) -> str:
        """The description as the F1 overlay lists it."""
        return self.description

    @property
    def is_bound(self) -> bool:
        """Whether the facilitation view binds it to an action (else it is only listed)."""
        return self.scope in (Scope.VIEW, Scope.ANYWHERE) and self.command not in (
            Command.UNDO,
            Command.REDO,
        )


def _key_names(keys: tuple[object, ...]) -> str:
    """Arrow glyphs for Qt keys; "=" and "_" are unshifted aliases of "+" and "−", not listed."""
    names = {
        "Key_Up": "↑",
        "Key_Down": "↓",
        "Key_Left": "←",
        "Key_Right": "→",
        "Key_Plus": "+",
        "Key_Minus": "−",
    }
    shown = [names[name] for key in keys if (name := getattr(key, "name", "")) in names]
    return " / ".join(shown)


KEYMAP: tuple[KeyBinding, ...] = (
    # --- navigate --------------------------------------------------------------------------
    KeyBinding(
        Command.NEXT_QUESTION,
        ("Right", "J", "PgDown"),
        "Next question (after the last: next area)",
        Group.NAVIGATE,
        Scope.VIEW,
        key_label="→ / J / Page Down",
        text="Next Question",
        hint="→ next",
    ),
    KeyBinding(
        Command.PREVIOUS_QUESTION,
        ("Left", "K", "PgUp"),
        "Previous question (before the first: previous area)",
        Group.NAVIGATE,
        Scope.VIEW,
        key_label="← / K / Page Up",
        text="Previous Question",
        hint="← back",
    ),
    KeyBinding(
        Command.NEXT_QUESTION_ANYWHERE,
        ("Alt+Right", "Ctrl+Return", "Ctrl+Enter"),
        "Next question",
        Group.NAVIGATE,
        Scope.ANYWHERE,
        key_label="Alt+→ / Ctrl+Return",
        text="Next Question (While Typing)",
    ),
    KeyBinding(
        Command.PREVIOUS_QUESTION_ANYWHERE,
        ("Alt+Left",),
        "Previous question",
        Group.NAVIGATE,
        Scope.ANYWHERE,
        key_label="Alt+←",
        text="Previous Question (While Typing)",
    ),
    KeyBinding(
        Command.NEXT_AREA,
        ("Ctrl+Down",),
        "Next area",
        Group.NAVIGATE,
        Scope.ANYWHERE,
        key_label="Ctrl+↓",
        text="Next Area",
        hint="Ctrl+↓ area",
    ),
    KeyBinding(
        Command.PREVIOUS_AREA,
        ("Ctrl+Up",),
        "Previous area",
        Group.NAVIGATE,
        Scope.ANYWHERE,
        key_label="Ctrl+↑",
        text="Previous Area",
    ),
    # --- capture ---------------------------------------------------------------------------
    KeyBinding(
        Command.RATE,
        ("1", "2", "3", "4", "5"),
        "Agree that level for this area",
        Group.CAPTURE,
        Scope.VIEW,
        key_label="1 … 5",
        text="Agree Level {key}",
        per_key=True,
        hint="1–5 agree",
    ),
    KeyBinding(
        Command.NOT_APPLICABLE,
        ("0",),
        "Not applicable, then type why",
        Group.CAPTURE,
        Scope.VIEW,
        text="Not Applicable",
        hint="0 n/a",
    ),
    KeyBinding(
        Command.CLEAR_LEVEL,
        ("Delete", "Backspace"),
        "Clear the agreed level",
        Group.CAPTURE,
        Scope.VIEW,
        key_label="Delete / Backspace",
        text="Clear Level",
    ),
    KeyBinding(
        Command.QUICK_YES,
        ("Y",),
        "Answer yes (again: clear)",
        Group.CAPTURE,
        Scope.VIEW,
        text="Answer Yes",
        hint="Y/P/N/U answer",
    ),
    KeyBinding(
        Command.QUICK_PARTLY,
        ("P",),
        "Answer partly (again: clear)",
        Group.CAPTURE,
        Scope.VIEW,
        text="Answer Partly",
    ),
    KeyBinding(
        Command.QUICK_NO,
        ("N",),
        "Answer no (again: clear)",
        Group.CAPTURE,
        Scope.VIEW,
        text="Answer No",
    ),
    KeyBinding(
        Command.QUICK_UNKNOWN,
        ("U",),
        "Answer unknown (again: clear)",
        Group.CAPTURE,
        Scope.VIEW,
        text="Answer Unknown",
    ),
    KeyBinding(
        Command.FOLLOW_UP,
        ("F",),
        "Flag for follow-up (again: clear)",
        Group.CAPTURE,
        Scope.VIEW,
        text="Flag for Follow-up",
        hint="F flag",
    ),
    KeyBinding(
        Command.EDIT_NOTES,
        ("E", "Return", "Enter"),
        "Write notes (saved as you type)",
        Group.CAPTURE,
        Scope.VIEW,
        key_label="E / Return",
        text="Edit Notes",
        hint="E notes",
    ),
    KeyBinding(
        Command.EDIT_RATIONALE,
        ("R",),
        "Write the rationale",
        Group.CAPTURE,
        Scope.VIEW,
        text="Edit Rationale",
        hint="R rationale",
    ),
    KeyBinding(
        Command.LEAVE_EDITOR,
        ("Esc",),
        "Leave the editor or tally (saves)",
        Group.CAPTURE,
        Scope.ANYWHERE,
        text="Leave Editor",
        hint="Esc leave",
    ),
    KeyBinding(
        Command.VOTE_TALLY,
        ("T",),
        "Count the room's votes per level",
        Group.CAPTURE,
        Scope.VIEW,
        text="Vote Tally",
        hint="T votes",
    ),
    KeyBinding(
        Command.SURVEY_TALLY,
        ("S",),
        "Count the survey answers (culture)",
        Group.CAPTURE,
        Scope.VIEW,
        text="Survey Tally",
    ),
    KeyBinding(
        Command.TALLY_PICK,
        (),
        "In a tally: choose the level or answer",
        Group.CAPTURE,
        Scope.TALLY,
        key_label=_key_names((*tally_widget.PREVIOUS_VALUE_KEYS, *tally_widget.NEXT_VALUE_KEYS)),
    ),
    KeyBinding(
        Command.TALLY_STEP,
        (),
        "In a tally: one more / one fewer",
        Group.CAPTURE,
        Scope.TALLY,
        key_label=f"{_key_names(tally_widget.INCREMENT_KEYS)}  ·  "
        f"{_key_names(tally_widget.DECREMENT_KEYS)}",
    ),
    # --- room ------------------------------------------------------------------------------
    KeyBinding(
        Command.REVEAL_VOTES,
        ("V",),
        "Show or hide this area's votes on the projector",
        Group.ROOM,
        Scope.VIEW,
        text="Reveal Votes on Projector",
        hint="V reveal",
    ),
    KeyBinding(
        Command.ROOM_VOTING,
        ("O",),
        "Room voting from phones: open the panel (QR code, network)",
        Group.ROOM,
        Scope.VIEW,
        text="Room Voting from Phones…",
        hint="O phones",
    ),
    KeyBinding(
        Command.ROOM_LEVEL_VOTE,
        ("B",),
        "Phones vote on this area's level (V reveals)",
        Group.ROOM,
        Scope.VIEW,
        text="Phones Vote on the Level",
    ),
    KeyBinding(
        Command.ROOM_SURVEY_VOTE,
        ("Shift+B",),
        "Phones vote on the survey statement (culture)",
        Group.ROOM,
        Scope.VIEW,
        text="Phones Vote on the Survey Statement",
    ),
    KeyBinding(
        Command.PAUSE_CLOCK,
        ("Space",),
        "Pause or resume the workshop clock",
        Group.ROOM,
        Scope.VIEW,
        text="Pause Clock",
        hint="Space pause",
    ),
    KeyBinding(
        Command.PRESENTER,
        ("F5",),
        "Open or close the projector window",
        Group.ROOM,
        Scope.ANYWHERE,
        text="Presenter Window",
        hint="F5 projector",
    ),
    KeyBinding(
        Command.PRESENTER_SCREEN,
        ("Ctrl+F5",),
        "Move the projector window to the next screen",
        Group.ROOM,
        Scope.ANYWHERE,
        text="Move Presenter to Next Screen",
    ),
    KeyBinding(
        Command.PRESENTER_FULL_SCREEN,
        (),
        "Projector window: full screen on / off (Esc leaves)",
        Group.ROOM,
        Scope.PRESENTER,
        key_label="F11",
    ),
    # --- app -------------------------------------------------------------------------------
    KeyBinding(
        Command.UNDO,
        ("Ctrl+Z",),
        "Undo (in an editor: what you typed there)",
        Group.APP,
        Scope.ANYWHERE,
    ),
    KeyBinding(
        Command.REDO,
        ("Ctrl+Shift+Z", "Ctrl+Y"),
        "Redo",
        Group.APP,
        Scope.ANYWHERE,
    ),
    KeyBinding(
        Command.SHORTCUTS,
        ("F1",),
        "Show or hide this list",
        Group.APP,
        Scope.ANYWHERE,
        text="Keyboard Shortcuts",
        hint="F1 all keys",
    ),
    KeyBinding(
        Command.LIBRARY,
        ("Ctrl+L",),
        "Back to the library",
        Group.APP,
        Scope.ANYWHERE,
        text="Back to Library",
    ),
)


def binding(command: Command) -> KeyBinding:
    for entry in KEYMAP:
        if entry.command is command:
            return entry
    raise KeyError(command)


def grouped() -> Iterator[tuple[Group, tuple[KeyBinding, ...]]]:
    """The keymap by group, in the order the overlay lists them."""
    for group in Group:
        yield group, tuple(entry for entry in KEYMAP if entry.group is group)


def passthrough_sequences() -> tuple[QKeySequence, ...]:
    """Keys an editor hands on to the view instead of typing them (ANYWHERE scope)."""
    return tuple(
        sequence
        for entry in KEYMAP
        if entry.scope is Scope.ANYWHERE
        for sequence in entry.sequences()
    )


def hint_line() -> str:
    """The one-line reminder at the foot of the view."""
    return "   ·   ".join(entry.hint for entry in KEYMAP if entry.hint)
