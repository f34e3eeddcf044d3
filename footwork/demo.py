"""Demo accounts for trying Footwork: one coach (a physical therapist) and two runners.

Idempotent: an account that already exists is left exactly as it is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import typer
from django.db import transaction
from rich.console import Console
from rich.table import Table

from footwork.accounts import services as accounts
from footwork.accounts.models import Role, User
from footwork.coaching.services import accept_invitation, create_invitation
from footwork.core.clock import today_for
from footwork.exercises.models import Exercise
from footwork.exercises.services import create_private_exercise
from footwork.programs.models import Program
from footwork.programs.services import enroll


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    who: str


COACH = DemoLogin("coach", "coach@footwork.example", "demo-coach-pass", "Alex Moreau, physical therapist")
RUNNER = DemoLogin(
    "runner", "runner@footwork.example", "demo-runner-pass", "Maya, left Achilles, marathon build"
)
SELF_GUIDED = DemoLogin(
    "runner", "sam@footwork.example", "demo-runner-pass", "Sam, right plantar heel, self-guided"
)
DEMO_LOGINS = (COACH, RUNNER, SELF_GUIDED)

SAM_PROGRAM = "plantar-heel-high-load-12-weeks"
RUNNER_PROFILES: dict[str, dict[str, Any]] = {
    RUNNER.email: {
        "birth_year": 1986,
        "sex": "female",
        "dominant_leg": "right",
        "painful_side": "left",
        "painful_area": "achilles",
        "running_years": 9,
        "weekly_distance_km": 62,
        "goal_race_name": "Valencia Marathon",
        "goal_race_date": datetime.date(2027, 12, 5),
    },
    SELF_GUIDED.email: {
        "birth_year": 1979,
        "sex": "male",
        "dominant_leg": "left",
        "painful_side": "right",
        "painful_area": "plantar_heel",
        "running_years": 4,
        "weekly_distance_km": 35,
    },
}

COACH_EXERCISE: dict[str, Any] = {
    "slug": "clinic-wall-calf-isometric",
    "name": "Clinic wall-push calf isometric",
    "summary": "A long, heavy calf hold against a wall on days the Achilles is grumpy.",
    "category": "isometric",
    "targets": ["achilles", "gastrocnemius", "soleus"],
    "equipment": ["wall"],
    "difficulty": 1,
    "per_side": True,
    "dosage": {"sets": 5, "kind": "hold_seconds", "min": 30, "max": 45, "per_side": True, "rest_seconds": 60},
    "instructions": [
        "Stand facing a wall, hands on it, and rise onto the balls of both feet.",
        "Lift one foot and hold mid-range on the other, pushing up as if into a heavy bar.",
        "Hold steady, breathe, lower with both feet.",
    ],
    "cue": "Push the floor away through the big toe; the heel stays still, halfway up.",
    "safety": "Pain up to 3/10 during the hold is fine; stop if it climbs.",
    "why": "A way to keep loading the tendon on flare-up days without the stretch of full range.",
    "contraindications": ["Suspected tendon rupture"],
}


@transaction.atomic
def load_demo() -> list[DemoLogin]:
    """Create the demo coach and runners if missing, and link Maya to the coach."""
    coach = User.objects.filter(email=COACH.email).first() or accounts.sign_up(
        email=COACH.email, password=COACH.password, role=Role.COACH,
        first_name="Alex", last_name="Moreau", display_name="Alex Moreau", profession="Physical therapist",
    )  # fmt: skip
    for login, first_name in ((RUNNER, "Maya"), (SELF_GUIDED, "Sam")):
        if User.objects.filter(email=login.email).exists():
            continue
        runner = accounts.sign_up(
            email=login.email, password=login.password, role=Role.RUNNER, first_name=first_name
        )
        accounts.update_runner_profile(actor=runner, changes=RUNNER_PROFILES[login.email])
        if login is RUNNER:
            accept_invitation(actor=runner, code=create_invitation(actor=coach, note="Maya").code)
    if not Exercise.objects.filter(slug=COACH_EXERCISE["slug"]).exists():
        create_private_exercise(actor=coach, record=COACH_EXERCISE)
    sam = User.objects.get(email=SELF_GUIDED.email)
    # Sam follows the plantar heel program on his own, when the templates are loaded.
    if not sam.plans.exists() and Program.objects.filter(slug=SAM_PROGRAM, is_template=True).exists():
        enroll(actor=sam, program_slug=SAM_PROGRAM, start_date=today_for(sam) - datetime.timedelta(days=7))
    return list(DEMO_LOGINS)


def print_logins(console: Console) -> None:
    table = Table(title="Demo logins (http://127.0.0.1:8000)")
    for column in ("role", "email", "password", "who"):
        table.add_column(column)
    for login in DEMO_LOGINS:
        table.add_row(login.role, login.email, login.password, login.who)
    console.print(table)


def demo() -> None:
    """Load the demo coach and runners (idempotent) and print their logins."""
    load_demo()
    print_logins(Console())


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
