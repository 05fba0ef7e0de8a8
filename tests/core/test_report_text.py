"""``text.escape`` takes a shortcut when the font prints every character of a text; it must give
exactly what the character-by-character rules give, for any mix of characters."""

from __future__ import annotations

import random
import unicodedata

from sre_workshop.report.fonts import covered_code_points
from sre_workshop.report.text import PLACEHOLDER_COLOUR, clean, escape

POOL = [
    *"abc XYZ 09.,;<>&\"'\n\r\t",
    "é",
    "Ж",
    "λ",
    "€",
    "…",
    "🚀",  # not in the font
    "\ufe0f",  # a variation selector: dropped
    "\x00",  # control characters: placeholders
    "\x1b",
    "\u200b",
    "\U000e0100",
]


def reference(text: str) -> str:
    """The rules, one character at a time (see the module docstring of text.py)."""
    covered = covered_code_points()
    out = []
    for character in text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "):
        code = ord(character)
        if character == "\n":
            out.append("<br/>")
        elif code in covered and unicodedata.category(character) != "Cc":
            out.append({"&": "&amp;", "<": "&lt;", ">": "&gt;"}.get(character, character))
        elif 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
            continue
        else:
            out.append(f'<font color="{PLACEHOLDER_COLOUR}">[U+{code:04X}]</font>')
    return "".join(out)


def test_escape_matches_the_rules_for_any_mix() -> None:
    generator = random.Random(20260310)
    for _ in range(2000):
        text = "".join(generator.choice(POOL) for _ in range(generator.randint(0, 30)))
        assert escape(text) == reference(text), repr(text)


def test_printable_text_comes_back_whole() -> None:
    text = "Zoë's team: <b>on-call</b> & runbooks\r\nsecond line\twith a tab"
    assert escape(text) == reference(text)
    assert clean(text) == "Zoë's team: <b>on-call</b> & runbooks\nsecond line with a tab"
    assert escape("") == clean("") == ""
