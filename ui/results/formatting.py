"""Plain-text formatting of levels, changes, verdicts and scores, shared by the results views.

One place decides how a level, a change or a verdict reads, so the coach's table, the projector
window and the history table say the same thing the same way. Nothing here computes a score:
the numbers come from :mod:`sre_workshop.scoring`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtGui import QColor, QPalette

from sre_workshop.model import WestrumType
from sre_workshop.scoring import Verdict

#: Shown where there is no value at all (not assessed, nothing to compare with).
NO_VALUE = "—"
NOT_APPLICABLE = "n/a"
NOT_RATED = "not rated"
#: A real minus sign: "−1" reads better than "-1" in large type.
MINUS = "−"

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

#: Verdict colours for light backgrounds (Okabe-Ito hues darkened for text contrast). They only
#: add to the symbol and the word, which carry the meaning on their own.
_VERDICT_COLOURS = {
    Verdict.PROGRESSING: "#00704F",
    Verdict.STAGNATING: "#4D4D4D",
    Verdict.REGRESSING: "#B24700",
    Verdict.NOT_COMPARABLE: "#6A6A6A",
}


def format_date(day: dt.date | None) -> str:
    """``28 Mar 2026``: the same unambiguous form as the library's dates."""
    if day is None:
        return NO_VALUE
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def level_name(level: int, level_names: Sequence[str]) -> str:
    return level_names[level - 1] if 1 <= level <= len(level_names) else ""


def level_text(
    level: int | None,
    not_applicable: bool,
    level_names: Sequence[str],
    *,
    missing: str = NO_VALUE,
) -> str:
    """``3 Defined``, ``n/a``, or ``missing`` when the area has no level."""
    if not_applicable:
        return NOT_APPLICABLE
    if level is None:
        return missing
    name = level_name(level, level_names)
    return f"{level} {name}" if name else str(level)


def short_level_text(level: int | None, not_applicable: bool) -> str:
    """``3``, ``n/a`` or ``—``: for compact places such as "2 → 3"."""
    if not_applicable:
        return NOT_APPLICABLE
    return NO_VALUE if level is None else str(level)


def change_text(change: int | None) -> str:
    """``+1``, ``−1``, ``0``, or empty when there is nothing to compare."""
    if change is None:
        return ""
    if change > 0:
        return f"+{change}"
    if change < 0:
        return f"{MINUS}{-change}"
    return "0"


def verdict_text(verdict: Verdict) -> str:
    """The symbol and the word: ``▲ progressing``."""
    return f"{verdict.symbol} {verdict.label}"


def band_text(band: WestrumType | None) -> str:
    return band.value.capitalize() if band is not None else "no band yet"


def mean_text(value: float | None) -> str:
    return NO_VALUE if value is None else f"{value:.1f}"


def verdict_colour(verdict: Verdict, palette: QPalette) -> QColor | None:
    """A colour that adds to the verdict on a light background; None on a dark one."""
    if palette.color(QPalette.ColorRole.Base).lightness() < 128:
        return None
    return QColor(_VERDICT_COLOURS[verdict])


def muted_colour(palette: QPalette, role: QPalette.ColorRole = QPalette.ColorRole.Window) -> QColor:
    """Secondary text: the text colour blended a third of the way towards the background."""
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(role)
    mix = 0.38
    return QColor(
        round(text.red() + (back.red() - text.red()) * mix),
        round(text.green() + (back.green() - text.green()) * mix),
        round(text.blue() + (back.blue() - text.blue()) * mix),
    )
