"""User text made safe for reportlab: escaped, printable in the embedded font, and splittable.

A reportlab ``Paragraph`` parses its text as markup, so every piece of text a coach typed goes
through :func:`escape` (or :func:`paragraphs`, which calls it) before it reaches one:

* ``<``, ``>`` and ``&`` print literally, so a note that looks like markup is printed as typed;
* a character that the embedded DejaVu Sans faces cannot draw (an emoji, a rare symbol, a
  control character) becomes a readable placeholder such as ``[U+1F680]``, set in grey, instead
  of a black box or an error; variation selectors, which only choose between the looks of the
  character before them, are dropped;
* line breaks are kept (``\\r\\n`` and ``\\r`` count as one), tabs become a space.

Very long text (a note may hold 200,000 characters) is cut by :func:`paragraphs` into blank-line
separated paragraphs and then into chunks of at most :data:`CHUNK_CHARS` characters (at a line
break, else after a sentence, else at a space, else anywhere), each its own ``Paragraph``, so a
cut reads like a line or paragraph break; reportlab splits such chunks
across pages cheaply, while one giant paragraph would make every page break re-lay it out.
Words longer than a line are broken by the paragraph style (``splitLongWords``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from sre_workshop.report.fonts import covered_code_points
from sre_workshop.report.rl import Flowable, Style, paragraph, paragraph_style

__all__ = [
    "CHUNK_CHARS",
    "PLACEHOLDER_COLOUR",
    "chunks",
    "clean",
    "clip",
    "escape",
    "one_line",
    "paragraphs",
    "placeholder",
]

#: The longest piece of text put into one Paragraph.
CHUNK_CHARS = 3000
#: Placeholders print in this grey so they read as "something the font lacks", not as text.
PLACEHOLDER_COLOUR = "#6B7684"
_ELLIPSIS = "…"
_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n\s*")


def placeholder(character: str) -> str:
    """The readable stand-in for a character the font lacks: ``[U+1F680]``."""
    return f"[U+{ord(character):04X}]"


def _is_dropped(code: int) -> bool:
    """Variation selectors (U+FE00-FE0F, U+E0100-E01EF) only pick a glyph variant."""
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")


def _printable(character: str, covered: frozenset[int]) -> bool:
    return character == "\n" or (
        ord(character) in covered and unicodedata.category(character) != "Cc"
    )


@functools.cache
def _printable_characters() -> frozenset[str]:
    """Every character printed as typed: those all four faces draw (no control characters),
    and the line break."""
    covered = covered_code_points()
    printable = {character for code in covered if _printable(character := chr(code), covered)}
    return frozenset({*printable, "\n"})


def _pieces(text: str) -> Iterator[tuple[str, bool]]:
    """``(piece, is_placeholder)`` runs of ``text`` after newline and coverage rules."""
    covered = covered_code_points()
    text = _normalise_newlines(text)
    # The usual case, one set operation: the font prints every character of the text.
    if _printable_characters().issuperset(text):
        if text:
            yield text, False
        return
    run: list[str] = []
    for character in text:
        if _printable(character, covered):
            run.append(character)
        elif _is_dropped(ord(character)):
            continue
        else:
            if run:
                yield "".join(run), False
                run = []
            yield placeholder(character), True
    if run:
        yield "".join(run), False


def clean(text: str) -> str:
    """``text`` as plain text the font can print: placeholders in, newlines normalised."""
    return "".join(piece for piece, _ in _pieces(text))


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape(text: str) -> str:
    """Paragraph markup that prints ``text`` exactly as typed (see the module docstring)."""
    out: list[str] = []
    for piece, is_placeholder in _pieces(text):
        if is_placeholder:
            out.append(f'<font color="{PLACEHOLDER_COLOUR}">{piece}</font>')
        else:
            out.append(_xml(piece).replace("\n", "<br/>"))
    return "".join(out)


def one_line(text: str) -> str:
    """Plain text on one line (headers, bookmarks): whitespace runs become one space."""
    return " ".join(clean(text).split())


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a space when one is near, with "…".

    For places that cannot grow without bound (table cells, the cover, the page header).
    """
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - 1)]
    space = cut.rfind(" ")
    if space > limit * 0.7:
        cut = cut[:space]
    return cut.rstrip() + _ELLIPSIS


_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)]?\s")


def _split_point(text: str, limit: int) -> int:
    """Where to cut ``text`` (longer than ``limit``): after a line break, else after the end
    of a sentence, else at a space, else anywhere (a run of letters without a space)."""
    window = text[:limit]
    at = window.rfind("\n")
    if at >= limit // 3:
        return at + 1
    ends = [match.end() for match in _SENTENCE_END.finditer(window, limit // 2)]
    if ends:
        return ends[-1]
    at = window.rfind(" ")
    if at >= limit // 3:
        return at + 1
    return limit


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[list[str]]:
    """``text`` as paragraphs (split at blank lines), each a list of chunks of <= ``limit``.

    Leading and trailing whitespace of each paragraph is dropped; empty paragraphs vanish.
    """
    if limit < 2:
        raise ValueError("the chunk limit must be 2 or more")
    result: list[list[str]] = []
    for block in _BLANK_LINES.split(_normalise_newlines(text)):
        remaining = block.strip()
        if not remaining:
            continue
        parts: list[str] = []
        while len(remaining) > limit:
            cut = _split_point(remaining, limit)
            part = remaining[:cut].rstrip("\n ")
            if part:
                parts.append(part)
            remaining = remaining[cut:].lstrip("\n ")
        if remaining:
            parts.append(remaining)
        result.append(parts)
    return result


def _with_spacing(style: Style, before: float, after: float) -> Style:
    """A copy of ``style`` with other space before and after."""
    if style.spaceBefore == before and style.spaceAfter == after:
        return style
    return paragraph_style(style.name, parent=style, spaceBefore=before, spaceAfter=after)


def paragraphs(
    text: str,
    style: Style,
    *,
    gap: float = 4.0,
    prefix: str = "",
    limit: int = CHUNK_CHARS,
) -> list[Flowable]:
    """User text as a list of Paragraph flowables that wrap and split across pages.

    Paragraphs of the text (separated by blank lines) are ``gap`` points apart; the chunks of
    one long paragraph follow each other without a gap. ``prefix`` is trusted markup put in
    front of the first chunk (a bold label, say). An empty text gives an empty list.
    """
    flowables: list[Flowable] = []
    blocks = chunks(text, limit)
    for block_index, block in enumerate(blocks):
        for chunk_index, chunk in enumerate(block):
            first = block_index == 0 and chunk_index == 0
            last = block_index == len(blocks) - 1 and chunk_index == len(block) - 1
            before = style.spaceBefore if first else (gap if chunk_index == 0 else 0.0)
            after = style.spaceAfter if last else 0.0
            markup = (prefix if first else "") + escape(chunk)
            flowables.append(paragraph(markup, _with_spacing(style, before, after)))
    return flowables
