from __future__ import annotations

from typing import ClassVar

from django.db import models

from footwork.accounts.models import User
from footwork.core import bounds
from footwork.programs.models import Plan, Program


def _most(bound: bounds.Bound) -> int:
    return int(bound.high)


class Access(models.TextChoices):
    OPEN = "open", "Anyone with the link"
    CODE = "code", "With a code"


class Workshop(models.Model):
    """A coach's self-guided program that many runners join: each gets their own plan copied from `program`.

    The landing page (/w/<slug>/) shows it while `published`; unpublished, no one new joins and participants keep
    their plans. Footwork takes no payment: `checkout_url` is the coach's own shop, shown as a link.
    """

    coach = models.ForeignKey(User, on_delete=models.CASCADE, related_name="workshops")
    # A template the coach may see (their own or a shipped one), read again at each join: an edit to it reaches
    # the runners who join after, never a plan already copied.
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="workshops")
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=_most(bounds.WORKSHOP_TITLE_CHARACTERS))
    subtitle = models.CharField(max_length=_most(bounds.WORKSHOP_SUBTITLE_CHARACTERS), blank=True)
    # Short, plain text: the link preview's description and the landing page's first line.
    summary = models.CharField(max_length=_most(bounds.WORKSHOP_SUMMARY_CHARACTERS))
    description_markdown = models.TextField(blank=True)
    for_whom = models.TextField(blank=True)
    # The coach's words; domain.ALWAYS_NOT_FOR is shown after them on every page, never stored.
    not_for_whom = models.TextField(blank=True)
    # Under MEDIA_ROOT (workshops/<coach id>/<random name>), a photo cleaned by core.media; blank for none.
    cover_path = models.CharField(max_length=200, blank=True)
    cover_content_type = models.CharField(max_length=40, blank=True)
    checkout_url = models.URLField(max_length=_most(bounds.WORKSHOP_CHECKOUT_URL_CHARACTERS), blank=True)
    access = models.CharField(max_length=4, choices=Access.choices, default=Access.OPEN)
    # The code anyone joining with a code may type ("KX7P-R2MA"); blank for an open workshop.
    shared_code = models.CharField(max_length=16, blank=True)
    # A cohort's day one; null: self-paced (each runner's day one is the day they join).
    cohort_start = models.DateField(null=True, blank=True)
    join_window_days = models.PositiveSmallIntegerField(default=14)
    # The questionnaire asked before and at the end (assessments.questionnaires code); blank for none.
    questionnaire = models.CharField(max_length=20, blank=True)
    published = models.BooleanField(default=True)
    unpublished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def self_paced(self) -> bool:
        return self.cohort_start is None


class Lesson(models.Model):
    """A short text of a workshop (with a photo or video, optionally) that unlocks on a day of the workshop."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveSmallIntegerField()
    unlock_day = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=_most(bounds.LESSON_TITLE_CHARACTERS))
    body_markdown = models.TextField()
    media_path = models.CharField(max_length=200, blank=True)
    media_kind = models.CharField(max_length=5, blank=True)  # "photo" or "video"
    media_content_type = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["unlock_day", "position"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["workshop", "position"], name="one_lesson_per_position"),
            models.CheckConstraint(condition=models.Q(unlock_day__gte=1), name="lesson_unlocks_from_day_one"),
        ]

    def __str__(self) -> str:
        return f"Day {self.unlock_day}: {self.title}"


class AccessCode(models.Model):
    """A single-use code of a workshop (made in batches, handed out by the coach); used once it has `used_at`."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(max_length=16, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.code


class Participant(models.Model):
    """A runner in a workshop, following their own plan of it from `day_one`."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="workshop_places")
    # RESTRICT: a plan is not deleted from under its participant, but both go with the runner's account.
    plan = models.ForeignKey(Plan, on_delete=models.RESTRICT, related_name="+")
    joined_at = models.DateTimeField(auto_now_add=True)
    day_one = models.DateField()
    # Whether the runner lets the workshop's coach see their data (accounts.DataShare holds what that opens).
    shares_data = models.BooleanField(default=False)
    code = models.ForeignKey(AccessCode, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering: ClassVar[list[str]] = ["joined_at", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["workshop", "runner"], name="one_place_per_runner"),
        ]

    def __str__(self) -> str:
        return f"{self.runner} in {self.workshop}"


class Announcement(models.Model):
    """A word from the workshop's coach to every participant (on /today/, mailed to those who want it)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="announcements")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField()
    posted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-posted_at", "-pk"]

    def __str__(self) -> str:
        return self.body[:60]


class LessonRead(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="reads")
    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["lesson", "runner"], name="one_read_per_runner"),
        ]

    def __str__(self) -> str:
        return f"{self.runner} read {self.lesson}"
