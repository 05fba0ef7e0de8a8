"""The "Area details" section: what the room said and agreed about each area in scope.

Per area: its description, the agreed level with the level's anchored description (or "not
applicable" and the reason), the comparison with the earlier assessment, the rationale, the
vote tally with its total, proposed level and spread, and for a culture aspect the survey
statement with its 1-to-7 tally. The full preset adds each question with its notes, quick
answer and follow-up flag, follow-up questions indented under their parent; the stakeholder
summary leaves those facilitator's notes out entirely.

Every area heading is a level-1 bookmark under "Area details".
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm

from sre_workshop.model import SURVEY_SCALE, Area, Dimension, QuickAnswer, VotesSource
from sre_workshop.report import styles
from sre_workshop.report.common import (
    gap,
    keep_with_next,
    label,
    muted,
    rule,
    section_heading,
    tinted,
)
from sre_workshop.report.content import ReportContent
from sre_workshop.report.fonts import BOLD, REGULAR
from sre_workshop.report.formatting import level_name, level_text, plural
from sre_workshop.report.layout import Heading
from sre_workshop.report.rl import (
    Flowable,
    cond_page_break,
    page_break,
    paragraph,
    table,
)
from sre_workshop.report.sections import DIMENSION_TITLES, Options, verdict_markup
from sre_workshop.report.text import escape, paragraphs
from sre_workshop.scoring import Verdict, tally_median, tally_summary

__all__ = ["area_details"]

_QUICK_WORDS = {
    QuickAnswer.YES: "Yes",
    QuickAnswer.PARTLY: "Partly",
    QuickAnswer.NO: "No",
    QuickAnswer.UNKNOWN: "Unknown",
}


#: Width of the vote and survey tally tables (both line up).
TALLY_WIDTH = 140 * mm
_TALLY_FIRST = 20 * mm
_TALLY_TOTAL = 16 * mm


def _tally_table(
    row_label: str, headers: list[str], counts: list[int], highlight: int | None
) -> Flowable:
    """A one-row tally: a label column, one column per answer, and the total.

    The header cells are paragraphs (a number over a small name); the counts are plain strings
    styled by table commands (bold for the agreed level and the total, grey for a zero), which
    reportlab draws without laying out a paragraph each: they look the same and cost a tenth.
    """
    columns = len(counts)
    rest = (TALLY_WIDTH - _TALLY_FIRST - _TALLY_TOTAL) / columns
    head: list[Any] = ["", *(paragraph(text, styles.CELL_HEAD_CENTER) for text in headers)]
    head.append(paragraph("Total", styles.CELL_HEAD_CENTER))
    body: list[Any] = [row_label, *(str(count) for count in counts), str(sum(counts))]
    size, leading = styles.CELL.fontSize, styles.CELL.leading
    commands = styles.table_style(2, zebra=False, padding=3)
    commands += [
        ("FONT", (0, 1), (0, 1), BOLD, size, leading),
        ("FONT", (1, 1), (-1, 1), REGULAR, size, leading),
        ("FONT", (-1, 1), (-1, 1), BOLD, size, leading),
        ("ALIGN", (1, 1), (-1, 1), "CENTER"),
    ]
    for index, count in enumerate(counts):
        cell = (index + 1, 1)
        if index == highlight:
            commands += [
                ("FONT", cell, cell, BOLD, size, leading),
                ("BACKGROUND", cell, cell, styles.colour(styles.ACCENT_LIGHT)),
            ]
        elif not count:
            commands.append(("TEXTCOLOR", cell, cell, styles.colour(styles.MUTED)))
    return table([head, body], [_TALLY_FIRST, *([rest] * columns), _TALLY_TOTAL], commands)


def _votes(content: ReportContent, area: Area) -> list[Flowable]:
    rating = content.record.rating(area.key)
    summary = tally_summary(rating.votes)
    if summary.total == 0:
        return [label("Votes"), paragraph(muted("No votes were recorded."), styles.BODY)]
    headers = [
        f"{level.level}<br/><font size=6.5>{escape(level.name)}</font>"
        for level in content.framework.levels
    ]
    highlight = rating.level - 1 if rating.level is not None else None
    spread = summary.spread or 0
    facts = [
        plural(summary.total, "vote")
        + (" cast from phones" if rating.votes_source is VotesSource.ROOM else ""),
        f"proposed level {summary.proposed} (the median)",
        (
            "the room agreed"
            if spread == 0
            else f"spread {plural(spread, 'level')} ({summary.lowest} to {summary.highest})"
        ),
    ]
    return [
        gap(7),
        keep_with_next(_tally_table("Votes", headers, list(rating.votes), highlight)),
        paragraph(escape("; ".join(facts)) + ".", styles.SMALL),
    ]


def _survey(content: ReportContent, area: Area) -> list[Flowable]:
    if area.dimension is not Dimension.CULTURE or not area.survey_statement:
        return []
    tally = content.record.survey_tally(area.key)
    story: list[Flowable] = [
        label("Survey statement"),
        keep_with_next(paragraph(f"“{escape(area.survey_statement)}”", styles.QUOTE)),
    ]
    if tally.total == 0:
        story.append(paragraph(muted("No survey answers were recorded."), styles.BODY))
        return story
    mean = sum(count * value for count, value in zip(tally.counts, SURVEY_SCALE, strict=True))
    median = tally_median(tally.counts, first_value=SURVEY_SCALE[0])
    headers = [str(value) for value in SURVEY_SCALE]
    headers[0] += "<br/><font size=6.5>disagree</font>"
    headers[-1] += "<br/><font size=6.5>agree</font>"
    story += [
        keep_with_next(_tally_table("Answers", headers, list(tally.counts), None)),
        paragraph(
            escape(
                f"{plural(tally.total, 'answer')}; mean {mean / tally.total:.2f}, "
                f"median {median:g} on a scale from 1 (strongly disagree) to 7 (strongly agree)."
            ),
            styles.SMALL,
        ),
    ]
    return story


def _level_line(content: ReportContent, area: Area) -> str:
    rating = content.record.rating(area.key)
    if rating.not_applicable:
        now = "<b>Not applicable</b>"
    elif rating.level is None:
        now = muted("Not rated")
    else:
        now = f"<b>Level {rating.level} · {escape(level_name(content.framework, rating.level))}</b>"
    row = content.row(area.key)
    compared = content.compared
    if row is None or compared is None:
        return now
    then = level_text(
        compared.framework, row.compared_level, not_applicable=row.compared_not_applicable
    )
    if not compared.framework.has_area(area.key):
        then = "not in that framework"
    elif area.key not in compared.assessment.scope_keys:
        then = "not in scope"
    change = ""
    if row.verdict is not Verdict.NOT_COMPARABLE:
        change = f"   {verdict_markup(row.verdict)}"
    return f"{now}{muted(f'   was {escape(then)} in the {compared.kind} assessment')}{change}"


def _questions(content: ReportContent, area: Area) -> list[Flowable]:
    story: list[Flowable] = [label("Questions and notes")]
    for flat in area.flat_questions():
        answer = content.record.answer(flat.question.key)
        tags = []
        if answer.quick_answer is not None:
            tags.append(muted(f"Answer: <b>{_QUICK_WORDS[answer.quick_answer]}</b>"))
        if answer.follow_up:
            tags.append(tinted("<b>⚑ Follow up</b>", styles.ACCENT))
        question_markup = f"<b>{escape(flat.question.text)}</b>"
        if tags:
            question_markup += "&nbsp;&nbsp; " + f"<font size=7.5>{muted(' · ').join(tags)}</font>"
        question_style = styles.indented(styles.QUESTION, flat.depth)
        notes_style = styles.indented(styles.NOTES, flat.depth)
        notes = paragraphs(answer.notes, notes_style)
        if not notes:
            notes = [paragraph(muted("<i>No notes.</i>"), notes_style)]
        story.append(keep_with_next(paragraph(question_markup, question_style)))
        story += notes
    return story


def _area(content: ReportContent, area: Area, options: Options) -> list[Flowable]:
    rating = content.record.rating(area.key)
    # A chain of keep-with-next flowables: reportlab keeps the heading, the level line and the
    # description with the first block below them. (Nesting KeepTogether inside that chain
    # defeats it: a KeepTogether reports an "infinite" height to force its own split.)
    story: list[Flowable] = [
        Heading(escape(area.name), styles.SUBSECTION, (f"area-{area.key}", area.name, 1)),
        keep_with_next(paragraph(_level_line(content, area), styles.BODY)),
        keep_with_next(paragraph(escape(area.description), styles.DESCRIPTION)),
    ]
    if rating.level is not None:
        story += [
            label(f"Level {rating.level} in this area"),
            paragraph(escape(area.level_description(rating.level)), styles.BODY),
        ]
    if rating.not_applicable:
        story += [
            label("Why not applicable"),
            *(
                paragraphs(rating.not_applicable_reason, styles.BODY)
                or [paragraph(muted("No reason was recorded."), styles.BODY)]
            ),
        ]
    story += [
        label("Rationale"),
        *(
            paragraphs(rating.rationale, styles.BODY)
            or [paragraph(muted("No rationale was recorded."), styles.BODY)]
        ),
    ]
    story += _votes(content, area)
    story += _survey(content, area)
    if options.include_notes:
        story += _questions(content, area)
    return story


def area_details(content: ReportContent, options: Options) -> list[Flowable]:
    intro = "For every area in scope: the agreed level and why, and how the room voted" + (
        "; then each question asked, with the notes taken, the quick answer and whether "
        "it needs a follow-up."
        if options.include_notes
        else ". The facilitator's notes per question are in the full report."
    )
    story: list[Flowable] = [section_heading("areas"), paragraph(escape(intro), styles.BODY_MUTED)]
    if not content.areas:
        story.append(paragraph(muted("No area was in scope of this assessment."), styles.BODY))
        return story
    groups = 0
    for dimension in Dimension:
        areas = [area for area in content.areas if area.dimension is dimension]
        if not areas:
            continue
        if groups:
            story.append(page_break())  # each dimension starts on a page of its own
        groups += 1
        story.append(
            keep_with_next(paragraph(escape(DIMENSION_TITLES[dimension].upper()), styles.GROUP))
        )
        for index, area in enumerate(areas):
            if index:
                # Never start an area in the last few lines of a page.
                story += [rule(12, 4), cond_page_break(50 * mm)]
            story += _area(content, area, options)
    return story
