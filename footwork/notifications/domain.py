"""What each kind of mail is called and which setting turns it off. Pure: no ORM, no settings."""

from __future__ import annotations

from dataclasses import dataclass

MESSAGE = "message"
RED_FLAG = "red_flag"
DIGEST = "digest"
ANNOUNCEMENT = "announcement"


@dataclass(frozen=True)
class Kind:
    """A kind of mail: the setting that turns it off, and how a person reads it."""

    code: str
    field: str  # the NotificationSettings field
    words: str  # "emails about unread messages"
    coaches_only: bool
    runners_only: bool = False


KINDS = {
    MESSAGE: Kind(MESSAGE, "message_emails", "emails about messages you have not read", coaches_only=False),
    RED_FLAG: Kind(RED_FLAG, "red_flag_emails", "an email at once when a runner reports a red flag", True),
    DIGEST: Kind(DIGEST, "daily_digest", "the daily digest of who needs attention and your alerts", True),
    ANNOUNCEMENT: Kind(
        ANNOUNCEMENT,
        "announcement_emails",
        "the announcements of the workshops you joined",
        False,
        runners_only=True,
    ),
}
FIELDS = tuple(kind.field for kind in KINDS.values())

# The daily jobs, in the order they run: the missed-days alerts come first so the digest reports them.
STANDINGS_JOB = "roster-standings"
MISSED_DAYS_JOB = "missed-days-alerts"
DIGEST_JOB = "coach-digest"
# The standings first: the day's turn counts yesterday's sessions missed, and the two jobs after read the roster.
DAILY_JOBS = (STANDINGS_JOB, MISSED_DAYS_JOB, DIGEST_JOB)
JOB_WORDS = {
    STANDINGS_JOB: "The roster's figures of every coached runner, for their new day",
    MISSED_DAYS_JOB: "Alerts for runners with no session on their last scheduled days",
    DIGEST_JOB: "The coaches' daily digest",
}


def kinds_for(is_coach: bool) -> tuple[Kind, ...]:
    """The mails a person can get: a runner hears of messages and their workshops' announcements, a coach of
    messages, red flags and the digest."""
    return tuple(
        kind for kind in KINDS.values() if not (kind.runners_only if is_coach else kind.coaches_only)
    )


def missed_days_event(runner_id: int, day_iso: str) -> str:
    """The alert event of a run of missed days noticed on a day ("missed_days:12:2026-12-03": at most 60 characters)."""
    return f"missed_days:{runner_id}:{day_iso}"
