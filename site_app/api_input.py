"""Reading and checking JSON input for the API: every problem is a 4xx naming the field.

Nothing a client sends may produce a 500: bodies that are not JSON, JSON that is not an
object, booleans posing as numbers, NaN and Infinity (which Python's JSON parser
accepts), unknown fields.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from flask import request
from werkzeug.exceptions import BadRequest


class InvalidInput(Exception):
    """A request the API refuses: its status, what is wrong, and which field, if one."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field


def json_object() -> dict[str, Any]:
    if not request.is_json:
        raise InvalidInput(415, "Send the body as JSON, with Content-Type: application/json.")
    try:
        body = request.get_json()
    except BadRequest:
        raise InvalidInput(400, "The body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise InvalidInput(400, "The body must be a JSON object.")
    return body


def only_fields(body: dict[str, Any], allowed: set[str]) -> None:
    for name in body:
        if name not in allowed:
            raise InvalidInput(400, f"Unknown field: {name!r}.", name)


# Text fields hold one line of text: no control characters (Unicode category Cc: NUL,
# which PostgreSQL cannot store, tabs, line breaks, ...), and something besides spaces.
CONTROL_CHARACTERS = r"\x00-\x1f\x7f-\x9f"
# The other characters str.strip() removes (str.isspace), written out.
SPACES = r" \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# The same rule as one regex, which Python and JavaScript read alike, for the OpenAPI
# document: clients that check with it agree with the server on every character.
TEXT_PATTERN = f"^[^{CONTROL_CHARACTERS}]*[^{CONTROL_CHARACTERS}{SPACES}][^{CONTROL_CHARACTERS}]*$"


def text_field(body: dict[str, Any], name: str, max_length: int) -> str:
    """One line of text besides spaces (see TEXT_PATTERN), without its outer spaces."""
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(400, f"{name} must be a non-empty string.", name)
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise InvalidInput(400, f"{name} must be one line, without control characters.", name)
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
    return float(value)
