"""The test battery as data: protocols, units, norms with their sources, runner targets and library targets.

Norm cells tagged [M] in CLINICAL.md are recalled values still to be checked against the original papers (Springer 2007
single-leg stance; McGill 1999 side bridge); the pages say so next to each result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from footwork.core.rules import (
    HEEL_RAISE_CADENCE_BPM,
    HEEL_RAISE_MEDIAN,
    HEEL_RAISE_RUNNER_GOAL,
    HEEL_RAISE_RUNNER_MINIMUM,
)


@dataclass(frozen=True)
class NormBand:
    """A normative value for an age band and sex (None: any sex)."""

    age_min: int
    age_max: int
    value: float
    sex: str | None = None


@dataclass(frozen=True)
class TestDefinition:
    slug: str
    name: str
    measures: str
    protocol: tuple[str, ...]
    equipment: tuple[str, ...]
    unit: str  # "reps", "s", "cm", "pain", "pass"
    per_side: bool
    targets: tuple[str, ...]  # library targets it maps to
    norms: tuple[NormBand, ...] = ()
    norm_source: str = ""
    norm_certainty: str = ""  # "[S]", "[M]" or "[E]" as tagged in CLINICAL.md
    runner_target: float | None = None
    runner_target_note: str = ""
    lower_is_better: bool = False
    cap: float | None = None  # the protocol's ceiling (stance: 45 s)
    maximum: float = 1000  # a value above this is impossible, not a record
    asymmetry_lsi: float | None = None  # test-specific threshold (default: the rules' LSI_ASYMMETRY)
    asymmetry_difference: float | None = None  # an absolute left-right difference that flags (cm)
    pain_flag_above: float | None = None  # for pain tests: a value above this flags
    metronome_bpm: int | None = None
    timer_seconds: int | None = None
    notes: tuple[str, ...] = field(default=())
    categories: tuple[str, ...] = ("strength",)  # library categories that fix this weakness, best first


SPRINGER = (
    "Springer BA et al. 2007, J Geriatr Phys Ther 30(1):8-15, best of 3 trials, Table 2 (recalled, to verify)"
)
STANCE_PROTOCOL = (
    "Barefoot, arms crossed over the chest, the raised foot near the standing ankle without touching it.",
    "Three trials of up to 45 s on each leg; record the best.",
    "Stop when the arms uncross, the raised foot touches down or hooks the other leg, the standing foot moves{extra}.",
)


def _stance_norms(eyes_open: bool) -> tuple[NormBand, ...]:
    # (age_min, age_max, female, male) from CLINICAL §1.3; EO cells, then EC cells.
    rows = (
        (18, 39, 45.1, 44.4, 13.1, 16.9),
        (40, 49, 42.1, 41.6, 13.5, 12.0),
        (50, 59, 40.9, 41.5, 7.9, 8.6),
        (60, 69, 30.4, 33.8, 3.6, 5.1),
        (70, 79, 16.7, 25.9, 3.7, 2.6),
        (80, 99, 10.6, 8.7, 2.1, 1.8),
    )
    bands = []
    for low, high, eo_f, eo_m, ec_f, ec_m in rows:
        female, male = (eo_f, eo_m) if eyes_open else (ec_f, ec_m)
        # The protocol caps a trial at 45 s, so no norm can ask for more.
        bands += [
            NormBand(low, high, min(female, 45.0), "female"),
            NormBand(low, high, min(male, 45.0), "male"),
        ]
    return tuple(bands)


BATTERY: tuple[TestDefinition, ...] = (
    TestDefinition(
        slug="heel-raise",
        categories=("strength", "isometric"),
        name="Single-leg heel-raise test",
        measures="Calf (plantar-flexor) endurance: gastrocnemius, soleus and the Achilles tendon",
        protocol=(
            "Warm up with about 10 minutes of walking or jogging, then 10 easy double-leg heel raises.",
            "Stand on one leg with the forefoot on a 10° wedge or step edge, knee straight, fingertips on the wall at shoulder height.",
            f"Rise as high as you can and lower, in time with a {HEEL_RAISE_CADENCE_BPM} bpm metronome: up on one beat, down on the next.",
            "Stop when the heel no longer lifts, you lose the beat, the knee bends or the trunk leans, or you need more than fingertips.",
            "Rest 2 minutes, then test the other leg. Record the repetitions on each side.",
        ),
        equipment=("step", "wall"),
        unit="reps",
        per_side=True,
        targets=("gastrocnemius", "soleus", "achilles"),
        norms=(
            NormBand(20, 81, HEEL_RAISE_MEDIAN["male"], "male"),
            NormBand(20, 81, HEEL_RAISE_MEDIAN["female"], "female"),
        ),
        norm_source="Hébert-Losier K et al. 2017, Physiotherapy 103(4):446-452: sex medians for ages 20-81 (age bands not yet added)",
        norm_certainty="[S]",
        runner_target=HEEL_RAISE_RUNNER_MINIMUM,
        runner_target_note=f"Runners: at least {HEEL_RAISE_RUNNER_MINIMUM} per leg (Lunsford & Perry 1995), {HEEL_RAISE_RUNNER_GOAL} as a goal; a change of 6 or fewer is noise",
        maximum=300,
        metronome_bpm=HEEL_RAISE_CADENCE_BPM,
    ),
    TestDefinition(
        slug="single-leg-stance-eyes-open",
        categories=("balance", "strength"),
        name="Single-leg stance, eyes open",
        measures="Static balance on one leg",
        protocol=tuple(step.format(extra="") for step in STANCE_PROTOCOL),
        equipment=("none",),
        unit="s",
        per_side=True,
        targets=("intrinsic-foot", "extrinsic-foot", "glute-med"),
        norms=_stance_norms(eyes_open=True),
        norm_source=SPRINGER,
        norm_certainty="[M]",
        cap=45,
        maximum=45,
        asymmetry_lsi=75.0,
        timer_seconds=45,
        notes=("Young runners reach the 45 s ceiling with eyes open: the eyes-closed test tells more.",),
    ),
    TestDefinition(
        slug="single-leg-stance-eyes-closed",
        categories=("balance", "strength"),
        name="Single-leg stance, eyes closed",
        measures="Balance on one leg without vision: foot and ankle proprioception",
        protocol=tuple(step.format(extra=", or the eyes open") for step in STANCE_PROTOCOL),
        equipment=("none",),
        unit="s",
        per_side=True,
        targets=("intrinsic-foot", "extrinsic-foot", "peroneals"),
        norms=_stance_norms(eyes_open=False),
        norm_source=SPRINGER,
        norm_certainty="[M]",
        cap=45,
        maximum=45,
        asymmetry_lsi=75.0,
        timer_seconds=45,
    ),
    TestDefinition(
        slug="forefoot-balance",
        categories=("balance", "strength"),
        name="Forefoot balance on a step edge, opposite knee high",
        measures="Balance and calf-foot control in the position of running push-off",
        protocol=(
            "Stand on one forefoot on the edge of a step, heel free and level, the other knee lifted high.",
            "A rail or wall within reach; start the timer when you let go.",
            "Stop when the heel drops, the lifted foot touches down or you grab the rail. Up to 30 s each side.",
        ),
        equipment=("step", "wall"),
        unit="s",
        per_side=True,
        targets=("intrinsic-foot", "extrinsic-foot", "soleus", "peroneals"),
        runner_target=30,
        runner_target_note="Target 30 s on each foot (Footwork's Stronger Feet starter) [E]",
        norm_certainty="[E]",
        cap=30,
        maximum=30,
        timer_seconds=30,
    ),
    TestDefinition(
        slug="knee-to-wall",
        categories=("mobility", "strength"),
        name="Knee-to-wall ankle dorsiflexion",
        measures="Weight-bearing ankle dorsiflexion (calf and ankle mobility)",
        protocol=(
            "Foot on a tape line from heel to second toe, facing a wall.",
            "Lunge the knee to touch the wall with the heel down; slide the foot back until the knee only just touches.",
            "Measure toe to wall in cm; best of 3 on each side. 1 cm is about 3.6° of dorsiflexion.",
        ),
        equipment=("wall",),
        unit="cm",
        per_side=True,
        targets=("soleus", "gastrocnemius"),
        norms=(NormBand(18, 99, 10.0),),
        norm_source="Bennell 1998 and later reviews: healthy adults about 9-13 cm; under 10 cm is commonly called restricted",
        norm_certainty="[M]",
        maximum=25,
        asymmetry_difference=1.5,
        notes=("A left-right difference above 1.5-2 cm is clinically relevant (Powden 2015 [M]).",),
    ),
    TestDefinition(
        slug="single-leg-hop",
        categories=("strength", "plyometric"),
        name="Single-leg hop for distance",
        measures="Single-leg power and landing control",
        protocol=(
            "Stand on one leg behind a line; hop forward as far as you can and land on the same leg.",
            "Hold the landing for 2 s; a touch-down of the other foot or a hand, or an extra hop, means a retry.",
            "One practice and two recorded hops per leg; record the longer in cm.",
        ),
        equipment=("none",),
        unit="cm",
        per_side=True,
        targets=("quadriceps", "glute-max", "gastrocnemius", "achilles"),
        norm_source="Noyes FR et al. 1991: a limb symmetry index under 85 % is abnormal [M]; 90 % is the return-to-sport convention [E]",
        norm_certainty="[M]",
        maximum=400,
    ),
    TestDefinition(
        slug="hop-pain",
        categories=("isometric", "strength"),
        name="Single-leg hopping pain",
        measures="Pain at the painful area while hopping 10-20 times on one leg",
        protocol=(
            "Hop on the spot on one leg 10-20 times at a steady rhythm.",
            "Rate the pain at the painful area, 0-10.",
        ),
        equipment=("none",),
        unit="pain",
        per_side=True,
        targets=("achilles", "plantar-fascia"),
        norm_source="Return-to-run criteria: hop pain 2/10 or less (PMC6356409 protocol) [S]",
        norm_certainty="[S]",
        lower_is_better=True,
        maximum=10,
        pain_flag_above=2,
    ),
    TestDefinition(
        slug="side-plank",
        categories=("strength", "isometric"),
        name="Side plank hold",
        measures="Lateral trunk and hip endurance",
        protocol=(
            "Lie on your side, forearm under the shoulder, feet stacked.",
            "Lift the hips into a straight line and hold as long as you can keep it.",
            "Stop when the hips drop. Record seconds on each side.",
        ),
        equipment=("none",),
        unit="s",
        per_side=True,
        targets=("core", "glute-med"),
        norms=(NormBand(18, 40, 95.0, "male"), NormBand(18, 40, 75.0, "female")),
        norm_source="McGill SM et al. 1999: young adults, men about 94-97 s, women about 72-77 s (recalled, to verify)",
        norm_certainty="[M]",
        maximum=600,
        asymmetry_lsi=95.0,
        timer_seconds=600,
        notes=("McGill's ratio rule: left and right within 0.95-1.05 of each other.",),
    ),
    TestDefinition(
        slug="single-leg-bridge",
        categories=("strength",),
        name="Single-leg bridge to fatigue",
        measures="Hamstring and glute endurance",
        protocol=(
            "Lie on your back, one heel on a 60 cm box, knee slightly bent; the other thigh vertical, arms crossed.",
            "Push through the heel to lift the hips to straight and lower, without momentum from the other leg.",
            "Count repetitions to failure on each side.",
        ),
        equipment=("box",),
        unit="reps",
        per_side=True,
        targets=("hamstrings", "glute-max"),
        norms=(NormBand(18, 99, 25.0),),
        norm_source="Freckleton G et al. 2014, Br J Sports Med 48(8):713-717: under 20 poor, about 25 average, over 30 good (footballers)",
        norm_certainty="[S]",
        maximum=200,
    ),
    TestDefinition(
        slug="paper-grip-hallux",
        categories=("strength", "isometric"),
        name="Paper grip test, big toe",
        measures="Big-toe flexor strength",
        protocol=(
            "Sit with hips and knees at 90°, foot flat.",
            "A card under the big toe is pulled out while you grip it down: pass if it is held.",
        ),
        equipment=("none",),
        unit="pass",
        per_side=True,
        targets=("intrinsic-foot",),
        norm_source="de Win, Menz and Mickle paper-grip test [M]: a fail triggers the foot-core programme [E]",
        norm_certainty="[M]",
        maximum=1,
    ),
    TestDefinition(
        slug="paper-grip-lesser",
        categories=("strength", "isometric"),
        name="Paper grip test, lesser toes",
        measures="Lesser-toe flexor strength",
        protocol=(
            "Sit with hips and knees at 90°, foot flat.",
            "A card under the four small toes is pulled out while you grip: pass if it is held.",
        ),
        equipment=("none",),
        unit="pass",
        per_side=True,
        targets=("intrinsic-foot",),
        norm_source="de Win, Menz and Mickle paper-grip test [M]: a fail triggers the foot-core programme [E]",
        norm_certainty="[M]",
        maximum=1,
    ),
    TestDefinition(
        slug="y-balance-anterior",
        categories=("balance", "strength"),
        name="Y-balance test, anterior reach",
        measures="Dynamic single-leg balance and ankle-knee control",
        protocol=(
            "Stand on one leg at the centre of the Y; reach the other foot forward along the line as far as you can.",
            "Touch lightly and return without losing balance; best of 3 in cm.",
            "Give your leg length (front of the hip bone to the inner ankle) to normalise the reach.",
        ),
        equipment=("none",),
        unit="cm",
        per_side=True,
        targets=("glute-med", "quadriceps", "intrinsic-foot"),
        norm_source="Plisky PJ et al. 2006, JOSPT 36(12):911-919: a right-left difference over 4 cm gave 2.5x injury risk (basketball, not runners)",
        norm_certainty="[S]",
        maximum=200,
        asymmetry_difference=4.0,
    ),
)

BY_SLUG = {test.slug: test for test in BATTERY}
