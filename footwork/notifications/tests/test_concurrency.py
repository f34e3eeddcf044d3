"""Several machines run `footwork jobs daily` at once: each job runs once and each mail goes once.

Threads need real commits (transaction=True) and, on SQLite, a file database: the test settings give one.
"""

from __future__ import annotations

import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from footwork.accounts.tests.factories import coach as make_coach
from footwork.accounts.tests.factories import runner as make_runner
from footwork.coaching.models import Alert
from footwork.notifications import services
from footwork.notifications.models import JobClaim, SentNotification
from footwork.notifications.services import JobOutcome
from footwork.notifications.tests.factories import missing_sessions

MACHINES = 4


@pytest.mark.django_db(transaction=True)
def test_several_machines_at_once_run_each_job_once_and_send_each_mail_once(cast, programs):
    missing_sessions(cast.runner)
    second_coach = make_coach(email="second-coach@example.test")
    missing_sessions(make_runner(coach=second_coach, email="second-runner@example.test"))
    day = timezone.localdate()
    start = threading.Barrier(MACHINES)
    outcomes: list[JobOutcome] = []
    errors: list[str] = []

    def machine() -> None:
        try:
            start.wait()
            outcomes.extend(services.run_daily(day=day))
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=machine) for _ in range(MACHINES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    ran = [outcome for outcome in outcomes if outcome.ran]
    assert sorted(outcome.job for outcome in ran) == [
        "coach-digest",
        "missed-days-alerts",
        "roster-standings",
    ]
    assert len(outcomes) == 3 * MACHINES
    assert sum(outcome.alerts for outcome in outcomes) == 2
    assert sorted(m.to[0] for m in mail.outbox) == [cast.coach.email, "second-coach@example.test"]
    assert Alert.objects.filter(kind="missed_days").count() == 2
    assert JobClaim.objects.count() == 3
    assert SentNotification.objects.filter(kind="digest").count() == 2
