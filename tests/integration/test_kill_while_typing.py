"""The real app, killed with SIGKILL while notes are being typed, again and again, loses at most
about a second of typing.

Each life of a child process starts the app the way ``sre-workshop`` does (the composition
root :class:`ui.app.AppController`: instance lock, the database checked before it is written to,
the full check after the previous life's unclean exit, the session mark, the main window shown
offscreen, the start-up backup in a worker), opens the workshop and types into the notes editor
one key at a time, after what earlier lives saved, reporting each keystroke with its time. The
parent kills it without warning at a different moment each life and reads the database
read-only: the stored notes must be a prefix of everything typed so far and hold everything
typed more than the save window before the kill. The last life stops typing first, so all of it
must be there. The number of kills survived is printed.
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

from sre_workshop.instance_lock import lock_held_by_another, marker_path
from sre_workshop.storage.health import Health, inspect_database
from sre_workshop.workflows import create_team, plan_assessment
from sre_workshop.workspace import open_workspace

#: The app saves typed notes after 0.4 s of quiet and at least every second while typing;
#: the extra half second absorbs scheduling noise on a shared machine.
SAVE_WINDOW_SECONDS = 1.5
SENTENCE = "Rotation of 6 engineers, 24/7; handover is a chat message. "
#: Keys typed before each kill; None: type it all, stop, wait for the save window, then kill.
KILL_AFTER_KEYS = (12, 40, 3, 75, None)

CHILD = textwrap.dedent(
    """
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
    from PySide6.QtGui import QKeyEvent, QTextCursor
    from PySide6.QtWidgets import QApplication
    from ui.app import AppController, Prompts, create_application

    class Refuse(Prompts):
        def _stop(self, what):
            print(f"asked {what}", flush=True)
            os._exit(3)
        def second_instance(self, root):
            self._stop("second instance")
        def recovery(self, damage):
            self._stop(f"recovery: {damage.report.describe()}")
        def newer(self, exc):
            self._stop("newer")
        def error(self, title, text):
            self._stop(f"error: {title}: {text}")

    data_dir, assessment_id, text = sys.argv[1], sys.argv[2], sys.argv[3]
    app = create_application(["test"])
    ui_state = QSettings(os.path.join(data_dir, "ui.ini"), QSettings.Format.IniFormat)
    controller = AppController(data_dir, ui_state, Refuse())
    controller.open()
    window = controller.show_window()
    window.on_library_workshop_requested(assessment_id)
    editor = window.workshop.question_panel.notes_edit
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
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


def stored_notes(data_dir: Path, assessment_id: str) -> str:
    """The notes as the next start would find them, read without writing anything."""
    unclean = marker_path(data_dir).exists()
    report = inspect_database(data_dir / "sre-workshop.sqlite3", full=True, unclean=unclean)
    assert report.state is Health.OK, report.describe()
    workspace = open_workspace(data_dir, read_only=True)
    try:
        assert workspace.database.query("PRAGMA integrity_check")[0][0] == "ok"
        record = workspace.repository.load_record(assessment_id)
        key = workspace.framework_for(record.assessment).areas[0].flat_questions()[0].question.key
        return record.answer(key).notes
    finally:
        workspace.close()


def one_life(data_dir: Path, assessment_id: str, text: str, kill_after: int | None) -> list[float]:
    """Start the app, type ``text``, kill it; returns when each key was typed."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), assessment_id, text],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    typed_at: list[float] = []
    assert child.stdout is not None
    try:
        for line in child.stdout:
            assert not line.startswith("asked"), f"the app asked the coach: {line.strip()}"
            if line.startswith("typed"):
                _, count, stamp = line.split()
                typed_at.append(float(stamp))
                if kill_after is not None and int(count) >= kill_after:
                    break
            if line.startswith("done"):
                break
        if kill_after is None:
            time.sleep(SAVE_WINDOW_SECONDS)  # typing stopped: everything must be saved
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL, "the app ended by itself"
    return typed_at


@pytest.mark.slow
def test_sigkill_while_typing_again_and_again_loses_at_most_the_save_window(
    isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = open_workspace(isolated_data_dir)
    team = create_team(workspace, "Checkout")
    assessment = plan_assessment(workspace, team.id, date=dt.date(2026, 3, 2))
    workspace.close()

    started = time.monotonic()
    kills = 0
    for life, kill_after in enumerate(KILL_AFTER_KEYS):
        before = stored_notes(isolated_data_dir, assessment.id)
        text = f"[{life}] {SENTENCE}"
        typed_at = one_life(isolated_data_dir, assessment.id, text, kill_after)
        killed_at = time.monotonic()
        kills += 1
        assert typed_at, f"life {life}: the app never typed"
        assert marker_path(isolated_data_dir).exists(), "a killed app leaves its session mark"
        assert not lock_held_by_another(isolated_data_dir), "the lock died with the app"

        stored = stored_notes(isolated_data_dir, assessment.id)
        assert (before + text).startswith(stored), f"life {life}: not what was typed"
        assert stored.startswith(before), f"life {life}: an earlier life's notes were lost"
        safe = sum(1 for stamp in typed_at if stamp <= killed_at - SAVE_WINDOW_SECONDS)
        assert len(stored) - len(before) >= safe, (
            f"life {life}: {len(stored) - len(before)} characters stored, but {safe} were "
            f"typed more than {SAVE_WINDOW_SECONDS} s before the kill"
        )
        if kill_after is None:
            assert stored == before + text
    with capsys.disabled():
        print(
            f"\nkill while typing: the real app survived {kills} SIGKILLs while notes were "
            f"typed, restarting each time on the same data ({time.monotonic() - started:.1f} s)"
        )
