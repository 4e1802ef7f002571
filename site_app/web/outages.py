"""When a store the site depends on is down: 503 with Retry-After, never a 500.

A database that does not answer, a database whose schema was never migrated (a deploy
that skipped ``flask --app wsgi db upgrade``) and a rate-limit store (Redis) that does not
answer are outages, not bugs in the code: the request is answered 503 Service
Unavailable with ``Retry-After``, in the page's language or as JSON like every error
(errors.py), and one warning line is logged rather than a traceback per request. Nothing
is kept broken: the next request tries again, so the site recovers by itself once the
store is back (the database pool tests each connection before use: ``pool_pre_ping``).

Any other database error is a bug and stays a 500 with its traceback in the log.
"""

from __future__ import annotations

from flask import Flask, current_app
from flask.typing import ResponseReturnValue
from limits.errors import StorageError
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from werkzeug.exceptions import ServiceUnavailable

from site_app.i18n.translation import N_
from site_app.models.database import engine_with_schema
from site_app.models.migrate import current_revision, head_revision, is_behind
from site_app.web.errors import SaysWhy

# Seconds a client is asked to wait: about what a database restart takes.
RETRY_AFTER = 30


class StoreUnavailable(SaysWhy, ServiceUnavailable):
    title = N_("Temporarily unavailable")
    description = N_(
        "The site cannot reach the data it needs right now. Wait a moment, then try again."
    )


# What the code raises when a store is down; JSON-RPC methods pass them on to the handlers.
OUTAGES: tuple[type[Exception], ...] = (DBAPIError, StorageError)


def register_outage_handlers(app: Flask) -> None:
    app.register_error_handler(DBAPIError, database_error)
    app.register_error_handler(StorageError, rate_limit_store_error)


def database_error(error: DBAPIError) -> ResponseReturnValue:
    """503 when the database is down or not migrated; any other error is re-raised,
    so Flask logs it and answers 500."""
    try:
        current, needed = current_revision(engine_with_schema()), head_revision()
    except SQLAlchemyError:
        current_app.logger.warning(
            "Answered 503: the database does not answer: %s", first_line(error)
        )
        return unavailable()
    if is_behind(current):
        current_app.logger.warning(
            "Answered 503: the database schema is at revision %s, the code needs %s: run "
            "flask --app wsgi db upgrade.",
            current or "base",
            needed,
        )
        return unavailable()
    raise error


def rate_limit_store_error(error: StorageError) -> ResponseReturnValue:
    current_app.logger.warning(
        "Answered 503: the rate-limit store (RATELIMIT_STORAGE_URI) does not answer: %s",
        first_line(error.storage_error),
    )
    return unavailable()


def unavailable() -> ResponseReturnValue:
    """The 503 answer, drawn by the handler Flask picks for it (JSON-RPC's under /api/rpc)."""
    return current_app.handle_http_exception(StoreUnavailable(retry_after=RETRY_AFTER))


def first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
