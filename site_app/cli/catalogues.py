"""The translation catalogues brought up to date with the code: ``make translations``.

Three steps of Babel's own ``pybabel``, with their options written here once, for
``flask --app wsgi translations`` (``make translations``) and for ``new-section``.
A Flask CLI plugin (pyproject.toml), like check-config: it needs no app, so it runs
whatever the settings are. It works on the project in the current folder, as
``make`` runs it:

1. extract every text marked for translation under ``site_app/`` (``babel.cfg``) into
   ``build/messages.pot``;
2. update each catalogue, ``site_app/translations/<language>/LC_MESSAGES/messages.po``:
   new texts come in untranslated, texts no longer used stay as obsolete entries;
3. compile each catalogue into the ``messages.mo`` the site reads (committed too).

``translate`` then fills in entries the code already knows the translation of, as
``new-section`` does for the label and sentence of the section it writes.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Mapping
from itertools import chain
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

TRANSLATIONS = Path("site_app", "translations")


def catalogue_paths(project: Path) -> dict[str, Path]:
    """``{language: path of its .po file}`` for every translated language."""
    return {
        po.parent.parent.name: po
        for po in sorted((project / TRANSLATIONS).glob("*/LC_MESSAGES/messages.po"))
    }


def update_catalogues(project: Path) -> None:
    """Steps 1 to 3 above, in ``project``; a no-op on a tree where nothing changed."""
    template = project / "build" / "messages.pot"
    template.parent.mkdir(exist_ok=True)
    translations = str(project / TRANSLATIONS)
    # Relative, as the catalogues' "#:" lines name files: run from the project folder.
    package = os.path.relpath(project / "site_app")
    extract = (
        [
            ["extract", "--mapping-file", str(project / "babel.cfg"), "--keywords", "lazy_gettext"],
            ["--sort-output", "--add-location=file", "--project=site_app", "--msgid-bugs-address="],
            ["--output-file", str(template), package],
        ],
    )
    update_and_compile = (
        [
            ["update", "--ignore-pot-creation-date", "--no-fuzzy-matching"],
            ["--input-file", str(template), "--output-dir", translations],
        ],
        [
            ["compile", "--directory", translations],
        ],
    )
    # A site in one language (LANGUAGES) has no catalogue: its texts are only extracted.
    steps = extract + (update_and_compile if catalogue_paths(project) else ())
    # The extractor babel.cfg names for the API's summaries lives in tools/.
    sys.path.insert(0, str(project))
    try:
        for step in steps:
            arguments = ["pybabel", "--quiet", *chain.from_iterable(step)]
            CommandLineInterface().run(arguments)  # type: ignore[no-untyped-call]
    finally:
        sys.path.remove(str(project))


def translate(po_path: Path, translations: Mapping[str, str]) -> None:
    """Give the entries ``translations`` names (msgid: msgstr) their translation where
    they have none yet, and compile the catalogue again."""
    with po_path.open("rb") as po:
        catalogue = read_po(po)
    for message_id, translation in translations.items():
        entry = catalogue.get(message_id)
        if entry is not None and not entry.string:
            entry.string = translation
    write_catalogue(po_path, catalogue)


def write_catalogue(po_path: Path, catalogue: Catalog) -> None:
    """Write ``catalogue`` to ``po_path`` and compile it beside it (.mo)."""
    written = io.BytesIO()
    # The options pybabel update writes with, so a later update changes nothing.
    write_po(written, catalogue, ignore_obsolete=False, include_previous=False, width=76)
    po_path.write_bytes(written.getvalue())
    with po_path.with_suffix(".mo").open("wb") as mo:
        write_mo(mo, catalogue)


def catalogue_translation(po_path: Path, message_id: str) -> str:
    """The catalogue's translation of ``message_id`` ("" when it has none)."""
    with po_path.open("rb") as po:
        entry = read_po(po).get(message_id)
    return entry.string if entry is not None and isinstance(entry.string, str) else ""


@click.command("translations")
def translations_command() -> None:
    """Bring the translation catalogues up to date with the code, and compile them."""
    update_catalogues(Path.cwd())
