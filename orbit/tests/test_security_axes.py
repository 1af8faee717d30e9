"""Login throttling (django-axes): 5 failed sign-ins lock that username from that address out for 30 minutes.

The suite runs with axes off (Client.login() cannot pass a request); these tests switch it on.
"""

import datetime

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from organisation.demo import DEMO_PASSWORD
from organisation.tests.conftest import anggota_user, demo_unit, ketua_user  # noqa: F401

pytestmark = pytest.mark.usefixtures("demo_unit")
axes_on = override_settings(AXES_ENABLED=True)
HOME = "10.0.0.1"


def sign_in(client, username: str, password: str, address: str = HOME):
    client.cookies["django_language"] = "en"
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username: str, times: int, address: str = HOME):
    """Fails ``times`` times; the first four answers are the login page with the usual error."""
    for attempt in range(1, times + 1):
        response = sign_in(client, username, "wrong-password", address)
        if attempt < 5:
            assert response.status_code == 200
            assert b"did not match" in response.content
    return response


def signed_in(client) -> bool:
    return client.get(reverse("unit_list")).status_code == 200


@axes_on
def test_it_answers_the_fifth_failure_with_the_lockout_page(client):
    response = fail(client, "anggota", 5)

    assert response.status_code == 429
    assert b'id="login-locked-out"' in response.content


@axes_on
def test_it_locks_the_account_out_after_five_failures_even_with_the_right_password(client):
    fail(client, "anggota", 5)

    response = sign_in(client, "anggota", DEMO_PASSWORD)

    assert response.status_code == 429
    assert b'id="login-locked-out"' in response.content
    assert b"locked for\n  30 minutes" in response.content or b"locked for 30 minutes" in response.content
    assert b'id="id_username"' in response.content  # still the login page, with the form
    assert not signed_in(client)


@axes_on
def test_it_shows_the_lockout_in_indonesian_by_default(client):
    fail(client, "anggota", 5)
    del client.cookies["django_language"]

    response = client.post(reverse("login"), {"username": "anggota", "password": "x"}, REMOTE_ADDR=HOME)

    assert response.status_code == 429
    assert b'lang="id"' in response.content
    assert b'id="login-locked-out"' in response.content


@axes_on
def test_it_still_lets_the_fourth_failure_be_followed_by_a_sign_in(client):
    fail(client, "anggota", 4)

    response = sign_in(client, "anggota", DEMO_PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


@axes_on
def test_it_forgets_failures_after_a_successful_sign_in(client):
    fail(client, "anggota", 4)
    assert sign_in(client, "anggota", DEMO_PASSWORD).status_code == 302
    client.post(reverse("logout"))
    fail(client, "anggota", 4)

    assert sign_in(client, "anggota", DEMO_PASSWORD).status_code == 302


@axes_on
def test_it_locks_only_that_username_from_that_address(client, ketua_user):  # noqa: F811
    fail(client, "anggota", 5)

    assert sign_in(client, "ketua", DEMO_PASSWORD).status_code == 302  # another user, same address
    client.post(reverse("logout"))
    assert sign_in(client, "anggota", DEMO_PASSWORD, address="10.0.0.2").status_code == 302  # same user elsewhere


@axes_on
def test_it_lets_the_user_in_again_after_thirty_minutes(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, "anggota", 5)
    with time_machine.travel(start + datetime.timedelta(minutes=29), tick=False):
        assert sign_in(client, "anggota", DEMO_PASSWORD).status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=31), tick=False):
        assert sign_in(client, "anggota", DEMO_PASSWORD).status_code == 302


@axes_on
def test_it_answers_429_and_gives_no_api_token_to_a_locked_out_account(client, anggota_user, english_messages):  # noqa: F811
    url = reverse("api:token")
    for _attempt in range(4):
        response = client.post(url, {"username": "anggota", "password": "wrong"}, REMOTE_ADDR=HOME)
        assert response.status_code == 400
    fifth = client.post(url, {"username": "anggota", "password": "wrong"}, REMOTE_ADDR=HOME)
    assert fifth.status_code == 429  # like the login page: the fifth failure locks the account out

    response = client.post(
        url, {"username": "anggota", "password": DEMO_PASSWORD}, REMOTE_ADDR=HOME, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 429
    assert "locked for 30 minutes" in response.json()["detail"]
    assert response["Retry-After"] == "1800"
    assert "token" not in response.json()
    assert not Token.objects.filter(user=anggota_user).exists()
    other_address = client.post(url, {"username": "anggota", "password": DEMO_PASSWORD}, REMOTE_ADDR="10.0.0.2")
    assert other_address.status_code == 200  # only that username from that address is locked


@axes_on
def test_it_still_answers_400_for_a_wrong_password_before_the_lockout(client, anggota_user):  # noqa: F811
    response = client.post(reverse("api:token"), {"username": "anggota", "password": "wrong"}, REMOTE_ADDR=HOME)

    assert response.status_code == 400
    assert "Retry-After" not in response


@axes_on
def test_it_gives_an_api_token_with_the_right_password_and_axes_on(client, anggota_user):  # noqa: F811
    response = client.post(reverse("api:token"), {"username": "anggota", "password": DEMO_PASSWORD}, REMOTE_ADDR=HOME)

    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=anggota_user).key


@axes_on
def test_it_signs_in_normally_with_axes_on(client):
    response = sign_in(client, "anggota", DEMO_PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)
