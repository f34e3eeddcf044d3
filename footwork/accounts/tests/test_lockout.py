"""Login lockout behind a proxy: X-Forwarded-For counts only from the proxies the settings trust."""

from __future__ import annotations

import pytest

from footwork.accounts.domain import client_address, parse_networks
from footwork.accounts.tests.factories import PASSWORD

PROXY = parse_networks("10.0.0.1, 192.168.0.0/16")


def test_the_client_address_is_read_through_trusted_proxies_only():
    assert client_address("203.0.113.7", "198.51.100.1", PROXY) == "203.0.113.7"
    assert client_address("10.0.0.1", "198.51.100.1", PROXY) == "198.51.100.1"
    # The client may write anything at the left of the header; only the hops our proxies added count.
    assert client_address("10.0.0.1", "1.1.1.1, 198.51.100.1", PROXY) == "198.51.100.1"
    assert client_address("10.0.0.1", "198.51.100.1, 192.168.4.4", PROXY) == "198.51.100.1"
    assert client_address("10.0.0.1", "", PROXY) == "10.0.0.1"
    assert client_address("10.0.0.1", "not-an-address", PROXY) == "10.0.0.1"
    assert client_address("10.0.0.1", "198.51.100.1", []) == "10.0.0.1"
    assert client_address("::1", "2001:db8::5", parse_networks("::1")) == "2001:db8::5"


def test_a_malformed_trusted_proxy_is_named():
    with pytest.raises(ValueError, match=r"'10\.0\.0\.300'"):
        parse_networks("10.0.0.1, 10.0.0.300")


def fail(client, email: str, **meta: str):
    return client.post("/accounts/login/", {"username": email, "password": "wrong"}, **meta)


@pytest.mark.django_db
def test_x_forwarded_for_from_an_untrusted_peer_is_ignored(client, cast, settings):
    settings.FOOTWORK_TRUSTED_PROXIES = PROXY
    # A new forged address each time does not dodge the limit: the peer's own address is counted.
    for number in range(5):
        response = fail(
            client, cast.runner.email, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"1.2.3.{number}"
        )
    assert response.status_code == 429
    # Nor does forging the victim's address lock the victim out.
    victim = client.post(
        "/accounts/login/",
        {"username": cast.runner.email, "password": PASSWORD},
        REMOTE_ADDR="198.51.100.1",
    )
    assert victim.status_code == 302


@pytest.mark.django_db
def test_behind_the_proxy_each_client_address_has_its_own_counter(client, cast, settings):
    settings.FOOTWORK_TRUSTED_PROXIES = PROXY
    for _ in range(5):
        response = fail(
            client, cast.runner.email.upper(), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4"
        )
    assert response.status_code == 429
    # Any spelling of the address is the same account's counter.
    locked = fail(client, cast.runner.email, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert locked.status_code == 429
    # The account's owner, behind the same proxy from another address, still logs in.
    owner = client.post(
        "/accounts/login/",
        {"username": cast.runner.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert owner.status_code == 302
