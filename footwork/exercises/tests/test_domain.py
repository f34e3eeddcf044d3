from __future__ import annotations

from itertools import pairwise

import pytest
import yaml
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from footwork.exercises.domain import (
    Dosage,
    LibraryError,
    chain_through,
    easier_to_harder,
    find_cycle,
    parse_library,
)
from footwork.exercises.tests.factories import record, small_library


def problems_of(records):
    with pytest.raises(LibraryError) as caught:
        parse_library({"exercises": records})
    return [(problem.record, problem.field) for problem in caught.value.problems], str(caught.value)


def test_a_valid_library_parses():
    specs = parse_library({"exercises": small_library()})
    assert [spec.slug for spec in specs] == [
        "double-leg-heel-raise",
        "single-leg-heel-raise",
        "loaded-single-leg-heel-raise",
        "seated-soleus-raise",
    ]
    assert specs[1].dosage == Dosage(3, "reps", 10, 15, True, "", "2-1-2", 60, "")


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"targets": ["soleus", "big-toe-muscle"]}, "targets", "unknown value 'big-toe-muscle'"),
        ({"equipment": ["trampoline"]}, "equipment", "unknown value 'trampoline'"),
        ({"category": "cardio"}, "category", "unknown value 'cardio'"),
        ({"dosage": None}, "dosage", "is missing"),
        ({"difficulty": 7}, "difficulty", "from 1 to 5"),
        ({"cue": ""}, "cue", "is missing"),
        ({"instructions": []}, "instructions", "at least one"),
        ({"colour": "red"}, "colour", "not a known field"),
        ({"slug": "Heel Raise"}, "slug", "lowercase words"),
        ({"per_side": "yes"}, "per_side", "true or false"),
    ],
)
def test_bad_records_are_refused_naming_record_and_field(change, field, words):
    found, text = problems_of([record(**change)])
    assert (change.get("slug", "double-leg-heel-raise"), field) in found
    assert words in text


@pytest.mark.parametrize(
    ("dosage", "field", "words"),
    [
        ({"sets": 0}, "dosage.sets", "from 1 to 20"),
        ({"kind": "minutes"}, "dosage.kind", "unknown value 'minutes'"),
        ({"min": 10, "max": 5}, "dosage.max", "must not be below"),
        ({"min": -3}, "dosage.min", "from 1 to 1000"),
        ({"per_side": True}, "dosage.per_side", "not done per side"),
        ({"rest_seconds": "long"}, "dosage.rest_seconds", "whole number"),
        ({"speed": 3}, "dosage.speed", "not a known field"),
    ],
)
def test_bad_dosage_is_refused_naming_the_dosage_field(dosage, field, words):
    found, text = problems_of([record(dosage=dosage)])
    assert ("double-leg-heel-raise", field) in found
    assert words in text


def test_a_dangling_link_is_refused():
    found, text = problems_of([record(progressions=[{"slug": "moon-jump", "reason": "fun"}])])
    assert found == [("double-leg-heel-raise", "progressions")]
    assert "unknown exercise 'moon-jump'" in text


def test_a_self_link_is_refused():
    found, _ = problems_of([record(regressions=[{"slug": "double-leg-heel-raise", "reason": "x"}])])
    assert found == [("double-leg-heel-raise", "regressions")]


def test_a_duplicate_slug_is_refused():
    found, _ = problems_of([record(), record(name="Again")])
    assert found == [("double-leg-heel-raise", "slug")]


def test_a_progression_loop_is_refused():
    records = small_library()
    # The loaded raise claiming the double-leg raise is harder closes a loop.
    records[2]["progressions"] = [{"slug": "double-leg-heel-raise", "reason": "loop"}]
    _, text = problems_of(records)
    assert "loops" in text
    assert "double-leg-heel-raise" in text


def test_every_problem_is_reported_not_just_the_first():
    found, _ = problems_of([record(difficulty=9, cue=""), record(slug="other", category="nope")])
    assert ("double-leg-heel-raise", "difficulty") in found
    assert ("double-leg-heel-raise", "cue") in found
    assert ("other", "category") in found


def test_a_file_without_an_exercise_list_is_refused():
    with pytest.raises(LibraryError, match="list under 'exercises'"):
        parse_library({"version": 1})


@pytest.mark.parametrize(
    ("dosage", "text"),
    [
        (Dosage(3, "hold_seconds", 15, 30, True), "3 sets × 15–30 s each side"),
        (Dosage(3, "reps", 2, 3, False, unit="passes"), "3 sets × 2–3 passes"),
        (Dosage(3, "jumps", 6, 8, True), "3 sets × 6–8 jumps each side"),
        (Dosage(1, "reps", 15, 15, False), "1 set × 15 reps"),
    ],
)
def test_dosage_wording(dosage, text):
    assert dosage.describe() == text


def test_regression_and_progression_links_agree_on_direction():
    edges = easier_to_harder(parse_library({"exercises": small_library()}))
    assert edges["double-leg-heel-raise"] == {"single-leg-heel-raise"}
    assert edges["single-leg-heel-raise"] == {"loaded-single-leg-heel-raise"}


def test_chain_walks_back_to_the_easiest_then_forward():
    first_easier = {"b": "a", "c": "b"}
    first_harder = {"a": "b", "b": "c"}
    assert chain_through("b", first_easier, first_harder) == ["a", "b", "c"]
    assert chain_through("z", first_easier, first_harder) == ["z"]


@given(st.integers(min_value=2, max_value=30), st.data())
def test_find_cycle_finds_a_back_edge_and_nothing_in_a_dag(size, data):
    nodes = [f"n{i}" for i in range(size)]
    # Edges only from lower to higher index: a DAG by construction.
    pairs = data.draw(st.lists(st.tuples(st.integers(0, size - 1), st.integers(0, size - 1)), max_size=60))
    edges: dict[str, set[str]] = {node: set() for node in nodes}
    for low, high in pairs:
        if low < high:
            edges[nodes[low]].add(nodes[high])
    assert find_cycle(edges) is None
    edges[nodes[size - 1]].add(nodes[0])
    edges[nodes[0]].add(nodes[size - 1])
    cycle = find_cycle(edges)
    assert cycle is not None
    assert cycle[0] == cycle[-1]
    for source, target in pairwise(cycle):
        assert target in edges[source]


class TestShippedLibrary:
    """The library file in the repository: big enough, valid, and with the starter's exact dosages."""

    @pytest.fixture(scope="class")
    @classmethod
    def specs(cls):
        return {
            spec.slug: spec
            for spec in parse_library(yaml.safe_load(settings.FOOTWORK_LIBRARY_PATH.read_text()))
        }

    def test_it_is_valid_and_large_enough(self, specs):
        assert len(specs) >= 45

    def test_the_stronger_feet_starter_has_its_exact_dosage(self, specs):
        walk = specs["sideways-step-edge-walk"]
        assert (walk.category, walk.dosage.sets, walk.dosage.kind, walk.dosage.min, walk.dosage.max) == (
            "warm-up", 3, "reps", 2, 3,
        )  # fmt: skip
        assert walk.dosage.unit == "passes"
        balance = specs["forefoot-balance-step-edge"]
        assert balance.dosage.describe() == "3 sets × 15–30 s each side"
        assert "forefoot-balance-step-edge-running-arms" in [link.slug for link in balance.progressions]
        assert (
            specs["forefoot-balance-step-edge-running-arms"].dosage.describe() == "3 sets × 15–30 s each side"
        )
        jump = specs["half-kneeling-lunge-jump"]
        assert jump.category == "plyometric"
        assert jump.dosage.describe() == "3 sets × 6–8 jumps each side"

    @pytest.mark.parametrize(
        "slug",
        [
            "short-foot", "toe-yoga", "toe-spread", "big-toe-press", "double-leg-heel-raise",
            "single-leg-heel-raise", "loaded-single-leg-heel-raise", "bent-knee-heel-raise",
            "eccentric-heel-drop-straight-knee", "eccentric-heel-drop-bent-knee", "isometric-calf-hold",
            "high-load-plantar-heel-raise", "tibialis-raise", "banded-inversion", "banded-eversion",
            "single-leg-balance-eyes-closed", "single-leg-balance-cushion", "glute-bridge", "single-leg-bridge",
            "side-plank", "side-lying-hip-abduction", "single-leg-deadlift", "step-up", "step-down",
            "split-squat", "pogo-hops", "skipping", "single-leg-pogo", "lateral-hops", "bounding",
            "knee-to-wall-mobility",
        ],
    )  # fmt: skip
    def test_it_covers_the_required_exercises(self, specs, slug):
        assert slug in specs

    def test_the_heel_raise_chain_runs_double_single_loaded(self, specs):
        edges = easier_to_harder(specs.values())

        def harder_than(slug):
            seen, todo = set(), [slug]
            while todo:
                for following in edges.get(todo.pop(), ()):
                    if following not in seen:
                        seen.add(following)
                        todo.append(following)
            return seen

        assert "single-leg-heel-raise" in edges["double-leg-heel-raise"]
        assert "loaded-single-leg-heel-raise" in harder_than("single-leg-heel-raise")
        assert "double-leg-heel-raise" not in harder_than("loaded-single-leg-heel-raise")

    def test_plyometrics_carry_the_red_pain_contraindication(self, specs):
        for spec in specs.values():
            if spec.category == "plyometric":
                assert any("red" in item.lower() for item in spec.contraindications), spec.slug

    def test_the_high_load_plantar_raise_follows_rathleff(self, specs):
        spec = specs["high-load-plantar-heel-raise"]
        assert "towel" in spec.equipment
        assert (spec.dosage.sets, spec.dosage.min, spec.dosage.tempo) == (3, 12, "3-2-3")
