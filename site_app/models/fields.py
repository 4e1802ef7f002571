"""Checking the fields of input before it is stored: every problem names the field.

REST and JSON-RPC share these checks, so both refuse the same things: booleans posing as
numbers, NaN and Infinity (which Python's JSON parser accepts), unknown fields, text no
database can store.
"""

from __future__ import annotations

from typing import Any

from site_app.web.characters import (
    BLANK_LETTERS,
    CONTROL,
    DIRECTION_CONTROLS,
    FORMAT,
    LINE_SEPARATORS,
    SPACES,
    code_points,
    regex_class_body,
)


class InvalidInput(Exception):
    """A request the API refuses: its status, what is wrong, and which field, if one."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field


def only_fields(body: dict[str, Any], allowed: set[str]) -> None:
    for name in body:
        if name not in allowed:
            raise InvalidInput(400, f"Unknown field: {name!r}.", name)


# Text fields hold one line of text a reader can see. Refused anywhere in it: control
# characters (NUL, which PostgreSQL cannot store, tabs, line breaks, ...), line and
# paragraph separators, and direction controls (which make the shown text differ from the
# stored one). Besides those, it needs one character that is not white space (what
# str.strip() removes) and not invisible (format characters, blank letters).
REFUSED = (CONTROL, LINE_SEPARATORS, DIRECTION_CONTROLS)
NOT_VISIBLE = (*REFUSED, SPACES, FORMAT, BLANK_LETTERS)
REFUSED_CODE_POINTS = code_points(*REFUSED)
NOT_VISIBLE_CODE_POINTS = code_points(*NOT_VISIBLE)
# The same rule as one regex, which Python and JavaScript read alike, for the OpenAPI
# document: clients that check with it agree with the server on every character.
_REFUSED_CLASS = regex_class_body(*REFUSED)
TEXT_PATTERN = f"^[^{_REFUSED_CLASS}]*[^{regex_class_body(*NOT_VISIBLE)}][^{_REFUSED_CLASS}]*$"


def text_problem(value: str) -> str | None:
    """What is wrong with ``value`` as one visible line of text (see TEXT_PATTERN)."""
    code_points_used = {ord(character) for character in value}
    # A JSON string can hold half of a surrogate pair (\ud800), which is no character
    # at all: no database driver can store it.
    if any(0xD800 <= code <= 0xDFFF for code in code_points_used):
        return "must be valid Unicode text (it holds a lone surrogate)."
    if code_points_used & REFUSED_CODE_POINTS:
        return "must be one line, without control, line-break or direction characters."
    if code_points_used <= NOT_VISIBLE_CODE_POINTS:
        return "must hold at least one visible character."
    return None


def text_field(body: dict[str, Any], name: str, max_length: int) -> str:
    """One line of visible text (see text_problem), without its outer spaces."""
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(400, f"{name} must be a non-empty string.", name)
    if problem := text_problem(value):
        raise InvalidInput(400, f"{name} {problem}", name)
    # The length as sent, as the document's maxLength counts it.
    if len(value) > max_length:
        raise InvalidInput(400, f"{name} must be at most {max_length} characters.", name)
    return value.strip()


def number_field(body: dict[str, Any], name: str, maximum: float) -> float:
    """A finite number from 0 to ``maximum``, as a float (as the database stores it)."""
    value = body.get(name)
    # bool is a subclass of int in Python, but true is no number.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInput(400, f"{name} must be a number.", name)
    # Written as one chained comparison, it refuses NaN (no comparison holds) and
    # infinities, and never converts a huge integer to float (which would overflow).
    if not 0 <= value <= maximum:
        raise InvalidInput(400, f"{name} must be a finite number from 0 to {maximum:g}.", name)
    # Adding 0.0 turns -0.0 into 0.0, which is what the database keeps of it.
    return float(value) + 0.0
