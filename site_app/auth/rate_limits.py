"""The site's one rate limiter: ``limits`` (Flask-Limiter's engine) on RATELIMIT_STORAGE_URI.

Failed sign-ins (sign_in_limits.py) and writes (write_limits.py) are counted in it, each
under a namespace of its own. Only the views that count pay for it: Flask-Limiter's
app-wide hooks cost about 100 µs on every request of the site (measured). memory://
counts in each worker process; redis:// shares one count between workers and instances.
"""

from __future__ import annotations

import math
import time

from flask import Flask, current_app
from limits import RateLimitItem
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter


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
