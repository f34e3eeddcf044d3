"""No stored value can break a page: the extremes of every range are stored through the services, then every page
and API read of that runner opens (CLINICAL-independent: these are the bounds of core.bounds)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from footwork.activities.services import record_manual_run
from footwork.core import bounds
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput
from footwork.programs.services import enroll
from footwork.training.domain import MAX_AMOUNT, SetEntry
from footwork.training.services import check_in, log_session

EARLIEST = date(1970, 1, 1)


@pytest.fixture
def extreme(cast, programs):
    runner = cast.runner
    today = today_for(runner)
    first, last = bounds.PLAN_START.window(today)
    early = enroll(actor=runner, program_slug="test-daily", start_date=first)
    enroll(actor=cast.other_runner, program_slug="test-daily", start_date=last)
    # The longest and fastest run a hand may type, on the first and on the last possible day.
    for day in (EARLIEST, today):
        record_manual_run(actor=runner, day=day, duration_min=24 * 60, distance_km=1000, rpe=10)
    check_in(actor=runner, client_uuid=uuid.uuid4(), pain=10, stiffness=10, day=EARLIEST)
    check_in(actor=runner, client_uuid=uuid.uuid4(), pain=10, stiffness=10)
    log_session(
        actor=runner,
        client_uuid=uuid.uuid4(),
        entries=[SetEntry(None, "single-leg-heel-raise", 20, "left", reps=MAX_AMOUNT, pain_during=10)],
        day=EARLIEST,
        rpe=10,
        pain_after=10,
    )
    return {"runner": runner, "plan": early, "today": today}


PAGES = [
    "/today/", "/progress/", "/progress/?month=1970-01", "/review/", "/load/", "/runs/",
    "/runs/?start=1970-01-01&end=1970-12-31", "/shoes/", "/assess/", "/flare-up/", "/more/",
]  # fmt: skip
API = [
    "/api/v1/today", "/api/v1/recommendations", "/api/v1/adherence?weeks=52", "/api/v1/shoes",
    "/api/v1/runs?start=1970-01-01&end=1970-12-31", "/api/v1/load?start=1970-01-01&end=1970-12-31",
    "/api/v1/checkins?start=1970-01-01&end=1970-12-31", "/api/v1/session-logs?start=1970-01-01&end=1970-12-31",
    "/api/v1/schedule?start={first}&end={first_end}",
]  # fmt: skip


def test_every_page_and_api_read_opens_with_the_extremes_stored(client, extreme, token_for):
    client.force_login(extreme["runner"])
    first = bounds.PLAN_START.window(extreme["today"])[0]
    for path in [*PAGES, f"/plans/{extreme['plan'].pk}/", f"/plans/{extreme['plan'].pk}/print/"]:
        assert client.get(path).status_code == 200, path
    headers = token_for(extreme["runner"])
    for path in API:
        url = path.format(first=first, first_end=first + timedelta(days=30))
        assert client.get(url, headers=headers).status_code == 200, url


def test_past_the_extremes_nothing_is_stored(cast, programs):
    runner = cast.runner
    today = today_for(runner)
    refusals = [
        lambda: enroll(actor=runner, program_slug="test-daily", start_date=date(9999, 12, 31)),
        lambda: record_manual_run(actor=runner, day=date(1969, 12, 31), duration_min=30, distance_km=5),
        lambda: record_manual_run(actor=runner, day=today, duration_min=30, distance_km=1e308),
        lambda: record_manual_run(actor=runner, day=today, duration_min=float("nan"), distance_km=5),
        lambda: record_manual_run(actor=runner, day=today, duration_min=10, distance_km=100),
        lambda: check_in(actor=runner, client_uuid=uuid.uuid4(), pain=1, stiffness=1, day=date(1969, 12, 31)),
    ]
    for refuse in refusals:
        with pytest.raises(InvalidInput):
            refuse()
    assert not runner.plans.exists()
    assert not runner.runs.exists()
    assert not runner.checkins.exists()
