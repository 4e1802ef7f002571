"""The two render speed-ups must never change what a page says.

Templates remember the URLs they build and the navigation they render; these tests pin
down when they must not (debug mode, external URLs, relative endpoints, new arguments).
"""

from __future__ import annotations

import pytest
from flask import Blueprint, render_template_string

from site_app import create_app
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
    app = create_app({"APP_ENV": "testing", "DEBUG": debug})
    client = app.test_client()

    for _ in range(2):  # the second time comes from what was remembered
        for path, current in [("/welcome", "Welcome"), ("/users", "Users"), ("/", "Home")]:
            links = nav_links(parse(client.get(path)))
            marked = [link.get_text() for link in links if link.get("aria-current") == "page"]
            assert marked == [current]
