"""The main window: first start, navigation between the five places, exports and imports."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from sre_workshop.demo import add_demo_data
from sre_workshop.workspace import Workspace, open_workspace
from ui.dialogs.first_start_dialog import FirstStartChoice, FirstStartDialog
from ui.main_window import MainWindow
from ui.workers import wait_for_background_work


@pytest.fixture
def workspace(isolated_data_dir: Path) -> Iterator[Workspace]:
    opened = open_workspace(isolated_data_dir)
    yield opened
    opened.close()


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Information boxes answered at once, their texts kept for assertions."""
    seen: list[str] = []

    def information(_parent: object, title: str, text: str, *args: object) -> object:
        seen.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "information", information)
    return seen


def make_window(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(workspace, settings)
    qtbot.addWidget(window)
    return window


def test_title_and_first_start_loads_the_demo(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def choose_demo(dialog: FirstStartDialog) -> int:
        dialog.choice = FirstStartChoice.LOAD_DEMO
        return 1

    monkeypatch.setattr(FirstStartDialog, "exec", choose_demo)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    window = make_window(qtbot, workspace, tmp_path)
    window.show()
    qtbot.waitUntil(lambda: bool(workspace.repository.list_teams()), timeout=10_000)
    assert "SRE Workshop" in window.windowTitle()
    assert [team.is_demo for team in workspace.repository.list_teams()] == [True]


def test_first_start_is_not_offered_when_there_are_teams(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_demo_data(workspace)

    def fail(_dialog: FirstStartDialog) -> int:
        raise AssertionError("the welcome dialog must not appear")

    monkeypatch.setattr(FirstStartDialog, "exec", fail)
    window = make_window(qtbot, workspace, tmp_path)
    window.show()
    qtbot.wait(50)


def test_navigation_between_the_places(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    team = add_demo_data(workspace)
    assert team is not None
    _, reassessment = workspace.repository.list_assessments(team.id)
    window = make_window(qtbot, workspace, tmp_path)
    window._first_start_checked = True
    window.show()
    window.library.reload()
    window.library.select_assessment(reassessment.id)

    window.show_results_action.trigger()
    assert window.stack.currentWidget() is window.results
    assert window.results.assessment_id == reassessment.id
    assert "Checkout" in window.windowTitle()
    window.show_history_action.trigger()
    assert window.stack.currentWidget() is window.history
    window.show_plans_action.trigger()
    assert window.stack.currentWidget() is window.plans
    window.on_library_workshop_requested(reassessment.id)
    assert window.stack.currentWidget() is window.workshop
    assert window.show_workshop_action.isChecked()
    window.show_library_action.trigger()
    assert window.stack.currentWidget() is window.library


def test_export_bundle_and_csv_through_the_menus(
    qtbot: QtBot,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    team = add_demo_data(workspace)
    assert team is not None
    _, reassessment = workspace.repository.list_assessments(team.id)
    window = make_window(qtbot, workspace, tmp_path)
    window.library.reload()
    window.library.select_assessment(reassessment.id)

    targets = iter([tmp_path / "out" / "assessment.json", tmp_path / "out" / "scores.csv"])
    (tmp_path / "out").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(next(targets)), ""))
    window.transfer.export_assessment_action.trigger()
    bundle = json.loads((tmp_path / "out" / "assessment.json").read_text("utf-8"))
    assert bundle["format"] == "sre-workshop-bundle"
    assert {item["id"] for item in bundle["assessments"]} >= {reassessment.id}

    window.transfer.export_csv_action.trigger()
    text = (tmp_path / "out" / "scores.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) == 16
    assert {row["verdict"] for row in rows} >= {"progressing", "regressing"}
    assert len(messages) == 2 and all("Saved to" in text for text in messages)


def test_import_through_the_menu_reports_what_came_in_and_what_was_skipped(
    qtbot: QtBot,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    from sre_workshop.bundle import export_team_bundle, write_bundle

    source = open_workspace(tmp_path / "other-laptop")
    team = add_demo_data(source)
    assert team is not None
    bundle_path = write_bundle(export_team_bundle(source, team.id), tmp_path / "team.json")
    source.close()

    window = make_window(qtbot, workspace, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundle_path), ""))
    with qtbot.waitSignal(window.transfer.data_imported, timeout=20_000):
        window.transfer.import_action.trigger()
    assert [t.id for t in workspace.repository.list_teams()] == [team.id]
    assert "Imported 2 assessments" in messages[-1]

    window.transfer.import_action.trigger()
    qtbot.waitUntil(lambda: len(messages) == 2, timeout=20_000)
    wait_for_background_work()
    assert "skipped 2" in messages[-1].lower()
    assert len(workspace.repository.list_assessments(team.id)) == 2


def test_a_broken_bundle_is_refused_with_a_clear_message(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "sre-workshop-bundle", ', encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.transfer.show_error", lambda _p, exc, context="": shown.append(f"{context} {exc}")
    )
    window = make_window(qtbot, workspace, tmp_path)
    window.transfer.import_file(broken)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert "broken.json" in shown[0] and "nothing was changed" in shown[0]
    assert workspace.repository.list_teams() == ()
