from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from footwork.accounts.tests.factories import runner as make_runner
from footwork.assessments.models import Assessment, QuestionnaireResponse, TestResult
from footwork.programs.selectors import plan_schedule
from footwork.training.models import DaySummary
from footwork.workshops.models import Access
from footwork.workshops.services import join_workshop, publish_workshop

# The two-week daily program of the `programs` fixture.
PROGRAM = "test-daily"


def workshop(coach, **fields):
    """A published workshop of the test program, owned by the coach."""
    values = {
        "program_slug": PROGRAM,
        "title": "Stronger Feet Workshop",
        "summary": "Two weeks of feet and calves, one short session a day.",
    }
    values.update(fields)
    return publish_workshop(actor=coach, **values)


def code_workshop(coach, **fields):
    return workshop(coach, access=Access.CODE, **fields)


def participants(workshop, count: int, **runner_fields):
    """`count` new runners who joined the workshop (with its shared code when it asks for one)."""
    places = []
    for index in range(count):
        runner = make_runner(email=f"joiner{workshop.pk}-{index}@example.test", **runner_fields)
        place, _created = join_workshop(actor=runner, slug=workshop.slug, code=workshop.shared_code)
        places.append(place)
    return places


def trained(place, days: int, *, pain: int = 1, complete: bool = True) -> None:
    """The participant logged every session of their plan's first `days` days (as DaySummary rows), with `pain`."""
    last = place.day_one + timedelta(days=days - 1)
    by_day: dict[date, list[list[object]]] = {}
    for item in plan_schedule(place.plan):
        if item.date <= last:
            by_day.setdefault(item.date, []).append([item.session_id, item.date.isoformat(), complete])
    for day, sessions in by_day.items():
        DaySummary.objects.update_or_create(
            runner=place.runner,
            date=day,
            defaults={"sessions": sessions, "sets": 3, "pain_during": pain, "pain_after": pain},
        )


def measured(runner, on: date, test: str, left: float, right: float):
    assessment = Assessment.objects.create(runner=runner, date=on, created_by=runner)
    return TestResult.objects.create(
        assessment=assessment, test=test, left=Decimal(str(left)), right=Decimal(str(right))
    )


def answered(runner, on: date, instrument: str, score: float):
    return QuestionnaireResponse.objects.create(
        runner=runner,
        instrument=instrument,
        date=on,
        answers=[],
        score=Decimal(str(score)),
        created_by=runner,
    )
