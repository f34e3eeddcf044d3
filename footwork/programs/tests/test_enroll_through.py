"""enroll_through: a runner's plan of a program another app gave them (a workshop's), without seeing it otherwise."""

from __future__ import annotations

import pytest

from footwork.core.clock import today_for
from footwork.core.errors import NotAllowed, NotFound
from footwork.programs.models import Plan, Program
from footwork.programs.services import enroll_through

pytestmark = pytest.mark.django_db


def test_a_runner_follows_a_coach_s_own_template_given_them(cast, programs):
    Program.objects.filter(slug="test-daily").update(owner=cast.other_coach)
    source = Program.objects.get(slug="test-daily", is_template=True)
    plan = enroll_through(actor=cast.runner, source=source, start_date=today_for(cast.runner))
    assert plan.runner == cast.runner
    assert plan.source == source
    assert plan.program.phases.count() == source.phases.count()


def test_only_a_runner_and_only_a_template(cast, programs):
    source = Program.objects.get(slug="test-daily", is_template=True)
    with pytest.raises(NotAllowed):
        enroll_through(actor=cast.coach, source=source, start_date=today_for(cast.coach))
    plan = enroll_through(actor=cast.runner, source=source, start_date=today_for(cast.runner))
    with pytest.raises(NotFound):
        enroll_through(actor=cast.other_runner, source=plan.program, start_date=today_for(cast.runner))
    assert Plan.objects.count() == 1
