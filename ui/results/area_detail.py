"""The coach's detail pane for one area of the results: levels, rationale, votes, reasons.

Only the coach's results view shows this pane; the projector window never does, because the
rationale, the not-applicable reasons and the votes are the coach's working notes.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from sre_workshop.model import AreaRating, AssessmentRecord, Framework
from sre_workshop.scoring import Verdict
from ui.results.formatting import change_text, format_date, level_text, verdict_text
from ui.results.results_data import ResultsData

PLACEHOLDER = "Select an area in the table to see its rationale and votes."


def _paragraph(text: str) -> str:
    return "<p>" + escape(text).replace("\n", "<br>") + "</p>"


def _votes(rating: AreaRating) -> str:
    parts = [
        f"level {level} ×{count}" for level, count in enumerate(rating.votes, start=1) if count
    ]
    return " · ".join(parts)


class AreaDetail(QTextBrowser):
    """Everything recorded about one area in this assessment and the compared one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("areaDetail")
        self.setOpenLinks(False)
        self.setPlaceholderText(PLACEHOLDER)

    def show_area(self, data: ResultsData | None, area_key: str | None) -> None:
        row = data.row(area_key) if data is not None and area_key else None
        if data is None or row is None:
            self.clear()
            return
        parts = [f"<h3>{escape(row.name)}</h3>"]
        verdict = verdict_text(row.verdict)
        if data.compared is None:
            summary = row.dimension.label
        elif row.verdict is Verdict.NOT_COMPARABLE:
            summary = f"{row.dimension.label} · {verdict}: {row.reason}"
        else:
            summary = f"{row.dimension.label} · {verdict} ({change_text(row.change)})"
        parts.append(_paragraph(summary))
        parts.append(self._side("This assessment", data.record, data.framework, row.area_key))
        if data.compared is not None and data.compared_framework is not None:
            when = format_date(data.compared.assessment.date)
            heading = f"{data.compare_noun.capitalize()} assessment, {when}"
            parts.append(self._side(heading, data.compared, data.compared_framework, row.area_key))
        self.setHtml("".join(parts))

    @staticmethod
    def _side(heading: str, record: AssessmentRecord, framework: Framework, key: str) -> str:
        names = [level.name for level in framework.levels]
        if not framework.has_area(key):
            return f"<h4>{escape(heading)}</h4>" + _paragraph("Not in that framework.")
        if key not in record.assessment.scope_keys:
            return f"<h4>{escape(heading)}</h4>" + _paragraph("Not in scope.")
        rating = record.rating(key)
        level = level_text(rating.level, rating.not_applicable, names, missing="not rated")
        parts = [f"<h4>{escape(heading)}: {escape(level)}</h4>"]
        if rating.level is not None:
            parts.append(_paragraph(framework.area(key).level_description(rating.level)))
        if rating.not_applicable and rating.not_applicable_reason:
            parts.append("<p><b>Why not applicable:</b> ")
            parts.append(escape(rating.not_applicable_reason).replace("\n", "<br>") + "</p>")
        if rating.rationale:
            parts.append("<p><b>Rationale:</b> ")
            parts.append(escape(rating.rationale).replace("\n", "<br>") + "</p>")
        votes = _votes(rating)
        if votes:
            parts.append(_paragraph(f"Votes: {votes}"))
        return "".join(parts)
