"""Characters the site treats specially in text a client sends, as code point ranges.

One list each, so the API's input checks, the regex the OpenAPI document publishes and
the log's escaping all mean the same characters.
"""

from __future__ import annotations

CodePointRanges = tuple[tuple[int, int], ...]

# Unicode category Cc: C0 controls (NUL, tab, line feed, carriage return, escape, ...),
# DEL and the C1 controls (NEL among them).
CONTROL: CodePointRanges = ((0x00, 0x1F), (0x7F, 0x9F))

# Line and paragraph separators (categories Zl and Zp): they end a line as "\n" does.
LINE_SEPARATORS: CodePointRanges = ((0x2028, 0x2029),)

# Direction controls: they reorder how the text around them is shown, so what a reader
# sees is not what is stored (the "Trojan Source" trick).
DIRECTION_CONTROLS: CodePointRanges = (
    (0x061C, 0x061C),
    (0x200E, 0x200F),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
)

# Unicode category Cf (format characters) in the Basic Multilingual Plane, as of Unicode 14
# (Python 3.11): zero width spaces and joiners, the byte order mark. Allowed inside text,
# but they show nothing on their own. Only this plane: a regex written for both Python
# and JavaScript (without its u flag) cannot name characters beyond it.
FORMAT: CodePointRanges = (
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
)

# Letters that are drawn as blank space: the Hangul fillers and the blank Braille pattern.
BLANK_LETTERS: CodePointRanges = (
    (0x115F, 0x1160),
    (0x2800, 0x2800),
    (0x3164, 0x3164),
    (0xFFA0, 0xFFA0),
)

# What str.isspace() (and so str.strip()) calls white space, besides control characters.
SPACES: CodePointRanges = (
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
)


def code_points(*ranges: CodePointRanges) -> frozenset[int]:
    return frozenset(
        code for group in ranges for first, last in group for code in range(first, last + 1)
    )


def regex_class_body(*ranges: CodePointRanges) -> str:
    r"""The inside of a regex character class, such as ``\x00-\x1f\u2028``.

    Written with escapes only, so Python's and JavaScript's regex engines read it alike
    (every range here lies in the Basic Multilingual Plane).
    """

    def escape(code: int) -> str:
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"

    return "".join(
        escape(first) if first == last else f"{escape(first)}-{escape(last)}"
        for group in ranges
        for first, last in group
    )
