"""The pieces every page builds its commands from: a ``QAction``, a button for it, a question.

A page owns its ``QAction`` objects and the main window puts the same actions in its menus. Their
shortcuts are live only while the page has the focus, so two pages may bind the same keys for
their own work without Qt finding the shortcut ambiguous.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

Shortcut = QKeySequence | QKeySequence.StandardKey | str


def page_action(
    page: QWidget,
    text: str,
    tip: str,
    slot: Callable[[], None],
    shortcut: Shortcut | None = None,
) -> QAction:
    """An action of ``page`` calling ``slot``; its tooltip names the shortcut, if it has one."""
    action = QAction(text, page)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setStatusTip(tip)
    action.setToolTip(tooltip(tip, action.shortcut()))
    action.triggered.connect(slot)
    page.addAction(action)
    return action


def tooltip(tip: str, shortcut: QKeySequence) -> str:
    """``tip`` followed by the shortcut's keys as this platform writes them: "… (Ctrl+E)"."""
    keys = shortcut.toString(QKeySequence.SequenceFormat.NativeText)
    return f"{tip} ({keys})" if keys else tip


def action_button(action: QAction, text: str) -> QPushButton:
    """A push button that triggers ``action`` and follows its enabled state and tips."""
    button = QPushButton(text)
    button.setToolTip(action.toolTip())
    button.setStatusTip(action.statusTip())
    button.setEnabled(action.isEnabled())
    button.clicked.connect(action.trigger)
    action.enabledChanged.connect(button.setEnabled)
    return button


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask a yes/cancel question whose safe answer (Cancel) is the default."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes
