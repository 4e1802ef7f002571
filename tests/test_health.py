"""Liveness (/healthz: 200 while a worker can answer) and readiness (/readyz: the database
answers and its schema is the newest)."""

from __future__ import annotations

from site_app import create_app
from site_app.models.database import close_database, engine_with_schema
from site_app.models.migrate import head_revision

PRODUCTION = {"APP_ENV": "production", "SECRET_KEY": "k" * 64, "TRUSTED_HOSTS": ["localhost"]}


def test_healthz_answers_ok_in_json(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.json == {"status": "ok"}


def test_healthz_sets_no_cookie(client):
    assert "Set-Cookie" not in client.get("/healthz").headers


def test_readyz_answers_ready_when_the_schema_is_the_newest(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json == {"status": "ready", "schema": head_revision()}
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_answers_503_when_the_schema_is_behind(tmp_path):
    app = create_app(
        {**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path}/site.sqlite3"}, environ={}
    )
    response = app.test_client().get("/readyz")

    assert response.status_code == 503
    assert response.json == {
        "status": "not ready",
        "message": f"The database schema is at revision base, the code needs "
        f"{head_revision()}: run flask --app wsgi db upgrade.",
    }
    close_database(app)


def test_readyz_stays_ready_on_a_schema_a_newer_release_has_migrated_ahead(app, client):
    """In a rolling release the migration runs first: the pods of the release before
    keep serving until the new ones replace them."""
    assert client.get("/readyz").status_code == 200  # the schema is made
    with app.app_context(), engine_with_schema().begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'f00dfeed1234'")

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json == {"status": "ready", "schema": "f00dfeed1234"}


def test_readyz_answers_503_when_the_database_does_not_answer(tmp_path):
    # A folder where the database file should be: SQLite cannot open it.
    (tmp_path / "site.sqlite3").mkdir()
    app = create_app(
        {**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path}/site.sqlite3"}, environ={}
    )
    response = app.test_client().get("/readyz")

    assert response.status_code == 503
    assert response.json == {"status": "not ready", "message": "The database does not answer."}
    assert response.headers["Cache-Control"] == "no-store"
    close_database(app)
