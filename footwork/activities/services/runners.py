"""Whose runs and shoes: the runner an actor means and their default pair."""

from __future__ import annotations

from footwork.accounts.models import User
from footwork.accounts.selectors import runner_in_care_of
from footwork.activities.models import Shoe
from footwork.core.errors import NotAllowed


def runner_for(actor: User, runner_id: int | None) -> User:
    """Yourself, or (coaches) one of your runners; runs and shoes belong to runners only."""
    runner = actor if runner_id is None or runner_id == actor.pk else runner_in_care_of(actor, runner_id)
    if not runner.is_runner:
        raise NotAllowed("Runs and shoes are a runner's; choose one of your runners.")
    return runner


def default_shoe(runner: User) -> Shoe | None:
    """The pair a new run is worn in when none is chosen: the default one, unless retired."""
    return Shoe.objects.filter(runner=runner, is_default=True, retired_on__isnull=True).first()
