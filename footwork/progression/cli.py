"""`footwork progress decide` and `footwork flare-up screen`: the model and the screening, with no database."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from django.conf import settings
from rich.markup import escape

from footwork.core.cli import account, console, print_json
from footwork.core.datafile import DataFileError
from footwork.core.rules import PAIN_MAX
from footwork.exercises.services import read_library_file
from footwork.progression.domain import (
    CheckinRecord,
    History,
    PrescriptionState,
    decide,
    decisions_document,
    describe_dose,
    humanised,
)
from footwork.progression.flareup import (
    FlarePlan,
    ScreeningError,
    parse_screening,
    screen,
    screening_document,
)
from footwork.progression.history import HistoryError, library_facts, parse_history
from footwork.progression.services import shipped_toolboxes

progress_app = typer.Typer(
    help="The pain-monitoring model: progress, hold or step back.", no_args_is_help=True
)
flare_app = typer.Typer(help="The flare-up toolbox and red-flag screening.", no_args_is_help=True)
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable JSON.")]


def _load_json(file: Path) -> object:
    try:
        return json.loads(file.read_text())
    except (OSError, json.JSONDecodeError) as error:
        console.print(f"[red]{escape(str(file))} is not readable JSON: {escape(str(error))}[/red]")
        raise typer.Exit(2) from error


# --- Optional keys of HISTORY.json that parse_history does not read ---------------------------------------------------
# Peeled off before parsing and applied after it, so that older files stay valid and parse_history stays as it is:
#   top level        "names": {"slug": "Name"}, "red_flag_areas": ["achilles"]
#   a prescription   "name", "unit" ("passes"), "per_side" (bool), "counts_from" (YYYY-MM-DD), "areas": ["achilles"]
#   a check-in       "areas": {"achilles": {"pain": 2, "stiffness": 3}}
_EXTRA = {"": ("names", "red_flag_areas"), "prescriptions": ("name", "unit", "per_side", "counts_from", "areas"),
          "checkins": ("areas",)}  # fmt: skip


def _peel(data: object) -> tuple[object, dict[str, dict[str, object]]]:
    """The document without the optional keys, and those keys by place ("", "prescriptions[0]", "checkins[2]")."""
    if not isinstance(data, Mapping):
        return data, {}
    extras: dict[str, dict[str, object]] = {}
    document = {key: value for key, value in data.items() if key not in _EXTRA[""]}
    extras[""] = {key: data[key] for key in _EXTRA[""] if key in data}
    for part in ("prescriptions", "checkins"):
        items = data.get(part)
        if isinstance(items, list):
            document[part] = [
                _strip(item, f"{part}[{index}]", _EXTRA[part], extras) for index, item in enumerate(items)
            ]
    return document, extras


def _strip(item: object, where: str, keys: tuple[str, ...], extras: dict[str, dict[str, object]]) -> object:
    if not isinstance(item, Mapping):
        return item
    extras[where] = {key: item[key] for key in keys if key in item}
    return {key: value for key, value in item.items() if key not in keys}


def _fail(where: str, message: str) -> HistoryError:
    return HistoryError(f"{where}: {message}")


def _words(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, f"must be non-empty text, not {value!r}")
    return value.strip()


def _areas(value: object, where: str) -> frozenset[str]:
    if not isinstance(value, list):
        raise _fail(where, "must be a list of areas")
    return frozenset(_words(item, f"{where}[{index}]") for index, item in enumerate(value))


def _pain(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= PAIN_MAX:
        raise _fail(where, f"must be a whole number 0-{PAIN_MAX}, not {value!r}")
    return value


def _prescription_extras(rx: PrescriptionState, raw: Mapping[str, object], where: str) -> PrescriptionState:
    changes: dict[str, Any] = {}
    for key in ("name", "unit"):
        if key in raw:
            changes[key] = _words(raw[key], f"{where}.{key}")
    if "per_side" in raw:
        if not isinstance(raw["per_side"], bool):
            raise _fail(f"{where}.per_side", "must be true or false")
        changes["per_side"] = raw["per_side"]
    if "counts_from" in raw:
        try:
            changes["counts_from"] = date.fromisoformat(str(raw["counts_from"]))
        except ValueError:
            raise _fail(f"{where}.counts_from", "must be a date written YYYY-MM-DD") from None
    if "areas" in raw:
        changes["areas"] = _areas(raw["areas"], f"{where}.areas")
    return replace(rx, **changes)


def _checkin_extras(checkin: CheckinRecord, raw: Mapping[str, object], where: str) -> CheckinRecord:
    areas = raw.get("areas")
    if areas is None:
        return checkin
    if not isinstance(areas, Mapping):
        raise _fail(f"{where}.areas", 'must be an object: {"achilles": {"pain": 2, "stiffness": 3}}')
    readings = []
    for area, values in sorted(areas.items()):
        at = f"{where}.areas.{area}"
        if not isinstance(values, Mapping):
            raise _fail(at, 'must be an object: {"pain": 2, "stiffness": 3}')
        readings.append(
            (
                str(area),
                _pain(values.get("pain"), f"{at}.pain"),
                _pain(values.get("stiffness"), f"{at}.stiffness"),
            )
        )
    if readings and (checkin.pain, checkin.stiffness) != (
        max(r[1] for r in readings),
        max(r[2] for r in readings),
    ):
        raise _fail(where, "pain and stiffness must be the worst of its areas")
    return replace(checkin, areas=tuple(readings))


def _with_extras(history: History, extras: Mapping[str, Mapping[str, object]]) -> History:
    """The parsed history with the optional keys applied; HistoryError names a bad one."""
    top = extras.get("", {})
    names = top.get("names", {})
    if not isinstance(names, Mapping):
        raise _fail("names", 'must be an object: {"exercise-slug": "Its name"}')
    return replace(
        history,
        names=tuple(
            sorted(
                {
                    **dict(history.names),
                    **{str(slug): _words(name, f"names.{slug}") for slug, name in names.items()},
                }.items()
            )
        ),
        red_flag_areas=_areas(top.get("red_flag_areas", []), "red_flag_areas"),
        prescriptions=tuple(
            _prescription_extras(rx, extras.get(f"prescriptions[{i}]", {}), f"prescriptions[{i}]")
            for i, rx in enumerate(history.prescriptions)
        ),
        checkins=tuple(
            _checkin_extras(item, extras.get(f"checkins[{i}]", {}), f"checkins[{i}]")
            for i, item in enumerate(history.checkins)
        ),
    )


def _read_history(file: Path) -> History:
    """The history of the file, with the library's names, units and sides where the file gives none."""
    document, extras = _peel(_load_json(file))
    specs = {spec.slug: spec for spec in read_library_file(Path(settings.FOOTWORK_LIBRARY_PATH))}
    history = parse_history(document, library_facts(specs.values()))
    prescriptions = tuple(
        replace(rx, name=specs[rx.exercise].name, unit=specs[rx.exercise].dosage.unit,
                per_side=specs[rx.exercise].dosage.per_side)
        for rx in history.prescriptions
    )  # fmt: skip
    library_names = tuple(sorted((slug, spec.name) for slug, spec in specs.items()))
    history = replace(history, prescriptions=prescriptions, names=library_names)
    return _with_extras(history, extras)


@progress_app.command("decide")
def decide_command(
    file: Annotated[Path, typer.Option("--file", help="HISTORY.json")], as_json: JsonOption = False
) -> None:
    """Decide, for each prescription, progress / hold / regress / stop with reasons, then the running advice."""
    try:
        history = _read_history(file)
    except HistoryError as error:
        console.print(f"[red]{escape(str(error))}[/red]")
        raise typer.Exit(2) from error
    decisions = decide(history)
    if as_json:
        print_json(decisions_document(decisions))
        return
    names = dict(history.names)
    for rx, item in zip(history.prescriptions, decisions.exercises, strict=True):
        name = rx.name or names.get(rx.exercise) or humanised(rx.exercise)
        change = ""
        if item.new_dose is not None:
            moved = item.new_exercise or rx.exercise
            if item.new_exercise is None:
                change = f" → {describe_dose(item.new_dose, rx.unit, rx.per_side)}"
            else:
                change = f" → {names.get(moved) or humanised(moved)} {describe_dose(item.new_dose)}"
        console.print(
            f"[bold]{escape(name)}[/bold]: [bold]{item.decision}[/bold] ({item.light}){escape(change)}"
        )
        for reason in item.reasons:
            console.print(f"   - {escape(reason)}")
        for reason in item.held_back:
            console.print(f"   [bold]held back[/bold]: {escape(reason)}")
    console.print(f"[bold]Running: {decisions.running.advice}[/bold]")
    for reason in decisions.running.reasons:
        console.print(f"   - {escape(reason)}")


@flare_app.command("screen")
def screen_command(
    answers: Annotated[Path, typer.Option("--answers", help='FILE.json: {"area": …, "answers": {…}}')],
    as_json: JsonOption = False,
) -> None:
    """Red flags → see a clinician; otherwise the temporary flare-up plan."""
    try:
        area, given = parse_screening(_load_json(answers))
        toolboxes = shipped_toolboxes()
        result = screen(area, given, toolboxes)
    except (ScreeningError, DataFileError) as error:
        console.print(f"[red]{escape(str(error))}[/red]")
        raise typer.Exit(2) from error
    if as_json:
        print_json(screening_document(result))
        return
    console.print(f"[bold]{escape(result.message)}[/bold]")
    if isinstance(result, FlarePlan):
        for entry in result.toolbox.exercises:
            side = " each side" if entry.per_side else ""
            console.print(
                f"  {entry.sets} × {entry.amount} {'s' if entry.kind == 'hold_seconds' else entry.kind}{side}  {entry.exercise}"
            )
        for line in (*result.toolbox.running, *result.toolbox.track):
            console.print(f"  - {escape(line)}")
    else:
        for flag in result.flags:
            console.print(f"  - {escape(flag.question)} ({flag.urgency}): {escape(flag.why)}")


@progress_app.command("refresh")
def refresh_command(
    user: Annotated[
        str | None, typer.Option("--user", help="One runner's email; default: every runner.")
    ] = None,
) -> None:
    """Refresh recommendations and held-back marks (run nightly: the 48-hour look-back and the plan's week move
    with the calendar, not only with writes)."""
    from footwork.accounts.models import Role, User
    from footwork.progression.services import refresh_recommendations

    runners = [account(user)] if user else list(User.objects.filter(role=Role.RUNNER, is_active=True))
    for runner in runners:
        refresh_recommendations(runner)
    console.print(f"Refreshed {len(runners)} runner{'s' if len(runners) != 1 else ''}.")


def register(app: typer.Typer) -> None:
    app.add_typer(progress_app, name="progress")
    app.add_typer(flare_app, name="flare-up")
