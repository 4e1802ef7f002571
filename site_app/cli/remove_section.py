"""``flask --app wsgi remove-section NAME``: take a section out of the site.

The inverse of ``new-section``: it deletes the section's blueprint module, its template
folder, its script and its test files, its line in ``SECTIONS``
(site_app/blueprints/__init__.py) and its rows in docs/routes.md, and brings the
catalogues up to date with its texts taken out of them (entries no other page uses). It
refuses, changing nothing, a name that is no section, a section the layout needs, and a
section another file of the package still names an endpoint of (a template's url_for of
the People page, say): that file is named, to be changed first.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import click
from babel.messages.pofile import read_po
from flask import current_app
from flask.cli import with_appcontext

from site_app.cli.catalogues import catalogue_paths, update_catalogues, write_catalogue

# The layout (base.html) needs the home page and Sign in; load balancers need the probes.
NEEDED = frozenset({"pages", "account", "health"})


@click.command("remove-section")
@click.argument("name")
@with_appcontext
def remove_section_command(name: str) -> None:
    """Remove the section NAME: its blueprint, templates, tests, texts and line in the list."""
    project = Path(current_app.root_path).parent
    sections_module = project / "site_app" / "blueprints" / "__init__.py"
    if problem := section_problem(name) or linked_from(name, project):
        raise click.ClickException(problem)
    # Every change is worked out before anything is deleted: a refusal changes nothing.
    listed = without_section_line(sections_module.read_text(), name)
    routes_page = project / "docs" / "routes.md"
    routes = without_route_rows(routes_page.read_text(), name) if routes_page.exists() else None
    texts_before = translated_texts(project)

    # The list first: from then on the site no longer imports the files deleted next.
    sections_module.write_text(listed)
    done = ["removed it from SECTIONS in site_app/blueprints/__init__.py"]
    if routes is not None and routes != routes_page.read_text():
        routes_page.write_text(routes)
        done.append("removed its routes from docs/routes.md")
    files = section_files(name, project)
    for path in files:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    for line in [f"removed {path.relative_to(project).as_posix()}" for path in files] + done:
        click.echo(line)
    if (project / "babel.cfg").exists():
        update_catalogues(project)
        for po_path in catalogue_paths(project).values():
            forget_obsolete(po_path, texts_before)
            click.echo(f"removed its texts from {po_path.relative_to(project).as_posix()}")
    click.echo("Run `make check` to see the site without it.")


def section_problem(name: str) -> str | None:
    names = [section.name for section in current_app.extensions["sections"]]
    if name not in names:
        return f"There is no section named {name!r}: the sections are {', '.join(names)}."
    if name in NEEDED:
        return f"The site needs the section {name!r} (the layout, or the probes): it stays."
    return None


def section_files(name: str, project: Path) -> list[Path]:
    """The section's own files that exist: its module (or package), templates, script,
    tests and browser tests, by the names docs/sections.md gives them."""
    candidates = [
        project / "site_app" / "blueprints" / f"{name}.py",
        project / "site_app" / "blueprints" / name,
        project / "site_app" / "templates" / name,
        project / "site_app" / "static" / "js" / f"{name}.js",
        project / "tests" / f"test_{name}.py",
        project / "tests" / "browser" / f"test_{name}.py",
    ]
    return [path for path in candidates if path.exists()]


def linked_from(name: str, project: Path) -> str | None:
    """The first file outside the section's own that names one of its endpoints."""
    endpoint = re.compile(rf"""["']{re.escape(name)}\.\w+["']""")
    own = section_files(name, project)
    package = project / "site_app"
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.html")]):
        if any(path == mine or path.is_relative_to(mine) for mine in own):
            continue
        if endpoint.search(path.read_text(encoding="utf-8")):
            where = path.relative_to(project).as_posix()
            return (
                f"{where} links to the section {name!r} by endpoint ({name}.…): "
                "change it first, then remove the section."
            )
    return None


def without_section_line(source: str, name: str) -> str:
    """``source`` without the ``Section("name", ...)`` entry of its SECTIONS tuple."""
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "Section"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value == name
            and node.end_lineno is not None
        ):
            lines = source.splitlines(keepends=True)
            # One entry per line (or lines), as ruff formats the tuple: remove them all.
            entry = lines[node.lineno - 1 : node.end_lineno]
            if entry[0].strip().startswith("Section(") and entry[-1].strip() == (
                entry[-1].strip().rstrip(",") + ","
            ):
                return "".join(lines[: node.lineno - 1] + lines[node.end_lineno :])
    raise click.ClickException(
        f"site_app/blueprints/__init__.py has no line of its own for {name!r} in SECTIONS: "
        "remove it there by hand."
    )


def without_route_rows(routes_page: str, name: str) -> str:
    """docs/routes.md without the table rows of the section's endpoints."""
    row = re.compile(rf"^\| `[^`]*` \| `{re.escape(name)}\.\w+` \|")
    return "".join(line for line in routes_page.splitlines(keepends=True) if not row.match(line))


def translated_texts(project: Path) -> set[str]:
    """Every text the catalogues hold as a current (not obsolete) entry."""
    texts: set[str] = set()
    for po_path in catalogue_paths(project).values():
        with po_path.open("rb") as po:
            texts |= {str(message.id) for message in read_po(po) if message.id}
    return texts


def forget_obsolete(po_path: Path, texts_before: set[str]) -> None:
    """Drop the entries the update made obsolete just now (texts only the removed
    section used); entries obsolete from before stay, as make translations keeps them."""
    with po_path.open("rb") as po:
        catalogue = read_po(po)
    for message_id in [key for key in catalogue.obsolete if str(key) in texts_before]:
        del catalogue.obsolete[message_id]
    write_catalogue(po_path, catalogue)
