"""The site's rate limits, on ``limits`` (Flask-Limiter's engine) in RATELIMIT_STORAGE_URI.

Two kinds are counted, each under namespaces of its own:

* sign-in attempts, per client address and per account, each counted before its
  password is checked, so no number of parallel attempts gets more checks than the
  limit allows. Per address: one address guessing is stopped without locking the admin
  out anywhere else; a successful sign-in starts its address's count again. Per account:
  guesses sprayed from many addresses at one user name are slowed, never shut out (the
  OWASP advice): the account takes at most ten attempts a minute, so during a spray the
  admin waits at most a minute, never hours;
* writes: API writes per token (API_WRITE_LIMIT) and the Predict form per client address
  (PREDICT_FORM_LIMIT). Past a limit: 429 with Retry-After (JSON under /api/, the error
  page for the form) and a warning in the log.

Only the views that count pay for it, rather than every request through Flask-Limiter's
app-wide hooks. memory:// counts in each worker process; redis:// shares one count
between workers and instances (production with several workers refuses memory:// while
sign-in is on: settings/checks.py).
"""

from __future__ import annotations

import math
import time
from functools import cache

from flask import Flask, current_app
from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

from site_app.i18n.translation import N_
from site_app.settings.reader import OFF
from site_app.web.errors import SaysWhy

# Sign-in attempts one address may make: enough for typing mistakes, too few to guess.
ADDRESS_LIMITS = parse_many("5 per minute; 20 per hour")
# Attempts at one user name from all addresses together: a pace, with no longer window
# that would lock the admin out for hours.
ACCOUNT_LIMITS = parse_many("10 per minute")
ADDRESS_NAMESPACE = "site_app:sign-ins:address"
ACCOUNT_NAMESPACE = "site_app:sign-ins:account"
API_WRITES = "site_app:writes:api-token"
PREDICT_FORM = "site_app:writes:predict-form"


def register_rate_limiter(app: Flask) -> None:
    uri = app.config["RATELIMIT_STORAGE_URI"]
    # A store that is down raises limits' StorageError, which web/outages.py answers
    # with a 503; a Redis that does not answer within a second counts as down.
    options = {"socket_timeout": 1, "socket_connect_timeout": 1} if uri.startswith("redis") else {}
    storage = storage_from_string(uri, wrap_exceptions=True, **options)
    app.extensions["rate_limiter"] = MovingWindowRateLimiter(storage)


def rate_limiter() -> MovingWindowRateLimiter:
    limiter: MovingWindowRateLimiter = current_app.extensions["rate_limiter"]
    return limiter


def seconds_until_reset(limit: RateLimitItem, namespace: str, key: str) -> int:
    """Whole seconds (at least 1) until ``limit`` lets ``key`` through again."""
    reset_time = rate_limiter().get_window_stats(limit, namespace, key).reset_time
    return max(1, math.ceil(reset_time - time.time()))


def counted_keys(address: str, username: str) -> list[tuple[list[RateLimitItem], str, str]]:
    # User names differ only in case count as one: "Admin" guesses count for "admin".
    account = username.strip().casefold()
    return [
        (ADDRESS_LIMITS, ADDRESS_NAMESPACE, address),
        (ACCOUNT_LIMITS, ACCOUNT_NAMESPACE, account),
    ]


def admit_sign_in(address: str, username: str) -> int | None:
    """Count a sign-in attempt; None if its password may be checked, else the seconds to
    wait. Each count is one atomic step in the store (``hit`` counts only while under the
    limit), so parallel attempts can never go past a limit; the account is counted only
    for an address still under its own limits."""
    limiter = rate_limiter()
    for limits, namespace, key in counted_keys(address, username):
        for limit in limits:
            if not limiter.hit(limit, namespace, key):
                return seconds_until_reset(limit, namespace, key)
    return None


def forget_attempts_from(address: str) -> None:
    """After a successful sign-in: the address's mistakes are behind it (the account's
    pace still counts them)."""
    limiter = rate_limiter()
    for limit in ADDRESS_LIMITS:
        limiter.clear(limit, ADDRESS_NAMESPACE, address)


class TooManyWrites(SaysWhy, TooManyRequests):
    description = N_(
        "Too many writes in a short time. Wait the number of seconds in the Retry-After "
        "header, then send again."
    )


@cache
def limits_from(text: str) -> list[RateLimitItem]:
    # The setting was checked at start-up (settings/reader.py), so it parses.
    return parse_many(text)


def count_write(setting: str, namespace: str, key: str, *, cost: int = 1) -> None:
    """Count ``cost`` writes by ``key`` against the limits in ``setting``; TooManyWrites
    (nothing counted) when they would go past one. Nothing is counted when the setting
    is ``off``."""
    if current_app.config[setting] == OFF:
        return
    limiter = rate_limiter()
    limits = limits_from(current_app.config[setting])
    full = [limit for limit in limits if not limiter.test(limit, namespace, key, cost=cost)]
    if full:
        wait = max(seconds_until_reset(limit, namespace, key) for limit in full)
        current_app.logger.warning(
            "Write refused for %ss: %s reached (%s %s)", wait, setting, namespace, key
        )
        raise TooManyWrites(retry_after=wait)
    for limit in limits:
        limiter.hit(limit, namespace, key, cost=cost)
