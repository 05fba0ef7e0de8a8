"""The room server's defences: secrets, the device cookie, request checks and rate limits.

* Every opening has a new path token (128 random bits) and a new signing key; wrong-token
  requests get a plain 404, so the server is invisible to anyone who was not shown the code.
* A phone gets a random device id in an HttpOnly, SameSite=Strict cookie scoped to the token's
  path; it is signed, so only ids this opening handed out count as ballots.
* ``Host`` must name the address the server was opened on (blocks DNS rebinding). A vote's
  ``Origin`` must be this server, or absent; ``Origin: null`` (sent by browsers for form posts
  under some referrer policies) is accepted only when ``Sec-Fetch-Site`` says same-origin.
  Pages are served with ``Referrer-Policy: same-origin``, so our own form posts carry the real
  origin and the token never leaves in a referrer.
* Addresses are only ever held as keyed hashes (:class:`AddressKeys`), in memory, to count
  connections and requests per address; nothing about a client is stored or logged.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass

DEVICE_COOKIE = "room_device"
#: How long a phone keeps its device id (a long workshop day).
DEVICE_COOKIE_SECONDS = 12 * 60 * 60
#: Tokens are typed on phones from the projector at times: lower-case letters and digits
#: without look-alikes (no i, l, o, u), 20 of them (100 bits), in groups of five.
TOKEN_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
TOKEN_LENGTH = 20
TOKEN_BITS = TOKEN_LENGTH * 5
_LOOK_ALIKES = str.maketrans("oil", "011")

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
    "Server": "room-vote",
}


@dataclass(frozen=True)
class Limits:
    """Caps on what one client can make the server do (tests tighten or loosen them)."""

    #: Largest request body (a vote is about 60 bytes).
    max_body: int = 2048
    #: Request line and each header line.
    max_line: int = 4096
    max_headers: int = 40
    max_connections: int = 160
    max_connections_per_address: int = 12
    #: Requests per address per window (a phone polls every 3 s at worst: ~4 per 10 s).
    requests_per_window: int = 80
    window_seconds: float = 10.0
    #: A connection must send a whole request within this many seconds of opening or of its
    #: previous response, and a body within ``body_timeout``: slow clients are cut off.
    read_timeout: float = 15.0
    body_timeout: float = 10.0
    #: A comment line on every live stream this often, so dead connections are noticed.
    heartbeat_seconds: float = 15.0
    #: How long a phone's browser waits before reconnecting a dropped stream.
    retry_milliseconds: int = 2000
    #: How long stopping waits for requests in flight before closing connections.
    shutdown_timeout: float = 0.3


def new_token() -> str:
    """A fresh path token of 100 random bits, e.g. ``k7dqm-3xa9p-vt2hw-8mczr``."""
    chars = "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))
    return "-".join(chars[start : start + 5] for start in range(0, TOKEN_LENGTH, 5))


def normalise_token(typed: str) -> str:
    """A token as someone may have typed it (capitals, look-alike letters) in its issued form."""
    return typed.strip().lower().translate(_LOOK_ALIKES)


def same_secret(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


class DeviceIds:
    """Issues and checks signed random device ids (the cookie's value)."""

    def __init__(self) -> None:
        self._key = secrets.token_bytes(32)

    def issue(self) -> str:
        raw = secrets.token_urlsafe(16)
        return f"{raw}.{self._sign(raw)}"

    def check(self, value: str | None) -> str | None:
        """``value`` if this opening issued it, else None."""
        if not value or len(value) > 80 or value.count(".") != 1:
            return None
        raw, signature = value.split(".")
        return value if hmac.compare_digest(signature, self._sign(raw)) else None

    def _sign(self, raw: str) -> str:
        return hmac.new(self._key, raw.encode("ascii", "replace"), hashlib.sha256).hexdigest()[:32]


def device_cookie(value: str, path: str) -> str:
    """The ``Set-Cookie`` value for a device id, scoped to this opening's path."""
    return (
        f"{DEVICE_COOKIE}={value}; Path={path}; Max-Age={DEVICE_COOKIE_SECONDS}; "
        "HttpOnly; SameSite=Strict"
    )


def host_allowed(host: str | None, address: str, port: int) -> bool:
    """``Host`` must name the address and port the server was opened on."""
    if host is None:
        return False
    expected = {f"{address}:{port}"}
    if port == 80:
        expected.add(address)
    return host.lower() in expected


def origin_allowed(origin: str | None, fetch_site: str | None, own_origin: str) -> bool:
    """Whether a state-changing request may come from where it says it comes from."""
    if fetch_site is not None and fetch_site.lower() != "same-origin":
        return False
    if origin is None:
        return True
    if origin == "null":
        return fetch_site is not None
    return origin.lower() == own_origin.lower()


class AddressKeys:
    """Keyed hashes of client addresses: countable, never stored or shown as addresses."""

    def __init__(self) -> None:
        self._key = secrets.token_bytes(16)

    def key(self, address: str | None) -> str:
        text = (address or "").encode("utf-8", "replace")
        return hashlib.blake2b(text, key=self._key, digest_size=12).hexdigest()


class RateLimiter:
    """At most ``limit`` requests per address key in any ``window`` seconds (sliding)."""

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._limit = limit
        self._window = window
        self._hits: dict[str, deque[float]] = {}
        self._clock = clock

    def allow(self, key: str) -> bool:
        now = self._clock()
        hits = self._hits.setdefault(key, deque())
        while hits and now - hits[0] >= self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            return False
        hits.append(now)
        if len(self._hits) > 4096:
            self._forget_idle(now)
        return True

    def _forget_idle(self, now: float) -> None:
        for key in [key for key, hits in self._hits.items() if not hits or now - hits[-1] > 60]:
            del self._hits[key]
