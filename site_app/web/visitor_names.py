"""A visitor's name: one rule wherever the site takes one.

The users form (``/users?name=``), ``/user/<name>``, ``/guest/<name>`` and
``/hello/<name>`` all trim a name the same way, refuse the same names and send the same
names to the admin page. The form answers a refused name with 422 and the reason; an
address with one is no page of the site, so it gets the site's 404.
"""

from __future__ import annotations

import unicodedata

from flask import abort

from site_app.i18n.translation import gettext

MAX_NAME_LENGTH = 100
# Control and format characters (NUL among them), surrogates, unassigned code points,
# and line or paragraph separators: nothing a name is written with, and nothing a page
# should carry as it is.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def trimmed(name: str) -> str:
    """The name without the white space around it, as every address and form takes it."""
    return name.strip()


def name_problem(name: str) -> str | None:
    """Why the site cannot use the trimmed ``name``, in the visitor's words; None if it can."""
    if not name:
        return gettext("Enter a name to continue.")
    if len(name) > MAX_NAME_LENGTH:
        return gettext("Use at most %(count)d characters.", count=MAX_NAME_LENGTH)
    if any(unicodedata.category(character) in REFUSED_CATEGORIES for character in name):
        return gettext("A name cannot hold control characters.")
    if not any(character.isalnum() for character in name):
        return gettext("A name needs at least one letter or digit.")
    # The name becomes part of the page address, where an empty, "." or ".." segment
    # would be folded away by browsers and land on a different page.
    if any(segment in {"", ".", ".."} for segment in name.split("/")):
        return gettext(
            'A name cannot start or end with "/", contain "//", '
            'or have "." or ".." between slashes.'
        )
    return None


def shown_back(name: str) -> str:
    """``name`` as the form may show it back to the visitor: the refused characters left
    out, so that none (a NUL) ever reaches a page."""
    return "".join(c for c in name if unicodedata.category(c) not in REFUSED_CATEGORIES)


def name_from_address(name: str) -> str:
    """The trimmed ``name`` a page's address holds; the site's 404 if the rule refuses it."""
    name = trimmed(name)
    if name_problem(name) is not None:
        abort(404)
    return name
