from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from footwork.accounts import services
from footwork.accounts.forms import (
    CoachProfileForm,
    PainfulAreasForm,
    RunnerProfileForm,
    SignUpForm,
    TokenForm,
)
from footwork.accounts.models import User
from footwork.coaching.forms import JoinForm
from footwork.coaching.selectors import open_invitation
from footwork.coaching.services import accept_invitation
from footwork.core.errors import FootworkError, InvalidInput
from footwork.core.views import INVITATION_KEY, current_user
from footwork.season.views import feed_context


def _safe_next(request: HttpRequest) -> str:
    """The page to go on to after signing up (`next`), when it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""


def _accept_kept_invitation(request: HttpRequest, user: User) -> bool:
    """Accept the invitation link the new runner opened before signing up (kept in the session by coaching.join)."""
    code = request.session.pop(INVITATION_KEY, None)
    if not code or not user.is_runner:
        return False
    try:
        invitation = accept_invitation(actor=user, code=code)
    except FootworkError as error:
        messages.error(
            request, f"Your account is ready, but the invitation could not be accepted: {error.message}"
        )
        return False
    messages.success(request, f"You are now coached by {invitation.coach.display_name}.")
    return True


def sign_up(request: HttpRequest) -> HttpResponse:
    """Ask for an account; the answer never says whether the address already has one (a mail goes to it)."""
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_sign_up(
                **form.cleaned_data, absolute=request.build_absolute_uri, next_url=_safe_next(request)
            )
        except InvalidInput as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return render(request, "accounts/signup_sent.html", {"email": form.cleaned_data["email"]})
    code = request.session.get(INVITATION_KEY)
    context = {
        "form": form,
        "next": _safe_next(request),
        "invitation": open_invitation(code) if code else None,
    }
    return render(request, "accounts/signup.html", context, status=400 if form.errors else 200)


def confirm_sign_up(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link mailed at sign-up: the account opens, signs in, and takes up a kept invitation."""
    user = services.confirm_sign_up(uidb64=uidb64, token=token)
    login(request, user, backend="footwork.accounts.backends.AccountBackend")
    linked = _accept_kept_invitation(request, user)
    messages.success(request, "Welcome to Footwork. Tell us a little about yourself.")
    target = _safe_next(request)
    # The invitation page has done its work once the link is made: the profile comes next.
    return redirect(target if target and not linked else "accounts:profile")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return account_page(request)


def account_page(
    request: HttpRequest, *, token_form: TokenForm | None = None, join_form: JoinForm | None = None
) -> HttpResponse:
    """The account page; a refused token name or invitation code comes back in its form, beside its field (400)."""
    user = current_user(request)
    context = {
        "tokens": user.api_tokens.all(),
        "token_form": token_form or TokenForm(),
        "join_form": join_form or JoinForm(),
        "new_token": request.session.pop("new_token", None),
        **feed_context(request, user),
    }
    refused = any(form is not None and form.errors for form in (token_form, join_form))
    return render(request, "accounts/account.html", context, status=400 if refused else 200)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """Edit one's own profile; the forms only validate, the service saves."""
    user = current_user(request)
    data = request.POST or None
    form: RunnerProfileForm | CoachProfileForm
    areas_form = None
    if user.is_coach:
        form = CoachProfileForm(data, instance=user.coach_profile)
    else:
        form = RunnerProfileForm(data, instance=user.runner_profile)
        areas_form = PainfulAreasForm(data, sites=user.runner_profile.pain_sites)
    # Both forms are checked, so every refused answer shows its message at once.
    valid = [item.is_valid() for item in (form, areas_form) if item is not None]
    if request.method == "POST" and all(valid):
        changes = form.changes()
        if areas_form is not None:
            changes["painful_areas"] = areas_form.cleaned_data["painful_areas"]
        update = services.update_coach_profile if user.is_coach else services.update_runner_profile
        try:
            update(actor=user, changes=changes)
        except InvalidInput as error:
            target = areas_form if areas_form is not None and error.field == "painful_areas" else form
            target.add_error(error.field if error.field in target.fields else None, error.message)
        else:
            messages.success(request, "Profile saved.")
            return redirect("accounts:account")
    return render(request, "accounts/profile.html", {"form": form, "areas_form": areas_form})


@login_required
@require_POST
def create_token(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return account_page(request, token_form=form)
    _token, raw = services.create_api_token(actor=current_user(request), name=form.cleaned_data["name"])
    # Shown once on the next page, then gone: only the digest is stored.
    request.session["new_token"] = raw
    return redirect("accounts:account")


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = services.revoke_api_token(actor=current_user(request), token_id=token_id)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("accounts:account")
