"""The `footwork` command: each app adds its commands from its own cli.py."""

from __future__ import annotations

import typer

from footwork.core.bootstrap import setup_django

app = typer.Typer(help="Footwork: foot, calf and hip training for runners.", no_args_is_help=True)


# Groups that decide for themselves whether they need the database: scoring alone works without one.
OWN_DATABASE_DECISION = {"assess", "questionnaire", "progress", "flare-up", "load", "season"}


@app.callback()
def _setup(context: typer.Context) -> None:
    """Set up Django and bring the database up to date before any command that needs it."""
    setup_django(migrate=context.invoked_subcommand not in OWN_DATABASE_DECISION)


def _register() -> None:
    # App CLIs import models, so they are added only after Django is importable; their
    # module bodies must not touch the database.
    from footwork.accounts.cli import register as register_accounts
    from footwork.activities.cli import register as register_activities
    from footwork.assessments.cli import register as register_assessments
    from footwork.caseload.cli import register as register_caseload
    from footwork.coaching.cli import register as register_coaching
    from footwork.demo import register as register_demo
    from footwork.exercises.cli import register as register_exercises
    from footwork.messaging.cli import register as register_messaging
    from footwork.notifications.cli import register as register_notifications
    from footwork.programs.cli import register as register_programs
    from footwork.progression.cli import register as register_progression
    from footwork.season.cli import register as register_season
    from footwork.training.cli import register as register_training
    from footwork.workshops.cli import register as register_workshops

    for register in (
        register_exercises,
        register_programs,
        register_training,
        register_assessments,
        register_progression,
        register_activities,
        register_season,
        register_messaging,
        register_caseload,
        register_coaching,
        register_workshops,
        register_notifications,
        register_demo,
        register_accounts,
    ):
        register(app)


def main() -> None:
    setup_django(migrate=False)
    _register()
    app()


if __name__ == "__main__":
    main()
