"""The symptom-guided decision engine (CLINICAL.md section A, §3 and the plyometric exclusions of §7).

For each prescription: progress, hold, regress or stop, with a traffic light and reasons that name the numbers; then
one piece of running advice. Pure: standard library and other pure modules only; every number comes from
footwork.core.rules. Same input, same output: exercises come back in the order of the prescriptions.

Interpretations the rules leave open (each says why in the code):
- Records dated after `today` are ignored: they cannot have happened yet.
- A session's light is the worst of its pain during, its pain after and the morning after it; the exercise's light
  adds the weekly trend. A day counts as red for the stop rule when a session of the exercise that day was red,
  the weekly trend as of that day included.
- Progressing needs each of the last PROGRESS_SESSIONS sessions fully achieved AND green (rules.py: "with green
  symptoms"), and at least one symptom recorded for each: an unrecorded session is not evidence of green.
- Rounding is half-up (13 × 0.5 → 7), so that a runner can check the arithmetic.
- The weekly trend's "this week" is the ISO week of `today`, so early in a week it is often not counted yet.
- The plyometric look-back of PLYO_AMBER_HOURS covers today and the whole days it reaches back into.
- A move to another exercise (progress or regress) always carries the dose for it in `new_dose`.
- Running treats a stopped exercise as red: it had repeated red days.
- Reasons are for people: exercises by name (PrescriptionState.name, History.names, else the slug with its dashes as
  spaces, capitalised), dates as "Tue 2 Dec" (core.wording.day_label), amounts in the exercise's own unit
  ("2 → 3 passes", "15 → 20 seconds each side").
- After a change of dosage (PrescriptionState.counts_from) only the sessions from that day on count for the
  prescription: its light, its readiness to progress and its stop rule.
- Several painful areas: an exercise is judged on the worst reading among the areas it loads
  (PrescriptionState.areas) in each check-in that has per-area values for one of them, otherwise on the overall
  reading (the worst across areas). This covers the morning after, the weekly trend and the plyometric look-back.
  The baseline stays the runner's one baseline of overall morning pain; running advice reads the overall values.
- A red flag for an area stops every exercise that loads it (light red). A red flag with no area, or for an area no
  exercise loads specifically ("other", an unknown area), stops every exercise: the safe side. Any red flag
  (red_flag, or a non-empty red_flag_areas) pauses running.
- Held back (ExerciseDecision.held_back) means "not to be done now": a stopped exercise, or a plyometric while an
  exclusion of §7 applies. Decisions.held_back holds the plyometric exclusions in force on the overall readings.
"""

from __future__ import annotations

from footwork.progression.domain.engine import decide, decisions_document, dosage_document
from footwork.progression.domain.lights import baseline_of, morning_light, reading_light, weekly_trend, worst
from footwork.progression.domain.readings import Item
from footwork.progression.domain.records import (
    ADVICE_ORDER,
    AREA_TARGETS,
    AREA_WORDS,
    DOSE_KEYS,
    LIGHTS,
    ORDER,
    Advice,
    CheckinRecord,
    DecisionKind,
    Decisions,
    Dose,
    EntryRecord,
    ExerciseDecision,
    History,
    Light,
    PrescriptionState,
    RunningAdvice,
    SessionRecord,
    areas_loaded,
)
from footwork.progression.domain.wording import describe_dose, humanised

__all__ = [
    "ADVICE_ORDER",
    "AREA_TARGETS",
    "AREA_WORDS",
    "DOSE_KEYS",
    "LIGHTS",
    "ORDER",
    "Advice",
    "CheckinRecord",
    "DecisionKind",
    "Decisions",
    "Dose",
    "EntryRecord",
    "ExerciseDecision",
    "History",
    "Item",
    "Light",
    "PrescriptionState",
    "RunningAdvice",
    "SessionRecord",
    "areas_loaded",
    "baseline_of",
    "decide",
    "decisions_document",
    "describe_dose",
    "dosage_document",
    "humanised",
    "morning_light",
    "reading_light",
    "weekly_trend",
    "worst",
]
