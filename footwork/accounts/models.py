from __future__ import annotations

from typing import Any, ClassVar
from zoneinfo import available_timezones

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower

from footwork.accounts.domain import (
    PainfulAreasProblem,
    PainSite,
    normalise_email,
    parse_painful_areas,
    shown_name,
    sites_in_words,
    sites_of,
)
from footwork.core.units import CHOICES as UNIT_CHOICES
from footwork.core.units import KM


class Role(models.TextChoices):
    RUNNER = "runner", "Runner"
    COACH = "coach", "Coach / physical therapist"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"


class Side(models.TextChoices):
    LEFT = "left", "Left"
    RIGHT = "right", "Right"


# The old one-area vocabulary; accounts.domain.AREA_NAMES and SIDES hold the areas a profile lists now.
class PainfulSide(models.TextChoices):
    NONE = "none", "None"
    LEFT = "left", "Left"
    RIGHT = "right", "Right"
    BOTH = "both", "Both"


class PainfulArea(models.TextChoices):
    NONE = "none", "None"
    ACHILLES = "achilles", "Achilles tendon"
    PLANTAR_HEEL = "plantar_heel", "Plantar heel"
    CALF = "calf", "Calf"
    OTHER = "other", "Other"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> User:
        """The account for a login: addresses are stored lower-case, so any spelling finds its account."""
        email = normalise_email(username or "")
        found = self.filter(email=email).first()
        if found is None:
            # An address stored before emails were normalised; two that differ by case match neither.
            matches = list(self.filter(email__iexact=email)[:2])
            if len(matches) != 1:
                raise self.model.DoesNotExist(f"No single account with email {email}.")
            found = matches[0]
        return found

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.COACH)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A Footwork account; people sign in with their email address."""

    username = None  # type: ignore[assignment]  # email is the login name
    email = models.EmailField("email address", unique=True)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.RUNNER)
    # Signed up on the web and not yet confirmed: inactive until the link mailed to the address is opened.
    awaiting_confirmation = models.BooleanField(default=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta(AbstractUser.Meta):
        constraints: ClassVar[list[models.BaseConstraint]] = [
            # One account per address whatever its case; migration 0005 explains addresses already stored twice.
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_coach(self) -> bool:
        return self.role == Role.COACH

    @property
    def is_runner(self) -> bool:
        return self.role == Role.RUNNER

    @property
    def display_name(self) -> str:
        chosen = self.coach_profile.display_name if self.is_coach and hasattr(self, "coach_profile") else None
        return shown_name(self.first_name, self.last_name, self.email, chosen)


class RunnerProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="runner_profile")
    birth_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    sex = models.CharField(max_length=10, choices=Sex.choices, blank=True, help_text="Used to pick norms.")
    dominant_leg = models.CharField(max_length=5, choices=Side.choices, blank=True)
    # `[{"area": "achilles", "side": "left"}, ...]`, primary first, each area once (accounts.domain checks it).
    painful_areas = models.JSONField(default=list, blank=True)
    running_years = models.DecimalField(
        "running experience (years)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(90)],
    )
    weekly_distance_km = models.DecimalField(
        "current weekly distance (km)",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(500)],
    )
    goal_race_name = models.CharField(max_length=120, blank=True)
    goal_race_date = models.DateField(null=True, blank=True)
    auto_apply = models.BooleanField(
        "apply recommendations automatically",
        default=False,
        help_text="Self-guided: progress and step back as the pain-monitoring model advises, without asking.",
    )
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        help_text="Your local time zone decides what 'today' is, e.g. Europe/Paris.",
    )
    # What pages, forms, handouts and CLI tables show distances and paces in; stored values and the API stay metric.
    units = models.CharField(
        "distances in",
        max_length=2,
        choices=UNIT_CHOICES,
        default=KM,
        help_text="How distances and paces are shown to you and typed in.",
    )
    coach = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clients",
        limit_choices_to={"role": Role.COACH},
    )

    def __str__(self) -> str:
        return f"Runner profile of {self.user}"

    def clean(self) -> None:
        if self.time_zone not in available_timezones():
            raise ValidationError({"time_zone": f"Unknown time zone {self.time_zone!r}, e.g. Europe/Paris."})
        try:
            self.painful_areas = [site.document() for site in parse_painful_areas(self.painful_areas)]
        except PainfulAreasProblem as problem:
            raise ValidationError({"painful_areas": problem.message}) from problem

    @property
    def pain_sites(self) -> list[PainSite]:
        """The painful areas with their sides, primary first."""
        return sites_of(self.painful_areas)

    @property
    def painful_area(self) -> str:
        """The primary area, or "none" (the one-area field this replaced)."""
        return self.painful_areas[0]["area"] if self.painful_areas else PainfulArea.NONE.value

    @property
    def painful_side(self) -> str:
        """The primary area's side, or "none"."""
        return self.painful_areas[0]["side"] if self.painful_areas else PainfulSide.NONE.value

    @property
    def painful_area_names(self) -> str:
        """Every area in plain words, "left Achilles tendon and right plantar heel"; empty when none."""
        return sites_in_words(self.pain_sites)

    # Old readers of the one-area fields keep working; new code reads painful_area_names.
    def get_painful_area_display(self) -> str:
        return str(PainfulArea(self.painful_area).label)

    def get_painful_side_display(self) -> str:
        return str(PainfulSide(self.painful_side).label)


class CoachProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="coach_profile")
    display_name = models.CharField(max_length=120)
    profession = models.CharField(max_length=120, blank=True, help_text="For example: physical therapist")

    def __str__(self) -> str:
        return self.display_name or str(self.user)


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=12, help_text="The first characters, to recognise the token.")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class DataShare(models.Model):
    """A runner lets a coach who is not their own see their data (a workshop's coach, `source` "workshop:12").

    Seeing is all it gives: the coach reads the runner's pages and gets their alerts, but is not the runner's coach
    (no messages, no clearing a stop; the runner stays self-guided). Written only by accounts.services.share_with and
    stop_sharing; accounts.selectors.coached_by reads it. One row a reason, so a runner who shares with one coach
    through two workshops and stops in one still shares through the other.
    """

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="data_shares")
    coach = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="shared_with_me", limit_choices_to={"role": Role.COACH}
    )
    source = models.CharField(max_length=60, help_text='Why: "workshop:12".')
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["runner", "coach", "source"], name="one_share_per_reason"),
        ]
        indexes: ClassVar[list[models.Index]] = [
            # coached_by's EXISTS looks rows up by coach and runner.
            models.Index(fields=["coach", "runner"], name="datashare_coach_runner"),
        ]

    def __str__(self) -> str:
        return f"{self.runner} shares with {self.coach} ({self.source})"
