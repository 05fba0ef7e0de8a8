"""Words and numbers as the report prints them (dates, levels, scores, verdicts).

Plain functions without reportlab, shared by the sections. Dates are spelled out with English
month names ("10 March 2026"), independent of the machine's locale, so no reader confuses the
day and the month.
"""

from __future__ import annotations

import datetime as dt

from sre_workshop.model import Framework, WestrumType
from sre_workshop.scoring import Verdict

__all__ = [
    "band_text",
    "level_name",
    "level_text",
    "long_date",
    "plural",
    "score_text",
    "short_date",
    "verdict_text",
]

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: dt.date) -> str:
    """``10 March 2026``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    """``10 Mar 2026``."""
    return f"{day.day} {_MONTHS[day.month - 1][:3]} {day.year}"


def level_name(framework: Framework, level: int) -> str:
    try:
        return framework.level(level).name
    except IndexError:
        return ""


def level_text(framework: Framework, level: int | None, *, not_applicable: bool = False) -> str:
    """``3 · Defined``, ``n/a`` or ``not rated``."""
    if not_applicable:
        return "n/a"
    if level is None:
        return "not rated"
    name = level_name(framework, level)
    return f"{level} · {name}" if name else str(level)


def score_text(value: float | None, scale: int) -> str:
    """``2.83 / 5``, or an en dash when there is nothing to score."""
    return "–" if value is None else f"{value:.2f} / {scale}"


def band_text(band: WestrumType | None) -> str:
    return band.value if band is not None else "no band"


def verdict_text(verdict: Verdict) -> str:
    """The symbol and the word, never the symbol alone: ``▲ progressing``."""
    return f"{verdict.symbol} {verdict.label}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 vote``, ``3 votes``."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"
