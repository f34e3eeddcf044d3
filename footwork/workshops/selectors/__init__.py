"""The workshops' reads: workshops, places, lessons and announcements (workshops.py) and the coach's figures
(stats.py)."""

from __future__ import annotations

from footwork.workshops.selectors.stats import workshop_stats
from footwork.workshops.selectors.workshops import (
    ANNOUNCEMENT_DAYS,
    ANNOUNCEMENTS_SHOWN,
    NO_WORKSHOP,
    AnnouncementLine,
    CodeLine,
    LessonLine,
    WorkshopDay,
    announcements_of,
    codes_of,
    lesson_for_participant,
    lessons_of,
    participant_of,
    published_workshop,
    today_lessons,
    workshop_for_coach,
    workshops_joined_by,
    workshops_of_coach,
)

__all__ = [
    "ANNOUNCEMENTS_SHOWN",
    "ANNOUNCEMENT_DAYS",
    "NO_WORKSHOP",
    "AnnouncementLine",
    "CodeLine",
    "LessonLine",
    "WorkshopDay",
    "announcements_of",
    "codes_of",
    "lesson_for_participant",
    "lessons_of",
    "participant_of",
    "published_workshop",
    "today_lessons",
    "workshop_for_coach",
    "workshop_stats",
    "workshops_joined_by",
    "workshops_of_coach",
]
