"""``flask --app wsgi new-section NAME [--label LABEL]``: start a section of the site.

Like Django's ``startapp``, for one section: it writes the blueprint module, its page
template and its test file, adds the section's line to the list in
``site_app/blueprints/__init__.py`` and its row to docs/routes.md, and brings the
catalogues up to date (``make translations``) with its texts translated: the page's
sentences are ones every catalogue already translates, the label is copied as it is
(names often read the same; a translator changes it where not). What it writes passes
``make check`` as it is. It refuses, writing nothing, a name that is not a lowercase
identifier, that is reserved, or that an existing section, blueprint, URL or file
already uses.
"""

from __future__ import annotations

import ast
import keyword
import re
import unicodedata
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from site_app.cli.catalogues import (
    catalogue_paths,
    catalogue_translation,
    translate,
    update_catalogues,
)
from site_app.cli.section_files import (
    SECTION_SENTENCE,
    section_paths,
    section_texts,
    with_route_row,
)

NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
MAX_NAME_LENGTH = 30
MAX_LABEL_LENGTH = 30
# ruff's line-length (pyproject.toml).
MAX_LINE_LENGTH = 100
# Characters a label may not hold: it is written into Python strings and a template.
LABEL_FORBIDDEN = re.compile(r"""[{}%#<>"\\]""")
# ...nor any control or format character, nor a line or paragraph separator: Python's
# str.splitlines breaks a line at U+2028 where its parser does not.
LABEL_FORBIDDEN_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
# First path segments the site keeps for itself, now or later (translations, metrics).
RESERVED = frozenset(
    {"admin", "api", "about", "static", "login", "logout", "sitemap", "robots", "favicon"}
    | {"metrics", "healthz", "health", "en", "fr", "index", "test", "tests", "new"}
)


@click.command("new-section")
@click.argument("name")
@click.option("--label", help="The navigation label (default: NAME with a capital).")
@with_appcontext
def new_section_command(name: str, label: str | None) -> None:
    """Write a new section NAME: its blueprint, template, tests and line in the list."""
    project = Path(current_app.root_path).parent
    label = label.strip() if label is not None else name.replace("_", " ").capitalize()
    if problem := name_problem(name) or label_problem(label) or clash(name, project):
        raise click.ClickException(problem)
    # Every text is made before anything is written: a failure leaves nothing half done.
    files = section_texts(name, label)
    sections_module = project / "site_app" / "blueprints" / "__init__.py"
    listed = with_section_line(sections_module.read_text(), name, label)
    routes_page = project / "docs" / "routes.md"
    routes = with_route_row(routes_page.read_text(), name, label) if routes_page.exists() else None
    for relative_path, text in files.items():
        target = project / relative_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        click.echo(f"wrote {relative_path}")
    sections_module.write_text(listed)
    click.echo("added it to SECTIONS in site_app/blueprints/__init__.py")
    if routes is not None:
        routes_page.write_text(routes)
        click.echo(f"added /{name} to docs/routes.md")
    if not (project / "babel.cfg").exists():  # a site in one language: no catalogues
        click.echo(f"Serve it with `make run` and open /{name}; run its tests with `make check`.")
        return
    update_catalogues(project)
    sentence = section_sentence(label)
    for po_path in catalogue_paths(project).values():
        translated = catalogue_translation(po_path, SECTION_SENTENCE) % {"section": label}
        translate(po_path, {label: label, sentence: translated})
        click.echo(
            f"translated its texts in {po_path.relative_to(project)}: the label {label!r} "
            "is kept as it is, change it there if it reads otherwise (docs/translations.md)"
        )
    click.echo(f"Serve it with `make run` and open /{name}; run its tests with `make check`.")


def section_sentence(label: str) -> str:
    """The home page's sentence for a new section, in English."""
    return SECTION_SENTENCE % {"section": label}


def name_problem(name: str) -> str | None:
    if not NAME_PATTERN.fullmatch(name) or len(name) > MAX_NAME_LENGTH or keyword.iskeyword(name):
        return (
            f"{name!r} is not a section name: use a lowercase identifier of at most "
            f"{MAX_NAME_LENGTH} characters (a letter first, then letters, digits and "
            "underscores, not a Python keyword), such as blog or price_list."
        )
    if name in RESERVED:
        return f"{name!r} is reserved for the site's own paths: choose another name."
    return None


def label_problem(label: str) -> str | None:
    if (
        not label
        or len(label) > MAX_LABEL_LENGTH
        or LABEL_FORBIDDEN.search(label)
        or any(unicodedata.category(c) in LABEL_FORBIDDEN_CATEGORIES for c in label)
    ):
        return (
            f"{label!r} is not a navigation label: use 1 to {MAX_LABEL_LENGTH} characters "
            'of plain text on one line (none of { } % # < > " \\).'
        )
    return None


def clash(name: str, project: Path) -> str | None:
    """What already uses ``name``: a section, blueprint, first URL segment or file."""
    sections = current_app.extensions["sections"]
    if name in {section.name for section in sections} | set(current_app.blueprints):
        return f"There is already a section or blueprint named {name!r}: choose another name."
    for rule in current_app.url_map.iter_rules():
        first_segment = rule.rule.strip("/").split("/")[0].split(".")[0]
        if first_segment == name:
            return (
                f"The URL {rule.rule} already starts with /{name}: choose another name, "
                "or the new section's page would clash with it."
            )
    for relative_path in section_paths(name):
        if (project / relative_path).exists():
            return f"{relative_path} already exists: choose another name, or remove it first."
    return None


def with_section_line(source: str, name: str, label: str) -> str:
    """``source`` with a ``Section(...)`` line added at the end of its SECTIONS tuple."""
    tuple_end = None
    for node in ast.parse(source).body:
        if (
            isinstance(node, ast.AnnAssign | ast.Assign)
            and "SECTIONS" in ast.unparse(node).split("=")[0]
            and isinstance(node.value, ast.Tuple)
        ):
            tuple_end = node.value.end_lineno
    if tuple_end is None:
        raise click.ClickException(
            "site_app/blueprints/__init__.py has no SECTIONS = (...) tuple to add to."
        )
    lines = source.splitlines(keepends=True)
    # The tuple's closing parenthesis is alone on its last line, as ruff formats it.
    lines.insert(tuple_end - 1, section_line(name, label))
    return "".join(lines)


def section_line(name: str, label: str) -> str:
    """The new entry, laid out as ruff format lays it out, so the file stays formatted."""
    # The label and sentence are marked for the translators' catalogue (N_).
    arguments = [f'"{name}"', f'N_("{label}")', f'N_("{section_sentence(label)}")']
    one_line = f"    Section({', '.join(arguments)}),\n"
    if len(one_line) <= MAX_LINE_LENGTH + 1:
        return one_line
    hanging = f"        {', '.join(arguments)}\n"
    if len(hanging) <= MAX_LINE_LENGTH + 1:
        return f"    Section(\n{hanging}    ),\n"
    return "    Section(\n" + "".join(f"        {arg},\n" for arg in arguments) + "    ),\n"
