"""The docs name every setting, route and make target, so neither docs nor code can drift."""

from __future__ import annotations

import fnmatch
import json
import re
import tomllib

import pytest

from site_app.i18n.languages import LANGUAGES
from tests.processes import PROJECT_ROOT

DOCS = PROJECT_ROOT / "docs"
README = (PROJECT_ROOT / "README.md").read_text()
ALL_DOCS = README + "".join(page.read_text() for page in sorted(DOCS.glob("*.md")))

# environ.get("NAME"), read.whole_number("NAME", ...), os.environ.get("NAME"), ...
READ_SETTING = re.compile(r"""(?:environ\.get|read\.\w+)\(\s*"([A-Z][A-Z0-9_]+)\"""")
SETTINGS_MODULES = [
    "config.py",
    "gunicorn.conf.py",
    *sorted(
        str(path.relative_to(PROJECT_ROOT))
        for path in (PROJECT_ROOT / "site_app" / "settings").glob("*.py")
    ),
]


def settings_read_by(filename: str) -> set[str]:
    return set(READ_SETTING.findall((PROJECT_ROOT / filename).read_text()))


SETTINGS = sorted(set().union(*(settings_read_by(name) for name in SETTINGS_MODULES)))
# Every .PHONY line of the Makefile, a backslash continuing one onto the next.
MAKEFILE = (PROJECT_ROOT / "Makefile").read_text().replace("\\\n", " ")
MAKE_TARGETS = " ".join(re.findall(r"^\.PHONY: (.*)$", MAKEFILE, re.M))
PROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
# Each requirement's name, without its extras, version range or markers.
DEPENDENCIES = sorted(
    {
        re.split(r"[\[<>=!~;\s]", requirement)[0]
        for requirement in [
            *PROJECT["dependencies"],
            *(line for extra in PROJECT["optional-dependencies"].values() for line in extra),
        ]
    }
    - {"site_app"}
)
# What npm installs: the tests' tools (package.json) and the audit's (audit/package.json).
NPM_DEPENDENCIES = sorted(
    name
    for manifest in ("package.json", "audit/package.json")
    for name in json.loads((PROJECT_ROOT / manifest).read_text())["devDependencies"]
)


def test_the_settings_are_found():
    assert {"SECRET_KEY", "TRUSTED_HOSTS", "SITE_NAME", "WEB_CONCURRENCY"} <= set(SETTINGS)


@pytest.mark.parametrize("name", SETTINGS)
def test_every_setting_is_in_env_example(name):
    assert re.search(rf"^# {name}=", (PROJECT_ROOT / ".env.example").read_text(), re.M)


@pytest.mark.parametrize("name", SETTINGS)
def test_every_setting_is_in_the_settings_page(name):
    assert f"| `{name}` |" in (DOCS / "settings.md").read_text()


def test_every_route_of_the_url_map_is_in_the_routes_page(app):
    routes_page = (DOCS / "routes.md").read_text()
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        # Written without converters: /api/incomes/<income_id>.
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", rule.rule)
        if f"`{path}`" not in routes_page or f"`{rule.endpoint}`" not in routes_page:
            missing.append(f"{path} ({rule.endpoint})")

    assert missing == []


@pytest.mark.parametrize("target", MAKE_TARGETS.split())
def test_every_make_target_is_documented(target):
    assert f"make {target}" in ALL_DOCS


def test_the_dependencies_are_found():
    assert {"Flask", "SQLAlchemy", "gunicorn", "psycopg", "pytest"} <= set(DEPENDENCIES)


# Every package named in the first column of the dependencies page's table, lowercased.
EXPLAINED = {
    word.lower()
    for row in (DOCS / "dependencies.md").read_text().splitlines()
    if row.startswith("|")
    for word in re.findall(r"[\w.@/-]+", row.split("|")[1])
}


@pytest.mark.parametrize("name", DEPENDENCIES + NPM_DEPENDENCIES)
def test_every_dependency_is_explained_on_the_dependencies_page(name):
    """Each package pyproject.toml or a package.json asks for has a row saying why
    (names as PyPI or npm spell them, whatever their case)."""
    assert name.lower() in EXPLAINED


# Files the docs show as what a command makes: a new section, a new language.
# Files the docs' examples make: a section blog, renamed journal, and a language.
MADE_BY_COMMANDS = {
    "site_app/blueprints/blog.py",
    "site_app/templates/blog/index.html",
    "tests/test_blog.py",
    "site_app/blueprints/journal.py",
    "tests/test_journal.py",
    "site_app/translations/de/LC_MESSAGES/messages.po",
    # A section's own script and browser tests, where it has them.
    "site_app/static/js/blog.js",
    "tests/browser/test_blog.py",
}
# The template's own tests, which a site made with Copier is made without (copier.yml).
TEMPLATE_ONLY = {"tests/test_template.py", "tests/test_copier_update.py"}
# The code's folders (the ones make check's copy of the project holds too).
PROJECT_FILE = re.compile(r"`((?:site_app|tests|tools)/[\w./-]*\w)`")


def test_every_project_file_the_docs_name_exists():
    named = set(PROJECT_FILE.findall(ALL_DOCS))
    if not (PROJECT_ROOT / "copier.yml").exists():  # a site made from the template
        named -= TEMPLATE_ONLY
    if "fr" not in LANGUAGES:  # a site made English only has no French catalogue
        named = {path for path in named if not path.startswith("site_app/translations/fr/")}
    missing = sorted(
        path for path in named - MADE_BY_COMMANDS if not (PROJECT_ROOT / path).exists()
    )

    assert len(named) > 40
    assert missing == []


def test_the_readme_is_a_short_front_page_whose_links_all_resolve():
    links = re.findall(r"\]\(((?:docs/)[^)#]+)", README)

    assert len(README.splitlines()) <= 150
    assert {"docs/architecture.md", "docs/sections.md", "docs/settings.md"} <= set(links)
    assert [link for link in links if not (PROJECT_ROOT / link).exists()] == []


def test_every_docs_page_is_linked_from_the_readme():
    linked = set(re.findall(r"\]\(docs/([^)#]+\.md)", README))

    assert {page.name for page in DOCS.glob("*.md")} == linked


def test_links_between_docs_pages_resolve():
    broken = [
        f"{page.name} -> {target}"
        for page in DOCS.glob("*.md")
        for target in re.findall(r"\]\(([^)#:]+\.md)", page.read_text())
        if not (page.parent / target).exists()
    ]

    assert broken == []


def test_every_top_level_entry_is_in_the_readme_layout():
    """A newcomer meets the top level first: each file and folder there is explained."""
    layout = README.split("## Layout", 1)[1].split("```", 2)[1]
    ignored = [
        line.strip().strip("/")
        for line in (PROJECT_ROOT / ".gitignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    entries = [
        path.name
        for path in PROJECT_ROOT.iterdir()
        if path.name not in {".git", "README.md"}
        and not any(fnmatch.fnmatch(path.name, pattern) for pattern in ignored)
    ]

    assert {"site_app", "config.py", "wsgi.py"} <= set(entries)
    assert [name for name in sorted(entries) if name not in layout] == []
