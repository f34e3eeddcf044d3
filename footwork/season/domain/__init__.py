"""Periodisation of a season (CLINICAL.md section A "Race calendar", §6.1-6.5) and the recovery gate. Pure.

periodise(races, today, settings) lays a day-by-day plan from today to the end of the last race's recovery. Every
number is a SeasonSettings field whose default is a named constant of footwork.core.rules. Day numbers count from
race day (day 0): negative before the race, positive after it; SeasonDay.days_to_race is that number.

Rules (CLINICAL's where it has them; the choices where it is silent are marked [choice]):
- A race: taper of `a_race.taper_days` (14) before race day (§6.2), recovery of `a_race.recovery_days` (14) after it
  (§6.4). Strength (§6.3, §6.4): heavy; last_heavy days -14 to -11; maintenance -10 to -7; activation -6 to -3; none
  -2 to 0 and days 1-3; light 4-7; half_load 8-11; heavy from day 12. Running: week -2 of the taper 60-70 % of the
  recent peak weekly volume, race week (days -7 to -1, the race not counted) 30-40 % (§6.2 app default); recovery
  days 1-3 none or walking, 4-7 easy 25-35 %, 8-14 building to 50-60 % with strides from day 10; from day 13 the note
  asks for the re-test of the recovery gate.
- Laying backwards [choice within §6.1's ranges]: peak is the `peak_days` (4 weeks) before an A race's taper, build
  the `build_days` (8 weeks) before that; the first A race's base runs back to today. With less time the phases
  shorten from the front: base first, then build, then peak (a SHORT_BUILD warning says by how much). Between an A
  race's recovery and the next A race's build is comeback (the §6.5 return order, one variable per
  `comeback_step_days`, 2 weeks: the longer end of "1-2 weeks" [choice]), at 60-100 % of the peak week [choice: from
  where recovery ended back to the peak]. After the last race's recovery the season ends. Base, build and peak give
  no percentage (CLINICAL gives none): the note keeps the §5 cap of 30 % more over two weeks.
- B race [choice: CLINICAL is silent]: the A ladders compressed into a race-week taper and a one-week recovery, 7 days
  each. Strength: maintenance days -7 to -5, activation -4 to -3, none -2 to 0 and days 1-2, light 3-4, half_load
  5-7, heavy from day 8. Running: the taper at the A taper's week -2 level (60-70 %); recovery none or walking on days
  1-2, easy 25-35 % on 3-4, 50-60 % with strides on 5-7. No recovery gate after a B race.
- C race: only its own day changes (phase race, no strength work); nothing before or after it.
- Where races meet [choice]: a race day always shows as race (two on one day: the higher priority, SAME_DAY warning).
  Otherwise the day's phase and running come from the higher-priority race's taper or recovery; at equal priority
  recovery from the race already run comes before the taper for the next, then the nearer race. The strength rule is
  the least strength work any race asks for that day, so days -2 to 0 of every A and B race have none. A race inside
  an earlier race's recovery is flagged TOO_CLOSE, one in a later race's taper IN_TAPER; both stay in the plan.
- Races whose recovery ended before today are left out (PAST); a race run within its recovery of today is kept, and
  the plan starts inside its recovery (RECOVERING).
- The plan assumes the recovery gate is met at the end of recovery; recovery_gate() says whether it is (§6.4).
"""

from __future__ import annotations

from footwork.season.domain.document import season_document
from footwork.season.domain.gate import (
    DEFAULT_GATE,
    QUESTIONNAIRE_NAMES,
    GateCheck,
    GateCondition,
    RecoveryGate,
    gate_document,
    recovery_gate,
)
from footwork.season.domain.plan import (
    PhaseSpan,
    RunningGuidance,
    Season,
    SeasonDay,
    SeasonWarning,
    WarningKind,
    periodise,
    recovery_end,
)
from footwork.season.domain.races import DISTANCES_KM, PRIORITY_RANK, Priority, Race
from footwork.season.domain.seasonfile import SeasonFile, SeasonFileError, parse_season, read_season
from footwork.season.domain.settings import (
    A_RACE,
    B_RACE,
    C_RACE,
    DEFAULT_SETTINGS,
    GateSettings,
    RaceRules,
    RunningBand,
    SeasonSettings,
)
from footwork.season.domain.vocabulary import STRENGTH_ORDER, Advice, Phase, Strength, most_restrictive

__all__ = [
    "A_RACE",
    "B_RACE",
    "C_RACE",
    "DEFAULT_GATE",
    "DEFAULT_SETTINGS",
    "DISTANCES_KM",
    "PRIORITY_RANK",
    "QUESTIONNAIRE_NAMES",
    "STRENGTH_ORDER",
    "Advice",
    "GateCheck",
    "GateCondition",
    "GateSettings",
    "Phase",
    "PhaseSpan",
    "Priority",
    "Race",
    "RaceRules",
    "RecoveryGate",
    "RunningBand",
    "RunningGuidance",
    "Season",
    "SeasonDay",
    "SeasonFile",
    "SeasonFileError",
    "SeasonSettings",
    "SeasonWarning",
    "Strength",
    "WarningKind",
    "gate_document",
    "most_restrictive",
    "parse_season",
    "periodise",
    "read_season",
    "recovery_end",
    "recovery_gate",
    "season_document",
]
