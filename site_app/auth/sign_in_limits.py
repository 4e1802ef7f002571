"""Failed sign-ins, counted with ``limits`` (Flask-Limiter's engine): per client address
and per account.

Per address: one address guessing is stopped without locking the admin out anywhere
else. Per account: guesses sprayed from many addresses at one user name are stopped
too (while that lasts, the account waits as well: the price of a limit that holds).

Counted in the site's rate limiter (rate_limits.py); production with several workers
refuses to start on memory:// while sign-in is on (settings/checks.py).
"""

from __future__ import annotations

from limits import RateLimitItem, parse_many

from site_app.auth.rate_limits import rate_limiter, seconds_until_reset

# Failed sign-ins one address may make: enough for typing mistakes, too few to guess.
ADDRESS_LIMITS = parse_many("5 per minute; 20 per hour")
# Failed sign-ins at one user name, from all addresses together.
ACCOUNT_LIMITS = parse_many("10 per minute; 50 per hour")
ADDRESS_NAMESPACE = "site_app:failed-sign-ins:address"
ACCOUNT_NAMESPACE = "site_app:failed-sign-ins:account"


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
