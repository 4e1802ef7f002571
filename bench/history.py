"""The Predict page's list of newest predictions, filled before ``make bench`` measures it.

The page is measured as a site in use shows it: with as many predictions listed as it
lists, added through its form as visitors add them, in process and on the server.
"""

from __future__ import annotations

import http.client
import urllib.parse
from collections.abc import Callable

from flask import Flask

from site_app.blueprints.predict import HISTORY_LENGTH

# What a browser sends with a form from the site's own page (site_app/web/cross_origin.py).
SAME_SITE_FORM = {"Sec-Fetch-Site": "same-origin"}
# A form sent; the status it was answered with.
PostForm = Callable[[dict[str, str]], int]


def add_predictions(post_form: PostForm) -> None:
    for years in range(HISTORY_LENGTH):
        status = post_form({"years_experience": str(years)})
        if status != 303:  # a stored prediction is answered with a redirect to its result
            raise SystemExit(f"Adding a prediction for the bench answered {status}")


def post_in_process(app: Flask) -> PostForm:
    client = app.test_client()
    return lambda form: client.post("/predict", data=form, headers=SAME_SITE_FORM).status_code


def post_to(site_url: str) -> PostForm:
    address = urllib.parse.urlsplit(site_url)

    def post(form: dict[str, str]) -> int:
        connection = http.client.HTTPConnection(address.netloc, timeout=10)
        headers = {**SAME_SITE_FORM, "Content-Type": "application/x-www-form-urlencoded"}
        try:
            connection.request("POST", "/predict", urllib.parse.urlencode(form), headers)
            return connection.getresponse().status
        finally:
            connection.close()

    return post
