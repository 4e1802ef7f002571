"""An admin password for the tests, and its hash as `flask --app wsgi hash-password` makes it."""

from werkzeug.security import generate_password_hash

ADMIN_PASSWORD = "correct horse battery staple"
ADMIN_PASSWORD_HASH = generate_password_hash(ADMIN_PASSWORD)
GOOD_KEY = "9f2c4e7a1b3d5f608192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8"
