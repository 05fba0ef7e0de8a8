"""QActions for the workshop keymap: one per bound command (digits: one per key).

The actions carry the keymap's keys with a ``WidgetWithChildrenShortcut`` context on the
facilitation view, so they fire only while the workshop has focus; a focused text field still
gets plain keys first, which is what keeps typed digits from rating.
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
