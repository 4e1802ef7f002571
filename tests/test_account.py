"""Admin sign-in: the flow, forms from other sites, open redirects, the session, the limiter,
the hash command."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from werkzeug.security import check_password_hash

import site_app.auth.admin
from site_app import create_app
from site_app.blueprints import SECTIONS
from tests.credentials import ADMIN_PASSWORD, ADMIN_PASSWORD_HASH, GOOD_KEY
from tests.databases import sqlite_url
from tests.html import SITE_NAME, heading, parse, text
from tests.languages import PREFIXES


@pytest.fixture
def app(sqlite_database):
    return app_on(sqlite_database, APP_ENV="testing", ADMIN_PASSWORD_HASH=ADMIN_PASSWORD_HASH)


def app_on(database_url, **settings):
    """An app on its own database (signed-in sessions are stored there)."""
    return create_app(
        {"DATABASE_URL": database_url, "SITE_NAME": SITE_NAME, **settings}, environ={}
    )


PRODUCTION = {"APP_ENV": "production", "SECRET_KEY": GOOD_KEY, "TRUSTED_HOSTS": ["localhost"]}


def sign_in(client, username="admin", password=ADMIN_PASSWORD, next_path=None, **headers):
    url = "/login" if next_path is None else f"/login?next={next_path}"
    data = {"username": username, "password": password}
    return client.post(url, data=data, headers=headers)


def field_error(response, field: str) -> str:
    soup = parse(response)
    field_input = soup.find("input", attrs={"name": field})
    assert field_input["aria-invalid"] == "true"
    return text(soup.find(id=field_input["aria-describedby"]))


def test_sign_in_page_has_a_labelled_form_and_sets_no_cookie(client):
    response = client.get("/login")
    soup = parse(response)
    form = soup.find("form", class_="stacked-form")

    assert response.status_code == 200
    assert heading(response) == "Sign in"
    assert form["method"] == "post"
    assert form.find("input", attrs={"type": "hidden"}) is None  # nothing per visitor
    assert "Set-Cookie" not in response.headers
    assert text(soup.find("label", attrs={"for": "username"})) == "User name"
    assert text(soup.find("label", attrs={"for": "password"})) == "Password"
    assert soup.find(id="username")["autocomplete"] == "username"
    assert soup.find(id="password")["autocomplete"] == "current-password"


def test_the_whole_flow_from_user_admin_to_the_admin_page(client):
    assert client.get("/user/admin").headers["Location"] == "/admin"
    assert client.get("/admin").headers["Location"] == "/login?next=/admin"

    wrong = sign_in(client, password="not the password", next_path="/admin")
    assert wrong.status_code == 422
    assert field_error(wrong, "password") == "That user name and password do not match."

    right = sign_in(client, next_path="/admin")
    assert right.status_code == 302
    assert right.headers["Location"] == "/admin"

    admin = client.get("/admin")
    assert admin.status_code == 200
    assert heading(admin) == "Hello Admin"


def test_without_next_the_admin_lands_on_the_admin_page(client):
    assert sign_in(client).headers["Location"] == "/admin"


def test_a_wrong_user_name_gets_the_same_answer_as_a_wrong_password(client):
    response = sign_in(client, username="root")

    assert response.status_code == 422
    assert field_error(response, "password") == "That user name and password do not match."
    assert client.get("/admin").status_code == 302


def test_the_password_is_checked_even_when_the_user_name_is_wrong(client, monkeypatch):
    """So the answer takes as long whether or not the name exists."""
    checked = []
    real_check = site_app.auth.admin.check_password_hash

    def counting_check(stored_hash, password):
        checked.append(stored_hash)
        return real_check(stored_hash, password)

    monkeypatch.setattr(site_app.auth.admin, "check_password_hash", counting_check)
    sign_in(client, username="nobody", password="whatever")
    sign_in(client, username="admin", password="whatever")

    assert checked == [ADMIN_PASSWORD_HASH, ADMIN_PASSWORD_HASH]


def test_empty_fields_are_named_next_to_each_field(client):
    response = sign_in(client, username="", password="")

    assert response.status_code == 422
    assert field_error(response, "username") == "Enter your user name."
    assert field_error(response, "password") == "Enter your password."


def test_admin_page_shows_what_an_operator_needs(client):
    sign_in(client)
    soup = parse(client.get("/admin"))
    settings = {
        text(row.find("th")): text(row.find("td"))
        for row in soup.find("table", class_="settings").find("tbody").find_all("tr")
    }
    sections = [text(term.find("code")) for term in soup.find("dl", class_="routes").find_all("dt")]

    assert "running as testing" in text(soup.find(class_="lead"))
    assert re.search(rf"{SITE_NAME} \d+\.\d+\.\d+", text(soup.find(class_="lead")))
    assert settings["SECRET_KEY"] == "set"
    assert settings["ADMIN_PASSWORD_HASH"] == "set"
    assert settings["ADMIN_USERNAME"] == "admin"
    assert settings["TRUSTED_HOSTS"] == "unset: any host is served"
    assert settings["TRUSTED_PROXIES"] == "127.0.0.1/32, ::1/128"
    assert settings["Sign-in attempts counted in"] == "memory"
    assert ADMIN_PASSWORD_HASH not in str(soup)
    assert sections == [section.name for section in SECTIONS]


def test_navigation_offers_sign_in_or_sign_out(client):
    nav = parse(client.get("/about")).find("nav")
    assert text(nav.find("a", href="/login")) == "Sign in"
    assert nav.find("button") is None

    sign_in(client)
    nav = parse(client.get("/about")).find("nav")
    assert nav.find("a", href="/login") is None
    form = nav.find("form", action="/logout")
    assert form["method"] == "post"
    assert text(form.find("button")) == "Sign out"


def test_sign_out_is_post_only_and_clears_the_session(client):
    sign_in(client)
    assert client.get("/logout").status_code == 405

    response = client.post("/logout", headers=FROM_THIS_SITE)

    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    # The browser is told to forget the session cookie.
    [cookie] = response.headers.getlist("Set-Cookie")
    assert cookie.startswith("session=;")
    assert "Max-Age=0" in cookie
    assert client.get("/admin").headers["Location"] == "/login?next=/admin"


@pytest.mark.parametrize("path", ["/about", "/hello/Ada", *(f"{p}/predict" for p in PREFIXES)])
def test_pages_that_differ_for_the_admin_say_so_to_caches(client, path):
    """Each page's navigation offers Sign in or Sign out: a shared cache must keep the
    visitor's and the admin's copies apart (Vary: Cookie), and no cookie is set."""
    for _ in range(2):  # rendered, then (where the page cache keeps it) from the cache
        response = client.get(path)

        assert response.status_code == 200
        assert "cookie" in response.vary
        assert "Set-Cookie" not in response.headers
    sign_in(client)
    assert client.get(path).get_data() != response.get_data()  # the admin's own copy


# What a browser sends with a form from this site's own page, and with one from elsewhere.
FROM_THIS_SITE = {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"}
FROM_OTHER_SITES = [
    {"Sec-Fetch-Site": "cross-site", "Origin": "https://attacker.example"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://other.localhost"},
    # A browser without Fetch Metadata: Origin alone says where the form was.
    {"Origin": "https://attacker.example"},
    {"Origin": "http://localhost.attacker.example"},
    {"Origin": "http://localhost:8080"},  # another port is another origin
    {"Origin": "null"},  # a sandboxed frame, or a redirect from another site
    {"Origin": "not a URL: http://["},
]


def test_forms_from_this_site_are_accepted(client):
    assert sign_in(client, **FROM_THIS_SITE).headers["Location"] == "/admin"
    assert sign_in(client, Origin="http://localhost").status_code == 302
    assert sign_in(client, **{"Sec-Fetch-Site": "none"}).status_code == 302  # typed by the user


@pytest.mark.parametrize("path", ["/login", "/logout"])
@pytest.mark.parametrize("headers", FROM_OTHER_SITES)
def test_forms_from_other_sites_are_refused(client, path, headers, caplog):
    if path == "/logout":
        sign_in(client)
    form = {"username": "admin", "password": ADMIN_PASSWORD}

    response = client.post(path, data=form, headers=headers)

    assert response.status_code == 403
    assert heading(response) == "Sent from another site"
    assert "another site cannot send forms here in your name" in text(parse(response).find("main"))
    assert "Refused a POST from another site" in caplog.text
    # Nothing changed: still signed out after /login, still signed in after /logout.
    assert client.get("/admin").status_code == (200 if path == "/logout" else 302)


def test_signing_in_starts_a_new_bounded_session(client):
    with client.session_transaction() as session:
        session["left over"] = "from before sign-in"

    response = sign_in(client)
    cookie = response.headers["Set-Cookie"]
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", cookie).group(1))

    with client.session_transaction() as session:
        assert "left over" not in session
        assert session.permanent is True
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert abs(expires - (datetime.now(UTC) + timedelta(hours=8))) < timedelta(minutes=1)


def test_a_new_password_signs_every_session_out(app, client):
    sign_in(client)
    assert client.get("/admin").status_code == 200

    app.config["ADMIN_PASSWORD_HASH"] = ADMIN_PASSWORD_HASH.replace("$", "$x", 1)

    assert client.get("/admin").status_code == 302


def test_a_signed_in_admin_visiting_sign_in_goes_on(client):
    sign_in(client)

    assert client.get("/login?next=/about").headers["Location"] == "/about"
    assert client.get("/login").headers["Location"] == "/admin"


HOSTILE_NEXT = [
    "https://evil.example/",
    "http://evil.example",
    "//evil.example",
    "///evil.example",
    "////evil.example/admin",
    "https:evil.example",
    "http:/evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/%5Cevil.example",
    "/%2F%2Fevil.example",
    "%2F%2Fevil.example",
    "/\tevil.example",
    "/\nevil.example",
    " //evil.example",
    "javascript:alert(1)",
    "evil.example",
    "/no-such-page",
    "/logout",
    "/" + "a" * 2001,
]


@pytest.mark.parametrize("hostile", HOSTILE_NEXT)
def test_a_hostile_next_never_leaves_the_admin_page(app, hostile):
    client = app.test_client()
    data = {"username": "admin", "password": ADMIN_PASSWORD}

    response = client.post("/login", query_string={"next": hostile}, data=data)

    assert response.status_code == 302
    assert response.headers["Location"] == "/admin"


@pytest.mark.parametrize(
    "local", ["/about", "/admin", "/guest/Zo%C3%AB", "/users?name=Ada", "/hello/AC/DC"]
)
def test_a_local_next_is_where_the_admin_lands(app, local):
    client = app.test_client()
    data = {"username": "admin", "password": ADMIN_PASSWORD}

    response = client.post("/login", query_string={"next": local}, data=data)

    assert response.headers["Location"] == local


def test_the_form_keeps_a_safe_next_and_drops_a_hostile_one(client):
    assert parse(client.get("/login?next=/about")).find("form", class_="stacked-form")[
        "action"
    ] == ("/login?next=/about")
    assert parse(client.get("/login?next=//evil.example")).find("form", class_="stacked-form")[
        "action"
    ] == ("/login")


def test_repeated_failures_are_refused_for_a_while(client):
    statuses = [sign_in(client, password=f"guess {n}").status_code for n in range(6)]
    blocked = sign_in(client)  # even the right password, while blocked

    assert statuses == [422] * 5 + [429]
    assert blocked.status_code == 429
    assert heading(blocked) == "Too many attempts"
    assert int(blocked.headers["Retry-After"]) > 0
    assert client.get("/admin").status_code == 302


def test_successful_sign_ins_never_lock_their_address(app):
    for _ in range(8):  # each a new browser, from the same address
        assert sign_in(app.test_client()).status_code == 302


def test_the_limit_is_per_client_address(client):
    for n in range(6):
        sign_in(client, password=f"guess {n}")

    elsewhere = client.application.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.8"

    assert sign_in(elsewhere).status_code == 302


def test_production_without_a_hash_switches_sign_in_off(tmp_path):
    client = app_on(sqlite_url(tmp_path), **PRODUCTION).test_client()

    page = client.get("/login")
    post = client.post("/login", data={"username": "admin", "password": "admin"})

    assert page.status_code == 200
    assert "Admin sign-in is switched off on this server" in text(parse(page).find("main"))
    assert parse(page).find("input", attrs={"name": "password"}) is None
    assert post.status_code == 403
    assert client.get("/admin").headers["Location"] == "/login?next=/admin"


@pytest.fixture
def production_client(tmp_path):
    app = app_on(sqlite_url(tmp_path), **PRODUCTION, ADMIN_PASSWORD_HASH=ADMIN_PASSWORD_HASH)
    # Production migrates once per deploy, not on first use.
    assert app.test_cli_runner().invoke(args=["db", "upgrade"]).exit_code == 0
    return app.test_client()


def test_production_over_https_signs_in(production_client):
    # Production's test client speaks https (PREFERRED_URL_SCHEME).
    response = sign_in(production_client, Origin="https://localhost")

    assert response.headers["Location"] == "/admin"
    assert "Secure" in response.headers["Set-Cookie"]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_production_over_plain_http_says_so_before_a_password_is_typed(production_client, prefix):
    page = production_client.get(f"{prefix}/login?next=/admin", base_url="http://localhost")
    notice = parse(page).find(class_="notice")

    assert page.status_code == 200
    assert parse(page).find("input", attrs={"name": "password"}) is None
    assert text(notice).startswith(
        "Signing in sends a password, and this server accepts it over HTTPS only"
        if not prefix
        else "Se connecter envoie un mot de passe"
    )
    assert notice.a["href"] == f"https://localhost{prefix}/login?next=/admin"
    # Over HTTPS, the same address shows the form.
    secure = production_client.get(f"{prefix}/login?next=/admin")
    assert parse(secure).find("input", attrs={"name": "password"}) is not None


def test_production_refuses_a_form_from_another_site(production_client):
    response = sign_in(production_client, Origin="https://evil.example")

    assert response.status_code == 403
    assert heading(response) == "Sent from another site"
    assert "Set-Cookie" not in response.headers


def test_development_signs_in_with_the_documented_password(tmp_path):
    client = app_on(sqlite_url(tmp_path), APP_ENV="development").test_client()

    assert sign_in(client, password="dev-only-password").headers["Location"] == "/admin"


def test_hash_password_prints_a_hash_of_what_was_typed(runner):
    result = runner.invoke(args=["hash-password"], input="a long passphrase\na long passphrase\n")
    line = result.output.strip().splitlines()[-1]
    stored_hash = re.fullmatch(r"ADMIN_PASSWORD_HASH='(.+)'", line).group(1)

    assert result.exit_code == 0
    assert "a long passphrase" not in result.output  # never echoed
    assert check_password_hash(stored_hash, "a long passphrase")
    assert not check_password_hash(stored_hash, "another passphrase")


def test_hash_password_asks_again_when_the_two_differ(runner):
    typed = "a long passphrase\nnot the same one!\na long passphrase\na long passphrase\n"
    result = runner.invoke(args=["hash-password"], input=typed)

    assert result.exit_code == 0
    assert "Error: The two entered values do not match." in result.output


def test_hash_password_refuses_a_short_password(runner):
    result = runner.invoke(args=["hash-password"], input="short\nshort\n")

    assert result.exit_code == 1
    assert "Error: Use at least 12 characters." in result.output
