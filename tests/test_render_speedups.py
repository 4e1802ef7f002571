"""The render speed-ups must never change what a page says.

Templates remember the URLs they build and the navigation they render; these tests pin
down when they must not (debug mode, external URLs, relative endpoints, new arguments).
Template files are compiled once per language with their texts translated: they must
say what the same template says when its texts are translated as it renders.
"""

from __future__ import annotations

import os
import time

import pytest
from flask import Blueprint, render_template, render_template_string
from werkzeug.test import EnvironBuilder

from site_app import create_app
from site_app.web.languages import LanguagePrefix
from site_app.web.urls import MAX_REMEMBERED
from tests.html import nav_links, parse


def render(app, source: str, path: str = "/", **context) -> str:
    with app.test_request_context(path):
        app.preprocess_request()
        return render_template_string(source, **context)


def test_remembered_urls_match_flask_url_for(app):
    source = "{{ url_for('pages.hello', name=name) }} {{ url_for('static', filename='x.css') }}"

    assert render(app, source, name="Ada") == "/hello/Ada /static/x.css"
    assert render(app, source, name="Zoë") == "/hello/Zo%C3%AB /static/x.css"
    assert render(app, source, name="Ada") == "/hello/Ada /static/x.css"


def test_urls_follow_the_path_the_site_is_mounted_at(app):
    with app.test_request_context("/", base_url="http://localhost/"):
        app.preprocess_request()
        at_root = render_template_string("{{ url_for('pages.welcome') }}")
    with app.test_request_context("/", base_url="http://localhost/site/"):
        app.preprocess_request()
        mounted = render_template_string("{{ url_for('pages.welcome') }}")

    assert (at_root, mounted) == ("/welcome", "/site/welcome")


def test_external_urls_are_built_every_time(app):
    source = "{{ url_for('pages.welcome', _external=True) }}"

    assert render(app, source) == "http://localhost/welcome"
    with app.test_request_context("/", base_url="https://example.com/"):
        assert render_template_string(source) == "https://example.com/welcome"


def test_relative_endpoints_resolve_against_the_current_blueprint(app):
    here, there = Blueprint("here", __name__), Blueprint("there", __name__)
    here.add_url_rule("/here", "index", lambda: "")
    there.add_url_rule("/there", "index", lambda: "")
    app.register_blueprint(here)
    app.register_blueprint(there)

    assert render(app, "{{ url_for('.index') }}", path="/here") == "/here"
    assert render(app, "{{ url_for('.index') }}", path="/there") == "/there"


def test_unhashable_arguments_still_build(app):
    # Escaped, as every URL in a page is.
    assert (
        render(app, "{{ url_for('pages.welcome', tag=['a', 'b']) }}") == "/welcome?tag=a&amp;tag=b"
    )


def test_memory_stays_bounded_however_many_names_arrive(app):
    source = "{{ url_for('users.guest', guest=name) }}"
    for number in range(MAX_REMEMBERED + 10):
        render(app, source, name=f"guest{number}")

    assert render(app, source, name="late arrival") == "/guest/late%20arrival"


def test_debug_mode_builds_every_url(app, tmp_path):
    """In debug mode a changed static file gets a new URL on the next render; the
    remembered URL would still carry the old content hash."""
    app.debug = True
    app.static_folder = str(tmp_path)
    asset = tmp_path / "site.css"
    source = "{{ url_for('static', filename='site.css') }}"

    asset.write_text("body { color: black; }")
    before = render(app, source)
    asset.write_text("body { color: navy; }")
    after = render(app, source)

    assert before.startswith("/static/site.css?v=")
    assert after.startswith("/static/site.css?v=")
    assert before != after


@pytest.mark.parametrize("debug", [False, True])
def test_navigation_is_marked_for_each_page_even_when_remembered(debug):
    app = create_app({"APP_ENV": "testing", "DEBUG": debug}, environ={})
    client = app.test_client()

    for _ in range(2):  # the second time comes from what was remembered
        for path, current in [("/welcome", "Welcome"), ("/users", "Users"), ("/", "Home")]:
            links = nav_links(parse(client.get(path)))
            marked = [link.get_text() for link in links if link.get("aria-current") == "page"]
            assert marked == [current]


# Texts in every form a template writes them, each a template of its own.
TEXTS = {
    "text": '{{ _("Sign in") }}',
    # A translation is markup: its apostrophe stays one.
    "apostrophe": '{{ _("The admin area is for the site\'s operator.") }}',
    "quotes": "{{ _('Sign out') }}|{{ gettext(\"Sign in\") }}",
    "block": "{% trans %}Hello, {{ name }}{% endtrans %}",
    "markup": (
        '{% trans %}<a href="{{ hello }}">{{ hello }}</a> greets anyone by name.{% endtrans %}'
    ),
    "values": '{{ _("Hello, %(name)s", name=name) }}',
    "expressions": '{{ _("Sign in") ~ "!" }} {{ _("Sign in") | upper }} {{ _("Sign in")|length }}',
    "percent": '{{ _("100%% sure") }} {% trans %}100% sure{% endtrans %}',
    "percent and value": "{% trans %}100% sure, {{ name }}{% endtrans %}",
    "variables": '{{ _(label) }} {{ tools._("Sign in") }}',
    "two values": (
        '{% trans site_name="<S>" %}{{ site_name }} greets {{ name }} by name.{% endtrans %}'
    ),
    "plural": "{% trans count=3 %}{{ count }} texts{% pluralize %}{{ count }} texts{% endtrans %}",
}
CONTEXT = {"name": "<b>Ann</b>", "hello": "/hello/<x>", "label": "Sign out"}


class Tools:
    """A template variable with a method named ``_``: not a text to translate."""

    @staticmethod
    def _(text: str) -> str:
        return text.upper()


@pytest.fixture
def texts_app(app, tmp_path):
    """The app with each line of TEXTS as a template file of its own."""
    folder = tmp_path / "templates"
    (folder / "texts").mkdir(parents=True)
    for name, source in TEXTS.items():
        (folder / "texts" / f"{name}.html").write_text(source)
    (folder / "texts" / "page.html").write_text(
        "{% extends 'texts/layout.html' %}{% block body %}{{ _('Sign out') }}{% endblock %}"
    )
    (folder / "texts" / "layout.html").write_text(
        '{% include "texts/text.html" %}|{% block body %}{% endblock %}'
    )
    app.register_blueprint(Blueprint("texts", __name__, template_folder=str(folder)))
    return app


def page_at(app, path: str):
    """A request context for ``path`` as the site receives it, language prefix moved to
    the mount point by the site's middleware (the test request context skips it)."""
    environ = EnvironBuilder(path=path).get_environ()
    moved = LanguagePrefix(lambda environ, start_response: environ)(environ, None)
    return app.request_context(moved)


@pytest.mark.parametrize("path", ["/", "/fr/"])
@pytest.mark.parametrize("name", TEXTS)
def test_a_template_file_says_what_the_same_text_says_translated_as_it_renders(
    texts_app, path, name
):
    with page_at(texts_app, path):
        from_file = render_template(f"texts/{name}.html", tools=Tools, **CONTEXT)
        as_it_renders = render_template_string(TEXTS[name], tools=Tools, **CONTEXT)

    assert from_file == as_it_renders


def test_texts_in_template_files_are_in_each_page_language(texts_app):
    expected = {
        "/": ["Sign in", "Hello, &lt;b&gt;Ann&lt;/b&gt;", "100% sure 100% sure"],
        "/fr/": ["Se connecter", "Bonjour, &lt;b&gt;Ann&lt;/b&gt;", "100% sure 100% sure"],
    }
    for _ in range(2):  # each language's compiled template, in turn, from the cache
        for path, (sign_in, hello, percent) in expected.items():
            with page_at(texts_app, path):
                assert render_template("texts/text.html") == sign_in
                assert render_template("texts/block.html", **CONTEXT) == hello
                assert render_template("texts/percent.html") == percent


def test_a_translation_keeps_its_markup_and_escapes_the_values_in_it(texts_app):
    with page_at(texts_app, "/fr/"):
        page = render_template("texts/markup.html", **CONTEXT)

    assert page == (
        '<a href="/hello/&lt;x&gt;">/hello/&lt;x&gt;</a> salue n\u2019importe qui par son nom.'
    )


def test_a_method_named_like_gettext_is_not_a_text(texts_app):
    with page_at(texts_app, "/fr/"):
        assert render_template("texts/variables.html", tools=Tools, **CONTEXT) == (
            "Se déconnecter SIGN IN"
        )


def test_included_and_extended_templates_keep_the_page_language(texts_app):
    with page_at(texts_app, "/fr/"):
        assert render_template("texts/page.html") == "Se connecter|Se déconnecter"
    with page_at(texts_app, "/"):
        assert render_template("texts/page.html") == "Sign in|Sign out"


def test_outside_a_request_templates_are_in_the_default_language(texts_app):
    """Translated as they compiled: with no page, no language to look texts up in."""
    with texts_app.app_context():
        assert render_template("texts/text.html") == "Sign in"
        assert render_template("texts/block.html", **CONTEXT) == "Hello, &lt;b&gt;Ann&lt;/b&gt;"


def test_a_changed_template_is_compiled_again_in_each_language(texts_app, tmp_path):
    """With templates reloading (debug mode), an edit shows on the next page, in English
    and in French, each compiled again with its translations."""
    texts_app.jinja_env.auto_reload = True
    template = tmp_path / "templates" / "texts" / "text.html"
    for path, before, after in [
        ("/", "Sign in", "Sign out"),
        ("/fr/", "Se connecter", "Se déconnecter"),
    ]:
        template.write_text('{{ _("Sign in") }}')
        with page_at(texts_app, path):
            assert render_template("texts/text.html") == before
        template.write_text('{{ _("Sign out") }}')
        os.utime(template, (time.time() + 5, time.time() + 5))  # a newer file, surely
        with page_at(texts_app, path):
            assert render_template("texts/text.html") == after
