"""Writes of daily training: session logs and morning check-ins (records), and the per-day summaries they keep."""

from footwork.training.services.records import Saved, check_in, log_day, log_session
from footwork.training.services.summaries import rebuild_summaries, refresh_days

__all__ = ["Saved", "check_in", "log_day", "log_session", "rebuild_summaries", "refresh_days"]
