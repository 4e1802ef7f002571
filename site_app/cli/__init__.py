"""The site's command-line tools: ``flask --app wsgi <command>`` and the health probe.

check-config is a Flask CLI plugin (pyproject.toml) so it runs when the app cannot
start; the others need the app and are registered on it here.
"""

from __future__ import annotations

from flask import Flask

from site_app.cli.api_tokens import api_token_commands
from site_app.cli.database import database_commands
from site_app.cli.new_section import new_section_command
from site_app.cli.passwords import hash_password_command
from site_app.cli.remove_section import remove_section_command


def register_commands(app: Flask) -> None:
    app.cli.add_command(api_token_commands)
    app.cli.add_command(database_commands)
    app.cli.add_command(hash_password_command)
    app.cli.add_command(new_section_command)
    app.cli.add_command(remove_section_command)
