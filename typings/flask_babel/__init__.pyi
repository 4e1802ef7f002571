# Types for the part of Flask-Babel the site uses: the package ships none (no py.typed).
from collections.abc import Callable
from contextlib import AbstractContextManager

from babel.support import Translations
from flask import Flask

class Babel:
    def __init__(
        self,
        app: Flask | None = ...,
        *,
        default_locale: str = ...,
        locale_selector: Callable[[], str | None] | None = ...,
        configure_jinja: bool = ...,
    ) -> None: ...

def gettext(string: str, **variables: object) -> str: ...
def get_translations() -> Translations: ...
def force_locale(locale: str) -> AbstractContextManager[None]: ...
