"""One single-use code, ten runners joining with it at once: exactly one gets in, the others store nothing.

Threads need real commits (transaction=True) and, on SQLite, a file database: the test settings give one (see
core/tests/test_concurrency.py)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from footwork.accounts.tests.factories import runner as make_runner
from footwork.core.errors import NotAllowed
from footwork.programs.models import Plan
from footwork.workshops.models import AccessCode, Participant
from footwork.workshops.services import join_workshop, make_codes
from footwork.workshops.tests.factories import code_workshop

JOINERS = 10


@pytest.mark.django_db(transaction=True)
def test_ten_runners_joining_with_one_code_at_once_let_exactly_one_in(cast, programs):
    made = code_workshop(cast.coach)
    (code,) = make_codes(actor=cast.coach, slug=made.slug, count=1)
    runners = [make_runner(email=f"racer{index}@example.test") for index in range(JOINERS)]
    start = threading.Barrier(JOINERS)
    joined: list[int] = []
    refused: list[int] = []
    errors: list[str] = []

    def join(runner) -> None:
        try:
            start.wait()
            join_workshop(actor=runner, slug=made.slug, code=code)
            joined.append(runner.pk)
        except NotAllowed:
            refused.append(runner.pk)
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=join, args=(runner,)) for runner in runners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(joined) == 1
    assert len(refused) == JOINERS - 1
    assert list(Participant.objects.values_list("runner_id", flat=True)) == joined
    assert AccessCode.objects.get(code=code).used_by_id == joined[0]
    assert Plan.objects.filter(runner_id__in=refused).count() == 0
