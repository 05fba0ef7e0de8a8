"""The in-process scenarios, each run by the runner in its own Python process, Qt offscreen.

``python -m benchmarks.scenarios NAME [options]`` prints one ``BENCH-RESULT {json}`` line
(:func:`benchmarks.common.emit`). A process of its own per scenario keeps them apart: one
scenario's imports, caches or memory never flatter or burden another's.

Scenarios (times in seconds in the result):

``capture``  rating keypresses on the facilitation view, the radar's draw, the commit alone and
             a bare SQLite commit of one row
``pdf``      the full demo report with comparison, warm, and reportlab building the same
             paragraphs as plain text with the same embedded font
``views``    opening a team's history and an assessment's results
``bundle``   exporting a team bundle and importing a team into the data folder
``memory``   peak resident memory after a whole workshop and a report export
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.common import emit, median, peak_rss_mb, percentile, timed
from benchmarks.data import fresh_copy

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from sre_workshop.workspace import Workspace
    from ui.main_window import MainWindow

NOTE = "Two runbooks, 24/7 pager; the room disagreed on who owns the alert rules. "


# --- shared set-up ---------------------------------------------------------------------------


def none_refcount_leaks() -> bool:
    """Whether this PySide6 drops a reference to None on every call that returns nothing.

    (Calls that return a bool drop one from True or False the same way.)

    PySide6 6.12.0 on Python 3.11 does (3.12 made None immortal, which hides it): every
    ``setText`` or ``setVisible`` takes one reference from None, and when the count reaches
    zero CPython aborts with "none_dealloc: deallocating None". A workshop of typed notes gets
    there. See docs/performance.md.
    """
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 50


def guard_none_refcount() -> bool:
    """Keep a leaking PySide6 from aborting a long scenario: give None a huge refcount.

    Only the benchmarks do this (the app needs a PySide6 without the leak); it costs no memory,
    so the figures are not changed by it. Returns whether the leak was found.
    """
    if not none_refcount_leaks():
        return False
    import ctypes

    for singleton in (None, True, False):  # bool results leak the same way
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40
    return True


@contextmanager
def scratch_copy(template: Path) -> Iterator[Path]:
    """A private copy of a template data folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="sre-workshop-bench-") as folder:
        yield fresh_copy(template, Path(folder) / "data")


def application() -> QApplication:
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    return QApplication([sys.argv[0], "-platform", "offscreen"])


def settle(app: QApplication, seconds: float = 0.0) -> None:
    """Let Qt deliver pending events (paints, deferred draws, timers due within ``seconds``)."""
    deadline = time.perf_counter() + seconds
    app.processEvents()
    while time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.005)
    app.processEvents()


def main_window(workspace: Workspace, folder: Path) -> MainWindow:
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow

    settings = QSettings(str(folder / "ui-state.ini"), QSettings.Format.IniFormat)
    window = MainWindow(workspace, settings)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    return window


def plan_full_workshop(workspace: Workspace) -> str:
    """A new planned assessment of the demo team with every area in scope; its id."""
    from sre_workshop.workflows import default_scope, plan_assessment

    team = workspace.repository.list_teams()[0]
    framework = workspace.frameworks.latest("sre-maturity")
    return plan_assessment(
        workspace, team.id, date=dt.date.today(), scope=default_scope(framework, 10)
    ).id


def open_workshop(app: QApplication, window: MainWindow, assessment_id: str) -> None:
    from PySide6.QtCore import Qt

    window.on_library_workshop_requested(assessment_id)
    window.workshop.setFocus(Qt.FocusReason.OtherFocusReason)
    settle(app, 0.2)


def press(key: Any, modifier: Any = None, text: str | None = None) -> None:
    """One key (press and release) to whatever has the keyboard focus, as a keyboard does."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    target = QApplication.focusWidget()
    if target is None:
        raise RuntimeError("nothing has the keyboard focus")
    if text is not None:
        QTest.keyClicks(target, text)
    else:
        QTest.keyClick(target, key, modifier or Qt.KeyboardModifier.NoModifier)


# --- capture ---------------------------------------------------------------------------------


def bare_commit(path: Path) -> Callable[[], None]:
    """One row committed with WAL and synchronous=FULL, as plainly as sqlite3 allows."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, v INTEGER)")
    counter = iter(range(10**9))

    def commit() -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "INSERT INTO t VALUES ('area', ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v",
            (next(counter) % 5 + 1,),
        )
        connection.execute("COMMIT")

    return commit


def capture(template: Path, presses: int, commits: int, draws: int) -> dict[str, Any]:
    from PySide6.QtCore import Qt

    from sre_workshop.capture import CaptureSession
    from sre_workshop.workspace import open_workspace

    digit_keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5]
    with scratch_copy(template) as folder:
        app = application()
        workspace = open_workspace(folder)
        assessment_id = plan_full_workshop(workspace)
        window = main_window(workspace, folder)
        open_workshop(app, window, assessment_id)
        view = window.workshop
        session = view.session
        assert session is not None
        areas = [area.key for area in view.agenda.areas]
        latencies: list[float] = []
        failures = 0
        for index in range(presses + 5):  # the first five build the chart: not counted
            if index % 25 == 0:
                view.go_to_area(areas[(index // 25) % len(areas)])
                view.setFocus(Qt.FocusReason.OtherFocusReason)
                settle(app)
            area = view.agenda.areas[view.position.area].key if view.position else ""
            level = index % 5 + 1
            requests = view.radar.redraw_requests
            start = time.perf_counter()
            press(digit_keys[level - 1])
            elapsed = time.perf_counter() - start
            if view.radar.redraw_requests <= requests or session.rating(area).level != level:
                failures += 1
            if index >= 5:
                latencies.append(elapsed)
            settle(app)  # the deferred draw happens here, between keypresses, as in the room
        stored = workspace.repository.load_record(assessment_id)
        rated = sum(1 for rating in stored.ratings if rating.level is not None)

        figure = view.radar.figure
        assert figure is not None
        draw_times = timed(figure.canvas.draw, draws, warmup=2)

        other = CaptureSession(workspace, assessment_id)
        bare = bare_commit(folder / "bare-commit.sqlite3")
        commit_times: list[float] = []
        bare_times: list[float] = []
        for index in range(commits + 5):  # interleaved, so load hits both alike
            area = areas[index % len(areas)]
            start = time.perf_counter()
            other.set_level(area, index % 5 + 1)
            middle = time.perf_counter()
            bare()
            end = time.perf_counter()
            if index >= 5:
                commit_times.append(middle - start)
                bare_times.append(end - middle)
        window.close()
        workspace.close()
    return {
        "presses": len(latencies),
        "press_median": median(latencies),
        "press_p95": percentile(latencies, 0.95),
        "press_max": max(latencies),
        "press_failures": failures,
        "areas_rated": rated,
        "draw_median": median(draw_times),
        "commit_median": median(commit_times),
        "bare_commit_median": median(bare_times),
    }


# --- PDF -------------------------------------------------------------------------------------


def _story_texts(flowable: object, texts: list[str]) -> None:
    """The text of every paragraph in a reportlab story, tables and groups included."""
    from reportlab.platypus import Paragraph

    if isinstance(flowable, Paragraph):
        text = flowable.getPlainText()  # type: ignore[no-untyped-call]
        if text.strip():
            texts.append(text)
    elif isinstance(flowable, str):
        if flowable.strip():
            texts.append(flowable)
    elif isinstance(flowable, list | tuple):
        for item in flowable:
            _story_texts(item, texts)
    else:
        for attribute in ("_cellvalues", "_content", "_flowables"):
            inner = getattr(flowable, attribute, None)
            if isinstance(inner, list | tuple):
                _story_texts(inner, texts)


def report_paragraphs(workspace: Workspace, assessment_id: str) -> list[str]:
    """The paragraphs of the real report, captured from its story while it is built."""
    from sre_workshop.report import build_report
    from sre_workshop.report.layout import ReportDocument

    texts: list[str] = []
    original = ReportDocument.build_story

    def capturing(document: ReportDocument, story: list[Any]) -> None:
        _story_texts(story, texts)
        original(document, story)

    ReportDocument.build_story = capturing  # type: ignore[method-assign]
    try:
        build_report(workspace, assessment_id)
    finally:
        ReportDocument.build_story = original  # type: ignore[method-assign]
    return texts


def plain_pdf(texts: Sequence[str]) -> bytes:
    """reportlab alone: the paragraphs as plain text in DejaVu Sans, no charts, no tables."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from sre_workshop.report.fonts import REGULAR, register_fonts

    register_fonts()
    style = ParagraphStyle("plain", fontName=REGULAR, fontSize=10, leading=13, spaceAfter=4)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4)
    document.build([Paragraph(html.escape(text), style) for text in texts])
    return buffer.getvalue()


def pdf(template: Path, runs: int) -> dict[str, Any]:
    from sre_workshop.report import build_report
    from sre_workshop.workspace import open_workspace

    with scratch_copy(template) as folder:
        workspace = open_workspace(folder)
        reassessment = next(
            item for item in workspace.repository.list_assessments() if item.compares_with
        )
        texts = report_paragraphs(workspace, reassessment.id)  # also warms every import
        plain_pdf(texts)
        report_times: list[float] = []
        plain_times: list[float] = []
        size = plain_size = 0
        for _ in range(runs):  # interleaved
            start = time.perf_counter()
            size = len(build_report(workspace, reassessment.id))
            middle = time.perf_counter()
            plain_size = len(plain_pdf(texts))
            end = time.perf_counter()
            report_times.append(middle - start)
            plain_times.append(end - middle)
        workspace.close()
    return {
        "report_median": median(report_times),
        "plain_median": median(plain_times),
        "paragraphs": len(texts),
        "report_bytes": size,
        "plain_bytes": plain_size,
    }


# --- views -----------------------------------------------------------------------------------


def views(template: Path, runs: int) -> dict[str, Any]:
    """Open the history of the team with the most assessments and its latest results."""
    from PySide6.QtWidgets import QMainWindow, QStackedWidget

    from sre_workshop.workspace import open_workspace
    from ui.results.history_view import HistoryView
    from ui.results.results_view import ResultsView

    with scratch_copy(template) as folder:
        app = application()
        workspace = open_workspace(folder)
        repository = workspace.repository
        teams = repository.list_teams()
        team = teams[len(teams) // 2]  # a team from the middle of the table
        assessments = repository.list_assessments(team.id)
        assessment = assessments[-1]
        window = QMainWindow()
        stack = QStackedWidget(window)
        history, results = HistoryView(workspace, stack), ResultsView(workspace, stack)
        stack.addWidget(history)
        stack.addWidget(results)
        window.setCentralWidget(stack)
        window.resize(1366, 768)
        window.show()
        settle(app, 0.1)

        def open_history() -> None:
            stack.setCurrentWidget(history)
            history.show_team(team.id)
            app.processEvents()  # the paint, charts included

        def open_results() -> None:
            stack.setCurrentWidget(results)
            results.show_assessment(assessment.id)
            app.processEvents()

        history_times: list[float] = []
        results_times: list[float] = []
        open_history()  # warm: imports, first figures
        open_results()
        for _ in range(runs):
            history_times += timed(open_history, 1, warmup=0)
            results_times += timed(open_results, 1, warmup=0)
        window.close()
        workspace.close()
    return {
        "history_median": median(history_times),
        "results_median": median(results_times),
        "team_assessments": len(assessments),
    }


# --- bundle ----------------------------------------------------------------------------------


def bundle(template: Path, runs: int) -> dict[str, Any]:
    """Export a team bundle from the folder; import another team's bundle into a copy of it."""
    from benchmarks.generate import generate
    from sre_workshop.bundle import export_team_bundle, import_bundle, write_bundle
    from sre_workshop.workspace import open_workspace

    with tempfile.TemporaryDirectory(prefix="sre-workshop-bench-bundle-") as scratch:
        scratch_path = Path(scratch)
        # The team to import: generated apart, so its UUIDs are new to the folder.
        source = scratch_path / "source"
        generate(source, teams=1)
        incoming = scratch_path / "incoming.json"
        other = open_workspace(source)
        write_bundle(export_team_bundle(other, other.repository.list_teams()[0].id), incoming)
        other.close()

        export_times: list[float] = []
        import_times: list[float] = []
        exported = scratch_path / "exported.json"
        for _ in range(runs):
            folder = fresh_copy(template, scratch_path / "data")
            workspace = open_workspace(folder)
            teams = workspace.repository.list_teams()
            team = teams[len(teams) // 2]
            start = time.perf_counter()
            write_bundle(export_team_bundle(workspace, team.id), exported)
            middle = time.perf_counter()
            result = import_bundle(workspace, incoming)
            end = time.perf_counter()
            if not result.assessments_added:
                raise RuntimeError("the import added nothing")
            export_times.append(middle - start)
            import_times.append(end - middle)
            workspace.close()
        return {
            "export_median": median(export_times),
            "import_median": median(import_times),
            "exported_bytes": exported.stat().st_size,
            "imported_bytes": incoming.stat().st_size,
        }


# --- memory ----------------------------------------------------------------------------------


def memory(template: Path) -> dict[str, Any]:
    """A whole workshop from the keyboard (every area rated, notes typed), then the PDF."""
    from PySide6.QtCore import Qt

    from sre_workshop.report import export_report
    from sre_workshop.workspace import open_workspace

    with scratch_copy(template) as folder:
        app = application()
        workspace = open_workspace(folder)
        assessment_id = plan_full_workshop(workspace)
        window = main_window(workspace, folder)
        open_workshop(app, window, assessment_id)
        view = window.workshop
        digits = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5]
        for number, area in enumerate(view.agenda.areas):
            view.go_to_area(area.key)
            view.setFocus(Qt.FocusReason.OtherFocusReason)
            press(digits[number % 5])
            for _question in view.agenda.questions(number):
                press(Qt.Key.Key_E)
                press(None, text=NOTE)
                press(Qt.Key.Key_Escape)
                press(Qt.Key.Key_Right)
            settle(app)
        view.flush()
        settle(app, 0.3)
        before_report = peak_rss_mb()
        record = export_report(workspace, assessment_id, out=folder / "report.pdf")
        stored = workspace.repository.load_record(assessment_id)
        result = {
            "peak_rss_mb": peak_rss_mb(),
            "peak_before_report_mb": before_report,
            "areas_rated": sum(1 for rating in stored.ratings if rating.level is not None),
            "notes_typed": sum(1 for answer in stored.answers if answer.notes),
            "report_bytes": Path(record.path).stat().st_size,
        }
        window.close()
        workspace.close()
    return result


# --- command line ----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scenarios")
    parser.add_argument("scenario", choices=("capture", "pdf", "views", "bundle", "memory"))
    parser.add_argument("--data", type=Path, required=True, help="template data folder")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--presses", type=int, default=300)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    leak = guard_none_refcount()
    if args.scenario == "capture":
        result = capture(args.data, args.presses, commits=200, draws=max(args.runs, 20))
    elif args.scenario == "pdf":
        result = pdf(args.data, args.runs)
    elif args.scenario == "views":
        result = views(args.data, args.runs)
    elif args.scenario == "bundle":
        result = bundle(args.data, args.runs)
    else:
        result = memory(args.data)
    result["pyside_none_leak"] = leak
    emit(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
