"""A Python client of site_app's JSON API, with requests: list incomes, add one, predict.

Writing needs an API token, which the site's operator makes with
``flask --app wsgi api-token create NAME``; the client reads it from SITE_APP_API_TOKEN:

    export SITE_APP_API_TOKEN=...                      # the token, as printed
    python examples/client.py                          # the site of `make run`
    python examples/client.py https://site.example     # any other copy of it

Copy SiteAppClient into your own code: each method is one endpoint, and any error the
API answers becomes an ApiError carrying its status, message and field.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import requests

DEFAULT_SITE = "http://127.0.0.1:5000"
PAGE_SIZE = 500  # the most one page may hold
TOKEN_VARIABLE = "SITE_APP_API_TOKEN"  # noqa: S105 (the variable's name, not a token)


class ApiError(Exception):
    """An error answer from the API: its HTTP status, message and, if one, field."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message
        self.field = field


class SiteAppClient:
    """The site's JSON API as Python methods. One session: connections are reused."""

    def __init__(
        self, site: str = DEFAULT_SITE, token: str | None = None, timeout: float = 10
    ) -> None:
        self.api = site.rstrip("/") + "/api"
        self.timeout = timeout
        self.session = requests.Session()
        if token:
            # Sent with every request; only writes need it, reads are public.
            self.session.headers["Authorization"] = f"Bearer {token}"

    def incomes(self) -> list[dict[str, Any]]:
        """Every income, oldest first, following the pages to the last."""
        return self._every_item("/incomes")

    def add_income(self, description: str, amount: float) -> dict[str, Any]:
        return self._call("POST", "/incomes", {"description": description, "amount": amount})

    def predict(self, years_experience: float) -> dict[str, Any]:
        return self._call("POST", "/predict", {"years_experience": years_experience})

    def past_predictions(self) -> list[dict[str, Any]]:
        return self._every_item("/past_predictions")

    def correct_last_prediction(self, years_experience: float) -> dict[str, Any]:
        body = {"years_experience": years_experience}
        return self._call("PUT", "/past_predictions/last", body)

    def _every_item(self, path: str) -> list[dict[str, Any]]:
        # Each page names the cursor of the next (next_after); the last names none.
        items: list[dict[str, Any]] = []
        query = f"{path}?limit={PAGE_SIZE}"
        while True:
            page = self._call("GET", query)
            items += page["items"]
            if page["next_after"] is None:
                return items
            query = f"{path}?limit={PAGE_SIZE}&after={page['next_after']}"

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = self.session.request(method, self.api + path, json=body, timeout=self.timeout)
        if not response.ok:
            try:
                error = response.json()
            except ValueError:  # not JSON: a proxy's page, say
                raise ApiError(response.status_code, response.reason) from None
            raise ApiError(response.status_code, error["message"], error.get("field"))
        return response.json()


def main(argv: list[str]) -> int:
    site = argv[1] if len(argv) > 1 else DEFAULT_SITE
    token = os.environ.get(TOKEN_VARIABLE)
    if not token:
        print(
            f"Set {TOKEN_VARIABLE} to an API token: the site's operator makes one with "
            "flask --app wsgi api-token create NAME.",
            file=sys.stderr,
        )
        return 1
    client = SiteAppClient(site, token)
    try:
        income = client.add_income("Consulting", 1250.5)
        print(f"Added income {income['id']}: {income['description']}, {income['amount']:,.2f}")
        print(f"Incomes stored: {len(client.incomes())}")
        prediction = client.predict(5)
        print(
            f"Prediction {prediction['id']}: 5 years of experience, "
            f"a yearly salary of {prediction['salary']:,.2f}"
        )
        print(f"Predictions stored: {len(client.past_predictions())}")
    except requests.ConnectionError:
        print(f"Cannot reach {site}: is the site running? (make run)", file=sys.stderr)
        return 1
    except ApiError as error:
        print(f"The API refused: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
