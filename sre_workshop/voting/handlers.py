"""What the room server answers: five paths under the opening's token, and nothing else.

``GET  /s/<token>/``        the phone page (sets the device cookie on the first visit)
``GET  /s/<token>/app.css`` and ``app.js``: the page's own stylesheet and script
``GET  /s/<token>/state``   the phone's snapshot as JSON
``GET  /s/<token>/events``  the live stream of snapshots (Server-Sent Events)
``POST /s/<token>/vote``    a ballot: ``round=<id>&choice=<n>``

Checks run in order, cheapest first: requests per address (429), ``Host`` (421), the token
(404 for anything else, so the server looks like nothing at all), the method (405), and for a
vote the origin (403), the body's size and type (411, 413, 415, 408 when it is too slow), and
the device cookie (403). There is deliberately no path for anything the coach does: rounds are
opened and revealed in the app only.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs

from aiohttp import web

from sre_workshop.voting import assets, pages
from sre_workshop.voting.room import VoteRejected, VotingRoom
from sre_workshop.voting.security import (
    DEVICE_COOKIE,
    SECURITY_HEADERS,
    AddressKeys,
    DeviceIds,
    Limits,
    RateLimiter,
    device_cookie,
    host_allowed,
    normalise_token,
    origin_allowed,
    same_secret,
)
from sre_workshop.voting.stream import StreamHub, serve_stream

_ASSETS = {
    "app.css": ("text/css; charset=utf-8", assets.stylesheet),
    "app.js": ("text/javascript; charset=utf-8", assets.script),
}
_GET_PATHS = frozenset({"", "state", "events", *_ASSETS})
_FORM_TYPE = "application/x-www-form-urlencoded"


def _text(status: int, text: str, **headers: str) -> web.Response:
    return web.Response(
        status=status, text=text, content_type="text/plain", headers={**SECURITY_HEADERS, **headers}
    )


class RoomRoutes:
    """The request handler of one opening of the room server (one token, one address)."""

    def __init__(
        self,
        room: VotingRoom,
        *,
        token: str,
        address: str,
        port: int,
        limits: Limits,
        hub: StreamHub,
        keys: AddressKeys,
    ) -> None:
        self._room = room
        self._token = token
        self._address = address
        self._port = port
        self._limits = limits
        self._hub = hub
        self._keys = keys
        self._devices = DeviceIds()
        self._rate = RateLimiter(limits.requests_per_window, limits.window_seconds)
        self.prefix = f"/s/{token}/"

    @property
    def origin(self) -> str:
        return f"http://{self._address}:{self._port}"

    def rebind(self, port: int) -> None:
        """The port the system chose (when any free port was asked for)."""
        self._port = port

    # --- entry point -----------------------------------------------------------------------

    async def handle(self, request: web.BaseRequest) -> web.StreamResponse:
        if not self._rate.allow(self._keys.key(request.remote)):
            response = _text(429, "Too many requests: wait a few seconds.", **{"Retry-After": "5"})
            response.force_close()
            return response
        if not host_allowed(request.host, self._address, self._port):
            return _text(421, "Misdirected request.")
        route = self._route(request.path)
        if route is None:
            return _text(404, "Not found.")
        name, canonical = route
        if not canonical:
            if request.method != "GET":
                return _text(404, "Not found.")
            return self._redirect(308, self.prefix + name)
        if name == "vote":
            if request.method != "POST":
                return _text(405, "Method not allowed.", Allow="POST")
            return await self._vote(request)
        if name not in _GET_PATHS:
            return _text(404, "Not found.")
        if request.method != "GET":
            return _text(405, "Method not allowed.", Allow="GET")
        if name in _ASSETS:
            content_type, read = _ASSETS[name]
            return web.Response(
                body=read(), headers={**SECURITY_HEADERS, "Content-Type": content_type}
            )
        device, cookie = self._device(request)
        if name == "events":
            return await serve_stream(
                request,
                view=lambda: self._room.phone_view(device),
                hub=self._hub,
                headers=self._headers(cookie),
                heartbeat=self._limits.heartbeat_seconds,
                retry_milliseconds=self._limits.retry_milliseconds,
            )
        view = self._room.phone_view(device)
        if name == "state":
            return self._json(200, pages.phone_json(view), cookie)
        return self._html(200, pages.render_page(view), cookie)

    def _route(self, path: str) -> tuple[str, bool] | None:
        """The name after the token (``""`` for the page) and whether the path was written
        exactly as issued (a typed address may differ in case or lack the final slash)."""
        parts = path.split("/")
        if len(parts) not in (3, 4) or parts[0] or parts[1] != "s":
            return None
        if not same_secret(normalise_token(parts[2]), self._token):
            return None
        if len(parts) == 3:
            return "", False
        return parts[3], parts[2] == self._token

    # --- the device cookie -----------------------------------------------------------------

    def _device(self, request: web.BaseRequest) -> tuple[str, str | None]:
        """The phone's device id, and a ``Set-Cookie`` value when it is new."""
        device = self._devices.check(request.cookies.get(DEVICE_COOKIE))
        cookie = None
        if device is None:
            device = self._devices.issue()
            cookie = device_cookie(device, self.prefix)
        self._room.join(device)
        return device, cookie

    # --- voting ----------------------------------------------------------------------------

    async def _vote(self, request: web.BaseRequest) -> web.StreamResponse:
        wants_json = "application/json" in request.headers.get("Accept", "")
        device = self._devices.check(request.cookies.get(DEVICE_COOKIE))
        view = self._room.phone_view(device)

        def refuse(status: int, message: str) -> web.StreamResponse:
            if wants_json:
                response = self._json(status, {"ok": False, "message": message}, None)
            else:
                response = self._html(status, pages.render_message(view, "Not counted", message))
            if status in (408, 411, 413):
                response.force_close()  # the rest of the body is not read
            return response

        if not origin_allowed(
            request.headers.get("Origin"), request.headers.get("Sec-Fetch-Site"), self.origin
        ):
            return refuse(403, "This vote did not come from the room's voting page.")
        length = request.content_length
        if length is None:
            return refuse(411, "The vote could not be read: please send it again.")
        if length > self._limits.max_body:
            return refuse(413, "That is far too much for one vote.")
        if request.content_type != _FORM_TYPE:
            return refuse(415, "The vote could not be read: please send it again.")
        try:
            body = await asyncio.wait_for(
                request.content.readexactly(length), self._limits.body_timeout
            )
        except TimeoutError:
            return refuse(408, "The vote arrived too slowly: please send it again.")
        except asyncio.IncompleteReadError:
            return refuse(400, "The vote arrived incomplete: please send it again.")
        if device is None:
            return refuse(403, "Please reload the page, then vote again.")
        fields = self._fields(body)
        if fields is None:
            return refuse(400, "The vote could not be read: please send it again.")
        round_id, choice = fields
        try:
            replaced = self._room.vote(device, round_id, choice)
        except VoteRejected as exc:
            return refuse(409, str(exc))
        if not wants_json:
            return self._redirect(303, self.prefix)
        message = "Vote changed." if replaced else "Vote received."
        return self._json(200, {"ok": True, "message": message}, None)

    @staticmethod
    def _fields(body: bytes) -> tuple[str, int] | None:
        try:
            fields = parse_qs(body.decode("ascii"), max_num_fields=4, strict_parsing=True)
        except (UnicodeDecodeError, ValueError):
            return None
        rounds, choices = fields.get("round", []), fields.get("choice", [])
        if len(rounds) != 1 or len(choices) != 1 or not choices[0].isdigit():
            return None
        if len(choices[0]) > 3 or len(rounds[0]) > 64:
            return None
        return rounds[0], int(choices[0])

    # --- responses -------------------------------------------------------------------------

    def _headers(self, cookie: str | None) -> Mapping[str, str]:
        return {**SECURITY_HEADERS, "Set-Cookie": cookie} if cookie else dict(SECURITY_HEADERS)

    def _html(self, status: int, text: str, cookie: str | None = None) -> web.Response:
        return web.Response(
            status=status, text=text, content_type="text/html", headers=self._headers(cookie)
        )

    def _json(self, status: int, data: dict[str, Any], cookie: str | None) -> web.Response:
        return web.Response(
            status=status,
            text=json.dumps(data, ensure_ascii=False),
            content_type="application/json",
            headers=self._headers(cookie),
        )

    @staticmethod
    def _redirect(status: int, location: str) -> web.Response:
        return web.Response(status=status, headers={**SECURITY_HEADERS, "Location": location})
