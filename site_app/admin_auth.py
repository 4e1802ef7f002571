"""Who the admin is, and the session that says the admin signed in.

Credentials come from settings (ADMIN_USERNAME, ADMIN_PASSWORD_HASH), never from code.
The session holds a fingerprint of the password hash, so setting a new password signs
every admin session out.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import current_app, redirect, request, session, url_for
from werkzeug.security import check_password_hash

SESSION_KEY = "admin"


def sign_in_enabled() -> bool:
    return bool(current_app.config["ADMIN_PASSWORD_HASH"])


def credentials_match(username: str, password: str) -> bool:
    """True for the admin's user name and password, in the same time whatever is wrong."""
    stored_hash = current_app.config["ADMIN_PASSWORD_HASH"]
    if not stored_hash:
        return False
    # The password is checked even when the name is wrong, so the answer takes as long
    # either way and its timing tells nothing about which names exist.
    password_matches = check_password_hash(stored_hash, password)
    name_matches = hmac.compare_digest(
        username.encode(), current_app.config["ADMIN_USERNAME"].encode()
    )
    return name_matches and password_matches


def credentials_fingerprint() -> str:
    return hashlib.sha256(current_app.config["ADMIN_PASSWORD_HASH"].encode()).hexdigest()


def sign_in_admin() -> None:
    # A new session: nothing from before sign-in (a CSRF token, say) carries over.
    session.clear()
    session.permanent = True  # ends after PERMANENT_SESSION_LIFETIME
    session[SESSION_KEY] = credentials_fingerprint()


def sign_out() -> None:
    session.clear()


def admin_signed_in() -> bool:
    signed = session.get(SESSION_KEY)
    return (
        isinstance(signed, str)
        and sign_in_enabled()
        and hmac.compare_digest(signed, credentials_fingerprint())
    )


def admin_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Send visitors who are not the signed-in admin to sign in, then back here."""

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if not admin_signed_in():
            here = request.full_path if request.query_string else request.path
            return redirect(url_for("account.login", next=here))
        return view(*args, **kwargs)

    return guarded
