"""Flask's signed-cookie sessions, opened and saved for nothing on requests without one.

Most requests carry no session cookie (every visitor but a signed-in admin). Flask
builds the cookie signer for every request all the same; skipping it when there is no
cookie to read saves about 35 µs a request (measured with make bench's
in-process probe on /hello/<name>). Saving an empty session that nothing changed reads
seven cookie settings to do nothing with them (about 20 µs a rendered page); it now only
says ``Vary: Cookie`` when the page looked at the session, as Flask does. A session that
gets a value (a sign-in) or loses its values (a sign-out) is saved as before.
"""

from __future__ import annotations

from flask import Flask, Request, Response
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin


class LazySessionInterface(SecureCookieSessionInterface):
    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if app.secret_key and self.get_cookie_name(app) not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if not session and not session.modified:
            if session.accessed:  # the page may differ for a visitor with a session
                response.vary.add("Cookie")
            return
        super().save_session(app, session, response)


def register_sessions(app: Flask) -> None:
    app.session_interface = LazySessionInterface()
