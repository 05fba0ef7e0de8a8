"""The report's sections and presets, as plain data (no reportlab, cheap to import).

The app's export dialog lists :data:`SECTIONS` with their :data:`SECTION_TITLES` as check
boxes and offers the :data:`PRESETS`; :func:`resolve_sections` turns a preset and the coach's
ticks into the ordered list the builder follows.
"""

from __future__ import annotations

from collections.abc import Collection

__all__ = [
    "DEFAULT_PRESET",
    "PRESETS",
    "PRESET_TITLES",
    "SECTIONS",
    "SECTION_TITLES",
    "resolve_sections",
]

#: Every section in the order it appears in the report.
SECTIONS: tuple[str, ...] = (
    "cover",
    "summary",
    "charts",
    "scores",
    "areas",
    "hypotheses",
    "actions",
    "next",
    "appendix",
)

#: The heading (and bookmark) of each section.
SECTION_TITLES: dict[str, str] = {
    "cover": "Cover",
    "summary": "Summary",
    "charts": "Maturity charts",
    "scores": "Levels and changes by area",
    "areas": "Area details",
    "hypotheses": "Hypotheses",
    "actions": "Action items",
    "next": "Next reassessment",
    "appendix": "Appendix: level definitions",
}

#: ``full``: everything, the facilitator's notes included. ``summary``: the stakeholder
#: summary; the same sections, but the area details leave out each question's notes, quick
#: answer and follow-up flag, and the cover gives head counts per role without names.
PRESETS: dict[str, tuple[str, ...]] = {
    "full": SECTIONS,
    "summary": SECTIONS,
}

PRESET_TITLES: dict[str, str] = {
    "full": "Full report",
    "summary": "Stakeholder summary",
}

DEFAULT_PRESET = "full"


def resolve_sections(preset: str, sections: Collection[str] | None = None) -> tuple[str, ...]:
    """The sections to build, in report order.

    ``sections`` (any order, duplicates ignored) overrides the preset's list. Raises
    ValueError for an unknown preset or section, or when no section is left.
    """
    if preset not in PRESETS:
        raise ValueError(f"unknown report preset {preset!r}; choose one of: {', '.join(PRESETS)}")
    if sections is None:
        return PRESETS[preset]
    if isinstance(sections, str):
        raise ValueError("give the sections as a list of names, not one string")
    unknown = sorted(set(sections) - set(SECTIONS))
    if unknown:
        raise ValueError(
            f"unknown report section {unknown[0]!r}; choose from: {', '.join(SECTIONS)}"
        )
    chosen = tuple(section for section in SECTIONS if section in set(sections))
    if not chosen:
        raise ValueError("a report needs at least one section")
    return chosen
