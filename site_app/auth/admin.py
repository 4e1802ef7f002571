"""Who the admin is, and the session that says the admin signed in.

Credentials come from settings (ADMIN_USERNAME, ADMIN_PASSWORD_HASH), never from code.
A signed-in session is kept on the server too (the admin_sessions table): the cookie holds
a random token, the database its hash and an absolute expiry. So signing out ends the
session for every copy of the cookie, a session ends PERMANENT_SESSION_LIFETIME after
sign-in however much it is used, and setting a new password signs every admin out (the
cookie also holds a fingerprint of the password hash).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from typing import Any

from flask import current_app, g, make_response, redirect, request, session, url_for
from sqlalchemy import delete, insert, select
from werkzeug.security import check_password_hash

from site_app.models.api_tokens import token_hash
from site_app.models.database import engine_with_schema
from site_app.models.tables import admin_sessions

FINGERPRINT_KEY = "admin"
TOKEN_KEY = "admin_session"  # noqa: S105 (a session key's name)


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
    now = datetime.now(UTC)
    token = secrets.token_urlsafe(32)
    with engine_with_schema().begin() as connection:
        # Expired sessions go as new ones come, so the table never grows without bound.
        connection.execute(delete(admin_sessions).where(admin_sessions.c.expires_at <= now))
        connection.execute(
            insert(admin_sessions).values(
                token_hash=token_hash(token),
                signed_in_at=now,
                expires_at=now + current_app.permanent_session_lifetime,
            )
        )
    # A new session: nothing put in the cookie before sign-in carries over.
    session.clear()
    session.permanent = True  # the cookie, too, ends after PERMANENT_SESSION_LIFETIME
    session[FINGERPRINT_KEY] = credentials_fingerprint()
    session[TOKEN_KEY] = token


def sign_out() -> None:
    token = session.get(TOKEN_KEY)
    if isinstance(token, str):
        with engine_with_schema().begin() as connection:
            connection.execute(
                delete(admin_sessions).where(admin_sessions.c.token_hash == token_hash(token))
            )
    session.clear()
    g.pop("admin_signed_in", None)


def admin_signed_in() -> bool:
    """Whether this request comes from a live admin session (looked up once a request)."""
    if "admin_signed_in" not in g:
        g.admin_signed_in = session_is_live()
    return bool(g.admin_signed_in)


def session_is_live() -> bool:
    fingerprint, token = session.get(FINGERPRINT_KEY), session.get(TOKEN_KEY)
    if not (isinstance(fingerprint, str) and isinstance(token, str) and sign_in_enabled()):
        return False
    if not hmac.compare_digest(fingerprint, credentials_fingerprint()):
        return False
    query = select(admin_sessions.c.token_hash).where(
        admin_sessions.c.token_hash == token_hash(token),
        admin_sessions.c.expires_at > datetime.now(UTC),
    )
    with engine_with_schema().connect() as connection:
        return connection.execute(query).first() is not None


def admin_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Send visitors who are not the signed-in admin to sign in, then back here.

    The admin's pages are never stored by a browser or a shared cache.
    """

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if not admin_signed_in():
            here = request.full_path if request.query_string else request.path
            return redirect(url_for("account.login", next=here))
        response = make_response(view(*args, **kwargs))
        response.headers["Cache-Control"] = "private, no-store"
        return response

    return guarded
