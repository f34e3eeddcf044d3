"""Demo accounts for trying Footwork: one coach (a physical therapist) and three runners, with weeks of history.

Idempotent: an account that already exists is left exactly as it is, and a runner who already has any history
(a check-in, a log, a run, a test, a questionnaire or a plan) gets none added.
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
from footwork.core.errors import InvalidInput
from footwork.demo import recovery, replay, story
from footwork.demo.media import add_demo_media
from footwork.demo.messages import add_demo_messages
from footwork.demo.notes import add_demo_notes
from footwork.demo.season import add_demo_races
from footwork.demo.workshop import add_demo_workshop
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
RECOVERING = DemoLogin(
    "runner",
    "priya@footwork.example",
    "demo-runner-pass",
    "Priya, right Achilles, recovering from a marathon",
)
# One of the Stronger Feet Workshop's six participants (demo/workshop.py): the others log in with the same password.
WORKSHOP_RUNNER = DemoLogin(
    "runner",
    "lena@footwork.example",
    "demo-runner-pass",
    "Lena, in the Stronger Feet Workshop, shares her data",
)
DEMO_LOGINS = (COACH, RUNNER, SELF_GUIDED, RECOVERING, WORKSHOP_RUNNER)

SAM_PROGRAM = replay.PLANTAR_PROGRAM
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
        "time_zone": "Europe/London",
    },
    SELF_GUIDED.email: {
        "birth_year": 1979,
        "sex": "male",
        "dominant_leg": "left",
        "painful_side": "right",
        "painful_area": "plantar_heel",
        "running_years": 4,
        "weekly_distance_km": 35,
        "time_zone": "Europe/Berlin",
        # He reads his runs in miles; Maya keeps kilometres.
        "units": "mi",
        # Self-guided: the pain-monitoring decisions change his plan by themselves.
        "auto_apply": True,
    },
    RECOVERING.email: {
        "birth_year": 1990,
        "sex": "female",
        "dominant_leg": "right",
        "painful_side": "right",
        "painful_area": "achilles",
        "running_years": 7,
        "weekly_distance_km": 70,
        "time_zone": "America/Chicago",
    },
}
# Maya's Achilles and her heel; given only once profiles take several areas (see _give_areas).
MAYA_AREAS = [{"area": "achilles", "side": "left"}, {"area": "plantar_heel", "side": "left"}]

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


def _quiet(_message: str) -> None:
    return None


def _give_areas(runner: User, say: replay.Say) -> None:
    """Both of Maya's painful areas, where the profile takes a list of areas."""
    try:
        accounts.update_runner_profile(actor=runner, changes={"painful_areas": MAYA_AREAS})
    except InvalidInput as refusal:
        # A profile that holds one area only refuses the key; Maya then keeps her Achilles.
        if refusal.field != "painful_areas":
            raise
        say("demo: profiles hold one painful area for now; Maya has her left Achilles only.")


def painful_areas(runner: User) -> tuple[str, ...]:
    """The areas of the runner's profile, main one first (one area on a profile that holds only one)."""
    profile = runner.runner_profile
    sites = getattr(profile, "pain_sites", None)
    return tuple(site.area for site in sites) if sites else (profile.painful_area,)


def _accounts(say: replay.Say) -> User:
    """The coach and the runners (created once), Maya and Priya linked to the coach; returns the coach."""
    coach = User.objects.filter(email=COACH.email).first() or accounts.sign_up(
        email=COACH.email,
        password=COACH.password,
        role=Role.COACH,
        first_name="Alex",
        last_name="Moreau",
        display_name="Alex Moreau",
        profession="Physical therapist",
    )
    for login, first_name in ((RUNNER, "Maya"), (SELF_GUIDED, "Sam"), (RECOVERING, "Priya")):
        if User.objects.filter(email=login.email).exists():
            continue
        runner = accounts.sign_up(
            email=login.email, password=login.password, role=Role.RUNNER, first_name=first_name
        )
        accounts.update_runner_profile(actor=runner, changes=RUNNER_PROFILES[login.email])
        if login is RUNNER:
            _give_areas(runner, say)
        if login is not SELF_GUIDED:
            accept_invitation(actor=runner, code=create_invitation(actor=coach, note=first_name).code)
    if not Exercise.objects.filter(slug=COACH_EXERCISE["slug"]).exists():
        create_private_exercise(actor=coach, record=COACH_EXERCISE)
    return coach


def has_history(runner: User) -> bool:
    """Anything the runner has recorded or been given: then the demo adds nothing to them."""
    related = ("checkins", "session_logs", "runs", "assessments", "questionnaires", "plans")
    return any(getattr(runner, name).exists() for name in related)


def _maya_history(coach: User, say: replay.Say) -> None:
    maya = User.objects.select_related("runner_profile").get(email=RUNNER.email)
    if has_history(maya):
        say("demo: Maya already has a history; left as it is.")
        return
    with_plans = replay.programs_loaded(replay.ACHILLES_PROGRAM, replay.STARTER_PROGRAM)
    if not with_plans:
        say(
            "demo: the programs are not loaded (footwork programs load): Maya's history has no plans or sessions."
        )
    coached = coach if maya.runner_profile.coach_id == coach.pk else None
    run = replay.Replay(maya, coached, "left", story.seeded(story.MAYA_SEED), say, with_plans)
    run.categories, run.areas = replay.exercise_categories(), painful_areas(maya)
    # Her last two weeks of runs come from her watch, tracks and all; the weeks before were typed in.
    run.watch_from = today_for(maya) - datetime.timedelta(days=story.WATCH_DAYS - 1)
    replay.replay_maya(run, story.maya_days(today_for(maya)))


def _sam_history(say: replay.Say) -> None:
    sam = User.objects.select_related("runner_profile").get(email=SELF_GUIDED.email)
    if has_history(sam):
        say("demo: Sam already has a history; left as it is.")
        return
    with_plans = replay.programs_loaded(SAM_PROGRAM)
    if not with_plans:
        say("demo: the programs are not loaded: Sam's history has no plan or sessions.")
    run = replay.Replay(sam, None, "right", story.seeded(story.SAM_SEED), say, with_plans)
    run.categories, run.areas = replay.exercise_categories(), painful_areas(sam)
    replay.replay_sam(run, story.sam_days(today_for(sam)))


def _priya_history(coach: User, say: replay.Say) -> None:
    priya = User.objects.select_related("runner_profile").get(email=RECOVERING.email)
    if has_history(priya):
        say("demo: Priya already has a history; left as it is.")
        return
    with_plans = replay.programs_loaded(recovery.MAINTENANCE_PROGRAM, replay.STARTER_PROGRAM)
    if not with_plans:
        say("demo: the programs are not loaded: Priya's history has no plans or sessions.")
    coached = coach if priya.runner_profile.coach_id == coach.pk else None
    run = replay.Replay(priya, coached, "right", story.seeded(story.PRIYA_SEED), say, with_plans)
    run.categories, run.areas = replay.exercise_categories(), painful_areas(priya)
    recovery.replay_priya(run, story.priya_days(today_for(priya)))


@transaction.atomic
def load_demo(*, history: bool = False, say: replay.Say = _quiet) -> list[DemoLogin]:
    """Create the demo coach and runners if missing; with `history`, replay their past weeks through the services.

    Without history (what the browser tests start from) Maya is a new client, Sam has just started his plan and
    Priya has nothing yet: her marathon and its recovery are history, and so is the Stronger Feet Workshop (with
    its participants, Lena among them).
    """
    coach = _accounts(say)
    add_demo_races(maya=RUNNER.email, sam=SELF_GUIDED.email, say=say)
    if history:
        _maya_history(coach, say)
        _sam_history(say)
        _priya_history(coach, say)
        add_demo_messages(coach=COACH.email, runner=RUNNER.email, say=say)
        add_demo_media(coach=COACH.email, say=say)
        add_demo_notes(coach=COACH.email, runner=RUNNER.email, say=say)
        add_demo_workshop(coach_email=COACH.email, say=say)
        return list(DEMO_LOGINS)
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
    """Load the demo coach and runners with weeks of history (idempotent) and print their logins."""
    console = Console()
    load_demo(history=True, say=console.print)
    print_logins(console)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
