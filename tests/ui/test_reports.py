"""PDF reports in the app: the export dialog, exporting off the GUI thread, the Reports list.

The data is the demo team (an original assessment and its reassessment). Every message box,
file picker and ``QDesktopServices.openUrl`` is patched: boxes are recorded (and answered by
clicking the button a test names), URLs are recorded instead of opened. What a report holds is
read back with pypdf; which files exist is read from the disk, what is recorded from the
database.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

import sre_workshop.report as report_package
import sre_workshop.report.files as report_files
from sre_workshop.demo import add_demo_data
from sre_workshop.model import Assessment, ReportRecord
from sre_workshop.report import SECTION_TITLES, SECTIONS, WriteError, export_report
from sre_workshop.storage import StorageError
from sre_workshop.workflows import CompareWith, create_team, reassess
from sre_workshop.workspace import Workspace, open_workspace
from ui.main_window import MainWindow
from ui.reports.export_dialog import OPEN_WHEN_DONE_KEY, ReportExportDialog, ReportRequest
from ui.reports.export_runner import ReportExporter, run_export
from ui.reports.report_model import (
    FILE,
    STATE,
    TEAM,
    ReportRole,
    ReportStateRole,
    ReportTableModel,
    report_rows,
)
from ui.reports.reports_view import EMPTY_FILTERED_TEXT, ReportsView
from ui.workers import wait_for_background_work

TODAY = dt.date(2026, 3, 1)


# --- fixtures and helpers -----------------------------------------------------------------------


@dataclass(frozen=True)
class Demo:
    workspace: Workspace
    team_id: str
    original: Assessment
    reassessment: Assessment


@pytest.fixture
def demo(isolated_data_dir: Path) -> Iterator[Demo]:
    workspace = open_workspace(isolated_data_dir)
    team = add_demo_data(workspace, today=TODAY)
    assert team is not None
    original, reassessment = workspace.repository.list_assessments(team.id)
    yield Demo(workspace, team.id, original, reassessment)
    wait_for_background_work()
    workspace.close()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@dataclass
class ShownBox:
    name: str
    title: str
    text: str
    informative: str = ""
    buttons: list[str] = field(default_factory=list)

    @property
    def words(self) -> str:
        return f"{self.title}\n{self.text}\n{self.informative}"


@dataclass
class Boxes:
    """Message boxes shown; ``answers`` are button texts to click, one per box, in order."""

    shown: list[ShownBox] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)

    def named(self, name: str) -> list[ShownBox]:
        return [box for box in self.shown if box.name == name]


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    recorded = Boxes()

    def exec_box(box: QMessageBox) -> int:
        buttons = [button.text().replace("&", "") for button in box.buttons()]
        recorded.shown.append(
            ShownBox(
                box.objectName(), box.windowTitle(), box.text(), box.informativeText(), buttons
            )
        )
        if recorded.answers:
            wanted = recorded.answers.pop(0)
            for button in box.buttons():
                if button.text().replace("&", "") == wanted:
                    button.click()
                    break
            else:
                raise AssertionError(f"no button {wanted!r} in {buttons}")
        return 0

    def static(kind: str) -> Callable[..., QMessageBox.StandardButton]:
        def show(_parent: object, title: str, text: str, *args: object) -> Any:
            recorded.shown.append(ShownBox(kind, title, text))
            return QMessageBox.StandardButton.Ok

        return show

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    for kind in ("information", "warning", "question", "critical"):
        monkeypatch.setattr(QMessageBox, kind, static(kind))
    return recorded


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """URLs handed to the desktop (the PDF viewer or the file manager), never really opened."""
    urls: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        urls.append(QUrl(url))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return urls


def make_window(qtbot: QtBot, demo: Demo, settings: QSettings) -> MainWindow:
    window = MainWindow(demo.workspace, settings)
    window._first_start_checked = True
    qtbot.addWidget(window)
    return window


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def files_in(folder: Path) -> list[str]:
    """Every name in ``folder``, hidden temporary files included."""
    return sorted(item.name for item in folder.iterdir()) if folder.is_dir() else []


def request_for(demo: Demo, **changes: Any) -> ReportRequest:
    values: dict[str, Any] = {
        "assessment_id": demo.reassessment.id,
        "compare_id": demo.original.id,
        "preset": "summary",
        "sections": ("cover", "summary"),
        "folder": None,
        "open_when_done": False,
        "description": "Demo, 1 Mar 2026",
    }
    values.update(changes)
    return ReportRequest(**values)


def wait_for_export(qtbot: QtBot, exporter: ReportExporter) -> None:
    qtbot.waitUntil(lambda: not exporter.is_running(), timeout=60_000)
    wait_for_background_work()


def quick_report(demo: Demo, **kwargs: Any) -> ReportRecord:
    """A small real report (two sections) written and recorded by the core."""
    kwargs.setdefault("sections", ("cover", "summary"))
    return export_report(demo.workspace, demo.reassessment.id, preset="summary", **kwargs)


# --- exporting from the results view ------------------------------------------------------------


def test_export_from_the_results_view_writes_records_and_opens_the_summary(
    qtbot: QtBot,
    demo: Demo,
    settings: QSettings,
    boxes: Boxes,
    opened: list[QUrl],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, Any] = {}

    def choose(dialog: ReportExportDialog) -> int:
        seen["compare_id"] = dialog.compare_id
        dialog.preset_radios["summary"].click()
        dialog.section_checks["appendix"].click()  # the coach ticks the appendix off
        dialog.open_check.setChecked(True)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ReportExportDialog, "exec", choose)
    window = make_window(qtbot, demo, settings)
    window.show()
    assert not window.results.export_report_action.isEnabled()
    window.results.show_assessment(demo.reassessment.id)
    window.stack.setCurrentWidget(window.results)
    assert window.results.export_report_action.isEnabled()
    assert window.results.export_report_button.isEnabled()

    window.results.export_report_button.click()
    wait_for_export(qtbot, window.report_exporter)

    assert seen["compare_id"] == demo.original.id  # the view compares with the original
    (record,) = demo.workspace.repository.list_reports()
    path = Path(record.path)
    assert path.parent == demo.workspace.reports_dir
    assert path.name.endswith("_summary-custom.pdf")
    assert files_in(path.parent) == [path.name]  # nothing partial beside it
    assert record.preset == "summary"
    assert record.compared_id == demo.original.id
    assert record.sections == tuple(section for section in SECTIONS if section != "appendix")
    assert report_package.verify_report(record) == "ok"
    assert opened == [QUrl.fromLocalFile(str(path))]

    text = pdf_text(path)
    assert "Stakeholder summary" in text
    assert SECTION_TITLES["summary"] in text and SECTION_TITLES["areas"] in text
    assert SECTION_TITLES["appendix"] not in text
    answers = demo.workspace.repository.load_record(demo.reassessment.id).answers
    notes = [" ".join(answer.notes.split())[:50] for answer in answers if len(answer.notes) > 50]
    assert len(notes) > 5
    assert not [note for note in notes if note in text]

    (ready,) = boxes.named("reportReadyDialog")
    assert path.name in ready.text and "open in your PDF viewer" in ready.informative
    assert sorted(ready.buttons) == ["Close", "Open", "Show in Folder"]
    assert window.reports.model.rowCount() == 1  # the Reports list knows it already
    assert window.reports.selected_report_id() == record.id
    assert str(path) in window.statusBar().currentMessage()
    assert settings.value(OPEN_WHEN_DONE_KEY, type=bool) is True


def test_ctrl_p_in_the_results_view_uses_its_current_comparison(
    qtbot: QtBot,
    demo: Demo,
    settings: QSettings,
    boxes: Boxes,
    opened: list[QUrl],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    later = reassess(demo.workspace, demo.team_id, date=TODAY + dt.timedelta(days=30))
    asked: list[str | None] = []

    def choose(dialog: ReportExportDialog) -> int:
        asked.append(dialog.compare_id)
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(ReportExportDialog, "exec", choose)
    window = make_window(qtbot, demo, settings)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.results.show_assessment(later.id)
    window.stack.setCurrentWidget(window.results)
    window.results.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.results.table)
    qtbot.keyClick(window.results.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    window.results.set_compare_with(CompareWith.PREVIOUS)
    window.results.export_report_action.trigger()

    assert asked == [demo.original.id, demo.reassessment.id]
    # The button sits under the comparison: the header is no wider than before (1366 px).
    assert window.results.minimumSizeHint().width() <= 1366
    assert demo.workspace.repository.list_reports() == ()  # cancelled: nothing written
    assert window.results.export_report_action in window.results.menu_actions()
    results_menu = next(
        action.menu() for action in window.menuBar().actions() if action.text() == "&Results"
    )
    assert window.results.export_report_action in results_menu.actions()
    assert window.results.export_report_action.shortcut().toString() == "Ctrl+P"


def test_the_gui_keeps_running_while_the_report_is_built(
    qtbot: QtBot,
    demo: Demo,
    settings: QSettings,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ticks = [0]
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start()
    real_export = report_package.export_report
    during: dict[str, Any] = {}

    def slow_export(*args: Any, **kwargs: Any) -> ReportRecord:
        # On the worker: wait for the GUI thread's timer to fire five times. If the export ran
        # on the GUI thread, the timer could not fire and this would time out.
        during["thread"] = threading.current_thread()
        start = ticks[0]
        deadline = time.monotonic() + 10
        while ticks[0] < start + 5 and time.monotonic() < deadline:
            time.sleep(0.005)
        during["waited"] = ticks[0] - start
        before = ticks[0]
        record = real_export(*args, **kwargs)
        during["while_building"] = ticks[0] - before
        return record

    monkeypatch.setattr(report_package, "export_report", slow_export)
    parent = QWidget()
    qtbot.addWidget(parent)
    exporter = ReportExporter(demo.workspace, settings, parent)
    exporter.start(request_for(demo, sections=SECTIONS))
    assert exporter.is_running()
    assert exporter._progress is not None and exporter._progress.isVisible()
    wait_for_export(qtbot, exporter)
    timer.stop()

    assert during["thread"] is not threading.main_thread()
    assert during["waited"] >= 5
    assert during["while_building"] >= 1
    assert len(demo.workspace.repository.list_reports()) == 1
    assert boxes.named("reportReadyDialog")


@pytest.mark.parametrize("failure", ["disk full", "read-only folder"])
def test_a_failed_write_says_why_and_leaves_nothing(
    qtbot: QtBot,
    demo: Demo,
    settings: QSettings,
    boxes: Boxes,
    opened: list[QUrl],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    failure: str,
) -> None:
    folder = tmp_path / "shared-drive"
    folder.mkdir()
    real_fsync, real_mkstemp = os.fsync, tempfile.mkstemp

    def full_disk_fsync(descriptor: int) -> None:
        if Path(f"/proc/self/fd/{descriptor}").readlink().name.endswith(".partial"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(descriptor)

    def read_only_mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if Path(kwargs.get("dir", "")) == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder))
        return real_mkstemp(*args, **kwargs)

    if failure == "disk full":
        if not Path("/proc/self/fd").is_dir():
            pytest.skip("needs /proc to tell the temporary file's descriptor apart")
        monkeypatch.setattr(os, "fsync", full_disk_fsync)
        reason = "the disk is full"
    else:
        # The core's atomic writer makes its temporary file with tempfile.mkstemp.
        monkeypatch.setattr(tempfile, "mkstemp", read_only_mkstemp)
        reason = "read-only"

    def choose(dialog: ReportExportDialog) -> int:
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
        dialog.change_button.click()  # this export only goes to the shared drive
        dialog.open_check.setChecked(True)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ReportExportDialog, "exec", choose)
    failures: list[BaseException] = []
    window = make_window(qtbot, demo, settings)
    window.report_exporter.export_failed.connect(failures.append)
    window.results.show_assessment(demo.reassessment.id)
    window.results.export_report_action.trigger()
    wait_for_export(qtbot, window.report_exporter)

    assert len(failures) == 1 and isinstance(failures[0], WriteError)
    (error,) = boxes.named("errorDialog")
    assert error.title == "The report was not written"
    assert reason in error.text
    assert str(folder) in error.text  # names the path
    assert "Nothing was written" in error.text
    assert files_in(folder) == []  # no partial file, not even a hidden temporary one
    assert files_in(demo.workspace.reports_dir) == []
    assert demo.workspace.repository.list_reports() == ()
    assert opened == []
    assert not boxes.named("reportReadyDialog")


def test_a_taken_name_or_an_unrecordable_report_is_explained_and_leaves_no_file(
    qtbot: QtBot,
    demo: Demo,
    settings: QSettings,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    taken = folder / "someone-elses.pdf"
    taken.write_bytes(b"%PDF-1.4 keep me")
    parent = QWidget()
    qtbot.addWidget(parent)
    exporter = ReportExporter(demo.workspace, settings, parent)

    # The free name was taken meanwhile (another export, a sync client): refused, not replaced.
    with monkeypatch.context() as patch:
        patch.setattr(report_files, "available_path", lambda *_args: taken)
        exporter.start(request_for(demo, folder=folder))
        wait_for_export(qtbot, exporter)
    (refused,) = boxes.named("errorDialog")
    assert refused.title == "The report was not written"
    assert str(taken) in refused.text and "already exists" in refused.text
    assert taken.read_bytes() == b"%PDF-1.4 keep me"

    # Written, but the database cannot record it: the core removes the file again.
    def cannot_record(_record: ReportRecord) -> ReportRecord:
        raise StorageError("The disk holding the database is full.")

    monkeypatch.setattr(demo.workspace.repository, "add_report", cannot_record)
    exporter.start(request_for(demo))
    wait_for_export(qtbot, exporter)
    unrecorded = boxes.named("errorDialog")[-1]
    assert unrecorded.title == "Could not save or read your data"
    assert "was not written" in unrecorded.text and "disk holding the database" in unrecorded.text
    assert files_in(demo.workspace.reports_dir) == []
    assert files_in(folder) == ["someone-elses.pdf"]
    assert not boxes.named("reportReadyDialog")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can write to read-only folders"
)
def test_a_really_read_only_folder_gives_a_clear_message(
    qtbot: QtBot, demo: Demo, settings: QSettings, boxes: Boxes, tmp_path: Path
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        parent = QWidget()
        qtbot.addWidget(parent)
        exporter = ReportExporter(demo.workspace, settings, parent)
        exporter.start(request_for(demo, folder=folder))
        wait_for_export(qtbot, exporter)
    finally:
        folder.chmod(0o755)
    (error,) = boxes.named("errorDialog")
    assert "read-only" in error.text and str(folder) in error.text
    assert files_in(folder) == []
    assert demo.workspace.repository.list_reports() == ()


def test_another_folder_for_one_export_never_replaces_an_earlier_report(
    demo: Demo, tmp_path: Path
) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    first = run_export(demo.workspace, request_for(demo, folder=folder))
    second = run_export(demo.workspace, request_for(demo, folder=folder))
    assert Path(first.path).parent == folder and Path(second.path).parent == folder
    assert Path(first.path).name.endswith("_summary-custom.pdf")
    assert Path(second.path).name.endswith("_summary-custom-2.pdf")
    assert not demo.workspace.reports_dir.exists() or files_in(demo.workspace.reports_dir) == []


# --- the export dialog --------------------------------------------------------------------------


def test_the_dialog_presets_sections_folder_and_remembered_choice(
    qtbot: QtBot, demo: Demo, settings: QSettings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dialog = ReportExportDialog(
        demo.workspace,
        demo.reassessment.id,
        demo.original.id,
        None,
        settings=settings,
        compare_with=CompareWith.ORIGINAL,
    )
    qtbot.addWidget(dialog)
    assert dialog.preset() == "full" and dialog.sections() == SECTIONS
    assert dialog.open_when_done()  # opening the PDF is the default
    assert dialog.export_button.isEnabled()
    assert "full.pdf" in dialog.folder_note.text()

    dialog.preset_radios["summary"].click()
    for section in ("charts", "appendix"):
        dialog.section_checks[section].click()
    assert dialog.preset() == "summary"
    assert "charts" not in dialog.sections() and "appendix" not in dialog.sections()
    assert "summary-custom.pdf" in dialog.folder_note.text()
    dialog.preset_radios["summary"].click()  # choosing a kind ticks its sections again
    assert dialog.sections() == SECTIONS

    for check in dialog.section_checks.values():
        check.setChecked(False)
    assert not dialog.export_button.isEnabled()
    assert dialog.problem_label.isVisibleTo(dialog)
    assert "at least one section" in dialog.problem_label.text()
    dialog.section_checks["cover"].setChecked(True)
    assert dialog.export_button.isEnabled()

    elsewhere = tmp_path / "for-the-vp"
    elsewhere.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(elsewhere))
    dialog.change_button.click()
    assert dialog.folder() == elsewhere
    assert dialog.folder_label.full_text() == str(elsewhere)
    assert dialog.reset_button.isVisibleTo(dialog)
    assert "this report only" in dialog.folder_note.text()
    assert demo.workspace.repository.load_settings().reports_folder == ""  # Settings unchanged
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    dialog.change_button.click()  # cancelled: keeps the choice
    assert dialog.folder() == elsewhere

    dialog.open_check.setChecked(False)
    dialog.accept()
    request = dialog.request()
    assert request.preset == "summary" and request.sections == ("cover",)
    assert request.folder == elsewhere and request.open_when_done is False
    assert request.compare_id == demo.original.id

    again = ReportExportDialog(demo.workspace, demo.reassessment.id, None, None, settings=settings)
    qtbot.addWidget(again)
    assert not again.open_when_done()  # remembered
    assert again.folder() == demo.workspace.reports_dir  # the other folder was for one export
    assert not again.reset_button.isVisibleTo(again)
    again.reset_button.click()
    assert again.request().folder is None


# --- the Reports list ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ThreeReports:
    ok: ReportRecord
    missing: ReportRecord
    changed: ReportRecord


@pytest.fixture
def three_reports(demo: Demo) -> ThreeReports:
    ok = quick_report(demo)
    missing = quick_report(demo)
    changed = quick_report(demo, compare_id=None, sections=("cover",))
    Path(missing.path).unlink()
    with Path(changed.path).open("ab") as handle:
        handle.write(b"\n")
    return ThreeReports(ok, missing, changed)


def shown_view(qtbot: QtBot, demo: Demo) -> ReportsView:
    view = ReportsView(demo.workspace)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.states_checked, timeout=20_000):
        view.show()
    return view


def state_of(view: ReportsView, record: ReportRecord) -> tuple[str, Any]:
    row = view.model.row_of(record.id)
    assert row is not None
    index = view.model.index(row, STATE)
    return index.data(), index.data(Qt.ItemDataRole.DecorationRole)


def test_the_list_shows_ok_missing_and_changed_as_words_and_icons(
    qtbot: QtBot, demo: Demo, three_reports: ThreeReports
) -> None:
    view = shown_view(qtbot, demo)
    assert view.model.rowCount() == 3
    texts = {}
    icons = {}
    for name in ("ok", "missing", "changed"):
        text, icon = state_of(view, getattr(three_reports, name))
        texts[name] = text
        assert not icon.isNull()
        icons[name] = icon.cacheKey()
    assert texts == {"ok": "OK", "missing": "Missing", "changed": "Changed since written"}
    assert len(set(icons.values())) == 3  # each state has its own shape, not just a colour
    row = view.model.row_of(three_reports.changed.id)
    assert row is not None
    assert view.model.index(row, FILE).data() == Path(three_reports.changed.path).name
    assert view.model.index(row, 0).data(ReportRole) == three_reports.changed
    assert "1 missing" in view.summary_label.text()
    assert "1 changed since written" in view.summary_label.text()
    assert "3 reports" in view.summary_label.text()

    # The file comes back: Refresh sees it.
    Path(three_reports.missing.path).write_bytes(b"%PDF-1.4 not the same")
    with qtbot.waitSignal(view.states_checked, timeout=20_000):
        view.refresh_action.trigger()
    assert state_of(view, three_reports.missing)[0] == "Changed since written"


def test_open_show_folder_and_a_missing_file_explained(
    qtbot: QtBot, demo: Demo, three_reports: ThreeReports, boxes: Boxes, opened: list[QUrl]
) -> None:
    view = shown_view(qtbot, demo)
    assert view.select_report(three_reports.ok.id)
    view.open_action.trigger()
    assert opened == [QUrl.fromLocalFile(three_reports.ok.path)]
    view.show_folder_action.trigger()
    assert opened[-1] == QUrl.fromLocalFile(str(Path(three_reports.ok.path).parent))
    assert boxes.shown == []

    opened.clear()
    assert view.select_report(three_reports.missing.id)
    view.open_action.trigger()  # Close: the record stays
    (missing,) = boxes.named("reportMissingDialog")
    assert three_reports.missing.path in missing.text
    assert "moved, renamed or deleted" in missing.informative
    assert sorted(missing.buttons) == ["Close", "Remove from List"]
    assert opened == []
    assert len(demo.workspace.repository.list_reports()) == 3

    boxes.answers.append("Remove from List")
    index = view.model.index(view.model.row_of(three_reports.missing.id) or 0, 0)
    view.table.activated.emit(index)  # Enter or double-click opens too
    assert len(boxes.named("reportMissingDialog")) == 2
    assert {record.id for record in demo.workspace.repository.list_reports()} == {
        three_reports.ok.id,
        three_reports.changed.id,
    }
    assert view.model.row_of(three_reports.missing.id) is None


def test_remove_from_list_asks_and_never_deletes_the_file(
    qtbot: QtBot, demo: Demo, three_reports: ThreeReports, boxes: Boxes
) -> None:
    view = shown_view(qtbot, demo)
    assert view.select_report(three_reports.ok.id)
    boxes.answers.append("Cancel")
    view.remove_action.trigger()
    assert len(demo.workspace.repository.list_reports()) == 3
    (asked,) = boxes.named("reportRemoveDialog")
    assert "not deleted" in asked.informative

    boxes.answers.append("Remove from List")
    removed: list[str] = []
    view.report_removed.connect(removed.append)
    view.remove_button.click()
    assert removed == [three_reports.ok.id]
    assert three_reports.ok.id not in {r.id for r in demo.workspace.repository.list_reports()}
    assert Path(three_reports.ok.path).is_file()  # the file is untouched
    assert view.model.rowCount() == 2
    assert view.selected_report_id() is not None  # a neighbour is selected


def test_the_list_of_one_team_and_the_empty_states(
    qtbot: QtBot, demo: Demo, three_reports: ThreeReports
) -> None:
    other = create_team(demo.workspace, "Search Platform")
    view = shown_view(qtbot, demo)
    assert not view.table.isColumnHidden(TEAM)  # two teams: say whose report it is
    view.set_team_filter(demo.team_id)
    assert view.model.rowCount() == 3
    assert view.table.isColumnHidden(TEAM)
    view.set_team_filter(other.id)
    assert view.model.rowCount() == 0
    assert view.pages.currentWidget() is view.empty_label
    assert view.empty_label.text() == EMPTY_FILTERED_TEXT
    assert not view.open_action.isEnabled() and not view.remove_action.isEnabled()
    view.set_team_filter(None)
    assert view.model.rowCount() == 3
    assert view.pages.currentWidget() is view.table


def test_the_reports_page_in_the_main_window(
    qtbot: QtBot, demo: Demo, settings: QSettings, three_reports: ThreeReports
) -> None:
    window = make_window(qtbot, demo, settings)
    window.show()
    assert window.show_reports_action in window.page_actions
    assert window.show_reports_action.shortcut().toString() == "Ctrl+6"
    with qtbot.waitSignal(window.reports.states_checked, timeout=20_000):
        window.show_reports_action.trigger()
    assert window.stack.currentWidget() is window.reports
    assert window.show_reports_action.isChecked()
    assert window.reports.model.rowCount() == 3
    window.save_state()
    assert settings.contains("reports/header")


# --- the model ----------------------------------------------------------------------------------


def test_report_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, demo: Demo, three_reports: ThreeReports
) -> None:
    model = ReportTableModel()
    qtmodeltester.check(model)
    model.set_rows(report_rows(demo.workspace))
    qtmodeltester.check(model)
    assert model.index(0, STATE).data(ReportStateRole) is None
    assert model.index(0, STATE).data() == "Checking…"
    model.set_states(
        {three_reports.ok.id: "ok", three_reports.missing.id: "missing", "gone": "changed"}
    )
    qtmodeltester.check(model)
    row = model.row_of(three_reports.missing.id)
    assert row is not None
    assert model.index(row, STATE).data(ReportStateRole) == "missing"
    assert model.index(row, STATE).data(Qt.ItemDataRole.AccessibleTextRole) == "State: Missing"
    assert model.headerData(STATE, Qt.Orientation.Horizontal) == "State"
    model.set_rows(report_rows(demo.workspace, team_id="no-such-team"))
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_a_dialog_result_of_cancel_writes_nothing(
    qtbot: QtBot, demo: Demo, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        ReportExportDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected.value
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    exporter = ReportExporter(demo.workspace, settings, parent)
    exporter.ask_and_export(demo.reassessment.id, CompareWith.ORIGINAL)
    assert not exporter.is_running()
    assert demo.workspace.repository.list_reports() == ()
