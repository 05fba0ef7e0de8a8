"""The phone page in a real browser: Debian's Chromium, headless, driven by Playwright.

No browser is downloaded: Playwright launches ``/usr/bin/chromium`` (``.ci/run`` installs the
``chromium`` package). The server binds 127.0.0.1 on a random port and the browser only ever
opens that address. A phone-sized context (390x844, touch) votes with JavaScript off (the
plain form) and on (fetch, live stream), sees the reveal, says "not sent" when the network
fails, and recovers after its live stream is cut.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sre_workshop.framework import builtin_framework
from sre_workshop.model import Dimension
from sre_workshop.voting import Limits, VotingRoom, VotingServer, level_round, survey_round

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
FRAMEWORK = builtin_framework()
AREA = FRAMEWORK.areas_of(Dimension.PROCESS)[1]
CULTURE = FRAMEWORK.areas_of(Dimension.CULTURE)[0]
WAIT_MS = 8000

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium "
    "(apt-get install chromium; .ci/run does this)",
)


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def room() -> VotingRoom:
    return VotingRoom()


@pytest.fixture
def server(room: VotingRoom) -> Iterator[VotingServer]:
    running = VotingServer(
        room,
        "127.0.0.1",
        limits=Limits(max_connections_per_address=100, requests_per_window=10_000),
        ports=[0],
    )
    running.start()
    yield running
    running.stop()


@pytest.fixture
def phone(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    javascript = getattr(request, "param", True)
    context = browser.new_context(java_script_enabled=javascript, **PHONE)
    page = context.new_page()
    page.csp_errors = []  # type: ignore[attr-defined]
    page.on(
        "console",
        lambda message: (
            page.csp_errors.append(message.text)  # type: ignore[attr-defined]
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()


def round_id(room: VotingRoom) -> str:
    spec = room.state().round
    assert spec is not None
    return spec.id


def wait_for(condition: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.parametrize("phone", [False], indirect=True)
def test_the_plain_form_votes_without_javascript(
    phone: Any, server: VotingServer, room: VotingRoom
) -> None:
    phone.goto(server.url)
    assert "Waiting for the coach" in phone.inner_text("h1")
    room.open_round(level_round(AREA, FRAMEWORK.levels, AREA.questions[0]))
    phone.reload()
    assert phone.inner_text("h1") == f"Which level is {AREA.name} at today?"
    options = phone.locator("label.choice")
    assert options.count() == 6
    for index in range(6):
        box = options.nth(index).bounding_box()
        assert box is not None and box["height"] >= 48 and box["width"] >= 300
    send = phone.locator("button.send")
    box = send.bounding_box()
    assert box is not None and box["height"] >= 48
    options.nth(2).tap()
    with phone.expect_navigation():
        send.tap()
    assert "Vote received" in phone.inner_text("#status")
    assert phone.inner_text("button.send") == "Change my vote"
    assert room.state().votes_cast == 1
    options = phone.locator("label.choice")
    options.nth(3).tap()
    with phone.expect_navigation():
        phone.locator("button.send").tap()
    assert room.state().votes_cast == 1  # replaced, not added
    room.reveal()
    phone.reload()
    assert "1 vote · revealed" in phone.inner_text(".total")
    assert phone.locator("ol.results li").count() == 6
    assert phone.locator("li.result.most .label").inner_text().startswith("4")
    assert phone.csp_errors == []


def test_javascript_votes_in_place_and_shows_the_reveal_live(
    phone: Any, server: VotingServer, room: VotingRoom
) -> None:
    phone.goto(server.url)
    phone.wait_for_selector("text=Waiting for the coach")
    room.open_round(survey_round(CULTURE))
    phone.wait_for_selector("h1#question", timeout=WAIT_MS)  # the page redrew itself
    assert phone.inner_text("h1") == CULTURE.survey_statement
    phone.evaluate("window.stillTheSamePage = true")
    phone.locator("label.choice").nth(5).tap()
    phone.locator("button.send").tap()
    phone.wait_for_selector("#status.received", timeout=WAIT_MS)
    assert "Vote received: 6" in phone.inner_text("#status")
    assert phone.evaluate("window.stillTheSamePage") is True  # sent without a reload
    assert room.state().votes_cast == 1
    room.vote("another-device", round_id(room), 2)  # someone else votes: the count moves
    # (Locator waits, not wait_for_function: the page's CSP rightly forbids eval.)
    expect(phone.locator("[data-votes-cast]")).to_have_text("2", timeout=WAIT_MS)
    room.reveal()
    phone.wait_for_selector("ol.results", timeout=WAIT_MS)
    assert "2 votes · revealed" in phone.inner_text(".total")
    assert phone.csp_errors == []


def test_not_sent_is_said_and_the_page_recovers_after_the_stream_is_cut(
    phone: Any, server: VotingServer, room: VotingRoom
) -> None:
    room.open_round(level_round(AREA, FRAMEWORK.levels))
    phone.goto(server.url)
    phone.wait_for_selector("body[data-page^='open']", timeout=WAIT_MS)
    phone.wait_for_timeout(300)  # the live stream is up

    phone.route("**/vote", lambda route: route.abort("internetdisconnected"))
    phone.locator("label.choice").nth(1).tap()
    phone.locator("button.send").tap()
    phone.wait_for_selector("#status.error", timeout=WAIT_MS)
    assert "Not sent — check the Wi-Fi" in phone.inner_text("#status")
    assert room.state().votes_cast == 0
    phone.unroute("**/vote")
    phone.locator("button.send").tap()
    phone.wait_for_selector("#status.received", timeout=WAIT_MS)
    assert room.state().votes_cast == 1

    # The stream is cut and cannot come back: the page falls back to polling.
    phone.route("**/events", lambda route: route.abort("connectionreset"))
    server.drop_streams()
    wait_for(lambda: server.open_streams() == 0)
    room.reveal()
    phone.wait_for_selector("ol.results", timeout=WAIT_MS)
    # The stream comes back: changes arrive again.
    phone.unroute("**/events")
    room.close_round()
    phone.wait_for_selector("text=Waiting for the coach", timeout=WAIT_MS)
    assert phone.csp_errors == []


def test_a_browser_joins_the_demo_workshop_and_its_vote_lands_in_the_tally(
    phone: Any, qtbot: Any, isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMainWindow

    from sre_workshop.demo import add_demo_data
    from sre_workshop.model import VotesSource
    from sre_workshop.voting import Candidate, InterfaceKind
    from sre_workshop.workspace import open_workspace
    from ui.voting import controller as controller_module
    from ui.workshop.facilitation_view import FacilitationView

    loopback = [Candidate("127.0.0.1", "lo", InterfaceKind.OTHER)]
    monkeypatch.setattr(controller_module, "system_candidates", lambda: list(loopback))
    monkeypatch.setattr(controller_module, "DEFAULT_PORT", 0)
    workspace = open_workspace(isolated_data_dir)
    team = add_demo_data(workspace)
    assert team is not None
    reassessment = workspace.repository.list_assessments(team.id)[-1]
    window = QMainWindow()
    view = FacilitationView(workspace, window)
    window.setCentralWidget(view)
    qtbot.addWidget(window)
    window.show()
    try:
        view.open_assessment(reassessment.id)
        assert view.go_to_area(AREA.key)
        panel = view.voting.show_panel()
        qtbot.mouseClick(panel.toggle_button, Qt.MouseButton.LeftButton)
        url = view.voting.controller.url
        assert url.startswith("http://127.0.0.1:")
        view.voting.open_level_vote()

        phone.goto(url)  # the address as the projector shows it
        phone.wait_for_selector("h1#question", timeout=WAIT_MS)
        phone.locator("label.choice").nth(3).tap()
        phone.locator("button.send").tap()
        phone.wait_for_selector("#status.received", timeout=WAIT_MS)
        qtbot.waitUntil(lambda: view.voting.controller.state.votes_cast == 1, timeout=5000)
        QApplication.processEvents()

        view.toggle_reveal()  # V
        phone.wait_for_selector("ol.results", timeout=WAIT_MS)
        rating = workspace.repository.load_record(reassessment.id).rating(AREA.key)
        assert rating.votes == (0, 0, 0, 1, 0)
        assert rating.votes_source is VotesSource.ROOM
    finally:
        view.voting.stop()
        if view.voting.panel is not None:
            view.voting.panel.deleteLater()
        workspace.close()
