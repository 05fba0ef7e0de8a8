"""Everything the results views show for one assessment, gathered from the core in one place.

:func:`load_results` reads the assessment, picks what it is compared with
(:func:`sre_workshop.workflows.compare_target`), and asks :mod:`sre_workshop.scoring` for the
scores and the area-by-area comparison with the dead band from Settings. The coach's view and
the projector window draw the same :class:`ResultsData`, so they can never disagree. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass

from sre_workshop.charts import RadarPoint, radar_points
from sre_workshop.model import (
    Assessment,
    AssessmentRecord,
    Dimension,
    Framework,
    Team,
)
from sre_workshop.scoring import (
    AreaComparison,
    AssessmentScores,
    Verdict,
    compare_assessments,
    score_assessment,
    verdict_counts,
)
from sre_workshop.workflows import CompareWith, compare_target
from sre_workshop.workspace import Workspace
from ui.results.formatting import format_date

COMPARE_NOUNS = {CompareWith.ORIGINAL: "original", CompareWith.PREVIOUS: "previous"}


@dataclass(frozen=True)
class ResultsData:
    """One assessment's results, and the comparison the coach chose."""

    team: Team
    record: AssessmentRecord
    framework: Framework
    compare_with: CompareWith
    #: The assessment compared with, or None when the assessment has nothing earlier.
    compared: AssessmentRecord | None
    compared_framework: Framework | None
    #: How many of the team's assessments come before this one.
    earlier_count: int
    dead_band: float
    scores: AssessmentScores
    compared_scores: AssessmentScores | None
    rows: tuple[AreaComparison, ...]
    counts: dict[Verdict, int]

    @property
    def assessment(self) -> Assessment:
        return self.record.assessment

    @property
    def level_names(self) -> tuple[str, ...]:
        return tuple(level.name for level in self.framework.levels)

    @property
    def title(self) -> str:
        return self.assessment.title or "Assessment"

    @property
    def compare_noun(self) -> str:
        """``original`` or ``previous``."""
        return COMPARE_NOUNS[self.compare_with]

    def points(self, dimension: Dimension) -> tuple[RadarPoint, ...]:
        return radar_points(self.record, self.framework, dimension)

    def compared_points(self, dimension: Dimension) -> tuple[RadarPoint, ...] | None:
        """The compared assessment on this assessment's spokes (matched by stable area key)."""
        if self.compared is None:
            return None
        return radar_points(self.compared, self.framework, dimension)

    @property
    def compare_label(self) -> str:
        """The compared series in a chart legend: ``Original, 10 Jan 2025``."""
        if self.compared is None:
            return ""
        return f"{self.compare_noun.capitalize()}, {format_date(self.compared.assessment.date)}"

    @property
    def current_label(self) -> str:
        return f"This assessment, {format_date(self.assessment.date)}"

    def comparison_sentence(self) -> str:
        """``Compared with the original assessment of 10 Jan 2025 (Initial assessment).``"""
        if self.compared is None:
            return "The team's first assessment: there is nothing earlier to compare with."
        compared = self.compared.assessment
        title = f" ({compared.title})" if compared.title else ""
        return (
            f"Compared with the {self.compare_noun} assessment of "
            f"{format_date(compared.date)}{title}."
        )

    def row(self, area_key: str) -> AreaComparison | None:
        for row in self.rows:
            if row.area_key == area_key:
                return row
        return None


def load_results(
    workspace: Workspace, assessment_id: str, compare_with: CompareWith
) -> ResultsData:
    """Read an assessment and its comparison; raises the repository's error if it is gone."""
    repository = workspace.repository
    record = repository.load_record(assessment_id)
    assessment = record.assessment
    framework = workspace.framework_for(assessment)
    team = repository.get_team(assessment.team_id)
    team_ids = [item.id for item in repository.list_assessments(assessment.team_id)]
    earlier_count = team_ids.index(assessment.id) if assessment.id in team_ids else 0

    target = compare_target(workspace, assessment, compare_with)
    compared = repository.load_record(target.id) if target is not None else None
    compared_framework = workspace.framework_for(target) if target is not None else None
    dead_band = repository.load_settings().dead_band
    rows = compare_assessments(record, framework, compared, compared_framework, dead_band)
    return ResultsData(
        team=team,
        record=record,
        framework=framework,
        compare_with=compare_with,
        compared=compared,
        compared_framework=compared_framework,
        earlier_count=earlier_count,
        dead_band=dead_band,
        scores=score_assessment(record, framework),
        compared_scores=(
            score_assessment(compared, compared_framework)
            if compared is not None and compared_framework is not None
            else None
        ),
        rows=rows,
        counts=verdict_counts(rows),
    )
