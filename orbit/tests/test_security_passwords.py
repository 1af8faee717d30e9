"""Password rules: at least 10 characters, not common, not all digits, not like the username, on every path
that sets a password (the admin's add-user and set-password forms; createsuperuser and changepassword use the same
validators)."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from organisation.demo import DEMO_PASSWORD
from organisation.models import User
from organisation.tests.conftest import admin_user, anggota_user, demo_unit  # noqa: F401

STRONG = "lentera-biru-42"


@pytest.fixture
def admin_client(client, admin_user):  # noqa: F811
    client.force_login(admin_user)
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("kx8-Pq2-z", "too short"),  # 9 characters
        ("password123", "too common"),
        ("83920174651", "entirely numeric"),
        ("anggota-orbit", "too similar"),
    ],
)
def test_it_refuses_weak_passwords(anggota_user, password, why):  # noqa: F811
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        validate_password(password, anggota_user)
    assert any(why in message for message in refused.value.messages)


def test_it_accepts_ten_characters_that_are_not_weak(anggota_user):  # noqa: F811
    validate_password("kx8-Pq2-zm", anggota_user)  # raises if refused


def test_it_keeps_the_demo_password_valid_under_the_rules(anggota_user):  # noqa: F811
    validate_password(DEMO_PASSWORD, anggota_user)


def test_it_refuses_a_short_password_when_an_admin_adds_a_user(admin_client):
    data = {"username": "baru", "usable_password": "true", "password1": "kx8-Pq2-z", "password2": "kx8-Pq2-z"}

    response = admin_client.post(reverse("admin:organisation_user_add"), data)

    assert response.status_code == 200
    assert "at least 10 characters" in response.content.decode()
    assert not User.objects.filter(username="baru").exists()


def test_it_adds_a_user_with_a_strong_password(admin_client, admin_user):  # noqa: F811
    data = {"username": "baru", "usable_password": "true", "password1": STRONG, "password2": STRONG}

    response = admin_client.post(reverse("admin:organisation_user_add"), data)

    assert response.status_code == 302
    user = User.objects.get(username="baru")
    assert user.check_password(STRONG)
    assert user.agency_id == admin_user.agency_id


def test_it_refuses_a_short_password_when_an_admin_resets_one(admin_client, anggota_user):  # noqa: F811
    url = reverse("admin:auth_user_password_change", args=[anggota_user.pk])

    response = admin_client.post(url, {"usable_password": "true", "password1": "kx8-Pq2-z", "password2": "kx8-Pq2-z"})

    assert response.status_code == 200
    assert "at least 10 characters" in response.content.decode()
    anggota_user.refresh_from_db()
    assert anggota_user.check_password(DEMO_PASSWORD)


def test_it_resets_a_password_that_follows_the_rules(admin_client, anggota_user):  # noqa: F811
    url = reverse("admin:auth_user_password_change", args=[anggota_user.pk])

    response = admin_client.post(url, {"usable_password": "true", "password1": STRONG, "password2": STRONG})

    assert response.status_code == 302
    anggota_user.refresh_from_db()
    assert anggota_user.check_password(STRONG)
