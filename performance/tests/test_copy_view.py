"""The "copy this PK to next year" action: only the unit head or an admin, a message when it is refused."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from performance.models import PerformanceAgreement
from performance.tests.fixtures_agreements import *  # noqa: F403

PERSONAS = ["anonymous", "outsider", "other_anggota", "member", "ketua", "head"]


@pytest.fixture
def as_persona(outsider, anggota_user, member_user, ketua_user, head_user):
    users = {
        "anonymous": None, "outsider": outsider, "other_anggota": anggota_user, "member": member_user,
        "ketua": ketua_user, "head": head_user,
    }  # fmt: skip

    def client_for(persona):
        client = Client()
        client.cookies["django_language"] = "en"
        if users[persona]:
            client.force_login(users[persona])
        return client

    return client_for


COPY = reverse("agreement_copy", args=["inka", 2023])


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_copy(as_persona, pk2023, persona):
    response = as_persona(persona).post(COPY)
    assert response.status_code == {"anonymous": 302, "outsider": 404, "head": 302}.get(persona, 403)
    assert PerformanceAgreement.objects.filter(year=2024).exists() == (persona == "head")
    if persona == "head":
        assert response["Location"] == reverse("agreement_detail", args=["inka", 2024])


def test_a_second_copy_is_refused_with_a_message(as_persona, pk2023):
    head = as_persona("head")
    head.post(COPY)
    response = head.post(COPY)
    assert response["Location"] == reverse("agreement_detail", args=["inka", 2023])
    # The first copy's success message is still unread; the refusal comes after it.
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == (
        "The unit already has a performance agreement for 2024; nothing was copied."
    )
    assert PerformanceAgreement.objects.filter(year=2024).count() == 1


def test_the_button_shows_only_while_the_next_year_is_free(as_persona, pk2023):
    head = as_persona("head")
    page = reverse("agreement_detail", args=["inka", 2023])
    assert 'id="copy-agreement"' in head.get(page).content.decode()
    head.post(COPY)
    assert 'id="copy-agreement"' not in head.get(page).content.decode()
    assert 'id="copy-agreement"' not in as_persona("ketua").get(page).content.decode()


def test_get_is_not_allowed(as_persona, pk2023):
    assert as_persona("head").get(COPY).status_code == 405
