"""Site-wide error pages: one handler, registered once, for every HTTP error.

Browsers get the error inside the site's layout with a way home, in the page's
language; clients that ask for JSON get JSON, in English like the rest of the API.
Unexpected exceptions reach this handler as a 500 after Flask has logged them with
their traceback, which is never shown to the client.
"""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from flask.globals import request_ctx
from werkzeug.exceptions import Forbidden, HTTPException, SecurityError

from site_app.i18n.languages import DEFAULT_LANGUAGE, page_language
from site_app.i18n.translation import N_, gettext

# Plain words for the errors people actually meet. Any other code uses Werkzeug's
# words on English pages, and UNLISTED_ERROR's on pages in another language.
FRIENDLY_TEXT: dict[int, tuple[str, str]] = {
    404: (
        N_("Page not found"),
        N_(
            "There is no page at this address. Check the spelling, or start again from "
            "the home page."
        ),
    ),
    405: (
        N_("Method not allowed"),
        N_("This address exists, but it does not answer that kind of request."),
    ),
    413: (
        N_("Request too large"),
        N_("The request's body is larger than this server accepts (MAX_CONTENT_LENGTH)."),
    ),
    429: (
        N_("Too many attempts"),
        N_(
            "Too many requests came from your address in a short time. Wait a minute, "
            "then try again."
        ),
    ),
    500: (
        N_("Something went wrong"),
        N_(
            "The server hit an error it did not expect. It has been logged; please try "
            "again in a moment."
        ),
    ),
}
UNLISTED_ERROR = (
    N_("The request failed"),
    N_("The server could not answer this request. Go back and try again."),
)


class SaysWhy(HTTPException):
    """An error the site raises with words of its own for this case: its description
    (and its title, if it has one) is shown rather than the usual text for its code."""

    title: str | None = None


class HttpsRequired(SaysWhy, Forbidden):
    """A password or session sent over plain HTTP, where the site needs HTTPS."""

    title = N_("HTTPS needed")

    description = N_(
        "Signing in sends a password, and this server accepts it over HTTPS only. Open "
        "the site through its https:// address (behind a TLS proxy, list the proxy in "
        "TRUSTED_PROXIES and set PROXY_COUNT so the app knows)."
    )


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, render_http_error)


def error_text(error: HTTPException) -> tuple[str, str]:
    """The title and the message a client is shown for ``error``, in English."""
    code = error.code or 500
    title, message = FRIENDLY_TEXT.get(code, (error.name, error.description or error.name))
    if isinstance(error, SaysWhy):
        title, message = error.title or title, error.description or message
    elif isinstance(error, SecurityError):
        # Flask raises it for a Host header outside TRUSTED_HOSTS.
        message = N_("This site does not answer to that host name.")
    return title, message


def kept_headers(error: HTTPException) -> list[tuple[str, str]]:
    """Headers the error needs, such as Allow on a 405; the body sets its own type."""
    return [(key, value) for key, value in error.get_headers() if key != "Content-Type"]


def render_http_error(error: HTTPException) -> tuple[Response | str, int, list[tuple[str, str]]]:
    code = error.code or 500
    title, message = error_text(error)
    headers = kept_headers(error)
    if client_wants_json():
        return jsonify(error=title, message=message, status=code), code, headers
    if request_ctx.url_adapter is None:
        # Refused before routing (an untrusted host): no link can be built for this
        # request, so the layout cannot be drawn. Plain text says it all.
        headers.append(("Content-Type", "text/plain; charset=utf-8"))
        return f"{title}: {message}\n", code, headers
    if page_language() != DEFAULT_LANGUAGE and not has_own_words(error):
        title, message = UNLISTED_ERROR
    title, message = gettext(title), gettext(message)
    page = render_template("errors/error.html", code=code, title=title, message=message)
    return page, code, headers


def has_own_words(error: HTTPException) -> bool:
    """Whether the catalogue holds ``error``'s words: the site's own errors mark theirs
    with ``N_`` (the API's, answered only in JSON, stay English); Werkzeug's are not in
    it."""
    return (error.code or 500) in FRIENDLY_TEXT or isinstance(error, (SaysWhy, SecurityError))


# Everything under this path answers JSON, errors included, whatever the client accepts.
JSON_PATH_PREFIX = "/api/"


def client_wants_json() -> bool:
    """True under /api/, or when the client prefers JSON to HTML."""
    if request.path.startswith(JSON_PATH_PREFIX):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"
