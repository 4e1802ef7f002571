"""``flask --app wsgi api-token create NAME | list | revoke NAME``: who may write through
the API (site_app/models/api_tokens.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask.cli import AppGroup

from site_app.models.api_tokens import TokenNameError, create_token, listed_tokens, revoke_token

api_token_commands = AppGroup("api-token", help="Make, list and revoke API write tokens.")


@api_token_commands.command("create")
@click.argument("name")
def create_command(name: str) -> None:
    """Make a token for the client NAME and print it (shown this once only)."""
    try:
        token = create_token(name)
    except TokenNameError as error:
        raise click.ClickException(str(error)) from None
    click.echo(token)
    click.echo(
        "Give this token to the client now: only its hash is kept, so it cannot be shown "
        "again. The client sends it as Authorization: Bearer <token>.",
        err=True,
    )


@api_token_commands.command("list")
def list_command() -> None:
    """Show every token's name, when it was made and when it was last used."""
    tokens = listed_tokens()
    if not tokens:
        click.echo("No API tokens. Make one with flask --app wsgi api-token create NAME.")
    for token in tokens:
        last_used = token["last_used_at"]
        click.echo(
            f"{token['name']}\tcreated {when(token['created_at'])}"
            f"\tlast used {when(last_used) if last_used else 'never'}"
        )


@api_token_commands.command("revoke")
@click.argument("name")
def revoke_command(name: str) -> None:
    """Delete the token NAME: the client can no longer write."""
    if not revoke_token(name):
        raise click.ClickException(f"No API token is named {name!r}.")
    click.echo(f"Revoked the API token {name!r}.")


def when(moment: datetime) -> str:
    # Stored in UTC; SQLite gives it back naive, PostgreSQL in its session's time zone.
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return f"{moment:%Y-%m-%d %H:%M} UTC"
