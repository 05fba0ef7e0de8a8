"""The room server on loopback (127.0.0.1, a random port), driven by simulated phones.

Every request here goes to 127.0.0.1 only. Phones are aiohttp client sessions that keep their
own device cookie; raw sockets play the misbehaving clients.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import socket
import time
from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest

from sre_workshop.framework import builtin_framework
from sre_workshop.model import Dimension
from sre_workshop.voting import Limits, VotingRoom, VotingServer, level_round, survey_round
from sre_workshop.voting.security import DEVICE_COOKIE

LOOPBACK = "127.0.0.1"
FRAMEWORK = builtin_framework()
AREA = FRAMEWORK.areas_of(Dimension.PROCESS)[2]
CULTURE = FRAMEWORK.areas_of(Dimension.CULTURE)[1]
#: Every simulated phone shares 127.0.0.1, so the per-address caps are raised for them.
ROOMY = Limits(max_connections=400, max_connections_per_address=200, requests_per_window=10_000)
FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def room() -> VotingRoom:
    return VotingRoom()


def serve(room: VotingRoom, limits: Limits = ROOMY, port: int = 0) -> VotingServer:
    server = VotingServer(room, LOOPBACK, limits=limits, ports=[port])
    server.start()
    return server


@pytest.fixture
def server(room: VotingRoom) -> Iterator[VotingServer]:
    running = serve(room)
    yield running
    running.stop()


class Phone:
    """One participant's browser: its own device cookie, same-origin requests."""

    def __init__(self, session: aiohttp.ClientSession, server: VotingServer) -> None:
        self.session = session
        self.server = server
        self.cookie = ""

    @property
    def base(self) -> str:
        return f"http://{LOOPBACK}:{self.server.port}{self.server.path}"

    def headers(self, **extra: str) -> dict[str, str]:
        headers = {"User-Agent": "MarkerPhone/9.9 (test)", **extra}
        if self.cookie:
            headers["Cookie"] = f"{DEVICE_COOKIE}={self.cookie}"
        return headers

    async def load(self) -> str:
        async with self.session.get(self.base, headers=self.headers()) as response:
            assert response.status == 200
            if DEVICE_COOKIE in response.cookies:
                self.cookie = response.cookies[DEVICE_COOKIE].value
            return await response.text()

    async def state(self) -> dict[str, Any]:
        async with self.session.get(self.base + "state", headers=self.headers()) as response:
            assert response.status == 200
            data: dict[str, Any] = await response.json()
            return data

    async def vote(self, choice: int, round_id: str | None = None, **headers: str) -> int:
        if round_id is None:
            round_id = (await self.state())["round"]["id"]
        sent = {
            "Origin": f"http://{LOOPBACK}:{self.server.port}",
            "Accept": "application/json",
            "Content-Type": FORM,
            **headers,
        }
        async with self.session.post(
            self.base + "vote",
            data=f"round={round_id}&choice={choice}",
            headers=self.headers(**sent),
        ) as response:
            await response.read()
            return response.status

    async def first_event(self) -> dict[str, Any]:
        async with self.session.get(self.base + "events", headers=self.headers()) as response:
            assert response.headers["Content-Type"].startswith("text/event-stream")
            async for line in response.content:
                if line.startswith(b"data: "):
                    data: dict[str, Any] = json.loads(line[6:])
                    return data
        raise AssertionError("the stream ended without an event")


def session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        cookie_jar=aiohttp.DummyCookieJar(),
        connector=aiohttp.TCPConnector(limit=0, force_close=True),
    )


def raw_exchange(port: int, data: bytes, *, timeout: float = 5.0) -> bytes:
    with socket.create_connection((LOOPBACK, port), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


# --- counting ---------------------------------------------------------------------------------


def test_thirty_phones_voting_at_once_are_each_counted_once(
    server: VotingServer, room: VotingRoom
) -> None:
    room.open_round(level_round(AREA, FRAMEWORK.levels, AREA.questions[0]))
    round_id = room.state().round.id  # type: ignore[union-attr]
    choices = [1 + index % 5 for index in range(30)]

    async def main() -> list[int]:
        async with session() as client:
            phones = [Phone(client, server) for _ in choices]
            await asyncio.gather(*(phone.load() for phone in phones))
            assert len({phone.cookie for phone in phones}) == 30
            votes = zip(phones, choices, strict=True)
            return await asyncio.gather(*(phone.vote(choice, round_id) for phone, choice in votes))

    assert asyncio.run(main()) == [200] * 30
    assert room.state().votes_cast == 30 and room.state().devices == 30
    result = room.reveal()
    assert result is not None and result.level_votes() == (6, 6, 6, 6, 6)


def test_a_second_vote_from_the_same_phone_replaces_the_first(
    server: VotingServer, room: VotingRoom
) -> None:
    room.open_round(survey_round(CULTURE))

    async def main() -> dict[str, Any]:
        async with session() as client:
            phone = Phone(client, server)
            await phone.load()
            assert await phone.vote(2) == 200
            assert await phone.vote(6) == 200
            return await phone.state()

    snapshot = asyncio.run(main())
    assert snapshot["votes_cast"] == 1 and snapshot["my_vote"] == 6
    result = room.reveal()
    assert result is not None and result.survey_counts() == (0, 0, 0, 0, 0, 1, 0)


def test_a_vote_without_javascript_is_a_form_post_and_a_redirect(
    server: VotingServer, room: VotingRoom
) -> None:
    room.open_round(level_round(AREA, FRAMEWORK.levels))
    round_id = room.state().round.id  # type: ignore[union-attr]

    async def main() -> tuple[int, str, str]:
        async with session() as client:
            phone = Phone(client, server)
            await phone.load()
            async with client.post(
                phone.base + "vote",
                data=f"round={round_id}&choice=4",
                headers=phone.headers(**{"Content-Type": FORM}),
                allow_redirects=False,
            ) as response:
                location = response.headers["Location"]
                status = response.status
            return status, location, await phone.load()

    status, location, page = asyncio.run(main())
    assert status == 303 and location == server.path
    assert "Vote received" in page and 'value="4" required checked' in page


def test_nothing_about_the_distribution_is_served_before_the_reveal(
    server: VotingServer, room: VotingRoom
) -> None:
    room.open_round(level_round(AREA, FRAMEWORK.levels, AREA.questions[0]))

    def normalised(text: str) -> str:
        return re.sub(r'"?rev"?[=:] ?"?\d+"?', "rev", text)

    async def observe(observer: Phone) -> tuple[str, str, str]:
        page = await observer.load()
        state = json.dumps(await observer.state())
        event = json.dumps(await observer.first_event())
        return normalised(page), normalised(state), normalised(event)

    async def main() -> tuple[tuple[str, str, str], tuple[str, str, str]]:
        async with session() as client:
            observer = Phone(client, server)
            voters = [Phone(client, server) for _ in range(6)]
            for voter in voters:
                await voter.load()
                assert await voter.vote(1) == 200
            everyone_one = await observe(observer)
            for voter in voters:
                assert await voter.vote(5) == 200
            everyone_five = await observe(observer)
            return everyone_one, everyone_five

    everyone_one, everyone_five = asyncio.run(main())
    assert everyone_one == everyone_five
    page, state, event = everyone_one
    assert '"result": null' in state and '"result": null' in event
    assert "<progress" not in page


def test_the_reveal_is_served_to_phones(server: VotingServer, room: VotingRoom) -> None:
    room.open_round(level_round(AREA, FRAMEWORK.levels))

    async def main() -> tuple[dict[str, Any], str]:
        async with session() as client:
            phone = Phone(client, server)
            await phone.load()
            await phone.vote(3)
            room.reveal()
            return await phone.state(), await phone.load()

    state, page = asyncio.run(main())
    assert state["phase"] == "revealed"
    counts = {row["value"]: row["count"] for row in state["result"]["counts"]}
    assert counts[3] == 1 and sum(counts.values()) == 1
    assert '<progress max="1" value="1">' in page


# --- what the server refuses ------------------------------------------------------------------


def test_a_wrong_token_or_any_other_path_gets_404(server: VotingServer) -> None:
    host = f"Host: {LOOPBACK}:{server.port}\r\n"
    wrong = ("y" if server.token[0] == "x" else "x") + server.token[1:]
    for path in (f"/s/{wrong}/", "/", "/favicon.ico", f"/s/{server.token}/admin", "/s/"):
        response = raw_exchange(
            server.port, f"GET {path} HTTP/1.1\r\n{host}Connection: close\r\n\r\n".encode()
        )
        assert status_of(response) == 404, path
    # no coach action over the network: there is nothing to post to but a vote
    for name in ("reveal", "open", "close", "round"):
        response = raw_exchange(
            server.port,
            f"POST /s/{server.token}/{name} HTTP/1.1\r\n{host}Content-Length: 0\r\n"
            "Connection: close\r\n\r\n".encode(),
        )
        assert status_of(response) == 404, name


def test_a_typed_address_in_capitals_or_without_the_slash_is_redirected(
    server: VotingServer,
) -> None:
    host = f"Host: {LOOPBACK}:{server.port}\r\nConnection: close\r\n\r\n"
    for path in (f"/s/{server.token.upper()}/", f"/s/{server.token}"):
        response = raw_exchange(server.port, f"GET {path} HTTP/1.1\r\n{host}".encode())
        assert status_of(response) == 308
        assert f"Location: {server.path}".encode() in response


def test_a_foreign_host_is_refused(server: VotingServer) -> None:
    response = raw_exchange(
        server.port,
        f"GET {server.path} HTTP/1.1\r\nHost: attacker.example:{server.port}\r\n"
        "Connection: close\r\n\r\n".encode(),
    )
    assert status_of(response) == 421


def test_a_foreign_origin_gets_403_and_is_not_counted(
    server: VotingServer, room: VotingRoom
) -> None:
    room.open_round(level_round(AREA, FRAMEWORK.levels))

    async def main() -> list[int]:
        async with session() as client:
            phone = Phone(client, server)
            await phone.load()
            return [
                await phone.vote(2, Origin="http://attacker.example"),
                await phone.vote(2, Origin="null", **{"Sec-Fetch-Site": "cross-site"}),
                await phone.vote(2, Origin="null"),
                await phone.vote(3, Origin="null", **{"Sec-Fetch-Site": "same-origin"}),
            ]

    assert asyncio.run(main()) == [403, 403, 403, 200]
    assert room.state().votes_cast == 1


def test_a_vote_without_the_device_cookie_is_refused(
    server: VotingServer, room: VotingRoom
) -> None:
    room.open_round(level_round(AREA, FRAMEWORK.levels))

    async def main() -> int:
        async with session() as client:
            phone = Phone(client, server)
            return await phone.vote(2)

    assert asyncio.run(main()) == 403
    assert room.state().votes_cast == 0


def test_the_cookie_and_the_headers(server: VotingServer) -> None:
    response = raw_exchange(
        server.port,
        f"GET {server.path} HTTP/1.1\r\nHost: {LOOPBACK}:{server.port}\r\n"
        "Connection: close\r\n\r\n".encode(),
    ).decode()
    head = response.split("\r\n\r\n")[0]
    cookie = next(line for line in head.splitlines() if line.startswith("Set-Cookie:"))
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert f"Path={server.path}" in cookie
    assert "script-src 'self'" in head and "unsafe-inline" not in head
    assert "Referrer-Policy: same-origin" in head and "X-Content-Type-Options: nosniff" in head
    assert "Server: room-vote" in head and "aiohttp" not in head.lower()
    assert "<script>" not in response and " style=" not in response


def test_an_oversized_body_gets_413(server: VotingServer, room: VotingRoom) -> None:
    room.open_round(level_round(AREA, FRAMEWORK.levels))
    head = (
        f"POST {server.path}vote HTTP/1.1\r\nHost: {LOOPBACK}:{server.port}\r\n"
        f"Content-Type: {FORM}\r\n"
    )
    announced = raw_exchange(server.port, f"{head}Content-Length: 10000000\r\n\r\n".encode())
    assert status_of(announced) == 413
    body = b"round=x&choice=1&" + b"a" * 5000
    sent = raw_exchange(server.port, f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
    assert status_of(sent) == 413
    chunked = raw_exchange(
        server.port, f"{head}Transfer-Encoding: chunked\r\n\r\n5\r\nround\r\n0\r\n\r\n".encode()
    )
    assert status_of(chunked) == 411
    huge_header = raw_exchange(
        server.port,
        f"GET {server.path} HTTP/1.1\r\nHost: {LOOPBACK}:{server.port}\r\n"
        f"X-Filler: {'a' * 9000}\r\n\r\n".encode(),
    )
    assert status_of(huge_header) in (400, 431)


def test_a_flood_from_one_address_gets_429(room: VotingRoom) -> None:
    limits = Limits(requests_per_window=20, window_seconds=60, max_connections_per_address=50)
    server = serve(room, limits)

    async def main() -> list[int]:
        async with session() as client:
            url = f"http://{LOOPBACK}:{server.port}{server.path}state"
            statuses = []
            for _ in range(30):
                async with client.get(url) as response:
                    statuses.append(response.status)
            return statuses

    try:
        statuses = asyncio.run(main())
    finally:
        server.stop()
    assert statuses[:20] == [200] * 20 and statuses[20:] == [429] * 10


def test_too_many_connections_from_one_address_are_refused(room: VotingRoom) -> None:
    server = serve(room, Limits(max_connections_per_address=3))
    sockets = [socket.create_connection((LOOPBACK, server.port), timeout=5) for _ in range(3)]
    try:
        time.sleep(0.1)
        refused = raw_exchange(server.port, b"")
        assert status_of(refused) == 503
    finally:
        for sock in sockets:
            sock.close()
        server.stop()


def test_a_slow_client_is_cut_off(room: VotingRoom) -> None:
    server = serve(room, Limits(read_timeout=0.5, body_timeout=0.5))
    room.open_round(level_round(AREA, FRAMEWORK.levels))
    try:
        # headers dribbled in one byte at a time, never finished
        with socket.create_connection((LOOPBACK, server.port), timeout=5) as sock:
            started = time.monotonic()
            closed = False
            for byte in f"GET {server.path} HTTP/1.1\r\nHost: {LOOPBACK}".encode():
                try:
                    sock.sendall(bytes([byte]))
                    sock.settimeout(0.1)
                    if sock.recv(1024) == b"":
                        closed = True
                        break
                except TimeoutError:
                    continue
                except (ConnectionResetError, BrokenPipeError):
                    closed = True
                    break
            assert closed, "the server kept waiting for a slow client"
            assert 0.4 < time.monotonic() - started < 3.0
        # a body that never arrives
        head = (
            f"POST {server.path}vote HTTP/1.1\r\nHost: {LOOPBACK}:{server.port}\r\n"
            f"Content-Type: {FORM}\r\nContent-Length: 40\r\n\r\nround="
        ).encode()
        started = time.monotonic()
        response = raw_exchange(server.port, head)
        assert status_of(response) == 408
        assert time.monotonic() - started < 3.0
    finally:
        server.stop()


# --- live streams and stopping -----------------------------------------------------------------


def test_streams_push_full_snapshots_on_change(server: VotingServer, room: VotingRoom) -> None:
    async def main() -> list[dict[str, Any]]:
        async with session() as client:
            phone = Phone(client, server)
            await phone.load()
            events: list[dict[str, Any]] = []
            async with client.get(phone.base + "events", headers=phone.headers()) as response:
                async for line in response.content:
                    if line.startswith(b"retry:"):
                        assert int(line.split(b":")[1]) > 0
                    if line.startswith(b"data: "):
                        events.append(json.loads(line[6:]))
                        if len(events) == 1:
                            await asyncio.to_thread(room.open_round, survey_round(CULTURE))
                        else:
                            return events
        raise AssertionError("no second event")

    first, second = asyncio.run(main())
    assert first["phase"] == "waiting" and second["phase"] == "open"
    assert second["round"]["heading"] == CULTURE.survey_statement
    assert second["rev"] > first["rev"]


def test_stopping_with_thirty_open_streams_is_quick_and_frees_the_port(
    room: VotingRoom,
) -> None:
    server = serve(room)
    port = server.port

    async def main() -> tuple[float, list[bool]]:
        async with session() as client:
            phones = [Phone(client, server) for _ in range(30)]
            responses = []
            for phone in phones:
                response = await client.get(phone.base + "events", headers=phone.headers())
                await response.content.readline()  # the retry line: the stream is open
                responses.append(response)
            for _ in range(100):
                if server.open_streams() == 30:
                    break
                await asyncio.sleep(0.01)
            assert server.open_streams() == 30
            started = time.perf_counter()
            await asyncio.to_thread(server.stop)
            elapsed = time.perf_counter() - started

            async def ended(response: aiohttp.ClientResponse) -> bool:
                try:
                    async with asyncio.timeout(2):
                        while await response.content.readline():
                            pass
                except aiohttp.ClientPayloadError:
                    pass
                response.release()
                return True

            return elapsed, await asyncio.gather(*(ended(response) for response in responses))

    elapsed, ended = asyncio.run(main())
    print(f"stop with 30 open streams: {elapsed * 1000:.0f} ms")
    assert elapsed < 1.0
    assert server.last_stop_seconds < 1.0
    assert all(ended)
    again = serve(room, port=port)  # the port is free: the coach can reopen at once
    try:
        assert again.port == port and again.token != server.token
    finally:
        again.stop()


def test_only_a_private_or_loopback_ipv4_address_is_bound(room: VotingRoom) -> None:
    for address in ("0.0.0.0", "::", "8.8.8.8", "fe80::1", "localhost", ""):
        with pytest.raises(ValueError, match="private IPv4"):
            VotingServer(room, address)
    VotingServer(room, "192.168.1.23")  # accepted (not started: that address is not ours)


def test_the_default_port_falls_back_to_the_next_one(room: VotingRoom) -> None:
    first = VotingServer(room, LOOPBACK, limits=ROOMY, ports=[0])
    first.start()
    taken = first.port
    second = VotingServer(room, LOOPBACK, limits=ROOMY, ports=[taken, 0])
    try:
        second.start()
        assert second.port not in (taken, 0)
    finally:
        second.stop()
        first.stop()


def test_nothing_identifying_appears_in_logs(
    room: VotingRoom, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    server = serve(room, Limits(requests_per_window=12, read_timeout=0.5))
    room.open_round(level_round(AREA, FRAMEWORK.levels))
    cookie = ""

    async def main() -> str:
        async with session() as client:
            phone = Phone(client, server)
            await phone.load()
            await phone.vote(3)
            await phone.vote(2, Origin="http://attacker.example")
            return phone.cookie

    try:
        cookie = asyncio.run(main(), debug=False)  # only the server's logging is under test
        raw_exchange(server.port, b"\x16\x03\x01 not http at all\r\n\r\n")
        raw_exchange(server.port, f"GET {server.path}?{'a' * 9000} HTTP/1.1\r\n\r\n".encode())
        raw_exchange(
            server.port, f"GET /s/{server.token}/nothing HTTP/1.1\r\nHost: x\r\n\r\n".encode()
        )
        for _ in range(12):  # into the rate limit
            raw_exchange(
                server.port,
                f"GET {server.path}state HTTP/1.1\r\nHost: {LOOPBACK}:{server.port}\r\n"
                "Connection: close\r\n\r\n".encode(),
            )
        room.reveal()
    finally:
        server.stop()
    out, err = capfd.readouterr()
    logged = "\n".join([record.getMessage() for record in caplog.records] + [caplog.text, out, err])
    for secret in (LOOPBACK, server.token, cookie, cookie.split(".")[0], "MarkerPhone"):
        assert secret and secret not in logged, secret
    assert any(record.name == "sre_workshop.voting.http" for record in caplog.records)
