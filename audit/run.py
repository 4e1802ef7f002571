"""``make audit``: Lighthouse CI on the site under the production server.

Lighthouse runs on each page (``audit/collect.mjs``, through Lighthouse's Node API),
then Lighthouse CI's ``lhci assert`` holds every category to 100 with the assertions in
``audit/lighthouserc.json``, and ``lhci upload`` writes the reports to ``audit/reports/``
(git ignores it). This module starts the server, chooses the pages and says which form
factor to emulate:

- a phone (Lighthouse's default: a mid-range phone on a slow network) on every page in
  the default language, and on one page per template in each other language: the
  templates, styles and scripts are the same in every language, only the texts differ;
- a desktop on one page per template.

Pages no link leads to (an error page, a form answered with its error) are not audited:
Lighthouse audits only pages answered with 200. axe and the HTML checker cover them in
the browser tests.

Every page is run once. Lighthouse's Performance score moves between runs of the same
page (its docs/variability.md), so a page that misses an assertion is run again three
times, Lighthouse CI's default number of runs, and judged by its median run, as those
docs advise: a page that really is slower stays under 100 in most runs and still fails.

The first runs go in two lanes at once, one per core: a Lighthouse run keeps a core busy
only about half of its time (it waits for the page to fall quiet), so two lanes take
half as long. Performance is simulated from each page's network requests and main-thread
work (Lighthouse's Lantern), which the other lane slows a little: a page that misses
then runs three times again in a lane of its own, as on a machine doing nothing else.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from flask import template_rendered

from tools.chromium import CHROMIUM_ARGS, find_chromium
from tools.crawl import crawled_paths
from tools.production_server import PROJECT_ROOT, production_server

AUDIT = PROJECT_ROOT / "audit"
LHCI = AUDIT / "node_modules" / ".bin" / "lhci"
# Lighthouse's settings for every run (collect.settings), and the assertions.
LIGHTHOUSERC = json.loads((AUDIT / "lighthouserc.json").read_text())
# Lighthouse runs at once for the first runs: one per core of the machine this is
# measured on (docs/testing.md).
LANES = 2
# Runs of a page that missed an assertion in its one run, its median run deciding.
MEDIAN_OF = 3
# How much slower than this machine the emulated phone's CPU is. Lighthouse's default,
# 4x, is calibrated on a high-end desktop (benchmarkIndex 1500-2000); its docs
# (docs/throttling.md, "Calibrating the CPU slowdown") give 2x to emulate the same
# mid-tier phone from a low-end desktop or a high-end phone (index 800-1500), and say to
# take the low end of the range on a machine at the low end of its class. This one
# measures 670-1260 (each report's benchmarkIndex), and at 4x Lighthouse's reports
# warned that it is slower than Lighthouse expects. The desktop preset throttles no CPU.
PHONE_CPU_SLOWDOWN = 2
# The form factors audited, in this order, and what each adds to the settings:
# "preset": "desktop" is Lighthouse's desktop configuration, as its command line's
# --preset chooses it.
FORM_FACTOR_SETTINGS: dict[str, dict[str, object]] = {
    "mobile": {"throttling": {"cpuSlowdownMultiplier": PHONE_CPU_SLOWDOWN}},
    "desktop": {"preset": "desktop"},
}


class Audit(NamedTuple):
    """One call of audit_pages: its form factor, its report folder, the URLs that missed."""

    form_factor: str
    reports: str
    missed: list[str]


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


def audit_pages(urls: list[str], form_factor: str, runs: int, reports: str) -> list[str]:
    """Lighthouse ``runs`` times on each of ``urls`` (audit/collect.mjs), then Lighthouse
    CI's ``lhci assert`` and ``lhci upload`` on the results, the reports going to
    audit/reports/``reports``; the URLs that missed an assertion.

    Each call works in a folder of its own (Lighthouse CI keeps its results in
    ``.lighthouseci`` of its working folder), so lanes never read each other's results.
    A command's own output is shown only when it stops without doing its work.
    """
    settings = {**LIGHTHOUSERC["ci"]["collect"]["settings"], **FORM_FACTOR_SETTINGS[form_factor]}
    config = f"--config={AUDIT / 'lighthouserc.json'}"
    environment = {**os.environ, "CHROME_PATH": chromium()}
    with tempfile.TemporaryDirectory(prefix="lhci-") as folder:

        def run(*command: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                command, cwd=folder, env=environment, capture_output=True, text=True, check=False
            )

        settings_file = Path(folder) / "settings.json"
        settings_file.write_text(json.dumps(settings))
        chrome_flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
        collected = run(
            node(),
            str(AUDIT / "collect.mjs"),
            f"--settings={settings_file}",
            f"--runs={runs}",
            f"--chrome-flags={chrome_flags}",
            *urls,
        )
        stop_unless_done(collected, "audit/collect.mjs", collected.returncode == 0)
        asserted = run(str(LHCI), "assert", config)
        # It exits 1 when an assertion fails too, its results written all the same.
        results_file = Path(folder) / ".lighthouseci" / "assertion-results.json"
        stop_unless_done(asserted, "lhci assert", results_file.exists())
        uploaded = run(str(LHCI), "upload", config, f"--outputDir={AUDIT / 'reports' / reports}")
        stop_unless_done(uploaded, "lhci upload", uploaded.returncode == 0)
        results = json.loads(results_file.read_text())
    return sorted({result["url"] for result in results if result["level"] == "error"})


def stop_unless_done(ran: subprocess.CompletedProcess[str], name: str, done: bool) -> None:
    """Show a command's own output, and stop the audit, when it did not do its work."""
    if not done:
        print(ran.stdout, ran.stderr, sep="\n")
        raise SystemExit(f"{name} stopped with exit code {ran.returncode}")


def in_lanes(jobs: list[tuple[str, str]], lanes: int, runs: int, name: str) -> list[Audit]:
    """Audit ``jobs`` (form factor, URL) in ``lanes`` lanes at once, each lane running
    its share one after the other; what each lane audited and missed."""
    shares = [jobs[lane::lanes] for lane in range(lanes)]

    def run_lane(lane: int) -> list[Audit]:
        done = []
        for form_factor in FORM_FACTOR_SETTINGS:
            urls = [url for factor, url in shares[lane] if factor == form_factor]
            if urls:
                reports = f"{form_factor}{name}-{lane + 1}"
                missed = audit_pages(urls, form_factor, runs, reports)
                done.append(Audit(form_factor, reports, missed))
        return done

    with ThreadPoolExecutor(max_workers=lanes) as pool:
        return [audit for done in pool.map(run_lane, range(lanes)) for audit in done]


def print_scores(form_factor: str, reports: str) -> None:
    """A page x category table of the representative runs (lhci's manifest.json)."""
    manifest = json.loads((AUDIT / "reports" / reports / "manifest.json").read_text())
    for run in manifest:
        if run["isRepresentativeRun"]:
            scores = "  ".join(
                f"{name} {round(score * 100)}" for name, score in run["summary"].items()
            )
            print(f"{form_factor:<8} {urlsplit(run['url']).path:<22} {scores}")


def node() -> str:
    found = shutil.which("node")
    if not found:
        raise SystemExit("no Node.js found: `make audit` installs it with Lighthouse CI")
    return found


def chromium() -> str:
    found = find_chromium()
    if not found:
        raise SystemExit("no Chromium found: run `make test` first, or set CHROME_PATH")
    return found


def main() -> int:
    if not LHCI.exists():
        raise SystemExit("Lighthouse CI is missing: `make audit` installs it (audit/package.json)")
    shutil.rmtree(AUDIT / "reports", ignore_errors=True)
    with production_server() as base_url:
        jobs = [
            (form_factor, base_url + path)
            for form_factor, paths in audited_pages().items()
            for path in paths
        ]
        first = in_lanes(jobs, LANES, 1, "")
        for audit in first:
            print_scores(audit.form_factor, audit.reports)
        missed = [(audit.form_factor, url) for audit in first for url in audit.missed]
        if missed:
            print(f"Again, {MEDIAN_OF} runs each in one lane, judged by the median run: {missed}")
            again = in_lanes(missed, 1, MEDIAN_OF, f"-median-of-{MEDIAN_OF}")
            for audit in again:
                print_scores(audit.form_factor, audit.reports)
            missed = [(audit.form_factor, url) for audit in again for url in audit.missed]
    if missed:
        print(
            "\nUnder 100:", *(f"{url} ({form_factor})" for form_factor, url in missed), sep="\n  "
        )
        return 1
    print("\nEvery score of every audited page is 100.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
