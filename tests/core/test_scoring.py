"""Tests for sre_workshop.scoring: tallies, bands, dimension means, comparison and history.

Frameworks are built by hand here so these tests do not depend on the built-in framework file.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from sre_workshop import scoring
from sre_workshop.model import (
    Area,
    AreaRating,
    Assessment,
    AssessmentRecord,
    Dimension,
    Framework,
    LevelDefinition,
    ScopeItem,
    SurveyTally,
    WestrumType,
    new_id,
)
from sre_workshop.scoring import (
    DEFAULT_DEAD_BAND,
    AreaComparison,
    TallySummary,
    Verdict,
    compare_assessments,
    dimension_scores,
    level_band,
    proposed_level,
    score_assessment,
    strongest_and_weakest,
    survey_band,
    survey_score,
    tally_median,
    tally_summary,
    team_history,
    verdict_counts,
    verdict_for,
)

TEAM_ID = new_id()
C, P = Dimension.CULTURE, Dimension.PROCESS


def make_area(key: str, dimension: Dimension, name: str | None = None) -> Area:
    return Area(
        key=key,
        dimension=dimension,
        name=name or key.split(".")[-1].replace("-", " ").capitalize(),
        description="",
        questions=(),
        level_descriptions=("one", "two", "three", "four", "five"),
        survey_statement="We agree." if dimension is C else None,
    )


def make_framework(
    *areas: tuple[str, Dimension] | tuple[str, Dimension, str], version: str = "1.0"
) -> Framework:
    levels = tuple(LevelDefinition(n, f"L{n}", "", WestrumType.BUREAUCRATIC) for n in range(1, 6))
    return Framework(
        id="test",
        version=version,
        name="Test framework",
        description="",
        levels=levels,
        areas=tuple(make_area(*spec) for spec in areas),
    )


def make_record(
    framework: Framework,
    scope: list[str],
    ratings: dict[str, int | None] | None = None,
    *,
    na: tuple[str, ...] = (),
    survey: dict[str, tuple[int, int, int, int, int, int, int]] | None = None,
    date: dt.date = dt.date(2024, 3, 1),
    assessment_id: str | None = None,
) -> AssessmentRecord:
    assessment = Assessment(
        id=assessment_id or new_id(),
        team_id=TEAM_ID,
        framework=framework.ref,
        date=date,
        scope=tuple(ScopeItem(key, 10) for key in scope),
    )
    rating_objects = [AreaRating(key, level) for key, level in (ratings or {}).items()]
    rating_objects += [
        AreaRating(key, not_applicable=True, not_applicable_reason="no") for key in na
    ]
    tallies = tuple(SurveyTally(key, counts) for key, counts in (survey or {}).items())
    return AssessmentRecord(assessment, ratings=tuple(rating_objects), survey=tallies)


FRAMEWORK = make_framework(
    ("culture.cooperation", C),
    ("culture.messengers", C),
    ("culture.risks", C),
    ("process.support", P),
    ("process.on-call", P),
    ("process.incidents", P),
    ("process.access", P),
)
ALL_KEYS = [area.key for area in FRAMEWORK.areas]


# --- tallies ------------------------------------------------------------------------------------


class TestTallies:
    def test_empty_tally_has_no_median_or_level(self) -> None:
        assert tally_median((0, 0, 0, 0, 0)) is None
        assert tally_median(()) is None
        assert proposed_level((0, 0, 0, 0, 0)) is None
        assert tally_summary((0, 0, 0, 0, 0)) == TallySummary(0, None, None, None)

    def test_one_vote(self) -> None:
        assert proposed_level((0, 0, 0, 1, 0)) == 4
        assert tally_summary((0, 0, 0, 1, 0)) == TallySummary(1, 4, 4, 4)

    def test_odd_count_takes_the_middle_vote(self) -> None:
        # votes 1, 1, 5 -> median 1
        assert proposed_level((2, 0, 0, 0, 1)) == 1
        # votes 2, 3, 5 -> 3
        assert proposed_level((0, 1, 1, 0, 1)) == 3

    def test_even_count_between_two_levels_rounds_down(self) -> None:
        assert tally_median((0, 1, 1, 0, 0)) == 2.5
        assert proposed_level((0, 1, 1, 0, 0)) == 2
        # 2, 2, 3, 3 -> between 2 and 3 -> 2
        assert proposed_level((0, 2, 2, 0, 0)) == 2
        # 4, 5 -> 4
        assert proposed_level((0, 0, 0, 1, 1)) == 4

    def test_even_count_whose_median_is_a_level_is_not_rounded(self) -> None:
        # 2 and 4: the median 3 is a level of its own
        assert tally_median((0, 1, 0, 1, 0)) == 3.0
        assert proposed_level((0, 1, 0, 1, 0)) == 3
        # 1 and 5 -> 3
        assert proposed_level((1, 0, 0, 0, 1)) == 3

    def test_worked_example_from_the_docs(self) -> None:
        # 2, 3, 3, 3, 4, 4, 4, 5: middle votes 3 and 4 -> 3.5 -> 3
        assert tally_median((0, 1, 3, 3, 1)) == 3.5
        assert tally_summary((0, 1, 3, 3, 1)) == TallySummary(8, 3, 2, 5)

    def test_even_count_with_equal_middle_votes(self) -> None:
        # 1, 3, 3, 5 -> 3
        assert proposed_level((1, 0, 2, 0, 1)) == 3

    def test_summary_spread(self) -> None:
        summary = tally_summary((0, 3, 4, 0, 1))
        assert summary == TallySummary(total=8, proposed=3, lowest=2, highest=5)
        assert summary.spread == 3
        assert tally_summary((0, 0, 0, 0, 0)).spread is None

    def test_seven_point_scale(self) -> None:
        # answers 6, 7, 7 on a 1..7 scale
        assert tally_median((0, 0, 0, 0, 0, 1, 2)) == 7.0
        # answers 1 and 7 -> 4
        assert tally_median((1, 0, 0, 0, 0, 0, 1)) == 4.0
        # answers 3, 4 -> 3.5
        assert tally_median((0, 0, 1, 1, 0, 0, 0)) == 3.5

    def test_first_value_shifts_the_scale(self) -> None:
        assert tally_median((1, 2, 0), first_value=0) == 1.0
        assert tally_median((0, 0, 1), first_value=10) == 12.0

    @pytest.mark.parametrize("bad", [(-1, 0, 0, 0, 0), (0, 1.5, 0, 0, 0), (True, 0, 0, 0, 0)])
    def test_bad_counts_are_refused(self, bad: tuple[int, ...]) -> None:
        with pytest.raises(ValueError, match="whole numbers"):
            tally_median(bad)
        with pytest.raises(ValueError):
            proposed_level(bad)


# --- survey and bands ---------------------------------------------------------------------------


class TestSurveyAndBands:
    def test_survey_score_is_the_mean_of_all_answers(self) -> None:
        tallies = [
            SurveyTally("a", (0, 0, 0, 0, 0, 0, 2)),  # 7, 7
            SurveyTally("b", (1, 0, 0, 0, 0, 0, 0)),  # 1
        ]
        # each answer weighs the same: (7 + 7 + 1) / 3, not the mean of statement means (4.0)
        assert survey_score(tallies) == pytest.approx(5.0)

    def test_survey_score_without_answers(self) -> None:
        assert survey_score([]) is None
        assert survey_score([SurveyTally("a"), SurveyTally("b")]) is None

    def test_survey_score_accepts_any_iterable(self) -> None:
        assert survey_score(SurveyTally(k, (0, 0, 0, 1, 0, 0, 0)) for k in "abc") == 4.0

    @pytest.mark.parametrize(
        ("score", "band"),
        [
            (None, None),
            (math.nan, None),
            (1.0, WestrumType.PATHOLOGICAL),
            (2.999, WestrumType.PATHOLOGICAL),
            (3.0, WestrumType.BUREAUCRATIC),
            (4.0, WestrumType.BUREAUCRATIC),
            (5.0, WestrumType.BUREAUCRATIC),
            (5.001, WestrumType.GENERATIVE),
            (7.0, WestrumType.GENERATIVE),
        ],
    )
    def test_survey_band(self, score: float | None, band: WestrumType | None) -> None:
        assert survey_band(score) is band

    @pytest.mark.parametrize(
        ("mean", "band"),
        [
            (None, None),
            (1.0, WestrumType.PATHOLOGICAL),
            (2.49, WestrumType.PATHOLOGICAL),
            (2.5, WestrumType.BUREAUCRATIC),
            (3.0, WestrumType.BUREAUCRATIC),
            (3.5, WestrumType.BUREAUCRATIC),
            (3.51, WestrumType.GENERATIVE),
            (5.0, WestrumType.GENERATIVE),
        ],
    )
    def test_level_band(self, mean: float | None, band: WestrumType | None) -> None:
        assert level_band(mean) is band

    def test_thresholds_are_module_constants(self) -> None:
        assert scoring.SURVEY_BUREAUCRATIC_FROM == 3.0
        assert scoring.SURVEY_GENERATIVE_ABOVE == 5.0
        assert scoring.LEVEL_BUREAUCRATIC_FROM == 2.5
        assert scoring.LEVEL_GENERATIVE_ABOVE == 3.5


# --- one assessment -----------------------------------------------------------------------------


class TestDimensionScores:
    def test_mean_rated_not_applicable_and_unrated(self) -> None:
        record = make_record(
            FRAMEWORK,
            ALL_KEYS,
            {"culture.cooperation": 2, "culture.messengers": 3, "process.support": 4},
            na=("process.on-call",),
        )
        scores = dimension_scores(record, FRAMEWORK)
        assert set(scores) == {C, P}
        culture = scores[C]
        assert culture.mean == 2.5
        assert culture.rated == ("culture.cooperation", "culture.messengers")
        assert culture.unrated == ("culture.risks",)
        assert culture.not_applicable == ()
        assert culture.band is WestrumType.BUREAUCRATIC
        process = scores[P]
        assert process.mean == 4.0  # the not-applicable area is left out, not counted as 0
        assert process.rated == ("process.support",)
        assert process.not_applicable == ("process.on-call",)
        assert process.unrated == ("process.incidents", "process.access")
        assert process.band is WestrumType.GENERATIVE

    def test_only_in_scope_areas_count(self) -> None:
        record = make_record(
            FRAMEWORK,
            ["culture.cooperation", "process.support"],
            {"culture.cooperation": 1, "culture.messengers": 5, "process.support": 3},
        )
        scores = dimension_scores(record, FRAMEWORK)
        assert scores[C].mean == 1.0
        assert scores[C].rated == ("culture.cooperation",)
        assert scores[C].unrated == ()  # out-of-scope areas are in no list
        assert scores[P].mean == 3.0

    def test_all_not_applicable(self) -> None:
        keys = ["process.support", "process.on-call"]
        record = make_record(FRAMEWORK, keys, na=tuple(keys))
        process = dimension_scores(record, FRAMEWORK)[P]
        assert process.mean is None
        assert process.band is None
        assert process.not_applicable == tuple(keys)
        assert process.rated == ()

    def test_empty_scope_still_has_both_dimensions(self) -> None:
        scores = dimension_scores(make_record(FRAMEWORK, []), FRAMEWORK)
        assert set(scores) == {C, P}
        assert all(score.mean is None for score in scores.values())

    def test_unknown_scope_keys_are_ignored(self) -> None:
        record = make_record(
            FRAMEWORK,
            ["process.gone", "process.support"],
            {"process.gone": 1, "process.support": 5},
        )
        scores = dimension_scores(record, FRAMEWORK)
        assert scores[P].mean == 5.0
        assert scores[P].rated == ("process.support",)


class TestScoreAssessment:
    def test_survey_counts_only_in_scope_culture_aspects(self) -> None:
        record = make_record(
            FRAMEWORK,
            ["culture.cooperation", "culture.messengers", "process.support"],
            {"culture.cooperation": 4},
            survey={
                "culture.cooperation": (0, 0, 0, 0, 0, 2, 0),  # 6, 6
                "culture.messengers": (0, 0, 0, 0, 1, 0, 0),  # 5
                "culture.risks": (5, 0, 0, 0, 0, 0, 0),  # out of scope
                "process.support": (5, 0, 0, 0, 0, 0, 0),  # not a culture aspect
            },
        )
        result = score_assessment(record, FRAMEWORK)
        assert result.survey_answers == 3
        assert result.survey_score == pytest.approx(17 / 3)
        assert result.survey_band is WestrumType.GENERATIVE
        assert result.dimensions[C].mean == 4.0

    def test_no_survey(self) -> None:
        result = score_assessment(make_record(FRAMEWORK, ALL_KEYS), FRAMEWORK)
        assert result.survey_score is None
        assert result.survey_band is None
        assert result.survey_answers == 0

    def test_survey_band_boundary(self) -> None:
        record = make_record(
            FRAMEWORK,
            ["culture.cooperation"],
            survey={"culture.cooperation": (0, 0, 1, 0, 0, 0, 0)},
        )
        assert score_assessment(record, FRAMEWORK).survey_band is WestrumType.BUREAUCRATIC


class TestStrongestAndWeakest:
    def make(
        self, levels: dict[str, int | None], scope: list[str] | None = None
    ) -> AssessmentRecord:
        return make_record(FRAMEWORK, scope or ALL_KEYS, levels)

    def test_enough_areas(self) -> None:
        record = self.make(
            {
                "culture.cooperation": 3,
                "culture.messengers": 5,
                "culture.risks": 1,
                "process.support": 4,
                "process.on-call": 2,
                "process.incidents": 4,
                "process.access": 2,
            }
        )
        strongest, weakest = strongest_and_weakest(record, FRAMEWORK)
        assert strongest == ("culture.messengers", "process.support", "process.incidents")
        assert weakest == ("culture.risks", "process.on-call", "process.access")

    def test_ties_follow_framework_order_and_never_overlap(self) -> None:
        record = self.make(dict.fromkeys(ALL_KEYS[:6], 3))
        strongest, weakest = strongest_and_weakest(record, FRAMEWORK)
        assert strongest == tuple(ALL_KEYS[:3])
        assert weakest == tuple(ALL_KEYS[3:6])

    def test_fewer_than_twice_count_are_split(self) -> None:
        record = self.make(
            {
                "culture.cooperation": 1,
                "culture.messengers": 5,
                "culture.risks": 3,
                "process.support": 2,
                "process.on-call": 4,
            }
        )
        strongest, weakest = strongest_and_weakest(record, FRAMEWORK)
        assert strongest == ("culture.messengers", "process.on-call", "culture.risks")
        assert weakest == ("culture.cooperation", "process.support")
        assert not set(strongest) & set(weakest)

    def test_four_rated_split_two_and_two(self) -> None:
        record = self.make({key: n for n, key in enumerate(ALL_KEYS[:4], start=1)})
        strongest, weakest = strongest_and_weakest(record, FRAMEWORK)
        assert strongest == (ALL_KEYS[3], ALL_KEYS[2])
        assert weakest == (ALL_KEYS[0], ALL_KEYS[1])

    def test_one_rated_area_is_only_strongest(self) -> None:
        record = self.make({"process.support": 2})
        assert strongest_and_weakest(record, FRAMEWORK) == (("process.support",), ())

    def test_nothing_rated(self) -> None:
        record = make_record(FRAMEWORK, ALL_KEYS, na=("process.support",))
        assert strongest_and_weakest(record, FRAMEWORK) == ((), ())

    def test_out_of_scope_and_not_applicable_are_left_out(self) -> None:
        record = make_record(
            FRAMEWORK,
            ["culture.cooperation", "culture.messengers", "process.support"],
            {"culture.cooperation": 2, "process.support": 4, "process.access": 5},
            na=("culture.messengers",),
        )
        assert strongest_and_weakest(record, FRAMEWORK) == (
            ("process.support",),
            ("culture.cooperation",),
        )

    def test_count(self) -> None:
        record = self.make({key: 1 + n % 5 for n, key in enumerate(ALL_KEYS)})
        strongest, weakest = strongest_and_weakest(record, FRAMEWORK, count=1)
        assert len(strongest) == 1
        assert len(weakest) == 1
        assert strongest_and_weakest(record, FRAMEWORK, count=0) == ((), ())
        with pytest.raises(ValueError):
            strongest_and_weakest(record, FRAMEWORK, count=-1)


# --- verdicts -----------------------------------------------------------------------------------


class TestVerdicts:
    def test_values_and_symbols(self) -> None:
        assert [v.value for v in Verdict] == [
            "progressing",
            "stagnating",
            "regressing",
            "not comparable",
        ]
        symbols = [v.symbol for v in Verdict]
        assert symbols == ["▲", "▬", "▼", "–"]
        assert Verdict.PROGRESSING.label == "progressing"

    def test_symbols_are_in_dejavu_sans(self) -> None:
        from matplotlib import font_manager, ft2font

        font = ft2font.FT2Font(font_manager.findfont("DejaVu Sans", fallback_to_default=False))
        charmap = font.get_charmap()
        for verdict in Verdict:
            assert ord(verdict.symbol) in charmap, verdict

    @pytest.mark.parametrize(
        ("change", "band", "verdict"),
        [
            (None, 0.5, Verdict.NOT_COMPARABLE),
            (math.nan, 0.5, Verdict.NOT_COMPARABLE),
            (0, 0.5, Verdict.STAGNATING),
            (0.49, 0.5, Verdict.STAGNATING),
            (-0.49, 0.5, Verdict.STAGNATING),
            (0.5, 0.5, Verdict.PROGRESSING),  # exactly the dead band is a move
            (-0.5, 0.5, Verdict.REGRESSING),
            (1, 0.5, Verdict.PROGRESSING),
            (-2, 0.5, Verdict.REGRESSING),
            (1, 1.0, Verdict.PROGRESSING),
            (-1, 1.0, Verdict.REGRESSING),
            (0.99, 1.0, Verdict.STAGNATING),
            (1, 1.5, Verdict.STAGNATING),
            (0, 0.0, Verdict.STAGNATING),  # no change is never a move
            (0.1, 0.0, Verdict.PROGRESSING),
            (3.7 - 3.2, 0.5, Verdict.PROGRESSING),  # float noise at the boundary
            (0.3 + 0.2 - 1e-12, 0.5, Verdict.PROGRESSING),
        ],
    )
    def test_verdict_for(self, change: float | None, band: float, verdict: Verdict) -> None:
        assert verdict_for(change, band) is verdict

    def test_default_dead_band(self) -> None:
        assert DEFAULT_DEAD_BAND == 0.5
        assert verdict_for(0.5) is Verdict.PROGRESSING
        assert verdict_for(0.4) is Verdict.STAGNATING

    @pytest.mark.parametrize("band", [-0.1, -1, math.nan, math.inf])
    def test_bad_dead_band_is_refused(self, band: float) -> None:
        with pytest.raises(ValueError, match="dead band"):
            verdict_for(1, band)
        with pytest.raises(ValueError, match="dead band"):
            verdict_for(None, band)


# --- comparison ---------------------------------------------------------------------------------

V1 = make_framework(
    ("culture.cooperation", C, "High cooperation"),
    ("process.support", P, "Support"),
    ("process.old", P, "Old area"),
    ("process.on-call", P, "On-call"),
    version="1.0",
)
V2 = make_framework(
    ("culture.cooperation", C, "High cooperation"),
    ("process.support", P, "Customer support"),  # renamed
    ("process.on-call", P, "On-call"),
    ("process.new", P, "New area"),
    version="1.1",
)


def rows_by_key(rows: tuple[AreaComparison, ...]) -> dict[str, AreaComparison]:
    return {row.area_key: row for row in rows}


class TestCompareAssessments:
    def test_same_framework(self) -> None:
        then = make_record(FRAMEWORK, ALL_KEYS, {"process.support": 2, "process.on-call": 3})
        now = make_record(FRAMEWORK, ALL_KEYS, {"process.support": 4, "process.on-call": 3})
        rows = compare_assessments(now, FRAMEWORK, then, FRAMEWORK)
        assert [row.area_key for row in rows] == ALL_KEYS
        support = rows_by_key(rows)["process.support"]
        assert (support.level, support.compared_level, support.change) == (4, 2, 2)
        assert support.verdict is Verdict.PROGRESSING
        assert support.reason == ""
        on_call = rows_by_key(rows)["process.on-call"]
        assert on_call.change == 0
        assert on_call.verdict is Verdict.STAGNATING
        assert rows_by_key(rows)["culture.cooperation"].reason == ("not rated now; not rated then")

    def test_across_framework_versions(self) -> None:
        then = make_record(
            V1,
            ["culture.cooperation", "process.support", "process.old", "process.on-call"],
            {
                "culture.cooperation": 3,
                "process.support": 2,
                "process.old": 4,
                "process.on-call": 4,
            },
        )
        now = make_record(
            V2,
            ["culture.cooperation", "process.support", "process.on-call", "process.new"],
            {
                "culture.cooperation": 2,
                "process.support": 3,
                "process.on-call": 4,
                "process.new": 2,
            },
        )
        rows = compare_assessments(now, V2, then, V1)
        # current framework order first, then areas only the compared framework has
        assert [row.area_key for row in rows] == [
            "culture.cooperation",
            "process.support",
            "process.on-call",
            "process.new",
            "process.old",
        ]
        by_key = rows_by_key(rows)
        assert by_key["culture.cooperation"].verdict is Verdict.REGRESSING
        support = by_key["process.support"]
        assert support.name == "Customer support"  # the current framework's name
        assert support.verdict is Verdict.PROGRESSING
        new = by_key["process.new"]
        assert new.verdict is Verdict.NOT_COMPARABLE
        assert new.reason == "new in framework 1.1"
        assert (new.level, new.compared_level, new.change) == (2, None, None)
        old = by_key["process.old"]
        assert old.verdict is Verdict.NOT_COMPARABLE
        assert old.reason == "no longer in framework 1.1"
        assert old.name == "Old area"
        assert old.dimension is P
        assert (old.level, old.compared_level) == (None, 4)
        assert verdict_counts(rows) == {
            Verdict.PROGRESSING: 1,
            Verdict.STAGNATING: 1,
            Verdict.REGRESSING: 1,
            Verdict.NOT_COMPARABLE: 2,
        }

    def test_not_applicable_on_either_side(self) -> None:
        keys = ["process.support", "process.on-call", "process.incidents"]
        then = make_record(
            FRAMEWORK, keys, {"process.support": 3, "process.incidents": 2}, na=("process.on-call",)
        )
        now = make_record(
            FRAMEWORK, keys, {"process.on-call": 3, "process.incidents": 2}, na=("process.support",)
        )
        by_key = rows_by_key(compare_assessments(now, FRAMEWORK, then, FRAMEWORK))
        support = by_key["process.support"]
        assert support.verdict is Verdict.NOT_COMPARABLE
        assert support.reason == "not applicable now"
        assert support.not_applicable is True
        assert support.compared_not_applicable is False
        assert support.level is None
        assert support.compared_level == 3
        on_call = by_key["process.on-call"]
        assert on_call.reason == "not applicable then"
        assert on_call.compared_not_applicable is True
        assert on_call.change is None
        assert by_key["process.incidents"].verdict is Verdict.STAGNATING

    def test_scope_differences(self) -> None:
        then = make_record(
            FRAMEWORK,
            ["process.support", "process.on-call"],
            {"process.support": 3, "process.on-call": 2, "process.access": 5},
        )
        now = make_record(
            FRAMEWORK,
            ["process.on-call", "process.incidents"],
            {"process.support": 1, "process.on-call": 2, "process.incidents": 4},
        )
        rows = compare_assessments(now, FRAMEWORK, then, FRAMEWORK)
        # the union of both scopes, nothing else (process.access was rated but out of scope)
        assert [row.area_key for row in rows] == [
            "process.support",
            "process.on-call",
            "process.incidents",
        ]
        by_key = rows_by_key(rows)
        support = by_key["process.support"]
        assert support.reason == "not in scope now"
        assert support.level is None  # the stray rating outside the scope does not count
        assert support.compared_level == 3
        assert by_key["process.incidents"].reason == "not in scope then"
        assert by_key["process.incidents"].level == 4
        assert by_key["process.on-call"].verdict is Verdict.STAGNATING

    def test_unrated_sides(self) -> None:
        keys = ["process.support", "process.on-call"]
        then = make_record(FRAMEWORK, keys, {"process.support": 3})
        now = make_record(FRAMEWORK, keys, {"process.on-call": 3})
        by_key = rows_by_key(compare_assessments(now, FRAMEWORK, then, FRAMEWORK))
        assert by_key["process.support"].reason == "not rated now"
        assert by_key["process.on-call"].reason == "not rated then"

    def test_both_sides_explain(self) -> None:
        then = make_record(V1, ["process.support"], na=("process.support",))
        now = make_record(V2, ["process.new"])
        by_key = rows_by_key(compare_assessments(now, V2, then, V1))
        assert by_key["process.new"].reason == "not rated now; new in framework 1.1"
        assert by_key["process.support"].reason == "not in scope now; not applicable then"

    def test_no_comparison(self) -> None:
        now = make_record(FRAMEWORK, ["process.support", "culture.risks"], {"process.support": 4})
        rows = compare_assessments(now, FRAMEWORK, None, None)
        assert [row.area_key for row in rows] == ["culture.risks", "process.support"]
        assert all(row.verdict is Verdict.NOT_COMPARABLE for row in rows)
        assert all(row.reason == "no comparison" for row in rows)
        assert rows_by_key(rows)["process.support"].level == 4
        # a framework without a compared assessment is fine too
        assert compare_assessments(now, FRAMEWORK, None, FRAMEWORK) == rows

    def test_compared_without_framework_is_refused(self) -> None:
        record = make_record(FRAMEWORK, ALL_KEYS)
        with pytest.raises(ValueError, match="framework"):
            compare_assessments(record, FRAMEWORK, record, None)

    def test_unknown_scope_keys_are_ignored(self) -> None:
        then = make_record(FRAMEWORK, ["process.support", "bogus"], {"process.support": 2})
        now = make_record(FRAMEWORK, ["process.support", "other"], {"process.support": 2})
        rows = compare_assessments(now, FRAMEWORK, then, FRAMEWORK)
        assert [row.area_key for row in rows] == ["process.support"]

    def test_dead_band_is_passed_on(self) -> None:
        then = make_record(FRAMEWORK, ["process.support"], {"process.support": 2})
        now = make_record(FRAMEWORK, ["process.support"], {"process.support": 3})
        assert compare_assessments(now, FRAMEWORK, then, FRAMEWORK)[0].verdict is (
            Verdict.PROGRESSING
        )
        wide = compare_assessments(now, FRAMEWORK, then, FRAMEWORK, dead_band=1.5)
        assert wide[0].verdict is Verdict.STAGNATING
        with pytest.raises(ValueError):
            compare_assessments(now, FRAMEWORK, then, FRAMEWORK, dead_band=-1)

    def test_verdict_counts_has_every_key(self) -> None:
        assert verdict_counts([]) == dict.fromkeys(Verdict, 0)
        assert list(verdict_counts([])) == list(Verdict)


# --- history ------------------------------------------------------------------------------------


class TestTeamHistory:
    def test_empty(self) -> None:
        assert team_history([]) == ()

    def test_dates_gaps_renames_and_order(self) -> None:
        first = make_record(
            V1,
            ["process.support", "process.old", "culture.cooperation"],
            {"process.support": 1, "process.old": 2, "culture.cooperation": 2},
            date=dt.date(2024, 1, 10),
        )
        second = make_record(
            V2,
            ["process.support", "process.new", "process.on-call"],
            {"process.support": 3, "process.new": 2},
            na=("process.on-call",),
            date=dt.date(2025, 1, 10),
        )
        middle = make_record(
            V1,
            ["process.support", "process.old"],
            {"process.support": 2},
            date=dt.date(2024, 7, 10),
        )
        # given out of date order on purpose
        history = team_history([(second, V2), (first, V1), (middle, V1)])
        assert [area.area_key for area in history] == [
            "culture.cooperation",  # culture first
            "process.support",  # then the newest framework's order
            "process.on-call",
            "process.new",
            "process.old",  # then areas the newest framework no longer has
        ]
        by_key = {area.area_key: area for area in history}
        ids = [first.assessment.id, middle.assessment.id, second.assessment.id]
        for area in history:
            assert [point.assessment_id for point in area.points] == ids
            assert [point.date for point in area.points] == [
                dt.date(2024, 1, 10),
                dt.date(2024, 7, 10),
                dt.date(2025, 1, 10),
            ]
        support = by_key["process.support"]
        assert support.name == "Customer support"  # renamed in 1.1: the newest name wins
        assert support.levels == (1, 2, 3)
        assert all(point.assessed for point in support.points)

        old = by_key["process.old"]
        assert old.name == "Old area"
        assert old.levels == (2, None, None)
        assert [p.assessed for p in old.points] == [True, True, False]  # gone from 1.1

        new = by_key["process.new"]
        assert [p.assessed for p in new.points] == [False, False, True]
        assert new.levels == (None, None, 2)

        on_call = by_key["process.on-call"]
        assert [p.assessed for p in on_call.points] == [False, False, True]
        assert on_call.points[2].not_applicable is True
        assert on_call.points[2].level is None

        cooperation = by_key["culture.cooperation"]
        assert cooperation.dimension is C
        assert cooperation.levels == (2, None, None)
        assert [p.assessed for p in cooperation.points] == [True, False, False]

    def test_ties_keep_the_given_order(self) -> None:
        day = dt.date(2024, 5, 5)
        a = make_record(FRAMEWORK, ["process.support"], {"process.support": 1}, date=day)
        b = make_record(FRAMEWORK, ["process.support"], {"process.support": 2}, date=day)
        history = team_history([(a, FRAMEWORK), (b, FRAMEWORK)])
        assert history[0].levels == (1, 2)
        history = team_history([(b, FRAMEWORK), (a, FRAMEWORK)])
        assert history[0].levels == (2, 1)

    def test_newest_by_date_names_the_area(self) -> None:
        old = make_record(V1, ["process.support"], {"process.support": 1}, date=dt.date(2023, 1, 1))
        new = make_record(V2, ["process.support"], {"process.support": 1}, date=dt.date(2024, 1, 1))
        assert team_history([(new, V2), (old, V1)])[0].name == "Customer support"
        # even if the newer assessment happened to use the older framework version
        new_on_v1 = make_record(
            V1, ["process.support"], {"process.support": 1}, date=dt.date(2025, 1, 1)
        )
        assert team_history([(new, V2), (new_on_v1, V1)])[0].name == "Support"

    def test_areas_never_in_scope_are_left_out(self) -> None:
        record = make_record(FRAMEWORK, ["process.support"], {"process.support": 3})
        history = team_history([(record, FRAMEWORK)])
        assert [area.area_key for area in history] == ["process.support"]
        assert history[0].points[0].assessed is True

    def test_in_scope_but_unrated_is_assessed_without_level(self) -> None:
        record = make_record(FRAMEWORK, ["process.support"])
        point = team_history([(record, FRAMEWORK)])[0].points[0]
        assert point.assessed is True
        assert point.level is None
        assert point.not_applicable is False
