"""``flask --app wsgi remove-section``: the inverse of new-section, run for real on a copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import click
import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from site_app.blueprints import SECTIONS
from site_app.cli.catalogues import catalogue_paths, update_catalogues, write_catalogue
from site_app.cli.remove_section import (
    forget_obsolete,
    translated_texts,
    without_route_rows,
    without_section_line,
)
from tests.languages import needs_french
from tests.processes import BIN, PROJECT_ROOT, run
from tests.test_new_section import (
    catalogue,
    copy_whole_project,
    environment,
    new_section,
    snapshot,
)

NEW = "sample_removed_by_tests"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A full copy of the project, which the commands change."""
    return copy_whole_project(tmp_path_factory.mktemp("project"))


def remove_section(project: Path, name: str):
    command = [str(BIN / "flask"), "--app", "wsgi", "remove-section", name]
    return run(command, project, environment(project))


def served(project: Path, *paths: str) -> list[str]:
    """Each path's status, and whether the home page links to it, from the copy's app."""
    script = (
        "import wsgi; client = wsgi.app.test_client(); home = client.get('/').text; "
        f"print(*[f'{{client.get(p).status_code}}:{{(chr(34) + p + chr(34)) in home}}' "
        f"for p in {list(paths)!r}])"
    )
    result = run(
        [str(BIN / "python"), "-c", script], project, environment(project, APP_ENV="testing")
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


# The real command once (exit status, one line on stderr, nothing changed); the other
# refusals in process, below.
@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "api",
            "Error: site_app/templates/api_docs/index.html links to the section 'api' by "
            "endpoint (api.…): change it first, then remove the section.",
        ),
    ],
)
def test_a_section_that_cannot_go_is_refused_and_nothing_changes(project, name, message):
    before = snapshot(project)

    result = remove_section(project, name)

    assert result.returncode == 1
    assert result.stderr.startswith(message), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(project) == before


@pytest.mark.project_copy
@needs_french  # the French catalogue gets the texts, then loses them
def test_removing_a_new_section_leaves_the_project_as_it_was(project):
    before = snapshot(project)
    assert new_section(project, NEW, "--label", "Short lived").returncode == 0
    assert "Short lived" in catalogue(project, "fr")

    result = remove_section(project, NEW)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"removed site_app/blueprints/{NEW}.py",
        f"removed site_app/templates/{NEW}",
        f"removed tests/test_{NEW}.py",
        "removed it from SECTIONS in site_app/blueprints/__init__.py",
        "removed its routes from docs/routes.md",
        "removed its texts from site_app/translations/fr/LC_MESSAGES/messages.po",
        "Run `make check` to see the site without it.",
    ]
    # Files, the list, the routes page and the catalogues (texts and compiled) alike.
    after = snapshot(project)
    assert sorted(after) == sorted(before)
    assert [path for path in before if after[path] != before[path]] == []


# The command's parts, in process ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "nope",
            "There is no section named 'nope': the sections are "
            + ", ".join(section.name for section in SECTIONS)
            + ".",
        ),
        ("pages", "The site needs the section 'pages' (the layout, or the probes)"),
        ("account", "The site needs the section 'account'"),
        ("health", "The site needs the section 'health'"),
        ("users", "site_app/blueprints/account.py links to the section 'users'"),
        ("about", "site_app/templates/base.html links to the section 'about'"),
    ],
)
def test_the_command_refuses_in_one_line(runner, name, message):
    result = runner.invoke(args=["remove-section", name])

    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {message}")
    assert len(result.output.strip().splitlines()) == 1


def test_a_sections_entry_is_taken_out_whatever_its_layout():
    source = (
        "SECTIONS = (\n"
        '    Section("pages", N_("Home")),\n'
        "    Section(\n"
        '        "blog",\n'
        '        N_("Blog"),\n'
        "    ),\n"
        '    Section("account"),\n'
        ")\n"
    )

    assert without_section_line(source, "blog") == (
        'SECTIONS = (\n    Section("pages", N_("Home")),\n    Section("account"),\n)\n'
    )
    assert without_section_line(source, "pages").count("Section(") == 2


def test_an_entry_sharing_its_line_is_left_for_a_person_to_remove():
    source = 'SECTIONS = (Section("pages"), Section("blog"))\n'

    with pytest.raises(click.ClickException, match="no line of its own for 'blog'"):
        without_section_line(source, "blog")


def test_only_the_sections_route_rows_are_taken_out():
    page = (
        "| path | endpoint | shows |\n"
        "|---|---|---|\n"
        "| `/blog` | `blog.index` | the blog |\n"
        "| `/blog/<slug>` | `blog.post` | one post |\n"
        "| `/blogroll` | `blogroll.index` | links |\n"
    )

    assert without_route_rows(page, "blog") == (
        "| path | endpoint | shows |\n|---|---|---|\n| `/blogroll` | `blogroll.index` | links |\n"
    )


def test_only_the_texts_the_removal_made_obsolete_are_forgotten(tmp_path):
    catalogue = Catalog(locale="fr")
    catalogue.add("Kept", "Gardé")
    catalogue.obsolete["Blog"] = Message("Blog", "Blog")
    catalogue.obsolete["Old"] = Message("Old", "Ancien")
    po_path = tmp_path / "messages.po"
    write_catalogue(po_path, catalogue)

    forget_obsolete(po_path, texts_before={"Kept", "Blog"})

    with po_path.open("rb") as po:
        left = read_po(po)
    assert [str(message.id) for message in left if message.id] == ["Kept"]
    assert list(left.obsolete) == ["Old"]
    assert po_path.with_suffix(".mo").exists()


def test_the_command_in_process_on_a_copy_removes_the_predict_example(app, tmp_path):
    """The same command run by the test's own app, pointed at a whole copy: the copy's
    files change, the project's never."""
    project = copy_whole_project(tmp_path)
    app.root_path = str(project / "site_app")
    texts_before = translated_texts(project)
    predict_files = ("site_app/blueprints/predict.py", "site_app/templates/predict/")
    only_in_predict = {
        str(message.id)
        for language in catalogue_paths(project)
        for message in catalogue(project, language)
        if message.id and all(path.startswith(predict_files) for path, _ in message.locations)
    }

    result = app.test_cli_runner().invoke(args=["remove-section", "predict"])

    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:3] == [
        "removed site_app/blueprints/predict.py",
        "removed site_app/templates/predict",
        "removed tests/test_predict.py",
    ]
    assert 'Section("predict"' not in (project / "site_app/blueprints/__init__.py").read_text()
    assert "`predict.index`" not in (project / "docs/routes.md").read_text()
    if not catalogue_paths(project):  # a site in one language has no catalogue
        return
    # Exactly the texts no other file used, and its line's label and home page sentence;
    # the forms' shared messages stay.
    section_line = {"Predict", "A salary estimate from years of experience."}
    forgotten = texts_before - translated_texts(project)
    assert forgotten == only_in_predict | section_line
    assert "Not a form" in translated_texts(project)


def test_a_site_in_one_language_has_its_texts_extracted_and_no_catalogue_made(tmp_path):
    """An English-only site (copier.yml) has no site_app/translations/: make
    translations, and the removal that runs it, still extract the texts, and stop there."""
    shutil.copytree(
        PROJECT_ROOT / "site_app",
        tmp_path / "site_app",
        ignore=shutil.ignore_patterns("translations", "__pycache__"),
    )
    for name in ("babel.cfg", "tools"):
        (tmp_path / name).symlink_to(PROJECT_ROOT / name)

    update_catalogues(tmp_path)

    assert 'msgid "Home"' in (tmp_path / "build" / "messages.pot").read_text()
    assert not (tmp_path / "site_app" / "translations").exists()
