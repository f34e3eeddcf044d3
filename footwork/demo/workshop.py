"""The demo's Stronger Feet Workshop: the demo coach publishes the shipped starter program as a self-paced workshop a
month ago, with its lessons, and six runners join it over the weeks after. Their sessions, tests and the coach's
announcements are replayed through the services with the clock moved to each day, so the coach's figures (over at
least five participants, so none is hidden) are what the product would show.

Idempotent: once the coach has the workshop, nothing is added.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from footwork.accounts import services as accounts
from footwork.accounts.models import Role, User
from footwork.core.clock import today_for
from footwork.demo import replay, story, workshop_words
from footwork.workshops.models import Workshop
from footwork.workshops.services import (
    add_lesson,
    join_workshop,
    post_announcement,
    publish_workshop,
    share_data,
)

PROGRAM = replay.STARTER_PROGRAM
PASSWORD = "demo-runner-pass"
# The workshop was published this many days before today, the morning before the first runner joined.
PUBLISHED_DAYS_AGO = 34
WEEKS = 4
SEED = 1515


@dataclass(frozen=True)
class Participant:
    email: str
    first_name: str
    time_zone: str
    joined_days_ago: int
    # How many days of ten they train (the rest skipped), and their usual pain during the sets (0-10).
    trains_of_ten: int
    effort_pain: int
    shares_data: bool = False


# Three who have finished its four weeks, two in their last week, one in their second; Lena shares her data with the
# coach (her row on the roster) and is the demo's workshop login.
PARTICIPANTS = (
    Participant("lena@footwork.example", "Lena", "Europe/Berlin", 33, 9, 2, shares_data=True),
    Participant("tomas@footwork.example", "Tomás", "Europe/Madrid", 30, 8, 1),
    Participant("aisha@footwork.example", "Aisha", "Europe/London", 29, 7, 3),
    Participant("marco@footwork.example", "Marco", "Europe/Rome", 26, 9, 2),
    Participant("jo@footwork.example", "Jo", "America/New_York", 25, 6, 4),
    Participant("ravi@footwork.example", "Ravi", "Asia/Kolkata", 12, 8, 1),
)
# The tests on day one (heel raises, seconds of balance; left, right), each participant a little apart, and again on
# RETEST_DAY (in the last week) with a gain: some past the heel-raise test's smallest real change, some not.
BEFORE = {"heel-raise": (17.0, 21.0), "forefoot-balance": (14.0, 19.0)}
GAIN = {"heel-raise": (4.0, 7.0, 5.0, 8.0, 3.0, 6.0), "forefoot-balance": (8.0, 6.0, 10.0, 5.0, 7.0, 9.0)}
RETEST_DAY = 25
# The balance test stops at 30 seconds.
TOP = {"heel-raise": 60.0, "forefoot-balance": 30.0}


def _results(index: int, *, after: bool) -> story.Results:
    found: story.Results = {}
    for test, (left, right) in BEFORE.items():
        gain = GAIN[test][index % len(GAIN[test])] if after else 0.0
        found[test] = (min(TOP[test], left + index % 4 + gain), min(TOP[test], right + index % 3 + gain))
    return found


def add_demo_workshop(*, coach_email: str, say: replay.Say) -> Workshop | None:
    """The coach's Stronger Feet Workshop with its participants' weeks, once; None without the starter program."""
    coach = User.objects.get(email=coach_email)
    found = Workshop.objects.filter(coach=coach, title=workshop_words.TITLE).first()
    if found is not None:
        say("demo: the Stronger Feet Workshop is there already; left as it is.")
        return found
    if not replay.programs_loaded(PROGRAM):
        say("demo: the programs are not loaded (footwork programs load): no workshop.")
        return None
    today = today_for(coach)
    made = _publish(coach, today - datetime.timedelta(days=PUBLISHED_DAYS_AGO))
    categories = replay.exercise_categories()
    for index, person in enumerate(PARTICIPANTS):
        _take_part(made, person, index, categories, say)
    for days_ago, text in workshop_words.ANNOUNCEMENTS:
        with replay.at(today - datetime.timedelta(days=days_ago), 9, 0, "UTC"):
            post_announcement(actor=coach, slug=made.slug, body=text)
    return made


def _publish(coach: User, day: datetime.date) -> Workshop:
    with replay.at(day, 8, 0, "UTC"):
        made = publish_workshop(
            actor=coach,
            program_slug=PROGRAM,
            title=workshop_words.TITLE,
            subtitle=workshop_words.SUBTITLE,
            summary=workshop_words.SUMMARY,
            description_markdown=workshop_words.DESCRIPTION,
            for_whom=workshop_words.FOR_WHOM,
            not_for_whom=workshop_words.NOT_FOR_WHOM,
            checkout_url=workshop_words.CHECKOUT_URL,
        )
        for unlock_day, title, text in workshop_words.LESSONS:
            add_lesson(actor=coach, slug=made.slug, title=title, body_markdown=text, unlock_day=unlock_day)
    return made


def _runner(person: Participant) -> User:
    runner = User.objects.filter(email=person.email).first()
    if runner is None:
        runner = accounts.sign_up(
            email=person.email, password=PASSWORD, role=Role.RUNNER, first_name=person.first_name
        )
        accounts.update_runner_profile(
            actor=runner,
            changes={"time_zone": person.time_zone, "weekly_distance_km": 40, "running_years": 5},
        )
    return runner


def _day(index: int, on: datetime.date, person: Participant) -> story.Day:
    """One of the participant's days, in the replay's terms: a session (or not), its pain and effort."""
    pain = person.effort_pain
    return story.Day(
        index=index,
        date=on,
        pain=max(0, pain - 1),
        stiffness=1,
        heel=(0, 0),
        note="",
        trains=True,
        skip_reason="",
        effort_pain=pain,
        pain_after=pain,
        rpe=4,
        run=None,
    )


def _take_part(
    workshop: Workshop, person: Participant, index: int, categories: dict[str, str], say: replay.Say
) -> None:
    """The runner joins on their day one, tests, trains most days to the end (or today), and tests again."""
    runner = _runner(person)
    run = replay.Replay(runner, None, "both", story.seeded(SEED + index), say, with_plans=True)
    run.categories = categories
    today = today_for(runner)
    day_one = today - datetime.timedelta(days=person.joined_days_ago)
    with replay.at(day_one, 7, 30, person.time_zone):
        join_workshop(actor=runner, slug=workshop.slug)
        if person.shares_data:
            share_data(actor=runner, slug=workshop.slug, share=True)
        replay.record_tests(run, _results(index, after=False), "Before the workshop")
    last = min(today, day_one + datetime.timedelta(days=7 * WEEKS - 1))
    for number in range((last - day_one).days + 1):
        on = day_one + datetime.timedelta(days=number)
        if number + 1 == RETEST_DAY:
            with replay.at(on, 7, 45, person.time_zone):
                replay.record_tests(run, _results(index, after=True), "Re-test at the end of the workshop")
        if run.rng.randrange(10) < person.trains_of_ten:
            day = _day(number, on, person)
            with replay.sitting(run, day, 19, 0):
                replay.train(run, day)
