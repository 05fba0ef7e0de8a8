"""Pages of the report: the document template, running header and footer, bookmarks, metadata.

* Two page templates: ``cover`` (no running header) and ``body`` (team and assessment date in
  the header). Both carry the footer with "Page X of Y".
* "of Y" is only known at the end, and reportlab draws each page once. Each footer therefore
  draws a named form XObject ("page-number-<n>") that :class:`_ReportCanvas` defines when the
  document is saved, once the page count is known. This keeps a single layout pass (the usual
  two-pass "NumberedCanvas" recipe replays pages and breaks bookmarks).
* A flowable with an ``outline`` attribute ``(key, title, level)`` gets a PDF bookmark that
  jumps to it: sections at level 0, areas at level 1.
* Title, author (the coach), subject, creator and keywords go into the document metadata.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.doctemplate import BaseDocTemplate, PageTemplate
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.frames import Frame

from sre_workshop.report import styles
from sre_workshop.report.fonts import BOLD, REGULAR
from sre_workshop.report.rl import Style, WrapOnceParagraph
from sre_workshop.report.text import one_line

__all__ = ["Anchor", "Heading", "ReportDocument", "fit_width"]

_PAGE_FORM = "page-number-{number}"
#: Printed at the foot of the cover.
COVER_NOTE = (
    "Confidential: what the team said in a facilitated workshop. "
    "Share it only with the team and its stakeholders."
)
_COVER_NOTE_ROOM = 12 * mm
_HEADER_SIZE = 8.0
_FOOTER_SIZE = 7.5


def _width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))  # type: ignore[no-untyped-call]


def fit_width(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with "…" until it fits ``width`` points in ``font`` at ``size``."""
    if _width(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if _width(text[:middle].rstrip() + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


class Heading(WrapOnceParagraph):
    """A heading paragraph that also becomes a bookmark (``outline``: key, title, level)."""

    def __init__(self, markup: str, style: Style, outline: tuple[str, str, int] | None) -> None:
        super().__init__(markup, style)  # type: ignore[no-untyped-call]
        self.outline = outline


class Anchor(Flowable):
    """An invisible bookmark target (for the cover, which has no heading of its own)."""

    def __init__(self, outline: tuple[str, str, int]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.outline = outline
        self.keepWithNext = 1

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        return None


class _ReportCanvas(Canvas):
    """A canvas that defines the page-number forms once the page count is known."""

    def save(self) -> None:
        canvas: Any = self  # reportlab's Canvas is untyped
        if canvas._code:  # a page still being drawn: finish it, so the count is final
            canvas.showPage()
        pages = int(canvas.getPageNumber()) - 1
        right = styles.PAGE_SIZE[0] - styles.MARGIN_RIGHT
        for number in range(1, pages + 1):
            canvas.beginForm(_PAGE_FORM.format(number=number))
            canvas.setFont(REGULAR, _FOOTER_SIZE)
            canvas.setFillColor(styles.colour(styles.MUTED))
            canvas.drawRightString(right, styles.FOOTER_BASELINE, f"Page {number} of {pages}")
            canvas.endForm()
        super().save()  # type: ignore[no-untyped-call]


class ReportDocument(BaseDocTemplate):
    """An A4 report with a cover template, a body template, bookmarks and page numbers."""

    def __init__(
        self,
        buffer: BinaryIO,
        *,
        header_left: str,
        header_right: str,
        footer_left: str,
        title: str,
        author: str,
        subject: str,
        creator: str,
        keywords: Sequence[str],
        start_with_cover: bool,
    ) -> None:
        super().__init__(  # type: ignore[no-untyped-call]
            buffer,
            pagesize=styles.PAGE_SIZE,
            leftMargin=styles.MARGIN_LEFT,
            rightMargin=styles.MARGIN_RIGHT,
            topMargin=styles.MARGIN_TOP,
            bottomMargin=styles.MARGIN_BOTTOM,
            title=title,
            author=author,
            subject=subject,
            creator=creator,
            keywords=list(keywords),
            initialFontName=REGULAR,
            lang="en",
            displayDocTitle=1,
        )
        self._header_left = one_line(header_left)
        self._header_right = one_line(header_right)
        self._footer_left = one_line(footer_left)
        frame = Frame(  # type: ignore[no-untyped-call]
            styles.MARGIN_LEFT,
            styles.MARGIN_BOTTOM,
            styles.FRAME_WIDTH,
            styles.FRAME_HEIGHT,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        # The cover's frame stops above the confidentiality note drawn at its foot.
        cover_frame = Frame(  # type: ignore[no-untyped-call]
            styles.MARGIN_LEFT,
            styles.MARGIN_BOTTOM + _COVER_NOTE_ROOM,
            styles.FRAME_WIDTH,
            styles.FRAME_HEIGHT - _COVER_NOTE_ROOM,
            id="cover",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        cover = PageTemplate("cover", [cover_frame], onPage=self._draw_cover_page)  # type: ignore[no-untyped-call]
        body = PageTemplate("body", [frame], onPage=self._draw_body_page)  # type: ignore[no-untyped-call]
        self.addPageTemplates([cover, body] if start_with_cover else [body, cover])  # type: ignore[no-untyped-call]

    def build_story(self, story: list[Any]) -> None:
        """Lay the story out and write the PDF into the buffer."""
        self.build(story, canvasmaker=_ReportCanvas)  # type: ignore[no-untyped-call]

    # --- page decoration -----------------------------------------------------------------------

    def _draw_footer(self, canvas: Any) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, _FOOTER_SIZE)
        canvas.setFillColor(styles.colour(styles.MUTED))
        width = styles.FRAME_WIDTH * 0.7
        canvas.drawString(
            styles.MARGIN_LEFT,
            styles.FOOTER_BASELINE,
            fit_width(self._footer_left, REGULAR, _FOOTER_SIZE, width),
        )
        canvas.doForm(_PAGE_FORM.format(number=canvas.getPageNumber()))
        canvas.restoreState()

    def _draw_cover_page(self, canvas: Any, document: Any) -> None:
        if canvas.getPageNumber() == 1:
            canvas.showOutline()
        canvas.saveState()
        canvas.setFont(REGULAR, _FOOTER_SIZE)
        canvas.setFillColor(styles.colour(styles.MUTED))
        canvas.drawString(styles.MARGIN_LEFT, styles.MARGIN_BOTTOM, COVER_NOTE)
        canvas.restoreState()
        self._draw_footer(canvas)

    def _draw_body_page(self, canvas: Any, document: Any) -> None:
        if canvas.getPageNumber() == 1:
            canvas.showOutline()
        top = styles.PAGE_SIZE[1] - styles.HEADER_BASELINE
        left = styles.MARGIN_LEFT
        right = styles.PAGE_SIZE[0] - styles.MARGIN_RIGHT
        canvas.saveState()
        right_text = fit_width(self._header_right, REGULAR, _HEADER_SIZE, styles.FRAME_WIDTH * 0.45)
        right_width = _width(right_text, REGULAR, _HEADER_SIZE)
        left_text = fit_width(
            self._header_left, BOLD, _HEADER_SIZE, styles.FRAME_WIDTH - right_width - 24
        )
        canvas.setFont(BOLD, _HEADER_SIZE)
        canvas.setFillColor(styles.colour(styles.INK))
        canvas.drawString(left, top, left_text)
        canvas.setFont(REGULAR, _HEADER_SIZE)
        canvas.setFillColor(styles.colour(styles.MUTED))
        canvas.drawRightString(right, top, right_text)
        canvas.setStrokeColor(styles.colour(styles.RULE))
        canvas.setLineWidth(0.6)
        canvas.line(left, top - 5, right, top - 5)
        canvas.restoreState()
        self._draw_footer(canvas)

    # --- bookmarks -----------------------------------------------------------------------------

    def afterFlowable(self, flowable: Any) -> None:  # reportlab's hook name
        outline: tuple[str, str, int] | None = getattr(flowable, "outline", None)
        if outline is None:
            return
        key, title, level = outline
        state: Any = self  # the frame and canvas are set during the build (untyped)
        top = None
        if getattr(state, "frame", None) is not None:
            # The frame's cursor is below the flowable now; jump to just above its top.
            top = state.frame._y + getattr(flowable, "height", 0.0) + 6
        state.canv.bookmarkPage(key, fit="XYZ", left=0, top=top)
        state.canv.addOutlineEntry(one_line(title), key, level=level, closed=False)
