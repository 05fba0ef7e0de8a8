"""The workshop clocks: overall elapsed time that can pause, and time spent per area.

Time comes from ``time_source`` (``time.monotonic`` by default), which tests replace to run a
timebox out without waiting. A QTimer only refreshes the display (``ticked``); the numbers are
always computed from the time source, so a stalled event loop never loses time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QObject, QTimer, Signal, Slot

TICK_MS = 500
#: The timebox shows "almost up" from this many seconds before its end.
WARNING_SECONDS = 60


class TimeboxState(Enum):
    NONE = "none"  # the area has no timebox (0 minutes)
    RUNNING = "running"
    ALMOST_UP = "almost-up"
    OVER = "over"


@dataclass(frozen=True)
class Timebox:
    """How an area's time stands: spent, allowed, and what to tell the coach."""

    spent: float
    allowed_minutes: int

    @property
    def remaining(self) -> float:
        return self.allowed_minutes * 60 - self.spent

    @property
    def state(self) -> TimeboxState:
        if self.allowed_minutes <= 0:
            return TimeboxState.NONE
        if self.remaining < 0:
            return TimeboxState.OVER
        if self.remaining <= WARNING_SECONDS:
            return TimeboxState.ALMOST_UP
        return TimeboxState.RUNNING

    def text(self) -> str:
        state = self.state
        if state is TimeboxState.NONE:
            return f"{format_duration(self.spent)} in this area"
        if state is TimeboxState.OVER:
            return f"⚠ Over time by {format_duration(-self.remaining)}"
        allowed = format_duration(self.allowed_minutes * 60)
        if state is TimeboxState.ALMOST_UP:
            return f"Almost up: {format_duration(self.remaining)} left of {allowed}"
        return f"{format_duration(self.remaining)} left of {allowed}"


def format_duration(seconds: float) -> str:
    """mm:ss, or h:mm:ss from an hour on (never negative)."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class WorkshopClock(QObject):
    """Overall and per-area elapsed time; pausing stops both."""

    #: Refresh the display (every TICK_MS while running, and on every change).
    ticked = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        time_source: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.time_source = time_source
        self._elapsed = 0.0
        self._area_elapsed: dict[str, float] = {}
        self._area: str | None = None
        self._since: float | None = None  # running since (None: paused or stopped)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.on_timer_timeout)

    # --- control ---------------------------------------------------------------------------

    def restart(self) -> None:
        """Zero everything and run (a workshop was opened)."""
        self._elapsed = 0.0
        self._area_elapsed.clear()
        self._area = None
        self._since = self.time_source()
        self._timer.start()
        self.ticked.emit()

    def stop(self) -> None:
        self._bank()
        self._since = None
        self._timer.stop()

    @property
    def paused(self) -> bool:
        return self._since is None

    def set_paused(self, paused: bool) -> None:
        if paused == self.paused:
            return
        if paused:
            self._bank()
            self._since = None
        else:
            self._since = self.time_source()
            self._timer.start()
        self.ticked.emit()

    def toggle_pause(self) -> None:
        self.set_paused(not self.paused)

    def set_area(self, area_key: str | None) -> None:
        """Time from now on counts for ``area_key`` (what was spent so far is kept)."""
        if area_key == self._area:
            return
        self._bank()
        self._area = area_key
        self.ticked.emit()

    # --- reading ---------------------------------------------------------------------------

    def _running(self) -> float:
        return 0.0 if self._since is None else max(0.0, self.time_source() - self._since)

    def elapsed(self) -> float:
        return self._elapsed + self._running()

    def area_elapsed(self, area_key: str) -> float:
        spent = self._area_elapsed.get(area_key, 0.0)
        return spent + (self._running() if area_key == self._area else 0.0)

    def timebox(self, area_key: str, minutes: int) -> Timebox:
        return Timebox(self.area_elapsed(area_key), minutes)

    def _bank(self) -> None:
        """Move the running stretch into the totals."""
        if self._since is None:
            return
        now = self.time_source()
        stretch = max(0.0, now - self._since)
        self._elapsed += stretch
        if self._area is not None:
            self._area_elapsed[self._area] = self._area_elapsed.get(self._area, 0.0) + stretch
        self._since = now

    @Slot()
    def on_timer_timeout(self) -> None:
        self.ticked.emit()
