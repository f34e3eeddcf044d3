"""A runner who has missed their last scheduled days, for the daily jobs."""

from __future__ import annotations

from datetime import timedelta

from footwork.accounts.models import User
from footwork.core.clock import today_for
from footwork.programs.services import enroll


def missing_sessions(runner: User, days: int = 5) -> None:
    """The daily test program started `days` days ago and nothing logged: `days` scheduled days missed."""
    enroll(actor=runner, program_slug="test-daily", start_date=today_for(runner) - timedelta(days=days))
