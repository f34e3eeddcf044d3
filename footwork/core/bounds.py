"""The plausible range of every quantity Footwork stores, in one place: forms, API schemas, the CLI and the importers
all read these, so a value refused at one door is refused at every door.

Pure: the standard library only (no Django, no numpy). Each Bound.check answers None for a plausible value, or the
reason in plain words; NaN and infinity are never plausible. Dates are checked against "today" given by the caller
(the runner's own today, core.clock.today_for), since only the caller knows the runner's time zone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from footwork.core.rules import PAIN_MAX
from footwork.core.wording import day_label

HOUR_S = 3600.0
# Values this large are worded as a power of ten (1e+308 m), not in thousands of km.
ABSURD = 1e15


@dataclass(frozen=True)
class Bound:
    """A quantity's plausible range [low, high] in unit (low itself excluded when low_open)."""

    name: str
    low: float
    high: float
    unit: str
    low_open: bool = False
    whole: bool = False

    def contains(self, value: float) -> bool:
        """Whether value is finite and within the range (and whole, for a count)."""
        return self.check(value) is None

    def check(self, value: float, name: str | None = None) -> str | None:
        """None for a plausible value, else why not: "heart rate 900 bpm is above 250 bpm".

        name words the quantity otherwise ("average heart rate"); the range stays this bound's.
        """
        name = name or self.name
        if math.isnan(value):
            return f"{name} is not a number"
        if math.isinf(value):
            return f"{name} is infinite"
        if self.whole and value != int(value):
            return f"{name} {_number(value)} is not a whole number"
        if value < self.low or (self.low_open and value == self.low):
            limit = "is not more than" if self.low_open else "is below"
            return f"{name} {self.words(value)} {limit} {self.words(self.low)}"
        if value > self.high:
            return f"{name} {self.words(value)} is above {self.words(self.high)}"
        return None

    def words(self, value: float) -> str:
        """The value as a runner reads it: durations in hours or days, distances in km, others in their unit."""
        if abs(value) >= ABSURD:
            return f"{value:.0e} {self.unit}"
        if self.unit == "s" and abs(value) >= 4 * 24 * HOUR_S:
            return f"{_number(value / 24 / HOUR_S)} days"
        if self.unit == "s" and abs(value) >= HOUR_S:
            return f"{_number(value / HOUR_S)} hours"
        if self.unit == "m" and abs(value) >= 10_000:
            return f"{_number(value / 1000)} km"
        if self.unit == "°":
            return f"{_number(value)}°"
        return f"{_number(value)} {self.unit}".rstrip()


def _number(value: float) -> str:
    """At most one decimal, thousands separated: 10,000 or 61.2."""
    return f"{value:,.1f}".removesuffix(".0")


@dataclass(frozen=True)
class DateBound:
    """A calendar date's plausible window: from earliest (or days_before today) to days_after today."""

    name: str
    earliest: date | None = None
    days_before: int | None = None
    days_after: int = 0

    def window(self, today: date) -> tuple[date, date]:
        """The first and last plausible date, given the runner's today."""
        first = [day for day in (self.earliest,) if day is not None]
        if self.days_before is not None:
            first.append(today - timedelta(days=self.days_before))
        return max(first, default=date.min), today + timedelta(days=self.days_after)

    def check(self, value: date, *, today: date) -> str | None:
        """None for a date in the window, else why not ("date 2035-01-01 is in the future")."""
        first, last = self.window(today)
        if value < first:
            return f"{self.name} {day_label(value, today)} is before {day_label(first, today)}"
        if value > last:
            if self.days_after == 0:
                return f"{self.name} {day_label(value, today)} is in the future"
            return f"{self.name} {day_label(value, today)} is after {day_label(last, today)}"
        return None


# --- Activities (runs entered by hand, imported files, the API) ----------------------------------------------------

# Activity dates: nothing Footwork stores predates 1970 (no GPS watch, no Unix time), nothing is in the future.
ACTIVITY_DATE = DateBound("date", earliest=date(1970, 1, 1))
# An imported file has a UTC start and no runner's zone: it may be up to a day ahead of UTC now (UTC+14 is 14 hours
# ahead, and a device clock a little fast), never more.
START_SLACK = timedelta(days=1)
# 48 hours: 100-mile and 24-hour races fit in one recording; a multi-day stage race (Tor des Géants, 240-milers) is
# recorded in stages, and anything longer in one file is a recorder left on. Manual entry is capped lower (24 h).
ACTIVITY_DURATION = Bound("duration", 0.0, 48 * HOUR_S, "s", low_open=True)
# A run typed in by hand: more than nothing, at most a day (a longer effort comes from a recording).
MANUAL_RUN_DURATION = Bound("duration", 0.0, 24 * HOUR_S, "s", low_open=True)
MOVING_TIME = Bound("moving time", 0.0, 48 * HOUR_S, "s")
ACTIVITY_DISTANCE = Bound("distance", 0.0, 1_000_000.0, "m")
# Climb over one 48-hour activity: the hilliest 100-milers climb about 10,000 m.
ELEVATION_GAIN = Bound("elevation gain", 0.0, 20_000.0, "m")
# A run's average over its whole duration: the men's 100 m record averages 10.4 m/s over 9.6 s; nobody averages
# more than 12 m/s, so faster is a vehicle, a wrong sport or a broken file.
AVERAGE_RUN_SPEED = Bound("average speed", 0.0, 12.0, "m/s")
# Between two points: a sprinter peaks near 12.4 m/s; above 15 m/s a step is a GPS jump and is dropped.
SAMPLE_SPEED = Bound("speed", 0.0, 15.0, "m/s")
# Heart rate: elite endurance athletes rest near 30 bpm (25 allows for sleep); nobody's maximum exceeds 250.
HEART_RATE = Bound("heart rate", 25.0, 250.0, "bpm")
# Steps per minute on foot (sprinters reach about 250 spm); pedal rpm and strokes fit beneath it too.
CADENCE = Bound("cadence", 0.0, 260.0, "spm")
LATITUDE = Bound("latitude", -90.0, 90.0, "°")
LONGITUDE = Bound("longitude", -180.0, 180.0, "°")
# The Dead Sea shore is at -430 m, Everest 8,849 m; a barometer's drift stays within these.
ELEVATION = Bound("elevation", -500.0, 9_000.0, "m")
# Running power (Stryd and watches): about 300 W for a good runner, 1,500 W in a sprinter's first steps.
POWER = Bound("power", 0.0, 2_500.0, "W")
RPE = Bound("effort (RPE)", 0.0, 10.0, "", whole=True)
# A profile's current weekly distance: 0 while injured; elite marathoners run about 250 km a week (the profile
# field's validators hold the same 0-500).
WEEKLY_DISTANCE_KM = Bound("weekly distance", 0.0, 500.0, "km")

# --- Plans, races and uploads (for the forms and schemas; the importers do not use them) ---------------------------

PLAN_START = DateBound("plan start", days_before=2 * 365, days_after=2 * 365)
RACE_DATE = DateBound("race date", earliest=date(1970, 1, 1), days_after=5 * 365)
FILES_PER_UPLOAD = Bound("files in one upload", 1.0, 100.0, "files", whole=True)
# Sets, repetitions and other counts of one session.
SETS = Bound("sets", 1.0, 20.0, "", whole=True)
REPETITIONS = Bound("repetitions", 0.0, 1_000.0, "", whole=True)


def check_start(start: datetime, *, now: datetime | None = None) -> str | None:
    """None for an activity start (aware) between 1970-01-01 UTC and START_SLACK after now, else why not."""
    now = now or datetime.now(UTC)
    first = datetime.combine(ACTIVITY_DATE.window(now.date())[0], datetime.min.time(), tzinfo=UTC)
    if start < first:
        return f"it starts on {start.date().isoformat()}, before {first.date().isoformat()}"
    if start > now + START_SLACK:
        return f"it starts on {start.date().isoformat()}, in the future"
    return None


# --- Season planning (races from a file or a form) -----------------------------------------------------------------

# A race's distance: more than nothing, at most a multi-day ultra (the longest foot races are about 1,000 km).
RACE_DISTANCE_KM = Bound("race distance", 0.0, 1_000.0, "km", low_open=True)
# The runner's recent peak weekly volume: more than nothing; elite marathoners run about 250 km a week.
PEAK_WEEKLY_KM = Bound("peak weekly distance", 0.0, 500.0, "km", low_open=True)
# A season's "today" lies within the dates a read may ask about (core.limits.READABLE_DATES: 1970 to 10 years ahead);
# its races from a year before it (a past race is left out of the plan, or its recovery shown) to RACE_DATE's horizon.
SEASON_RACE_DATE = DateBound("race date", days_before=365, days_after=RACE_DATE.days_after)
RACES_PER_SEASON = Bound("races in one season", 1.0, 50.0, "races", whole=True)
RACE_NAME_CHARACTERS = Bound("race name", 1.0, 100.0, "characters", whole=True)
# The recovery gate's inputs: a pain reading on the 0-10 scale, and a VISA-A or FAAM score (both 0-100).
PAIN_READING = Bound("pain", 0.0, float(PAIN_MAX), "", whole=True)
QUESTIONNAIRE_SCORE = Bound("questionnaire score", 0.0, 100.0, "points")
# A race's goal or finish time in whole seconds: more than nothing, at most 14 days (the 1,000 km of RACE_DISTANCE_KM
# on foot take a fast multi-day runner about 8 to 10 days).
RACE_TIME_S = Bound("race time", 0.0, 14 * 24 * HOUR_S, "s", low_open=True, whole=True)
# A race's notes and the words of its result (how it went, the next morning).
RACE_TEXT_CHARACTERS = Bound("text", 0.0, 2_000.0, "characters", whole=True)

# --- Messages between a coach and their runner ---------------------------------------------------------------------

# One message's text, stripped: something, and at most about two screens of a phone (a longer report is a file or a
# test session, not a chat message).
MESSAGE_CHARACTERS = Bound("message", 1.0, 4_000.0, "characters", whole=True)

# --- The daily jobs (`footwork jobs daily --date D`) ----------------------------------------------------------------

# The day a run of the daily jobs is for: a missed cron run is caught up within a month; tomorrow is allowed because
# the server's date may already be tomorrow for a coach in another zone [choice].
JOB_DATE = DateBound("job date", days_before=31, days_after=1)

# --- Photos and short videos (an exercise's demonstration, a runner's form in a message) ---------------------------

# A photo as phones take it (a 12-48 MP JPEG is 3-8 MB); a short clip of a few seconds of form (1080p at 10-15 Mbit/s
# is 25-40 MB for 20 s). Larger files are refused, not cut.
MEDIA_PHOTO_BYTES = Bound("photo", 1.0, 10 * 1024 * 1024, "bytes", whole=True)
MEDIA_VIDEO_BYTES = Bound("video", 1.0, 50 * 1024 * 1024, "bytes", whole=True)
# Pixels of a photo: a 48 MP phone sensor's full-size picture is over; phones save 12 MP by default. Checked from the
# header before the image is decoded, so a decompression bomb is refused unread.
MEDIA_PIXELS = Bound("photo size", 1.0, 40_000_000.0, "pixels", whole=True)
MEDIA_CAPTION_CHARACTERS = Bound("caption", 0.0, 200.0, "characters", whole=True)
# How many photos and videos one coach keeps on one exercise.
MEDIA_PER_EXERCISE = Bound("photos and videos on one exercise", 0.0, 12.0, "items", whole=True)

# --- A coach's private notes about a runner (caseload) -------------------------------------------------------------

# One note's text, stripped: something, and at most about a page (a longer report is a document, not a note).
COACH_NOTE_CHARACTERS = Bound("note", 1.0, 4_000.0, "characters", whole=True)
# The day a note is about: up to two years back (a note written up late), never ahead of the runner's today.
COACH_NOTE_DATE = DateBound("note date", days_before=2 * 365)

# --- Workshops: a coach's self-guided program many runners join (workshops app) -----------------------------------

# A workshop's title: a few words that fit a link preview's heading (previews cut near 60-70 characters).
WORKSHOP_TITLE_CHARACTERS = Bound("title", 1.0, 100.0, "characters", whole=True)
WORKSHOP_SUBTITLE_CHARACTERS = Bound("subtitle", 0.0, 150.0, "characters", whole=True)
# The summary is what link previews show (og:description; they cut near 200 characters): something, and short.
WORKSHOP_SUMMARY_CHARACTERS = Bound("summary", 1.0, 300.0, "characters", whole=True)
# The description in Markdown: a landing page's worth (about ten screens of a phone), not a book.
WORKSHOP_DESCRIPTION_CHARACTERS = Bound("description", 0.0, 20_000.0, "characters", whole=True)
# Who it is for, and who it is not for (the red-flag and exclusion text is added to the latter, not counted).
WORKSHOP_AUDIENCE_CHARACTERS = Bound("who it is for", 0.0, 2_000.0, "characters", whole=True)
# The coach's own checkout page: an https address as a browser keeps it (2,000 characters is the old IE limit).
WORKSHOP_CHECKOUT_URL_CHARACTERS = Bound("checkout address", 0.0, 2_000.0, "characters", whole=True)
# A cohort's start day: from a month back (published after it began) to a year ahead [choice]. A late joiner's plan
# starts on it, inside PLAN_START's two years.
WORKSHOP_COHORT_START = DateBound("cohort start", days_before=30, days_after=365)
# Joining a cohort closes this many days after its start: 0 (start day only) to about three months [choice].
WORKSHOP_JOIN_WINDOW_DAYS = Bound("days to join after the start", 0.0, 90.0, "days", whole=True)
# A code a runner types to join (the shared code or a single-use one; each is 9 characters with its hyphen).
WORKSHOP_CODE_CHARACTERS = Bound("code", 1.0, 40.0, "characters", whole=True)
# Single-use codes made in one batch (a sale's worth), and kept on one workshop in all.
ACCESS_CODES_PER_BATCH = Bound("codes in one batch", 1.0, 500.0, "codes", whole=True)
ACCESS_CODES_PER_WORKSHOP = Bound("codes on one workshop", 0.0, 10_000.0, "codes", whole=True)
# Lessons: short texts, one or two a week of a program of up to a year.
LESSONS_PER_WORKSHOP = Bound("lessons in one workshop", 0.0, 100.0, "lessons", whole=True)
LESSON_TITLE_CHARACTERS = Bound("lesson title", 1.0, 120.0, "characters", whole=True)
LESSON_BODY_CHARACTERS = Bound("lesson", 1.0, 10_000.0, "characters", whole=True)
# The workshop day a lesson unlocks on: day 1 (the day a runner joins, or the cohort's start) to a year in.
LESSON_UNLOCK_DAY = Bound("unlock day", 1.0, 365.0, "", whole=True)
# An announcement to every participant: a few paragraphs (it is mailed too).
ANNOUNCEMENT_CHARACTERS = Bound("announcement", 1.0, 2_000.0, "characters", whole=True)

# --- Entries made offline (the app's queue sends them later) -------------------------------------------------------


@dataclass(frozen=True)
class MomentBound:
    """A moment's plausible window around now: from `before` ago to `ahead` from now (a phone's clock runs a little
    fast or slow)."""

    name: str
    before: timedelta
    ahead: timedelta

    def window(self, now: datetime) -> tuple[datetime, datetime]:
        """The first and last plausible moment, given now (aware)."""
        return now - self.before, now + self.ahead

    def check(self, value: datetime, *, now: datetime | None = None) -> str | None:
        """None for an aware moment in the window, else why not, in words."""
        if value.tzinfo is None or value.utcoffset() is None:
            return f"{self.name} gives no time zone (send it with its offset, or in UTC with Z)"
        first, last = self.window(now or datetime.now(UTC))
        if value < first:
            days = self.before.days
            return (
                f"{self.name} is more than {days} days ago: an entry kept on the phone that long is not sent"
            )
        if value > last:
            return f"{self.name} is in the future (is the phone's clock right?)"
        return None


# When an entry (a session log, a check-in, a red-flag screening) was made on the phone, offline, before it was sent.
# 14 days: two weeks away from any signal (a trek, a training camp) still syncs; an older queue is stale advice.
# 10 minutes ahead: a phone's clock set a little fast, never an entry from tomorrow [choice].
RECORDED_AT = MomentBound("the time this entry was made", timedelta(days=14), timedelta(minutes=10))
