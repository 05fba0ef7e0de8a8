"""Small building blocks the sections share: headings, labels, key-value tables, spacing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm

from sre_workshop.report import styles
from sre_workshop.report.catalog import SECTION_TITLES
from sre_workshop.report.layout import Heading
from sre_workshop.report.rl import Flowable, hr, paragraph, spacer, table
from sre_workshop.report.text import escape

__all__ = [
    "facts_table",
    "gap",
    "keep_with_next",
    "label",
    "muted",
    "rule",
    "section_heading",
    "tinted",
]


def section_heading(section: str) -> Flowable:
    """The section's heading, which is also its level-0 bookmark."""
    title = SECTION_TITLES[section]
    return Heading(escape(title), styles.SECTION, (f"section-{section}", title, 0))


def label(text: str) -> Flowable:
    """A small grey label that stays with what follows it ("Rationale", "Votes")."""
    return keep_with_next(paragraph(escape(text), styles.LABEL))


def keep_with_next(flowable: Flowable) -> Flowable:
    flowable.keepWithNext = 1
    return flowable


def gap(points: float) -> Flowable:
    return spacer(points)


def rule(space_before: float = 6, space_after: float = 8) -> Flowable:
    return hr(
        colour=styles.colour(styles.RULE),
        space_before=space_before,
        space_after=space_after,
    )


def muted(markup: str) -> str:
    return f'<font color="{styles.MUTED}">{markup}</font>'


def tinted(markup: str, colour: str) -> str:
    return f'<font color="{colour}">{markup}</font>'


def facts_table(rows: Sequence[tuple[str, Any]], *, label_width: float = 38 * mm) -> Flowable:
    """Label / value rows with light rules (values are Paragraphs or escaped markup)."""
    data = [
        [
            paragraph(escape(name), styles.CELL_MUTED),
            value if not isinstance(value, str) else paragraph(value, styles.CELL),
        ]
        for name, value in rows
    ]
    commands = [
        *styles.table_style(len(data), header=False, zebra=False, padding=4),
        ("LINEABOVE", (0, 0), (-1, 0), 0.4, styles.colour(styles.RULE)),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
    ]
    return table(data, [label_width, styles.FRAME_WIDTH - label_width], commands)
