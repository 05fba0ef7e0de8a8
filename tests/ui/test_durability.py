"""Nothing is lost, in the app: start-up and exit, damaged and newer databases, a second window,
backups and restore, and a full disk or read-only folder while the coach is working.

The composition root (:class:`ui.app.AppController`) is driven with prompts that answer for the
coach; dialogs are checked on their own.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

import sre_workshop.workspace as workspace_module
import ui.app as app_module
from sre_workshop.instance_lock import lock_held_by_another, marker_path
from sre_workshop.model import QuickAnswer, ScopeItem
from sre_workshop.paths import DataPaths
from sre_workshop.recovery import Damage, diagnose
from sre_workshop.storage import DiskFullError, ReadOnlyError, schema_version
from sre_workshop.storage.backups import backup_infos
from sre_workshop.storage.errors import StorageError
from sre_workshop.storage.seal import read_seal
from sre_workshop.workflows import create_team, plan_assessment
from sre_workshop.workspace import (
    READ_ONLY_NEWER,
    READ_ONLY_OTHER_INSTANCE,
    Workspace,
    open_workspace,
)
from tests.core.damage_cases import DAMAGE, database_files, populate
from ui.app import AppController, Prompts
from ui.dialogs.backups_dialog import BackupsDialog
from ui.dialogs.damaged_database_dialog import DamagedDatabaseDialog, RecoveryChoice
from ui.dialogs.read_only_banner import ReadOnlyBanner
from ui.main_window import MainWindow
from ui.workshop.facilitation_view import FacilitationView

CULTURE = "culture.risks-shared"
ON_CALL = "process.on-call"


@dataclass
class FakePrompts(Prompts):
    """Answers for the coach, and a record of what the app asked and told."""

    read_only_instead: bool = True
    choice: RecoveryChoice = RecoveryChoice.RESTORE
    asked: list[str] = field(default_factory=list)
    damages: list[Damage] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def second_instance(self, root: Path) -> bool:
        self.asked.append(f"second instance on {root}")
        return self.read_only_instead

    def recovery(self, damage: Damage) -> RecoveryChoice:
        self.damages.append(damage)
        if self.choice is RecoveryChoice.RESTORE and damage.candidate is None:
            return RecoveryChoice.START_EMPTY
        return self.choice

    def newer(self, exc: Exception) -> None:  # type: ignore[override]
        self.asked.append(f"newer: {exc}")

    def error(self, title: str, text: str) -> None:
        self.errors.append(f"{title}: {text}")


@pytest.fixture
def ui_state(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def started(
    qtbot: QtBot, isolated_data_dir: Path, ui_state: QSettings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., AppController]]:
    """Start controllers (as many as a test needs); each is shut down at the end."""
    made: list[AppController] = []
    # The welcome on an empty folder is modal; these tests are not about it.
    monkeypatch.setattr(MainWindow, "offer_first_start", lambda self: None)

    def start(prompts: FakePrompts | None = None, *, show: bool = True) -> AppController:
        controller = AppController(str(isolated_data_dir), ui_state, prompts or FakePrompts())
        controller.startup_backup_delay_ms = 0
        made.append(controller)
        if controller.open() and show:
            window = controller.show_window()
            qtbot.addWidget(window)
            assert isinstance(window, MainWindow)
        return controller

    yield start
    for controller in reversed(made):
        if controller.window is not None:
            controller.window.close()
        controller.shutdown()


def window_of(controller: AppController) -> MainWindow:
    assert isinstance(controller.window, MainWindow)
    return controller.window


def team_names(workspace: Workspace) -> list[str]:
    return [team.name for team in workspace.repository.list_teams()]


# --- start-up and a clean exit -------------------------------------------------------------------


def test_the_window_shows_first_then_a_worker_backs_up_on_its_own_connection(
    qtbot: QtBot,
    started: Callable[..., AppController],
    isolated_data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    populate(isolated_data_dir)
    seen: dict[str, object] = {}
    real = app_module.startup_backup

    def spy(paths: DataPaths) -> object:
        seen["main thread"] = threading.current_thread() is threading.main_thread()
        seen["argument"] = paths
        return real(paths)

    monkeypatch.setattr(app_module, "startup_backup", spy)
    controller = started()
    assert window_of(controller).isVisible()
    assert "main thread" not in seen, "the backup must not run before the window is shown"
    qtbot.waitUntil(lambda: controller.startup_maintenance is not None, timeout=10_000)
    assert seen == {"main thread": False, "argument": DataPaths(isolated_data_dir)}
    assert controller.startup_maintenance is not None
    taken = controller.startup_maintenance.backup
    assert taken is not None and taken.name.endswith("-after-start.sqlite3")
    assert marker_path(isolated_data_dir).exists(), "the session is marked open while running"


def test_a_clean_exit_backs_up_what_changed_clears_the_mark_and_frees_the_folder(
    qtbot: QtBot, started: Callable[..., AppController], isolated_data_dir: Path
) -> None:
    controller = started()
    qtbot.waitUntil(lambda: controller.startup_maintenance is not None, timeout=10_000)
    assert controller.workspace is not None
    create_team(controller.workspace, "Typed during the session")
    window_of(controller).close()
    controller.shutdown()
    reasons = [info.reason for info in backup_infos(DataPaths(isolated_data_dir).backups)]
    assert reasons[0] == "on-exit"
    assert not marker_path(isolated_data_dir).exists()
    assert not lock_held_by_another(isolated_data_dir)


def _exit_cleanly(controller: AppController) -> None:
    window_of(controller).close()
    controller.shutdown()


def test_a_clean_exit_seals_the_database_and_the_next_start_skips_its_check(
    qtbot: QtBot,
    started: Callable[..., AppController],
    isolated_data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    populate(isolated_data_dir)
    paths = DataPaths(isolated_data_dir)
    first = started()
    assert first.workspace is not None and not paths.seal.exists()
    create_team(first.workspace, "Typed during the session")
    _exit_cleanly(first)
    seal = read_seal(paths.seal)
    assert seal is not None and seal.schema_version == schema_version()
    checked: list[Path] = []
    real = workspace_module.inspect_database

    def spy(path: Path, **kwargs: bool) -> object:
        checked.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(workspace_module, "inspect_database", spy)
    second = started()
    assert checked == [], "the sealed, unchanged file is not checked again"
    assert second.workspace is not None and second.workspace.health is not None
    assert second.workspace.health.sealed
    assert "Typed during the session" in team_names(second.workspace)
    assert window_of(second).isVisible()
    assert not paths.seal.exists(), "the running session consumed the seal"
    _exit_cleanly(second)
    assert read_seal(paths.seal) is not None


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_damage_made_right_after_a_sealed_clean_exit_still_gets_the_dialog(
    started: Callable[..., AppController], isolated_data_dir: Path, kind: str
) -> None:
    populate(isolated_data_dir)
    first = started()
    assert first.workspace is not None
    create_team(first.workspace, "Typed during the session")
    _exit_cleanly(first)
    assert DataPaths(isolated_data_dir).seal.exists()
    DAMAGE[kind](isolated_data_dir)  # at once: within the same second as the seal
    prompts = FakePrompts()
    second = started(prompts)
    assert len(prompts.damages) == 1, kind
    assert second.recovery is not None and window_of(second).isVisible()
    assert not DataPaths(isolated_data_dir).seal.exists()


def test_no_seal_when_the_quick_check_at_exit_fails(
    started: Callable[..., AppController], isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = DataPaths(isolated_data_dir)
    _exit_cleanly(started())
    assert paths.seal.exists()
    monkeypatch.setattr(app_module, "quick_check_passes", lambda database: False)
    _exit_cleanly(started())
    assert not paths.seal.exists()
    assert not marker_path(isolated_data_dir).exists(), "the exit is clean all the same"
    assert not lock_held_by_another(isolated_data_dir)


def test_a_read_only_window_writes_no_seal(
    started: Callable[..., AppController], isolated_data_dir: Path
) -> None:
    paths = DataPaths(isolated_data_dir)
    first = started()
    second = started(FakePrompts(read_only_instead=True))
    assert second.workspace is not None and second.workspace.read_only
    _exit_cleanly(second)
    assert not paths.seal.exists()
    _exit_cleanly(first)
    assert paths.seal.exists()


# --- damaged databases ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_every_damaged_database_gets_the_dialog_and_a_working_app(
    started: Callable[..., AppController], isolated_data_dir: Path, kind: str
) -> None:
    populate(isolated_data_dir)
    DAMAGE[kind](isolated_data_dir)
    damaged_files = database_files(isolated_data_dir)
    prompts = FakePrompts()
    controller = started(prompts)
    assert len(prompts.damages) == 1, kind
    damage = prompts.damages[0]
    assert "Nothing has been written to it" in damage.what_happened()
    window = window_of(controller)
    assert window.isVisible()
    assert controller.workspace is not None and not controller.workspace.read_only
    assert controller.recovery is not None
    kept = controller.recovery.kept_at
    assert kept.parent == DataPaths(isolated_data_dir).backups
    assert "moved aside, not deleted" in window.statusBar().currentMessage()
    # The restored data is there and the app works on it.
    assert team_names(controller.workspace)
    create_team(controller.workspace, "After the recovery")
    window.library.reload()
    # Nothing of the damaged database was lost: its files are all kept under backups/.
    kept_names = {path.name for path in kept.parent.iterdir() if path.name.startswith(kept.name)}
    assert len(kept_names) == len([name for name in damaged_files if "/" not in name])


def test_quitting_the_damage_dialog_leaves_everything_as_it_was(
    started: Callable[..., AppController], isolated_data_dir: Path
) -> None:
    populate(isolated_data_dir)
    DAMAGE["flipped bytes"](isolated_data_dir)
    before = database_files(isolated_data_dir)
    controller = started(FakePrompts(choice=RecoveryChoice.QUIT))
    assert controller.workspace is None and controller.window is None
    assert database_files(isolated_data_dir) == before
    assert not lock_held_by_another(isolated_data_dir)


def test_starting_empty_keeps_the_damaged_file_and_opens_an_empty_database(
    started: Callable[..., AppController], isolated_data_dir: Path
) -> None:
    populate(isolated_data_dir)
    DAMAGE["garbage"](isolated_data_dir)
    garbage = DataPaths(isolated_data_dir).database.read_bytes()
    controller = started(FakePrompts(choice=RecoveryChoice.START_EMPTY))
    assert controller.workspace is not None and team_names(controller.workspace) == []
    assert controller.recovery is not None
    assert controller.recovery.kept_at.read_bytes() == garbage


def test_the_damage_dialog_says_what_happened_and_offers_three_ways(
    qtbot: QtBot, isolated_data_dir: Path
) -> None:
    populate(isolated_data_dir)
    DAMAGE["truncated"](isolated_data_dir)
    paths = DataPaths(isolated_data_dir)
    damage = diagnose(paths)
    assert damage is not None and damage.candidate is not None
    for button_name, expected in (
        ("restore_button", RecoveryChoice.RESTORE),
        ("empty_button", RecoveryChoice.START_EMPTY),
        ("quit_button", RecoveryChoice.QUIT),
    ):
        dialog = DamagedDatabaseDialog(damage)
        qtbot.addWidget(dialog)
        text = dialog.message_label.text()
        assert "the check failed" in text and "sre-workshop.sqlite3" in text
        assert "Nothing has been written to it, and it will not be deleted" in text
        assert str(paths.backups) in text
        assert "holds 1 team and 1 assessment" in text
        assert dialog.windowTitle() == "SRE Workshop's database is damaged"
        assert dialog.restore_button is not None
        assert dialog.restore_button.text().startswith("&Restore the backup of ")
        button = getattr(dialog, button_name)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert dialog.choice is expected


def test_the_damage_dialog_without_a_good_backup_offers_an_empty_start(
    qtbot: QtBot, isolated_data_dir: Path
) -> None:
    populate(isolated_data_dir)
    paths = DataPaths(isolated_data_dir)
    for info in backup_infos(paths.backups):
        info.path.write_bytes(b"broken too")
    DAMAGE["garbage"](isolated_data_dir)
    damage = diagnose(paths)
    assert damage is not None and damage.candidate is None
    dialog = DamagedDatabaseDialog(damage)
    qtbot.addWidget(dialog)
    assert dialog.restore_button is None
    assert "No backup passes the check" in dialog.message_label.text()


# --- newer databases and a second window ---------------------------------------------------------


def test_a_newer_database_opens_read_only_with_a_banner_and_is_never_written(
    started: Callable[..., AppController], isolated_data_dir: Path
) -> None:
    populate(isolated_data_dir)
    database = DataPaths(isolated_data_dir).database
    connection = sqlite3.connect(database)
    connection.execute(f"PRAGMA user_version = {schema_version() + 1}")
    connection.commit()
    connection.close()
    before = database.read_bytes()
    backups_before = backup_infos(DataPaths(isolated_data_dir).backups)
    prompts = FakePrompts()
    controller = started(prompts)
    assert prompts.asked and prompts.asked[0].startswith("newer:")
    assert controller.workspace is not None and controller.workspace.read_only
    window = window_of(controller)
    banner = window.findChild(ReadOnlyBanner)
    assert banner is not None and banner.isVisible()
    assert READ_ONLY_NEWER in banner.text
    with pytest.raises(StorageError, match="read-only"):
        create_team(controller.workspace, "Never saved")
    window.close()
    controller.shutdown()
    assert database.read_bytes() == before
    assert backup_infos(DataPaths(isolated_data_dir).backups) == backups_before
    assert not marker_path(isolated_data_dir).exists()
    assert not DataPaths(isolated_data_dir).seal.exists(), "read-only: no seal either"


def test_a_second_window_on_the_same_folder_is_told_and_opens_read_only(
    started: Callable[..., AppController], isolated_data_dir: Path
) -> None:
    first = started()
    assert first.workspace is not None and not first.workspace.read_only
    prompts = FakePrompts(read_only_instead=True)
    second = started(prompts)
    assert prompts.asked == [f"second instance on {isolated_data_dir}"]
    assert second.workspace is not None and second.workspace.read_only
    assert second.workspace.read_only_reason == READ_ONLY_OTHER_INSTANCE
    banner = window_of(second).findChild(ReadOnlyBanner)
    assert banner is not None and READ_ONLY_OTHER_INSTANCE in banner.text
    window_of(second).close()
    second.shutdown()
    assert marker_path(isolated_data_dir).exists(), "the first window's session stays marked"
    assert first.lock.held


def test_a_second_window_can_quit_instead(
    started: Callable[..., AppController], isolated_data_dir: Path
) -> None:
    started()
    prompts = FakePrompts(read_only_instead=False)
    second = started(prompts)
    assert prompts.asked and second.workspace is None and second.window is None


# --- backups in the app --------------------------------------------------------------------------


def test_the_backups_dialog_lists_counts_and_restores_after_asking(
    qtbot: QtBot,
    started: Callable[..., AppController],
    isolated_data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backup = populate(isolated_data_dir)
    controller = started()
    qtbot.waitUntil(lambda: controller.startup_maintenance is not None, timeout=10_000)
    old_window = window_of(controller)
    asked: list[str] = []

    def answer_yes(_parent: object, _title: str, text: str, *args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)

    def choose_the_import_backup(dialog: BackupsDialog) -> int:
        qtbot.addWidget(dialog)
        rows = [dialog.model.row_at(row) for row in range(dialog.model.rowCount())]
        assert [row.info.reason for row in rows if row] == ["after-start", "before-import"]
        row = next(index for index, item in enumerate(rows) if item and item.info.path == backup)
        assert dialog.model.index(row, dialog.model.TEAMS).data() == "1"
        assert dialog.model.index(row, dialog.model.ASSESSMENTS).data() == "1"
        assert "before an import" in dialog.model.index(row, dialog.model.REASON).data().lower()
        dialog.table.selectRow(row)
        assert dialog.restore_button.isEnabled()
        dialog.restore_button.click()
        return 1

    monkeypatch.setattr(BackupsDialog, "exec", choose_the_import_backup)
    old_window.backups_action.trigger()
    assert asked and "It holds 1 team and 1 assessment" in asked[0]
    assert "kept as a backup" in asked[0]
    new_window = window_of(controller)
    assert new_window is not old_window, "the window is rebuilt on the restored data"
    assert new_window.isVisible()
    assert "Restored the backup of" in new_window.statusBar().currentMessage()
    assert controller.workspace is not None
    assert team_names(controller.workspace) == ["Checkout"]
    reasons = [info.reason for info in backup_infos(DataPaths(isolated_data_dir).backups)]
    assert reasons[0] == "before-restore"


def test_a_backup_that_fails_its_check_cannot_be_restored_from_the_dialog(
    qtbot: QtBot, qtmodeltester: object, isolated_data_dir: Path
) -> None:
    backup = populate(isolated_data_dir)
    backup.write_bytes(b"not a database")
    workspace = open_workspace(isolated_data_dir)
    try:
        dialog = BackupsDialog(workspace)
        qtbot.addWidget(dialog)
        qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
        dialog.table.selectRow(0)
        reason = dialog.model.index(0, dialog.model.REASON).data()
        assert "cannot be restored" in reason
        assert not dialog.restore_button.isEnabled()
    finally:
        workspace.close()


# --- a full disk or a read-only folder while working ---------------------------------------------


@pytest.fixture
def view(qtbot: QtBot, isolated_data_dir: Path) -> Iterator[FacilitationView]:
    workspace = open_workspace(isolated_data_dir)
    team = create_team(workspace, "Checkout")
    assessment = plan_assessment(
        workspace,
        team.id,
        date=dt.date(2026, 3, 2),
        scope=(ScopeItem(CULTURE, 10), ScopeItem(ON_CALL, 10)),
    )
    window = QMainWindow()
    view = FacilitationView(workspace, window)
    window.setCentralWidget(view)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    view.open_assessment(assessment.id)
    view.setFocus()
    yield view
    workspace.close()


def _level(view: FacilitationView) -> None:
    view.set_level(4)


def _vote(view: FacilitationView) -> None:
    view.rating_panel.vote_tally.set_current_value(3)
    view.rating_panel.vote_tally.step_current(+1)


def _survey(view: FacilitationView) -> None:
    view.rating_panel.survey_tally.set_current_value(6)
    view.rating_panel.survey_tally.step_current(+1)


def _quick(view: FacilitationView) -> None:
    view.toggle_quick_answer(QuickAnswer.YES)


def _flag(view: FacilitationView) -> None:
    view.toggle_follow_up()


def _not_applicable(view: FacilitationView) -> None:
    view.mark_not_applicable()


EDITS = {
    "level": (_level, "save_rating"),
    "vote tally": (_vote, "save_rating"),
    "survey tally": (_survey, "save_survey_tally"),
    "quick answer": (_quick, "save_answer"),
    "follow-up flag": (_flag, "save_answer"),
    "not applicable": (_not_applicable, "save_rating"),
}


def shown(view: FacilitationView) -> tuple[object, ...]:
    """What the widgets show of the current area and question."""
    panel, rating = view.question_panel, view.rating_panel
    return (
        tuple(button.isChecked() for button in rating.level_buttons.values()),
        rating.not_applicable_button.isChecked(),
        rating.vote_tally.counts(),
        rating.survey_tally.counts(),
        tuple(button.isChecked() for button in panel.quick_buttons.values()),
        panel.follow_up_button.isChecked(),
    )


@pytest.mark.parametrize("error", [DiskFullError, ReadOnlyError])
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_click_or_key_edit_that_cannot_be_saved_says_so_at_once_and_never_pretends(
    view: FacilitationView,
    isolated_data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    edit: str,
    error: type[StorageError],
) -> None:
    make, method = EDITS[edit]
    session = view.session
    assert session is not None
    repository = session.workspace.repository
    real = getattr(repository, method)

    def failing(*_args: object) -> None:
        raise error("the disk holding the database is full; the last change was not saved")

    before_shown = shown(view)
    before_stored = session.snapshot()
    monkeypatch.setattr(repository, method, failing)
    make(view)
    assert view.banner_label.isVisible() and "Not saved" in view.banner_label.text()
    assert shown(view) == before_shown, "the widgets must show what is stored, not the edit"
    assert session.snapshot() == before_stored
    assert view.undo_stack.count() == 0
    # When saving works again, the same edit is saved and the warning goes.
    monkeypatch.setattr(repository, method, real)
    make(view)
    assert not view.banner_label.isVisible()
    assert shown(view) != before_shown
    assert view.undo_stack.count() == 1
    reopened = open_workspace(isolated_data_dir)
    try:
        assert reopened.repository.load_record(session.assessment_id) == session.snapshot()
    finally:
        reopened.close()


def _mount(*args: str) -> bool:
    if shutil.which("mount") is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    result = subprocess.run(["mount", *args], capture_output=True, check=False)
    return result.returncode == 0


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 3 MB file system (tmpfs), where root can mount one; skipped elsewhere."""
    point = tmp_path / "tiny"
    point.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=3m", "tmpfs", str(point)):
        pytest.skip("cannot mount a small file system here (needs root and mount)")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(descriptor, b"\0" * 65536)
    except OSError:
        pass
    finally:
        os.close(descriptor)
    return filler


def test_a_real_full_disk_keeps_the_typed_notes_and_saves_them_when_space_returns(
    qtbot: QtBot, tiny_disk: Path
) -> None:
    data_dir = tiny_disk / "data"
    workspace = open_workspace(data_dir)
    try:
        team = create_team(workspace, "Checkout")
        assessment = plan_assessment(
            workspace, team.id, date=dt.date(2026, 3, 2), scope=(ScopeItem(ON_CALL, 10),)
        )
        window = QMainWindow()
        view = FacilitationView(workspace, window)
        window.setCentralWidget(view)
        qtbot.addWidget(window)
        window.show()
        view.open_assessment(assessment.id)
        filler = fill(tiny_disk)
        notes = "Rota of six, handover by chat; nobody owns the runbooks. " * 400
        editor = view.question_panel.notes_edit
        editor.setFocus()
        editor.setPlainText(notes)
        with pytest.raises(DiskFullError):
            view.flush()
        assert "Not saved" in view.question_panel.notes_state_label.text()
        assert "full" in view.question_panel.notes_save.error_label.text()
        assert editor.toPlainText() == notes, "the typed text stays in the editor"
        session = view.session
        assert session is not None
        key = session.framework.area(ON_CALL).flat_questions()[0].question.key
        assert session.answer(key).notes == ""
        filler.unlink()
        editor.moveCursor(QTextCursor.MoveOperation.End)
        editor.insertPlainText("!")
        qtbot.waitUntil(
            lambda: "✓ Saved" in view.question_panel.notes_state_label.text(), timeout=5000
        )
        view.close_presenter()
        window.close()
    finally:
        workspace.close()
    reopened = open_workspace(data_dir)
    try:
        stored = reopened.repository.load_record(assessment.id).answer(key).notes
        assert stored == notes + "!"
    finally:
        reopened.close()


def test_a_real_read_only_file_system_at_start_up_is_told_plainly(
    started: Callable[..., AppController],
    ui_state: QSettings,
    tiny_disk: Path,
) -> None:
    data_dir = tiny_disk / "data"
    populate(data_dir)
    before = database_files(data_dir)
    if not _mount("-o", "remount,ro", str(tiny_disk)):
        pytest.skip("cannot remount read-only here")
    prompts = FakePrompts()
    controller = AppController(str(data_dir), ui_state, prompts)
    try:
        assert not controller.open()
        assert prompts.errors and "cannot open its data" in prompts.errors[0]
    finally:
        controller.shutdown()
    assert database_files(data_dir) == before


def test_typing_is_held_until_it_can_be_saved_on_a_read_only_folder(
    qtbot: QtBot, view: FacilitationView, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = view.session
    assert session is not None
    repository = session.workspace.repository
    real = repository.save_answer

    def read_only(*_args: object) -> None:
        raise ReadOnlyError("the data folder cannot be written; the last change was not saved")

    monkeypatch.setattr(repository, "save_answer", read_only)
    editor = view.question_panel.notes_edit
    editor.setFocus()
    qtbot.keyClicks(editor, "Held")
    qtbot.waitUntil(lambda: "Not saved" in view.question_panel.notes_state_label.text())
    assert "cannot be written" in view.question_panel.notes_save.error_label.text()
    assert editor.toPlainText() == "Held"
    monkeypatch.setattr(repository, "save_answer", real)
    qtbot.keyClicks(editor, "!")
    qtbot.waitUntil(lambda: "✓ Saved" in view.question_panel.notes_state_label.text())
    assert any(answer.notes == "Held!" for answer in session.snapshot().answers)
