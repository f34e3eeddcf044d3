"""Reads of daily training: the schedule with statuses, today, adherence, streaks, calendar, exercise history.

picture: the dated schedule and its statuses (TrainingPicture), the day's page, the month calendar, the per-day
summaries; day: a day's one session as the player shows it; documents: the API's and the CLI's JSON shapes.
"""

from footwork.training.selectors.day import (
    FOOT_CORE_TARGET,
    DaySession,
    adapted_parts,
    day_parts,
    day_session,
    dosage_text,
    instead_of,
    session_to_do,
)
from footwork.training.selectors.documents import (
    checkin_document,
    checkin_documents,
    exercise_history,
    exercises_logged,
    session_log_document,
    session_log_documents,
)
from footwork.training.selectors.picture import (
    NOT_SCHEDULED,
    ScheduledItem,
    TrainingPicture,
    checkin_on,
    logged_sessions,
    month_calendar,
    prescriptions_by_session,
    released_today,
    summaries_between,
    today_view,
    training_picture,
)

__all__ = [
    "FOOT_CORE_TARGET",
    "NOT_SCHEDULED",
    "DaySession",
    "ScheduledItem",
    "TrainingPicture",
    "adapted_parts",
    "checkin_document",
    "checkin_documents",
    "checkin_on",
    "day_parts",
    "day_session",
    "dosage_text",
    "exercise_history",
    "exercises_logged",
    "instead_of",
    "logged_sessions",
    "month_calendar",
    "prescriptions_by_session",
    "released_today",
    "session_log_document",
    "session_log_documents",
    "session_to_do",
    "summaries_between",
    "today_view",
    "training_picture",
]
