from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from footwork.assessments.battery import BATTERY, BY_SLUG
from footwork.assessments.domain import (
    ExerciseOption,
    Result,
    Subject,
    analyse,
    limb_symmetry,
    norm_for,
    parse_results_document,
    plyometrics_blocked,
    result_problems,
    weak_links,
)
from footwork.exercises.domain import Dosage

WOMAN_40 = Subject(age=40, sex="female")


class TestNorms:
    @pytest.mark.parametrize(
        ("age", "sex", "value"),
        [
            (39, "female", 13.1),
            (40, "female", 13.5),
            (49, "male", 12.0),
            (50, "male", 8.6),
            (80, "female", 2.1),
            (99, "male", 1.8),
        ],
    )
    def test_stance_eyes_closed_bands_at_their_edges(self, age, sex, value):
        assert norm_for(BY_SLUG["single-leg-stance-eyes-closed"], age, sex).value == value

    def test_outside_the_published_ages_there_is_no_norm(self):
        assert norm_for(BY_SLUG["single-leg-stance-eyes-closed"], 17, "female") is None
        assert norm_for(BY_SLUG["heel-raise"], 19, "male") is None
        assert norm_for(BY_SLUG["heel-raise"], 81, "male").value == 24
        assert norm_for(BY_SLUG["heel-raise"], 82, "male") is None
        assert norm_for(BY_SLUG["heel-raise"], None, "male") is None

    def test_the_eyes_open_norm_never_exceeds_the_45_second_ceiling(self):
        assert norm_for(BY_SLUG["single-leg-stance-eyes-open"], 25, "female").value == 45.0

    def test_a_sexless_band_fits_both(self):
        assert (
            norm_for(BY_SLUG["single-leg-bridge"], 30, "male").value
            == norm_for(BY_SLUG["single-leg-bridge"], 30, "female").value
            == 25
        )


class TestSymmetry:
    def test_involved_over_uninvolved(self):
        assert limb_symmetry(18, 27) == 66.7
        assert limb_symmetry(27, 18) == 150.0

    def test_lower_is_better_inverts(self):
        assert limb_symmetry(12.0, 10.0, lower_is_better=True) == 83.3

    @pytest.mark.parametrize(("involved", "uninvolved"), [(5, 0), (0, 0), (None, 20), (20, None)])
    def test_zero_or_missing_side_gives_no_index(self, involved, uninvolved):
        assert limb_symmetry(involved, uninvolved) is None

    def test_zero_on_the_involved_side_is_zero_percent(self):
        assert limb_symmetry(0, 20) == 0.0


class TestAnalysis:
    def test_heel_raise_18_left_27_right(self):
        analysis = analyse(Result("heel-raise", 18, 27), WOMAN_40)
        assert analysis.norm == 21
        assert analysis.percent_of_norm == {"left": 85.7, "right": 128.6}
        assert analysis.involved_side == "left"
        assert analysis.lsi == 66.7
        assert analysis.flags == ("below_norm", "below_target", "asymmetry", "clear_deficit")

    def test_the_painful_side_is_the_involved_side(self):
        analysis = analyse(Result("heel-raise", 30, 28), Subject(40, "male", "left"))
        assert analysis.involved_side == "left"
        assert analysis.lsi == 107.1
        assert analysis.flags == ()

    def test_knee_to_wall_uses_an_absolute_difference(self):
        assert "asymmetry" in analyse(Result("knee-to-wall", 10, 12), WOMAN_40).flags
        assert "asymmetry" not in analyse(Result("knee-to-wall", 11, 12), WOMAN_40).flags

    def test_pain_and_fails(self):
        assert analyse(Result("hop-pain", 3, 0), WOMAN_40).flags == ("pain",)
        assert analyse(Result("hop-pain", 2, 0), WOMAN_40).flags == ()
        assert analyse(Result("paper-grip-hallux", 0, 1), WOMAN_40).flags == ("fail",)
        assert "pain" in analyse(Result("heel-raise", 25, 25, pain=4), WOMAN_40).flags

    def test_y_balance_normalised_to_leg_length(self):
        analysis = analyse(Result("y-balance-anterior", 60, 66, leg_length_cm=90), WOMAN_40)
        assert analysis.normalised == {"left": 66.7, "right": 73.3}
        assert "asymmetry" in analysis.flags


def option(slug, category, targets, difficulty=1):
    return ExerciseOption(
        slug,
        slug.replace("-", " "),
        category,
        frozenset(targets),
        difficulty,
        Dosage(3, "reps", 10, 15, True),
    )


OPTIONS = [
    option("double-raise", "strength", {"gastrocnemius", "soleus"}),
    option("single-raise", "strength", {"gastrocnemius", "soleus", "achilles"}, 2),
    option("loaded-raise", "strength", {"gastrocnemius", "achilles"}, 4),
    option("calf-hold", "isometric", {"achilles"}),
    option("pogo", "plyometric", {"achilles"}, 2),
    option("balance", "balance", {"intrinsic-foot"}),
    option("toe-yoga", "strength", {"intrinsic-foot"}),
]


class TestWeakLinks:
    def test_ranked_by_how_far_below_norm_and_how_asymmetric(self):
        analyses = [
            analyse(Result("single-leg-stance-eyes-closed", 12, 13), WOMAN_40),  # slightly below norm
            analyse(Result("heel-raise", 18, 27), WOMAN_40),  # well below and asymmetric
            analyse(Result("paper-grip-hallux", 0, 1), WOMAN_40),
            analyse(Result("single-leg-bridge", 30, 31), WOMAN_40),  # fine: not a weak link
        ]
        links = weak_links(analyses, OPTIONS)
        assert [link.test for link in links] == [
            "heel-raise",
            "paper-grip-hallux",
            "single-leg-stance-eyes-closed",
        ]
        assert links[0].severity > links[1].severity > links[2].severity

    def test_suggestions_match_targets_and_level(self):
        (link,) = weak_links([analyse(Result("heel-raise", 18, 27), WOMAN_40)], OPTIONS)
        # A clear deficit: difficulty 2 at most, the low end of the dose, no plyometrics.
        assert [item.slug for item in link.exercises] == ["single-raise", "double-raise", "calf-hold"]
        assert link.exercises[0].dosage == "3 sets × 10 reps each side"

    def test_plyometrics_are_held_back(self):
        analyses = [
            analyse(Result("heel-raise", 18, 27), WOMAN_40),
            analyse(Result("hop-pain", 4, 0), WOMAN_40),
        ]
        assert plyometrics_blocked(analyses) == [
            "fewer than 20 single-leg heel raises", "heel-raise symmetry under 80 %", "hop pain above 2/10",
        ]  # fmt: skip
        assert plyometrics_blocked([analyse(Result("heel-raise", 30, 31), WOMAN_40)], pain_now=6) == [
            "pain above 5/10"
        ]

    @given(
        st.lists(
            st.tuples(
                st.sampled_from([t.slug for t in BATTERY if t.unit == "reps"]),
                st.integers(0, 60),
                st.integers(0, 60),
            ),
            max_size=6,
        )
    )
    def test_the_ranking_is_sorted_and_deterministic(self, entries):
        analyses = [
            analyse(Result(slug, left, right), WOMAN_40)
            for slug, left, right in {e[0]: e for e in entries}.values()
        ]
        first, second = weak_links(analyses, OPTIONS), weak_links(analyses, OPTIONS)
        assert first == second
        assert [link.severity for link in first] == sorted((link.severity for link in first), reverse=True)
        assert all(len(link.exercises) <= 4 for link in first)


class TestInput:
    def test_the_results_document(self):
        subject, results = parse_results_document(
            {
                "age": 40,
                "sex": "F",
                "painful_side": "L",
                "results": {"heel-raise": {"L": 18, "R": 27}, "hop-pain": {"L": 3}},
            }
        )
        assert subject == Subject(40, "female", "left")
        assert results == [Result("heel-raise", 18, 27), Result("hop-pain", 3, None)]

    @pytest.mark.parametrize(
        ("document", "words"),
        [
            ({"results": {"heel-raise": {"L": -1, "R": 20}}}, "heel-raise.left: -1 is out of range"),
            ({"results": {"moon-jump": {"L": 1}}}, "moon-jump: unknown test"),
            ({"results": {"heel-raise": 18}}, "give each side"),
            ({"results": {"heel-raise": {}}}, "no value for either side"),
            ({"results": {"heel-raise": {"L": "x"}}}, "is not a number"),
            ({"results": {"paper-grip-hallux": {"L": 2}}}, "answer 1 (pass) or 0 (fail)"),
            ({"results": {"single-leg-stance-eyes-open": {"L": 60}}}, "out of range (0-45 s)"),
            ({"sex": "X", "results": {}}, "sex"),
            ({"age": -2, "results": {}}, "age"),
            ({"painful_side": "both", "results": {}}, "painful_side"),
            ([], "JSON object"),
        ],
    )
    def test_impossible_input_is_refused_with_a_reason(self, document, words):
        with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
            parse_results_document(document)

    def test_pain_out_of_range(self):
        assert result_problems(Result("heel-raise", 10, 10, pain=11)) == [
            "heel-raise.pain: 11 is out of range (0-10)"
        ]
