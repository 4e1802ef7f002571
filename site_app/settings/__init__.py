"""Reading settings from the environment and checking them; the classes are in config.py."""

from __future__ import annotations


class ConfigError(RuntimeError):
    """Settings the app must not start with; each problem says what to set.

    A RuntimeError, so gunicorn prints it as one ``Error:`` line when it loads the app.
    """

    def __init__(self, *problems: str) -> None:
        super().__init__(" ".join(problems))
        self.problems = list(problems)
