"""The report's short sections: cover, summary, charts, per-area table, next date, appendix.

Each function takes the gathered :class:`~sre_workshop.report.content.ReportContent` and the
build :class:`Options` and returns flowables; the builder strings the chosen ones together.
The long sections live in :mod:`~sre_workshop.report.details` (area details) and
:mod:`~sre_workshop.report.items` (hypotheses and action items).

Text a coach typed always passes through :func:`~sre_workshop.report.text.escape` (or
``paragraphs``), and where it sits in a table cell, which cannot split across pages, it is
clipped first (:func:`~sre_workshop.report.text.clip`); the full text then prints elsewhere
(the area details hold every not-applicable reason in full).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm

from sre_workshop.model import Dimension
from sre_workshop.report import styles
from sre_workshop.report.catalog import PRESET_TITLES
from sre_workshop.report.common import (
    facts_table,
    gap,
    keep_with_next,
    label,
    muted,
    section_heading,
    tinted,
)
from sre_workshop.report.content import ReportContent
from sre_workshop.report.formatting import (
    band_text,
    level_name,
    level_text,
    long_date,
    plural,
    score_text,
    short_date,
)
from sre_workshop.report.layout import Anchor
from sre_workshop.report.rl import (
    Flowable,
    TableCommand,
    hr,
    keep_together,
    page_break,
    paragraph,
    table,
)
from sre_workshop.report.text import clip, escape, paragraphs
from sre_workshop.scoring import (
    LEVEL_BUREAUCRATIC_FROM,
    LEVEL_GENERATIVE_ABOVE,
    SURVEY_BUREAUCRATIC_FROM,
    SURVEY_GENERATIVE_ABOVE,
    AreaComparison,
    Verdict,
    strongest_and_weakest,
    verdict_counts,
)

__all__ = [
    "DIMENSION_TITLES",
    "Options",
    "appendix",
    "charts",
    "cover",
    "next_reassessment",
    "scores",
    "summary",
    "verdict_markup",
]

DIMENSION_TITLES = {
    Dimension.CULTURE: "Culture: the Westrum aspects",
    Dimension.PROCESS: "Process areas",
}
#: Longest user text in a table cell (a cell cannot split across pages).
CELL_LIMIT = 300
#: Most participant roles listed on the cover (the cover is one page).
COVER_ROLES = 8


@dataclass(frozen=True)
class Options:
    """How to build: the preset's name and whether the facilitator's notes are included."""

    preset: str
    include_notes: bool


def verdict_markup(verdict: Verdict, *, size: float | None = None) -> str:
    """The verdict's symbol (tinted for progress and regress) and its word."""
    colour = {
        Verdict.PROGRESSING: styles.GOOD,
        Verdict.REGRESSING: styles.BAD,
    }.get(verdict, styles.MUTED)
    symbol = tinted(verdict.symbol, colour)
    if size is not None:
        symbol = f'<font size="{size}">{symbol}</font>'
    return f"{symbol} {escape(verdict.label)}"


def _compared_phrase(content: ReportContent) -> str:
    compared = content.compared
    if compared is None:
        return ""
    return f"the {compared.kind} assessment of {long_date(compared.assessment.date)}"


# --- cover --------------------------------------------------------------------------------------


def _participants(content: ReportContent, options: Options) -> list[Flowable]:
    groups = content.assessment.participants
    total = content.assessment.participant_count
    if not groups:
        return [paragraph(muted("not recorded"), styles.CELL)]
    counts = ", ".join(
        f"{escape(clip(group.role, 60))} ({group.count})" for group in groups[:COVER_ROLES]
    )
    if len(groups) > COVER_ROLES:
        counts += f" and {len(groups) - COVER_ROLES} more roles"
    flowables: list[Flowable] = [
        paragraph(f"{plural(total, 'person', 'people')}: {counts}", styles.CELL)
    ]
    if options.include_notes:
        for group in groups[:COVER_ROLES]:
            if group.names.strip():
                flowables.append(
                    paragraph(
                        f"{escape(clip(group.role, 60))}: {escape(clip(group.names, 240))}",
                        styles.CELL_MUTED,
                    )
                )
    return flowables


def cover(content: ReportContent, options: Options) -> list[Flowable]:
    assessment = content.assessment
    framework = content.framework
    compared = content.compared
    kicker = f"{framework.name} · {PRESET_TITLES[options.preset]}".upper()
    status = "" if assessment.status.value == "completed" else f" ({assessment.status.label})"
    rows: list[tuple[str, Any]] = [
        ("Coach", escape(clip(assessment.coach, 120)) or muted("not recorded")),
        ("Assessed on", long_date(assessment.date) + escape(status)),
        (
            "Compared with",
            f"{long_date(compared.assessment.date)} ({compared.kind} assessment)"
            if compared
            else muted("no earlier assessment"),
        ),
        ("Participants", _participants(content, options)),
        ("Framework", f"{escape(clip(framework.name, 200))}, version {escape(framework.version)}"),
        ("Next reassessment", long_date(assessment.reassessment_due)),
        ("Report", f"{PRESET_TITLES[options.preset]}, made on {long_date(content.today)}"),
    ]
    story: list[Flowable] = [
        Anchor(("section-cover", "Cover", 0)),
        gap(36 * mm),
        hr(
            width=26 * mm,
            thickness=3,
            colour=styles.colour(styles.ACCENT),
            align="LEFT",
            space_after=12,
        ),
        paragraph(escape(kicker), styles.COVER_KICKER),
        paragraph(escape(clip(content.team.name, 90)), styles.COVER_TITLE),
        paragraph(
            escape(clip(assessment.title, 120) or "SRE maturity assessment"),
            styles.COVER_SUBTITLE,
        ),
        paragraph(long_date(assessment.date), styles.COVER_SUBTITLE),
        gap(16 * mm),
        facts_table(rows),
    ]
    if content.team.description.strip():
        story += [
            gap(10 * mm),
            label("About the team"),
            *paragraphs(clip(content.team.description, 700), styles.BODY_MUTED),
        ]
    return story


# --- summary ------------------------------------------------------------------------------------


def _value(value: float | None, scale: int) -> str:
    """A key figure: the score large, "/ scale" small and grey."""
    if value is None:
        return muted("–")
    return f'{value:.2f}<font size="12" color="{styles.MUTED}"> / {scale}</font>'


def _card(title: str, value: str, band: str, lines: list[str]) -> list[Flowable]:
    return [
        paragraph(escape(title), styles.CARD_LABEL),
        paragraph(value, styles.FIGURE_VALUE),
        paragraph(f"<b>{escape(band.capitalize())}</b>", styles.SMALL_INK),
        *[paragraph(line, styles.FIGURE_CAPTION) for line in lines],
    ]


def _dimension_basis(rated: int, not_applicable: int, unrated: int, noun: str) -> str:
    parts = [f"{rated} of {rated + not_applicable + unrated} {noun} rated"]
    if not_applicable:
        parts.append(f"{not_applicable} not applicable")
    if unrated:
        parts.append(f"{unrated} not rated")
    return escape(", ".join(parts))


def _was(value: float | None, band: str) -> str:
    return "was –" if value is None else f"was {value:.2f}, {escape(band)}"


def _key_figures(content: ReportContent) -> Flowable:
    scores = content.scores
    compared = content.compared
    then = compared.scores if compared else None
    cards = []

    survey_lines = [
        muted(f"{plural(scores.survey_answers, 'answer')}, scale 1 to 7"),
    ]
    if then is not None:
        survey_lines.insert(0, _was(then.survey_score, band_text(then.survey_band)))
    cards.append(
        _card(
            "Culture survey",
            _value(scores.survey_score, 7),
            band_text(scores.survey_band),
            survey_lines,
        )
    )
    for dimension, title, noun in (
        (Dimension.CULTURE, "Culture: mean level", "aspects"),
        (Dimension.PROCESS, "Process: mean level", "areas"),
    ):
        score = scores.dimensions[dimension]
        lines = [
            muted(
                _dimension_basis(
                    len(score.rated), len(score.not_applicable), len(score.unrated), noun
                )
            )
        ]
        if then is not None:
            before = then.dimensions[dimension]
            lines.insert(0, _was(before.mean, band_text(before.band)))
        cards.append(_card(title, _value(score.mean, 5), band_text(score.band), lines))

    spacing = 5 * mm
    width = (styles.FRAME_WIDTH - 2 * spacing) / 3
    commands: list[TableCommand] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 9),
        ("RIGHTPADDING", (0, 0), (-1, -1), 9),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
        ("LEFTPADDING", (1, 0), (1, 0), 0),
        ("RIGHTPADDING", (1, 0), (1, 0), 0),
        ("LEFTPADDING", (3, 0), (3, 0), 0),
        ("RIGHTPADDING", (3, 0), (3, 0), 0),
    ]
    for column in (0, 2, 4):
        commands += [
            ("BACKGROUND", (column, 0), (column, 0), styles.colour(styles.ZEBRA)),
            ("LINEABOVE", (column, 0), (column, 0), 2, styles.colour(styles.ACCENT)),
        ]
    return table(
        [[cards[0], "", cards[1], "", cards[2]]], [width, spacing, width, spacing, width], commands
    )


def _verdict_row(content: ReportContent) -> list[Flowable]:
    counts = verdict_counts(content.rows)
    cells = [
        [
            paragraph(str(counts[verdict]), styles.VERDICT_COUNT),
            paragraph(verdict_markup(verdict), styles.CELL),
        ]
        for verdict in Verdict
    ]
    story: list[Flowable] = [table([cells], [styles.FRAME_WIDTH / 4] * 4, _PLAIN)]
    for verdict in (Verdict.PROGRESSING, Verdict.REGRESSING):
        names = [escape(row.name) for row in content.rows if row.verdict is verdict]
        if names:
            story.append(
                paragraph(
                    f"<b>{escape(verdict.label.capitalize())}:</b> {', '.join(names)}.", styles.BODY
                )
            )
    story.append(
        paragraph(
            f"A change of less than {content.dead_band:g} levels counts as stagnating. An area "
            "that was not applicable, not rated or not in scope on either date is not "
            "comparable.",
            styles.SMALL,
        )
    )
    return story


def _status_counts(statuses: list[str]) -> str:
    counts: dict[str, int] = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    return ", ".join(f"{count} {status}" for status, count in counts.items())


def _items_at_a_glance(content: ReportContent) -> list[Flowable]:
    hypotheses = (*content.hypotheses_carried, *content.hypotheses_posed)
    actions = (*content.actions_carried, *content.actions_posed)
    if not hypotheses and not actions:
        return []
    lines = []
    if hypotheses:
        lines.append(
            f"<b>{plural(len(hypotheses), 'hypothesis', 'hypotheses')}:</b> "
            + escape(_status_counts([item.status.label for item in hypotheses]))
            + "."
        )
    if actions:
        overdue = sum(1 for item in actions if item.is_overdue(content.today))
        text = f"<b>{plural(len(actions), 'action item')}:</b> " + escape(
            _status_counts([item.status.label for item in actions])
        )
        if overdue:
            text += f"; {overdue} overdue"
        lines.append(text + ".")
    return [
        paragraph("Hypotheses and action items", styles.SUBSECTION),
        *[paragraph(line, styles.BODY) for line in lines],
    ]


def _strong_and_weak(content: ReportContent) -> Flowable:
    strongest, weakest = strongest_and_weakest(content.record, content.framework)

    def entries(keys: tuple[str, ...]) -> list[Flowable]:
        if not keys:
            return [paragraph(muted("none rated"), styles.CELL)]
        result: list[Flowable] = []
        for key in keys:
            level = content.record.rating(key).level
            result.append(
                paragraph(
                    f"{escape(content.area_name(key))}"
                    f"<br/>{muted(escape(level_text(content.framework, level)))}",
                    styles.CELL,
                )
            )
        return result

    half = styles.FRAME_WIDTH / 2
    rows = [
        [paragraph("Strongest", styles.CARD_LABEL), paragraph("Weakest", styles.CARD_LABEL)],
        *[
            [left, right]
            for left, right in zip(
                _pad(entries(strongest), 3), _pad(entries(weakest), 3), strict=True
            )
        ],
    ]
    return table(rows, [half, half], _PLAIN)


#: A layout table without rules or padding at the sides.
_PLAIN: list[TableCommand] = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
]


def _pad(flowables: list[Flowable], size: int) -> list[Any]:
    return [*flowables, *([""] * (size - len(flowables)))]


def summary(content: ReportContent, options: Options) -> list[Flowable]:
    assessment = content.assessment
    culture = sum(1 for area in content.areas if area.dimension is Dimension.CULTURE)
    process = len(content.areas) - culture
    people = assessment.participant_count
    intro = (
        f"The SRE maturity assessment of <b>{escape(clip(content.team.name, 200))}</b> on "
        f"{long_date(assessment.date)}"
        + (f", with {plural(people, 'participant')}," if people else "")
        + f" covered {plural(culture, 'culture aspect')} and {plural(process, 'process area')}."
    )
    if content.compared is not None:
        intro += f" It is compared with {_compared_phrase(content)}."
    story: list[Flowable] = [
        section_heading("summary"),
        paragraph(intro, styles.BODY),
        gap(8),
        _key_figures(content),
        gap(4),
        paragraph(
            (
                f"“Was” is {escape(_compared_phrase(content))}. "
                if content.compared is not None
                else ""
            )
            + f"Westrum bands. Survey score: below {SURVEY_BUREAUCRATIC_FROM:g} pathological, "
            f"{SURVEY_BUREAUCRATIC_FROM:g} to {SURVEY_GENERATIVE_ABOVE:g} bureaucratic, above "
            f"{SURVEY_GENERATIVE_ABOVE:g} generative. Mean level: below "
            f"{LEVEL_BUREAUCRATIC_FROM:g} pathological, {LEVEL_BUREAUCRATIC_FROM:g} to "
            f"{LEVEL_GENERATIVE_ABOVE:g} bureaucratic, above {LEVEL_GENERATIVE_ABOVE:g} "
            "generative.",
            styles.SMALL,
        ),
    ]
    if content.compared is not None:
        story += [
            paragraph(f"Change since {escape(_compared_phrase(content))}", styles.SUBSECTION),
            *_verdict_row(content),
        ]
    story += [
        paragraph("Strongest and weakest areas", styles.SUBSECTION),
        _strong_and_weak(content),
        *_items_at_a_glance(content),
        paragraph("Next reassessment", styles.SUBSECTION),
        paragraph(f"Due on <b>{long_date(assessment.reassessment_due)}</b>.", styles.BODY),
    ]
    return story


# --- charts -------------------------------------------------------------------------------------

#: Each radar gets a page of its own at this size: large enough for ten spoke labels.
CHART_HEIGHT = 150 * mm


def _spoke_key(content: ReportContent, dimension: Dimension) -> str:
    """Which area each short spoke label stands for ("Novelty: Novelty is implemented")."""
    pairs = [
        f"{escape(area.chart_label)}: {escape(area.name)}"
        for area in content.areas
        if area.dimension is dimension and area.chart_label != area.name
    ]
    return ("Spoke labels. " + "; ".join(pairs) + ".") if pairs else ""


def _chart_caption(content: ReportContent, dimension: Dimension) -> str:
    """The dimension's mean level and band, and how its areas moved."""
    score = content.scores.dimensions[dimension]
    text = f"Mean level <b>{escape(score_text(score.mean, 5))}</b>"
    if score.band is not None:
        text += f", {escape(score.band.value)}"
    if content.compared is not None:
        before = content.compared.scores.dimensions[dimension]
        text += f" (was {escape(score_text(before.mean, 5))})"
        counts = verdict_counts(row for row in content.rows if row.dimension is dimension)
        moved = ", ".join(
            f"{count} {verdict_markup(verdict)}" for verdict, count in counts.items() if count
        )
        text += f". {moved}"
    return text + "."


def charts(content: ReportContent, options: Options) -> list[Flowable]:
    from sre_workshop.report.figures import radar_chart

    assessment = content.assessment
    legend = f"Solid line with dots: this assessment ({long_date(assessment.date)}). "
    if content.compared is not None:
        legend += f"Dashed line with squares: {escape(_compared_phrase(content))}. "
    legend += (
        "The rings are the five levels, from 1 at the centre to 5 at the rim. A gap in a line "
        "is an area that was not applicable (its spoke says n/a) or not rated."
    )
    story: list[Flowable] = [section_heading("charts"), paragraph(legend, styles.BODY_MUTED)]
    shown = 0
    for dimension in Dimension:
        title = paragraph(escape(DIMENSION_TITLES[dimension]), styles.SUBSECTION)
        chart = radar_chart(content, dimension, styles.FRAME_WIDTH, CHART_HEIGHT)
        if chart is None:
            continue
        if shown:
            story.append(page_break())
        shown += 1
        notes = [paragraph(_chart_caption(content, dimension), styles.BODY)]
        key = _spoke_key(content, dimension)
        if key:
            notes.append(paragraph(key, styles.SMALL))
        story.append(keep_together([title, chart, *notes]))
    if not shown:
        story.append(paragraph(muted("No area was in scope of this assessment."), styles.BODY))
    return story


# --- the per-area table -------------------------------------------------------------------------


def _level_cell(
    content: ReportContent, level: int | None, not_applicable: bool, known: bool
) -> Flowable:
    if not known:
        return paragraph(muted("–"), styles.CELL)
    if not_applicable:
        return paragraph("<b>n/a</b>", styles.CELL)
    if level is None:
        return paragraph(muted("not rated"), styles.CELL)
    name = level_name(content.framework, level)
    return paragraph(f"<b>{level}</b> {escape(name)}", styles.CELL)


def _change_text(change: int | None) -> str:
    if change is None:
        return ""
    if change > 0:
        return f"+{change}"
    if change < 0:
        return f"\u2212{-change}"
    return "0"


def _area_cell(content: ReportContent, row: AreaComparison) -> Flowable:
    markup = escape(row.name)
    reason = content.record.rating(row.area_key).not_applicable_reason
    if row.not_applicable and reason.strip():
        markup += "<br/>" + muted(f"<i>n/a: {escape(clip(' '.join(reason.split()), 160))}</i>")
    return paragraph(markup, styles.CELL)


def scores(content: ReportContent, options: Options) -> list[Flowable]:
    compared = content.compared
    in_scope = {area.key for area in content.areas}
    now_label = f"Now<br/>{short_date(content.assessment.date)}"
    if compared is not None:
        header = [
            "Area",
            now_label,
            f"{escape(compared.kind.capitalize())}<br/>{short_date(compared.assessment.date)}",
            "Change",
            "Verdict",
        ]
        widths = [60 * mm, 30 * mm, 30 * mm, 17 * mm, 33 * mm]
    else:
        header = ["Area", now_label, "Votes", "Proposed by the votes"]
        widths = [72 * mm, 36 * mm, 24 * mm, 38 * mm]
    data: list[list[Any]] = [
        [
            paragraph(cell, styles.CELL_HEAD_CENTER if cell == "Change" else styles.CELL_HEAD)
            for cell in header
        ]
    ]
    commands: list[TableCommand] = []
    for dimension in Dimension:
        rows = [row for row in content.rows if row.dimension is dimension]
        if not rows:
            continue
        index = len(data)
        data.append(
            [paragraph(escape(DIMENSION_TITLES[dimension]), styles.CELL_BOLD)]
            + [""] * (len(widths) - 1)
        )
        commands += [
            ("SPAN", (0, index), (-1, index)),
            ("TOPPADDING", (0, index), (-1, index), 8),
            ("LINEBELOW", (0, index), (-1, index), 0.6, styles.colour(styles.MUTED)),
        ]
        for stripe, row in enumerate(rows):
            known = row.area_key in in_scope
            cells: list[Any] = [
                _area_cell(content, row),
                _level_cell(content, row.level, row.not_applicable, known),
            ]
            if compared is not None:
                cells += [
                    _level_cell(
                        content,
                        row.compared_level,
                        row.compared_not_applicable,
                        compared.framework.has_area(row.area_key)
                        and row.area_key in compared.assessment.scope_keys,
                    ),
                    paragraph(_change_text(row.change), styles.CELL_CENTER),
                    paragraph(
                        verdict_markup(row.verdict)
                        + (
                            "<br/>" + muted(f"<font size=7>{escape(row.reason)}</font>")
                            if row.verdict is Verdict.NOT_COMPARABLE and row.reason
                            else ""
                        ),
                        styles.CELL,
                    ),
                ]
            else:
                from sre_workshop.scoring import tally_summary

                tally = tally_summary(content.record.rating(row.area_key).votes)
                cells += [
                    paragraph(str(tally.total) if tally.total else muted("none"), styles.CELL),
                    paragraph(
                        escape(level_text(content.framework, tally.proposed))
                        if tally.proposed is not None
                        else muted("–"),
                        styles.CELL,
                    ),
                ]
            row_index = len(data)
            data.append(cells)
            if stripe % 2:
                commands.append(
                    ("BACKGROUND", (0, row_index), (-1, row_index), styles.colour(styles.ZEBRA))
                )
    scores_table = table(
        data, widths, [*styles.table_style(len(data), zebra=False), *commands], repeat_rows=1
    )
    story: list[Flowable] = [section_heading("scores")]
    if compared is not None:
        story.append(
            paragraph(
                f"Each area's agreed level now and in {escape(_compared_phrase(content))}. "
                f"A change of less than {content.dead_band:g} levels counts as stagnating.",
                styles.BODY_MUTED,
            )
        )
    else:
        story.append(
            paragraph(
                "Each area's agreed level and the room's votes. There is no earlier assessment "
                "to compare with; the next reassessment will be compared with this one.",
                styles.BODY_MUTED,
            )
        )
    story += [gap(4), scores_table]
    return story


# --- next reassessment --------------------------------------------------------------------------


def next_reassessment(content: ReportContent, options: Options) -> list[Flowable]:
    assessment = content.assessment
    due = assessment.reassessment_due
    how = (
        "as agreed with the team"
        if assessment.next_reassessment is not None
        else "six months after this assessment"
    )
    open_hypotheses = sum(
        1
        for item in (*content.hypotheses_carried, *content.hypotheses_posed)
        if item.status.is_open
    )
    open_actions = sum(
        1 for item in (*content.actions_carried, *content.actions_posed) if item.status.is_open
    )
    baseline = (
        f"the original assessment of {long_date(content.compared.assessment.date)}"
        if content.compared is not None and content.compared.kind == "original"
        else "the team's original assessment"
    )
    story: list[Flowable] = [
        section_heading("next"),
        paragraph(
            f"The next reassessment of {escape(clip(content.team.name, 200))} is due on "
            f"<b>{long_date(due)}</b>, {how}.",
            styles.BODY,
        ),
        paragraph(
            f"It will compare the team with {baseline}, so that each area shows whether it is "
            "progressing, stagnating or regressing since the start. The open hypotheses and "
            "action items are reviewed then: at the time of this report "
            f"{plural(open_hypotheses, 'hypothesis', 'hypotheses')} and "
            f"{plural(open_actions, 'action item')} are open.",
            styles.BODY,
        ),
    ]
    return story


# --- appendix -----------------------------------------------------------------------------------


def appendix(content: ReportContent, options: Options) -> list[Flowable]:
    framework = content.framework
    header = [
        paragraph(text, styles.CELL_HEAD)
        for text in ("Level", "Westrum type", "What it looks like")
    ]
    rows: list[list[Any]] = [header]
    for level in framework.levels:
        rows.append(
            [
                paragraph(f"<b>{level.level}</b> {escape(level.name)}", styles.CELL),
                paragraph(escape(level.westrum.value), styles.CELL),
                paragraph(escape(level.summary), styles.CELL),
            ]
        )
    levels_table = table(
        rows,
        [40 * mm, 26 * mm, styles.FRAME_WIDTH - 66 * mm],
        styles.table_style(len(rows)),
        repeat_rows=1,
    )
    story: list[Flowable] = [
        section_heading("appendix"),
        paragraph(
            f"The five levels of {escape(framework.name)} (version {escape(framework.version)}), "
            "and what each level looks like in every area in scope.",
            styles.BODY_MUTED,
        ),
        gap(4),
        levels_table,
    ]
    for dimension in Dimension:
        areas = [area for area in content.areas if area.dimension is dimension]
        if not areas:
            continue
        story.append(paragraph(escape(DIMENSION_TITLES[dimension]), styles.SUBSECTION))
        for area in areas:
            area_rows: list[list[Any]] = []
            for level in framework.levels:
                area_rows.append(
                    [
                        paragraph(f"<b>{level.level}</b> {escape(level.name)}", styles.CELL_MUTED),
                        paragraph(escape(area.level_description(level.level)), styles.CELL),
                    ]
                )
            area_table = table(
                area_rows,
                [40 * mm, styles.FRAME_WIDTH - 40 * mm],
                styles.table_style(len(area_rows), header=False),
            )
            story += [keep_with_next(paragraph(escape(area.name), styles.MINOR)), area_table]
    return story
