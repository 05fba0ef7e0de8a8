"""Where the workshop is: the agenda's areas in order, their questions, and moving through them.

Pure Python over the core's ``Area`` objects (no Qt), so the rules are simple to read and test:
next and previous question cross into the neighbouring area at the ends; next and previous area
go to that area's first question. Follow-up questions come right after their parent, in the
order of :meth:`sre_workshop.model.Area.flat_questions`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sre_workshop.model import Area, FlatQuestion, Framework


@dataclass(frozen=True)
class Position:
    area: int
    question: int  # 0 when the area has no questions


class Agenda:
    """The areas in scope, in agenda order, with their questions flattened."""

    def __init__(self, areas: Sequence[Area]) -> None:
        self.areas: tuple[Area, ...] = tuple(areas)
        self._questions = tuple(area.flat_questions() for area in self.areas)
        self._area_of_question = {
            flat.question.key: index
            for index, questions in enumerate(self._questions)
            for flat in questions
        }

    def __len__(self) -> int:
        return len(self.areas)

    def questions(self, area: int) -> tuple[FlatQuestion, ...]:
        return self._questions[area]

    def question(self, position: Position) -> FlatQuestion | None:
        questions = self._questions[position.area]
        return questions[position.question] if 0 <= position.question < len(questions) else None

    def area_index(self, area_key: str) -> int | None:
        for index, area in enumerate(self.areas):
            if area.key == area_key:
                return index
        return None

    def locate_question(self, question_key: str) -> Position | None:
        area = self._area_of_question.get(question_key)
        if area is None:
            return None
        for index, flat in enumerate(self._questions[area]):
            if flat.question.key == question_key:
                return Position(area, index)
        return None  # pragma: no cover - the map and the lists agree

    def area_key_of_question(self, question_key: str) -> str | None:
        area = self._area_of_question.get(question_key)
        return self.areas[area].key if area is not None else None

    def parent_number(self, position: Position) -> int | None:
        """1-based number of the question a follow-up belongs to (None for top level)."""
        flat = self.question(position)
        if flat is None or flat.parent_key is None:
            return None
        for index, other in enumerate(self._questions[position.area]):
            if other.question.key == flat.parent_key:
                return index + 1
        return None

    # --- moving ----------------------------------------------------------------------------

    def first(self) -> Position | None:
        return Position(0, 0) if self.areas else None

    def next_question(self, position: Position) -> Position | None:
        if position.question + 1 < len(self._questions[position.area]):
            return Position(position.area, position.question + 1)
        return self.next_area(position)

    def previous_question(self, position: Position) -> Position | None:
        if position.question > 0:
            return Position(position.area, position.question - 1)
        if position.area == 0:
            return None
        area = position.area - 1
        return Position(area, max(0, len(self._questions[area]) - 1))

    def next_area(self, position: Position) -> Position | None:
        return Position(position.area + 1, 0) if position.area + 1 < len(self.areas) else None

    def previous_area(self, position: Position) -> Position | None:
        return Position(position.area - 1, 0) if position.area > 0 else None


def scope_agenda(framework: Framework, scope_keys: Iterable[str]) -> Agenda:
    """The areas in scope grouped by dimension, dimensions in the framework's order (keys the
    framework does not know are left out)."""
    in_scope = [framework.area(key) for key in scope_keys if framework.has_area(key)]
    dimensions = list(dict.fromkeys(area.dimension for area in framework.areas))
    return Agenda(
        [area for dimension in dimensions for area in in_scope if area.dimension is dimension]
    )
