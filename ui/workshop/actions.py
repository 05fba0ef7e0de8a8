"""QActions for the workshop keymap: one per bound command (digits: one per key).

The actions carry the keymap's keys with a ``WidgetWithChildrenShortcut`` context on the
facilitation view, so they fire only while the workshop has focus; a focused text field still
gets plain keys first, which is what keeps typed digits from rating. :class:`ViewActions` names
the view's actions for its menu and session bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ui.workshop.keymap import KEYMAP, Command, KeyBinding

#: Called with the command and, for per-key commands (digits), the key's number.
Dispatch = Callable[[Command, int | None], None]


def _action(owner: QWidget, entry: KeyBinding, text: str, keys: tuple[str, ...]) -> QAction:
    action = QAction(text, owner)
    action.setShortcuts([QKeySequence(key) for key in keys])
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setToolTip(f"{entry.description} ({entry.display_keys()})")
    action.setData(entry.command.value)
    owner.addAction(action)
    return action


def bind_keymap(owner: QWidget, dispatch: Dispatch) -> dict[Command, list[QAction]]:
    """Make and add to ``owner`` the actions of every bound keymap entry."""
    actions: dict[Command, list[QAction]] = {}
    for entry in KEYMAP:
        if not entry.is_bound:
            continue
        command = entry.command
        if entry.per_key:
            for key in entry.keys:
                action = _action(owner, entry, entry.text.format(key=key), (key,))
                argument = int(key)
                action.triggered.connect(lambda _=False, c=command, a=argument: dispatch(c, a))
                actions.setdefault(command, []).append(action)
        else:
            action = _action(owner, entry, entry.text or entry.description, entry.keys)
            action.triggered.connect(lambda _=False, c=command: dispatch(c, None))
            actions[command] = [action]
    return actions


class ViewActions:
    """The facilitation view's actions: the keymap's, named for the menus and the session bar,
    plus Mark Completed.

    ``window_shortcuts`` is the main window's own F1 action, when its Help menu exists before
    the view: it replaces the view's, as two F1 shortcuts would be ambiguous and neither fire.
    """

    def __init__(
        self,
        owner: QWidget,
        dispatch: Dispatch,
        *,
        window_shortcuts: QAction | None,
        complete: Callable[[], None],
    ) -> None:
        self._owner = owner
        self.by_command = bind_keymap(owner, dispatch)
        if window_shortcuts is not None:
            for own in self.by_command[Command.SHORTCUTS]:
                owner.removeAction(own)
                own.setShortcuts([])
                own.deleteLater()
            self.by_command[Command.SHORTCUTS] = [window_shortcuts]
        first = {command: actions[0] for command, actions in self.by_command.items()}
        self.next_question = first[Command.NEXT_QUESTION]
        self.previous_question = first[Command.PREVIOUS_QUESTION]
        self.next_area = first[Command.NEXT_AREA]
        self.previous_area = first[Command.PREVIOUS_AREA]
        self.reveal = first[Command.REVEAL_VOTES]
        self.pause = first[Command.PAUSE_CLOCK]
        self.presenter = first[Command.PRESENTER]
        self.presenter_screen = first[Command.PRESENTER_SCREEN]
        self.shortcuts = first[Command.SHORTCUTS]
        self.library = first[Command.LIBRARY]
        for action in (self.reveal, self.pause, self.presenter):
            action.setCheckable(True)
        # F1 works from anywhere in the window (the library too), not only in the workshop.
        self.shortcuts.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.shortcuts.setIconText("All keys  (F1)")
        self.library.setIconText("◂ Library")
        self.complete = QAction("Mark Assessment &Completed", owner)
        self.complete.triggered.connect(complete)

    def menu(self) -> list[QAction]:
        """The main window's Workshop menu (separators included)."""

        def separator() -> QAction:
            action = QAction(self._owner)
            action.setSeparator(True)
            return action

        return [
            self.next_question,
            self.previous_question,
            self.next_area,
            self.previous_area,
            separator(),
            self.reveal,
            self.pause,
            self.presenter,
            self.presenter_screen,
            separator(),
            self.complete,
            self.library,
        ]

    def set_enabled(self, enabled: bool) -> None:
        """Without a workshop only F1 (all keys) works."""
        for actions in self.by_command.values():
            for action in actions:
                action.setEnabled(enabled or action is self.shortcuts)
        self.complete.setEnabled(enabled)
