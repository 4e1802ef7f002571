# site_app behind gunicorn. Build and run:
#   docker build -t site_app .
#   docker run --rm -p 8000:8000 -e SECRET_KEY=<your key> -e TRUSTED_HOSTS=localhost site_app
FROM python:3.11.14-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    APP_ENV=production \
    PORT=8000

WORKDIR /app

# Runtime dependencies only (and the PostgreSQL driver), at the lock file's exact
# versions: the dev extra never comes here.
COPY requirements/main.txt ./requirements/
RUN pip install --no-cache-dir -r requirements/main.txt
COPY pyproject.toml README.md ./
COPY site_app ./site_app
# The compiled translation catalogues (.mo) are committed: the package carries them.
RUN pip install --no-cache-dir --no-deps . \
    && groupadd --system --gid 10001 site \
    && useradd --system --uid 10001 --gid site --no-create-home --home-dir /nonexistent site \
    && mkdir /app/data \
    && chown site:site /app/data

# The default SQLite database, in the one folder the site user may write to. Mount a
# volume there to keep it, or set DATABASE_URL to PostgreSQL.
ENV DATABASE_URL=sqlite:////app/data/site_app.sqlite3
VOLUME ["/app/data"]

COPY config.py wsgi.py gunicorn.conf.py ./

# Numeric, so orchestrators can verify the container does not run as root.
USER 10001:10001

EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-m", "site_app.cli.healthcheck"]

# gunicorn.conf.py reads PORT (bind 0.0.0.0:$PORT) and WEB_CONCURRENCY. The schema is
# migrated once, before the workers start (never by a worker); exec hands the process
# to gunicorn, so it gets the container's signals.
CMD ["sh", "-c", "flask --app wsgi db upgrade && exec gunicorn wsgi:app"]
