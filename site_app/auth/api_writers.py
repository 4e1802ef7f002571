"""Who may write through the API: clients with a token, each within API_WRITE_LIMIT.

Tokens are made with ``flask --app wsgi api-token create NAME`` (site_app/cli) and sent
as ``Authorization: Bearer <token>`` (RFC 6750). Reads stay public. Without a valid
token a write gets 401 with ``WWW-Authenticate: Bearer`` before its body is read, so
nothing of it is stored.
"""

from __future__ import annotations

from flask import request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized

from site_app.auth.rate_limits import API_WRITES, count_write
from site_app.models.api_tokens import name_of_token
from site_app.web.errors import SaysWhy

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
REALM = "site_app API"

ASK_FOR_CREDENTIALS = (
    "Writing through the API needs a token: send it as Authorization: Bearer <token>. "
    "The site's operator makes one with flask --app wsgi api-token create NAME."
)
CREDENTIALS_NOT_VALID = "This token is not valid: it may have been mistyped or revoked."


class TokenRequired(SaysWhy, Unauthorized):
    def __init__(self, description: str, *, invalid: bool) -> None:
        # RFC 6750 section 3.1: no error code when no credentials came at all.
        parameters: dict[str, str | None] = {"realm": REALM}
        if invalid:
            parameters["error"] = "invalid_token"
        super().__init__(description, www_authenticate=WWWAuthenticate("bearer", parameters))


def require_writer(writes: int = 1) -> str:
    """The name of the token this request carries, counting ``writes`` against its
    limit; TokenRequired (401) or TooManyWrites (429) when it may not write."""
    credentials = request.authorization
    if credentials is None or credentials.type != "bearer" or not credentials.token:
        raise TokenRequired(ASK_FOR_CREDENTIALS, invalid=False)
    name = name_of_token(credentials.token)
    if name is None:
        raise TokenRequired(CREDENTIALS_NOT_VALID, invalid=True)
    count_write("API_WRITE_LIMIT", API_WRITES, name, cost=writes)
    return name
