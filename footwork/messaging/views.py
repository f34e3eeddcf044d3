"""/messages/: a coach's threads with their runners, a runner's thread with their coach; /messages/<id>/ a thread.

New messages arrive by htmx polling (every 5 s, a fragment of what came after the last id shown), not by a
long-lived connection: the production setup (README, footwork/config/gunicorn.py) runs gunicorn's sync workers, one a
core and one more, and a connection held open per reader would take a whole worker each. A poll is one short request
of a few queries. GET never writes: a thread is marked read by a POST the page sends once its messages are on a
visible screen (static/messaging/thread.js), or by the form's button without scripts.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from footwork.accounts.selectors import coach_of
from footwork.core.errors import InvalidInput, NotFound
from footwork.core.limits import MAX_ID
from footwork.core.rules import MESSAGE_DELETE_MINUTES
from footwork.core.views import HtmxRequest, current_user
from footwork.messaging import selectors, services
from footwork.messaging.forms import MessageForm, ReadForm, new_message_form


@login_required
def inbox(request: HtmxRequest) -> HttpResponse:
    """A coach's threads (the list refreshes itself); a runner's thread with their coach, or why there is none."""
    user = current_user(request)
    if user.is_coach:
        context = {"lines": selectors.threads_of(user), "unread_total": selectors.unread_total(user)}
        template = "messaging/inbox.html#threads" if request.htmx else "messaging/inbox.html"
        return render(request, template, context)
    coach = coach_of(user)
    if coach is None or not coach.is_active:
        return render(request, "messaging/no_coach.html")
    return _page(request, coach.pk, new_message_form())


@login_required
def thread_page(request: HtmxRequest, user_id: int) -> HttpResponse:
    """The thread with one person; GET ?after=ID (htmx) answers only what is new; POST sends a message."""
    _known(user_id)
    if request.method == "POST":
        return _send(request, user_id)
    if request.htmx and "after" in request.GET:
        return _update(request, user_id)
    return _page(request, user_id, new_message_form())


def _known(*ids: int) -> None:
    # A number past any database id names no one, and a lookup by it would fail in the driver.
    if any(number > MAX_ID for number in ids):
        raise NotFound(selectors.NO_THREAD)


def _page(request: HtmxRequest, user_id: int, form: MessageForm, status: int = 200) -> HttpResponse:
    page = selectors.thread_page(current_user(request), user_id)
    context = {
        "page": page,
        "other_id": page.other.pk,
        "form": form,
        "delete_minutes": MESSAGE_DELETE_MINUTES,
    }
    return render(request, "messaging/thread.html", context, status=status)


def _number(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and int(value) <= MAX_ID else None


def _update(request: HtmxRequest, user_id: int) -> HttpResponse:
    user = current_user(request)
    update = selectors.thread_update(
        user, user_id, after=_number(request, "after") or 0, unread_mine=_number(request, "unread_mine")
    )
    context = {"update": update, "other_id": user_id, "unread_total": selectors.unread_total(user)}
    return render(request, "messaging/thread.html#update", context)


def _send(request: HtmxRequest, user_id: int) -> HttpResponse:
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.send_message(
                actor=current_user(request),
                to_id=user_id,
                body=form.cleaned_data["body"],
                client_uuid=form.cleaned_data["client_uuid"],
            )
        except InvalidInput as error:
            form.add_error("body", error.message)
    if not form.is_valid():
        if request.htmx:
            # 200: htmx swaps only successful answers, and the form must come back with its reason and text.
            return render(request, "messaging/thread.html#compose", {"form": form, "other_id": user_id})
        return _page(request, user_id, form, status=400)
    if request.htmx:
        # The poll brings the message into the thread (one way in for every message, so none shows twice).
        response = render(
            request, "messaging/thread.html#compose", {"form": new_message_form(), "other_id": user_id}
        )
        response["HX-Trigger"] = "messages:sent"
        return response
    return redirect("messaging:thread", user_id=user_id)


@login_required
@require_POST
def read(request: HtmxRequest, user_id: int) -> HttpResponse:
    """Mark the other person's messages read, up to the last one the page showed."""
    _known(user_id)
    form = ReadForm(request.POST)
    up_to = form.cleaned_data["up_to"] if form.is_valid() else None
    user = current_user(request)
    services.mark_read(actor=user, with_id=user_id, up_to=up_to)
    if request.htmx:
        context = {"other_id": user_id, "unread_total": selectors.unread_total(user)}
        return render(request, "messaging/thread.html#read", context)
    return redirect("messaging:thread", user_id=user_id)


@login_required
@require_POST
def delete(request: HttpRequest, user_id: int, message_id: int) -> HttpResponse:
    """Its author deletes a message (within MESSAGE_DELETE_MINUTES)."""
    _known(user_id, message_id)
    try:
        services.delete_message(actor=current_user(request), message_id=message_id)
    except InvalidInput as error:
        messages.error(request, error.message)
    return redirect("messaging:thread", user_id=user_id)
