"""The repository as a Copier template (copier.yml, docs/your-own-site.md).

The templates rendered with the defaults are this site's own files, and a bad answer is
refused with the question's message (quick: copier.yml and the templates alone). The
tests marked project_copy (make template-check) make whole sites: a copy is this site
file for file but for the answers in the rendered files, and a copy made English only
without the examples passes its own make check. tests/test_copier_update.py makes one
without the examples, runs its make check, and updates it to a second release.

Copier is told `--vcs-ref HEAD`: without it, it takes the newest release tag, and the
tests are about the code they run with (uncommitted changes included, as Copier does
for a local template).
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from copier import run_copy

from tests.processes import BIN, GIT, PROJECT_ROOT, clean_environment, run
from tests.test_kubernetes import app_container, kustomize, one, settings
from tests.test_new_section import catalogue
from tests.test_remove_section import served

COPIER = str(BIN / "copier")
MAKE = shutil.which("make") or "make"
# What copier.yml leaves out of every copy besides what .gitignore already keeps out.
TEMPLATE_ONLY = {"copier.yml", "tests/test_template.py", "tests/test_copier_update.py"}
ANSWERS = ".copier-answers.yml"
# The files rendered from templates; every other file is copied as it is.
RENDERED = [
    ".copier-answers.yml.jinja",
    "deploy/kubernetes/overlays/production/site.env.jinja",
    "site_app/settings/site.py.jinja",
]
# The owner's commits and the template's releases in the throwaway repositories.
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Site owner",
    "GIT_AUTHOR_EMAIL": "owner@example.org",
    "GIT_COMMITTER_NAME": "Site owner",
    "GIT_COMMITTER_EMAIL": "owner@example.org",
}


def template_files(root: Path = PROJECT_ROOT) -> list[str]:
    """The files a checkout of ``root`` holds: tracked or new, none that .gitignore
    keeps out, none deleted (what Copier copies from a local template)."""
    listed = subprocess.run(
        [GIT, "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    return sorted(name for name in listed if name and (root / name).is_file())


def files_in(folder: Path) -> list[str]:
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(folder).parts
    )


def copier(*arguments: str, cwd: Path = PROJECT_ROOT, timeout: float = 300):
    return run([COPIER, *arguments], cwd, clean_environment(**GIT_IDENTITY), timeout=timeout)


def copier_copy(destination: Path, *answers: str, template: Path = PROJECT_ROOT, ref="HEAD"):
    """``copier copy`` as the docs give it, the questions answered by ``answers``."""
    data = [f"--data={answer}" for answer in answers]
    version = ["--vcs-ref", ref] if ref else []
    return copier("copy", "--trust", "--defaults", *version, *data, str(template), str(destination))


def git(folder: Path, *arguments: str) -> str:
    return subprocess.run(
        [GIT, *arguments],
        cwd=folder,
        env=clean_environment(**GIT_IDENTITY),
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def questions_and_templates(destination: Path) -> Path:
    """A template of copier.yml and the `.jinja` files alone: Copier renders it in a
    fraction of a second, with the same questions and the same templates."""
    for name in ["copier.yml", *RENDERED]:
        (destination / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT_ROOT / name, destination / name)
    return destination


# Copies of the template ----------------------------------------------------------------------


def test_each_rendered_file_with_the_defaults_is_the_file_this_site_runs_on(tmp_path):
    """Copier renders `X.jinja` in place of `X`; this site runs on `X`, which must be the
    template rendered with the questions' defaults."""
    assert [name for name in template_files() if name.endswith(".jinja")] == RENDERED
    template = questions_and_templates(tmp_path / "template")

    made = copier_copy(tmp_path / "site", template=template, ref="")

    assert made.returncode == 0, made.stderr
    for name in RENDERED:
        rendered = name.removesuffix(".jinja")
        if rendered != ANSWERS:  # only copies have answers
            assert (tmp_path / "site" / rendered).read_text() == (
                PROJECT_ROOT / rendered
            ).read_text(), name
    answers = yaml.safe_load((tmp_path / "site" / ANSWERS).read_text())
    assert (answers["site_name"], answers["site_address"], answers["examples"]) == (
        "site_app",
        "https://www.example.org",
        ["welcome", "goodbye", "people"],
    )


@pytest.mark.project_copy
def test_a_copy_is_this_site_with_the_answers_in_the_rendered_files(tmp_path):
    site = tmp_path / "site"
    made = copier_copy(site, "site_name=Ada's Café", "site_address=https://cafe.example.net")
    assert made.returncode == 0, made.stderr

    # Every other file as it is here, scripts still runnable (.ci/run, tools/).
    copied = [
        name
        for name in template_files()
        if name not in TEMPLATE_ONLY
        and f"{name}.jinja" not in RENDERED
        and not name.endswith(".jinja")
    ]
    rendered = [name.removesuffix(".jinja") for name in RENDERED]
    assert files_in(site) == sorted([*copied, *rendered])
    for name in copied:
        assert (site / name).read_bytes() == (PROJECT_ROOT / name).read_bytes(), name
        assert os.access(site / name, os.X_OK) == os.access(PROJECT_ROOT / name, os.X_OK), name

    module = ast.parse((site / "site_app" / "settings" / "site.py").read_text())
    (assignment,) = [node for node in module.body if isinstance(node, ast.Assign)]
    assert ast.literal_eval(assignment.value) == "Ada's Café"
    objects = kustomize("overlays/production", site / "deploy" / "kubernetes")
    assert settings(objects)["TRUSTED_HOSTS"] == "cafe.example.net"
    assert settings(objects)["SITE_URL"] == "https://cafe.example.net"
    ingress = one(objects, "Ingress")["spec"]
    assert ingress["rules"][0]["host"] == "cafe.example.net"
    assert ingress["tls"][0]["hosts"] == ["cafe.example.net"]
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        (host,) = app_container(objects)[probe]["httpGet"]["httpHeaders"]
        assert host == {"name": "Host", "value": "cafe.example.net"}, probe
    answers = yaml.safe_load((site / ANSWERS).read_text())
    assert (answers["site_name"], answers["site_address"], answers["_src_path"]) == (
        "Ada's Café",
        "https://cafe.example.net",
        str(PROJECT_ROOT),
    )


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("site_name= ", "Give the site a name"),
        ('site_name=Ada "the" site', "No double quote, backslash or line break"),
        ("site_name=Back\\slash", "No double quote, backslash or line break"),
        ("site_name=" + "x" * 61, "At most 60 characters"),
        ("site_address=http://example.org", "An address such as"),
        ("site_address=https://Example.org", "An address such as"),
        ("site_address=https://example.org/shop", "An address such as"),
        ("site_address=https://localhost", "An address such as"),
        ("site_address=https://example..org", "An address such as"),
        (
            "examples=[blog]",
            "Invalid choice for 'examples': 'blog' is not in ['welcome', 'goodbye', 'people']",
        ),
    ],
)
def test_a_bad_answer_is_refused_with_the_question_s_message(tmp_path, answer, message):
    """In process: `copier copy --data key=value` splits each answer at its first "=" and
    hands the strings to run_copy as they are, so this is the command's own check
    without a process to start for each answer (a second each); the test below runs the
    command itself."""
    template = questions_and_templates(tmp_path / "template")
    key, value = answer.split("=", 1)

    with pytest.raises(ValueError, match=re.escape(message)):
        run_copy(
            str(template),
            tmp_path / "site",
            data={key: value},
            defaults=True,
            unsafe=True,
            quiet=True,
        )

    assert not (tmp_path / "site").exists()


def test_the_copy_command_says_why_it_refuses_an_answer_and_makes_nothing(tmp_path):
    template = questions_and_templates(tmp_path / "template")

    made = copier_copy(
        tmp_path / "site", "site_address=https://localhost", template=template, ref=""
    )

    assert made.returncode != 0
    assert made.stderr.strip().splitlines()[-2:] == [
        "ValueError: Validation error for question 'site_address': An address such as",
        "https://www.example.org: https://, then a lowercase host name with a dot, nothing "
        "after it",
    ]
    assert not (tmp_path / "site").exists()


# Whole sites made and checked (make template-check) -----------------------------------------


EXAMPLES = ("welcome", "goodbye", "people")


def example_mentions(site: Path) -> list[str]:
    """Files outside docs/ that still name an example section: its endpoints, its
    templates, its script or its tests."""
    mentions = [
        mention
        for name in EXAMPLES
        for mention in (f"{name}.index", f"js/{name}.js", f"test_{name}.py", f"templates/{name}")
    ]
    return [
        name
        for name in files_in(site)
        if not name.startswith((".venv/", "docs/"))
        and name.endswith((".py", ".html", ".js", ".css", ".po", ".md", ".yaml", ".toml"))
        and any(mention in (site / name).read_text(encoding="utf-8") for mention in mentions)
    ]


def assert_the_examples_are_gone(site: Path) -> None:
    """No file, list entry, text or page of an example section is left in ``site``."""
    for name in EXAMPLES:
        for gone in (
            f"site_app/blueprints/{name}.py",
            f"site_app/templates/{name}",
            f"site_app/static/js/{name}.js",
            f"tests/test_{name}.py",
            f"tests/browser/test_{name}.py",
        ):
            assert not (site / gone).exists(), gone
        assert (
            f'Section("{name}"'
            not in (site / "site_app" / "blueprints" / "__init__.py").read_text()
        )
    assert example_mentions(site) == []
    assert {"Welcome", "Goodbye", "People"}.isdisjoint(
        message.id for message in catalogue(site, "fr")
    )
    paths = ["/welcome", "/goodbye", "/people", "/fr/welcome", "/fr/goodbye", "/fr/people"]
    assert served(site, *paths) == ["404:False"] * 6


def make_check(site: Path) -> None:
    """`make check` in ``site``: the owner's first command there, with its own installs."""
    check = run([MAKE, "check"], site, clean_environment(), timeout=900)
    assert check.returncode == 0, check.stdout[-3000:] + check.stderr[-3000:]


@pytest.mark.project_copy
def test_an_english_only_copy_without_the_examples_passes_its_own_make_check(tmp_path):
    """English only, and the examples left out too: their removal then has no catalogue
    to take their texts from."""
    site = tmp_path / "site"
    made = copier_copy(site, "site_name=Acme", "languages=en", "examples=[]")
    assert made.returncode == 0, made.stderr

    assert not (site / "site_app" / "translations").exists()
    module = ast.parse((site / "site_app" / "settings" / "site.py").read_text())
    languages = [node for node in module.body if isinstance(node, ast.AnnAssign)]
    assert [ast.literal_eval(node.value) for node in languages] == [{"en": "English"}]
    # No French pages, and no link to them (the language switch is gone).
    assert served(site, "/fr/", "/fr/about", "/about") == ["404:False", "404:False", "200:True"]
    assert served(site, "/welcome", "/people") == ["404:False", "404:False"]
    assert example_mentions(site) == []
    make_check(site)
