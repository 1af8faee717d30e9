"""API authentication: the token exchange, token and session use, and anonymous refusal on every endpoint."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from organisation.demo import DEMO_PASSWORD

TOKEN_URL = "/api/auth/token/"
LIST_URLS = [
    "/api/v1/agencies/",
    "/api/v1/units/",
    "/api/v1/functions/",
    "/api/v1/employees/",
    "/api/v1/pokja/",
    "/api/v1/memberships/",
]


@pytest.fixture
def client():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


def test_it_exchanges_a_username_and_password_for_a_token_that_opens_the_api(client, head_user):
    response = client.post(TOKEN_URL, {"username": "kepala", "password": DEMO_PASSWORD}, format="json")

    assert response.status_code == 200
    token = response.json()["token"]
    assert token == Token.objects.get(user=head_user).key

    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    units = client.get("/api/v1/units/")
    assert units.status_code == 200
    assert [unit["slug"] for unit in units.json()["results"]] == ["inka"]


def test_it_gives_the_same_token_on_a_second_exchange(client, head_user):
    first = client.post(TOKEN_URL, {"username": "kepala", "password": DEMO_PASSWORD}, format="json").json()
    second = client.post(TOKEN_URL, {"username": "kepala", "password": DEMO_PASSWORD}, format="json").json()
    assert first == second


def test_it_refuses_a_wrong_password_with_a_message(client, head_user):
    response = client.post(TOKEN_URL, {"username": "kepala", "password": "wrong"}, format="json")

    assert response.status_code == 400
    assert "token" not in response.json()
    assert response.json()["non_field_errors"] == ["Unable to log in with provided credentials."]
    assert not Token.objects.exists()


def test_it_names_the_missing_fields(client, db):
    response = client.post(TOKEN_URL, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}


def test_it_refuses_an_unknown_token(client, demo_unit):
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.get("/api/v1/units/")

    assert response.status_code == 401
    assert "results" not in response.json()


def test_it_accepts_a_signed_in_session(client, anggota_user):
    client.login(username="anggota", password=DEMO_PASSWORD)
    response = client.get("/api/v1/units/inka/")

    assert response.status_code == 200
    assert response.json()["slug"] == "inka"


@pytest.mark.parametrize("url", LIST_URLS)
def test_it_refuses_anonymous_reads(client, demo_unit, url):
    response = client.get(url)

    assert response.status_code == 401
    assert "results" not in response.json()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/units/inka/",
        "/api/v1/units/inka/structure/",
        "/api/v1/units/inka/health/",
    ],
)
def test_it_refuses_anonymous_reads_of_the_demo_unit(client, demo_unit, url):
    assert client.get(url).status_code == 401


@pytest.mark.parametrize("url", [u for u in LIST_URLS if "agencies" not in u])
def test_it_refuses_anonymous_writes(client, demo_unit, url):
    response = client.post(url, {"unit": "inka", "code": "NEW", "name": "Anonim"}, format="json")

    assert response.status_code == 401
