# Read by the `flask` command only (never by gunicorn), so a fresh clone runs
# `flask --app wsgi run` in development with no .env. Values in .env or the real
# environment win over these.
FLASK_APP=wsgi
APP_ENV=development
FLASK_DEBUG=1
