"""Reading settings from the environment and checking them; the classes are in config.py."""

from __future__ import annotations

import click


class ConfigError(click.ClickException, RuntimeError):
    """Settings the app must not start with; each problem names its setting and the fix.

    Both entry points print it without a traceback: the ``flask`` command shows a
    ``ClickException`` as ``Error: <message>``, and gunicorn a ``RuntimeError`` raised
    while loading the app the same way. Each problem gets a line of its own, each line
    starting with ``Error:``, so that a log shows every problem and each line alone says
    what to set.
    """

    def __init__(self, *problems: str) -> None:
        super().__init__("\nError: ".join(problems))
        self.problems = list(problems)
