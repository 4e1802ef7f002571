"""What the running app is made of, for the about and admin pages."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit

from flask import current_app

from site_app.i18n.translation import gettext


def site_version() -> str:
    try:
        return version("site_app")
    except PackageNotFoundError:  # pragma: no cover - run from a copy that was not installed
        return "unknown"


def safety_settings() -> list[tuple[str, str]]:
    """The settings that matter for safety, as an operator wants to see them.

    Secrets are shown only as set or unset; a storage URL only by its kind, since it
    may carry a password. Setting names stay as they are written; the rest is in the
    page's language.
    """
    config = current_app.config
    hosts = config["TRUSTED_HOSTS"]
    on, off, is_set, unset = gettext("on"), gettext("off"), gettext("set"), gettext("unset")
    return [
        ("APP_ENV", config["APP_ENV"]),
        (gettext("Debug mode"), on if current_app.debug else off),
        ("SECRET_KEY", is_set if config["SECRET_KEY"] else unset),
        ("ADMIN_USERNAME", config["ADMIN_USERNAME"]),
        ("ADMIN_PASSWORD_HASH", is_set if config["ADMIN_PASSWORD_HASH"] else unset),
        ("TRUSTED_HOSTS", ", ".join(hosts) if hosts else gettext("unset: any host is served")),
        ("PROXY_COUNT", str(config["PROXY_COUNT"])),
        ("TRUSTED_PROXIES", ", ".join(config["TRUSTED_PROXIES"])),
        (gettext("Session cookie"), cookie_flags()),
        (gettext("Admin session lifetime"), str(config["PERMANENT_SESSION_LIFETIME"])),
        (
            "Strict-Transport-Security",
            gettext("%(seconds)d s", seconds=config["HSTS_SECONDS"])
            if config["HSTS_SECONDS"]
            else off,
        ),
        (gettext("Sign-in attempts counted in"), urlsplit(config["RATELIMIT_STORAGE_URI"]).scheme),
        (
            "MAX_CONTENT_LENGTH",
            gettext("%(bytes)d bytes", bytes=config["MAX_CONTENT_LENGTH"]),
        ),
    ]


def cookie_flags() -> str:
    config = current_app.config
    flags = [
        "HttpOnly" if config["SESSION_COOKIE_HTTPONLY"] else None,
        "Secure" if config["SESSION_COOKIE_SECURE"] else None,
        f"SameSite={config['SESSION_COOKIE_SAMESITE']}",
    ]
    return ", ".join(flag for flag in flags if flag)
