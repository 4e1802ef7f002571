"""The site's texts in the page's language: Flask-Babel's catalogues, looked up fast.

Flask-Babel picks the language (the page's, languages.py) and loads each language's
catalogue (``site_app/translations/<language>/LC_MESSAGES/messages.mo``, compiled from
the committed ``.po`` by ``make translations``). Its ``gettext`` then finds the
request's locale, domain and catalogue again on every call: 15-20 µs each, and a page
has ten or more (a new /hello/<name> page went from 250 to 470 µs, make bench's
in-process probe). A catalogue never changes under a running process, and Flask-Babel
keeps each one for the process anyway, so the site keeps each language's catalogue in
hand and a text costs about 1 µs. Code marks its texts with ``gettext``,
``lazy_gettext`` and ``N_`` from here; pybabel finds them by those names. Templates'
texts are translated when the templates compile (template_texts.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import flask_babel
from babel.support import Translations
from flask import Flask, current_app, has_request_context
from flask_babel import Babel
from flask_babel.speaklater import LazyString

from site_app.web.languages import DEFAULT_LANGUAGE, LANGUAGES, page_language


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue (gettext's usual name, which pybabel looks for);
    it is translated where it is shown.

    For texts defined once at import time (section labels, error titles), before any
    request has a language.
    """
    return message


def register_translation(app: Flask) -> None:
    """Translate every page into its language, from catalogues compiled at install."""
    check_compiled_catalogues(app)
    # Flask-Babel picks the language and loads catalogues; the templates' texts are the
    # site's own business (template_texts.py).
    Babel(
        app,
        locale_selector=page_language,
        default_locale=DEFAULT_LANGUAGE,
        configure_jinja=False,
    )
    app.extensions["catalogues"] = {}
    app.jinja_env.globals["text_in"] = text_in
    app.jinja_env.globals["N_"] = N_


def catalogue() -> Translations:
    """The page language's catalogue, as Flask-Babel loaded it (once per process)."""
    return catalogue_of(page_language())


def catalogue_of(language: str) -> Translations:
    catalogues: dict[str, Translations] = current_app.extensions["catalogues"]
    if (found := catalogues.get(language)) is None:
        with flask_babel.force_locale(language):
            found = catalogues[language] = flask_babel.get_translations()
    return found


def text_in(language: str, message: str) -> str:
    """``message`` in ``language``, whatever the page's: for words addressed to a reader
    of another language (the home page's hint that the site speaks theirs)."""
    return catalogue_of(language).ugettext(message)


def gettext(message: str, **values: Any) -> str:
    """``message`` in the page's language, with ``%(name)s`` filled from ``values``."""
    if not has_request_context():  # a command: Flask-Babel's default language
        return flask_babel.gettext(message, **values)
    text = catalogue().ugettext(message)
    return text % values if values else text


def lazy_gettext(message: str, **values: Any) -> str:
    """``gettext`` each time the text is used: for form labels and messages made once at
    import and shown on pages in either language. (A LazyString, which stands in for a
    str wherever one is expected, as WTForms' labels and messages are typed.)"""
    lazy: str = LazyString(gettext, message, **values)  # type: ignore[assignment]
    return lazy


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
