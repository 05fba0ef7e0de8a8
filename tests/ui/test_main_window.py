"""The main window: first start, navigation between the six places, pages built on first use,
exports and imports."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from sre_workshop.demo import add_demo_data
from sre_workshop.workspace import Workspace, open_workspace
from ui.dialogs.first_start_dialog import FirstStartChoice, FirstStartDialog
from ui.main_window import LAZY_PAGES, MainWindow
from ui.workers import wait_for_background_work
from ui.workshop.shortcuts_overlay import overlay_of


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


# --- pages built on first use ------------------------------------------------------------------


def _menu(window: MainWindow, title: str) -> QMenu:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    assert isinstance(menu, QMenu)
    return menu


def test_only_the_library_is_built_before_the_window_shows(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    add_demo_data(workspace)
    window = make_window(qtbot, workspace, tmp_path)
    assert [window.page_if_built(name) for name in LAZY_PAGES] == [None] * len(LAZY_PAGES)
    assert window.stack.count() == 1
    # The menus are whole anyway: undo and F1 are the window's own.
    edit = [action.text() for action in _menu(window, "&Edit").actions()]
    assert edit[:2] == ["&Undo", "&Redo"]
    help_texts = [action.text() for action in _menu(window, "&Help").actions()]
    assert "Keyboard Shortcuts" in help_texts


def test_opening_a_menu_builds_the_pages_whose_actions_it_lists(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    add_demo_data(workspace)
    window = make_window(qtbot, workspace, tmp_path)
    results_menu = _menu(window, "&Results")
    results_menu.aboutToShow.emit()
    results, plans = window.results, window.plans
    assert window.page_if_built("results") is results
    assert window.page_if_built("workshop") is None
    listed = results_menu.actions()
    separator = window.plans_separator
    assert listed.index(results.export_report_action) < listed.index(separator)
    assert listed.index(separator) < listed.index(plans.new_hypothesis_action)
    # Opening it again adds nothing twice.
    results_menu.aboutToShow.emit()
    assert results_menu.actions() == listed

    view_menu = _menu(window, "&View")
    view_menu.aboutToShow.emit()
    assert window.workshop.presenter_action in view_menu.actions()
    assert window.workshop.next_area_action in _menu(window, "&Workshop").actions()


def test_the_other_pages_are_built_soon_after_the_window_shows(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    add_demo_data(workspace)
    window = make_window(qtbot, workspace, tmp_path)
    window.show()
    qtbot.waitUntil(
        lambda: all(window.page_if_built(name) is not None for name in LAZY_PAGES),
        timeout=10_000,
    )
    assert window.stack.count() == 1 + len(LAZY_PAGES)
    assert window.stack.currentWidget() is window.library
    assert window.windowTitle() == "SRE Workshop"


def test_f1_is_one_shortcut_for_the_whole_window_before_and_after_the_workshop_exists(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    add_demo_data(workspace)
    window = make_window(qtbot, workspace, tmp_path)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    team_list = window.library.team_list
    team_list.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is team_list)
    QTest.keyClick(team_list, Qt.Key.Key_F1)
    assert window.page_if_built("workshop") is None
    overlay = overlay_of(window)
    assert overlay is not None and overlay.isVisible()
    QTest.keyClick(overlay, Qt.Key.Key_Escape)
    assert not overlay.isVisible()

    workshop = window.workshop
    f1_actions = [
        action
        for action in (*window.actions(), *workshop.actions(), *window.findChildren(QAction))
        if QKeySequence("F1") in action.shortcuts()
    ]
    assert set(f1_actions) == {window.shortcuts_action}
    assert workshop.shortcuts_action is window.shortcuts_action
    window.shortcuts_action.trigger()
    assert overlay_of(window) is overlay and overlay.isVisible()
    assert workshop.shortcuts_overlay is overlay


def test_a_page_never_built_keeps_its_saved_state(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    settings.setValue("results/splitter", b"kept")
    settings.sync()
    window = MainWindow(workspace, settings)
    qtbot.addWidget(window)
    window.save_state()
    assert window.page_if_built("results") is None
    assert QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat).value(
        "results/splitter"
    ) in (b"kept", "kept")
