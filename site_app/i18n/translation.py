"""The site's texts in the page's language, with Flask-Babel as its docs show.

Flask-Babel picks the language (the page's, from its address: languages.py), loads each
language's catalogue (``site_app/translations/<language>/LC_MESSAGES/messages.mo``) and
installs Jinja's i18n extension, so templates write ``_("text")``, ``{% trans %}`` and
``{% pluralize %}``. Code marks its texts with ``gettext``, ``lazy_gettext`` and ``N_``;
pybabel finds them by those names (``make translations``).
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_babel import Babel, force_locale, gettext, lazy_gettext, ngettext

from site_app.i18n.languages import DEFAULT_LANGUAGE, LANGUAGES, page_language

__all__ = ["N_", "gettext", "lazy_gettext", "ngettext", "register_translation", "text_in"]


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue (gettext's usual name, which pybabel looks for);
    it is translated where it is shown.

    For texts defined once at import time (section labels, error titles), before any
    request has a language.
    """
    return message


def register_translation(app: Flask) -> None:
    """Translate every page into its language, from the committed compiled catalogues."""
    check_compiled_catalogues(app)
    Babel(app, locale_selector=page_language, default_locale=DEFAULT_LANGUAGE)
    # {% trans %} blocks are written across lines; the catalogue holds them on one.
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.globals["text_in"] = text_in
    app.jinja_env.globals["N_"] = N_


def text_in(language: str, message: str) -> str:
    """``message`` in ``language``, whatever the page's: for words addressed to a reader
    of another language (the home page's hint that the site speaks theirs)."""
    with force_locale(language):
        return gettext(message)


def check_compiled_catalogues(app: Flask) -> None:
    """Stop start-up, with one line saying what to run, when a language's compiled
    catalogue is missing: its pages would otherwise be served in English."""
    setting = app.config.get("BABEL_TRANSLATION_DIRECTORIES", "translations")
    folders = [Path(app.root_path, folder) for folder in setting.split(";")]
    for language in LANGUAGES.keys() - {DEFAULT_LANGUAGE}:
        compiled = Path(language, "LC_MESSAGES", "messages.mo")
        if not any((folder / compiled).is_file() for folder in folders):
            raise RuntimeError(
                f"The {LANGUAGES[language]} catalogue is not compiled ({folders[0] / compiled} "
                "is missing): run `make translations`, or `pybabel compile -d "
                f"{folders[0]}`."
            )
