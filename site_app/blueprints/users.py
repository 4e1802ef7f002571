"""Users: a name form, and the redirect that sends a name to the admin or guest page."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from site_app.auth.admin import admin_required
from site_app.middleware.page_cache import same_for_everyone
from site_app.web.introspection import safety_settings, site_version
from site_app.web.sections import routes_by_section
from site_app.web.visitor_names import (
    MAX_NAME_LENGTH,
    name_from_address,
    name_problem,
    shown_back,
    trimmed,
)

bp = Blueprint("users", __name__)

# The name the form and /user/<name> send to the admin page; not the admin's sign-in
# name (ADMIN_USERNAME), which only the sign-in form asks for.
ADMIN_PAGE_NAME = "admin"
# The name the page uses to show off /user/<name>.
EXAMPLE_GUEST = "Ada"


def destination_for(name: str) -> str:
    """Where a trimmed, accepted name leads, from the form as from ``/user/<name>``:
    the admin page or the guest page."""
    if name == ADMIN_PAGE_NAME:
        return url_for("users.admin")
    return url_for("users.guest", guest=name)


@bp.get("/users")
@same_for_everyone()
def index() -> Response | str | tuple[str, int]:
    # The form submits with GET: looking up a page changes nothing, and the back
    # button never asks to resend a form.
    if "name" not in request.args:
        return render_name_form(name="", error=None)
    name = trimmed(request.args["name"])
    error = name_problem(name)
    if error:
        return render_name_form(name=shown_back(name), error=error), 422
    return redirect(destination_for(name))


def render_name_form(name: str, error: str | None) -> str:
    return render_template(
        "users/index.html",
        name=name,
        error=error,
        max_name_length=MAX_NAME_LENGTH,
        example_name=EXAMPLE_GUEST,
    )


@bp.get("/user/<path:name>")
def user(name: str) -> Response:
    return redirect(destination_for(name_from_address(name)))


@bp.get("/admin")
@admin_required
def admin() -> str:
    return render_template(
        "users/admin.html",
        version=site_version(),
        safety=safety_settings(),
        routes_by_section=routes_by_section(),
    )


@bp.get("/guest/<path:guest>")
@same_for_everyone()
def guest(guest: str) -> Response | str:
    name = name_from_address(guest)
    if name != guest:  # one address a page: /guest/%20Ada%20 is /guest/Ada
        return redirect(url_for("users.guest", guest=name), code=308)
    return render_template("users/guest.html", guest=name)
