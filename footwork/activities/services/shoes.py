"""Shoes: a runner's pairs, the default one, retiring."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction

from footwork.accounts.models import User
from footwork.accounts.selectors import check_may_act_for, runner_visible_to
from footwork.activities.models import Shoe
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput, NotFound

from .runners import runner_for

MAX_DROP_MM = Decimal(20)


def shoe_of(runner: User, shoe_id: int) -> Shoe:
    """One of the runner's own pairs; otherwise NotFound."""
    shoe = Shoe.objects.filter(pk=shoe_id, runner=runner).first()
    if shoe is None:
        raise NotFound("No such shoe.")
    return shoe


def shoe_visible_to(actor: User, shoe_id: int) -> Shoe:
    """The pair if the actor may see its runner; otherwise NotFound."""
    shoe = Shoe.objects.select_related("runner").filter(pk=shoe_id).first()
    if shoe is None:
        raise NotFound("No such shoe.")
    runner_visible_to(actor, shoe.runner_id)
    return shoe


def _drop(drop_mm: float | Decimal | str) -> Decimal:
    try:
        value = Decimal(str(drop_mm)).quantize(Decimal("0.1"))
    except InvalidOperation as error:
        raise InvalidInput("The drop is a number of millimetres.", field="drop_mm") from error
    if not value.is_finite() or not 0 <= value <= MAX_DROP_MM:
        raise InvalidInput("The drop is 0 to 20 mm.", field="drop_mm")
    return value


def _make_default(shoe: Shoe) -> None:
    Shoe.objects.filter(runner=shoe.runner, is_default=True).exclude(pk=shoe.pk).update(is_default=False)
    shoe.is_default = True


@transaction.atomic
def create_shoe(
    *,
    actor: User,
    runner_id: int | None = None,
    brand: str,
    model: str,
    drop_mm: float | Decimal | str,
    started_on: date | None = None,
    is_default: bool = False,
) -> Shoe:
    """A new pair; the first pair, or one marked default, becomes the default."""
    runner = runner_for(actor, runner_id)
    if not brand.strip() or not model.strip():
        raise InvalidInput("Say the brand and the model.", field="brand" if not brand.strip() else "model")
    started = started_on or today_for(runner)
    if started > today_for(runner):
        raise InvalidInput("A shoe cannot start in the future.", field="started_on")
    shoe = Shoe(
        runner=runner, brand=brand.strip()[:60], model=model.strip()[:80], drop_mm=_drop(drop_mm),
        started_on=started,
    )  # fmt: skip
    if is_default or not Shoe.objects.filter(runner=runner, retired_on__isnull=True).exists():
        _make_default(shoe)
    shoe.save()
    return shoe


@transaction.atomic
def update_shoe(
    *,
    actor: User,
    shoe_id: int,
    retire: bool = False,
    make_default: bool = False,
    retired_on: date | None = None,
) -> Shoe:
    """Retire a pair (it stops being the default) or make it the default."""
    shoe = shoe_visible_to(actor, shoe_id)
    check_may_act_for(actor, shoe.runner)
    if retire and make_default:
        raise InvalidInput("A retired shoe cannot be the default.", field="is_default")
    if retire:
        day = retired_on or today_for(shoe.runner)
        if day < shoe.started_on:
            raise InvalidInput("A shoe cannot retire before it started.", field="retired_on")
        shoe.retired_on, shoe.is_default = day, False
    if make_default:
        if shoe.retired_on is not None:
            raise InvalidInput("A retired shoe cannot be the default.", field="is_default")
        _make_default(shoe)
    shoe.save()
    return shoe
