"""Server-Sent Events: every phone's live stream of full snapshots, and how streams end.

Each change of the room sends the whole :func:`~sre_workshop.voting.pages.phone_json` snapshot
(with its revision as the event id), so a phone that missed events only needs the next one; a
comment line every few seconds keeps idle connections honest. :class:`StreamHub` lives on the
server's event loop: :meth:`StreamHub.notify` wakes every stream after a change, and
:meth:`StreamHub.stop` ends them all at once, which is what makes stopping the server quick.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Mapping

from aiohttp import web

from sre_workshop.voting.pages import phone_json
from sre_workshop.voting.room import PhoneView


class StreamHub:
    """Wakes the live streams; only ever used on the server's event loop thread."""

    def __init__(self) -> None:
        self._event = asyncio.Event()
        self.stopping = False
        #: Streams opened before the last :meth:`cut` end themselves.
        self.generation = 0
        self.open_streams = 0

    def current(self) -> asyncio.Event:
        return self._event

    def notify(self) -> None:
        event, self._event = self._event, asyncio.Event()
        event.set()

    def cut(self) -> None:
        """End every open stream (phones reconnect by themselves)."""
        self.generation += 1
        self.notify()

    def stop(self) -> None:
        self.stopping = True
        self.notify()


def _event(view: PhoneView) -> bytes:
    data = json.dumps(phone_json(view), ensure_ascii=False, separators=(",", ":"))
    return f"id: {view.rev}\ndata: {data}\n\n".encode()


async def serve_stream(
    request: web.BaseRequest,
    *,
    view: Callable[[], PhoneView],
    hub: StreamHub,
    headers: Mapping[str, str],
    heartbeat: float,
    retry_milliseconds: int,
) -> web.StreamResponse:
    """Stream snapshots to one phone until it leaves, the streams are cut, or the server stops."""
    response = web.StreamResponse(
        headers={
            **headers,
            "Content-Type": "text/event-stream; charset=utf-8",
            "X-Accel-Buffering": "no",
        }
    )
    await response.prepare(request)
    generation = hub.generation
    last_rev: int | None = None
    hub.open_streams += 1
    try:
        await response.write(f"retry: {retry_milliseconds}\n\n".encode())
        while not hub.stopping and hub.generation == generation:
            wake = hub.current()  # taken before reading, so no change slips in between
            snapshot = view()
            if snapshot.rev != last_rev:
                last_rev = snapshot.rev
                await response.write(_event(snapshot))
            try:
                await asyncio.wait_for(wake.wait(), heartbeat)
            except TimeoutError:
                await response.write(b": ping\n\n")
    except ConnectionError:
        pass  # the phone went away (screen locked, Wi-Fi dropped): it reconnects by itself
    finally:
        hub.open_streams -= 1
    return response
