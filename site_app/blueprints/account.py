"""Account: the admin signs in and out.

Sign-in is a form no other site can send (web/cross_origin.py), and its page is the same
for every visitor, so the page cache keeps it. Failed attempts are limited per address
and per user name (site_app/rate_limits.py) and logged; a successful one is not
counted. Where the session cookie is Secure (production), a sign-in over plain HTTP is
refused: the password would have crossed the network in the clear.
"""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from werkzeug.exceptions import TooManyRequests
from werkzeug.wrappers import Response
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired, Length

from site_app.auth.admin import (
    admin_signed_in,
    credentials_match,
    sign_in_admin,
    sign_in_enabled,
    sign_out,
)
from site_app.auth.rate_limits import admit_sign_in, forget_attempts_from
from site_app.auth.safe_next import safe_next_path
from site_app.i18n.translation import lazy_gettext
from site_app.middleware.page_cache import same_for_everyone
from site_app.web.errors import HttpsRequired
from site_app.web.forms import SiteForm

bp = Blueprint("account", __name__)

# Labels and messages are translated when a page shows them (lazy_gettext).
WRONG_CREDENTIALS = lazy_gettext("That user name and password do not match.")


class SignInForm(SiteForm):
    MAX_USERNAME_LENGTH = 100
    username = StringField(
        lazy_gettext("User name"),
        validators=[
            InputRequired(lazy_gettext("Enter your user name.")),
            Length(max=MAX_USERNAME_LENGTH),
        ],
    )
    password = PasswordField(
        lazy_gettext("Password"),
        validators=[InputRequired(lazy_gettext("Enter your password.")), Length(max=1000)],
    )


def after_sign_in(next_path: str | None) -> str:
    """Where a signed-in admin goes: ``next`` (a path of this site, as the URL map sees
    it, so under the mount point and language of the page) or the admin page."""
    return request.script_root + next_path if next_path else url_for("users.admin")


@bp.route("/login", methods=["GET", "POST"])
@same_for_everyone(query=True)  # ?next= is part of the page
def login() -> Response | tuple[str, int]:
    next_path = safe_next_path(request.args.get("next"))
    if not sign_in_enabled():
        status = 403 if request.method == "POST" else 200
        return render_template("account/login.html", form=None, next_path=next_path), status
    if request.method == "GET" and admin_signed_in():
        return redirect(after_sign_in(next_path))

    if current_app.config["SESSION_COOKIE_SECURE"] and not request.is_secure:
        if request.method == "POST":
            raise HttpsRequired()
        # Said before a password is typed: the page offers its https:// address instead
        # of a form whose password would cross the network in clear.
        https_address = url_for("account.login", next=next_path, _external=True, _scheme="https")
        page = render_template("account/login.html", form=None, https_address=https_address)
        return page, 200

    # The client's address: behind a trusted proxy (TRUSTED_PROXIES), the real one.
    address = request.remote_addr or "unknown"
    username = request.form.get("username", "")[: SignInForm.MAX_USERNAME_LENGTH]
    if request.method == "POST" and (wait := admit_sign_in(address, username)):
        current_app.logger.warning(
            "Sign-in refused for %ss: too many attempts (user name %r, address %s)",
            wait,
            username,
            address,
        )
        raise TooManyRequests(retry_after=wait)

    form = SignInForm()
    if form.validate_on_submit():
        # Both fields are required, so validation leaves neither empty.
        if credentials_match(form.username.data or "", form.password.data or ""):
            sign_in_admin()
            forget_attempts_from(address)
            current_app.logger.info("Admin signed in from %s", address)
            return redirect(after_sign_in(next_path))
        form.password.errors = [*form.password.errors, WRONG_CREDENTIALS]
    if form.errors:
        current_app.logger.warning("Failed sign-in (user name %r, address %s)", username, address)
    status = 422 if form.errors else 200
    return render_template("account/login.html", form=form, next_path=next_path), status


@bp.post("/logout")
def logout() -> Response:
    # POST only, and only from this site's pages: no link, image or form elsewhere can
    # sign the admin out.
    sign_out()
    return redirect(url_for("pages.index"))
