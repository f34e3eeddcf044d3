from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from footwork.accounts.selectors import runner_visible_to
from footwork.accounts.views import account_page
from footwork.coaching import services
from footwork.coaching.forms import InvitationForm, JoinForm
from footwork.coaching.selectors import (
    RosterRow,
    invitations_of,
    open_invitation,
    roster_of,
    unread_alerts_of,
)
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.limits import MAX_ID
from footwork.core.views import INVITATION_KEY, coach_required, current_user
from footwork.progression.selectors import open_stops, referrals_in_force
from footwork.season.selectors import race_lines


@coach_required
def roster(request: HttpRequest) -> HttpResponse:
    coach = current_user(request)
    context = {
        "clients": _with_links(roster_of(coach)),
        "invitations": invitations_of(coach)[:20],
        "invitation_form": InvitationForm(),
        "alerts": unread_alerts_of(coach)[:30],
    }
    return render(request, "coaching/roster.html", context)


def _with_links(rows: list[RosterRow]) -> list[tuple[str, RosterRow]]:
    """Each roster row with the address of its runner's page."""
    # Reversed once for the whole roster, not once a runner (a third of the time of rendering 200 rows): every
    # runner's address is the same path around the id.
    before, after = reverse("coaching:runner", args=[MAX_ID]).split(str(MAX_ID))
    return [(f"{before}{row.id}{after}", row) for row in rows]


@coach_required
@require_POST
def read_alert(request: HttpRequest, alert_id: int) -> HttpResponse:
    services.mark_alert_read(actor=current_user(request), alert_id=alert_id)
    return redirect("coaching:roster")


@coach_required
@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    invitation = services.create_invitation(actor=current_user(request), note=note)
    messages.success(request, f"Invitation {invitation.code} created: share its link with your runner.")
    return redirect("coaching:roster")


@coach_required
@require_POST
def revoke_invitation(request: HttpRequest, invitation_id: int) -> HttpResponse:
    services.revoke_invitation(actor=current_user(request), invitation_id=invitation_id)
    messages.success(request, "Invitation revoked.")
    return redirect("coaching:roster")


@login_required
def runner_detail(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = runner_visible_to(current_user(request), runner_id)
    context = {
        "runner": runner,
        "profile": runner.runner_profile,
        # Each plan is listed by its program's name: read with the plans, not one query a plan.
        "plans": runner.plans.select_related("program"),
        # Safety first on the coach's screen: what only the coach can clear.
        "referrals": referrals_in_force(runner),
        "stops": open_stops(runner),
        "season_races": race_lines(runner),
    }
    return render(request, "coaching/runner_detail.html", context)


@coach_required
@require_POST
def let_go(request: HttpRequest, runner_id: int) -> HttpResponse:
    # A number past any database id names no one, and the service's lookup by it would fail in the driver.
    if runner_id > MAX_ID:
        raise NotFound("No such coaching link.")
    services.end_coaching(actor=current_user(request), runner_id=runner_id)
    messages.success(request, "The runner is no longer linked to you.")
    return redirect("coaching:roster")


def join(request: HttpRequest, code: str) -> HttpResponse:
    """The invitation link: shows who invites (also before signing in), and links the runner on POST."""
    invitation = open_invitation(code)
    status = 200
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        if invitation is not None:
            request.session[INVITATION_KEY] = code
    elif request.method == "POST":
        try:
            services.accept_invitation(actor=current_user(request), code=code)
        except (InvalidInput, NotFound, NotAllowed) as error:
            messages.error(request, error.message)
            status = 400
        else:
            request.session.pop(INVITATION_KEY, None)
            messages.success(request, "You are now linked with your coach.")
            return redirect("accounts:account")
    return render(request, "coaching/join.html", {"invitation": invitation, "code": code}, status=status)


@login_required
@require_POST
def join_with_code(request: HttpRequest) -> HttpResponse:
    form = JoinForm(request.POST)
    if not form.is_valid():
        return account_page(request, join_form=form)
    return redirect("coaching:join", code=form.cleaned_data["code"].strip())


@login_required
@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    services.end_coaching(actor=user, runner_id=user.pk)
    messages.success(request, "You have left your coach.")
    return redirect("accounts:account")
