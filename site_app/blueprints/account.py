"""Account: the admin signs in and out.

Sign-in is a CSRF-protected form (Flask-WTF). Failed attempts from one address are
limited (Flask-Limiter); a successful one is not counted.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired, Length

from ..admin_auth import (
    admin_signed_in,
    credentials_match,
    sign_in_admin,
    sign_in_enabled,
    sign_out,
)
from ..extensions import limiter
from ..safe_next import safe_next_path

bp = Blueprint("account", __name__)

# Failed sign-ins one address may make: enough for typing mistakes, too few to guess.
SIGN_IN_LIMITS = "5 per minute; 20 per hour"
WRONG_CREDENTIALS = "That user name and password do not match."


class SignInForm(FlaskForm):
    username = StringField(
        "User name", validators=[InputRequired("Enter your user name."), Length(max=100)]
    )
    password = PasswordField(
        "Password", validators=[InputRequired("Enter your password."), Length(max=1000)]
    )


def failed_sign_in(response: Response) -> bool:
    return response.status_code != 302


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(SIGN_IN_LIMITS, methods=["POST"], deduct_when=failed_sign_in)
def login() -> Response | tuple[str, int]:
    next_path = safe_next_path(request.args.get("next"))
    if not sign_in_enabled():
        status = 403 if request.method == "POST" else 200
        return render_template("account/login.html", form=None, next_path=next_path), status
    if request.method == "GET" and admin_signed_in():
        return redirect(next_path or url_for("users.admin"))

    form = SignInForm()
    if form.validate_on_submit():
        if credentials_match(form.username.data, form.password.data):
            sign_in_admin()
            return redirect(next_path or url_for("users.admin"))
        form.password.errors.append(WRONG_CREDENTIALS)
    status = 422 if form.errors else 200
    return render_template("account/login.html", form=form, next_path=next_path), status


@bp.post("/logout")
def logout() -> Response:
    # POST only, with the CSRF token: no link or image elsewhere can sign the admin out.
    sign_out()
    return redirect(url_for("pages.index"))
