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
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from footwork.accounts.selectors import coach_of
from footwork.core.api import file_viewer
from footwork.core.errors import InvalidInput, NotFound
from footwork.core.limits import MAX_ID
from footwork.core.mediafiles import media_response
from footwork.core.rules import MESSAGE_DELETE_MINUTES
from footwork.core.views import HtmxRequest, current_user, page_of
from footwork.messaging import selectors, services
from footwork.messaging.forms import MessageForm, ReadForm, new_message_form

# A coach's messages list shows this many threads a page (unread ones first; each page polls itself).
THREAD_LINES = 50


@login_required
def inbox(request: HtmxRequest) -> HttpResponse:
    """A coach's threads (the list refreshes itself); a runner's thread with their coach, or why there is none."""
    user = current_user(request)
    if user.is_coach:
        lines = selectors.threads_of(user)
        shown, links = page_of(request, lines, THREAD_LINES)
        context = {"lines": shown, **links, "unread_total": sum(line.unread for line in lines)}
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
    return _page(request, user_id, new_message_form(), before=_number(request, "before"))


def _known(*ids: int) -> None:
    # A number past any database id names no one, and a lookup by it would fail in the driver.
    if any(number > MAX_ID for number in ids):
        raise NotFound(selectors.NO_THREAD)


def _page(
    request: HtmxRequest, user_id: int, form: MessageForm, status: int = 200, before: int | None = None
) -> HttpResponse:
    page = selectors.thread_page(current_user(request), user_id, before=before)
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
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["attachment"]
        try:
            services.send_message(
                actor=current_user(request),
                to_id=user_id,
                body=form.cleaned_data["body"],
                client_uuid=form.cleaned_data["client_uuid"],
                attachment=upload.read() if upload is not None else None,
            )
        except InvalidInput as error:
            form.add_error("attachment" if error.field == "file" else "body", error.message)
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


@require_safe
def attachment(request: HttpRequest, message_id: int) -> HttpResponseBase:
    """A message's photo or video, for the two people of its thread while they are linked (404 otherwise).

    A session or a personal API token (the API's attachment `url`) says who is asking.
    """
    viewer = file_viewer(request)
    if viewer is None:
        return redirect_to_login(request.get_full_path())
    _known(message_id)
    message = selectors.attachment_of(viewer, message_id)
    return media_response(request, message.attachment_path, message.attachment_type)
