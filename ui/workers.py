"""Long work off the GUI thread, with success and failure callbacks on the main thread.

``run_in_background(fn, on_done, on_failed)`` runs ``fn`` in Qt's thread pool; the callbacks are
delivered through queued signals, so they always run on the GUI thread. Workers never touch
widgets; they return plain results.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work, self._relay = work, relay

    @Slot()
    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # delivered to the GUI thread, which decides
            log.info("background task failed: %r", exc)
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


_running: set[_Relay] = set()


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None],
) -> None:
    """Run ``work()`` in the thread pool; call ``on_done(result)`` or ``on_failed(exc)`` later."""
    relay = _Relay()
    _running.add(relay)

    def finished_with(callback: Callable[[Any], None]) -> Callable[[Any], None]:
        def deliver(value: Any) -> None:
            _running.discard(relay)
            callback(value)

        return deliver

    relay.succeeded.connect(finished_with(on_done))
    relay.failed.connect(finished_with(on_failed))
    QThreadPool.globalInstance().start(_Task(work, relay))


def wait_for_background_work(milliseconds: int = 30_000) -> bool:
    """Block until the pool is idle (used on exit and in tests)."""
    return QThreadPool.globalInstance().waitForDone(milliseconds)
