"""The orbit page and its downloads as the personas see them: sign-in, tenancy, htmx, bad input, queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisation.models import Pokja
from organisation.tests.factories import EmployeeFactory, MembershipFactory

SATELLITE = re.compile(r'class="satellite(?: leader)?" data-nip=')
VIEWS = ["orbit", "orbit_svg", "orbit_png", "orbit_pdf"]
# session, user, unit (+agency, head), the user's employee (is it the head?), pokja, memberships, employees
QUERIES = 7


@pytest.fixture
def anggota_client(client, anggota_user):
    client.force_login(anggota_user)
    return client


@pytest.mark.parametrize("name", VIEWS)
def test_it_sends_an_anonymous_visitor_to_sign_in(client, demo_unit, name):
    response = client.get(reverse(name, args=["inka"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", VIEWS)
def test_it_hides_the_unit_from_another_agency(client, outsider, demo_unit, name):
    client.force_login(outsider)
    assert client.get(reverse(name, args=["inka"])).status_code == 404


def test_it_shows_an_anggota_the_drawing_the_filter_and_the_downloads(anggota_client, demo_unit):
    response = anggota_client.get(reverse("orbit", args=["inka"]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" in page and 'class="orbit-diagram"' in page and len(SATELLITE.findall(page)) == 25
    for code in ["PAK", "PPA", "PDK", "PDI", "PJD", "PLT", "PIA"]:
        assert f'<option value="{code}"' in page
    assert 'hx-get="/units/inka/orbit/"' in page and 'hx-target="#orbit-drawing"' in page
    for name in ["orbit_svg", "orbit_png", "orbit_pdf"]:
        assert reverse(name, args=["inka"]) + "?at=" in page
    assert "orbit/orbit.js" in page


def test_it_keeps_the_chosen_pokja_and_date_in_the_form_and_downloads(anggota_client, demo_unit):
    page = anggota_client.get(reverse("orbit", args=["inka"]), {"pokja": "PDI", "at": "2024-06-01"}).content.decode()
    assert '<option value="PDI" selected>' in page
    assert 'name="at" value="2024-06-01"' in page
    assert "/units/inka/orbit.png?at=2024-06-01&amp;pokja=PDI" in page
    assert page.count('class="ring"') == 1


def test_it_answers_an_htmx_request_with_the_drawing_only(anggota_client, demo_unit):
    response = anggota_client.get(reverse("orbit", args=["inka"]), {"pokja": "PAK"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page and "<select" not in page
    assert 'class="orbit-diagram"' in page and page.count('class="ring"') == 1 and 'data-pokja="PAK"' in page


def test_it_rejects_a_bad_date_with_a_message(anggota_client, demo_unit):
    response = anggota_client.get(reverse("orbit", args=["inka"]), {"at": "28-11-2026"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "28-11-2026" in page and 'role="alert"' in page and "<svg" not in page
    assert '<option value="PAK"' in page  # the form is still there to correct the date


def test_it_explains_an_unknown_pokja(anggota_client, demo_unit):
    response = anggota_client.get(reverse("orbit", args=["inka"]), {"pokja": "XYZ"})
    assert response.status_code == 404
    page = response.content.decode()
    assert "XYZ" in page and 'role="alert"' in page and "<svg" not in page


def test_it_shows_the_structure_on_the_chosen_date(anggota_client, demo_unit):
    page = anggota_client.get(reverse("orbit", args=["inka"]), {"at": "2022-12-31"}).content.decode()
    assert '<line class="link' not in page and page.count('class="ring"') == 7


def grow(unit, people: int) -> None:
    pokja = list(Pokja.objects.filter(unit=unit).order_by("order"))
    for i in range(people):
        person = EmployeeFactory(unit=unit)
        for group in (pokja[i % 7], pokja[(i + 2) % 7]):
            MembershipFactory(employee=person, pokja=group, valid_from=datetime.date(2023, 1, 2))


@pytest.mark.parametrize("name", ["orbit", "orbit_svg"])
def test_it_uses_the_same_few_queries_for_a_small_and_a_large_unit(
    anggota_client, demo_unit, django_assert_num_queries, name
):
    url = reverse(name, args=["inka"])
    with django_assert_num_queries(QUERIES):
        assert anggota_client.get(url).status_code == 200
    grow(demo_unit, 40)
    with CaptureQueriesContext(connection) as queries:
        response = anggota_client.get(url)
    assert response.status_code == 200 and len(SATELLITE.findall(response.content.decode())) == 65
    assert len(queries) == QUERIES
