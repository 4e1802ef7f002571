"""The users blueprint: the name form, the admin/guest redirect, and the two pages."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest

from tests.html import SITE_NAME, heading, parse, text, title

# Names that must survive the trip through a redirect: (name, exact Location header).
ROUND_TRIP_NAMES = [
    ("Ada", "/guest/Ada"),
    ("Ada Lovelace", "/guest/Ada%20Lovelace"),
    ("Zoë", "/guest/Zo%C3%AB"),
    ("李小龙", "/guest/%E6%9D%8E%E5%B0%8F%E9%BE%99"),
    ('O\'Brien "Q"', "/guest/O'Brien%20%22Q%22"),
    ("<script>alert(1)</script>", "/guest/%3Cscript%3Ealert(1)%3C/script%3E"),
    ("50% off?#top", "/guest/50%25%20off%3F%23top"),
    ("AC/DC", "/guest/AC/DC"),
    ("Admin", "/guest/Admin"),  # only the exact name "admin" is the admin
]


def test_user_admin_redirects_to_the_admin_page(client):
    response = client.get("/user/admin")

    assert response.status_code == 302
    assert response.headers["Location"] == "/admin"


@pytest.mark.parametrize(("name", "location"), ROUND_TRIP_NAMES)
def test_user_redirects_any_other_name_to_its_guest_page(client, name, location):
    response = client.get("/user/" + quote(name, safe="/"))

    assert response.status_code == 302
    assert response.headers["Location"] == location


@pytest.mark.parametrize(("name", "location"), ROUND_TRIP_NAMES)
def test_guest_page_shows_the_name_it_was_sent(client, name, location):
    response = client.get(location)

    assert response.status_code == 200
    assert heading(response) == f"Hello {name} as Guest"
    assert title(response) == f"Hello {name} · {SITE_NAME}"


def test_guest_page_escapes_markup(client):
    body = client.get("/guest/%3Cb%3Ebold%3C%2Fb%3E%20%26%20%22q%22").get_data(as_text=True)

    assert "<b>bold</b>" not in body
    assert "<h1>Hello &lt;b&gt;bold&lt;/b&gt; &amp; &#34;q&#34; as Guest</h1>" in body


def test_admin_page_sends_visitors_to_sign_in_first(client):
    response = client.get("/admin")

    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/admin"


def test_users_page_shows_a_labelled_name_form(client):
    response = client.get("/users")
    soup = parse(response)
    form = soup.find("form")

    assert response.status_code == 200
    assert heading(response) == "Users"
    assert form["action"] == "/users"
    assert form["method"] == "get"
    assert soup.find("label", attrs={"for": "name"}) is not None
    field = form.find("input", id="name")
    assert field["name"] == "name"
    assert field.get("aria-invalid") is None
    assert soup.find(class_="field-error") is None


@pytest.mark.parametrize(
    ("submitted", "location"),
    [
        ("admin", "/admin"),
        ("  admin  ", "/admin"),
        ("Ada", "/guest/Ada"),
        ("  Ada Lovelace ", "/guest/Ada%20Lovelace"),
        ("<script>alert(1)</script>", "/guest/%3Cscript%3Ealert(1)%3C/script%3E"),
        ("AC/DC", "/guest/AC/DC"),
    ],
)
def test_form_sends_the_name_through_the_same_redirect(client, submitted, location):
    response = client.get("/users?" + urlencode({"name": submitted}))

    assert response.status_code == 302
    assert response.headers["Location"] == location


def test_form_flow_lands_on_the_guest_page(client):
    response = client.get("/users", query_string={"name": "Zoë"}, follow_redirects=True)

    assert [r.status_code for r in response.history] == [302]
    assert response.request.path == "/guest/Zoë"
    assert heading(response) == "Hello Zoë as Guest"


@pytest.mark.parametrize(
    ("submitted", "message"),
    [
        ("", "Enter a name to continue."),
        ("   ", "Enter a name to continue."),
        ("x" * 101, "Use at most 100 characters."),
        ("!!!", "A name needs at least one letter or digit."),
        ("/Ada", 'A name cannot start or end with "/"'),
        ("Ada/", 'A name cannot start or end with "/"'),
        ("AC//DC", 'contain "//"'),
        ("a/../admin", 'or have "." or ".." between slashes.'),
        ("./Ada", 'or have "." or ".." between slashes.'),
    ],
)
def test_form_reshows_itself_with_a_clear_message_for_a_bad_name(client, submitted, message):
    response = client.get("/users", query_string={"name": submitted})
    soup = parse(response)
    field = soup.find("input", id="name")
    error = soup.find(id="name-error")

    assert response.status_code == 422
    assert message in text(error)
    assert field["aria-invalid"] == "true"
    assert field["aria-describedby"] == "name-error"
    assert field["value"] == submitted.strip()


def test_form_escapes_the_name_it_shows_back(client):
    response = client.get("/users", query_string={"name": '"><script>alert(1)</script>/'})
    body = response.get_data(as_text=True)

    assert response.status_code == 422
    assert "<script>" not in body
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;/"' in body


@pytest.mark.parametrize("path", ["/users", "/user/admin", "/admin", "/guest/Ada"])
def test_users_pages_refuse_post(client, path):
    response = client.post(path)

    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
