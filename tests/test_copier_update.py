"""`copier update` on a site made from the template (docs/your-own-site.md, make
template-check): the next release comes in, the owner's changes stay.

The site is made without the examples and runs its own `make check` first, so the one
copy and its installs serve both the whole-site check and the update.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.processes import PROJECT_ROOT
from tests.test_new_section import new_section, site_checks
from tests.test_template import (
    ANSWERS,
    assert_the_examples_are_gone,
    copier,
    copier_copy,
    example_mentions,
    git,
    make_check,
    template_files,
)

# The first line of a conflict git merge-file leaves in a file (Copier's "inline" mode).
CONFLICT = re.compile(r"^<<<<<<< ", re.M)


def release(template: Path, version: str) -> None:
    git(template, "add", "-A")
    git(template, "commit", "-q", "-m", f"Release {version}")
    git(template, "tag", "-a", f"v{version}", "-m", f"Release {version}")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def text_of(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return ""


@pytest.mark.project_copy
def test_a_copy_without_the_examples_passes_make_check_then_takes_the_next_release(tmp_path):
    """Two releases of the template in a throwaway repository. A site made from the
    first without the examples has none of them left and passes its own `make check`;
    changed by its owner (a new section, an edited page), it is then updated."""
    template = tmp_path / "template"
    for name in template_files():
        (template / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT_ROOT / name, template / name)
    git(template, "init", "-q", "-b", "main")
    release(template, "1.0.0")

    site = tmp_path / "site"
    made = copier_copy(site, "site_name=Acme", "examples=[]", template=template, ref="")
    assert made.returncode == 0, made.stderr
    assert_the_examples_are_gone(site)
    make_check(site)
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "Start from site_app 1.0.0")

    # The owner: a section of their own, and their touch on the About page.
    assert new_section(site, "blog").returncode == 0
    about = site / "site_app" / "templates" / "about" / "index.html"
    edit(about, "{% block content %}", '{% block content %}\n<div class="owner-note"></div>')
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "A blog, and a note on About")

    # The template's next release: the same About page changed elsewhere, the removed
    # example's page changed too, and a file added.
    template_about = template / "site_app" / "templates" / "about" / "index.html"
    edit(template_about, "{% endblock %}\n", "{% endblock %}\n{# Release 1.1.0 #}\n")
    edit(
        template / "site_app" / "templates" / "people" / "index.html",
        "{% block content %}",
        "{% block content %}\n{# Release 1.1.0 #}",
    )
    (template / "docs" / "release-1.1.0.txt").write_text("What 1.1.0 changed.\n")
    release(template, "1.1.0")

    updated = copier("update", "--trust", "--defaults", cwd=site, timeout=600)
    assert updated.returncode == 0, updated.stderr[-3000:]

    answers = yaml.safe_load((site / ANSWERS).read_text())
    assert answers["_commit"] == "v1.1.0"
    assert (answers["site_name"], answers["examples"]) == ("Acme", [])
    # The release's changes are in, the owner's are kept, the example stays out.
    page = about.read_text()
    assert '<div class="owner-note"></div>' in page
    assert "{# Release 1.1.0 #}" in page
    assert (site / "docs" / "release-1.1.0.txt").read_text() == "What 1.1.0 changed.\n"
    assert (site / "site_app" / "blueprints" / "blog.py").exists()
    assert 'Section("blog"' in (site / "site_app" / "blueprints" / "__init__.py").read_text()
    assert not (site / "site_app" / "templates" / "people").exists()
    assert example_mentions(site) == []
    changed = git(site, "status", "--porcelain", "--untracked-files=all")
    assert ".rej" not in changed
    conflicts = [name for name in template_files(site) if CONFLICT.search(text_of(site / name))]
    assert conflicts == []
    site_checks(site, "tests/test_blog.py", "tests/test_about.py")
