"""What the agenda and the projector show, built from the capture session's current state.

Pure functions from core objects to the frozen view objects of the agenda model and the
presenter window. The presenter's content is assembled here field by field from public things
only (area, question, level texts, agreed level, radar, revealed tallies): nothing the coach
typed is read, so nothing private can reach the projector.
"""

from __future__ import annotations

from collections.abc import Collection

from sre_workshop.capture import CaptureSession
from sre_workshop.charts import RadarPoint, radar_points
from sre_workshop.model import LEVELS, Area, Dimension
from ui.voting.presenter_join import PresenterRoom
from ui.workshop.agenda_model import AgendaEntry
from ui.workshop.navigation import Agenda, Position
from ui.workshop.presenter_window import PresenterContent, PresenterLevel


def agenda_entry(session: CaptureSession, area: Area, *, visited: bool) -> AgendaEntry:
    """One area's progress: agreed level, questions with something captured, flags."""
    rating = session.rating(area.key)
    questions = area.flat_questions()
    answers = [session.answer(flat.question.key) for flat in questions]
    level_name = session.framework.level(rating.level).name if rating.level is not None else ""
    return AgendaEntry(
        area_key=area.key,
        name=area.name,
        dimension=area.dimension,
        level=rating.level,
        level_name=level_name,
        not_applicable=rating.not_applicable,
        answered=sum(not answer.is_empty for answer in answers),
        questions=len(questions),
        flagged=sum(answer.follow_up for answer in answers),
        visited=visited,
    )


def dimension_points(
    session: CaptureSession, agenda: Agenda, dimension: Dimension
) -> tuple[RadarPoint, ...]:
    """Radar points of the in-scope areas of ``dimension``, in agenda order."""
    keys = [area.key for area in agenda.areas if area.dimension is dimension]
    if not keys:
        return ()
    return radar_points(session.snapshot(), session.framework, dimension, areas=keys)


def presenter_content(
    session: CaptureSession,
    agenda: Agenda,
    position: Position,
    *,
    title: str,
    revealed: Collection[str],
    room: PresenterRoom | None = None,
) -> PresenterContent:
    """The projector's content at ``position``; tallies only for areas in ``revealed``."""
    area = agenda.areas[position.area]
    questions = agenda.questions(position.area)
    flat = agenda.question(position)
    if flat is None:
        question_text = "Discuss the levels below and agree one."
        question_position = "No questions in this area"
    else:
        question_text = flat.question.text
        question_position = f"Question {position.question + 1} of {len(questions)}"
        parent = agenda.parent_number(position)
        if parent is not None:
            question_position = f"Follow-up to question {parent} · {question_position}"
    rating = session.rating(area.key)
    survey = session.survey_tally(area.key)
    is_revealed = area.key in revealed
    has_survey = area.survey_statement is not None
    return PresenterContent(
        title=title,
        dimension=area.dimension.label,
        area_name=area.name,
        area_position=f"Area {position.area + 1} of {len(agenda)}",
        question_text=question_text,
        question_position=question_position,
        question_depth=flat.depth if flat is not None else 0,
        levels=tuple(
            PresenterLevel(
                level, session.framework.level(level).name, area.level_description(level)
            )
            for level in LEVELS
        ),
        agreed_level=rating.level,
        not_applicable=rating.not_applicable,
        radar_points=dimension_points(session, agenda, area.dimension),
        radar_title=f"{area.dimension.label}: levels agreed so far",
        votes_revealed=is_revealed,
        votes=tuple(rating.votes) if is_revealed else None,
        votes_cast=(
            room.votes_cast
            if room is not None and room.counts_round_on(area.key, survey=False)
            else sum(rating.votes)
        ),
        survey_statement=area.survey_statement,
        survey_counts=tuple(survey.counts) if is_revealed and has_survey else None,
        survey_answers=(
            room.votes_cast
            if room is not None and room.counts_round_on(area.key, survey=True)
            else (survey.total if has_survey else 0)
        ),
        room=room,
    )
