"""The numbers every rule uses (CLINICAL.md section A and the sections it cites), named, in one place.

Pure constants: domain modules import them; nothing here reads settings or the database. Each is a default a coach
can review; the tags say how sure the reference is: [S] published, [M] recalled and to be checked, [E] convention.
"""

from __future__ import annotations

# Pain scale: integers 0-10 everywhere (NRS).
PAIN_MAX = 10
# Traffic light of one reading: green 0..GREEN_MAX, amber up to AMBER_MAX, red above. The 2-vs-3 cut is a setting [E].
PAIN_GREEN_MAX = 2
PAIN_AMBER_MAX = 5

# Limb symmetry index, involved ÷ uninvolved × 100 [E] (Silbernagel & Crossley 2015 [M]).
LSI_ASYMMETRY = 90.0
LSI_CLEAR_DEFICIT = 80.0

# Single-leg heel-raise test (Hébert-Losier 2017 [S]; Lunsford & Perry 1995 [M]).
HEEL_RAISE_MEDIAN = {"male": 24, "female": 21}
HEEL_RAISE_RUNNER_MINIMUM = 25
HEEL_RAISE_RUNNER_GOAL = 30
HEEL_RAISE_NOISE_REPS = 6
HEEL_RAISE_CADENCE_BPM = 60  # up on one beat, down on the next: 30 reps a minute

# Plyometric safety exclusions (CLINICAL §7) [E].
PLYO_MIN_HEEL_RAISES = 20
PLYO_MAX_HOP_PAIN = 2
PLYO_MIN_STANCE_SECONDS = 30

# Weak-link ranking: for a runner with a painful Achilles, calf or heel, a test of the calf-Achilles-plantar fascia
# chain counts up to this many times its severity (in proportion to how much of the test works that chain) [E].
PAINFUL_AREA_WEIGHT = 1.5

# Re-test reminder on /today/: weeks after the last test session.
RETEST_WEEKS = 4

# Minimal clinically important differences (CLINICAL §2).
MCID = {
    "visa-a": 14.0,  # over 12 weeks (JOSPT 2021 cohort [S]); 7 over 24 weeks; 6.5 McCormack 2015 [M]
    "faam-adl": 8.0,  # [S]
    "faam-sports": 9.0,  # [S]
    "lefs": 9.0,  # general population [S]; 12 for Achilles tendinopathy (McCormack 2015 [M])
}

# --- Pain-monitoring model (CLINICAL section A) -------------------------------------------------------------------
# Progress only when the prescribed dosage was fully achieved, with green symptoms, in each of this many last sessions.
PROGRESS_SESSIONS = 2
# Baseline = median morning pain of the first BASELINE_CHECKINS check-ins (or of the last ones of a green week).
BASELINE_CHECKINS = 7
# Morning response against baseline: amber at baseline + 1, red at baseline + MORNING_RED_ABOVE or more.
MORNING_RED_ABOVE = 2
# Weekly trend: weeks need this many check-ins; red when the mean rose by WEEKLY_RISE or more in each of the last 2 weeks.
WEEKLY_TREND_MIN_CHECKINS = 3
WEEKLY_RISE = 1.0
# Stop and see a clinician: red on this many days within the window while already regressed.
STOP_RED_DAYS = 2
STOP_WINDOW_DAYS = 7
# Plyometrics are held back after an amber or red day within this many hours (CLINICAL §7).
PLYO_AMBER_HOURS = 48
# Without a progression rule: the next exercise of the library chain, or else this much more dosage.
PROGRESS_PERCENT_WITHOUT_RULE = 10
# Moving to a harder exercise restarts at this fraction of the dosage reached [E].
NEXT_EXERCISE_RESTART = 0.5
# Regress without a rule or a regression exercise: this much less dosage [E].
REGRESS_PERCENT = 20

# Running advice: red → reduce weekly volume by 30-50 % (default 40 %) and drop hills, speed and consecutive days.
RUNNING_REDUCE_PERCENT = 40
RUNNING_REDUCE_RANGE = (30, 50)

# Flare-up: return to the main plan after this many consecutive mornings at or below baseline [E] (CLINICAL gives no
# number; §8 asks for a week of settled mornings before running again).
FLARE_EXIT_DAYS = 3

# --- Load metrics (CLINICAL section A "Load metrics", §5) ----------------------------------------------------------
# ACWR windows in days: acute 7, chronic 28 (Gabbett 2016 [S]; EWMA N of Williams 2017 [S]).
ACWR_ACUTE_DAYS = 7
ACWR_CHRONIC_DAYS = 28
# EWMA ACWR above this is a "large spike: check", never a hard gate (Gabbett's "danger zone" [M]).
ACWR_SPIKE = 1.5
# Fitness (CTL) and fatigue (ATL) time constants in days: conventions, not fitted values [S].
FITNESS_DAYS = 42
FATIGUE_DAYS = 7
# A runner or coach may set other time constants, up to this many days (fatigue shorter than fitness).
MAX_TIME_CONSTANT_DAYS = 365
# Weekly distance above this % of the mean of the two previous ISO weeks warns (Nielsen 2014 [S]).
WEEKLY_DISTANCE_RISE_PERCENT = 130
# A single run above this % of the longest run in the previous LONG_RUN_LOOKBACK_DAYS days warns (Frandsen 2025 [S]).
LONG_RUN_RISE_PERCENT = 110
LONG_RUN_LOOKBACK_DAYS = 30

# --- Race calendar and periodisation (CLINICAL section A "Race calendar", §6) --------------------------------------
# Macro phases laid backwards from an A race (§6.1 [E], typical 16-20 weeks in all): the race-specific peak weeks just
# before the taper, the build weeks before the peak; base fills the time before that back to today.
SEASON_PEAK_WEEKS = 4
SEASON_BUILD_WEEKS = 8
# Taper before an A race (§6.2: 2 weeks is optimal, up to 3 [S]) and recovery after it (§6.4 [E]), in days.
TAPER_DAYS = 14
RECOVERY_DAYS = 14
# Strength in the taper by days before the race (race day = day 0; §6.3 [E]): the last heavy session (low volume, no
# new exercises, no eccentric-emphasis block) from day -14, one maintenance session from day -10, activation only
# (isometric holds, foot-core drills) from day -6, no strength work from day -2 to race day.
STRENGTH_LAST_HEAVY_DAYS_OUT = 14
STRENGTH_MAINTENANCE_DAYS_OUT = 10
STRENGTH_ACTIVATION_DAYS_OUT = 6
STRENGTH_NONE_DAYS_OUT = 2
# The maintenance session keeps about this % of the sets at the same loads, and this % of the plyometric volume.
MAINTENANCE_SETS_PERCENT = 50
MAINTENANCE_PLYO_PERCENT = 50
# The last heavy session's "low volume" [choice: CLINICAL gives no number]: at most this many sets of an exercise, and
# no exercise whose name marks an eccentric-emphasis block (the Alfredson lowering).
LAST_HEAVY_SETS_MAX = 2
# Strength after the race by day (§6.4 [E]): none on days 1-3, light bodyweight calf and foot work from day 4 if pain
# is at most RECOVERY_GATE_PAIN_MAX, about HALF_LOAD_PERCENT of the load from day 8, heavy again from day 12.
STRENGTH_LIGHT_FROM_DAY = 4
STRENGTH_HALF_LOAD_FROM_DAY = 8
STRENGTH_HEAVY_FROM_DAY = 12
HALF_LOAD_PERCENT = 50
# Running in the taper, % of the runner's recent peak weekly volume (§6.2 app default [E]): week -2 (days -14 to -8),
# then race week (the RACE_WEEK_DAYS before the race; the race itself not counted, about 40-50 % with it).
TAPER_WEEK_PERCENT = (60, 70)
RACE_WEEK_DAYS = 7
RACE_WEEK_PERCENT = (30, 40)
# Running in recovery (§6.4 [E]): none or walking only to day 3; 2-3 easy runs (25-35 %) from day 4; 4-5 easy runs
# building to 50-60 % from day 8; strides from day 10. The re-test for the recovery gate is asked for from day 13.
RECOVERY_EASY_FROM_DAY = 4
RECOVERY_EASY_PERCENT = (25, 35)
RECOVERY_BUILD_FROM_DAY = 8
RECOVERY_BUILD_PERCENT = (50, 60)
RECOVERY_STRIDES_FROM_DAY = 10
RECOVERY_RETEST_FROM_DAY = 13
# After recovery (§6.5 [S/E]): one variable back at a time, frequency → duration → consecutive days → intensity, each
# for COMEBACK_STEP_DAYS (the longer end of "one variable per 1-2 weeks"), from where recovery ended back to the peak.
COMEBACK_STEP_DAYS = 14
COMEBACK_PERCENT = (60, 100)
# B races (CLINICAL is silent [E]): a race-week taper and a one-week recovery, the A-race ladders compressed. Taper:
# one maintenance session from day -7, activation only from day -4, nothing from day -2 (STRENGTH_NONE_DAYS_OUT);
# running at the A taper's week -2 level (TAPER_WEEK_PERCENT). Recovery: no strength on days 1-2, light from day 3,
# half load from day 5, heavy from day 8; running none or walking on days 1-2, easy from day 3, building with strides
# from day 5.
B_TAPER_DAYS = 7
B_RECOVERY_DAYS = 7
B_STRENGTH_MAINTENANCE_DAYS_OUT = 7
B_STRENGTH_ACTIVATION_DAYS_OUT = 4
B_STRENGTH_LIGHT_FROM_DAY = 3
B_STRENGTH_HALF_LOAD_FROM_DAY = 5
B_STRENGTH_HEAVY_FROM_DAY = 8
B_RECOVERY_EASY_FROM_DAY = 3
B_RECOVERY_STRIDES_FROM_DAY = 5
# The gate to leave recovery (§6.4 [E]): single-leg heel raises within this % of the pre-race test, no pain above
# RECOVERY_GATE_PAIN_MAX, and the questionnaire (VISA-A or FAAM) back to its pre-race score, at most this many points
# below it (0: CLINICAL says "back to baseline"; the MCIDs of §2 are far larger than any drop worth ignoring).
RECOVERY_GATE_HEEL_RAISE_PERCENT = 10
RECOVERY_GATE_PAIN_MAX = PAIN_GREEN_MAX
RECOVERY_GATE_SCORE_DROP = 0.0
# The gate is asked about from RECOVERY_RETEST_FROM_DAY until it is met, or at most this many days after the recovery
# ended [choice: CLINICAL says "near day 14"; a week's grace covers a re-test done a few days late]. Its pain is the
# worst morning check-in of the last RECOVERY_GATE_PAIN_DAYS days, today included [choice: §6.4 says "no pain above 2"
# and names no window: the last week].
RECOVERY_GATE_GRACE_DAYS = 7
RECOVERY_GATE_PAIN_DAYS = 7

# --- The coach's roster and alerts (issue 14) [E: conventions a coach can review] ----------------------------------
# Adherence on the roster: done ÷ scheduled over the last 7 days and the last 30 days, today included once logged.
ROSTER_ADHERENCE_SHORT_DAYS = 7
ROSTER_ADHERENCE_LONG_DAYS = 30
# A load flag on the roster: a load warning (spike, weekly distance, long run) within this many days, today included.
ROSTER_LOAD_FLAG_DAYS = 7
# Needs attention when the last 30 days' adherence is this many points or more below the 30 days before them.
ATTENTION_ADHERENCE_DROP_POINTS = 20
# Needs attention when nothing was logged on this many scheduled days in a row (the latest before today).
ATTENTION_MISSED_SCHEDULED_DAYS = 3
# Needs attention when a runner's message has waited this many days or more for an answer.
ATTENTION_UNANSWERED_MESSAGE_DAYS = 1

# --- Messages ------------------------------------------------------------------------------------------------------
# Its author may delete a message within this many minutes of sending it [choice: long enough to catch a slip, short
# enough that the other side has rarely acted on it yet].
MESSAGE_DELETE_MINUTES = 15

# --- Notifications (email) -----------------------------------------------------------------------------------------
# A message is mailed to its recipient when still unread this many minutes after it was sent (issue 14 §4).
MESSAGE_EMAIL_DELAY_MINUTES = 10
# `footwork jobs messages` mails about unread messages sent at most this many hours ago [choice: a deployment that
# starts the sweep late does not mail about last month's messages].
MESSAGE_EMAIL_SWEEP_HOURS = 48
# A workshop's announcement is mailed while at most this many hours old [choice: a worker started late, or the demo's
# announcements dated days back, mail no stale news; it is on the participants' /today/ anyway].
ANNOUNCEMENT_EMAIL_HOURS = 48
# An unsubscribe link in a mail works for this many days [choice: a year of old mails stays usable].
UNSUBSCRIBE_LINK_DAYS = 365

# --- A runner's workspace for their coach (caseload) ---------------------------------------------------------------
# The symptom trend and the timeline's default window: the last 4 weeks (the "last 4 weeks"), today included.
WORKSPACE_DAYS = 28
# Adherence by week on the workspace: the same 4 weeks.
WORKSPACE_WEEKS = 4
# A timeline window covers at most this many days (a year and a day, as the API's other windows).
TIMELINE_MAX_DAYS = 366
