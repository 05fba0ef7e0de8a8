"""The room server: aiohttp on its own event loop, in a background thread, started by the coach.

:class:`VotingServer` binds exactly one address (the private IPv4 the coach chose; loopback in
tests), trying the default port and then a few after it. Each :meth:`VotingServer.start` is a
new opening with a new token, signing key and address-hash key. :meth:`VotingServer.stop`
wakes every live stream and closes every connection; it returns within a second even with
every phone connected, and the port is free again afterwards.

Logging: aiohttp's access log is off, and its error log and the loop's exception handler go
through :class:`ScrubbingFilter`, which keeps only the kind of problem: never an address, a
path (it holds the token), a cookie or a user agent.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import threading
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

from sre_workshop.voting.handlers import RoomRoutes
from sre_workshop.voting.network import is_private_ipv4, port_candidates
from sre_workshop.voting.room import RoomState, VotingRoom
from sre_workshop.voting.rounds import RoundResult
from sre_workshop.voting.security import AddressKeys, Limits, new_token
from sre_workshop.voting.stream import StreamHub

log = logging.getLogger(__name__)
#: The logger aiohttp's request handlers report errors to (scrubbed, see the module docstring).
http_log = logging.getLogger("sre_workshop.voting.http")

_REFUSED = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 17\r\n"
    b"Connection: close\r\n\r\nToo many devices."
)
_START_TIMEOUT = 5.0


class ScrubbingFilter(logging.Filter):
    """Rewrites a record to its level and the exception's type: nothing about the client."""

    def filter(self, record: logging.LogRecord) -> bool:
        kind = record.exc_info[1].__class__.__name__ if record.exc_info else ""
        record.msg = f"room voting server: {kind or 'problem'} (details withheld)"
        record.args = ()
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


http_log.addFilter(ScrubbingFilter())


class _GuardedServer(web.Server):
    """aiohttp's low-level server with caps on open connections, in total and per address."""

    def __init__(self, routes: RoomRoutes, *, keys: AddressKeys, limits: Limits) -> None:
        super().__init__(
            routes.handle,
            handler_cancellation=True,
            access_log=None,
            logger=http_log,
            keepalive_timeout=limits.read_timeout,
            lingering_time=0.0,  # a refused body is not read: the connection just closes
            max_line_size=limits.max_line,
            max_field_size=limits.max_line,
            max_headers=limits.max_headers,
        )
        self._keys = keys
        self._limits = limits
        self._per_address: Counter[str] = Counter()
        self._counted: dict[RequestHandler, str] = {}

    def connection_made(self, handler: RequestHandler, transport: asyncio.Transport) -> None:
        super().connection_made(handler, transport)
        peer = transport.get_extra_info("peername")
        key = self._keys.key(str(peer[0]) if peer else None)
        if (
            len(self._counted) >= self._limits.max_connections
            or self._per_address[key] >= self._limits.max_connections_per_address
        ):
            transport.write(_REFUSED)
            transport.close()
            return
        self._counted[handler] = key
        self._per_address[key] += 1

    def connection_lost(self, handler: RequestHandler, exc: BaseException | None = None) -> None:
        key = self._counted.pop(handler, None)
        if key is not None:
            self._per_address[key] -= 1
            if self._per_address[key] <= 0:
                del self._per_address[key]
        super().connection_lost(handler, exc)

    def abort_all(self) -> None:
        for handler in self.connections:
            if handler.transport is not None:
                handler.transport.abort()


class VotingServer:
    """One room server; see the module docstring. Start and stop it from one thread."""

    def __init__(
        self,
        room: VotingRoom,
        address: str,
        port: int = 0,
        *,
        limits: Limits | None = None,
        ports: Sequence[int] | None = None,
    ) -> None:
        if not bindable(address):
            raise ValueError(f"room voting binds only a private IPv4 address, not {address!r}")
        self.room = room
        self.address = address
        self.limits = limits or Limits()
        self._ports = list(ports) if ports is not None else port_candidates(port)
        self.port = 0
        self.token = ""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.ServerRunner | None = None
        self._server: _GuardedServer | None = None
        self._hub: StreamHub | None = None
        #: Seconds the last :meth:`stop` took.
        self.last_stop_seconds = 0.0

    # --- state -----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._runner is not None

    @property
    def path(self) -> str:
        return f"/s/{self.token}/"

    @property
    def url(self) -> str:
        """The address phones open (what the QR code holds)."""
        return f"http://{self.address}:{self.port}{self.path}"

    # --- lifecycle -------------------------------------------------------------------------

    def start(self) -> str:
        """Bind and serve; returns the URL. Raises OSError when no port could be bound."""
        if self.running:
            return self.url
        loop = asyncio.new_event_loop()
        # asyncio's debug mode (PYTHONASYNCIODEBUG, -X dev) logs every client's address.
        loop.set_debug(False)
        loop.set_exception_handler(_scrubbed_loop_error)
        thread = threading.Thread(target=self._run, args=(loop,), name="room-voting", daemon=True)
        thread.start()
        self._loop, self._thread = loop, thread
        try:
            asyncio.run_coroutine_threadsafe(self._open(), loop).result(_START_TIMEOUT)
        except BaseException:
            self._end_loop()
            raise
        self.room.add_listener(self._on_room_changed)
        log.info("room voting opened")
        return self.url

    def stop(self) -> None:
        """Close every stream and connection and free the port (well under a second)."""
        loop = self._loop
        if loop is None:
            return
        started = time.perf_counter()
        self.room.remove_listener(self._on_room_changed)
        try:
            asyncio.run_coroutine_threadsafe(self._close(), loop).result(2.0)
        finally:
            self._end_loop()
            self.last_stop_seconds = time.perf_counter() - started
        log.info("room voting closed")

    def drop_streams(self) -> None:
        """End every open live stream now (phones reconnect, or poll, by themselves)."""
        if self._loop is not None and self._hub is not None:
            self._loop.call_soon_threadsafe(self._hub.cut)

    def open_streams(self) -> int:
        return self._hub.open_streams if self._hub is not None else 0

    # --- on the server's loop --------------------------------------------------------------

    @staticmethod
    def _run(loop: asyncio.AbstractEventLoop) -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_forever()
        finally:
            pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _open(self) -> None:
        hub = StreamHub()
        keys = AddressKeys()
        last_error: OSError | None = None
        for port in self._ports:
            token = new_token()
            routes = RoomRoutes(
                self.room,
                token=token,
                address=self.address,
                port=port,
                limits=self.limits,
                hub=hub,
                keys=keys,
            )
            server = _GuardedServer(routes, keys=keys, limits=self.limits)
            runner = web.ServerRunner(server, shutdown_timeout=self.limits.shutdown_timeout)
            await runner.setup()
            site = web.TCPSite(runner, self.address, port, backlog=64)
            try:
                await site.start()
            except OSError as exc:
                last_error = exc
                await runner.cleanup()
                continue
            bound = site.port
            if port == 0:
                # The port is known only now: the routes must check Host against it.
                routes.rebind(bound)
            self.port, self.token = bound, token
            self._runner, self._server, self._hub = runner, server, hub
            return
        raise last_error or OSError("no port could be bound")

    async def _close(self) -> None:
        hub, runner, server = self._hub, self._runner, self._server
        if hub is not None:
            hub.stop()
        if runner is not None:
            await runner.cleanup()
        if server is not None:
            server.abort_all()
        self._runner, self._server, self._hub = None, None, None

    def _on_room_changed(self, _state: RoomState, _result: RoundResult | None) -> None:
        loop, hub = self._loop, self._hub
        if loop is None or hub is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop is closing: streams end anyway
            loop.call_soon_threadsafe(hub.notify)

    def _end_loop(self) -> None:
        loop, thread = self._loop, self._thread
        self._loop, self._thread = None, None
        self._runner, self._server, self._hub = None, None, None
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(2.0)


def bindable(address: str) -> bool:
    """A private IPv4 address of the room's network (or loopback, for trying it out alone);
    never "all interfaces" and never a public address."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return is_private_ipv4(address) or (parsed.version == 4 and parsed.is_loopback)


def _scrubbed_loop_error(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    exception = context.get("exception")
    http_log.warning("event loop error", exc_info=exception)
