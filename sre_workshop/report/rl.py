"""The typed boundary to reportlab, which ships without type hints.

The section modules build the story only through these small factories, so the untyped calls
(each marked with a narrowly scoped ``type: ignore[no-untyped-call]``) live in this one file.
Flowables and styles are opaque to the rest of the package: it creates them here and hands
them back to reportlab, so they are typed as aliases of ``Any``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, TypeAlias

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.doctemplate import NextPageTemplate
from reportlab.platypus.flowables import (
    CondPageBreak,
    HRFlowable,
    KeepTogether,
    PageBreak,
    Spacer,
)
from reportlab.platypus.paragraph import Paragraph
from reportlab.platypus.tables import Table

from sre_workshop.report.fonts import FAMILY, register_fonts

__all__ = [
    "Flowable",
    "Style",
    "TableCommand",
    "WrapOnceParagraph",
    "binary_streams",
    "colour",
    "cond_page_break",
    "graphics_shapes",
    "hr",
    "keep_together",
    "next_page_template",
    "page_break",
    "paragraph",
    "paragraph_style",
    "spacer",
    "table",
    "text_width",
]

#: A reportlab flowable (untyped upstream).
Flowable: TypeAlias = Any
#: A reportlab ParagraphStyle (its attributes are dynamic upstream).
Style: TypeAlias = Any
#: One TableStyle command, such as ``("LINEBELOW", (0, 0), (-1, 0), 0.8, colour)``.
TableCommand: TypeAlias = tuple[Any, ...]


class WrapOnceParagraph(Paragraph):
    """A Paragraph that breaks its lines once per width, however often it is measured.

    reportlab measures a paragraph several times at the same width: a ``Table`` wraps every
    cell to size its rows and again to draw them, ``KeepTogether`` wraps its content before
    the frame wraps each piece, a split table wraps its rows again. Line breaking is most of
    a paragraph's cost, and its result depends only on the width (the text and style never
    change after construction), so the last wrap is kept and reused at the same width: the
    same line structure (``blPara``), height and line widths as breaking the lines again. A
    different width breaks them anew. The pieces of a split paragraph are new paragraphs,
    built from the split lines, and wrap afresh; the split one forgets its wrap.
    """

    _wrap_memo: tuple[float, Any, float, list[float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        memo = self._wrap_memo
        if memo is not None and memo[0] == availWidth:
            _, lines, height, widths = memo
            self.width = availWidth  # type: ignore[assignment]
            self._wrapWidths = widths
            self.blPara = lines
            self.height = height  # type: ignore[assignment]
            return availWidth, height
        result: tuple[float, float] = super().wrap(availWidth, availHeight)  # type: ignore[no-untyped-call]
        lines = self.__dict__.get("blPara")
        if lines is not None:  # not when the width was too small to break at all
            self._wrap_memo = (availWidth, lines, self.height, self._wrapWidths)
        return result

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        pieces: list[Any] = super().split(availWidth, availHeight)  # type: ignore[no-untyped-call]
        if len(pieces) > 1:
            # Splitting hands the lines' words to the pieces and may change them (a space at
            # the end of a line); should this paragraph be wrapped again, break it afresh.
            self._wrap_memo = None
        return pieces


#: Markup up to this long is parsed once per style and the parse reused (see ``paragraph``).
SHARED_PARSE_LIMIT = 200


@functools.lru_cache(maxsize=2048)
def _parsed(markup: str, style: Style) -> tuple[Style, tuple[Any, ...]]:
    """reportlab's parse of ``markup`` in ``style``: the style it settles on and the frags."""
    probe = Paragraph(markup, style)  # type: ignore[no-untyped-call]
    return probe.style, tuple(probe.frags)


def paragraph(markup: str, style: Style) -> Flowable:
    """A Paragraph of trusted markup: user text must already be escaped (see text.escape).

    A report repeats many short paragraphs (labels such as "Rationale", table headers, level
    names in every table of the appendix), so short markup is parsed once per style and each
    paragraph gets its own copies of the parsed fragments; parsing is a fifth of a report's
    build and a third of its paragraphs are repeats.
    """
    if len(markup) > SHARED_PARSE_LIMIT:
        return WrapOnceParagraph(markup, style)  # type: ignore[no-untyped-call]
    parsed_style, frags = _parsed(markup, style)
    return WrapOnceParagraph(  # type: ignore[no-untyped-call]
        markup, parsed_style, frags=[frag.clone() for frag in frags]
    )


def paragraph_style(name: str, parent: Style | None = None, **values: Any) -> Style:
    return ParagraphStyle(name, parent, **values)  # type: ignore[no-untyped-call]


def table(
    data: Sequence[Sequence[Any]],
    col_widths: Sequence[float],
    commands: Sequence[TableCommand],
    *,
    repeat_rows: int = 0,
) -> Flowable:
    """A left-aligned table; with ``repeat_rows`` its header rows repeat on every page.

    Every cell defaults to the embedded font, so a plain-string cell (even an empty spacer
    cell) never falls back to reportlab's base-14 Helvetica.
    """
    register_fonts()
    result = Table(  # type: ignore[no-untyped-call]
        [list(row) for row in data],
        colWidths=list(col_widths),
        repeatRows=repeat_rows,
        hAlign="LEFT",
    )
    font: TableCommand = ("FONT", (0, 0), (-1, -1), FAMILY, 8.5)
    result.setStyle([font, *commands])  # type: ignore[no-untyped-call]
    return result


def spacer(height: float) -> Flowable:
    return Spacer(1, height)  # type: ignore[no-untyped-call]


def page_break() -> Flowable:
    return PageBreak()  # type: ignore[no-untyped-call]


def cond_page_break(height: float) -> Flowable:
    """A page break only when less than ``height`` points are left on the page."""
    return CondPageBreak(height)  # type: ignore[no-untyped-call]


def next_page_template(name: str) -> Flowable:
    return NextPageTemplate(name)  # type: ignore[no-untyped-call]


def keep_together(flowables: Sequence[Flowable]) -> Flowable:
    return KeepTogether(list(flowables))  # type: ignore[no-untyped-call]


def hr(
    *,
    width: float | str = "100%",
    thickness: float = 0.6,
    colour: Any = None,
    space_before: float = 0,
    space_after: float = 0,
    align: str = "CENTER",
) -> Flowable:
    """A horizontal rule."""
    return HRFlowable(  # type: ignore[no-untyped-call]
        width=width,
        thickness=thickness,
        color=colour,
        spaceBefore=space_before,
        spaceAfter=space_after,
        hAlign=align,
    )


def graphics_shapes() -> Any:
    """reportlab's vector graphics shapes (``reportlab.graphics.shapes``: ``Drawing``,
    ``Line``, ``Circle``, ``String``…), opaque like the flowables; a ``Drawing`` is a
    flowable. Imported on first use."""
    from reportlab.graphics import shapes

    return shapes


def text_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` in points, set in the registered ``font`` at ``size``."""
    return float(stringWidth(text, font, size))  # type: ignore[no-untyped-call]


def binary_streams() -> None:
    """Write compressed streams (the embedded fonts above all) as binary: reportlab's default
    ASCII85 wrapper only makes them a quarter larger. A process-wide reportlab setting."""
    rl_config.useA85 = 0  # type: ignore[attr-defined]


def colour(hex_value: str) -> Any:
    """A reportlab colour from ``#RRGGBB``."""
    return colors.HexColor(hex_value)  # type: ignore[no-untyped-call]
