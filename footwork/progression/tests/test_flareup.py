"""Flare-up screening, toolbox parsing and the exit rule: pure, no database."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from footwork.core import rules
from footwork.progression.flareup import (
    AREAS,
    RED_FLAGS,
    FlarePlan,
    Referral,
    ScreeningError,
    Toolbox,
    ToolboxError,
    ToolboxExercise,
    exit_ready,
    parse_screening,
    parse_toolbox,
    questions_for,
    screen,
    screening_document,
    toolbox_document,
)

ROOT = Path(__file__).resolve().parents[3]
TOOLBOX_FILE = ROOT / "footwork" / "progression" / "data" / "toolbox.yaml"
LIBRARY_FILE = ROOT / "footwork" / "exercises" / "data" / "library.yaml"
EXAMPLE_FILE = ROOT / "examples" / "flare-up.json"
TODAY = date(2025, 3, 10)

REQUIRED = {
    "sudden_pop": "today",
    "cannot_tiptoe": "today",
    "calf_swelling": "today",
    "fever_redness": "today",
    "night_pain": "soon",
    "bone_pain": "soon",
    "numbness": "soon",
    "back_pain": "soon",
    "both_heels": "soon",
}


@pytest.fixture(scope="module")
def library_slugs() -> set[str]:
    return {
        record["slug"] for record in yaml.safe_load(LIBRARY_FILE.read_text(encoding="utf-8"))["exercises"]
    }


@pytest.fixture(scope="module")
def shipped():
    return yaml.safe_load(TOOLBOX_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def toolboxes(shipped, library_slugs) -> dict[str, Toolbox]:
    return parse_toolbox(shipped, library_slugs)


def all_no(area: str) -> dict[str, bool]:
    return {flag.code: False for flag in questions_for(area)}


def refused(error: type[Exception], call, *args) -> str:
    with pytest.raises(error) as caught:
        call(*args)
    return str(caught.value)


# ------------------------------------------------------------------------------------------------ red flags


def test_red_flags_cover_clinical_section_7():
    by_code = {flag.code: flag for flag in RED_FLAGS}
    assert {code: by_code[code].urgency for code in REQUIRED} == REQUIRED
    assert len(by_code) == len(RED_FLAGS)
    assert AREAS == {"achilles": "Achilles", "calf": "Calf", "plantar_heel": "Heel (plantar)"}
    for flag in RED_FLAGS:
        assert flag.question.endswith("?")
        assert flag.why
        assert flag.areas
        assert set(flag.areas) <= set(AREAS)
    # Rupture for the tendon and calf; DVT and infection wherever the pain is; bone stress for the heel.
    assert set(by_code["sudden_pop"].areas) == {"achilles", "calf"}
    assert set(by_code["cannot_tiptoe"].areas) == {"achilles", "calf"}
    assert set(by_code["calf_swelling"].areas) == set(AREAS)
    assert set(by_code["fever_redness"].areas) == set(AREAS)
    assert {"plantar_heel", "achilles"} <= set(by_code["bone_pain"].areas)


def test_questions_for_each_area_and_an_unknown_area():
    assert [flag.code for flag in questions_for("achilles")] == list(REQUIRED)
    assert "bone_pain" in {flag.code for flag in questions_for("plantar_heel")}
    assert "sudden_pop" not in {flag.code for flag in questions_for("plantar_heel")}
    assert "knee" in refused(ScreeningError, questions_for, "knee")


@pytest.mark.parametrize("area", list(AREAS))
def test_each_flag_alone_refers_with_its_urgency(area, toolboxes):
    for flag in questions_for(area):
        answers = all_no(area) | {flag.code: True}
        result = screen(area, answers, toolboxes)
        assert isinstance(result, Referral)
        assert result.area == area
        assert result.flags == (flag,)
        assert result.urgency == flag.urgency
        assert "stop training this area and see a clinician" in result.message.lower()
        assert flag.why in result.message
        assert ("today" in result.message) == (flag.urgency == "today")


def test_a_today_flag_anywhere_makes_the_referral_today(toolboxes):
    answers = all_no("achilles") | {"night_pain": True, "numbness": True, "calf_swelling": True}
    result = screen("achilles", answers, toolboxes)
    assert isinstance(result, Referral)
    assert result.urgency == "today"
    assert [flag.code for flag in result.flags] == ["calf_swelling", "night_pain", "numbness"]


def test_only_soon_flags_make_the_referral_soon(toolboxes):
    result = screen(
        "plantar_heel", all_no("plantar_heel") | {"bone_pain": True, "both_heels": True}, toolboxes
    )
    assert isinstance(result, Referral)
    assert result.urgency == "soon"
    assert "in the next few days" in result.message


@pytest.mark.parametrize("area", list(AREAS))
def test_all_no_gives_the_area_toolbox(area, toolboxes):
    result = screen(area, all_no(area), toolboxes)
    assert isinstance(result, FlarePlan)
    assert result.area == area
    assert result.toolbox == toolboxes[area]
    assert result.running_reduce_percent == rules.RUNNING_REDUCE_PERCENT
    assert f"{rules.RUNNING_REDUCE_PERCENT} %" in result.message
    assert f"{toolboxes[area].exit_days} mornings" in result.message


def test_screen_refuses_unanswered_questions_and_a_missing_toolbox(toolboxes):
    answers = all_no("calf")
    del answers["sudden_pop"]
    assert "answers.sudden_pop" in refused(ScreeningError, screen, "calf", answers, toolboxes)
    message = refused(ToolboxError, screen, "calf", all_no("calf"), {"achilles": toolboxes["achilles"]})
    assert message.startswith("calf:")
    # A red flag still refers even without a toolbox: screening never depends on the toolbox.
    assert isinstance(screen("calf", all_no("calf") | {"sudden_pop": True}, {}), Referral)


def test_screening_documents(toolboxes):
    referral = screening_document(screen("calf", all_no("calf") | {"sudden_pop": True}, toolboxes))
    assert referral["outcome"] == "referral"
    assert referral["urgency"] == "today"
    assert referral["flags"] == [
        {
            "code": "sudden_pop",
            "question": RED_FLAGS[0].question,
            "urgency": "today",
            "why": RED_FLAGS[0].why,
        }
    ]
    plan = screening_document(screen("achilles", all_no("achilles"), toolboxes))
    assert set(plan) == {
        "outcome", "area", "message", "running_reduce_percent", "exercises", "running", "track", "exit_days",
    }  # fmt: skip
    assert plan["outcome"] == "flare_plan"
    exercises = plan["exercises"]
    assert isinstance(exercises, list)
    assert exercises[0] == {
        "exercise": "isometric-calf-hold",
        "sets": 5,
        "kind": "hold_seconds",
        "amount": 45,
        "per_side": True,
        "notes": toolboxes["achilles"].exercises[0].notes,
    }
    assert plan["exit_days"] == rules.FLARE_EXIT_DAYS
    json.dumps(plan)  # JSON-ready as it is
    json.dumps(referral)


# ---------------------------------------------------------------------------------------- parse_screening


def test_the_example_answers_file_parses(toolboxes):
    area, answers = parse_screening(json.loads(EXAMPLE_FILE.read_text(encoding="utf-8")))
    assert area == "achilles"
    assert answers == all_no("achilles")
    assert isinstance(screen(area, answers, toolboxes), FlarePlan)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["answers"].pop("numbness"), "answers.numbness: missing"),
        (lambda d: d["answers"].update(numbness="no"), "answers.numbness: answer true or false"),
        (lambda d: d["answers"].update(numbness=0), "answers.numbness: answer true or false"),
        (lambda d: d["answers"].update(numbness=None), "answers.numbness: answer true or false"),
        (lambda d: d["answers"].update(knee_pain=False), "answers.knee_pain: unknown question"),
        (lambda d: d.update(area="knee"), "area: unknown area 'knee'"),
        (lambda d: d.pop("area"), "area: is missing"),
        (lambda d: d.update(answers=[]), "answers: must be an object"),
        (lambda d: d.update(comment="hi"), "comment: unknown field"),
    ],
)
def test_parse_screening_refuses_naming_the_item(change, words):
    data = {"area": "achilles", "answers": all_no("achilles")}
    change(data)
    assert words in refused(ScreeningError, parse_screening, data)


def test_a_question_of_another_area_is_refused_not_ignored():
    data = {"area": "calf", "answers": all_no("calf") | {"bone_pain": True}}
    assert "answers.bone_pain: not asked for the Calf area" in refused(ScreeningError, parse_screening, data)


def test_parse_screening_reports_every_problem_at_once():
    answers = all_no("achilles") | {"sudden_pop": "yes", "mystery": True}
    del answers["both_heels"]
    message = refused(ScreeningError, parse_screening, {"area": "achilles", "answers": answers})
    assert message.count("; ") == 2
    assert "answers.sudden_pop" in message
    assert "answers.both_heels" in message
    assert "answers.mystery" in message


def test_parse_screening_refuses_a_non_object():
    assert "object" in refused(ScreeningError, parse_screening, ["achilles"])


# ------------------------------------------------------------------------------------------------- toolbox


def test_the_shipped_toolbox_is_valid(toolboxes, library_slugs):
    assert set(toolboxes) == set(AREAS)
    for area, toolbox in toolboxes.items():
        assert toolbox.area == area
        assert toolbox.title
        assert toolbox.exercises
        assert {item.exercise for item in toolbox.exercises} <= library_slugs
        assert toolbox.running
        assert toolbox.track
        assert toolbox.exit_days == rules.FLARE_EXIT_DAYS
        # The reduction comes from the rules, not from numbers typed into the file.
        low, high = rules.RUNNING_REDUCE_RANGE
        assert f"{rules.RUNNING_REDUCE_PERCENT} %" in toolbox.running[0]
        assert f"{low}–{high} %" in toolbox.running[0]
        assert not any("{" in line for line in toolbox.running)
        # No jumping during a flare (CLINICAL §7: plyometrics held back after amber or red days).
        assert all(item.kind != "jumps" for item in toolbox.exercises)


def test_the_achilles_isometrics_are_not_sold_as_pain_relief(toolboxes):
    hold = next(item for item in toolboxes["achilles"].exercises if item.exercise == "isometric-calf-hold")
    assert (hold.sets, hold.kind, hold.amount, hold.per_side) == (5, "hold_seconds", 45, True)
    assert "optional" in hold.notes.lower()
    assert "not shown reliable pain relief" in hold.notes


def test_toolbox_document_round_trips(toolboxes, library_slugs):
    document = {"version": 1, "toolboxes": {area: toolbox_document(t) for area, t in toolboxes.items()}}
    assert parse_toolbox(document, library_slugs) == toolboxes
    # One area alone (a coach's own copy of one toolbox) round-trips as well.
    single = {"toolboxes": {"calf": toolbox_document(toolboxes["calf"])}}
    assert parse_toolbox(single) == {"calf": toolboxes["calf"]}


def test_per_side_and_defaults_are_read():
    document = {
        "version": 1,
        "toolboxes": {
            "calf": {
                "title": "Mine",
                "exercises": [
                    {"exercise": "glute-bridge", "sets": 2, "kind": "reps", "amount": 10, "per_side": False}
                ],
                "running": ["Run less."],
                "track": ["Morning pain."],
            }
        },
    }
    assert parse_toolbox(document)["calf"] == Toolbox(
        area="calf",
        title="Mine",
        exercises=(ToolboxExercise("glute-bridge", 2, "reps", 10, False, ""),),
        running=("Run less.",),
        track=("Morning pain.",),
        exit_days=rules.FLARE_EXIT_DAYS,
        notes="",
    )


def _set(path: tuple, value):
    def change(document):
        target = document["toolboxes"]
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _drop(path: tuple):
    def change(document):
        target = document["toolboxes"]
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["toolboxes"].update(knee={}), "knee: unknown area"),
        (
            _set(("achilles", "exercises", 2, "exercise"), "moonwalk"),
            "achilles.exercises[2].exercise: unknown exercise",
        ),
        (
            _set(("achilles", "exercises", 2, "amount"), -5),
            "achilles.exercises[2].amount: must be a whole number 1-600",
        ),
        (
            _set(("achilles", "exercises", 0, "amount"), 0),
            "achilles.exercises[0].amount: must be a whole number 1-600",
        ),
        (
            _set(("achilles", "exercises", 0, "amount"), 45.5),
            "achilles.exercises[0].amount: must be a whole number",
        ),
        (_set(("calf", "exercises", 1, "sets"), True), "calf.exercises[1].sets: must be a whole number 1-20"),
        (
            _set(("calf", "exercises", 1, "kind"), "minutes"),
            "calf.exercises[1].kind: must be one of reps, hold_seconds",
        ),
        (
            _set(("calf", "exercises", 1, "per_side"), "yes"),
            "calf.exercises[1].per_side: must be true or false",
        ),
        (
            _drop(("plantar_heel", "exercises", 0, "sets")),
            "plantar_heel.exercises[0].sets: must be a whole number",
        ),
        (
            _drop(("plantar_heel", "exercises", 0, "exercise")),
            "plantar_heel.exercises[0].exercise: is missing",
        ),
        (
            _set(("plantar_heel", "exercises", 0, "load"), "heavy"),
            "plantar_heel.exercises[0].load: unknown field",
        ),
        (_drop(("plantar_heel", "title")), "plantar_heel.title: is missing"),
        (_set(("plantar_heel", "title"), "  "), "plantar_heel.title: must be non-empty text"),
        (_set(("plantar_heel", "exercises"), []), "plantar_heel.exercises: must be a list of one or more"),
        (_set(("plantar_heel", "exercises", 1), "short-foot"), "plantar_heel.exercises[1]: must be a record"),
        (
            _set(("achilles", "running"), []),
            "achilles.running: must be a list of one or more non-empty texts",
        ),
        (
            _set(("achilles", "track"), ["", "x"]),
            "achilles.track: must be a list of one or more non-empty texts",
        ),
        (
            _set(("achilles", "running", 0), "Cut by {percent} %."),
            "achilles.running[0]: unknown placeholder {percent}",
        ),
        (_set(("achilles", "exit_days"), 0), "achilles.exit_days: must be a whole number 1-28"),
        (_set(("achilles", "notes"), 3), "achilles.notes: must be non-empty text"),
        (_set(("achilles", "colour"), "red"), "achilles.colour: unknown field"),
        (_set(("calf",), "see achilles"), "calf: must be a record"),
    ],
)
def test_bad_toolbox_records_are_refused_naming_the_field(shipped, library_slugs, change, words):
    document = copy.deepcopy(shipped)
    change(document)
    assert words in refused(ToolboxError, parse_toolbox, document, library_slugs)


def test_a_repeated_exercise_is_refused(shipped):
    document = copy.deepcopy(shipped)
    first = document["toolboxes"]["achilles"]["exercises"][0]
    document["toolboxes"]["achilles"]["exercises"].append(dict(first))
    message = refused(ToolboxError, parse_toolbox, document)
    assert "achilles.exercises[6].exercise: 'isometric-calf-hold' is listed twice" in message


def test_unknown_exercises_pass_without_a_library(shipped):
    document = copy.deepcopy(shipped)
    document["toolboxes"]["achilles"]["exercises"][0]["exercise"] = "my-own-drill"
    assert parse_toolbox(document)["achilles"].exercises[0].exercise == "my-own-drill"


def test_every_toolbox_problem_is_reported_together(shipped, library_slugs):
    document = copy.deepcopy(shipped)
    document["toolboxes"]["achilles"]["exercises"][0]["amount"] = -1
    document["toolboxes"]["calf"]["exercises"][0]["exercise"] = "moonwalk"
    message = refused(ToolboxError, parse_toolbox, document, library_slugs)
    assert message.split("; ") == [
        "achilles.exercises[0].amount: must be a whole number 1-600",
        "calf.exercises[0].exercise: unknown exercise 'moonwalk' (use a slug of the exercise library)",
    ]


@pytest.mark.parametrize(
    ("document", "words"),
    [
        (None, "must be a mapping"),
        ({"version": 2, "toolboxes": {}}, "version: must be 1"),
        ({"version": True, "toolboxes": {}}, "version: must be 1"),
        ({"version": 1}, "toolboxes: must map one or more areas"),
        ({"version": 1, "toolboxes": {}, "extra": 1}, "extra: unknown top-level field"),
    ],
)
def test_bad_toolbox_documents_are_refused(document, words):
    assert words in refused(ToolboxError, parse_toolbox, document)


# --------------------------------------------------------------------------------------------------- exit


def mornings(*values: tuple[int, int, int]) -> list[tuple[date, int, int]]:
    """(days before TODAY, pain, stiffness) → check-ins."""
    return [(TODAY - timedelta(days=back), pain, stiffness) for back, pain, stiffness in values]


def test_exactly_days_settled_mornings_are_ready():
    ready, why = exit_ready(mornings((0, 2, 1), (1, 1, 2), (2, 2, 2), (3, 6, 5)), 2.0, 3, TODAY)
    assert ready
    assert why == "3 of 3 mornings at or below your 2/10 baseline"


def test_one_morning_above_baseline_in_the_window_is_not_ready():
    ready, why = exit_ready(mornings((0, 2, 1), (1, 3, 2), (2, 2, 2)), 2.0, 3, TODAY)
    assert not ready
    assert why == "1 of 3 mornings settled; 2 to go"
    # Stiffness counts as much as pain.
    assert not exit_ready(mornings((0, 1, 3), (1, 1, 1), (2, 1, 1)), 2.0, 3, TODAY)[0]


def test_a_missing_morning_breaks_the_run():
    ready, why = exit_ready(mornings((0, 1, 1), (1, 1, 1), (3, 1, 1), (4, 1, 1)), 2.0, 3, TODAY)
    assert not ready
    assert why == "2 of 3 mornings settled; 1 to go"


def test_without_todays_check_in_the_run_ends_yesterday():
    assert exit_ready(mornings((1, 1, 1), (2, 1, 1), (3, 1, 1)), 2.0, 3, TODAY)[0]
    assert exit_ready(mornings((1, 1, 1), (2, 1, 1)), 2.0, 3, TODAY) == (
        False,
        "2 of 3 mornings settled; 1 to go",
    )
    # A bad check-in today counts at once.
    assert not exit_ready(mornings((0, 5, 5), (1, 1, 1), (2, 1, 1), (3, 1, 1)), 2.0, 3, TODAY)[0]
    # Nothing yesterday or today: no run at all.
    assert exit_ready(mornings((2, 1, 1), (3, 1, 1), (4, 1, 1)), 2.0, 3, TODAY) == (
        False,
        "0 of 3 mornings settled; 3 to go",
    )


def test_without_a_baseline_green_mornings_count():
    limit = rules.PAIN_GREEN_MAX
    ready, why = exit_ready(mornings((0, limit, limit), (1, 0, 1), (2, 1, 0)), None, 3, TODAY)
    assert ready
    assert "no baseline yet" in why
    assert not exit_ready(mornings((0, limit + 1, 0), (1, 0, 1), (2, 1, 0)), None, 3, TODAY)[0]


def test_a_fractional_baseline_and_later_dates():
    # Median baselines can be halves; a check-in dated after today (clock skew) is not counted.
    history = [*mornings((0, 1, 1), (1, 2, 0)), (TODAY + timedelta(days=1), 9, 9)]
    assert exit_ready(history, 1.5, 2, TODAY) == (False, "1 of 2 mornings settled; 1 to go")
    assert exit_ready(mornings((0, 1, 1), (1, 1, 0)), 1.5, 2, TODAY) == (
        True,
        "2 of 2 mornings at or below your 1.5/10 baseline",
    )


def test_two_check_ins_on_one_day_count_as_the_worse():
    history = mornings((0, 1, 1), (0, 4, 1), (1, 1, 1))
    assert not exit_ready(history, 2.0, 2, TODAY)[0]


def test_exit_days_must_be_positive():
    with pytest.raises(ValueError, match="days"):
        exit_ready([], 2.0, 0, TODAY)
