"""The WSGI entry point.

``flask --app wsgi run`` serves it in development, ``gunicorn wsgi:app`` in production.

A settings problem raises ``config.ConfigError`` here, at start-up, with a message that
says what to set, so a misconfigured server never begins to serve.
"""

from site_app import create_app

app = create_app()
