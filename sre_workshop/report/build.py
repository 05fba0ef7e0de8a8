"""Strings the chosen sections together into one PDF, in memory.

The only module that knows the order of the sections and where pages break: the cover stands
alone, and every main section starts on a new page, except "Next reassessment", which follows
the action items (it is a few lines long).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from reportlab.lib.units import mm

from sre_workshop import __version__
from sre_workshop.report.catalog import PRESET_TITLES
from sre_workshop.report.content import ReportContent
from sre_workshop.report.details import area_details
from sre_workshop.report.formatting import long_date
from sre_workshop.report.items import action_items, hypotheses
from sre_workshop.report.layout import ReportDocument
from sre_workshop.report.rl import (
    Flowable,
    binary_streams,
    cond_page_break,
    next_page_template,
    page_break,
    spacer,
)
from sre_workshop.report.sections import (
    Options,
    appendix,
    charts,
    cover,
    next_reassessment,
    scores,
    summary,
)
from sre_workshop.report.text import clip

__all__ = ["render_pdf"]

_Builder = Callable[[ReportContent, Options], list[Flowable]]

_BUILDERS: dict[str, _Builder] = {
    "cover": cover,
    "summary": summary,
    "charts": charts,
    "scores": scores,
    "areas": area_details,
    "hypotheses": hypotheses,
    "actions": action_items,
    "next": next_reassessment,
    "appendix": appendix,
}
#: Sections that flow on from the one before instead of starting a new page.
_FLOWING = frozenset({"next"})
#: Metadata strings are capped (a team name may be 200,000 characters long).
_METADATA_LIMIT = 200


def _metadata(text: str) -> str:
    return clip(" ".join(text.split()), _METADATA_LIMIT)


def render_pdf(content: ReportContent, options: Options, sections: Sequence[str]) -> bytes:
    """The PDF of ``sections`` (ids in report order) as bytes."""
    assessment = content.assessment
    team = content.team.name
    date = long_date(assessment.date)
    subject = f"SRE maturity assessment of {team} on {date}"
    if content.compared is not None:
        subject += (
            f", compared with the {content.compared.kind} assessment of "
            f"{long_date(content.compared.assessment.date)}"
        )
    buffer = io.BytesIO()
    binary_streams()
    document = ReportDocument(
        buffer,
        header_left=team,
        header_right=f"Assessment of {date}",
        footer_left=f"{PRESET_TITLES[options.preset]} · Confidential",
        title=_metadata(f"SRE assessment report: {team}, {date}"),
        author=_metadata(assessment.coach) or "SRE Workshop",
        subject=_metadata(subject),
        creator=f"SRE Workshop {__version__}",
        keywords=["SRE", "maturity assessment", "Westrum", _metadata(team)],
        start_with_cover=sections[0] == "cover",
    )
    story: list[Flowable] = []
    for section in sections:
        if story and section not in _FLOWING:
            story += [next_page_template("body"), page_break()]
        elif story:
            story += [cond_page_break(60 * mm), spacer(18)]
        story += _BUILDERS[section](content, options)
    document.build_story(story)
    return buffer.getvalue()
