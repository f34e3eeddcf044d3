from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from footwork.accounts import services
from footwork.accounts.forms import CoachProfileForm, RunnerProfileForm, SignUpForm, TokenForm
from footwork.coaching.forms import JoinForm
from footwork.core.errors import InvalidInput
from footwork.core.views import current_user


def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.sign_up(**form.cleaned_data)
        except InvalidInput as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Welcome to Footwork. Tell us a little about yourself.")
            return redirect("accounts:profile")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    context = {
        "tokens": user.api_tokens.all(),
        "token_form": TokenForm(),
        "join_form": JoinForm(),
        "new_token": request.session.pop("new_token", None),
    }
    return render(request, "accounts/account.html", context)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """Edit one's own profile; the form only validates, the service saves."""
    user = current_user(request)
    form: RunnerProfileForm | CoachProfileForm
    if user.is_coach:
        form = CoachProfileForm(request.POST or None, instance=user.coach_profile)
    else:
        form = RunnerProfileForm(request.POST or None, instance=user.runner_profile)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        update = services.update_coach_profile if user.is_coach else services.update_runner_profile
        try:
            update(actor=user, changes=changes)
        except InvalidInput as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, "Profile saved.")
            return redirect("accounts:account")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_POST
def create_token(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if form.is_valid():
        _token, raw = services.create_api_token(actor=current_user(request), name=form.cleaned_data["name"])
        # Shown once on the next page, then gone: only the digest is stored.
        request.session["new_token"] = raw
    else:
        messages.error(request, "Give the token a name.")
    return redirect("accounts:account")


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = services.revoke_api_token(actor=current_user(request), token_id=token_id)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("accounts:account")
