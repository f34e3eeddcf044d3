"""Email settings (/account/notifications/) and the unsubscribe link of every mail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from footwork.core.views import current_user
from footwork.notifications import selectors, services
from footwork.notifications.domain import kinds_for
from footwork.notifications.forms import SettingsForm


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    """Which emails the person gets: a GET shows the settings (writing nothing), a POST saves them."""
    user = current_user(request)
    kinds = kinds_for(user.is_coach)
    if request.method == "POST":
        form = SettingsForm(request.POST, kinds=kinds)
        if form.is_valid():
            services.update_settings(actor=user, changes=form.cleaned_data)
            messages.success(request, "Your email settings are saved.")
            return redirect("notifications:settings")
    else:
        form = SettingsForm(initial=selectors.settings_document(user), kinds=kinds)
    return render(request, "notifications/settings.html", {"form": form})


# The signed token in the address is the credential: a mail client's one-click unsubscribe (RFC 8058) POSTs to this
# link without a session or a CSRF cookie, and all a forged POST could do is turn off one kind of the token owner's
# mail, which the owner asked for by clicking. Every other POST of the site keeps its CSRF check.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: what the link turns off, with a button (a GET writes nothing); POST: turn it off. A bad link is a 400."""
    if request.method == "POST":
        user, kind = services.unsubscribe(token=token)
        return render(request, "notifications/unsubscribed.html", {"person": user, "kind": kind})
    found = selectors.unsubscribe_of(token)
    return render(
        request, "notifications/unsubscribe.html", {"person": found.user, "kind": found.kind, "token": token}
    )
