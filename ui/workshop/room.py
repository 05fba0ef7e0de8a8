"""The room's side of the workshop: the presenter window and which votes are revealed.

The facilitation view asks this object to open, move or close the projector window and to
reveal an area's votes; it pushes the current :class:`~ui.workshop.presenter_window.
PresenterContent` with :meth:`Room.push`. Votes are revealed per area, in memory only: a
reopened workshop starts with every tally hidden again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QWidget

from ui.workshop.presenter_window import PresenterContent, PresenterWindow


class Room(QObject):
    #: The presenter window opened or closed, or a reveal changed.
    changed = Signal()

    def __init__(self, view: QWidget, content: Callable[[], PresenterContent | None]) -> None:
        super().__init__(view)
        self._view = view
        self._content = content
        self._presenter: PresenterWindow | None = None
        self._revealed: set[str] = set()

    @property
    def presenter(self) -> PresenterWindow | None:
        return self._presenter

    @property
    def revealed(self) -> frozenset[str]:
        return frozenset(self._revealed)

    def is_revealed(self, area_key: str) -> bool:
        return area_key in self._revealed

    def reset(self) -> None:
        """A new workshop: every tally hidden again."""
        self._revealed.clear()
        self.push()

    def toggle_reveal(self, area_key: str) -> None:
        if area_key in self._revealed:
            self._revealed.discard(area_key)
        else:
            self._revealed.add(area_key)
        self.push()
        self.changed.emit()

    def push(self) -> None:
        """Show the current content on the projector (if it is open)."""
        if self._presenter is None:
            return
        content = self._content()
        if content is not None:
            self._presenter.show_content(content)

    def open_presenter(self, actions: Iterable[QAction]) -> PresenterWindow:
        """Full screen on a screen other than the main window's; else a normal window.

        The presenter takes ``actions`` (so the coach can drive from that window too) but not
        the keyboard focus: the main window stays active.
        """
        if self._presenter is not None:
            return self._presenter
        presenter = PresenterWindow()
        presenter.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        presenter.addActions(list(actions))
        presenter.closed.connect(self.on_presenter_closed)
        self._presenter = presenter
        self.push()
        window = self._view.window()
        others = [screen for screen in QGuiApplication.screens() if screen is not window.screen()]
        presenter.show_on(others[0] if others else None, full_screen=bool(others))
        window.activateWindow()
        self.changed.emit()
        return presenter

    def close_presenter(self) -> None:
        if self._presenter is not None:
            self._presenter.close()

    def toggle_presenter(self, actions: Iterable[QAction]) -> None:
        if self._presenter is not None:
            self.close_presenter()
        else:
            self.open_presenter(actions)

    def move_presenter_to_next_screen(self) -> None:
        if self._presenter is not None:
            self._presenter.move_to_next_screen()

    @Slot()
    def on_presenter_closed(self) -> None:
        presenter, self._presenter = self._presenter, None
        if presenter is not None:
            presenter.deleteLater()
        self.changed.emit()
