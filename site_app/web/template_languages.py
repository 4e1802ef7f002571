"""Each template compiled once per language: ``fr:pages/hello.html`` is pages/hello.html
for French pages.

A compiled template can then hold its texts already translated (template_texts.py),
as if it had been written in that language. The page's language, which its address
names (languages.py), picks the compiled template when a view renders one, and
``{% extends %}``, ``{% include %}`` and ``{% import %}`` keep the language of the
template that names them. Outside a request, templates are in the default language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping
from typing import Any

from flask import has_request_context
from flask.templating import Environment as FlaskEnvironment
from jinja2 import BaseLoader, Environment, Template

from site_app.web.languages import DEFAULT_LANGUAGE, LANGUAGES, page_language

# Between a template's language and its name: "fr:pages/hello.html".
SEPARATOR = ":"

TemplateName = str | Template


def language_of(name: str | None) -> str | None:
    """The language a template was compiled for; None for one made from a string."""
    language, separator, _ = (name or "").partition(SEPARATOR)
    return language if separator and language in LANGUAGES else None


class TemplatesPerLanguage(FlaskEnvironment):
    """Flask's Jinja environment, where a template's name carries its language."""

    def __init__(self, app: Any, **options: Any) -> None:
        loader = options.get("loader") or app.create_global_jinja_loader()
        super().__init__(app, **{**options, "loader": InEachLanguage(loader)})

    def get_template(
        self,
        name: TemplateName,
        parent: str | None = None,
        globals: MutableMapping[str, Any] | None = None,
    ) -> Template:
        if parent is None:  # Asked for by Python code: the page's language.
            name = in_page_language(name)
        return super().get_template(name, parent, globals)

    def select_template(
        self,
        names: Iterable[TemplateName],
        parent: str | None = None,
        globals: MutableMapping[str, Any] | None = None,
    ) -> Template:
        if parent is None:
            names = [in_page_language(name) for name in names]
        return super().select_template(names, parent, globals)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals as one dict, where Jinja chains its own to the
        environment's: every render copies them into a new context, and copying the
        chain key by key took 18 µs of each rendered page (timeit). The environment's
        globals are settled before the first render (Flask refuses new ones after the
        first request), and a template reloaded in debug mode takes them afresh."""
        return {**self.globals, **(d or {})}

    def join_path(self, template: str, parent: str) -> str:
        """A template named by another one (extends, include, import): in its language."""
        if language_of(template) is not None:
            return template
        return f"{language_of(parent) or DEFAULT_LANGUAGE}{SEPARATOR}{template}"


class InEachLanguage(BaseLoader):
    """The same templates under each language's name: "fr:pages/hello.html".

    (Jinja's PrefixLoader would compile each one under its name without the language.)
    """

    def __init__(self, loader: BaseLoader) -> None:
        self.loader = loader

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if language_of(template) is not None:
            template = template.partition(SEPARATOR)[2]
        return self.loader.get_source(environment, template)

    def list_templates(self) -> list[str]:
        names = self.loader.list_templates()
        return [f"{language}{SEPARATOR}{name}" for language in LANGUAGES for name in names]


def in_page_language(name: TemplateName) -> TemplateName:
    """``name`` compiled for the page being served (the default language outside one)."""
    if isinstance(name, Template) or language_of(name) is not None:
        return name
    language = page_language() if has_request_context() else DEFAULT_LANGUAGE
    return f"{language}{SEPARATOR}{name}"
