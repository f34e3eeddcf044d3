"""Derived state (recommendations, held-back exercises) is refreshed by the writes that change its inputs.

The apps that write a runner's inputs (training logs and check-ins, tests, runs, plans) sit below the app that
derives from them (progression), so they cannot call it. Instead they call `inputs_changed(runner)` at the end of
their service, inside its transaction; progression registers its refresher here when Django starts. A refresh that
itself writes inputs (accepting a decision changes the plan) does not start another one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model

if TYPE_CHECKING:
    from footwork.accounts.models import User

Refresher = Callable[["User"], None]

_refreshers: list[Refresher] = []
# The refreshers that also read the runner's races (the others are not run when only a race changed).
_race_readers: list[Refresher] = []
_refreshing: ContextVar[bool] = ContextVar("footwork_refreshing", default=False)
_deferred: ContextVar[set[int] | None] = ContextVar("footwork_deferred", default=None)


def register(refresher: Refresher, *, reads_races: bool = False) -> None:
    """Called once per refresher, from an AppConfig.ready(); `reads_races`: it is also run by races_changed."""
    if refresher not in _refreshers:
        _refreshers.append(refresher)
    if reads_races and refresher not in _race_readers:
        _race_readers.append(refresher)


def races_changed(runner: User) -> None:
    """A race of the runner's was added, moved or deleted: refresh what reads races, now (races are not written in
    bulk, so there is nothing to defer)."""
    if _refreshing.get():
        return
    _refresh(runner, _race_readers)


def inputs_changed(runner: User) -> None:
    """Refresh everything derived from this runner's inputs now (or at the end of the `deferred()` block)."""
    if _refreshing.get():
        return
    pending = _deferred.get()
    if pending is not None:
        pending.add(runner.pk)
        return
    _refresh(runner, _refreshers)


def _refresh(runner: User, refreshers: list[Refresher]) -> None:
    """Run the refreshers; the writes they make themselves start no refresh of their own."""
    token = _refreshing.set(True)
    try:
        for refresher in refreshers:
            refresher(runner)
    finally:
        _refreshing.reset(token)


@contextmanager
def deferred() -> Iterator[None]:
    """Many writes, one refresh per runner at the end (an import of a thousand runs refreshes once)."""
    if _deferred.get() is not None:
        yield
        return
    token = _deferred.set(set())
    try:
        yield
        pending = _deferred.get() or set()
    finally:
        _deferred.reset(token)
    # The user model by name: core sits below accounts and does not import it.
    for runner in get_user_model().objects.filter(pk__in=pending):
        inputs_changed(runner)
