"""A whole workshop, end to end: set-up, a keyboard-run workshop in the main window, the PDF,
a reassessment six months later, its results and comparison PDF, and a restart."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from sre_workshop.model import AssessmentStatus
from sre_workshop.report import export_report
from sre_workshop.scoring import Verdict
from sre_workshop.workflows import create_team, plan_assessment, reassess
from sre_workshop.workspace import Workspace, open_workspace
from ui.main_window import MainWindow
from ui.results.comparison_model import COLUMN_VERDICT

NOTE = "Pager rota of 6; 2 escalations/week <ops & dev> — café 🚀"


@pytest.fixture
def workspace(isolated_data_dir: Path) -> Iterator[Workspace]:
    opened = open_workspace(isolated_data_dir)
    yield opened
    opened.close()


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    qtbot.keyClick(target, key, modifier)


def type_text(target: QWidget, text: str) -> None:
    """Type any Unicode, one key event per character (QTest only knows ASCII keys)."""
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, character)
            QApplication.sendEvent(target, event)


def run_workshop(qtbot: QtBot, window: MainWindow, assessment_id: str, levels: list[int]) -> None:
    """Rate every area in scope from the keyboard, typing a note in the first question."""
    window.library.reload()
    window.library.select_assessment(assessment_id)
    window.library.run_workshop_action.trigger()
    view = window.workshop
    assert window.stack.currentWidget() is view
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    press(qtbot, Qt.Key.Key_E)
    editor = QApplication.focusWidget()
    assert editor is not None
    type_text(editor, NOTE)
    press(qtbot, Qt.Key.Key_Escape)
    for index, level in enumerate(levels):
        press(qtbot, getattr(Qt.Key, f"Key_{level}"))
        press(qtbot, Qt.Key.Key_T)
        press(qtbot, Qt.Key.Key_Plus)  # one vote for level 1 in the tally
        press(qtbot, Qt.Key.Key_Escape)
        if index < len(levels) - 1:
            press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    view.complete_action.trigger()


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_setup_workshop_pdf_reassessment_and_restart(
    qtbot: QtBot, workspace: Workspace, isolated_data_dir: Path, tmp_path: Path
) -> None:
    team = create_team(workspace, "Søk & Checkout")
    original = plan_assessment(workspace, team.id, date=dt.date(2026, 3, 2), coach="Dana")
    areas = [item.area_key for item in original.scope]
    assert len(areas) == 16

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(workspace, settings)
    window._first_start_checked = True
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)

    first_levels = [2, 1, 2, 3, 2, 1, 2, 1, 2, 2, 3, 2, 1, 2, 1, 1]
    run_workshop(qtbot, window, original.id, first_levels)
    stored = workspace.repository.load_record(original.id)
    assert stored.assessment.status is AssessmentStatus.COMPLETED
    assert [stored.rating(key).level for key in areas] == first_levels
    assert stored.rating(areas[0]).votes == (1, 0, 0, 0, 0)
    first_question = workspace.framework_for(original).areas[0].flat_questions()[0].question.key
    assert stored.answer(first_question).notes == NOTE

    first_pdf = export_report(workspace, original.id)
    text = pdf_text(Path(first_pdf.path))
    assert "Søk & Checkout" in text and "High cooperation" in text
    assert "[U+1F680]" in text and "<ops & dev>" in text

    # Six months later: reassess (linked to the original) and run the workshop again.
    second = reassess(workspace, team.id, date=dt.date(2026, 9, 7))
    assert second.compares_with == original.id
    second_levels = [3, 1, 2, 3, 3, 2, 1, 3, 2, 2, 3, 3, 1, 2, 2, 1]
    run_workshop(qtbot, window, second.id, second_levels)

    window.show_results()
    assert window.stack.currentWidget() is window.results
    model = window.results.table.model()
    verdicts = [
        model.index(row, COLUMN_VERDICT).data(Qt.ItemDataRole.DisplayRole)
        for row in range(model.rowCount())
    ]
    progressing = sum(1 for text in verdicts if Verdict.PROGRESSING.value in text)
    regressing = sum(1 for text in verdicts if Verdict.REGRESSING.value in text)
    assert (progressing, regressing) == (6, 1)

    second_pdf = export_report(workspace, second.id)
    text = pdf_text(Path(second_pdf.path))
    assert "progressing" in text and "regressing" in text and "stagnating" in text
    assert Path(second_pdf.path) != Path(first_pdf.path)

    # Close the app and reopen the data folder: everything is there.
    window.close()
    workspace.close()
    reopened = open_workspace(isolated_data_dir)
    try:
        again = reopened.repository.load_record(second.id)
        assert [again.rating(key).level for key in areas] == second_levels
        assert again.assessment.status is AssessmentStatus.COMPLETED
        assert len(reopened.repository.list_reports()) == 2
    finally:
        reopened.close()
