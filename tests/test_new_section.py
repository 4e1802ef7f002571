"""``flask --app wsgi new-section``: a working, tested, linted section in one command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from flask import render_template_string

from site_app.blueprints import SECTIONS
from site_app.cli.new_section import with_section_line
from site_app.cli.section_files import SECTION_SENTENCE, with_route_row
from tests.processes import BIN, PROJECT_ROOT, clean_environment, last_line, run
from tools.translations import marked_texts

# A section name no project is likely to have made already, so the test runs on any copy.
NEW = "sample_made_by_tests"
ENVIRONMENT = clean_environment()
COPIED_FILES = (
    "config.py",
    "wsgi.py",
    ".flaskenv",
    "gunicorn.conf.py",
    "pyproject.toml",
    "README.md",
    "Makefile",
    ".env.example",
    "babel.cfg",
    ".gitignore",
    # The npm packages the docs' test finds explained (tests/test_docs.py).
    "package.json",
    "audit/package.json",
)
COPIED_FOLDERS = ("site_app", "tests", "tools", "docs", "requirements")


def copy_whole_project(destination: Path) -> Path:
    """A full copy of the project in ``destination``, for commands that change files."""
    ignore = shutil.ignore_patterns("__pycache__", "*.sqlite3")
    for name in COPIED_FOLDERS:
        shutil.copytree(PROJECT_ROOT / name, destination / name, ignore=ignore)
    for name in COPIED_FILES:
        (destination / name).parent.mkdir(exist_ok=True)
        shutil.copy2(PROJECT_ROOT / name, destination / name)
    return destination


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A full copy of the project (a new section writes into it), made once per module."""
    return copy_whole_project(tmp_path_factory.mktemp("project"))


def new_section(project: Path, *arguments: str):
    command = [str(BIN / "flask"), "--app", "wsgi", "new-section", *arguments]
    return run(command, project, environment(project))


def environment(project: Path, **settings: str) -> dict[str, str]:
    # The flask command loads its plugins (check-config) before --app, which would import
    # the installed site_app: PYTHONPATH puts the copy's package ahead of it.
    return clean_environment(PYTHONPATH=str(project), FLASK_SKIP_DOTENV="0", **settings)


def texts_to_translate(project: Path) -> set[str]:
    return marked_texts(project / "site_app", project / "babel.cfg")


def catalogue(project: Path, language: str) -> Catalog:
    path = project / "site_app" / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po:
        return read_po(po)


def snapshot(project: Path) -> dict[str, bytes]:
    """Every file the command could touch, with its content; not what Python itself
    writes in __pycache__ when the command imports the site."""
    files = [
        *sorted((project / "site_app").rglob("*")),
        *sorted((project / "tests").glob("*.py")),
        *sorted((project / "docs").glob("*.md")),
    ]
    return {
        str(path): path.read_bytes()
        for path in files
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.mark.project_copy
def test_new_section_writes_a_section_that_passes_lint_and_its_tests(project):
    result = new_section(project, NEW, "--label", "Our blog")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:5] == [
        f"wrote site_app/blueprints/{NEW}.py",
        f"wrote site_app/templates/{NEW}/index.html",
        f"wrote tests/test_{NEW}.py",
        "added it to SECTIONS in site_app/blueprints/__init__.py",
        f"added /{NEW} to docs/routes.md",
    ]
    assert result.stdout.splitlines()[5].startswith(
        "translated its texts in site_app/translations/fr/LC_MESSAGES/messages.po: the label "
        "'Our blog' is kept as it is"
    )
    listed = (project / "site_app" / "blueprints" / "__init__.py").read_text()
    assert f'    Section("{NEW}", N_("Our blog"), N_("The Our blog section.")),\n)\n' in listed
    # Every text it shows is in the catalogue, translated: the label as it is, the
    # sentences from the ones every new section shares.
    assert {"Our blog", "The Our blog section."} <= texts_to_translate(project)
    assert SECTION_SENTENCE in texts_to_translate(project)
    french = catalogue(project, "fr")
    assert french["Our blog"].string == "Our blog"
    assert french["The Our blog section."].string == "La section Our blog."
    page = run(
        [
            str(BIN / "python"),
            "-c",
            f"import wsgi; print(wsgi.app.test_client().get('/fr/{NEW}').text)",
        ],
        project,
        environment(project, APP_ENV="testing"),
    )
    assert "La section Our blog : sa vue est <code>site_app/blueprints/" in page.stdout

    lint = run([str(BIN / "ruff"), "check", "."], project, environment(project))
    assert lint.returncode == 0, lint.stdout
    formatting = run([str(BIN / "ruff"), "format", "--check", "."], project, environment(project))
    assert formatting.returncode == 0, formatting.stdout

    # The new section's own tests, and the site-wide ones it must not break.
    suite = [
        f"tests/test_{NEW}.py",
        "tests/test_docs.py",
        "tests/test_navigation.py",
        "tests/test_about.py",
        "tests/test_pages.py",
        "tests/test_layout.py",
        "tests/test_translations.py",
    ]
    tests = run(
        [str(BIN / "pytest"), "-q", "-p", "no:cacheprovider", *suite],
        project,
        environment(project),
        120,
    )
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert " passed" in last_line(tests.stdout)


@pytest.mark.project_copy
def test_the_new_page_is_served_in_the_navigation_of_every_page(project):
    if not (project / "site_app" / "blueprints" / f"{NEW}.py").exists():
        new_section(project, NEW, "--label", "Our blog")
    script = (
        "import wsgi; client = wsgi.app.test_client(); "
        f"print(client.get('/{NEW}').status_code, client.get('/').text.count('href=\"/{NEW}\"'), "
        f"'<loc>http://localhost/{NEW}</loc>' in client.get('/sitemap.xml').text)"
    )
    result = run(
        [str(BIN / "python"), "-c", script], project, environment(project, APP_ENV="testing")
    )

    # 200; linked from the navigation and from the home page's card; in the sitemap.
    assert result.stdout.split() == ["200", "2", "True"], result.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["Blog"], "'Blog' is not a section name: use a lowercase identifier"),
        (["2blog"], "'2blog' is not a section name"),
        (["my-blog"], "'my-blog' is not a section name"),
        (["class"], "'class' is not a section name"),
        (["b" * 31], "is not a section name"),
        (["api"], "'api' is reserved for the site's own paths: choose another name."),
        (["static"], "'static' is reserved"),
        (["login"], "'login' is reserved"),
        (["users"], "There is already a section or blueprint named 'users'"),
        (["user"], "The URL /user/<path:name> already starts with /user: choose another name"),
        (["hello"], "The URL /hello/<path:name> already starts with /hello"),
        (["layout"], "tests/test_layout.py already exists: choose another name"),
        (["shop", "--label", "<b>Shop</b>"], "'<b>Shop</b>' is not a navigation label"),
        (["shop", "--label", "{{ 7 * 7 }}"], "is not a navigation label"),
        (["shop", "--label", ""], "'' is not a navigation label"),
        # Line and paragraph separators: Python's splitlines breaks lines there.
        (["shop", "--label", "A\u2028B"], "is not a navigation label"),
        (["shop", "--label", "A\u2029B"], "is not a navigation label"),
        (["shop", "--label", "A\x85B"], "is not a navigation label"),
        (["shop", "--label", "A\u200bB"], "is not a navigation label"),
    ],
)
def test_a_bad_or_taken_name_is_refused_and_nothing_is_written(runner, arguments, message):
    """In process, on this project: a refusal writes nothing, so nothing here changes."""
    before = snapshot(PROJECT_ROOT)

    result = runner.invoke(args=["new-section", *arguments])

    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert snapshot(PROJECT_ROOT) == before


def test_a_bad_name_is_refused_by_the_real_command(project):
    before = snapshot(project)

    result = new_section(project, "My-Blog")

    assert result.returncode == 1
    assert last_line(result.stderr).startswith("Error: 'My-Blog' is not a section name")
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(project) == before


def test_the_same_name_twice_is_refused(project):
    if not (project / "site_app" / "blueprints" / f"{NEW}.py").exists():
        new_section(project, NEW)
    before = snapshot(project)

    result = new_section(project, NEW)

    assert result.returncode == 1
    assert last_line(result.stderr) == (
        f"Error: There is already a section or blueprint named {NEW!r}: choose another name."
    )
    assert snapshot(project) == before


def test_every_existing_section_name_is_refused(runner):
    for section in SECTIONS:
        result = runner.invoke(args=["new-section", section.name])

        assert result.exit_code == 1
        assert "choose another name" in result.output or "reserved" in result.output


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    """The two files the command edits, in a folder of their own."""
    for relative_path in ("site_app/blueprints/__init__.py", "docs/routes.md"):
        (tmp_path / relative_path).parent.mkdir(parents=True)
        shutil.copy2(PROJECT_ROOT / relative_path, tmp_path / relative_path)
    return tmp_path


def test_in_process_the_command_writes_into_the_app_s_project(app, small_project):
    """The same command in process, with the app pointed at a throwaway project folder."""
    app.root_path = str(small_project / "site_app")

    result = app.test_cli_runner().invoke(args=["new-section", "price_list"])

    assert result.exit_code == 0, result.output
    blueprint = (small_project / "site_app" / "blueprints" / "price_list.py").read_text()
    assert 'bp = Blueprint("price_list", __name__)' in blueprint
    assert '@bp.get("/price_list")' in blueprint
    page = (small_project / "site_app" / "templates" / "price_list" / "index.html").read_text()
    assert '{% set section = _("Price list") %}' in page
    assert "<h1>{{ section }}</h1>" in page
    routes = (small_project / "docs" / "routes.md").read_text()
    assert "| `/price_list` | `price_list.index` | the Price list section |\n" in routes
    sections = (small_project / "site_app" / "blueprints" / "__init__.py").read_text()
    assert sections.endswith(
        '    Section("price_list", N_("Price list"), N_("The Price list section.")),\n)\n'
    )


def test_a_label_is_escaped_in_the_page_and_kept_in_the_list(app, small_project):
    app.root_path = str(small_project / "site_app")
    (small_project / "docs" / "routes.md").unlink()  # a project without the docs page

    result = app.test_cli_runner().invoke(args=["new-section", "shop", "--label", "Tom & Jerry's"])

    assert result.exit_code == 0, result.output
    assert "docs/routes.md" not in result.output
    page = (small_project / "site_app" / "templates" / "shop" / "index.html").read_text()
    # As typed: it is a message id, and a translated text is markup the site trusts (a
    # label can hold no "<", ">" or quote, so none can make an element).
    label_line = next(line for line in page.splitlines() if line.startswith("{% set"))
    assert label_line == '{% set section = _("Tom & Jerry\'s") %}'
    with app.test_request_context():
        rendered = render_template_string(label_line + "<h1>{{ section }}</h1>")
    assert rendered == "<h1>Tom & Jerry's</h1>"
    assert BeautifulSoup(rendered, "html.parser").h1.get_text() == "Tom & Jerry's"
    tests = (small_project / "tests" / "test_shop.py").read_text()
    assert 'assert heading(response) == "Tom & Jerry\'s"' in tests


def test_a_sections_module_without_the_list_is_refused(app, small_project):
    app.root_path = str(small_project / "site_app")
    (small_project / "site_app" / "blueprints" / "__init__.py").write_text("SECTIONS = []\n")

    result = app.test_cli_runner().invoke(args=["new-section", "shop"])

    assert result.exit_code == 1
    assert result.output == (
        "Error: site_app/blueprints/__init__.py has no SECTIONS = (...) tuple to add to.\n"
    )
    assert not (small_project / "site_app" / "blueprints" / "shop.py").exists()


@pytest.mark.parametrize(
    ("name", "label"),
    # One line; one line of arguments inside Section( ); one argument a line.
    [("shop", "Shop"), ("n" * 20, "Label " + "x" * 16), ("a" * 30, "b" * 30)],
)
def test_the_new_line_is_laid_out_as_ruff_formats_it(tmp_path, name, label):
    source = (PROJECT_ROOT / "site_app" / "blueprints" / "__init__.py").read_text()
    module = tmp_path / "sections.py"
    module.write_text(with_section_line(source, name, label))

    settings = str(PROJECT_ROOT / "pyproject.toml")
    check = run(
        [str(BIN / "ruff"), "format", "--check", "--config", settings, str(module)],
        tmp_path,
        ENVIRONMENT,
    )

    assert check.returncode == 0, check.stdout
    assert f'"{name}",' in module.read_text() or f'"{name}", ' in module.read_text()


def test_a_routes_page_without_a_table_is_left_as_it_is():
    assert with_route_row("# Routes\n\nNone yet.\n", "shop", "Shop") == "# Routes\n\nNone yet.\n"


def site_checks(project: Path, *tests: str) -> None:
    """What `make check` would say of the copy: ruff, and the tests a section's files,
    list line, routes row and catalogue entries can break."""
    lint = run([str(BIN / "ruff"), "check", "."], project, environment(project))
    assert lint.returncode == 0, lint.stdout
    suite = [
        *tests,
        "tests/test_docs.py",
        "tests/test_navigation.py",
        "tests/test_sections.py",
        "tests/test_layout.py",
        "tests/test_translations.py",
    ]
    # One process: these few hundred tests take ~10 s, less than two more pytest
    # processes take to start and collect (make template-check runs two tests at once).
    command = [str(BIN / "pytest"), "-q", "-p", "no:cacheprovider", *suite]
    result = run(command, project, environment(project), 180)
    assert result.returncode == 0, result.stdout[-3000:]


def make_translations(project: Path) -> None:
    """`make translations`, as the Makefile runs it."""
    command = [str(BIN / "flask"), "--app", "wsgi", "translations"]
    assert run(command, project, environment(project)).returncode == 0


@pytest.mark.project_copy
def test_the_docs_rename_and_remove_steps_each_leave_a_passing_site(tmp_path):
    """docs/sections.md's steps, followed to the letter on a section new-section made."""
    project = copy_whole_project(tmp_path)
    assert new_section(project, "blog").returncode == 0

    # Rename: move the three, rename the blueprint and template paths, the list's line
    # and the routes row's endpoint, then make translations.
    moves = {
        "site_app/blueprints/blog.py": "site_app/blueprints/journal.py",
        "site_app/templates/blog": "site_app/templates/journal",
        "tests/test_blog.py": "tests/test_journal.py",
    }
    for old, new in moves.items():
        (project / old).rename(project / new)
    edits = {
        "site_app/blueprints/journal.py": [
            ('Blueprint("blog"', 'Blueprint("journal"'),
            ('render_template("blog/', 'render_template("journal/'),
        ],
        "site_app/blueprints/__init__.py": [('Section("blog"', 'Section("journal"')],
        "docs/routes.md": [("`blog.index`", "`journal.index`")],
    }
    for path, replacements in edits.items():
        text = (project / path).read_text()
        for old, new in replacements:
            assert old in text, (path, old)
            text = text.replace(old, new)
        (project / path).write_text(text)
    make_translations(project)
    site_checks(project, "tests/test_journal.py")

    # Remove: the command, then the checks.
    command = [str(BIN / "flask"), "--app", "wsgi", "remove-section", "journal"]
    removed = run(command, project, environment(project))
    assert removed.returncode == 0, removed.stderr
    site_checks(project)
    assert not (project / "site_app/blueprints/journal.py").exists()
    assert "Blog" not in catalogue(project, "fr")
    assert (
        '#~ msgid "Blog"'
        not in (project / "site_app/translations/fr/LC_MESSAGES/messages.po").read_text()
    )
