"""Alembic's entry point: runs migrations on the connection site_app hands it.

site_app.models.migrate opens the connection from the app's own engine (DATABASE_URL)
and passes it in, so there is no alembic.ini and no second place that names the
database. Offline (SQL script) mode is not offered: every migration runs on a database.
"""

from alembic import context

from site_app.models.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite alters a table by copying it: Alembic's batch mode does that for it.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
