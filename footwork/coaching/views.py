from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from footwork.accounts.models import User
from footwork.accounts.selectors import clients_of, runner_visible_to
from footwork.accounts.views import account_page
from footwork.caseload import services as caseload_services
from footwork.caseload.domain import RosterRow, filter_rows
from footwork.caseload.forms import NoteForm, RosterFilterForm, TimelineForm
from footwork.caseload.selectors import NO_NOTE, runner_for_notes, timeline, timeline_window
from footwork.caseload.selectors import roster as roster_rows
from footwork.caseload.selectors.workspace import trend_chart, workspace
from footwork.caseload.threads import waiting_for
from footwork.coaching import services
from footwork.coaching.domain import KIND_ORDER, KIND_WORDS
from footwork.coaching.forms import AlertFilterForm, InvitationForm, JoinForm, ResolveForm
from footwork.coaching.selectors import alert_event_page, invitations_of, open_invitation
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.limits import MAX_ID
from footwork.core.links import id_link
from footwork.core.views import (
    INVITATION_KEY,
    HtmxRequest,
    coach_required,
    current_user,
    page_links,
    page_number,
    page_of,
)
from footwork.messaging.forms import new_message_form
from footwork.season.domain.wording import PHASE_WORDS

# The inbox lists this many events a page (each with its forms); the filters narrow it, the pages go further back.
INBOX_EVENTS = 25
# The roster shows this many runners a page, those needing attention first; the search and filters find the others.
ROSTER_ROWS = 50


@coach_required
def roster(request: HttpRequest) -> HttpResponse:
    coach = current_user(request)
    form = RosterFilterForm(request.GET)
    waiting = waiting_for(coach)
    rows = roster_rows(coach, waiting)
    shown = filter_rows(rows, form.roster_filter())
    clients, links = page_of(request, shown, ROSTER_ROWS)
    context = {
        "clients": _with_links(clients),
        **links,
        "total": len(rows),
        "attention": sum(row.needs_attention for row in rows),
        "filter_form": form,
        "filtered": form.is_valid() and any(form.cleaned_data.values()),
        "messaging": waiting is not None,
        "unread_total": None if waiting is None else sum(waiting.unread.values()),
        "phase_words": {str(phase): words for phase, words in PHASE_WORDS.items()},
        "invitations": invitations_of(coach)[:20],
        "invitation_form": InvitationForm(),
    }
    return render(request, "coaching/roster.html", context)


def _with_links(rows: list[RosterRow]) -> list[tuple[str, RosterRow]]:
    """Each roster row with the address of its runner's page."""
    link = id_link("coaching:runner")
    return [(link(row.runner), row) for row in rows]


@coach_required
def alerts(request: HttpRequest) -> HttpResponse:
    """The alerts inbox: events, safety first, filtered by state, kind and runner (GET never writes)."""
    coach = current_user(request)
    runners = list(clients_of(coach).select_related(None).only("first_name", "last_name", "email", "role"))
    form = AlertFilterForm(request.GET, runners=runners)
    page = page_number(request)
    events, total = alert_event_page(coach, form.alert_filter(), INBOX_EVENTS, (page - 1) * INBOX_EVENTS)
    names = {runner.pk: runner.display_name for runner in runners}
    context = {
        "events": [(event, names.get(event.runner, "")) for event in events],
        **page_links(request, page, total, INBOX_EVENTS),
        "filter_form": form,
        "kind_words": {kind: KIND_WORDS[kind][0] for kind in KIND_ORDER},
    }
    return render(request, "coaching/alerts.html", context)


def _back_to_inbox(request: HttpRequest) -> HttpResponse:
    # Back to the inbox as it was filtered: the form posts its query string along, kept only as a query string.
    query = request.POST.get("back", "")[:500]
    return redirect(f"{reverse('coaching:alerts')}?{query}" if query else reverse("coaching:alerts"))


@coach_required
@require_POST
def read_alert(request: HttpRequest, alert_id: int) -> HttpResponse:
    if alert_id > MAX_ID:
        raise NotFound("No such alert.")
    services.mark_alert_read(actor=current_user(request), alert_id=alert_id)
    return _back_to_inbox(request)


@coach_required
@require_POST
def resolve_alert(request: HttpRequest, alert_id: int) -> HttpResponse:
    if alert_id > MAX_ID:
        raise NotFound("No such alert.")
    form = ResolveForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.resolve_alert(actor=current_user(request), alert_id=alert_id, note=note)
    except InvalidInput as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Alert resolved: your note is kept with it.")
    return _back_to_inbox(request)


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
    """The runner's screen: symptoms, what waits to be cleared, adherence, tests, load, season, decisions, and for
    their coach the messages and private notes. The runner sees their own, without the coach's notes."""
    _known_runner(runner_id)
    runner = runner_visible_to(current_user(request), runner_id)
    return _workspace_page(request, runner, NoteForm())


def _known_runner(runner_id: int) -> None:
    # A number past any database id names no one, and a lookup by it would fail in the driver.
    if runner_id > MAX_ID:
        raise NotFound("No such runner.")


def _workspace_page(
    request: HttpRequest, runner: User, note_form: NoteForm, status: int = 200
) -> HttpResponse:
    space = workspace(current_user(request), runner)
    context = {
        "runner": runner,
        "profile": runner.runner_profile,
        "space": space,
        "tab": "overview",
        "trend_chart": trend_chart(space.trend),
        "note_form": note_form,
        "message_form": new_message_form(),
        # Each plan is listed by its program's name: read with the plans, not one query a plan.
        "plans": runner.plans.select_related("program"),
    }
    return render(request, "coaching/runner_detail.html", context, status=status)


@coach_required
def runner_timeline(request: HtmxRequest, runner_id: int) -> HttpResponse:
    """Everything dated about the runner, newest first, over a window (the last four weeks by default)."""
    _known_runner(runner_id)
    coach = current_user(request)
    runner = runner_for_notes(coach, runner_id)
    form = TimelineForm(request.GET)
    asked = (form.cleaned_data["start"], form.cleaned_data["end"]) if form.is_valid() else (None, None)
    status = 200 if form.is_valid() else 400
    try:
        start, end = timeline_window(runner, *asked)
    except InvalidInput as error:
        messages.error(request, f"{error.message}; the last four weeks are shown.")
        start, end, status = *timeline_window(runner, None, None), 400
    context = {
        "runner": runner,
        "tab": "timeline",
        "entries": timeline(coach, runner, start, end, newest_first=True),
        "start": start,
        "end": end,
        "form": TimelineForm(initial={"start": start, "end": end}),
    }
    template = "caseload/timeline.html#panel" if request.htmx else "caseload/timeline.html"
    return render(request, template, context, status=status)


@coach_required
@require_POST
def add_note(request: HttpRequest, runner_id: int) -> HttpResponse:
    """Keep a private note about the runner; a refused one comes back with its reason and its text."""
    _known_runner(runner_id)
    coach = current_user(request)
    runner = runner_for_notes(coach, runner_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            caseload_services.add_note(
                actor=coach,
                runner_id=runner.pk,
                body=form.cleaned_data["body"],
                written_on=form.cleaned_data["written_on"],
            )
        except InvalidInput as error:
            form.add_error("written_on" if error.field == "written_on" else "body", error.message)
    if not form.is_valid():
        return _workspace_page(request, runner, form, status=400)
    messages.success(request, "Note kept: only you see it.")
    return redirect(reverse("coaching:runner", args=[runner.pk]) + "#notes")


@coach_required
@require_POST
def edit_note(request: HttpRequest, runner_id: int, note_id: int) -> HttpResponse:
    """Change one's own note (its text and day)."""
    _known_runner(runner_id)
    if note_id > MAX_ID:
        raise NotFound(NO_NOTE)
    form = NoteForm(request.POST)
    if not form.is_valid():
        # The form's first reason, as the field says it ("This field is required.").
        reason = next(iter(form.errors.values()))[0]
        messages.error(request, f"Not changed: {reason}")
    else:
        try:
            caseload_services.edit_note(
                actor=current_user(request),
                runner_id=runner_id,
                note_id=note_id,
                body=form.cleaned_data["body"],
                written_on=form.cleaned_data["written_on"],
            )
        except InvalidInput as error:
            messages.error(request, f"Not changed: {error.message}")
        else:
            messages.success(request, "Note changed.")
    return redirect(reverse("coaching:runner", args=[runner_id]) + "#notes")


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
