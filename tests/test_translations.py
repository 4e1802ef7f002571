"""English and French: the catalogue is complete, and every page exists in both languages.

French pages live under /fr/; everything a visitor reads there is French, and the
catalogue the pages come from is what `make translations` makes. A site made English
only (copier.yml) has neither: none of these tests runs there.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from flask import abort

from config import DEVELOPMENT_ADMIN_PASSWORD
from site_app import create_app
from site_app.i18n.languages import DEFAULT_LANGUAGE, LANGUAGES
from tests.databases import sqlite_url
from tests.html import SITE_NAME, heading, nav_paths, parse, text, title
from tests.languages import needs_french
from tests.processes import BIN, PROJECT_ROOT
from tools.crawl import UNLINKED_PAGES, crawl
from tools.translations import marked_texts

pytestmark = needs_french

# Every language but the default one has a catalogue to check.
TRANSLATED = sorted(LANGUAGES.keys() - {DEFAULT_LANGUAGE})
# %(name)s and %(count)d in Python and templates; {count} in a script's data-say-* messages.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
NARROW_NO_BREAK_SPACE = "\u202f"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def catalogue_path(language: str) -> Path:
    return PROJECT_ROOT / "site_app" / "translations" / language / "LC_MESSAGES" / "messages.po"


def catalogue_of(language: str) -> Catalog:
    with catalogue_path(language).open("rb") as po:
        return read_po(po)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_marked_text_has_a_translation(language):
    catalogue = catalogue_of(language)
    marked = marked_texts(PROJECT_ROOT / "site_app", PROJECT_ROOT / "babel.cfg")
    missing = sorted(
        message
        for message in marked
        if (entry := catalogue.get(message)) is None or not all(forms(entry.string)) or entry.fuzzy
    )

    assert len(marked) > 100
    assert missing == [], (
        f"run `make translations`, then translate these in {catalogue_path(language)}"
    )


def forms(text: str | tuple[str, ...]) -> tuple[str, ...]:
    """A text's forms: one, or a plural text's singular and plurals."""
    return (text,) if isinstance(text, str) else text


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def placeholders_kept(message_id: str | tuple[str, ...], string: str | tuple[str, ...]) -> bool:
    """Each translation has its English form's placeholders. A plural text's singular may
    leave the count out ("The newest prediction"), as gettext allows."""
    if isinstance(message_id, str):
        return placeholders(message_id) == placeholders(str(string))
    singular, plural = message_id
    first, *others = forms(string)
    without_count = [name for name in placeholders(plural) if name != "%(count)s"]
    return placeholders(first) in (placeholders(singular), without_count) and all(
        placeholders(other) == placeholders(plural) for other in others
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_translation_loses_or_invents_a_placeholder(language):
    broken = {
        message.id: message.string
        for message in catalogue_of(language)
        if message.id and not placeholders_kept(message.id, message.string)
    }

    assert broken == {}
    # Babel's own checks too (python-format flags against the text).
    assert [problem for problem in catalogue_of(language).check() if problem] == []


def test_make_translations_changes_nothing_on_a_clean_tree(tmp_path):
    """The committed catalogues are exactly what `make translations` writes."""
    for folder in ("site_app", "tools", "requirements"):
        shutil.copytree(
            PROJECT_ROOT / folder,
            tmp_path / folder,
            ignore=shutil.ignore_patterns("__pycache__", "*.mo", "*.sqlite3"),
        )
    for name in ("Makefile", "babel.cfg", "pyproject.toml"):
        shutil.copy2(PROJECT_ROOT / name, tmp_path / name)
    venv, make = BIN.parent, shutil.which("make")
    assert make, "make is missing"
    # -o: the project's own environment is installed; never reinstall it from the copy.
    result = subprocess.run(
        [
            make,
            "--no-print-directory",
            f"VENV={venv}",
            "-o",
            f"{venv}/.installed-dev",
            "translations",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    for language in TRANSLATED:
        po = Path("site_app", "translations", language, "LC_MESSAGES", "messages.po")
        assert (tmp_path / po).read_text() == (PROJECT_ROOT / po).read_text(), po
        mo = po.with_suffix(".mo")
        assert (tmp_path / mo).read_bytes() == (PROJECT_ROOT / mo).read_bytes(), mo


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_committed_compiled_catalogue_is_its_po_file_compiled(language):
    """The .mo files are committed, so that a plain `pip install` (or a wheel) carries
    them: each must be exactly what `pybabel compile` makes of its .po file. (That a
    fresh clone holds them, tests/server/test_install.py shows by serving French.)"""
    compiled = io.BytesIO()
    write_mo(compiled, catalogue_of(language))
    committed = catalogue_path(language).with_suffix(".mo")

    assert committed.read_bytes() == compiled.getvalue(), (
        f"{committed} is out of date: run `make translations`"
    )


# Words both languages write the same inside texts of their own: the site's name, HTTP
# methods and headers, "Sections" (a French word too), and values the admin page shows
# (APP_ENV, the admin's user name, where sign-in attempts are counted). A whole text of
# the catalogue reads the same in French when its translation says so (msgstr equal to
# msgid, as for "API"): see same_by_choice.
SAME_IN_BOTH = {
    *SITE_NAME.split(),
    *("GET", "POST", "PUT", "Strict-Transport-Security", "Sections"),
    *("testing", "admin", "memory"),
}
WORD = re.compile(r"[A-Za-z][\w=-]+")
# Setting names and code words (MAX_CONTENT_LENGTH, HttpOnly, OpenAPI, JSON-RPC).
IDENTIFIER = re.compile(r"\w*_\w*|[A-Z0-9-]+|[A-Za-z-]*[a-z][A-Z][\w=-]*")


def visible_texts(html: str) -> set[str]:
    """Each piece of text a visitor reads or hears: text nodes outside code samples,
    the title, the description, labels for assistive technology."""
    soup = BeautifulSoup(html, "html.parser")
    for sample in soup.find_all(["code", "pre", "script", "style"]):
        sample.decompose()
    texts = set(soup.stripped_strings)
    texts.add(soup.find("meta", attrs={"name": "description"})["content"])
    texts.update(tag["aria-label"] for tag in soup.find_all(attrs={"aria-label": True}))
    texts.update(tag[key] for tag in soup.find_all(True) for key in tag.attrs if "data-say" in key)
    return texts


def same_by_choice(language: str) -> set[str]:
    """Words of the texts the catalogue translates as themselves: a name ("API", a new
    section's "Blog"). A translator decides so by writing the text as its translation."""
    same = (str(entry.id) for entry in catalogue_of(language) if entry.id == entry.string)
    return {word for text in same for word in WORD.findall(text)}


def english_left_on(english_html: str, french_html: str) -> set[str]:
    """Texts of the French page found word for word on the English one."""
    shared = visible_texts(english_html) & visible_texts(french_html)
    same = SAME_IN_BOTH | same_by_choice("fr")
    return {
        piece
        for piece in shared
        if not piece.startswith("/")  # a path: /api/people
        and {word for word in WORD.findall(piece) if not IDENTIFIER.fullmatch(word)} - same
    }


def sign_in(client, prefix: str = "", password: str = DEVELOPMENT_ADMIN_PASSWORD):
    data = {"username": "admin", "password": password}
    return client.post(f"{prefix}/login", data=data)


def test_every_page_exists_in_french_with_no_english_sentence_left(client):
    site = crawl(client)
    english = {path: html for path, html in site.pages.items() if not path.startswith("/fr")}
    pages = {path: (html, site.pages.get(f"/fr{path}")) for path, html in english.items()}
    for path in UNLINKED_PAGES:
        pages[path] = (client.get(path).text, client.get(f"/fr{path}").text)

    assert set(nav_paths(client.application)) <= set(english)  # the crawl reached them all
    assert [path for path, (_, french) in pages.items() if french is None] == []
    assert {path: english_left_on(*both) for path, both in pages.items()} == {
        path: set() for path in pages
    }


def test_the_admin_page_form_errors_and_a_405_are_french_too(app):
    """What no crawler reaches: the signed-in admin's page, forms answered with errors."""
    admin = app.test_client()
    assert sign_in(admin).status_code == 302
    visitor = app.test_client()

    def both(answer):
        return answer(""), answer("/fr")

    pairs = {
        "admin": both(lambda prefix: admin.get(f"{prefix}/admin")),
        "wrong password": both(lambda prefix: sign_in(visitor, prefix, password="wrong")),
        "bad years": both(
            lambda prefix: visitor.post(
                f"{prefix}/predict",
                data={"years_experience": "x"},
            )
        ),
        "405": both(lambda prefix: visitor.post(f"{prefix}/about")),
        # WTForms' own messages come from its catalogue (Flask-WTF's i18n).
        "too long": both(
            lambda prefix: visitor.post(
                f"{prefix}/login",
                data={"username": "x" * 150, "password": "p"},
            )
        ),
    }

    assert {name: [r.status_code for r in pair] for name, pair in pairs.items()} == {
        "admin": [200, 200],
        "wrong password": [422, 422],
        "bad years": [422, 422],
        "405": [405, 405],
        "too long": [422, 422],
    }
    assert {name: english_left_on(en.text, fr.text) for name, (en, fr) in pairs.items()} == {
        name: set() for name in pairs
    }
    assert heading(pairs["admin"][1]) == "Bonjour, administrateur"
    assert heading(pairs["405"][1]) == "Méthode non autorisée"
    assert text(parse(pairs["too long"][1]).find(class_="field-error")) == (
        "Le champ ne peut pas contenir plus de 100 caractères."
    )


def test_the_promised_english_texts_stay_exact(client):
    assert heading(client.get("/guest/Ada")) == "Hello Ada as Guest"
    assert heading(client.get("/fr/guest/Ada")) == "Bonjour Ada, notre invité"
    assert title(client.get("/fr/hello/Ada")) == f"Bonjour, Ada · {SITE_NAME}"


@pytest.mark.parametrize(
    ("path", "language", "other", "other_path"),
    [
        ("/about", "en", "fr", "/fr/about"),
        ("/fr/about", "fr", "en", "/about"),
        ("/", "en", "fr", "/fr/"),
        ("/fr/", "fr", "en", "/"),
        ("/hello/AC/DC%20%3Cb%3E", "en", "fr", "/fr/hello/AC/DC%20%3Cb%3E"),
        ("/login?next=/admin", "en", "fr", "/fr/login?next=/admin"),
    ],
)
def test_each_page_names_its_language_its_alternates_and_links_to_the_other(
    client, path, language, other, other_path
):
    page = parse(client.get(path))
    switch = page.find("header").find("a", hreflang=other)
    alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate")}
    bare = path.partition("?")[0].removeprefix("/fr")
    bare = bare or "/"

    assert page.html["lang"] == language
    assert (switch["href"], switch["lang"], text(switch)) == (
        other_path,
        other,
        LANGUAGES[other],
    )
    assert alternates == {
        "en": f"http://localhost{bare}",
        "fr": f"http://localhost/fr{bare}",
        "x-default": f"http://localhost{bare}",
    }
    assert page.find("link", rel="canonical")["href"] == alternates[language]


@pytest.mark.parametrize(
    ("path", "english"),
    [
        ("/fr//example.com", "/example.com"),
        ("/fr///example.com/x", "/example.com/x"),
        ("/fr/\\example.com", "/%5Cexample.com"),
    ],
)
def test_the_language_switch_never_leads_to_another_site(client, path, english):
    """The 404 page of /fr//example.com must not link to //example.com, which browsers
    read as another site (request.path folds the leading slashes into one)."""
    switch = parse(client.get(path)).find("header").find("a", hreflang="en")

    assert switch["href"] == english


@pytest.mark.parametrize(
    ("path", "language"),
    [("/about", "en"), ("/fr/about", "fr"), ("/no-such-page", "en"), ("/fr/no-such-page", "fr")],
)
def test_pages_name_their_language_in_a_header(client, path, language):
    for _ in range(2):  # the second answer comes from the page cache
        assert client.get(path).headers["Content-Language"] == language


def test_the_api_and_files_name_no_language(client):
    assert "Content-Language" not in client.get("/api/incomes").headers
    assert "Content-Language" not in client.get("/robots.txt").headers


def test_fr_alone_is_the_french_home_page(client):
    response = client.get("/fr")

    assert response.status_code == 200
    assert parse(response).html["lang"] == "fr"
    assert parse(response).find("link", rel="canonical")["href"] == "http://localhost/fr/"


@pytest.mark.parametrize(
    "path",
    [
        "/fr/api/incomes",
        "/fr/api/openapi.json",
        "/fr/healthz",
        "/fr/readyz",
        "/fr/metrics",
        "/fr/robots.txt",
        "/fr/sitemap.xml",
        "/fr/favicon.ico",
        "/fr/static/css/site.css",
        "/fr/fr/about",
        "/FR/about",
        "/french/about",
    ],
)
def test_addresses_that_exist_once_are_not_found_under_fr(client, path):
    response = client.get(path, headers={"Accept": "text/html"})

    assert response.status_code == 404
    if not path.startswith("/fr/api/"):
        assert heading(response) in {"Page introuvable", "Page not found"}


def test_an_api_error_under_fr_stays_english_json(client):
    response = client.get("/fr/api/incomes")

    assert response.status_code == 404
    assert response.json == {
        "error": "Page not found",
        "message": "There is no page at this address. Check the spelling, or start again "
        "from the home page.",
        "status": 404,
    }


def test_french_pages_link_to_static_files_and_the_api_at_the_root(client):
    """(A section's own script and API address: that section's tests.)"""
    api = parse(client.get("/fr/api-docs"))

    assert api.find("link", rel="stylesheet")["href"].startswith("/static/css/site.css?v=")
    assert api.find("a", href="/api/openapi.json") is not None
    # get_text(): the long URLs have line-break opportunities (<wbr>) inside.
    assert "python examples/client.py http://localhost/." in api.find("main").get_text()
    assert "curl http://localhost/api/incomes\n" in api.find("main").get_text()


def test_redirects_and_sign_in_keep_the_visitor_in_french(app):
    client = app.test_client()

    assert client.get("/fr/user/admin").headers["Location"] == "/fr/admin"
    assert client.get("/fr/users?name=Ada").headers["Location"] == "/fr/guest/Ada"
    assert client.get("/fr/admin").headers["Location"] == "/fr/login?next=/admin"
    data = {"username": "admin", "password": DEVELOPMENT_ADMIN_PASSWORD}
    signed_in = client.post("/fr/login?next=/admin", data=data)
    assert signed_in.status_code == 302
    assert signed_in.headers["Location"] == "/fr/admin"
    # The same session on both languages' pages: one cookie for the site.
    assert heading(client.get("/admin")) == "Hello Admin"
    assert text(parse(client.get("/fr/about")).find(class_="sign-out")) == "Se déconnecter"


@pytest.fixture
def client(writer):
    # The Predict form stores predictions; its page needs the database migrated.
    return writer


def test_numbers_are_written_the_way_each_language_writes_them(client):
    made = client.post("/fr/predict", data={"years_experience": "2,5"})
    assert made.status_code == 303
    assert made.headers["Location"].startswith("/fr/predict?made=")

    french = parse(client.get(made.headers["Location"]))
    english = parse(client.get(made.headers["Location"].removeprefix("/fr")))
    # get_text(), not text(): the thousands separator is what is being checked.
    french_salary = french.find(class_="notice").find("strong").get_text()
    english_salary = english.find(class_="notice").find("strong").get_text()

    assert re.fullmatch(r"\d{1,3}(,\d{3})*\.\d{2}", english_salary), english_salary
    assert re.fullmatch(rf"\d{{1,3}}({NARROW_NO_BREAK_SPACE}\d{{3}})*,\d{{2}}", french_salary)
    assert french_salary.replace(NARROW_NO_BREAK_SPACE, "").replace(",", ".") == (
        english_salary.replace(",", "")
    )
    assert "2,5 années d\u2019expérience" in text(french.find(class_="notice"))
    assert "2.5 years of experience" in text(english.find(class_="notice"))


def test_english_pages_keep_the_decimal_point(client):
    refused = client.post("/predict", data={"years_experience": "2,5"})

    assert refused.status_code == 422
    assert "Enter a number of years, such as 3 or 2.5." in refused.text


def test_the_page_cache_keeps_each_language_apart(app):
    client = app.test_client()
    for _ in range(2):  # the second round is answered from the cache
        english, french = client.get("/about"), client.get("/fr/about")

        assert (parse(english).html["lang"], heading(english)) == ("en", f"About {SITE_NAME}")
        assert (parse(french).html["lang"], heading(french)) == ("fr", f"À propos de {SITE_NAME}")


def test_a_site_mounted_under_a_path_keeps_it_in_every_language(app):
    client = app.test_client()
    page = parse(client.get("/fr/about", base_url="http://localhost/site"))

    assert page.find(class_="brand")["href"] == "/site/fr/"
    assert page.find("header").find("a", hreflang="en")["href"] == "/site/about"
    assert page.find("link", rel="stylesheet")["href"].startswith("/site/static/css/site.css")
    assert page.find("link", hreflang="fr")["href"] == "http://localhost/site/fr/about"


def test_the_sitemap_names_each_page_in_both_languages_as_the_page_does(client):
    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").data)  # noqa: S314 (ours)
    entries = {
        entry.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href")
            for link in entry.iter(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        for entry in sitemap.iter(f"{SITEMAP}url")
    }

    assert entries["http://localhost/about"] == {
        "en": "http://localhost/about",
        "fr": "http://localhost/fr/about",
        "x-default": "http://localhost/about",
    }
    assert entries["http://localhost/fr/about"] == entries["http://localhost/about"]
    # The same alternates as the page's own <link rel="alternate"> elements.
    page = parse(client.get("/fr/about"))
    links = {link["hreflang"]: link["href"] for link in page.find_all("link", hreflang=True)}
    assert links == entries["http://localhost/fr/about"]
    assert len(entries) == 2 * len({alternates["en"] for alternates in entries.values()})


def test_a_missing_compiled_catalogue_stops_start_up_with_what_to_run(tmp_path):
    (tmp_path / "fr" / "LC_MESSAGES").mkdir(parents=True)
    with pytest.raises(RuntimeError) as stopped:
        create_app(
            {"APP_ENV": "testing", "BABEL_TRANSLATION_DIRECTORIES": str(tmp_path)}, environ={}
        )

    assert str(stopped.value) == (
        f"The Français catalogue is not compiled ({tmp_path}/fr/LC_MESSAGES/messages.mo is "
        f"missing): run `make translations`, or `pybabel compile -d {tmp_path}`."
    )


@pytest.fixture
def production_like(tmp_path):
    """Production's Secure cookie (so a form over plain HTTP is refused), handling its
    own exceptions, with a view that fails and one that answers a code the site has no
    words of its own for."""
    app = create_app(
        {
            "APP_ENV": "testing",
            "DATABASE_URL": sqlite_url(tmp_path),
            "SESSION_COOKIE_SECURE": True,
            "PROPAGATE_EXCEPTIONS": False,
        },
        environ={},
    )
    app.add_url_rule("/fails", "fails", lambda: 1 / 0)
    app.add_url_rule("/teapot", "teapot", lambda: abort(418))
    return app


def test_error_pages_speak_french(production_like, caplog):
    https = {"base_url": "https://localhost"}
    browser = production_like.test_client()
    form = {"username": "admin", "password": "wrong"}
    over_http = browser.post("/fr/login", data=form)
    too_many = [browser.post("/fr/login", data=form, **https) for _ in range(6)][-1]
    from_another_site = {**https, "headers": {"Sec-Fetch-Site": "cross-site"}}
    with caplog.at_level(logging.CRITICAL):
        failed = browser.get("/fr/fails")

    assert [
        (over_http.status_code, heading(over_http)),
        (too_many.status_code, heading(too_many)),
        (failed.status_code, heading(failed)),
        (browser.get("/fr/teapot").status_code, heading(browser.get("/fr/teapot"))),
        (
            browser.post("/fr/logout", **from_another_site).status_code,
            heading(browser.post("/fr/logout", **from_another_site)),
        ),
    ] == [
        (403, "HTTPS nécessaire"),
        (429, "Trop de tentatives"),
        (500, "Quelque chose s\u2019est mal passé"),
        (418, "La requête a échoué"),
        (403, "Envoyé depuis un autre site"),
    ]
    # English keeps Werkzeug's words for a code the site has none of its own for.
    assert heading(browser.get("/teapot")) == "I'm a teapot"


def test_the_home_page_holds_a_hint_for_french_readers_and_never_redirects(client):
    home = parse(client.get("/"))
    hint = home.find(attrs={"data-language-hint": "fr"})

    # Hidden until language-hint.js sees a browser preferring French; in French.
    assert hint.has_attr("hidden")
    assert hint["lang"] == "fr"
    assert text(hint) == "Ce site existe aussi dans votre langue : Français"
    assert hint.find("a")["href"] == "/fr/"
    assert home.find("script", src=re.compile(r"^/static/js/language-hint\.js\?v="))
    # The French home page has none, and the page is the same whatever the browser says.
    assert parse(client.get("/fr/")).find(attrs={"data-language-hint": True}) is None
    french_browser = client.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert french_browser.status_code == 200
    assert french_browser.data == client.get("/").data
