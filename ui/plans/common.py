"""Small shared pieces of the plans views: date and status texts, status icons, area names.

Every status is told by its words first; icons only repeat what the text says, so nothing in
these views depends on colour.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from sre_workshop.model import (
    ActionStatus,
    Assessment,
    Dimension,
    Framework,
    HypothesisStatus,
    Review,
)

NO_VALUE = "–"
OVERDUE = "overdue"

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(day: dt.date | None) -> str:
    """``28 Mar 2026``: unambiguous whatever the coach's locale (as in the library)."""
    if day is None:
        return NO_VALUE
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def status_label(status: HypothesisStatus | ActionStatus | str) -> str:
    """``In progress``: a status as the coach reads it (also for a review's stored text)."""
    text = status.label if isinstance(status, HypothesisStatus | ActionStatus) else str(status)
    text = text.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


#: Colour and glyph per status: the glyph (ring, half, tick, cross, bar) tells them apart in
#: greyscale too, and the status text always stands beside the icon.
_STATUS_LOOK = {
    "proposed": ("#5f6b78", "ring"),
    "open": ("#5f6b78", "ring"),
    "in_progress": ("#2f6db5", "half"),
    "validated": ("#2e7d4f", "tick"),
    "done": ("#2e7d4f", "tick"),
    "refuted": ("#b3261e", "cross"),
    "dropped": ("#6f777f", "bar"),
}
_ICON_CACHE: dict[str, QIcon] = {}


def _draw_status(colour: str, glyph: str, mark: str = "#ffffff", size: int = 32) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    circle = QRectF(3, 3, size - 6, size - 6)
    pen = QPen(QColor(colour), 3)
    if glyph in ("ring", "half"):
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(circle)
        if glyph == "half":
            painter.setBrush(QColor(colour))
            painter.drawPie(circle, 90 * 16, 180 * 16)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(circle)
        white = QPen(QColor(mark), 3.5)
        white.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(white)
        m = size / 32
        if glyph == "tick":
            painter.drawPolyline(
                [QPointF(9 * m, 16.5 * m), QPointF(14 * m, 21.5 * m), QPointF(23 * m, 11 * m)]
            )
        elif glyph == "cross":
            painter.drawLine(QPointF(11 * m, 11 * m), QPointF(21 * m, 21 * m))
            painter.drawLine(QPointF(21 * m, 11 * m), QPointF(11 * m, 21 * m))
        else:
            painter.drawLine(QPointF(10 * m, 16 * m), QPointF(22 * m, 16 * m))
    painter.end()
    return pixmap


def status_icon(status: HypothesisStatus | ActionStatus | str) -> QIcon:
    """An icon that repeats what the status text says (never the only sign of a status)."""
    value = str(status)
    if value not in _ICON_CACHE:
        look = _STATUS_LOOK.get(value)
        icon = QIcon()
        if look:
            colour, glyph = look
            icon.addPixmap(_draw_status(colour, glyph))
            # On a selected (highlighted) row the shape turns white so it stays visible.
            icon.addPixmap(_draw_status("#ffffff", glyph, colour), QIcon.Mode.Selected)
        _ICON_CACHE[value] = icon
    return _ICON_CACHE[value]


def overdue_icon() -> QIcon:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def dimension_heading(dimension: Dimension) -> str:
    return "Culture (Westrum aspects)" if dimension is Dimension.CULTURE else "Process areas"


def area_names(frameworks: Iterable[Framework]) -> dict[str, str]:
    """Area key to name over several frameworks; a later framework's name wins."""
    names: dict[str, str] = {}
    for framework in frameworks:
        names.update((area.key, area.name) for area in framework.areas)
    return names


def area_name(names: Mapping[str, str], key: str) -> str:
    """The area's name, or its key when no framework at hand knows it any more."""
    return names.get(key, key)


def assessment_label(assessment: Assessment | None) -> str:
    """``Reassessment of 28 Mar 2026``: how an assessment is named in these views."""
    if assessment is None:
        return "a deleted assessment"
    title = assessment.title.strip() or (
        "Reassessment" if assessment.compares_with else "Assessment"
    )
    return f"{title} of {format_date(assessment.date)}"


def review_history_html(
    reviews: Iterable[Review],
    assessments: Mapping[str, Assessment],
    current_assessment_id: str | None = None,
) -> str:
    """The reviews of an item as escaped rich text, oldest first ("" when never reviewed)."""
    lines = []
    for review in reviews:
        where = assessments.get(review.assessment_id)
        when = format_date(where.date) if where else format_date(review.reviewed_at.date())
        here = " (this assessment)" if review.assessment_id == current_assessment_id else ""
        line = f"<b>{html.escape(when)}{here}</b> — {html.escape(status_label(review.status))}"
        if review.evidence.strip():
            line += f": {html.escape(review.evidence.strip())}"
        lines.append(line)
    return "<br>".join(lines)
