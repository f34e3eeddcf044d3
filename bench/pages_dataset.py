"""The pages bench's dataset: one coach, one runner with a year built through the real services, bulk copies of her.

Runner #1 lives her year day by day with the clock moved to each day (`footwork.demo.replay`'s helpers): morning
check-ins, a run a day imported from a fixture file through `activities.services.import_files` (the times shifted
with bench/import_bench.py's builders), the sessions her plans schedule logged in the player's shape, a test session
and questionnaires every six weeks, a flare-up, the coach reviewing recommendations twice a week, and plans one after
the other so that two are active today. The other runners are bulk copies of her: every row that belongs to her (found
generically: any row with a foreign key to a row already hers, and the private copy a one-to-one of hers points at,
such as a plan's program) is inserted again with its keys remapped, in dependency order, so a new per-runner model
(a day summary, say) is copied without editing this file.

Importable: `configure()` before anything touches Django, then `build()`; `drop()` at the end.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

COACH_EMAIL = "bench-coach@footwork.example"
RUNNER_EMAIL = "bench-runner@footwork.example"
PASSWORD = "bench-pages-pass"
ZONE = "Europe/London"
# The plans of the year in order, each until the next starts; the last two are active today (see _plan_events).
YEAR_PLANS = (
    "achilles-loading-12-weeks",
    "plantar-heel-high-load-12-weeks",
    "foot-foundation-6-weeks",
    "marathon-strength-maintenance",
)
FINAL_PLAN, FINAL_BEFORE = "achilles-loading-12-weeks", 43
SECOND_PLAN, SECOND_BEFORE = "stronger-feet-starter", 25
TEST_EVERY = 42
FLARE_AT = 0.7  # of the year: five days of a flare-up
# Models never copied: credentials (a token is made per bench login) and rows of no footwork app.
NOT_COPIED = {"accounts.apitoken"}
_COPY_NAMESPACE = uuid.UUID("0c5e3a7e-21f4-4d5b-8f0e-6a4f3b2d9c11")


@dataclass
class Target:
    """Where the dataset lives: a database URL, the data directory, and what to drop at the end."""

    database_url: str
    data_dir: Path
    vendor: str
    drop_url: str | None = None  # the given PostgreSQL database, from which the bench's one is dropped
    drop_name: str | None = None
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))


@dataclass
class Dataset:
    coach_id: int
    runner_id: int
    runner_ids: list[int]
    days: int
    seconds: float
    rows_per_runner: dict[str, int]


def configure(reuse: str | None = None) -> Target:
    """Choose the database and set the environment for the bench's own Django, before django.setup()."""
    given = reuse or os.environ.get("DATABASE_URL", "")
    if given.startswith(("postgres://", "postgresql://")):
        target = _postgres(given, fresh=reuse is None)
    elif reuse:
        path = Path(reuse).resolve()
        target = Target(f"sqlite:///{path}", path.parent, "sqlite")
    else:
        data_dir = Path(tempfile.mkdtemp(prefix="footwork-pages-bench-"))
        target = Target(f"sqlite:///{data_dir / 'bench.sqlite3'}", data_dir, "sqlite")
    key_file = target.data_dir / ".bench-secret-key"
    if key_file.exists():
        target.secret_key = key_file.read_text().strip()
    key_file.write_text(target.secret_key)
    os.environ.update(server_environment(target))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "footwork.config.settings")
    return target


def server_environment(target: Target) -> dict[str, str]:
    """The production settings: DEBUG off, our key, loopback behind the "proxy" the bench plays."""
    return {
        "DEBUG": "0",
        "SECRET_KEY": target.secret_key,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "FOOTWORK_TRUSTED_PROXIES": "127.0.0.1",
        "DATABASE_URL": target.database_url,
        "FOOTWORK_DATA_DIR": str(target.data_dir),
    }


def _postgres(given: str, *, fresh: bool) -> Target:
    """A database of the bench's own beside the given one (whose data is never touched), made afresh."""
    import psycopg

    parts = urlsplit(given)
    name = parts.path.lstrip("/")
    bench_name = name if not fresh or name.endswith("_pages_bench") else f"{name}_pages_bench"
    bench_url = urlunsplit(parts._replace(path="/" + bench_name))
    data_dir = Path(tempfile.gettempdir()) / f"footwork-pages-bench-{bench_name}"
    data_dir.mkdir(exist_ok=True)
    if fresh:
        with psycopg.connect(given, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{bench_name}"')
            connection.execute(f'CREATE DATABASE "{bench_name}"')
        return Target(bench_url, data_dir, "postgresql", drop_url=given, drop_name=bench_name)
    return Target(bench_url, data_dir, "postgresql")


def drop(target: Target) -> None:
    """Drop the bench's PostgreSQL database (a SQLite file stays, for --reuse)."""
    if target.drop_url is None or target.drop_name is None:
        return
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(target.drop_url, autocommit=True) as connection:
        try:
            connection.execute(f'DROP DATABASE IF EXISTS "{target.drop_name}" WITH (FORCE)')
        except psycopg.errors.InsufficientPrivilege:
            # FORCE ends other sessions, which a role without pg_signal_backend may not do (the CI's role); the
            # bench's own connections are closed above, so a plain drop does.
            connection.execute(f'DROP DATABASE IF EXISTS "{target.drop_name}"')
    print(f"dropped the bench database {target.drop_name}")


# --- Runner #1's year, through the services -----------------------------------------------------------------------


def build(*, runners: int, days: int, say: Callable[[str], None] = print) -> Dataset:
    """Migrate, load the library and programs, then the coach, runner #1's year and runners - 1 copies of her."""
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    _load_reference_data()
    say(f"  migrated, library and programs loaded: {time.perf_counter() - started:.1f} s")
    coach, runner = _accounts(days)
    year = time.perf_counter()
    _live_the_year(coach, runner, days, say)
    say(f"  runner #1's {days} days through the services: {time.perf_counter() - year:.1f} s")
    copying = time.perf_counter()
    rows = copy_runner(runner.pk, runners - 1, say)
    say(f"  {runners - 1} bulk copies: {time.perf_counter() - copying:.1f} s")
    return dataset_of(time.perf_counter() - started, days, rows)


def dataset_of(seconds: float, days: int, rows: dict[str, int] | None = None) -> Dataset:
    from footwork.accounts.models import User

    coach = User.objects.get(email=COACH_EMAIL)
    runner = User.objects.get(email=RUNNER_EMAIL)
    ids = list(User.objects.filter(runner_profile__coach=coach).order_by("pk").values_list("pk", flat=True))
    return Dataset(coach.pk, runner.pk, ids, days, seconds, rows or {})


def _load_reference_data() -> None:
    """`footwork library load` and `footwork programs load`, as the CLI runs them."""
    from footwork.exercises.cli import load as load_library
    from footwork.programs.cli import load as load_programs

    load_library(None)
    load_programs(None)


def _accounts(days: int) -> tuple[Any, Any]:
    from footwork.accounts import services as accounts
    from footwork.accounts.models import Role
    from footwork.coaching.services import accept_invitation, create_invitation
    from footwork.core.errors import InvalidInput
    from footwork.demo import MAYA_AREAS, RUNNER, RUNNER_PROFILES
    from footwork.demo.replay import at

    with at(date.today() - timedelta(days=days + 1), 9, 0, ZONE):
        coach = accounts.sign_up(
            email=COACH_EMAIL,
            password=PASSWORD,
            role=Role.COACH,
            first_name="Bench",
            last_name="Coach",
            display_name="Bench Coach",
            profession="Physical therapist",
        )
        runner = accounts.sign_up(email=RUNNER_EMAIL, password=PASSWORD, role=Role.RUNNER, first_name="Maya")
        accounts.update_runner_profile(
            actor=runner, changes={**RUNNER_PROFILES[RUNNER.email], "time_zone": ZONE}
        )
        try:
            accounts.update_runner_profile(actor=runner, changes={"painful_areas": MAYA_AREAS})
        except InvalidInput as refusal:
            if refusal.field != "painful_areas":
                raise
        accept_invitation(actor=runner, code=create_invitation(actor=coach, note="Bench").code)
    runner.refresh_from_db()
    return coach, runner


def year_days(first: date, days: int, seed: int = 2026) -> list[Any]:
    """Plain days like the demo's (footwork.demo.story.Day): mostly settled mornings, a flare-up, a few misses."""
    from footwork.demo.story import Day, seeded

    rng = seeded(seed)
    flare = int(days * FLARE_AT)
    out = []
    for index in range(days):
        flaring = flare - 2 <= index < flare + 3
        pain = rng.choice((3, 4, 5)) if flaring else rng.choice((1, 1, 2, 2, 2, 3))
        stiffness = max(0, min(pain, 2) + rng.choice((-1, 0, 0)))
        during = rng.choice((2, 3, 3)) if flaring else rng.choice((1, 2, 2, 3))
        skip = "Travelling for work" if index % 29 == 17 else ""
        out.append(
            Day(
                index=index,
                date=first + timedelta(days=index),
                pain=pain,
                stiffness=stiffness,
                heel=(min(pain, rng.choice((1, 1, 2))), min(stiffness, 1)),
                note="Stiff first steps" if index % 10 == 0 else "",
                trains=index % 11 != 9 and not skip,
                skip_reason=skip,
                effort_pain=during,
                pain_after=max(0, during - rng.choice((0, 1, 1))),
                rpe=rng.choice((4, 5, 5, 6)),
                run=None,  # runs come from files (_import_run)
            )
        )
    return out


def _plan_events(days: int) -> dict[int, str]:
    """Day index -> program enrolled that day: the year's plans back to back, then the two active today."""
    final, second = max(0, days - FINAL_BEFORE), max(0, days - SECOND_BEFORE)
    from footwork.programs.models import Program

    weeks = dict(Program.objects.filter(is_template=True).values_list("slug", "duration_weeks"))
    events, start = {}, 0
    for slug in YEAR_PLANS:
        if start >= final:
            break
        events[start] = slug
        start += 7 * weeks[slug]
    events.setdefault(final, FINAL_PLAN)
    events[final] = FINAL_PLAN
    events[max(second, final + 1)] = SECOND_PLAN
    return events


def _live_the_year(coach: Any, runner: Any, days: int, say: Callable[[str], None]) -> None:
    from footwork.demo import replay
    from footwork.demo.story import seeded

    run = replay.Replay(runner, coach, "left", seeded(2026), say, with_plans=True)
    run.categories = replay.exercise_categories()
    run.areas = _areas(runner)
    first = date.today() - timedelta(days=days)
    events = _plan_events(days)
    flare = int(days * FLARE_AT)
    runs = RunFiles()
    started = time.perf_counter()
    all_days = year_days(first, days)
    for position, day in enumerate(all_days):
        with replay.sitting(run, day, 7, 20):
            replay.morning_check_in(run, day)
            if day.index == flare:
                replay.start_flare_up(run, "achilles")
            # Three mornings back at baseline end it (progression.flareup); asked on two days in case.
            if day.index in (flare + 7, flare + 10) and _flaring(runner):
                replay.end_flare_up(run)
        if day.index in events or day.index % TEST_EVERY == 0:
            with replay.sitting(run, day, 17, 30):
                _occasion(run, day, events.get(day.index))
        with replay.sitting(run, day, 19, 0):
            _import_run(run, day, runs)
            replay.train(run, day)
        if day.date.weekday() in (0, 3):
            with replay.sitting(run, day, 21, 15):
                replay.coach_review(run, all_days[max(0, position - 2) : position + 1])
        if day.index % 30 == 29:
            say(f"    day {day.index + 1}/{days}: {time.perf_counter() - started:.0f} s")


def _flaring(runner: Any) -> bool:
    from footwork.progression.models import FlareUp, FlareUpStatus

    return FlareUp.objects.filter(runner=runner, status=FlareUpStatus.ACTIVE).exists()


def _areas(runner: Any) -> tuple[str, ...]:
    from footwork.demo import painful_areas

    return painful_areas(runner)


def _occasion(run: Any, day: Any, program: str | None) -> None:
    """Shoes on day 0, a test session and questionnaires every six weeks, a plan ended and the next begun."""
    from footwork.demo import replay
    from footwork.demo.story import MAYA_LEG_LENGTH_CM, MAYA_QUESTIONNAIRES, MAYA_RETEST, MAYA_TESTS
    from footwork.programs.models import Plan, PlanStatus
    from footwork.programs.services import end_plan

    if day.index == 0:
        replay.buy_shoe(run, "daily", "Brooks", "Ghost 15", 12, day.date - timedelta(days=120))
    if day.index % TEST_EVERY == 0:
        later = (day.index // TEST_EVERY) % 2
        replay.record_tests(run, (MAYA_TESTS, MAYA_RETEST)[later], "Bench test session", MAYA_LEG_LENGTH_CM)
        replay.answer_questionnaires(run, {code: pair[later] for code, pair in MAYA_QUESTIONNAIRES.items()})
    if program is None:
        return
    if program != SECOND_PLAN:
        for plan in Plan.objects.filter(runner=run.runner, status=PlanStatus.ACTIVE):
            run.attempt("end of a plan", end_plan, actor=run.coach, plan_id=plan.pk, why="Next block")
    replay.enroll_by_coach(run, run.coach, program, day.date)


class RunFiles:
    """A fixture file for each day, its times shifted to noon (local) that day: FIT mostly, GPX and TCX too."""

    def __init__(self) -> None:
        import import_bench

        from footwork.activities.importers import parse_bytes

        self._shift_fit, self._shift_text = import_bench.shift_fit, import_bench.shift_text
        pool = [(name, data, True) for name, data in import_bench.fit_pool()]
        for name in import_bench.TEXT_RUNS:
            pool.append((Path(name).name, (import_bench.FIXTURES / name).read_bytes(), False))
        # Each fixture's own start, once: the shift is from it to the day's noon; a file of no run is left out.
        parsed = [(name, data, fit, parse_bytes(name, data)) for name, data, fit in pool]
        self.pool = [(name, data, fit, run.start) for name, data, fit, run in parsed if run.is_run]

    def for_day(self, index: int, day: date) -> tuple[str, bytes]:
        from zoneinfo import ZoneInfo

        name, data, fit, start = self.pool[index % len(self.pool)]
        noon = datetime(day.year, day.month, day.day, 12, 0, tzinfo=ZoneInfo(ZONE))
        seconds = int((noon - start).total_seconds())
        shifted = self._shift_fit(data, seconds) if fit else self._shift_text(data, seconds)
        return f"{day.isoformat()}-{name}", shifted


def _import_run(run: Any, day: Any, files: RunFiles) -> None:
    """The day's run uploaded as a file, then its effort given on the run page."""
    from footwork.activities import services as activities

    report = run.attempt(
        "run import", activities.import_files, actor=run.runner, files=[files.for_day(day.index, day.date)]
    )
    for outcome in (report.imported if report else [])[:1]:
        if outcome.run_id is not None:
            rpe = run.rng.choice((3, 4, 4, 5, 6))
            run.attempt("run effort", activities.update_run, actor=run.runner, run_id=outcome.run_id, rpe=rpe)
    for outcome in (report.refused + report.skipped + report.duplicates) if report else []:
        run.say(f"    run file {outcome.name}: {outcome.reason}")


# --- Bulk copies --------------------------------------------------------------------------------------------------


def owned_rows(user_model: Any, runner_id: int) -> dict[Any, set[int]]:
    """Every row that belongs to the runner: any row with a foreign key to one of hers, and what a one-to-one of
    hers points at (a plan's private program), until nothing more is found."""
    owned: dict[Any, set[int]] = defaultdict(set)
    owned[user_model].add(runner_id)
    grew = True
    while grew:
        grew = False
        for model in copied_models():
            for relation in _relations(model):
                target = relation.related_model
                if owned.get(target) and model is not target:
                    lookup = {f"{relation.attname}__in": owned[target]}
                    found = set(model._default_manager.filter(**lookup).values_list("pk", flat=True))
                    grew |= bool(found - owned[model])
                    owned[model] |= found
                if relation.one_to_one and owned.get(model) and target is not user_model:
                    kept = model._default_manager.filter(pk__in=owned[model])
                    found = set(kept.values_list(relation.attname, flat=True)) - {None}
                    grew |= bool(found - owned[target])
                    owned[target] |= found
    return {model: pks for model, pks in owned.items() if pks}


def copied_models() -> list[Any]:
    from django.apps import apps

    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_config.name.startswith("footwork.")
        and model._meta.label_lower not in NOT_COPIED
        and not model._meta.proxy
    ]


def _relations(model: Any) -> list[Any]:
    return [f for f in model._meta.concrete_fields if f.is_relation and f.related_model is not None]


def dependency_order(models: set[Any]) -> list[Any]:
    """Owned models with every model a row points at inserted before it."""
    order: list[Any] = []
    visiting: set[Any] = set()

    def visit(model: Any) -> None:
        if model in order:
            return
        if model in visiting:
            raise SystemExit(f"the copier cannot order a cycle of foreign keys through {model._meta.label}")
        visiting.add(model)
        for relation in _relations(model):
            if relation.related_model in models and relation.related_model is not model:
                visit(relation.related_model)
        visiting.discard(model)
        order.append(model)

    for model in sorted(models, key=lambda m: m._meta.label):
        visit(model)
    return order


def copy_runner(runner_id: int, copies: int, say: Callable[[str], None] = print) -> dict[str, int]:
    """`copies` runners made of every row of runner_id's, keys remapped; returns the rows per model of one runner.

    One `INSERT … SELECT` per table for all copies: copy k of a row gets the id `id + k * stride` (stride: one more
    than the table's largest id), a key to a row of hers the same shift, a key to anything else (the coach, a
    shipped program, an exercise) stays; unique columns get a per-copy value. Dates and timestamps are kept."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    owned = owned_rows(get_user_model(), runner_id)
    order = dependency_order(set(owned))
    counts = {model._meta.label: len(owned[model]) for model in order}
    say("  rows of runner #1 copied per runner: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("CREATE TABLE bench_owned (label varchar(100), pk bigint, PRIMARY KEY (label, pk))")
        cursor.execute("CREATE TABLE bench_copy (k bigint PRIMARY KEY)")
        for model in order:
            rows = [(model._meta.label_lower, pk) for pk in owned[model]]
            cursor.executemany("INSERT INTO bench_owned (label, pk) VALUES (%s, %s)", rows)
        cursor.executemany("INSERT INTO bench_copy (k) VALUES (%s)", [(k,) for k in range(1, copies + 1)])
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE bench_owned")
            cursor.execute("ANALYZE bench_copy")
        strides = {model: _stride(cursor, model) for model in order}
        for model in order:
            started = time.perf_counter()
            with _keys_checked_at_once(cursor, model):
                cursor.execute(_copy_sql(model, strides, connection.vendor))
                copied = cursor.rowcount
            say(f"    {model._meta.label}: {copied} rows, {time.perf_counter() - started:.1f} s")
        cursor.execute("DROP TABLE bench_owned")
        cursor.execute("DROP TABLE bench_copy")
        _reset_sequences(cursor, order)
    return counts


@contextmanager
def _keys_checked_at_once(cursor: Any, model: Any) -> Iterator[None]:
    """PostgreSQL: the table's foreign keys dropped while its copies go in, then added back, which checks every row's
    keys in one join. Checked row by row as the statement ends, 780,000 set logs took PostgreSQL half an hour; the
    figures printed still include the checks. SQLite's row-by-row checks are quick: nothing changes there."""
    if cursor.db.vendor != "postgresql":
        yield
        return
    table = cursor.db.ops.quote_name(model._meta.db_table)
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'",
        [table],
    )
    keys = cursor.fetchall()
    for name, _definition in keys:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    yield
    for name, definition in keys:
        cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


def _stride(cursor: Any, model: Any) -> int:
    quote = cursor.db.ops.quote_name
    cursor.execute(f"SELECT MAX({quote(model._meta.pk.column)}) FROM {quote(model._meta.db_table)}")
    return int(cursor.fetchone()[0] or 0) + 1


def _copy_sql(model: Any, strides: dict[Any, int], vendor: str) -> str:
    """INSERT INTO table (columns) SELECT (each column, shifted or made unique per copy) for every copy."""
    from django.db import connection

    quote = connection.ops.quote_name
    columns, values, joins = [], [], []
    for f in model._meta.concrete_fields:
        column = f"t.{quote(f.column)}"
        if f.primary_key:
            value = f"{column} + bench_copy.k * {strides[model]}"
        elif f.is_relation and f.related_model in strides:
            # A key to a row of hers moves with the copy. Tested by a join, not `IN (SELECT …)` in the CASE: that
            # PostgreSQL runs as a subplan probed row by row (minutes for the set logs), never hashed.
            owner = f"owned_{len(joins)}"
            joins.append(
                f"LEFT JOIN bench_owned {owner} ON {owner}.label = '{f.related_model._meta.label_lower}' "
                f"AND {owner}.pk = {column}"
            )
            value = (
                f"CASE WHEN {owner}.pk IS NOT NULL THEN {column} + bench_copy.k * {strides[f.related_model]} "
                f"ELSE {column} END"
            )
        elif f.unique and not f.is_relation:
            value = _unique_sql(f, column, vendor)
        else:
            value = column
        columns.append(quote(f.column))
        values.append(value)
    table, label = quote(model._meta.db_table), model._meta.label_lower
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} FROM {table} t "
        f"JOIN bench_owned mine ON mine.label = '{label}' AND mine.pk = t.{quote(model._meta.pk.column)} "
        f"{' '.join(joins)} CROSS JOIN bench_copy"
    )


def _unique_sql(model_field: Any, column: str, vendor: str) -> str:
    """A unique value per copy: an address gets +k before the @, a UUID a new random one, a text -k at its end."""
    from django.db import models

    k = "CAST(bench_copy.k AS varchar(12))"
    if isinstance(model_field, models.EmailField):
        return f"REPLACE({column}, '@', '+' || {k} || '@')"
    if isinstance(model_field, models.UUIDField):
        return "gen_random_uuid()" if vendor == "postgresql" else "lower(hex(randomblob(16)))"
    if isinstance(model_field, models.CharField):
        return f"SUBSTR({column}, 1, {model_field.max_length - 5}) || '-' || {k}"
    raise SystemExit(f"the copier cannot make a unique {model_field.__class__.__name__} ({model_field})")


def _reset_sequences(cursor: Any, models: list[Any]) -> None:
    """PostgreSQL's id sequences past the copied ids (SQLite's AUTOINCREMENT follows by itself)."""
    from django.core.management.color import no_style

    for statement in cursor.db.ops.sequence_reset_sql(no_style(), models):
        cursor.execute(statement)
