"""Failed sign-ins, counted per client address, with ``limits`` (Flask-Limiter's engine).

Only the sign-in view pays for this. Flask-Limiter's app-wide hooks cost about 100 µs on
every request of the site (measured), to limit this one view. The store is
RATELIMIT_STORAGE_URI: memory:// counts per worker, redis:// shares one count.
"""

from __future__ import annotations

import math
import time

from flask import Flask, current_app
from limits import parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

# Failed sign-ins one address may make: enough for typing mistakes, too few to guess.
SIGN_IN_LIMITS = parse_many("5 per minute; 20 per hour")
NAMESPACE = "site_app:failed-sign-ins"


def register_sign_in_limits(app: Flask) -> None:
    storage = storage_from_string(app.config["RATELIMIT_STORAGE_URI"])
    app.extensions["sign_in_limits"] = MovingWindowRateLimiter(storage)


def seconds_until_allowed(address: str) -> int | None:
    """How long ``address`` must wait before trying again; None if it may try now."""
    limiter: MovingWindowRateLimiter = current_app.extensions["sign_in_limits"]
    waits = [
        limiter.get_window_stats(limit, NAMESPACE, address).reset_time - time.time()
        for limit in SIGN_IN_LIMITS
        if not limiter.test(limit, NAMESPACE, address)
    ]
    return max(1, math.ceil(max(waits))) if waits else None


def count_failed_sign_in(address: str) -> None:
    limiter: MovingWindowRateLimiter = current_app.extensions["sign_in_limits"]
    for limit in SIGN_IN_LIMITS:
        limiter.hit(limit, NAMESPACE, address)
