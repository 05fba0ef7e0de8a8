"""The live workshop, driven the way a coach drives it: by keystrokes on the facilitation view.

Every edit is checked in the database (through a second connection, or after closing and
reopening the workspace), not only in the widgets.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from sre_workshop.model import AssessmentRecord, AssessmentStatus, QuickAnswer, ScopeItem
from sre_workshop.storage import DiskFullError
from sre_workshop.workflows import create_team, plan_assessment
from sre_workshop.workspace import Workspace, open_workspace
from ui.widgets.radar_canvas import RadarCanvas
from ui.widgets.tally_widget import TallyWidget
from ui.workshop.facilitation_view import FacilitationView
from ui.workshop.keymap import KEYMAP
from ui.workshop.presenter_window import PresenterContent

CULTURE = "culture.risks-shared"
ON_CALL = "process.on-call"
INCIDENTS = "process.incident-response"
REGULATORY = "process.regulatory-compliance"
SCOPE = (
    ScopeItem(CULTURE, 10),
    ScopeItem(ON_CALL, 10),
    ScopeItem(INCIDENTS, 10),
    ScopeItem(REGULATORY, 1),
)
NOTE_WITH_DIGITS = "3 runbooks, 24/7 pager; 5 ops + 1 dev on call"


# --- set-up ---------------------------------------------------------------------------------


@pytest.fixture
def workspace(isolated_data_dir: Path) -> Iterator[Workspace]:
    workspace = open_workspace(isolated_data_dir)
    yield workspace
    workspace.close()


@pytest.fixture
def assessment_id(workspace: Workspace) -> str:
    team = create_team(workspace, "Checkout & Payments")
    return plan_assessment(workspace, team.id, date=dt.date(2026, 3, 10), scope=SCOPE).id


@pytest.fixture
def view(qtbot: QtBot, workspace: Workspace, assessment_id: str) -> Iterator[FacilitationView]:
    """The view in a window with Edit > Undo/Redo actions made the way the main window makes
    them (window-wide shortcuts built from the view's undo stack)."""
    window = QMainWindow()
    view = FacilitationView(workspace, window)
    window.setCentralWidget(view)
    undo = view.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = view.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Shift+Z")])
    edit_menu = window.menuBar().addMenu("&Edit")
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.open_assessment(assessment_id)
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    yield view
    view.close_presenter()


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """One key, delivered to whatever has focus (as a real keyboard does)."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    qtbot.keyClick(target, key, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    qtbot.keyClicks(target, text)


def stored(data_dir: Path, assessment_id: str) -> AssessmentRecord:
    """The assessment as the database holds it, read through a new connection."""
    other = open_workspace(data_dir)
    try:
        return other.repository.load_record(assessment_id)
    finally:
        other.close()


def current_area(view: FacilitationView) -> str:
    assert view.position is not None
    return view.agenda.areas[view.position.area].key


def current_question(view: FacilitationView) -> str:
    assert view.position is not None
    flat = view.agenda.question(view.position)
    assert flat is not None
    return flat.question.key


def question_keys(view: FacilitationView, area: int) -> list[str]:
    return [flat.question.key for flat in view.agenda.questions(area)]


# --- a whole workshop from the keyboard -----------------------------------------------------


def test_a_whole_workshop_by_keyboard_is_saved_and_undoable(
    qtbot: QtBot, view: FacilitationView, isolated_data_dir: Path, assessment_id: str
) -> None:
    assert (
        stored(isolated_data_dir, assessment_id).assessment.status is AssessmentStatus.IN_PROGRESS
    )
    culture_questions = question_keys(view, 0)
    assert current_area(view) == CULTURE

    # Culture: level by digit, quick answer, flag, notes with digits, vote tally, survey.
    press(qtbot, Qt.Key.Key_3)
    press(qtbot, Qt.Key.Key_Y)
    press(qtbot, Qt.Key.Key_P)  # another quick answer replaces it
    press(qtbot, Qt.Key.Key_F)
    press(qtbot, Qt.Key.Key_E)
    assert QApplication.focusWidget() is view.question_panel.notes_edit
    type_text(qtbot, NOTE_WITH_DIGITS)
    press(qtbot, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is view
    record = stored(isolated_data_dir, assessment_id)
    assert record.rating(CULTURE).level == 3, "digits typed into the notes must not rate"
    first = record.answer(culture_questions[0])
    assert (first.notes, first.quick_answer, first.follow_up) == (
        NOTE_WITH_DIGITS,
        QuickAnswer.PARTLY,
        True,
    ), "letters typed into the notes must not answer or flag"

    press(qtbot, Qt.Key.Key_T)
    assert QApplication.focusWidget() is view.rating_panel.vote_tally
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)  # level 3
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Plus)
    press(qtbot, Qt.Key.Key_Up)  # level 2
    press(qtbot, Qt.Key.Key_Right)  # Right counts in a tally; it does not move on
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)  # level 4
    press(qtbot, Qt.Key.Key_Plus)
    press(qtbot, Qt.Key.Key_Minus)
    assert current_area(view) == CULTURE
    assert "4 votes" in view.rating_panel.vote_tally.summary_label.text()
    assert "proposed 3" in view.rating_panel.vote_tally.summary_label.text()
    press(qtbot, Qt.Key.Key_Escape)

    press(qtbot, Qt.Key.Key_S)
    assert QApplication.focusWidget() is view.rating_panel.survey_tally
    for _ in range(4):
        press(qtbot, Qt.Key.Key_Down)  # answer 5
    press(qtbot, Qt.Key.Key_Equal)
    press(qtbot, Qt.Key.Key_Plus)
    press(qtbot, Qt.Key.Key_Down)  # answer 6
    press(qtbot, Qt.Key.Key_Plus)
    press(qtbot, Qt.Key.Key_Escape)

    press(qtbot, Qt.Key.Key_Right)
    assert current_question(view) == culture_questions[1]
    press(qtbot, Qt.Key.Key_N)

    # On-call: next area, a level, notes and next question from INSIDE the editor.
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert current_area(view) == ON_CALL
    on_call_questions = question_keys(view, 1)
    press(qtbot, Qt.Key.Key_4)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "Weekly rotation of 8")
    press(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert current_question(view) == on_call_questions[1]
    assert QApplication.focusWidget() is view.question_panel.notes_edit
    type_text(qtbot, "Primary and secondary")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert current_question(view) == on_call_questions[2]
    press(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert current_question(view) == on_call_questions[1]
    assert view.question_panel.notes_edit.toPlainText() == "Primary and secondary"
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_R)
    assert QApplication.focusWidget() is view.rating_panel.rationale_edit
    type_text(qtbot, "Pager load 2/week, 1 escalation")
    press(qtbot, Qt.Key.Key_Escape)

    # Incident response: previous/next question across the area boundary, a level.
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert current_area(view) == INCIDENTS
    press(qtbot, Qt.Key.Key_K)
    assert current_area(view) == ON_CALL
    assert current_question(view) == on_call_questions[-1]
    press(qtbot, Qt.Key.Key_J)
    assert current_area(view) == INCIDENTS
    press(qtbot, Qt.Key.Key_2)
    press(qtbot, Qt.Key.Key_5)
    press(qtbot, Qt.Key.Key_Delete)
    press(qtbot, Qt.Key.Key_2)

    # Regulatory compliance: not applicable with a reason.
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert current_area(view) == REGULATORY
    press(qtbot, Qt.Key.Key_0)
    assert QApplication.focusWidget() is view.rating_panel.reason_edit
    type_text(qtbot, "No regulated data (0 PII)")
    press(qtbot, Qt.Key.Key_Escape)

    record = stored(isolated_data_dir, assessment_id)
    assert record.rating(REGULATORY).not_applicable
    assert record.rating(REGULATORY).not_applicable_reason == "No regulated data (0 PII)"
    assert record.rating(ON_CALL).rationale == "Pager load 2/week, 1 escalation"
    assert record.rating(INCIDENTS).level == 2

    # Undo and redo, checked in the database; undo shows the area it changes.
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(isolated_data_dir, assessment_id).rating(REGULATORY).not_applicable_reason == ""
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not stored(isolated_data_dir, assessment_id).rating(REGULATORY).not_applicable
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # incident level 2
    assert current_area(view) == INCIDENTS
    assert stored(isolated_data_dir, assessment_id).rating(INCIDENTS).level is None
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the Delete
    assert stored(isolated_data_dir, assessment_id).rating(INCIDENTS).level == 5
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # 5, 2, rationale
    assert current_area(view) == ON_CALL
    assert stored(isolated_data_dir, assessment_id).rating(ON_CALL).rationale == ""
    assert view.rating_panel.rationale_edit.toPlainText() == ""
    for _ in range(7):
        press(
            qtbot,
            Qt.Key.Key_Z,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert current_area(view) == REGULATORY
    record = stored(isolated_data_dir, assessment_id)
    assert record.rating(ON_CALL).rationale == "Pager load 2/week, 1 escalation"
    assert record.rating(INCIDENTS).level == 2
    assert record.rating(REGULATORY).not_applicable_reason == "No regulated data (0 PII)"
    assert view.rating_panel.reason_edit.text() == "No regulated data (0 PII)"

    # Close everything, reopen the data folder: every edit is there.
    view.flush()
    view.workspace.close()
    reopened = open_workspace(isolated_data_dir)
    try:
        record = reopened.repository.load_record(assessment_id)
    finally:
        reopened.close()
    assert record.assessment.status is AssessmentStatus.IN_PROGRESS
    assert record.rating(CULTURE).level == 3
    assert record.rating(CULTURE).votes == (0, 1, 3, 0, 0)
    assert record.survey_tally(CULTURE).counts == (0, 0, 0, 0, 2, 1, 0)
    first = record.answer(culture_questions[0])
    assert (first.notes, first.quick_answer, first.follow_up) == (
        NOTE_WITH_DIGITS,
        QuickAnswer.PARTLY,
        True,
    )
    assert record.answer(culture_questions[1]).quick_answer is QuickAnswer.NO
    assert record.rating(ON_CALL).level == 4
    assert record.answer(on_call_questions[0]).notes == "Weekly rotation of 8"
    assert record.answer(on_call_questions[1]).notes == "Primary and secondary"
    assert record.rating(ON_CALL).rationale == "Pager load 2/week, 1 escalation"
    assert record.rating(INCIDENTS).level == 2
    regulatory = record.rating(REGULATORY)
    assert (regulatory.not_applicable, regulatory.not_applicable_reason, regulatory.level) == (
        True,
        "No regulated data (0 PII)",
        None,
    )


def test_quick_answer_and_flag_toggle_off_when_pressed_again(
    qtbot: QtBot, view: FacilitationView, isolated_data_dir: Path, assessment_id: str
) -> None:
    question = current_question(view)
    press(qtbot, Qt.Key.Key_U)
    press(qtbot, Qt.Key.Key_F)
    assert (
        stored(isolated_data_dir, assessment_id).answer(question).quick_answer
        is QuickAnswer.UNKNOWN
    )
    press(qtbot, Qt.Key.Key_U)
    press(qtbot, Qt.Key.Key_F)
    answer = stored(isolated_data_dir, assessment_id).answer(question)
    assert (answer.quick_answer, answer.follow_up) == (None, False)
    assert not any(button.isChecked() for button in view.question_panel.quick_buttons.values())


# --- autosave -------------------------------------------------------------------------------


def test_notes_are_saved_within_the_debounce_window_without_leaving_the_editor(
    qtbot: QtBot, view: FacilitationView, isolated_data_dir: Path, assessment_id: str
) -> None:
    question = current_question(view)
    press(qtbot, Qt.Key.Key_E)
    type_text(qtbot, "Risks are raised in the weekly sync")
    qtbot.wait(1000)
    assert QApplication.focusWidget() is view.question_panel.notes_edit
    assert stored(isolated_data_dir, assessment_id).answer(question).notes == (
        "Risks are raised in the weekly sync"
    )
    assert "Saved" in view.question_panel.notes_state_label.text()


def test_a_failed_save_shows_not_saved_keeps_the_text_and_retries(
    qtbot: QtBot,
    view: FacilitationView,
    isolated_data_dir: Path,
    assessment_id: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    question = current_question(view)
    session = view.session
    assert session is not None
    repository = session.workspace.repository
    real_save = repository.save_answer
    failures = {"left": 1}

    def save_answer_failing_once(*args: object) -> None:
        if failures["left"]:
            failures["left"] -= 1
            raise DiskFullError("disk full")
        real_save(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(repository, "save_answer", save_answer_failing_once)
    press(qtbot, Qt.Key.Key_E)
    type_text(qtbot, "Nobody owns the risk register")
    qtbot.waitUntil(lambda: "Not saved" in view.question_panel.notes_state_label.text())
    assert "disk full" in view.question_panel.notes_save.error_label.text()
    assert view.question_panel.notes_save.error_label.isVisible()
    assert view.question_panel.notes_edit.toPlainText() == "Nobody owns the risk register"
    assert stored(isolated_data_dir, assessment_id).answer(question).notes == ""

    type_text(qtbot, ".")
    qtbot.waitUntil(lambda: "✓ Saved" in view.question_panel.notes_state_label.text())
    assert stored(isolated_data_dir, assessment_id).answer(question).notes == (
        "Nobody owns the risk register."
    )


def test_navigation_waits_for_text_that_cannot_be_saved(
    qtbot: QtBot, view: FacilitationView, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = view.session
    assert session is not None
    repository = session.workspace.repository
    real_save = repository.save_answer

    def always_failing(*_args: object) -> None:
        raise DiskFullError("disk full")

    monkeypatch.setattr(repository, "save_answer", always_failing)
    question = current_question(view)
    press(qtbot, Qt.Key.Key_E)
    type_text(qtbot, "Keep me")
    press(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert current_question(view) == question, "unsaved text must not be dropped by moving on"
    assert view.question_panel.notes_edit.toPlainText() == "Keep me"
    assert view.banner_label.isVisible() and "Not saved" in view.banner_label.text()
    with pytest.raises(DiskFullError):
        view.flush()

    monkeypatch.setattr(repository, "save_answer", real_save)
    press(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert current_question(view) != question
    assert session.answer(question).notes == "Keep me"
    assert not view.banner_label.isVisible()


def test_undo_inside_the_notes_editor_takes_back_the_typing(
    qtbot: QtBot, view: FacilitationView, isolated_data_dir: Path, assessment_id: str
) -> None:
    question = current_question(view)
    press(qtbot, Qt.Key.Key_E)
    type_text(qtbot, "first thought")
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.question_panel.notes_edit.toPlainText() == ""
    assert stored(isolated_data_dir, assessment_id).answer(question).notes == ""
    press(
        qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert view.question_panel.notes_edit.toPlainText() == "first thought"
    assert stored(isolated_data_dir, assessment_id).answer(question).notes == "first thought"


# --- presenter ------------------------------------------------------------------------------


def test_presenter_follows_the_question_never_shows_notes_and_reveals_votes_on_v(
    qtbot: QtBot, view: FacilitationView
) -> None:
    press(qtbot, Qt.Key.Key_F5)
    presenter = view.presenter
    assert presenter is not None and presenter.isVisible()
    assert QApplication.focusWidget() is view, "the projector must not take the keyboard"
    question = view.agenda.question(view.position)  # type: ignore[arg-type]
    assert question is not None
    assert question.question.text in presenter.visible_texts()

    press(qtbot, Qt.Key.Key_E)
    type_text(qtbot, "secret-note-xyz about Bob")
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_R)
    type_text(qtbot, "private-rationale-abc")
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_F)
    press(qtbot, Qt.Key.Key_Y)
    press(qtbot, Qt.Key.Key_T)
    press(qtbot, Qt.Key.Key_Plus)
    press(qtbot, Qt.Key.Key_Plus)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Plus)
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_3)

    texts = " ".join(presenter.visible_texts())
    assert "secret-note-xyz" not in texts
    assert "private-rationale-abc" not in texts
    assert "Votes hidden until the coach reveals them" in texts
    assert "3 votes cast so far" in texts
    assert presenter.vote_counts_shown() == ("", "", "", "", "")
    content = presenter.content
    assert content is not None and content.votes is None and content.agreed_level == 3

    press(qtbot, Qt.Key.Key_V)
    assert presenter.vote_counts_shown() == ("2", "1", "0", "0", "0")
    assert "3 votes in total" in " ".join(presenter.visible_texts())

    press(qtbot, Qt.Key.Key_Right)
    following = view.agenda.question(view.position)  # type: ignore[arg-type]
    assert following is not None
    assert following.question.text in presenter.visible_texts()
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert presenter.vote_counts_shown() == ("", "", "", "", ""), "each area is revealed on its own"
    press(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert presenter.vote_counts_shown() == ("2", "1", "0", "0", "0")
    press(qtbot, Qt.Key.Key_V)
    assert presenter.vote_counts_shown() == ("", "", "", "", "")
    all_texts = " ".join(presenter.visible_texts())
    assert "secret-note-xyz" not in all_texts and "private-rationale-abc" not in all_texts

    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: view.presenter is None)


def test_presenter_content_has_no_private_fields_and_refuses_unrevealed_votes() -> None:
    names = {field.name for field in dataclasses.fields(PresenterContent)}
    for private in ("note", "rationale", "reason", "flag", "follow", "quick", "answer_"):
        assert not any(private in name for name in names), private
    with pytest.raises(ValueError):
        PresenterContent(
            title="t",
            dimension="Process",
            area_name="a",
            area_position="Area 1 of 1",
            question_text="q",
            question_position="Question 1 of 1",
            question_depth=0,
            levels=(),
            agreed_level=None,
            not_applicable=False,
            radar_points=(),
            radar_title="",
            votes_revealed=False,
            votes=(1, 0, 0, 0, 0),
            votes_cast=1,
        )


# --- agenda, clock, overlay, radar ----------------------------------------------------------


def test_agenda_model_passes_the_model_tester_and_shows_progress_in_text(
    qtbot: QtBot, qtmodeltester: object, view: FacilitationView
) -> None:
    press(qtbot, Qt.Key.Key_4)
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_F)
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_0)
    press(qtbot, Qt.Key.Key_Escape)
    qtmodeltester.check(view.agenda_model, force_py=True)  # type: ignore[attr-defined]
    qtmodeltester.check(view.agenda_model)  # type: ignore[attr-defined]
    model = view.agenda_model
    marks = {entry.area_key: entry.mark() for entry in model.entries()}
    assert marks[CULTURE] == "✓ 4"
    assert marks[ON_CALL] == "✎ 1/8 ⚑"
    assert marks[INCIDENTS] == "skipped"
    assert marks[REGULATORY] == "n/a"
    current = model.index_of(REGULATORY)
    assert current.data().startswith("▶ "), "the current area is marked by text, not colour alone"


def test_timebox_warns_when_it_runs_out_and_the_clock_pauses(
    qtbot: QtBot, view: FacilitationView
) -> None:
    now = [1000.0]
    view.clock.time_source = lambda: now[0]
    view.clock.restart()
    view.go_to_area(REGULATORY)  # a one-minute timebox
    label = view.question_panel.timebox_label
    qtbot.waitUntil(lambda: "left of 01:00" in label.text())
    now[0] += 50
    qtbot.waitUntil(lambda: "Almost up" in label.text())
    now[0] += 15
    qtbot.waitUntil(lambda: "Over time by 00:05" in label.text())
    assert label.property("state") == "over"

    press(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # time spent is kept
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert "Over time by 00:05" in label.text()

    press(qtbot, Qt.Key.Key_Space)
    assert view.clock.paused and view.pause_action.isChecked()
    elapsed = view.clock.elapsed()
    now[0] += 600
    assert view.clock.elapsed() == elapsed
    press(qtbot, Qt.Key.Key_Space)
    now[0] += 10
    assert view.clock.elapsed() == pytest.approx(elapsed + 10)


def test_f1_lists_the_keymap_and_blocks_keys_until_closed(
    qtbot: QtBot, view: FacilitationView, isolated_data_dir: Path, assessment_id: str
) -> None:
    press(qtbot, Qt.Key.Key_F1)
    overlay = view.shortcuts_overlay
    assert overlay is not None and overlay.isVisible()
    shown = overlay.texts()
    for entry in KEYMAP:
        assert entry.display_keys() in shown
        assert entry.overlay_text() in shown
    groups = {
        label.text()
        for label in overlay.findChildren(QLabel)
        if label.objectName() == "shortcutsGroup"
    }
    assert groups == {"Navigate", "Capture", "Room", "App"}
    press(qtbot, Qt.Key.Key_3)
    assert stored(isolated_data_dir, assessment_id).rating(CULTURE).level is None
    press(qtbot, Qt.Key.Key_Escape)
    assert not overlay.isVisible()
    assert QApplication.focusWidget() is view
    press(qtbot, Qt.Key.Key_F1)
    assert overlay.isVisible()
    press(qtbot, Qt.Key.Key_F1)
    assert not overlay.isVisible()


def test_every_bound_key_of_the_keymap_has_an_action_on_the_view(view: FacilitationView) -> None:
    bound = {sequence.toString() for action in view.actions() for sequence in action.shortcuts()}
    for entry in KEYMAP:
        if entry.is_bound:
            for key in entry.keys:
                assert QKeySequence(key).toString() in bound, key


def test_live_radar_updates_in_place(qtbot: QtBot, view: FacilitationView) -> None:
    radar = view.radar
    assert radar.figure is not None
    requests, rebuilds = radar.redraw_requests, radar.rebuilds
    press(qtbot, Qt.Key.Key_2)
    press(qtbot, Qt.Key.Key_4)
    assert radar.redraw_requests >= requests + 2
    assert radar.rebuilds == rebuilds, "a rating moves the line; it does not rebuild the figure"
    assert [point.level for point in radar.points] == [4]


def test_matplotlib_is_not_imported_with_the_view() -> None:
    code = (
        "import sys; import ui.workshop.facilitation_view, ui.workshop.presenter_window; "
        "sys.exit('matplotlib' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], check=False)
    assert result.returncode == 0


# --- the tally on its own -------------------------------------------------------------------


def test_tally_steps_with_keys_lets_digits_bubble_and_sets_counts_silently(qtbot: QtBot) -> None:
    parent = QWidget()
    bubbled: list[int] = []
    parent.keyPressEvent = lambda event: bubbled.append(event.key())  # type: ignore[method-assign]
    tally = TallyWidget(["1 A", "2 B", "3 C", "4 D", "5 E"], parent=parent)
    qtbot.addWidget(parent)
    changes: list[tuple[int, int]] = []
    tally.count_changed.connect(lambda value, count: changes.append((value, count)))
    tally.set_counts((0, 2, 0, 0, 0))
    assert changes == []
    assert tally.summary_text() == "2 votes · proposed 2 B · all agree"
    qtbot.keyClick(tally, Qt.Key.Key_Down)
    qtbot.keyClick(tally, Qt.Key.Key_Plus)
    qtbot.keyClick(tally, Qt.Key.Key_Down)
    qtbot.keyClick(tally, Qt.Key.Key_Right)
    qtbot.keyClick(tally, Qt.Key.Key_Left)
    qtbot.keyClick(tally, Qt.Key.Key_Left)  # never below zero
    qtbot.keyClick(tally, Qt.Key.Key_3)
    assert changes == [(2, 3), (3, 1), (3, 0)]
    assert bubbled == [Qt.Key.Key_3]
    assert tally.counts() == (0, 3, 0, 0, 0)


def test_radar_canvas_builds_once_then_updates(qtbot: QtBot) -> None:
    from sre_workshop.charts import RadarPoint

    canvas = RadarCanvas()
    qtbot.addWidget(canvas)
    assert canvas.figure is None
    points = [RadarPoint("A", 1), RadarPoint("B", 2), RadarPoint("C", None)]
    canvas.set_points(points)
    figure = canvas.figure
    canvas.set_points([RadarPoint("A", 3), RadarPoint("B", 2), RadarPoint("C", 4)])
    assert canvas.figure is figure
    assert (canvas.redraw_requests, canvas.rebuilds) == (2, 1)
    canvas.set_points([RadarPoint("A", 3), RadarPoint("B", 2)])
    assert canvas.rebuilds == 2


# --- more of the keyboard and the history ---------------------------------------------------


def test_digits_rate_while_a_tally_has_focus(
    qtbot: QtBot, view: FacilitationView, isolated_data_dir: Path, assessment_id: str
) -> None:
    press(qtbot, Qt.Key.Key_T)
    press(qtbot, Qt.Key.Key_Plus)
    press(qtbot, Qt.Key.Key_3)
    assert QApplication.focusWidget() is view.rating_panel.vote_tally
    rating = stored(isolated_data_dir, assessment_id).rating(CULTURE)
    assert (rating.level, rating.votes) == (3, (1, 0, 0, 0, 0))


def test_one_undo_takes_back_a_whole_typing_burst_and_each_burst_is_its_own_step(
    qtbot: QtBot, view: FacilitationView, isolated_data_dir: Path, assessment_id: str
) -> None:
    question = current_question(view)
    press(qtbot, Qt.Key.Key_E)
    type_text(qtbot, "Risk log exists")
    qtbot.wait(600)
    type_text(qtbot, ", nobody reads it")
    qtbot.wait(600)
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_E)
    type_text(qtbot, ".")
    press(qtbot, Qt.Key.Key_Escape)
    assert view.undo_stack.count() == 2
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(isolated_data_dir, assessment_id).answer(question).notes == (
        "Risk log exists, nobody reads it"
    )
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(isolated_data_dir, assessment_id).answer(question).notes == ""
    assert view.question_panel.notes_edit.toPlainText() == ""


def test_a_rating_that_cannot_be_saved_is_not_shown_as_agreed(
    qtbot: QtBot, view: FacilitationView, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = view.session
    assert session is not None

    def full(*_args: object) -> None:
        raise DiskFullError("disk full")

    monkeypatch.setattr(session.workspace.repository, "save_rating", full)
    press(qtbot, Qt.Key.Key_4)
    assert view.banner_label.isVisible() and "Not saved" in view.banner_label.text()
    assert not view.rating_panel.level_buttons[4].isChecked()
    assert session.rating(CULTURE).level is None
    assert view.undo_stack.count() == 0


def test_no_workshop_key_is_ambiguous_with_the_window(
    qtbot: QtBot, qtlog: object, view: FacilitationView
) -> None:
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Y, Qt.Key.Key_2, Qt.Key.Key_F5):
        press(qtbot, key)
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: view.presenter is None)
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    messages = [record.message for record in qtlog.records]  # type: ignore[attr-defined]
    assert not [message for message in messages if "mbiguous" in message]


def test_splitter_state_is_kept_under_workshop_keys(view: FacilitationView, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    view.splitter.setSizes([300, 600, 466])
    view.save_state(settings)
    assert all(key.startswith("workshop/") for key in settings.allKeys())
    view.splitter.setSizes([250, 650, 466])
    view.restore_state(settings)
    assert view.splitter.sizes()[0] == 300


def test_typing_without_a_pause_is_still_saved_every_second(
    qtbot: QtBot, view: FacilitationView, isolated_data_dir: Path, assessment_id: str
) -> None:
    question = current_question(view)
    press(qtbot, Qt.Key.Key_E)
    for character in "Continuous typing":  # a key every 100 ms: never a 400 ms pause
        type_text(qtbot, character)
        qtbot.wait(100)
    saved = stored(isolated_data_dir, assessment_id).answer(question).notes
    assert saved and "Continuous typing".startswith(saved)
