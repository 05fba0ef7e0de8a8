"""The "Hypotheses" and "Action items" sections.

Hypotheses are printed as the chapter's full sentence
(:func:`sre_workshop.model.hypothesis_sentence`) with their areas, owner, status, review date,
evidence and review history; those carried in from earlier assessments for review come first,
then those posed in this assessment. The review history lists the reviews made up to this
assessment's date.

Action items are a table (action, area, owner, due date, status). An open item past its due
date on the day the report is made is marked with the word OVERDUE, not only a colour. A table
row cannot split across pages, so action texts and review evidence longer than
:data:`ACTION_CELL_LIMIT` characters are shortened in the table and printed in full below it.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm

from sre_workshop.model import ActionItem, Hypothesis
from sre_workshop.report import styles
from sre_workshop.report.common import gap, keep_with_next, label, muted, rule, section_heading
from sre_workshop.report.content import ReportContent
from sre_workshop.report.formatting import long_date, plural, short_date
from sre_workshop.report.rl import Flowable, cond_page_break, paragraph, table
from sre_workshop.report.sections import Options
from sre_workshop.report.text import clip, escape, paragraphs

__all__ = ["ACTION_CELL_LIMIT", "action_items", "hypotheses"]

#: Longest action text (and review evidence) printed inside the table.
ACTION_CELL_LIMIT = 600
_OWNER_LIMIT = 120


def _status_word(value: str) -> str:
    return value.replace("_", " ")


# --- hypotheses ---------------------------------------------------------------------------------


def _hypothesis(content: ReportContent, hypothesis: Hypothesis, number: int) -> list[Flowable]:
    areas = ", ".join(content.area_name(key) for key in hypothesis.area_keys) or "none"
    facts = [
        f"<b>Status:</b> {escape(hypothesis.status.label)}",
        f"<b>Owner:</b> {escape(clip(hypothesis.owner, _OWNER_LIMIT)) or muted('none')}",
        "<b>Review by:</b> "
        + (long_date(hypothesis.review_date) if hypothesis.review_date else muted("not set")),
    ]
    posed = content.assessment_dates.get(hypothesis.assessment_id)
    if posed is not None:
        facts.append(f"<b>Posed:</b> {long_date(posed)}")
    head = [
        keep_with_next(
            paragraph(
                f"Hypothesis {number}" + muted(f"  ·  {escape(hypothesis.status.label)}"),
                styles.MINOR,
            )
        ),
    ]
    sentence = paragraphs(hypothesis.sentence, styles.QUOTE)
    if len(sentence) == 1:
        # Keep the title, the sentence and its facts on one page (not a very long sentence:
        # that must be free to split).
        sentence = [keep_with_next(sentence[0])]
    story: list[Flowable] = [
        *head,
        *sentence,
        keep_with_next(paragraph(muted(" &nbsp;·&nbsp; ").join(facts), styles.SMALL_INK)),
        paragraph(f"<b>Areas:</b> {escape(clip(areas, 1000))}", styles.SMALL_INK),
    ]
    if hypothesis.evidence.strip():
        story += [gap(3), label("Evidence"), *paragraphs(hypothesis.evidence, styles.BODY)]
    reviews = content.hypothesis_reviews.get(hypothesis.id, ())
    if reviews:
        story += [gap(3), label("Review history")]
        for review in reviews:
            when = content.assessment_dates.get(review.assessment_id)
            prefix = (
                f"<b>{long_date(when) if when else 'An assessment since deleted'}: "
                f"{escape(_status_word(review.status))}.</b> "
            )
            story += paragraphs(review.evidence, styles.REVIEW, prefix=prefix) or [
                paragraph(prefix, styles.REVIEW)
            ]
    return story


def hypotheses(content: ReportContent, options: Options) -> list[Flowable]:
    story: list[Flowable] = [section_heading("hypotheses")]
    carried, posed = content.hypotheses_carried, content.hypotheses_posed
    story.append(
        paragraph(
            "Each hypothesis says what the team will build, what it should change for customers "
            "and how the team will know. "
            f"{plural(len(carried), 'hypothesis', 'hypotheses')} from earlier assessments "
            f"{'was' if len(carried) == 1 else 'were'} reviewed in this one, and "
            f"{plural(len(posed), 'new hypothesis', 'new hypotheses')} "
            f"{'was' if len(posed) == 1 else 'were'} posed.",
            styles.BODY_MUTED,
        )
    )
    number = 0
    for title, items in (
        ("Reviewed in this assessment", carried),
        ("Posed in this assessment", posed),
    ):
        if not items:
            continue
        story.append(paragraph(escape(title), styles.SUBSECTION))
        for index, hypothesis in enumerate(items):
            number += 1
            if index:
                story += [rule(10, 0), cond_page_break(40 * mm)]
            story += _hypothesis(content, hypothesis, number)
    if not carried and not posed:
        story.append(paragraph(muted("No hypotheses were posed or reviewed."), styles.BODY))
    return story


# --- action items -------------------------------------------------------------------------------


def _action_rows(
    content: ReportContent, actions: tuple[ActionItem, ...], first_number: int
) -> tuple[list[list[Any]], list[tuple[int, str, str]]]:
    """Table rows, and the long texts to print in full below the table."""
    rows: list[list[Any]] = []
    long_texts: list[tuple[int, str, str]] = []
    for offset, action in enumerate(actions):
        number = first_number + offset
        text = escape(clip(action.text, ACTION_CELL_LIMIT))
        if len(action.text) > ACTION_CELL_LIMIT:
            long_texts.append((number, "Action", action.text))
            text += muted(" (full text below the table)")
        for review in content.action_reviews.get(action.id, ()):
            if review.evidence.strip():
                evidence = escape(clip(review.evidence, ACTION_CELL_LIMIT))
                if len(review.evidence) > ACTION_CELL_LIMIT:
                    long_texts.append((number, "Review", review.evidence))
                    evidence += " (full text below the table)"
                text += "<br/>" + muted(f"<i>Review: {evidence}</i>")
        overdue = action.is_overdue(content.today)
        status = escape(action.status.label)
        if overdue:
            status = f'<font color="{styles.BAD}"><b>OVERDUE</b></font><br/>{status}'
        rows.append(
            [
                paragraph(str(number), styles.CELL_MUTED),
                paragraph(text, styles.CELL),
                paragraph(
                    escape(content.area_name(action.area_key)) if action.area_key else muted("–"),
                    styles.CELL,
                ),
                paragraph(escape(clip(action.owner, _OWNER_LIMIT)) or muted("–"), styles.CELL),
                paragraph(
                    short_date(action.due_date) if action.due_date else muted("–"), styles.CELL
                ),
                paragraph(status, styles.CELL),
            ]
        )
    return rows, long_texts


def _action_table(rows: list[list[Any]]) -> Flowable:
    header = [
        paragraph(text, styles.CELL_HEAD)
        for text in ("#", "Action", "Area", "Owner", "Due", "Status")
    ]
    widths = [7 * mm, 69 * mm, 29 * mm, 22 * mm, 20 * mm, 23 * mm]
    return table([header, *rows], widths, styles.table_style(len(rows) + 1), repeat_rows=1)


def action_items(content: ReportContent, options: Options) -> list[Flowable]:
    story: list[Flowable] = [section_heading("actions")]
    carried, posed = content.actions_carried, content.actions_posed
    overdue = sum(1 for action in (*carried, *posed) if action.is_overdue(content.today))
    intro = (
        f"{plural(len(carried), 'action item')} from earlier assessments reviewed in this one, "
        f"and {plural(len(posed), 'action item')} agreed in it."
    )
    if overdue:
        intro += (
            f" {plural(overdue, 'open item')} {'is' if overdue == 1 else 'are'} past "
            f"{'its' if overdue == 1 else 'their'} due date on {long_date(content.today)} "
            "and marked OVERDUE."
        )
    story.append(paragraph(escape(intro), styles.BODY_MUTED))
    all_long: list[tuple[int, str, str]] = []
    number = 1
    for title, items in (
        ("Reviewed in this assessment", carried),
        ("Agreed in this assessment", posed),
    ):
        if not items:
            continue
        rows, long_texts = _action_rows(content, items, number)
        number += len(items)
        all_long += long_texts
        story += [
            keep_with_next(paragraph(escape(title), styles.SUBSECTION)),
            _action_table(rows),
        ]
    if not carried and not posed:
        story.append(paragraph(muted("No action items were agreed or reviewed."), styles.BODY))
    if all_long:
        story.append(paragraph("Full text of long entries", styles.SUBSECTION))
        for number_, kind, text in all_long:
            story += paragraphs(text, styles.BODY, prefix=f"<b>{number_}. {kind}:</b> ")
    return story
