"""Room voting in the app: the Qt bridge, the coach's panel, and a vote from open to tally.

The server binds 127.0.0.1 on a random port; simulated phones talk to it with the standard
library's HTTP client from their own threads, as real phones would from their own devices.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Slot
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from sre_workshop.framework import builtin_framework
from sre_workshop.model import AssessmentRecord, ScopeItem, VotesSource
from sre_workshop.voting import (
    Candidate,
    InterfaceKind,
    RoomState,
    VotingRoom,
    VotingServer,
    level_round,
)
from sre_workshop.voting.security import DEVICE_COOKIE
from sre_workshop.workflows import create_team, plan_assessment
from sre_workshop.workspace import Workspace, open_workspace
from ui.voting import controller as controller_module
from ui.voting.bridge import VotingBridge
from ui.voting.controller import RoomVoting
from ui.voting.qr import QUIET_ZONE, qr_image, qr_matrix
from ui.workshop.facilitation_view import FacilitationView

LOOPBACK = "127.0.0.1"
CULTURE = "culture.risks-shared"
ON_CALL = "process.on-call"
LOOPBACK_ONLY = [Candidate(LOOPBACK, "lo", InterfaceKind.OTHER, "test loopback")]


# --- phones -------------------------------------------------------------------------------------


def phone_vote(url: str, choice: int) -> int:
    """One phone: load the page (gets its device cookie), then post a vote as the form does."""
    host, port, path = _split(url)
    connection = http.client.HTTPConnection(host, port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        cookie = response.getheader("Set-Cookie", "").split(";")[0]
        assert cookie.startswith(DEVICE_COOKIE)
        connection.request("GET", path + "state", headers={"Cookie": cookie})
        round_id = json.loads(connection.getresponse().read())["round"]["id"]
        connection.request(
            "POST",
            path + "vote",
            body=f"round={round_id}&choice={choice}",
            headers={
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"http://{host}:{port}",
                "Accept": "application/json",
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _split(url: str) -> tuple[str, int, str]:
    rest = url.removeprefix("http://")
    address, _, path = rest.partition("/")
    host, _, port = address.partition(":")
    return host, int(port), "/" + path


def in_threads(*calls: tuple[str, int]) -> list[int]:
    results: list[int] = [0] * len(calls)

    def run(index: int, url: str, choice: int) -> None:
        results[index] = phone_vote(url, choice)

    threads = [
        threading.Thread(target=run, args=(index, url, choice))
        for index, (url, choice) in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return results


# --- the bridge -----------------------------------------------------------------------------


class Recorder(QObject):
    """A GUI-thread receiver that notes which thread its slot ran on."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[QThread] = []
        self.states: list[RoomState] = []

    @Slot(object)
    def on_state_changed(self, state: RoomState) -> None:
        self.threads.append(QThread.currentThread())
        self.states.append(state)


def test_votes_from_the_server_thread_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    room = VotingRoom()
    bridge = VotingBridge(room)
    recorder = Recorder()
    bridge.state_changed.connect(recorder.on_state_changed)
    listener_threads: list[threading.Thread] = []
    room.add_listener(lambda _state, _result: listener_threads.append(threading.current_thread()))
    framework = builtin_framework()
    area = framework.area(ON_CALL)
    server = VotingServer(room, LOOPBACK, ports=[0])
    server.start()
    try:
        room.open_round(level_round(area, framework.levels))
        with qtbot.waitSignal(
            bridge.state_changed, timeout=5000, check_params_cb=lambda s: s.votes_cast == 1
        ):
            assert in_threads((server.url, 2)) == [200]
    finally:
        server.stop()
        bridge.detach()
    gui = QCoreApplication.instance()
    assert gui is not None
    assert any(thread is not threading.main_thread() for thread in listener_threads)
    assert recorder.threads and all(thread is gui.thread() for thread in recorder.threads)
    assert recorder.states[-1].votes_cast == 1 and recorder.states[-1].result is None


def test_the_qr_code_is_crisp_and_has_its_quiet_zone() -> None:
    url = "http://192.168.1.23:8765/s/k7dqm-3xa9p-vt2hw-8mczr/"
    matrix = qr_matrix(url)
    image = qr_image(url, 400)
    modules = len(matrix) + 2 * QUIET_ZONE
    module = 400 // modules
    offset = (400 - module * modules) // 2
    colours = set()
    for row in range(len(matrix)):
        for column in range(len(matrix)):
            x = offset + (column + QUIET_ZONE) * module + module // 2
            y = offset + (row + QUIET_ZONE) * module + module // 2
            dark = image.pixelColor(x, y).lightness() < 128
            assert dark == matrix[row][column]
            colours.add(image.pixelColor(x, y).name())
    assert colours == {"#000000", "#ffffff"}  # no smoothing: every module pure black or white
    assert image.pixelColor(offset + 1, offset + 1).name() == "#ffffff"  # the quiet zone


def test_a_changed_address_reopens_with_a_new_code(qtbot: QtBot) -> None:
    addresses = [LOOPBACK_ONLY[0]]
    voting = RoomVoting(candidates=lambda: list(addresses), port=0)
    notices: list[str] = []
    voting.notice.connect(notices.append)
    try:
        first = voting.start(LOOPBACK)
        addresses[:] = [Candidate("127.0.0.2", "lo2", InterfaceKind.WIFI)]
        voting.check_network()
        assert voting.running and voting.address == "127.0.0.2"
        assert voting.url != first and "new QR code" in notices[-1]
        addresses.clear()
        voting.check_network()
        assert not voting.running and "stopped" in notices[-1]
    finally:
        voting.shutdown()


# --- the workshop ---------------------------------------------------------------------------


@pytest.fixture
def workspace(isolated_data_dir: Path) -> Iterator[Workspace]:
    workspace = open_workspace(isolated_data_dir)
    yield workspace
    workspace.close()


@pytest.fixture
def assessment_id(workspace: Workspace) -> str:
    team = create_team(workspace, "Checkout & Payments")
    scope = (ScopeItem(CULTURE, 10), ScopeItem(ON_CALL, 10))
    return plan_assessment(workspace, team.id, date=dt.date(2026, 3, 10), scope=scope).id


@pytest.fixture
def view(
    qtbot: QtBot, workspace: Workspace, assessment_id: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FacilitationView]:
    monkeypatch.setattr(controller_module, "system_candidates", lambda: list(LOOPBACK_ONLY))
    monkeypatch.setattr(controller_module, "DEFAULT_PORT", 0)
    window = QMainWindow()
    view = FacilitationView(workspace, window)
    window.setCentralWidget(view)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    view.open_assessment(assessment_id)
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    yield view
    view.voting.stop()
    panel = view.voting.panel
    if panel is not None:
        panel.deleteLater()
    view.close_presenter()


def stored(data_dir: Path, assessment_id: str) -> AssessmentRecord:
    other = open_workspace(data_dir)
    try:
        return other.repository.load_record(assessment_id)
    finally:
        other.close()


def key(qtbot: QtBot, view: FacilitationView, key: Qt.Key, shift: bool = False) -> None:
    view.window().activateWindow()
    view.setFocus()
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(view, key, modifier)


def open_room_voting(qtbot: QtBot, view: FacilitationView) -> str:
    key(qtbot, view, Qt.Key.Key_O)
    panel = view.voting.panel
    assert panel is not None and panel.isVisible()
    assert panel.address_combo.currentData() == LOOPBACK
    qtbot.mouseClick(panel.toggle_button, Qt.MouseButton.LeftButton)
    assert view.voting.controller.running
    return view.voting.controller.url


def test_a_phone_vote_from_open_to_tally(
    qtbot: QtBot, view: FacilitationView, isolated_data_dir: Path, assessment_id: str
) -> None:
    url = open_room_voting(qtbot, view)
    presenter = view.open_presenter()
    assert presenter.join_panel.isVisible()
    assert presenter.join_panel.qr.text == url
    host, _, path = url.removeprefix("http://").partition("/")
    assert f"{host}\n/{path}" in presenter.visible_texts()
    assert not presenter.radar.isVisible()

    view.go_to_area(ON_CALL)
    key(qtbot, view, Qt.Key.Key_B)
    assert view.voting.controller.round_open_for(ON_CALL)
    assert in_threads((url, 3), (url, 3), (url, 4), (url, 0)) == [200] * 4
    qtbot.waitUntil(lambda: view.voting.controller.state.votes_cast == 4, timeout=5000)

    # before the reveal: the count, nowhere the distribution
    assert "4 voted" in view.rating_panel.room_label.text()
    content = presenter.content
    assert content is not None and content.votes is None and content.room is not None
    assert "4 voted" in presenter.join_panel.status_label.text()
    assert presenter.vote_counts_shown() == ("",) * 5
    assert stored(isolated_data_dir, assessment_id).rating(ON_CALL).votes == (0, 0, 0, 0, 0)

    key(qtbot, view, Qt.Key.Key_V)
    rating = stored(isolated_data_dir, assessment_id).rating(ON_CALL)
    assert rating.votes == (0, 0, 2, 1, 0)  # "don't know" is not a level
    assert rating.votes_source is VotesSource.ROOM
    assert view.room.is_revealed(ON_CALL)
    assert presenter.vote_counts_shown() == ("0", "0", "2", "1", "0")
    assert "anonymously from phones" in view.rating_panel.room_label.text()
    assert "don't know" in presenter.join_panel.status_label.text()

    view.undo_stack.undo()  # the room's tally is one undoable edit
    rating = stored(isolated_data_dir, assessment_id).rating(ON_CALL)
    assert rating.votes == (0, 0, 0, 0, 0) and rating.votes_source is VotesSource.MANUAL


def test_the_culture_statement_by_phone_and_closing_stops_the_server(
    qtbot: QtBot, view: FacilitationView, isolated_data_dir: Path, assessment_id: str
) -> None:
    url = open_room_voting(qtbot, view)
    server = view.voting.controller.server
    assert server is not None
    port = server.port
    key(qtbot, view, Qt.Key.Key_B, shift=True)
    state = view.voting.controller.state
    assert state.round is not None and state.round.kind.value == "survey"
    assert in_threads((url, 6), (url, 7), (url, 6)) == [200] * 3
    qtbot.waitUntil(lambda: view.voting.controller.state.votes_cast == 3, timeout=5000)
    key(qtbot, view, Qt.Key.Key_V)
    tally = stored(isolated_data_dir, assessment_id).survey_tally(CULTURE)
    assert tally.counts == (0, 0, 0, 0, 0, 2, 1) and tally.votes_source is VotesSource.ROOM
    assert view.rating_panel.survey_source_label.isVisible()

    panel = view.voting.panel
    assert panel is not None
    panel.close()
    assert not view.voting.controller.running
    with pytest.raises(OSError), socket.create_connection((LOOPBACK, port), timeout=1):
        pass


def test_too_few_votes_stay_off_the_projector(
    qtbot: QtBot,
    view: FacilitationView,
    workspace: Workspace,
    isolated_data_dir: Path,
    assessment_id: str,
) -> None:
    from dataclasses import replace

    workspace.repository.save_settings(
        replace(workspace.repository.load_settings(), min_votes_to_show=3)
    )
    url = open_room_voting(qtbot, view)
    presenter = view.open_presenter()
    view.go_to_area(ON_CALL)
    key(qtbot, view, Qt.Key.Key_B)
    assert in_threads((url, 2), (url, 5)) == [200, 200]
    qtbot.waitUntil(lambda: view.voting.controller.state.votes_cast == 2, timeout=5000)
    key(qtbot, view, Qt.Key.Key_V)
    assert stored(isolated_data_dir, assessment_id).rating(ON_CALL).votes == (0, 1, 0, 0, 1)
    assert not view.room.is_revealed(ON_CALL)
    assert presenter.vote_counts_shown() == ("",) * 5
    assert "Too few votes to show (2)" in presenter.join_panel.status_label.text()
    assert "too few" in view.rating_panel.room_label.text()


def test_b_without_room_voting_opens_the_panel_and_says_so(
    qtbot: QtBot, view: FacilitationView
) -> None:
    key(qtbot, view, Qt.Key.Key_B)
    panel = view.voting.panel
    assert panel is not None and panel.isVisible()
    assert "Open room voting first" in panel.notice_label.text()
    assert not view.voting.controller.running
