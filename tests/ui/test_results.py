"""Tests for the results view, the projector results window and the history view.

The data is the demo team (an original assessment and a six-month reassessment, one area not
applicable in the original), sometimes with a third assessment made through the core's
workflows. Every expectation is computed by the core (``compare_assessments``, the records'
ratings), so these tests check that the views show what the core says, not a copy of its rules.
"""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from sre_workshop.capture import CaptureSession
from sre_workshop.demo import add_demo_data
from sre_workshop.model import Assessment, AssessmentRecord, Dimension
from sre_workshop.scoring import AreaComparison, Verdict, compare_assessments
from sre_workshop.workflows import CompareWith, reassess
from sre_workshop.workspace import Workspace, open_workspace
from ui.results.comparison_model import (
    COLUMN_AREA,
    COLUMN_CHANGE,
    COLUMN_COMPARED,
    COLUMN_LEVEL,
    COLUMN_VERDICT,
    VERDICT_ROLE,
    ComparisonModel,
)
from ui.results.history_model import AREA_KEY_ROLE as HISTORY_KEY_ROLE
from ui.results.history_model import FIRST_DATE_COLUMN, NOT_ASSESSED_TIP, HistoryModel
from ui.results.history_view import HistoryView
from ui.results.projector_results import ProjectorResultsWindow
from ui.results.results_view import ResultsView

COMPLIANCE = "process.regulatory-compliance"  # not applicable in the demo's original
HOTFIX_RELEASE = "process.hotfix-release"  # out of scope in the third assessment
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Demo:
    workspace: Workspace
    team_id: str
    original: Assessment
    reassessment: Assessment


@pytest.fixture
def demo(isolated_data_dir: Path) -> Iterator[Demo]:
    workspace = open_workspace(isolated_data_dir)
    team = add_demo_data(workspace, today=dt.date(2026, 3, 1))
    assert team is not None
    original, reassessment = workspace.repository.list_assessments(team.id)
    yield Demo(workspace, team.id, original, reassessment)
    workspace.close()


def add_third(demo: Demo) -> Assessment:
    """A follow-up a month after the reassessment (compared with the original by default).

    Some areas move against the reassessment, the rest keep its levels, and hotfix release is
    taken out of scope, which makes a gap in the history.
    """
    workspace = demo.workspace
    third = reassess(workspace, demo.team_id, date=demo.reassessment.date + dt.timedelta(days=30))
    third = workspace.repository.update_assessment(
        replace(
            third,
            title="Follow-up",
            scope=tuple(item for item in third.scope if item.area_key != HOTFIX_RELEASE),
        )
    )
    before = workspace.repository.load_record(demo.reassessment.id)
    session = CaptureSession(workspace, third.id)
    for key in third.scope_keys:
        session.set_level(key, before.rating(key).level)
    session.set_level("process.on-call", 4)
    session.set_level("process.customer-support", 3)
    session.set_level("culture.risks-shared", 1)
    session.set_level("process.production-release", 2)
    return third


def record(demo: Demo, assessment: Assessment) -> AssessmentRecord:
    return demo.workspace.repository.load_record(assessment.id)


def expected_rows(
    demo: Demo, current: Assessment, compared: Assessment | None, dead_band: float = 0.5
) -> tuple[AreaComparison, ...]:
    workspace = demo.workspace
    return compare_assessments(
        record(demo, current),
        workspace.framework_for(current),
        record(demo, compared) if compared is not None else None,
        workspace.framework_for(compared) if compared is not None else None,
        dead_band,
    )


def column(
    model: ComparisonModel, column_index: int, role: int = Qt.ItemDataRole.DisplayRole
) -> list[object]:
    return [model.index(row, column_index).data(role) for row in range(model.rowCount())]


def make_view(qtbot: QtBot, workspace: Workspace, assessment: Assessment) -> ResultsView:
    view = ResultsView(workspace)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show_assessment(assessment.id)
    view.show()
    return view


def line(figure: Figure | None, gid: str) -> Line2D:
    assert figure is not None
    found = [item for axes in figure.axes for item in axes.get_lines() if item.get_gid() == gid]
    assert len(found) == 1, f"expected one line with gid {gid!r}, found {len(found)}"
    return found[0]


def expected_levels(data: AssessmentRecord, keys: list[str]) -> list[float]:
    scope = set(data.assessment.scope_keys)
    values = []
    for key in keys:
        rating = data.rating(key)
        missing = key not in scope or rating.not_applicable or rating.level is None
        values.append(math.nan if missing else float(rating.level))
    return values


def same_values(plotted: Sequence[float], expected: list[float]) -> bool:
    values = [float(value) for value in plotted]
    closed = [*expected, expected[0]]
    return len(values) == len(closed) and all(
        (math.isnan(a) and math.isnan(b)) or a == b for a, b in zip(values, closed, strict=True)
    )


# --- the results view ---------------------------------------------------------------------------


def test_radar_lines_plot_the_levels_of_both_assessments(qtbot: QtBot, demo: Demo) -> None:
    view = make_view(qtbot, demo.workspace, demo.reassessment)
    framework = demo.workspace.framework_for(demo.reassessment)
    now, then = record(demo, demo.reassessment), record(demo, demo.original)
    figures = view.figures()
    assert set(figures) == set(Dimension)
    for dimension, figure in figures.items():
        keys = [area.key for area in framework.areas_of(dimension)]
        current = line(figure, "current")
        compared = line(figure, "compared")
        assert same_values(current.get_ydata(), expected_levels(now, keys))
        assert same_values(compared.get_ydata(), expected_levels(then, keys))
        assert current.get_linestyle() != compared.get_linestyle()
        assert current.get_marker() != compared.get_marker()
    # The original's not-applicable area is a gap in the compared line, not a zero.
    process_keys = [area.key for area in framework.areas_of(Dimension.PROCESS)]
    compared_y = list(line(figures[Dimension.PROCESS], "compared").get_ydata())
    assert math.isnan(compared_y[process_keys.index(COMPLIANCE)])


def test_the_original_assessment_has_no_overlay_and_shows_not_applicable(
    qtbot: QtBot, demo: Demo
) -> None:
    view = make_view(qtbot, demo.workspace, demo.original)
    figure = view.figures()[Dimension.PROCESS]
    assert figure is not None
    gids = [item.get_gid() for axes in figure.axes for item in axes.get_lines()]
    assert "compared" not in gids
    framework = demo.workspace.framework_for(demo.original)
    keys = [area.key for area in framework.areas_of(Dimension.PROCESS)]
    current_y = list(line(figure, "current").get_ydata())
    assert math.isnan(current_y[keys.index(COMPLIANCE)])
    spoke_texts = [text.get_text() for text in figure.axes[0].texts]
    assert any("(n/a)" in text for text in spoke_texts)

    row = view.model.row_of(COMPLIANCE)
    assert view.model.index(row, COLUMN_LEVEL).data() == "n/a"
    assert set(column(view.model, COLUMN_VERDICT)) == {"– not comparable"}
    assert not view.compare_combo.isEnabled()
    assert "nothing" in view.compare_note.text().lower()
    assert "first assessment" in view.comparison_label.text()


def test_table_verdicts_follow_the_core_for_original_and_previous(qtbot: QtBot, demo: Demo) -> None:
    third = add_third(demo)
    view = make_view(qtbot, demo.workspace, third)
    assert view.compare_with() is CompareWith.ORIGINAL
    assert view.compare_combo.isEnabled()

    with_original = expected_rows(demo, third, demo.original)
    model = view.model
    assert column(model, COLUMN_AREA) == [row.name for row in with_original]
    assert column(model, COLUMN_VERDICT, VERDICT_ROLE) == [row.verdict for row in with_original]
    assert column(model, COLUMN_VERDICT) == [
        f"{row.verdict.symbol} {row.verdict.label}" for row in with_original
    ]
    assert "original assessment of" in view.comparison_label.text()

    with qtbot.waitSignal(view.compare_changed) as signal:
        view.compare_combo.setCurrentIndex(view.compare_combo.findData("previous"))
    assert signal.args == ["previous"]
    assert view.compare_with() is CompareWith.PREVIOUS
    assert view.compare_actions[CompareWith.PREVIOUS].isChecked()
    with_previous = expected_rows(demo, third, demo.reassessment)
    assert column(model, COLUMN_VERDICT) == [
        f"{row.verdict.symbol} {row.verdict.label}" for row in with_previous
    ]
    assert "previous assessment of" in view.comparison_label.text()

    # The two comparisons really differ, and the table followed: on-call went 1 -> 4 since the
    # original but 3 -> 4 since the previous one; customer support regressed then recovered.
    on_call = model.row_of("process.on-call")
    assert model.index(on_call, COLUMN_COMPARED).data() == "3 Defined"
    assert model.index(on_call, COLUMN_CHANGE).data() == "+1"
    support = model.row_of("process.customer-support")
    assert model.index(support, COLUMN_VERDICT).data() == "▲ progressing"
    assert [row.verdict for row in with_original] != [row.verdict for row in with_previous]

    view.compare_actions[CompareWith.ORIGINAL].trigger()
    assert view.compare_with() is CompareWith.ORIGINAL
    assert view.compare_combo.currentData() == "original"
    assert model.index(on_call, COLUMN_COMPARED).data() == "1 Ad hoc"
    assert model.index(on_call, COLUMN_CHANGE).data() == "+3"
    assert model.index(support, COLUMN_VERDICT).data() == "▬ stagnating"
    # The overlay follows the comparison too.
    framework = demo.workspace.framework_for(third)
    keys = [area.key for area in framework.areas_of(Dimension.PROCESS)]
    compared = line(view.figures()[Dimension.PROCESS], "compared")
    assert same_values(compared.get_ydata(), expected_levels(record(demo, demo.original), keys))


def test_not_applicable_then_is_not_comparable_with_its_reason(qtbot: QtBot, demo: Demo) -> None:
    view = make_view(qtbot, demo.workspace, demo.reassessment)
    model = view.model
    row = model.row_of(COMPLIANCE)
    assert model.index(row, COLUMN_COMPARED).data() == "n/a"
    assert model.index(row, COLUMN_CHANGE).data() == ""
    assert model.index(row, COLUMN_VERDICT).data() == "– not comparable"
    tooltip = model.index(row, COLUMN_VERDICT).data(Qt.ItemDataRole.ToolTipRole)
    assert "not applicable then" in tooltip
    counts = {label.text() for label in view.scores.verdict_labels.values()}
    assert counts == {
        "▲ 8 progressing",
        "▬ 5 stagnating",
        "▼ 2 regressing",
        "– 1 not comparable",
    }


def test_the_dead_band_from_settings_is_used_after_refresh(qtbot: QtBot, demo: Demo) -> None:
    view = make_view(qtbot, demo.workspace, demo.reassessment)
    model = view.model
    changes = column(model, COLUMN_CHANGE)
    one_up = changes.index("+1")
    two_up = changes.index("+2")
    assert model.index(one_up, COLUMN_VERDICT).data() == "▲ progressing"

    repository = demo.workspace.repository
    repository.save_settings(replace(repository.load_settings(), dead_band=1.5))
    view.refresh()
    assert model.index(one_up, COLUMN_VERDICT).data() == "▬ stagnating"
    assert model.index(two_up, COLUMN_VERDICT).data() == "▲ progressing"
    banded = expected_rows(demo, demo.reassessment, demo.original, dead_band=1.5)
    assert column(model, COLUMN_VERDICT) == [
        f"{row.verdict.symbol} {row.verdict.label}" for row in banded
    ]
    tooltip = model.index(one_up, COLUMN_VERDICT).data(Qt.ItemDataRole.ToolTipRole)
    assert "dead band of 1.5" in tooltip


def test_selecting_a_row_shows_the_rationale_in_the_coach_pane(qtbot: QtBot, demo: Demo) -> None:
    view = make_view(qtbot, demo.workspace, demo.reassessment)
    rating = record(demo, demo.reassessment).rating("process.on-call")
    assert rating.rationale
    view.table.selectRow(view.model.row_of("process.on-call"))
    assert rating.rationale[:40] in view.detail.toPlainText()


def test_refresh_keeps_the_selection_and_forgets_a_deleted_assessment(
    qtbot: QtBot, demo: Demo
) -> None:
    third = add_third(demo)
    view = make_view(qtbot, demo.workspace, third)
    view.table.selectRow(view.model.row_of("process.on-call"))
    view.refresh()
    selected = view.table.selectionModel().selectedRows()
    assert [index.row() for index in selected] == [view.model.row_of("process.on-call")]

    demo.workspace.repository.delete_assessment(third.id)
    view.refresh()
    assert not view.has_assessment()
    assert not view.projector_action.isEnabled()


def test_state_is_saved_and_restored(qtbot: QtBot, demo: Demo, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat)
    view = make_view(qtbot, demo.workspace, demo.reassessment)
    view.set_compare_with(CompareWith.PREVIOUS)
    view.save_state(settings)
    settings.sync()
    assert settings.value("results/compare_with") == "previous"
    assert all(key.startswith("results/") for key in settings.allKeys())

    again = ResultsView(demo.workspace)
    qtbot.addWidget(again)
    again.restore_state(settings)
    assert again.compare_with() is CompareWith.PREVIOUS


def test_menu_actions_and_the_projector_shortcut(qtbot: QtBot, demo: Demo) -> None:
    view = ResultsView(demo.workspace)
    qtbot.addWidget(view)
    assert not view.has_assessment()
    assert not view.projector_action.isEnabled()
    assert view.projector_action in view.menu_actions()
    assert view.projector_action.shortcut().toString() == "Shift+F5"
    view.show_assessment(demo.reassessment.id)
    assert view.has_assessment()
    assert view.projector_action.isEnabled()


# --- the projector window -----------------------------------------------------------------------


def test_projector_shows_verdicts_and_no_private_text(qtbot: QtBot, demo: Demo) -> None:
    view = make_view(qtbot, demo.workspace, demo.reassessment)
    view.projector_action.trigger()
    window = view.projector_window
    assert isinstance(window, ProjectorResultsWindow)
    assert window.isVisible()
    texts = [label.text() for label in window.findChildren(QLabel)]
    joined = "\n".join(texts)

    private: list[str] = []
    for assessment in (demo.original, demo.reassessment):
        data = record(demo, assessment)
        private += [rating.rationale for rating in data.ratings if rating.rationale]
        private += [r.not_applicable_reason for r in data.ratings if r.not_applicable_reason]
        private += [answer.notes for answer in data.answers if answer.notes]
    assert private
    for text in private:
        assert text[:30] not in joined, f"private text on the projector: {text[:30]!r}"
    assert "Votes" not in joined and "votes" not in joined

    # The room sees every area's verdict as a symbol and a word.
    for row in expected_rows(demo, demo.reassessment, demo.original):
        assert row.name in texts
        assert any(text.startswith(f"{row.verdict.label} · ") for text in texts), (
            f"no verdict for {row.name}"
        )
        assert row.verdict.symbol in texts
    for verdict in Verdict:
        assert any(verdict.label in text for text in texts)

    # Its radars are the same figures as the coach's, with the overlay.
    for host in window.charts.values():
        line(host.figure, "current")
        line(host.figure, "compared")


def test_projector_keys(qtbot: QtBot, demo: Demo) -> None:
    view = make_view(qtbot, demo.workspace, demo.reassessment)
    view.projector_action.trigger()
    window = view.projector_window
    assert window is not None
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.isFullScreen()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert not window.isFullScreen()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_projector_follows_the_comparison(qtbot: QtBot, demo: Demo) -> None:
    third = add_third(demo)
    view = make_view(qtbot, demo.workspace, third)
    view.projector_action.trigger()
    window = view.projector_window
    assert window is not None
    assert "original assessment" in window.subtitle_label.text()
    view.set_compare_with(CompareWith.PREVIOUS)
    assert "previous assessment" in window.subtitle_label.text()


# --- the history view ---------------------------------------------------------------------------


def make_history(qtbot: QtBot, demo: Demo) -> HistoryView:
    view = HistoryView(demo.workspace)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show_team(demo.team_id)
    view.show()
    return view


def test_history_shows_gaps_as_gaps(qtbot: QtBot, demo: Demo) -> None:
    third = add_third(demo)
    view = make_history(qtbot, demo)
    model = view.model
    assert model.columnCount() == FIRST_DATE_COLUMN + 3
    keys = [model.index(row, 0).data(HISTORY_KEY_ROLE) for row in range(16)]
    hotfix = keys.index(HOTFIX_RELEASE)
    compliance = keys.index(COMPLIANCE)
    third_column = FIRST_DATE_COLUMN + 2
    assert model.index(hotfix, third_column).data() == "—"
    assert model.index(hotfix, third_column).data(Qt.ItemDataRole.ToolTipRole) == NOT_ASSESSED_TIP
    assert model.index(compliance, FIRST_DATE_COLUMN).data() == "n/a"
    levels = record(demo, third)
    on_call = keys.index("process.on-call")
    assert (
        model.index(on_call, third_column).data()
        == f"{levels.rating('process.on-call').level} Measured"
    )

    figure = view.figure
    assert figure is not None
    hotfix_y = list(line(figure, HOTFIX_RELEASE).get_ydata())
    assert not math.isnan(hotfix_y[0]) and not math.isnan(hotfix_y[1])
    assert math.isnan(hotfix_y[2])
    compliance_y = list(line(figure, COMPLIANCE).get_ydata())
    assert math.isnan(compliance_y[0])
    assert list(line(figure, "process.on-call").get_ydata()) == [1.0, 3.0, 4.0]


def test_history_filter_and_selection_choose_the_lines(qtbot: QtBot, demo: Demo) -> None:
    view = make_history(qtbot, demo)

    def gids() -> set[str]:
        figure = view.figure
        assert figure is not None
        return {str(item.get_gid()) for axes in figure.axes for item in axes.get_lines()}

    assert len(gids()) == 16
    view.set_dimension_filter(Dimension.CULTURE)
    assert view.model.rowCount() == 6
    assert all(gid.startswith("culture.") for gid in gids())
    assert len(gids()) == 6
    view.table.selectRow(0)
    assert gids() == {view.model.index(0, 0).data(HISTORY_KEY_ROLE)}
    view.table.clearSelection()
    assert len(gids()) == 6


def test_history_state_is_saved_and_restored(qtbot: QtBot, demo: Demo, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat)
    view = make_history(qtbot, demo)
    view.set_dimension_filter(Dimension.PROCESS)
    view.save_state(settings)
    assert all(key.startswith("history/") for key in settings.allKeys())
    again = HistoryView(demo.workspace)
    qtbot.addWidget(again)
    again.restore_state(settings)
    assert again.dimension_filter() is Dimension.PROCESS


def test_history_of_a_team_without_assessments(qtbot: QtBot, demo: Demo) -> None:
    from sre_workshop.workflows import create_team

    team = create_team(demo.workspace, "New team")
    view = HistoryView(demo.workspace)
    qtbot.addWidget(view)
    view.show_team(team.id)
    assert view.model.rowCount() == 0
    assert view.model.columnCount() == FIRST_DATE_COLUMN
    figure = view.figure
    assert figure is not None
    assert any(text.get_text() == "No assessments yet" for text in figure.texts)


# --- the models ---------------------------------------------------------------------------------


def test_comparison_model_passes_the_model_tester(qtmodeltester: ModelTester, demo: Demo) -> None:
    model = ComparisonModel()
    qtmodeltester.check(model)
    model.set_rows(expected_rows(demo, demo.reassessment, demo.original), dead_band=0.5)
    qtmodeltester.check(model)
    model.set_rows(expected_rows(demo, demo.original, None))
    qtmodeltester.check(model)


def test_history_model_passes_the_model_tester(
    qtmodeltester: ModelTester, qtbot: QtBot, demo: Demo
) -> None:
    add_third(demo)
    model = HistoryModel()
    qtmodeltester.check(model)
    view = make_history(qtbot, demo)
    qtmodeltester.check(view.model)
    model.set_history(
        view.shown_history(), demo.workspace.repository.list_assessments(demo.team_id)
    )
    qtmodeltester.check(model)


def test_importing_the_views_does_not_import_matplotlib() -> None:
    code = (
        "import sys\n"
        "import ui.results.results_view, ui.results.history_view\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported at start-up'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PROJECT_ROOT, timeout=60)
