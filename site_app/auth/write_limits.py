"""How often one client may write: API writes per token (API_WRITE_LIMIT) and the
Predict form per client address (PREDICT_FORM_LIMIT).

Counted in the site's rate limiter (rate_limits.py), so with RATELIMIT_STORAGE_URI on
Redis every worker and instance shares one count. Past a limit: 429 with Retry-After
(JSON under /api/, the error page for the form) and a warning in the log.
"""

from __future__ import annotations

from functools import cache

from flask import current_app
from limits import RateLimitItem, parse_many
from werkzeug.exceptions import TooManyRequests

from site_app.auth.rate_limits import rate_limiter, seconds_until_reset
from site_app.i18n.translation import N_
from site_app.web.errors import SaysWhy

API_WRITES = "site_app:writes:api-token"
PREDICT_FORM = "site_app:writes:predict-form"


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
