"""Typed settings from environment variables, every problem collected with its fix.

A hand-written reader rather than a settings library: config.py reads an explicit
mapping (the tests and ``check-config`` pass their own), and each message names the
variable and what to set it to, as start-up errors must.
"""

from __future__ import annotations

import importlib.util
import ipaddress
from collections.abc import Mapping

from limits import parse_many
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from site_app.settings.origins import serialized_origin

HOW_TO_HASH_A_PASSWORD = "flask --app wsgi hash-password"  # noqa: S105 (a command)
# Password hashes Werkzeug makes: "method$salt$hash".
PASSWORD_HASH_METHODS = ("scrypt", "pbkdf2")
# The module a database driver is imported as, where it differs from the driver's name.
DRIVER_MODULES = {"pysqlite": "sqlite3", "mysqldb": "MySQLdb"}
# The value that switches a write limit off.
OFF = "off"


class EnvironmentReader:
    """Reads typed settings from environment variables, collecting every problem."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self.environ = environ
        self.problems: list[str] = []

    def text(self, name: str, default: str) -> str:
        return self.environ.get(name, "").strip() or default

    def optional_text(self, name: str) -> str | None:
        return self.environ.get(name, "").strip() or None

    def items(self, name: str, default: str = "") -> list[str]:
        raw = self.environ.get(name, "").strip() or default
        return [item.strip() for item in raw.split(",") if item.strip()]

    def whole_number(self, name: str, default: int, *, minimum: int) -> int:
        raw = self.environ.get(name, "").strip()
        if not raw:
            return default
        if not raw.isdecimal() or int(raw) < minimum:
            self.problems.append(
                f"{name}={raw!r} is not valid: set {name} to a whole number >= {minimum}."
            )
            return default
        return int(raw)

    def host_names(self, name: str) -> list[str] | None:
        """A comma-separated list of host names (``example.com, .example.org``), or None."""
        hosts = self.items(name)
        for host in hosts:
            if "/" in host or "@" in host:
                self.problems.append(
                    f"{name} holds {host!r}, which is not a host name: list host names only, "
                    "such as example.com,www.example.com (a leading dot allows subdomains)."
                )
        return hosts or None

    def networks(self, name: str, default: str) -> list[str]:
        """A comma-separated list of IP addresses or networks (``10.0.0.0/8``)."""
        networks = []
        for entry in self.items(name, default):
            try:
                networks.append(str(ipaddress.ip_network(entry, strict=False)))
            except ValueError:
                self.problems.append(
                    f"{name} holds {entry!r}, which is not an IP address or network: list "
                    "addresses such as 127.0.0.1,10.0.0.0/8 (the proxies' own addresses)."
                )
        return networks

    def origins(self, name: str) -> list[str]:
        """A comma-separated list of web origins (``https://app.example.com``), each
        written as browsers send it (see ``serialized_origin``)."""
        origins = []
        for text in self.items(name):
            if (origin := serialized_origin(text)) is None:
                self.problems.append(
                    f"{name} holds {text!r}, which is not an origin: list origins such as "
                    "https://app.example.com (scheme and host, a port if any, no path)."
                )
            else:
                origins.append(origin)
        return origins

    def origin(self, name: str) -> str | None:
        """One web origin (``https://example.com``), as browsers write it, or None."""
        text = self.optional_text(name)
        if text is None:
            return None
        if (origin := serialized_origin(text)) is None:
            self.problems.append(
                f"{name}={text!r} is not an origin: set {name} to the site's public "
                "address, such as https://example.com (scheme and host, a port if any, "
                "no path)."
            )
        return origin

    def choice_uri(self, name: str, default: str, allowed: tuple[str, ...]) -> str:
        """A value that starts with one of ``allowed`` (``memory://``, ``redis://...``)."""
        value = self.text(name, default)
        if not value.startswith(allowed):
            self.problems.append(
                f"{name}={value!r} is not valid: set {name} to one of "
                f"{', '.join(allowed)} (a Redis URL such as redis://127.0.0.1:6379/1)."
            )
            return default
        return value

    def rate_limit(self, name: str, default: str) -> str:
        """Limits in the ``limits`` notation (``60/minute``, ``10 per second; 500/hour``),
        or ``off`` for none."""
        value = self.text(name, default)
        if value == OFF:
            return value
        try:
            valid = all(limit.amount >= 1 for limit in parse_many(value))
        except ValueError:
            valid = False
        if not valid:
            self.problems.append(
                f"{name}={value!r} is not a rate limit: set {name} to a count per period, "
                "such as 60/minute or 10/second;500/hour, or to off."
            )
            return default
        return value

    def password_hash(self, name: str, default: str | None) -> str | None:
        value = self.environ.get(name, "").strip() or default
        if value is None:
            return None
        method, *rest = value.split("$")
        if len(rest) != 2 or not method.startswith(PASSWORD_HASH_METHODS):
            self.problems.append(
                f"{name} is not a password hash: make one with {HOW_TO_HASH_A_PASSWORD} "
                "and paste the line it prints into .env."
            )
            return None
        return value

    def database_url(self, name: str) -> str | None:
        """An SQLAlchemy URL whose database and driver this install has, or None (unset).

        ``postgres://`` (what many hosts hand out) and ``postgresql://`` mean PostgreSQL
        through psycopg 3, the driver the lock files install.
        """
        value = self.optional_text(name)
        if value is None:
            return None
        for short in ("postgres://", "postgresql://"):
            if value.startswith(short):
                value = "postgresql+psycopg://" + value.removeprefix(short)
        try:
            dialect = make_url(value).get_dialect()
        except (ArgumentError, NoSuchModuleError):
            self.problems.append(
                f"{name} is not a database URL site_app can use: set it to "
                "sqlite:///path/to/file.sqlite3 or postgresql://user:password@host/name."
            )
            return None
        module = DRIVER_MODULES.get(dialect.driver, dialect.driver)
        if importlib.util.find_spec(module) is None:
            self.problems.append(
                f"{name} needs the {dialect.name} driver {module!r}, which is not installed: "
                f"install it, or use postgresql://... (psycopg 3 is included) or sqlite:///..."
            )
            return None
        return value
