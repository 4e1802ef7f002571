"""``flask --app wsgi hash-password``: the admin password's hash, for ADMIN_PASSWORD_HASH."""

from __future__ import annotations

import click
from werkzeug.security import generate_password_hash

MIN_PASSWORD_LENGTH = 12


@click.command("hash-password")
def hash_password_command() -> None:
    """Ask for an admin password (not shown, asked twice) and print its hash for .env."""
    password = click.prompt("Admin password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise click.ClickException(f"Use at least {MIN_PASSWORD_LENGTH} characters.")
    # Single quotes: the hash holds "$" characters that a shell or .env must not expand.
    click.echo(f"ADMIN_PASSWORD_HASH='{generate_password_hash(password)}'")
