"""Room voting without a network: rounds, ballots, anonymity by construction, address choice."""

from __future__ import annotations

import threading

import pytest

from sre_workshop.framework import builtin_framework
from sre_workshop.model import Dimension
from sre_workshop.voting import (
    DONT_KNOW,
    Candidate,
    InterfaceKind,
    Phase,
    RoundKind,
    VoteRejected,
    VotingRoom,
    level_round,
    rank_candidates,
    survey_round,
)
from sre_workshop.voting.network import is_private_ipv4, port_candidates
from sre_workshop.voting.pages import phone_json, render_page
from sre_workshop.voting.rounds import Ballots
from sre_workshop.voting.security import (
    TOKEN_BITS,
    DeviceIds,
    RateLimiter,
    device_cookie,
    host_allowed,
    new_token,
    normalise_token,
    origin_allowed,
)

FRAMEWORK = builtin_framework()
PROCESS = FRAMEWORK.areas_of(Dimension.PROCESS)[1]
CULTURE = FRAMEWORK.areas_of(Dimension.CULTURE)[0]


def level_spec() -> object:
    return level_round(PROCESS, FRAMEWORK.levels, PROCESS.questions[0])


def test_a_level_round_shows_public_framework_text_and_a_dont_know() -> None:
    spec = level_round(PROCESS, FRAMEWORK.levels, PROCESS.questions[0])
    assert spec.kind is RoundKind.LEVEL
    assert spec.area_name == PROCESS.name
    assert spec.context == PROCESS.questions[0].text
    assert [choice.value for choice in spec.choices] == [1, 2, 3, 4, 5, DONT_KNOW]
    assert spec.choices[2].detail == PROCESS.level_description(3)
    assert FRAMEWORK.level(3).name in spec.choices[2].label


def test_a_survey_round_puts_the_statement_on_a_seven_point_scale() -> None:
    spec = survey_round(CULTURE)
    assert spec.heading == CULTURE.survey_statement
    assert [choice.value for choice in spec.choices] == list(range(1, 8))
    assert "Strongly disagree" in spec.choices[0].label
    with pytest.raises(ValueError, match="no survey statement"):
        survey_round(PROCESS)


def test_rounds_get_new_ids() -> None:
    assert level_round(PROCESS, FRAMEWORK.levels).id != level_round(PROCESS, FRAMEWORK.levels).id


def test_ballots_replace_and_are_reduced_to_counts_for_good() -> None:
    spec = level_round(PROCESS, FRAMEWORK.levels)
    ballots = Ballots(spec)
    assert ballots.cast("a", 2) is False
    assert ballots.cast("a", 4) is True
    ballots.cast("b", 4)
    ballots.cast("c", DONT_KNOW)
    assert len(ballots) == 3
    assert ballots.choice_of("a") == 4
    assert ballots.close() == (0, 0, 0, 2, 0, 1)
    assert ballots.choice_of("a") is None and not ballots.is_open
    assert not any(isinstance(value, dict) for value in vars(ballots).values())
    with pytest.raises(ValueError):
        ballots.cast("d", 1)


def test_a_choice_that_is_not_offered_is_refused() -> None:
    room = VotingRoom()
    room.open_round(survey_round(CULTURE))
    round_id = room.state().round.id  # type: ignore[union-attr]
    with pytest.raises(VoteRejected):
        room.vote("a", round_id, 9)
    with pytest.raises(VoteRejected, match="another question"):
        room.vote("a", "old-round", 3)
    assert room.state().votes_cast == 0


def test_before_the_reveal_nobody_sees_the_distribution() -> None:
    room = VotingRoom()
    room.open_round(level_round(PROCESS, FRAMEWORK.levels))
    round_id = room.state().round.id  # type: ignore[union-attr]
    for device, choice in (("a", 1), ("b", 1), ("c", 5)):
        room.vote(device, round_id, choice)
    state = room.state()
    assert state.phase is Phase.OPEN and state.votes_cast == 3 and state.result is None
    observer = phone_json(room.phone_view("someone-else"))
    assert observer["result"] is None and observer["my_vote"] is None
    assert phone_json(room.phone_view("c"))["my_vote"] == 5
    page = render_page(room.phone_view("someone-else"))
    assert "<progress" not in page and 'class="results"' not in page and "checked" not in page


def test_the_reveal_keeps_counts_only() -> None:
    room = VotingRoom()
    events = []
    room.add_listener(lambda state, result: events.append((state.phase, result)))
    room.open_round(level_round(PROCESS, FRAMEWORK.levels))
    round_id = room.state().round.id  # type: ignore[union-attr]
    for device, choice in (("a", 2), ("b", 2), ("c", 3), ("d", DONT_KNOW)):
        room.vote(device, round_id, choice)
    result = room.reveal()
    assert result is not None
    assert result.level_votes() == (0, 2, 1, 0, 0)
    assert result.dont_know == 1 and result.total == 4 and result.shown
    assert events[-1] == (Phase.REVEALED, result)
    assert room.phone_view("a").my_vote is None
    with pytest.raises(VoteRejected, match="closed"):
        room.vote("e", round_id, 1)
    assert room.reveal() is None


def test_too_few_votes_are_not_shown() -> None:
    room = VotingRoom(min_votes_to_show=3)
    room.open_round(survey_round(CULTURE))
    round_id = room.state().round.id  # type: ignore[union-attr]
    room.vote("a", round_id, 6)
    room.vote("b", round_id, 7)
    result = room.reveal()
    assert result is not None and not result.shown
    assert result.survey_counts() == (0, 0, 0, 0, 0, 1, 1)
    snapshot = phone_json(room.phone_view("a"))
    assert snapshot["result"] == {"shown": False, "total": 2}
    assert "Too few votes to show (2)" in render_page(room.phone_view("a"))


def test_the_round_reveals_itself_when_the_room_has_voted_if_the_coach_wants() -> None:
    room = VotingRoom()
    revealed = []
    room.add_listener(lambda _state, result: revealed.append(result) if result else None)
    room.open_round(survey_round(CULTURE), expected=2, auto_reveal=True)
    round_id = room.state().round.id  # type: ignore[union-attr]
    room.vote("a", round_id, 4)
    assert room.state().phase is Phase.OPEN
    room.vote("b", round_id, 5)
    assert room.state().phase is Phase.REVEALED
    assert len(revealed) == 1 and revealed[0].survey_counts()[3:5] == (1, 1)


def test_votes_from_many_threads_are_each_counted_once() -> None:
    room = VotingRoom()
    room.open_round(level_round(PROCESS, FRAMEWORK.levels))
    round_id = room.state().round.id  # type: ignore[union-attr]

    def phone(index: int) -> None:
        for choice in (1, 2, 1 + index % 5):
            room.vote(f"device-{index}", round_id, choice)

    threads = [threading.Thread(target=phone, args=(index,)) for index in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result = room.reveal()
    assert result is not None and result.level_votes() == (6, 6, 6, 6, 6)


def test_devices_are_counted_for_the_phone_test() -> None:
    room = VotingRoom()
    room.join("a")
    room.join("a")
    room.join("b")
    assert room.state().devices == 2
    room.forget_devices()
    assert room.state().devices == 0


def test_page_text_is_escaped() -> None:
    from dataclasses import replace

    spec = replace(
        level_round(PROCESS, FRAMEWORK.levels),
        area_name='<script>alert("x")</script>',
        context="<img src=x onerror=alert(1)> & more",
    )
    room = VotingRoom()
    room.open_round(spec)
    page = render_page(room.phone_view(None))
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "&amp; more" in page
    assert '<script src="app.js" defer></script>' in page  # the only script: same-origin


# --- addresses ----------------------------------------------------------------------------


def test_private_ipv4_only() -> None:
    assert is_private_ipv4("192.168.1.20") and is_private_ipv4("10.4.0.2")
    assert is_private_ipv4("172.20.1.1") and not is_private_ipv4("172.32.0.1")
    for other in ("127.0.0.1", "169.254.3.4", "8.8.8.8", "fe80::1", "not an address"):
        assert not is_private_ipv4(other)


def test_addresses_rank_wifi_then_ethernet_then_virtual() -> None:
    ranked = rank_candidates(
        [
            Candidate("172.17.0.1", "docker0", InterfaceKind.ETHERNET),
            Candidate("10.8.0.5", "utun3", InterfaceKind.OTHER),
            Candidate("192.168.56.1", "vboxnet0", InterfaceKind.ETHERNET),
            Candidate("192.168.1.40", "eth0", InterfaceKind.ETHERNET),
            Candidate("127.0.0.1", "lo", InterfaceKind.OTHER),
            Candidate("192.168.1.41", "wlan0", InterfaceKind.WIFI),
            Candidate("169.254.1.1", "en5", InterfaceKind.ETHERNET),
            Candidate(
                "192.168.137.1",
                "Local Area Connection* 12",
                InterfaceKind.ETHERNET,
                "Microsoft Wi-Fi Direct Virtual Adapter #2",
            ),
        ]
    )
    assert [c.address for c in ranked] == [
        "192.168.1.41",
        "192.168.1.40",
        "192.168.137.1",
        "172.17.0.1",
        "10.8.0.5",
        "192.168.56.1",
    ]
    assert ranked[-1].kind is InterfaceKind.VIRTUAL
    assert "Wi-Fi" in ranked[0].description


def test_ports_default_then_fallbacks_then_any() -> None:
    ports = port_candidates(8765)
    assert ports[:3] == [8765, 8766, 8767] and ports[-1] == 0
    assert port_candidates(0) == [0]


# --- secrets and checks ---------------------------------------------------------------------


def test_tokens_are_long_random_and_forgiving_to_type() -> None:
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    assert TOKEN_BITS >= 96
    token = next(iter(tokens))
    assert normalise_token(token.upper()) == token


def test_device_ids_are_signed_per_opening() -> None:
    ids, other = DeviceIds(), DeviceIds()
    device = ids.issue()
    assert ids.check(device) == device
    assert other.check(device) is None
    assert ids.check("forged.0000") is None and ids.check(None) is None
    cookie = device_cookie(device, "/s/abc/")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/s/abc/" in cookie


def test_host_and_origin_checks() -> None:
    assert host_allowed("192.168.1.4:8765", "192.168.1.4", 8765)
    assert not host_allowed("evil.example:8765", "192.168.1.4", 8765)
    assert not host_allowed(None, "192.168.1.4", 8765)
    own = "http://192.168.1.4:8765"
    assert origin_allowed(own, "same-origin", own)
    assert origin_allowed(None, None, own)
    assert origin_allowed("null", "same-origin", own)
    assert not origin_allowed("null", None, own)
    assert not origin_allowed("http://evil.example", None, own)
    assert not origin_allowed(own, "cross-site", own)


def test_rate_limiter_slides() -> None:
    now = [0.0]
    limiter = RateLimiter(3, 10.0, clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")
    now[0] = 10.5
    assert limiter.allow("a")
