"""The season page (races and the timeline of phases), a race's edit and result pages, the calendar and its feed."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from footwork.accounts.models import User
from footwork.accounts.selectors import units_of
from footwork.core import bounds
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput
from footwork.core.rules import PAIN_AMBER_MAX
from footwork.core.views import current_user, runner_in_question
from footwork.core.wording import day_label
from footwork.season import calendar_page, selectors, services
from footwork.season import feed as calendar_feed
from footwork.season.forms import RaceForm, ResultForm
from footwork.season.models import Race
from footwork.season.times import time_words

# The service's field names as the forms name them.
_FORM_FIELDS = {"distance_km": "custom_km", "goal_seconds": "goal", "finish_seconds": "finish"}


def _refuse(form: forms.Form, error: InvalidInput) -> None:
    """A service's refusal beside the field it names (or above the form)."""
    field = _FORM_FIELDS.get(error.field or "", error.field)
    if field == "custom_km" and form.cleaned_data.get("distance") != "custom":
        field = "distance"
    form.add_error(field if field in form.fields else None, error.message)


def _query(user: User, runner: User) -> str:
    return "" if runner.pk == user.pk else f"?runner={runner.pk}"


def _season_url(user: User, race: Race) -> str:
    return reverse("season:season") + _query(user, race.runner)


@login_required
def season(request: HttpRequest) -> HttpResponse:
    """The runner's races, the form to add one, and the season's phases laid backwards from them."""
    runner, query = runner_in_question(request)
    form = RaceForm(request.POST or None, units=units_of(runner))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            race = services.add_race(
                actor=current_user(request), runner_id=runner.pk, name=data["name"], date=data["date"],
                distance_km=data["distance_km"], priority=data["priority"], goal_seconds=data["goal"],
                notes=data["notes"],
            )  # fmt: skip
        except InvalidInput as error:
            _refuse(form, error)
        else:
            messages.success(request, f"{race.name} added.")
            return redirect(reverse("season:season") + query)
    today = today_for(runner)
    plan = selectors.season_of(runner, today)
    card = selectors.today_card(runner, today, plan)
    context = {
        "runner": runner, "query": query, "form": form, "season_races": selectors.race_lines(runner, today),
        "phases": selectors.phase_lines(plan), "warnings": plan.warnings, "season_today": card,
        "gate_due": card.gate, "after_races": selectors.after_races(runner, plan),
        "coach": runner.pk != current_user(request).pk,
    }  # fmt: skip
    return render(request, "season/season.html", context, status=400 if form.errors else 200)


@login_required
def race(request: HttpRequest, race_id: int) -> HttpResponse:
    """Change a race; the page also deletes it and leads to its result."""
    user = current_user(request)
    found = selectors.race_for(user, race_id)
    units = units_of(found.runner)
    form = RaceForm(request.POST or None, initial=RaceForm.initial_of(found, units), units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_race(
                actor=user, race_id=found.pk, name=data["name"], date=data["date"],
                distance_km=data["distance_km"], priority=data["priority"], goal_seconds=data["goal"],
                notes=data["notes"],
            )  # fmt: skip
        except InvalidInput as error:
            _refuse(form, error)
        else:
            messages.success(request, "Race changed.")
            return redirect(_season_url(user, found))
    context = {
        "line": selectors.race_line(found, today_for(found.runner), units),
        "form": form,
        "runner": found.runner,
    }
    context["query"] = _query(user, found.runner)
    return render(request, "season/race.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def delete_race(request: HttpRequest, race_id: int) -> HttpResponse:
    user = current_user(request)
    found = selectors.race_for(user, race_id)
    services.delete_race(actor=user, race_id=found.pk)
    messages.success(request, f"{found.name} taken off the calendar.")
    return redirect(_season_url(user, found))


@login_required
def result(request: HttpRequest, race_id: int) -> HttpResponse:
    """How the race went; pain at the red line leads to the flare-up toolbox."""
    user = current_user(request)
    found = selectors.race_for(user, race_id)
    form = ResultForm(request.POST or None, initial=_result_initial(found) if found.recorded_at else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_result(
                actor=user, race_id=found.pk, finish_seconds=data["finish"], how_it_went=data["how_it_went"],
                pain_during=data["pain_during"], pain_after=data["pain_after"],
                next_morning=data["next_morning"], next_morning_pain=data["next_morning_pain"],
            )  # fmt: skip
        except InvalidInput as error:
            _refuse(form, error)
        else:
            messages.success(request, "Result saved.")
            return redirect(reverse("season:result", args=[found.pk]))
    today = today_for(found.runner)
    context = {
        "line": selectors.race_line(found, today, units_of(found.runner)), "form": form, "runner": found.runner,
        "query": _query(user, found.runner), "red_pains": selectors.red_line_pains(found),
        "red_line": PAIN_AMBER_MAX + 1, "open": found.date <= today,
    }  # fmt: skip
    return render(request, "season/result.html", context, status=400 if form.errors else 200)


def _result_initial(race: Race) -> dict[str, object]:
    return {
        "finish": time_words(race.finish_seconds) if race.finish_seconds else "",
        "how_it_went": race.how_it_went,
        "pain_during": race.pain_during,
        "pain_after": race.pain_after,
        "next_morning_pain": race.next_morning_pain,
        "next_morning": race.next_morning,
    }


# The feed's address, shown once on the account page after it is made or rotated (only its digest is stored).
NEW_FEED_KEY = "new_calendar_feed"


@require_GET
def feed(request: HttpRequest, secret: str) -> HttpResponse:
    """The private calendar feed: no login (calendar apps cannot sign in); the secret is the key; never writes."""
    found = calendar_feed.feed_for_secret(secret)
    if found is None:
        raise Http404("No such calendar feed.")
    calendar = calendar_feed.feed_calendar(found, request.build_absolute_uri)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="footwork.ics"'
    # Private to whoever holds the address: no shared cache keeps it, no search engine lists it.
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


def feed_context(request: HttpRequest, user: User) -> dict[str, object]:
    """What the account page's calendar feed section shows (the new address only once)."""
    found = getattr(user, "calendar_feed", None)
    secret = request.session.pop(NEW_FEED_KEY, None)
    address = request.build_absolute_uri(reverse("calendar:feed", args=[secret])) if secret else ""
    return {"calendar_feed": found, "new_feed_url": address}


class ReminderForm(forms.Form):
    reminder = forms.TimeField(required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))


def _back_to_account(request: HttpRequest, secret: str | None = None, said: str = "") -> HttpResponse:
    if secret is not None:
        request.session[NEW_FEED_KEY] = secret
    if said:
        messages.success(request, said)
    return redirect(reverse("accounts:account") + "#calendar-feed")


def _feed_write(request: HttpRequest, write: str) -> HttpResponse:
    user = current_user(request)
    try:
        if write == "make":
            _made, secret = services.make_feed(actor=user)
            return _back_to_account(request, secret, "Your calendar feed is ready.")
        if write == "rotate":
            _made, secret = services.rotate_feed(actor=user)
            return _back_to_account(request, secret, "New address made: the old one no longer works.")
        services.revoke_feed(actor=user)
    except InvalidInput as error:
        messages.error(request, error.message)
        return _back_to_account(request)
    return _back_to_account(request, said="Calendar feed stopped: its address no longer works.")


@login_required
@require_POST
def make_feed(request: HttpRequest) -> HttpResponse:
    return _feed_write(request, "make")


@login_required
@require_POST
def rotate_feed(request: HttpRequest) -> HttpResponse:
    return _feed_write(request, "rotate")


@login_required
@require_POST
def revoke_feed(request: HttpRequest) -> HttpResponse:
    return _feed_write(request, "revoke")


@login_required
@require_POST
def feed_reminder(request: HttpRequest) -> HttpResponse:
    """The time of day the feed's sessions are at, with an alarm; empty: all-day, no alarm."""
    form = ReminderForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the reminder time as hours and minutes, such as 7:00.")
        return _back_to_account(request)
    reminder = form.cleaned_data["reminder"]
    try:
        services.set_reminder(actor=current_user(request), reminder=reminder)
    except InvalidInput as error:
        messages.error(request, error.message)
        return _back_to_account(request)
    said = (
        f"Sessions now remind you at {reminder:%H:%M}."
        if reminder
        else "Sessions are all-day, with no alarm."
    )
    return _back_to_account(request, said=said)


def _asked_day(text: str | None, today: date) -> date:
    """The day a ?month= or ?week= link asks about, within the season's dates; today otherwise."""
    try:
        day = date.fromisoformat(text or "")
    except ValueError:
        return today
    return day if bounds.SEASON_RACE_DATE.check(day, today=today) is None else today


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    """A month (or, with ?week=, a week) of phases, races, strength sessions and runs, the plan against the done."""
    runner, query = runner_in_question(request)
    today = today_for(runner)
    if "week" in request.GET:
        start = calendar_page.monday_of(_asked_day(request.GET.get("week"), today))
        end = start + timedelta(days=6)
        earlier, later = start - timedelta(days=7), start + timedelta(days=7)
        title = f"Week of {day_label(start, today)}"
    else:
        asked = _asked_day(request.GET.get("month"), today).replace(day=1)
        start = asked
        end = (asked + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        earlier, later = (start - timedelta(days=1)).replace(day=1), end + timedelta(days=1)
        title = f"{_MONTHS[start.month - 1]} {start.year}"
    weeks = calendar_page.calendar_weeks(runner, start, end)
    key = "week" if "week" in request.GET else "month"
    joiner = f"{query}&" if query else "?"
    context = {
        "runner": runner, "query": query, "title": title, "view": key,
        "weeks": calendar_page.week_lines(weeks, units_of(runner), today, start, end),
        "earlier": f"{joiner}{key}={earlier.isoformat()}", "later": f"{joiner}{key}={later.isoformat()}",
        "this_week": f"{joiner}week={today.isoformat()}", "this_month": f"{joiner}month={today.isoformat()}",
    }  # fmt: skip
    return render(request, "season/calendar.html", context)


_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)  # fmt: skip
