"""The real app, killed with SIGKILL while notes are being typed, loses at most about a second.

A child process runs the main window offscreen, opens a workshop and types into the notes
editor one key at a time, reporting each keystroke with its time. The parent kills it without
warning and then reads the database: the stored notes must be a prefix of what was typed and
hold everything typed more than the save window before the kill.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from sre_workshop.workflows import create_team, plan_assessment
from sre_workshop.workspace import open_workspace

#: The app saves typed notes after 0.4 s of quiet and at least every second while typing;
#: the extra half second absorbs scheduling noise on a shared machine.
SAVE_WINDOW_SECONDS = 1.5
TEXT = "Rotation of 6 engineers, 24/7; handover is a chat message. " * 4

CHILD = textwrap.dedent(
    """
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication
    from sre_workshop.workspace import open_workspace
    from ui.app import create_application
    from ui.main_window import MainWindow

    data_dir, assessment_id, text = sys.argv[1], sys.argv[2], sys.argv[3]
    app = create_application(["test"])
    workspace = open_workspace(data_dir)
    ui_state = QSettings(os.path.join(data_dir, "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(workspace, ui_state)
    window._first_start_checked = True
    window.show()
    window.on_library_workshop_requested(assessment_id)
    editor = window.workshop.question_panel.notes_edit
    editor.setFocus()
    position = 0

    def type_one():
        global position
        if position == len(text):
            print("done", flush=True)
            return
        character = text[position]
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, character)
            QApplication.sendEvent(editor, event)
        position += 1
        print(f"typed {position} {time.monotonic()}", flush=True)
        QTimer.singleShot(15, type_one)

    print("ready", flush=True)
    QTimer.singleShot(0, type_one)
    app.exec()
    """
)


def first_question_notes(data_dir: Path, assessment_id: str) -> str:
    workspace = open_workspace(data_dir)
    try:
        record = workspace.repository.load_record(assessment_id)
        key = workspace.framework_for(record.assessment).areas[0].flat_questions()[0].question.key
        integrity = workspace.database.query("PRAGMA integrity_check")[0][0]
        assert integrity == "ok"
        return record.answer(key).notes
    finally:
        workspace.close()


@pytest.mark.slow
@pytest.mark.parametrize("kill_after_keys", [40, 130, len(TEXT)])
def test_sigkill_while_typing_loses_at_most_the_save_window(
    isolated_data_dir: Path, kill_after_keys: int
) -> None:
    workspace = open_workspace(isolated_data_dir)
    team = create_team(workspace, "Checkout")
    assessment = plan_assessment(workspace, team.id, date=dt.date(2026, 3, 2))
    workspace.close()

    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(isolated_data_dir), assessment.id, TEXT],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    typed_at: list[tuple[int, float]] = []
    assert child.stdout is not None
    try:
        for line in child.stdout:
            if line.startswith("typed"):
                _, count, stamp = line.split()
                typed_at.append((int(count), float(stamp)))
                if int(count) >= kill_after_keys:
                    break
            if line.startswith("done"):
                break
        if kill_after_keys >= len(TEXT):
            time.sleep(SAVE_WINDOW_SECONDS)  # typing stopped: everything must be saved
        killed_at = time.monotonic()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
        child.stdout.close()

    assert typed_at, "the child never typed"
    stored = first_question_notes(isolated_data_dir, assessment.id)
    assert TEXT.startswith(stored), "the stored notes are not what was typed"
    safe = [count for count, stamp in typed_at if stamp <= killed_at - SAVE_WINDOW_SECONDS]
    must_have = max(safe, default=0)
    assert len(stored) >= must_have, (
        f"{len(stored)} characters stored, but {must_have} were typed more than "
        f"{SAVE_WINDOW_SECONDS} s before the kill"
    )
    if kill_after_keys >= len(TEXT):
        assert stored == TEXT
