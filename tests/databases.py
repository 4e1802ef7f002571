"""Throwaway databases for tests: every app a test makes gets its own."""

from __future__ import annotations

from pathlib import Path


def sqlite_url(folder: Path) -> str:
    """An SQLite database file in ``folder``, made on the app's first use."""
    return f"sqlite:///{folder / 'site_app.sqlite3'}"
