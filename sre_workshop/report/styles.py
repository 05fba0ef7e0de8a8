"""The report's typography and palette: one typeface, a small type scale, calm colours.

Everything is set in DejaVu Sans (see :mod:`sre_workshop.report.fonts`). The type scale has
five steps (cover title, section heading, sub-heading, body, small); colour is used sparingly:
a deep blue for headings and key figures, greys for secondary text and table rules, and a
green or red only on verdict symbols and overdue marks, which always carry the word as well.
The page is A4 portrait with 20 mm side margins.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from sre_workshop.report.fonts import BOLD, FAMILY, ITALIC, register_fonts
from sre_workshop.report.rl import Style, TableCommand, paragraph_style
from sre_workshop.report.rl import colour as colour  # re-exported for the sections

register_fonts()

# --- page geometry ------------------------------------------------------------------------------

PAGE_SIZE: tuple[float, float] = A4
MARGIN_LEFT = 20 * mm
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
#: Baselines of the running header and footer, measured from the page's top and bottom edges.
HEADER_BASELINE = 13 * mm
FOOTER_BASELINE = 10 * mm
FRAME_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM

# --- palette (hex, so they also go into Paragraph <font color=...> markup) -----------------------

INK = "#1D2733"
MUTED = "#5E6A78"
FAINT = "#8A95A3"
ACCENT = "#1B4F72"
ACCENT_LIGHT = "#E7EFF6"
RULE = "#D4DAE1"
ZEBRA = "#F5F7F9"
HEADER_FILL = "#EAEEF2"
GOOD = "#1E7A46"
BAD = "#B3261E"


# --- type scale -----------------------------------------------------------------------------------

BODY_SIZE = 9.5
BODY_LEADING = 13.5
SMALL_SIZE = 8.0
SMALL_LEADING = 11.0


def _style(name: str, **values: Any) -> Style:
    base: dict[str, Any] = {
        "fontName": FAMILY,
        "fontSize": BODY_SIZE,
        "leading": BODY_LEADING,
        "textColor": colour(INK),
        "splitLongWords": 1,
        "allowWidows": 0,
        "allowOrphans": 0,
    }
    base.update(values)
    return paragraph_style(name, **base)


BODY = _style("body", spaceAfter=4)
BODY_MUTED = _style("body-muted", textColor=colour(MUTED), spaceAfter=4)
DESCRIPTION = _style("description", fontName=ITALIC, textColor=colour(MUTED), spaceAfter=6)
SMALL = _style("small", fontSize=SMALL_SIZE, leading=SMALL_LEADING, textColor=colour(MUTED))
SMALL_INK = _style("small-ink", fontSize=SMALL_SIZE, leading=SMALL_LEADING)
LABEL = _style(
    "label",
    fontName=BOLD,
    fontSize=7.5,
    leading=10,
    textColor=colour(MUTED),
    spaceBefore=7,
    spaceAfter=1.5,
)
#: A label at the top of a table cell or card (no space above).
CARD_LABEL = _style(
    "card-label", fontName=BOLD, fontSize=7.5, leading=10, textColor=colour(MUTED), spaceAfter=2
)

SECTION = _style(
    "section",
    fontName=BOLD,
    fontSize=17,
    leading=22,
    textColor=colour(ACCENT),
    spaceBefore=0,
    spaceAfter=12,
    keepWithNext=1,
)
SUBSECTION = _style(
    "subsection",
    fontName=BOLD,
    fontSize=12.5,
    leading=16,
    spaceBefore=14,
    spaceAfter=6,
    keepWithNext=1,
)
MINOR = _style(
    "minor", fontName=BOLD, fontSize=10, leading=13.5, spaceBefore=9, spaceAfter=3, keepWithNext=1
)

GROUP = _style(
    "group",
    fontName=BOLD,
    fontSize=8.5,
    leading=12,
    textColor=colour(ACCENT),
    spaceBefore=10,
    spaceAfter=0,
    keepWithNext=1,
)
REVIEW = _style("review", spaceBefore=0, spaceAfter=4)
QUESTION = _style("question", fontSize=9, leading=12.5, spaceBefore=6, spaceAfter=1, keepWithNext=1)
NOTES = _style("notes", fontSize=9, leading=12.5, textColor=colour(INK), spaceAfter=2)

COVER_KICKER = _style(
    "cover-kicker", fontName=BOLD, fontSize=10, leading=14, textColor=colour(ACCENT), spaceAfter=10
)
COVER_TITLE = _style("cover-title", fontName=BOLD, fontSize=28, leading=34, spaceAfter=8)
COVER_SUBTITLE = _style(
    "cover-subtitle", fontSize=14, leading=19, textColor=colour(MUTED), spaceAfter=4
)

FIGURE_VALUE = _style(
    "figure-value", fontName=BOLD, fontSize=22, leading=26, textColor=colour(ACCENT)
)
FIGURE_CAPTION = _style("figure-caption", fontSize=SMALL_SIZE, leading=SMALL_LEADING)
VERDICT_COUNT = _style("verdict-count", fontName=BOLD, fontSize=20, leading=24)

QUOTE = _style(
    "quote",
    fontName=ITALIC,
    fontSize=10.5,
    leading=15,
    spaceBefore=0,
    spaceAfter=5,
)

CELL = _style("cell", fontSize=8.5, leading=11.5)
CELL_MUTED = _style("cell-muted", fontSize=8, leading=10.5, textColor=colour(MUTED))
CELL_BOLD = _style("cell-bold", fontName=BOLD, fontSize=8.5, leading=11.5)
CELL_HEAD = _style("cell-head", fontName=BOLD, fontSize=8, leading=10.5, textColor=colour(INK))
CELL_RIGHT = _style("cell-right", fontSize=8.5, leading=11.5, alignment=TA_RIGHT)
CELL_CENTER = _style("cell-center", fontSize=8.5, leading=11.5, alignment=TA_CENTER)
CELL_HEAD_CENTER = _style(
    "cell-head-center", fontName=BOLD, fontSize=8, leading=10.5, alignment=TA_CENTER
)
CAPTION = _style(
    "caption",
    fontSize=SMALL_SIZE,
    leading=SMALL_LEADING,
    textColor=colour(MUTED),
    alignment=TA_LEFT,
)

#: Indentation per nesting level of follow-up questions.
INDENT_STEP = 7 * mm


def indented(style: Style, depth: int) -> Style:
    """``style`` moved right by ``depth`` steps (follow-up questions)."""
    if depth <= 0:
        return style
    return paragraph_style(
        f"{style.name}-indent-{depth}",
        parent=style,
        leftIndent=style.leftIndent + depth * INDENT_STEP,
    )


# --- tables ---------------------------------------------------------------------------------------


def table_style(
    rows: int, *, header: bool = True, zebra: bool = True, padding: float = 4.5
) -> list[TableCommand]:
    """Light rules, a tinted header row and zebra rows: the look of every table."""
    commands: list[TableCommand] = [
        ("FONT", (0, 0), (-1, -1), FAMILY, 8.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), colour(INK)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), padding + 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding + 1),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding + 1),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colour(RULE)),
    ]
    first = 0
    if header:
        first = 1
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), colour(HEADER_FILL)),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colour(MUTED)),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ]
    if zebra and rows > first:
        commands.append(
            ("ROWBACKGROUNDS", (0, first), (-1, -1), [colour("#FFFFFF"), colour(ZEBRA)])
        )
    return commands
