"""An admin password for the tests, and its hash as `flask --app wsgi hash-password` makes it."""

from werkzeug.security import generate_password_hash

ADMIN_PASSWORD = "correct horse battery staple"
# A deliberately cheap hash (scrypt, the default, costs ~100 ms each sign-in test).
ADMIN_PASSWORD_HASH = generate_password_hash(ADMIN_PASSWORD, method="pbkdf2:sha256:1")
GOOD_KEY = "9f2c4e7a1b3d5f608192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8"
