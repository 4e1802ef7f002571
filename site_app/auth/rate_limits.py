"""The site's rate limits, on ``limits`` (Flask-Limiter's engine) in RATELIMIT_STORAGE_URI.

Two kinds are counted, each under namespaces of its own:

* failed sign-ins, per client address and per account. Per address: one address
  guessing is stopped without locking the admin out anywhere else. Per account: guesses
  sprayed from many addresses at one user name are stopped too (while that lasts, the
  account waits as well: the price of a limit that holds);
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
from site_app.web.errors import SaysWhy

# Failed sign-ins one address may make: enough for typing mistakes, too few to guess.
ADDRESS_LIMITS = parse_many("5 per minute; 20 per hour")
# Failed sign-ins at one user name, from all addresses together.
ACCOUNT_LIMITS = parse_many("10 per minute; 50 per hour")
ADDRESS_NAMESPACE = "site_app:failed-sign-ins:address"
ACCOUNT_NAMESPACE = "site_app:failed-sign-ins:account"
API_WRITES = "site_app:writes:api-token"
PREDICT_FORM = "site_app:writes:predict-form"


def register_rate_limiter(app: Flask) -> None:
    storage = storage_from_string(app.config["RATELIMIT_STORAGE_URI"])
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


def seconds_until_allowed(address: str, username: str) -> int | None:
    """How long a sign-in from ``address`` as ``username`` must wait; None if it may try."""
    limiter = rate_limiter()
    waits = [
        seconds_until_reset(limit, namespace, key)
        for limits, namespace, key in counted_keys(address, username)
        for limit in limits
        if not limiter.test(limit, namespace, key)
    ]
    return max(waits) if waits else None


def count_failed_sign_in(address: str, username: str) -> None:
    limiter = rate_limiter()
    for limits, namespace, key in counted_keys(address, username):
        for limit in limits:
            limiter.hit(limit, namespace, key)


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
    (nothing counted) when they would go past one."""
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
