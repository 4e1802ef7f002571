"""A visitor's name, one rule wherever the site takes one: the users form, /user/<name>,
/guest/<name> and /hello/<name>, in both languages."""

from __future__ import annotations

import pytest

from site_app.web.visitor_names import MAX_NAME_LENGTH
from tests.html import heading
from tests.languages import PREFIXES

LONG = "x" * (MAX_NAME_LENGTH + 1)
# Names no page takes: blank, too long, a NUL, a line separator, a lone surrogate's
# escape, no letter or digit.
REFUSED = ["%20", LONG, "a%00b", "a%E2%80%A8b", "%2E%2E", "---"]
NAME_ADDRESSES = ["/guest/{}", "/hello/{}", "/user/{}"]


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("address", NAME_ADDRESSES)
@pytest.mark.parametrize("name", REFUSED)
def test_an_address_with_a_refused_name_is_the_site_s_404(client, prefix, address, name):
    response = client.get(prefix + address.format(name))

    assert response.status_code == 404
    assert heading(response) == ("Page introuvable" if prefix else "Page not found")
    assert b"\x00" not in response.data


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("%20", ("Enter a name to continue.", "Saisissez un nom pour continuer.")),
        (LONG, ("Use at most 100 characters.", "Utilisez au plus 100 caractères.")),
        (
            "a%00b",
            (
                "A name cannot hold control characters.",
                "Un nom ne peut pas contenir de caractères de contrôle.",
            ),
        ),
    ],
)
def test_the_form_refuses_the_same_names_with_the_reason(client, prefix, name, message):
    response = client.get(f"{prefix}/users?name={name}")

    assert response.status_code == 422
    assert (message[1] if prefix else message[0]) in response.text
    assert b"\x00" not in response.data


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("address", ["/users?name=%20admin%20", "/user/%20admin%20"])
def test_admin_with_spaces_around_leads_to_the_admin_page_from_both(client, prefix, address):
    response = client.get(prefix + address)

    assert response.status_code == 302
    assert response.headers["Location"] == f"{prefix}/admin"


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize(
    ("address", "page"), [("/guest/%20Ada%20", "/guest/Ada"), ("/hello/%20Ada", "/hello/Ada")]
)
def test_a_name_with_spaces_around_has_one_address_without(client, prefix, address, page):
    response = client.get(prefix + address)

    assert response.status_code == 308
    assert response.headers["Location"] == prefix + page


@pytest.mark.parametrize(
    ("address", "status"), [("/guest/{}", 200), ("/hello/{}", 200), ("/user/{}", 302)]
)
def test_the_longest_name_is_taken_everywhere(client, address, status):
    longest = "y" * MAX_NAME_LENGTH

    assert client.get(f"/users?name={longest}").status_code == 302
    assert client.get(address.format(longest)).status_code == status
