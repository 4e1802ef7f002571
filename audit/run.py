"""``make audit``: Lighthouse CI on the site under the production server.

``lhci autorun`` runs Lighthouse on each page and holds every category to 100 with the
assertions in ``audit/lighthouserc.json``; its reports go to ``audit/reports/`` (git
ignores it). This module only starts the server, chooses the pages and says which form
factor to emulate:

- a phone (Lighthouse's default: a mid-range phone on a slow network) on every page in
  the default language, and on one page per template in each other language: the
  templates, styles and scripts are the same in every language, only the texts differ;
- a desktop on one page per template.

Pages no link leads to (an error page, a form answered with its error) are not audited:
Lighthouse audits only pages answered with 200. axe and the HTML checker cover them in
the browser tests.

Every page is run once. Lighthouse's Performance score moves between runs of the same
page (its docs/variability.md), so a page that misses an assertion is run again five
times and judged by its median run, as those docs advise: a page that really is slower
stays under 100 in most runs and still fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

from flask import template_rendered

from tools.chromium import CHROMIUM_ARGS, find_chromium
from tools.crawl import crawled_paths
from tools.production_server import PROJECT_ROOT, production_server

AUDIT = PROJECT_ROOT / "audit"
LHCI = AUDIT / "node_modules" / ".bin" / "lhci"
# Runs of a page that missed an assertion in its one run, its median run deciding.
MEDIAN_OF = 5


def page_templates() -> dict[str, str]:
    """Each page's path, and the template its view rendered (the first one rendered)."""
    from site_app import create_app

    app = create_app({"APP_ENV": "testing"}, environ={})
    client = app.test_client()
    templates: dict[str, str] = {}
    for path in crawled_paths():
        rendered: list[str] = []

        def note(_app: object, template: object, **_context: object) -> None:
            rendered.append(getattr(template, "name", ""))  # noqa: B023 (used at once)

        with template_rendered.connected_to(note, app):
            client.get(path).close()
        templates[path] = rendered[0]
    return templates


def one_per_template(paths: list[str], templates: dict[str, str]) -> list[str]:
    chosen: dict[str, str] = {}
    for path in paths:
        chosen.setdefault(templates[path], path)
    return sorted(chosen.values())


def audited_pages() -> dict[str, list[str]]:
    """The paths each form factor audits."""
    from site_app.i18n.languages import DEFAULT_LANGUAGE, split_language

    templates = page_templates()
    default = [path for path in templates if split_language(path)[0] == DEFAULT_LANGUAGE]
    others = [path for path in templates if path not in default]
    return {
        "mobile": sorted(default) + one_per_template(others, templates),
        "desktop": one_per_template(default, templates),
    }


def autorun(urls: list[str], form_factor: str, runs: int, reports: str) -> list[str]:
    """``lhci autorun`` on ``urls``, its reports in audit/reports/``reports``; the URLs
    that missed an assertion."""
    command = [
        str(LHCI),
        "autorun",
        f"--collect.numberOfRuns={runs}",
        f"--collect.settings.chromeFlags={' '.join(['--headless=new', *CHROMIUM_ARGS])}",
        f"--upload.outputDir=reports/{reports}",
        *(f"--collect.url={url}" for url in urls),
    ]
    if form_factor == "desktop":
        command.append("--collect.settings.preset=desktop")
    environment = {**os.environ, "CHROME_PATH": chromium()}
    results_file = AUDIT / ".lighthouseci" / "assertion-results.json"
    results_file.unlink(missing_ok=True)
    ran = subprocess.run(command, cwd=AUDIT, env=environment, check=False)
    if not results_file.exists():
        raise SystemExit(f"lhci autorun stopped before its assertions (exit code {ran.returncode})")
    results = json.loads(results_file.read_text())
    return sorted({result["url"] for result in results if result["level"] == "error"})


def print_scores(form_factor: str, reports: str) -> None:
    """A page x category table of the representative runs (lhci's manifest.json)."""
    manifest = json.loads((AUDIT / "reports" / reports / "manifest.json").read_text())
    for run in manifest:
        if run["isRepresentativeRun"]:
            scores = "  ".join(
                f"{name} {round(score * 100)}" for name, score in run["summary"].items()
            )
            print(f"{form_factor:<8} {urlsplit(run['url']).path:<22} {scores}")


def chromium() -> str:
    found = find_chromium()
    if not found:
        raise SystemExit("no Chromium found: run `make test` first, or set CHROME_PATH")
    return found


def main() -> int:
    if not LHCI.exists():
        raise SystemExit("Lighthouse CI is missing: `make audit` installs it (audit/package.json)")
    failed: list[str] = []
    with production_server() as base_url:
        for form_factor, paths in audited_pages().items():
            missed = autorun([base_url + path for path in paths], form_factor, 1, form_factor)
            print_scores(form_factor, form_factor)
            if missed:
                print(f"Again, {MEDIAN_OF} runs each, judged by the median run: {missed}")
                again = f"{form_factor}-median-of-{MEDIAN_OF}"
                missed = autorun(missed, form_factor, MEDIAN_OF, again)
                print_scores(form_factor, again)
            failed += [f"{url} ({form_factor})" for url in missed]
    if failed:
        print("\nUnder 100:", *failed, sep="\n  ")
        return 1
    print("\nEvery score of every audited page is 100.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
