"""The report's one typeface: DejaVu Sans in four faces, embedded in every PDF.

matplotlib ships DejaVu Sans (``mpl-data/fonts/ttf/``), so the report needs no font of its own
and prints accents, Cyrillic and Greek as typed. The faces are registered with reportlab once
per process as a family, so ``<b>`` and ``<i>`` in paragraph markup pick the right face. TrueType
fonts registered this way are always embedded (as subsets) in the PDF; the base-14 fonts are
never used.

The set of characters every face can draw is exposed for :mod:`sre_workshop.report.text`,
which turns anything outside it into a readable placeholder.
"""

from __future__ import annotations

import functools
from pathlib import Path

from sre_workshop.report.files import ReportError

__all__ = [
    "BOLD",
    "BOLD_ITALIC",
    "FAMILY",
    "ITALIC",
    "REGULAR",
    "FontError",
    "covered_code_points",
    "font_directory",
    "register_fonts",
]

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

#: reportlab font name -> file name in matplotlib's font folder.
_FACES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}


class FontError(ReportError):
    """The embedded font could not be found or read (a broken installation)."""


def font_directory() -> Path:
    """matplotlib's folder of TrueType fonts (works in a frozen build too)."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@functools.cache
def register_fonts() -> str:
    """Register the four faces and the family with reportlab (once); returns the family name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    folder = font_directory()
    for name, file_name in _FACES.items():
        path = folder / file_name
        try:
            font = TTFont(name, str(path))  # type: ignore[no-untyped-call]
            pdfmetrics.registerFont(font)  # type: ignore[no-untyped-call]
        except (OSError, TTFError) as exc:
            raise FontError(f"The report font {path} could not be loaded: {exc}") from exc
    # The family mapping makes <b>, <i> and <b><i> in Paragraph markup choose the right face.
    for bold, italic, face in (
        (0, 0, REGULAR),
        (1, 0, BOLD),
        (0, 1, ITALIC),
        (1, 1, BOLD_ITALIC),
    ):
        addMapping(FAMILY, bold, italic, face)  # type: ignore[no-untyped-call]
    return FAMILY


@functools.cache
def covered_code_points() -> frozenset[int]:
    """Code points that all four faces can draw (so any style prints them)."""
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    covered: frozenset[int] | None = None
    for name in _FACES:
        font = pdfmetrics.getFont(name)  # type: ignore[no-untyped-call]
        points = frozenset(int(point) for point in font.face.charToGlyph)
        covered = points if covered is None else covered & points
    assert covered is not None
    return covered
