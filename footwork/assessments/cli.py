"""`footwork assess …` and `footwork questionnaire score`; scoring works with no account and no database."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from django.conf import settings
from rich.markup import escape
from rich.table import Table

from footwork.assessments.battery import BY_SLUG
from footwork.assessments.domain import (
    SEX_CODES,
    ExerciseOption,
    analyse,
    norm_for,
    parse_results_document,
    weak_links,
)
from footwork.assessments.questionnaires import INSTRUMENTS, AnswerError, parse_answers, score
from footwork.core.bootstrap import ensure_database
from footwork.core.cli import UserOption, account, console, print_json
from footwork.core.errors import FootworkError
from footwork.exercises.services import read_library_file

assess_app = typer.Typer(
    help="The test battery: norms, evaluating results, recording a test session.", no_args_is_help=True
)
questionnaire_app = typer.Typer(help="Score questionnaires (VISA-A, FAAM, LEFS).", no_args_is_help=True)
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable JSON.")]
SCORING_ONLY = {"norms", "evaluate"}


@assess_app.callback()
def _database_unless_scoring(context: typer.Context) -> None:
    """Norms and evaluation are pure: they run with no account and no database."""
    if context.invoked_subcommand not in SCORING_ONLY:
        ensure_database()


def _refuse(message: str, code: int = 2) -> typer.Exit:
    console.print(f"[red]{escape(message)}[/red]")
    return typer.Exit(code)


@assess_app.command("norms")
def norms(
    test: Annotated[str, typer.Argument(help=f"One of: {', '.join(BY_SLUG)}")],
    age: Annotated[int, typer.Option(min=5, max=110)],
    sex: Annotated[str, typer.Option(help="F or M")],
    as_json: JsonOption = False,
) -> None:
    """The normative value matched for an age and sex, with its source."""
    definition = BY_SLUG.get(test)
    if definition is None:
        raise _refuse(f"Unknown test {test!r}; choose one of {', '.join(BY_SLUG)}.")
    if sex.upper() not in ("F", "M"):
        raise _refuse("--sex takes F or M.")
    band = norm_for(definition, age, SEX_CODES[sex.upper()])
    document = {
        "test": definition.slug, "name": definition.name, "unit": definition.unit, "age": age, "sex": sex.upper(),
        "norm": asdict(band) if band else None, "source": definition.norm_source, "certainty": definition.norm_certainty,
        "runner_target": definition.runner_target, "runner_target_note": definition.runner_target_note,
    }  # fmt: skip
    if as_json:
        print_json(document)
        return
    if band is None:
        console.print(f"{definition.name}: no published norm for age {age}, sex {sex.upper()}.")
    else:
        console.print(
            f"{definition.name}: [bold]{band.value:g} {definition.unit}[/bold] (ages {band.age_min}-{band.age_max})"
        )
    console.print(f"Source: {escape(definition.norm_source)} {definition.norm_certainty}")
    if definition.runner_target is not None:
        console.print(f"Runner target: {escape(definition.runner_target_note)}")


def _library_options() -> list[ExerciseOption]:
    """The shipped library read from its file, so evaluating needs no database."""
    specs = read_library_file(Path(settings.FOOTWORK_LIBRARY_PATH))
    return [
        ExerciseOption(s.slug, s.name, s.category, frozenset(s.targets), s.difficulty, s.dosage)
        for s in specs
    ]


def _read_results(file: Path) -> object:
    try:
        return json.loads(file.read_text())
    except (OSError, json.JSONDecodeError) as error:
        raise _refuse(f"{file}: not readable JSON ({error})") from error


@assess_app.command("evaluate")
def evaluate(
    file: Annotated[Path, typer.Option("--file", help="RESULTS.json")], as_json: JsonOption = False
) -> None:
    """Percent of norm, limb symmetry and flags per test, then the weak links with suggested exercises."""
    try:
        subject, results = parse_results_document(_read_results(file))
    except ValueError as error:
        raise _refuse(str(error)) from error
    analyses = [analyse(result, subject) for result in results]
    links = weak_links(analyses, _library_options())
    if as_json:
        print_json(
            {"tests": [asdict(item) for item in analyses], "weak_links": [asdict(link) for link in links]}
        )
        return
    table = Table(title="Test results")
    for column in ("test", "left", "right", "norm", "% of norm (L/R)", "LSI", "flags"):
        table.add_column(column)
    for item in analyses:
        percents = "/".join("—" if value is None else f"{value:g}" for value in item.percent_of_norm.values())
        table.add_row(
            item.name,
            _show(item.left),
            _show(item.right),
            _show(item.norm),
            percents,
            _show(item.lsi),
            ", ".join(item.flags),
        )
    console.print(table)
    for rank, link in enumerate(links, start=1):
        console.print(
            f"{rank}. [bold]{escape(link.name)}[/bold] ({', '.join(link.flags)}; severity {link.severity:g})"
        )
        for suggestion in link.exercises:
            console.print(f"   - {escape(suggestion.name)}: {escape(suggestion.dosage)}")


def _show(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


@assess_app.command("record")
def record(
    file: Annotated[Path, typer.Option("--file", help="RESULTS.json")],
    user: Annotated[str | None, UserOption] = None,
) -> None:
    """Store a test session for a runner (age, sex and side come from the profile)."""
    from footwork.assessments.selectors import assessment_document
    from footwork.assessments.services import record_assessment

    runner = account(user)
    try:
        _subject, results = parse_results_document(_read_results(file))
        assessment = record_assessment(actor=runner, results=results)
    except ValueError as error:
        raise _refuse(str(error)) from error
    except FootworkError as error:
        raise _refuse(error.message, 1) from error
    document = assessment_document(assessment)
    console.print(
        f"Test session {assessment.pk} of {assessment.date} stored: {len(results)} test(s), {len(document['weak_links'])} weak link(s)."
    )


@questionnaire_app.command("score")
def score_answers(
    instrument: Annotated[str, typer.Argument(help="visa-a, faam-adl, faam-sports or lefs")],
    answers: Annotated[
        str, typer.Option("--answers", help="Comma-separated, in item order (see the README).")
    ],
    as_json: JsonOption = False,
) -> None:
    """Score a questionnaire, or name the missing or out-of-range item (exit 2)."""
    if instrument not in INSTRUMENTS:
        raise _refuse(f"Unknown questionnaire {instrument!r}; choose one of {', '.join(INSTRUMENTS)}.")
    try:
        result = score(instrument, parse_answers(answers))
    except AnswerError as error:
        raise _refuse(error.message) from error
    if as_json:
        print_json(
            {
                "instrument": result.instrument,
                "score": result.score,
                "max": result.max,
                "answered": result.answered,
                **result.details,
            }
        )
        return
    console.print(
        f"{INSTRUMENTS[instrument].short_name}: [bold]{result.score:g}[/bold] / {result.max:g} ({result.answered} items answered)"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(assess_app, name="assess")
    app.add_typer(questionnaire_app, name="questionnaire")
