# Types for the part of Flask-Babel the site uses: the package ships none (no py.typed).
from collections.abc import Callable
from contextlib import AbstractContextManager

from babel import Locale
from flask import Flask

class Babel:
    def __init__(
        self,
        app: Flask | None = ...,
        *,
        default_locale: str = ...,
        locale_selector: Callable[[], str | None] | None = ...,
    ) -> None: ...

def gettext(string: str, **variables: object) -> str: ...
def ngettext(singular: str, plural: str, num: int, **variables: object) -> str: ...

# A LazyString, which stands in for a str wherever one is expected (WTForms' labels).
def lazy_gettext(string: str, **variables: object) -> str: ...
def format_decimal(number: float, format: str | None = ...) -> str: ...
def get_locale() -> Locale: ...
def force_locale(locale: str) -> AbstractContextManager[None]: ...
