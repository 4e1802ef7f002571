"""``flask --app wsgi check-config``: may this environment run production?

Registered as a Flask CLI plugin (see pyproject.toml), not on the app, so it runs even
when the settings are too broken for the app to start, which is when it is needed.
Run it in the deploy pipeline before switching traffic: it exits 1 on any problem.
"""

from __future__ import annotations

import importlib
import os

import click
from flask.cli import ScriptInfo, pass_script_info, prepare_import
from flask.helpers import get_debug_flag


@click.command("check-config")
@pass_script_info
def check_config_command(script_info: ScriptInfo) -> None:
    """Print every problem with the production settings of this environment."""
    # Find the project as --app does: config.py sits beside the wsgi module.
    app_path = (script_info.app_import_path or "wsgi").partition(":")[0]
    prepare_import(app_path)
    config = importlib.import_module("config")

    problems = config.production_problems(os.environ, debug=get_debug_flag())
    if not problems:
        click.echo("Production settings: no problems found.")
        return
    click.echo(f"Production settings: {len(problems)} problem(s).", err=True)
    for problem in problems:
        click.echo(f"- {problem}", err=True)
    raise SystemExit(1)
