"""Small text formats the library and its dialogs share."""

from __future__ import annotations


def describe_minutes(minutes: int) -> str:
    """A planned duration in words: "45 min", "2 h", "1 h 30 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"
