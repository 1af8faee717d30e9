"""GET /units/<slug>/template.json: the unit's managers download it; members get 403, other agencies 404."""

import json

import pytest
from django.urls import reverse

from organisation.models import User
from replication.tests.conftest import as_english

URL = reverse("replication_template", args=["inka"])


def test_it_sends_an_anonymous_visitor_to_sign_in(client, source_unit):
    response = client.get(URL)

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("username", ["kepala", "admin"])
def test_the_head_and_the_admin_download_the_template_as_a_file(client, source_unit, username):
    as_english(client, User.objects.get(username=username))

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="orbit-template-inka.json"'
    document = json.loads(response.content)
    assert document["format"] == "orbit.unit-template" and len(document["pokja"]) == 7


@pytest.mark.parametrize("username", ["anggota", "ketua"])
def test_members_who_do_not_manage_the_unit_get_403(client, source_unit, username):
    as_english(client, User.objects.get(username=username))

    assert client.get(URL).status_code == 403


def test_another_agencys_admin_gets_404(client, source_unit, admin_b):
    as_english(client, admin_b)

    response = client.get(URL)

    assert response.status_code == 404
    assert b"Bidang Informasi Kepegawaian" not in response.content


def test_the_unit_page_links_the_download_for_managers_only(client, source_unit):
    as_english(client, User.objects.get(username="kepala"))
    assert URL in client.get(reverse("unit_detail", args=["inka"])).content.decode()

    as_english(client, User.objects.get(username="anggota"))
    assert URL not in client.get(reverse("unit_detail", args=["inka"])).content.decode()


def test_the_download_costs_a_fixed_number_of_queries(client, source_unit, django_assert_max_num_queries):
    as_english(client, User.objects.get(username="kepala"))

    # session, user, unit, the head's employee row (can_manage_unit); then the 11 of export_unit
    with django_assert_max_num_queries(15):
        assert client.get(URL).status_code == 200
