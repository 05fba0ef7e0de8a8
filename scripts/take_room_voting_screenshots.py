"""Write the room voting screenshots to docs/screenshots/ (offscreen Qt, headless Chromium).

``room-voting-presenter.png``: the projector during a phone vote, from the demo assessment
(1920x1080). The join address is an example LAN address: the QR code and the text show what a
coach's laptop on venue Wi-Fi would show; nothing is bound to it.

``room-voting-phone.png``: the phone page at 390x844 (scale 2) from a real room server on
127.0.0.1: the ballot, after sending, and after the reveal, side by side. Needs Debian's
``chromium`` and the ``playwright`` package (no browser download).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/take_room_voting_screenshots.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication

from sre_workshop.capture import CaptureSession
from sre_workshop.demo import add_demo_data
from sre_workshop.voting import VotingRoom, VotingServer, level_round
from sre_workshop.workspace import open_workspace
from ui.app import create_application
from ui.voting.presenter_join import PresenterRoom
from ui.workshop.content import presenter_content
from ui.workshop.navigation import Agenda, Position
from ui.workshop.presenter_window import PresenterWindow

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
AREA = "process.on-call"
EXAMPLE_URL = "http://192.168.1.23:8765/s/k7dqm-3xa9p-vt2hw-8mczr/"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def presenter(app: QApplication, folder: Path) -> None:
    workspace = open_workspace(folder / "data")
    team = add_demo_data(workspace)
    assert team is not None
    reassessment = workspace.repository.list_assessments(team.id)[-1]
    session = CaptureSession(workspace, reassessment.id)
    session.set_level(AREA, None)  # the room votes before a level is agreed
    framework = session.framework
    areas = [framework.area(key) for key in reassessment.scope_keys if framework.has_area(key)]
    agenda = Agenda(areas)
    index = agenda.area_index(AREA)
    assert index is not None
    room = PresenterRoom(
        url=EXAMPLE_URL,
        devices=11,
        round_area_key=AREA,
        round_label=f"Level of {framework.area(AREA).name}",
        round_open=True,
        votes_cast=7,
        expected=11,
    )
    content = presenter_content(
        session,
        agenda,
        Position(index, 0),
        title="Checkout & Payments · reassessment",
        revealed=(),
        room=room,
    )
    window = PresenterWindow()
    window.resize(1920, 1080)
    window.show()
    window.show_content(content)
    settle(app)
    qr = window.join_panel.qr
    print(f"presenter QR: {qr.width()}x{qr.height()} px, {qr.module_pixels()} px per module")
    path = OUT / "room-voting-presenter.png"
    if not window.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)
    window.close()
    workspace.close()


def phone_shots(folder: Path) -> list[QImage]:
    from playwright.sync_api import sync_playwright

    from sre_workshop.framework import builtin_framework

    framework = builtin_framework()
    area = framework.area(AREA)
    room = VotingRoom(min_votes_to_show=3)
    server = VotingServer(room, "127.0.0.1", ports=[0])
    server.start()
    shots: list[QImage] = []
    try:
        room.open_round(level_round(area, framework.levels, area.questions[0]))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True
            )
            context = browser.new_context(
                viewport={"width": 390, "height": 844},
                device_scale_factor=2,
                is_mobile=True,
                has_touch=True,
            )
            page = context.new_page()
            page.goto(server.url)
            page.wait_for_selector("h1#question")

            def shot(name: str) -> None:
                target = folder / f"{name}.png"
                page.screenshot(path=str(target))
                shots.append(QImage(str(target)))

            page.locator("label.choice").nth(2).tap()
            shot("ballot")
            page.locator("button.send").tap()
            page.wait_for_selector("#status.received")
            page.locator("#status").scroll_into_view_if_needed()
            page.evaluate("window.scrollBy(0, 120)")
            shot("received")
            round_id = room.state().round.id  # type: ignore[union-attr]
            for index, choice in enumerate((2, 3, 3, 4, 3, 2, 3, 0, 4, 3)):
                room.vote(f"someone-{index}", round_id, choice)
            room.reveal()
            page.wait_for_selector("ol.results")
            page.evaluate("window.scrollTo(0, 0)")
            shot("revealed")
            context.close()
            browser.close()
    finally:
        server.stop()
    return shots


def side_by_side(shots: list[QImage], captions: list[str]) -> QImage:
    gap, top, margin = 48, 110, 48
    width = sum(shot.width() for shot in shots) + gap * (len(shots) - 1) + 2 * margin
    height = max(shot.height() for shot in shots) + top + margin
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#E9EDF2"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    font = QFont("DejaVu Sans")
    font.setPixelSize(40)
    font.setBold(True)
    painter.setFont(font)
    x = margin
    for shot, caption in zip(shots, captions, strict=True):
        painter.setPen(QColor("#111820"))
        painter.drawText(
            QRect(x, 20, shot.width(), top - 30), Qt.AlignmentFlag.AlignCenter, caption
        )
        painter.fillRect(
            QRect(x - 3, top - 3, shot.width() + 6, shot.height() + 6), QColor("#111820")
        )
        painter.drawImage(x, top, shot)
        x += shot.width() + gap
    painter.end()
    return image


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv[:1])
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        presenter(app, folder)
        shots = phone_shots(folder)
        combined = side_by_side(
            shots, ["1 · The vote", "2 · Vote received", "3 · After the reveal"]
        )
        path = OUT / "room-voting-phone.png"
        if not combined.save(str(path)):
            raise SystemExit(f"could not write {path}")
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
