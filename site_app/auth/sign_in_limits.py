"""Failed sign-ins, counted with ``limits`` (Flask-Limiter's engine): per client address
and per account.

Per address: one address guessing is stopped without locking the admin out anywhere
else. Per account: guesses sprayed from many addresses at one user name are stopped
too (while that lasts, the account waits as well: the price of a limit that holds).

Only the sign-in view pays for this. Flask-Limiter's app-wide hooks cost about 100 µs on
every request of the site (measured), to limit this one view. The store is
RATELIMIT_STORAGE_URI: memory:// counts per worker, redis:// shares one count; production
with several workers refuses to start on memory:// while sign-in is on (config.py).
"""

from __future__ import annotations

import math
import time

from flask import Flask, current_app
from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

# Failed sign-ins one address may make: enough for typing mistakes, too few to guess.
ADDRESS_LIMITS = parse_many("5 per minute; 20 per hour")
# Failed sign-ins at one user name, from all addresses together.
ACCOUNT_LIMITS = parse_many("10 per minute; 50 per hour")
ADDRESS_NAMESPACE = "site_app:failed-sign-ins:address"
ACCOUNT_NAMESPACE = "site_app:failed-sign-ins:account"


def register_sign_in_limits(app: Flask) -> None:
    storage = storage_from_string(app.config["RATELIMIT_STORAGE_URI"])
    app.extensions["sign_in_limits"] = MovingWindowRateLimiter(storage)


def counted_keys(address: str, username: str) -> list[tuple[list[RateLimitItem], str, str]]:
    # User names differ only in case count as one: "Admin" guesses count for "admin".
    account = username.strip().casefold()
    return [
        (ADDRESS_LIMITS, ADDRESS_NAMESPACE, address),
        (ACCOUNT_LIMITS, ACCOUNT_NAMESPACE, account),
    ]


def seconds_until_allowed(address: str, username: str) -> int | None:
    """How long a sign-in from ``address`` as ``username`` must wait; None if it may try."""
    limiter: MovingWindowRateLimiter = current_app.extensions["sign_in_limits"]
    waits = [
        limiter.get_window_stats(limit, namespace, key).reset_time - time.time()
        for limits, namespace, key in counted_keys(address, username)
        for limit in limits
        if not limiter.test(limit, namespace, key)
    ]
    return max(1, math.ceil(max(waits))) if waits else None


def count_failed_sign_in(address: str, username: str) -> None:
    limiter: MovingWindowRateLimiter = current_app.extensions["sign_in_limits"]
    for limits, namespace, key in counted_keys(address, username):
        for limit in limits:
            limiter.hit(limit, namespace, key)
