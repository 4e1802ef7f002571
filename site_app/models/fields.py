"""What text input may hold, and the error a refused input raises.

The API's models (api/shapes.py) check text fields with text_problem and write the same
rule into the OpenAPI document as TEXT_PATTERN; tests check the two agree on every
character.
"""

from __future__ import annotations

from site_app.models.characters import (
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


LONE_SURROGATE = "must be valid Unicode text (it holds a lone surrogate)."


def text_problem(value: str) -> str | None:
    """What is wrong with ``value`` as one visible line of text (see TEXT_PATTERN)."""
    code_points_used = {ord(character) for character in value}
    # A JSON string can hold half of a surrogate pair (\ud800), which is no character
    # at all: no database driver can store it.
    if any(0xD800 <= code <= 0xDFFF for code in code_points_used):
        return LONE_SURROGATE
    if code_points_used & REFUSED_CODE_POINTS:
        return "must be one line, without control, line-break or direction characters."
    if code_points_used <= NOT_VISIBLE_CODE_POINTS:
        return "must hold at least one visible character."
    return None
