"""Tenant isolation: a user of another agency gets a 404 for every demo object, through pages and the API."""

import pytest
from django.test import Client

from organisation.models import Employee, Function, Membership, Pokja
from organisation.tests.api import api_as

PAGES = [
    "/units/inka/",
    "/units/inka/orbit/",
    "/units/inka/orbit.svg",
    "/units/inka/health/",
    "/units/inka/matrix/",
    "/units/inka/matrix.xlsx",
    "/units/inka/pokja/PAK/",
    "/units/inka/people/{nip}/",
    "/units/inka/import/",
]
LISTS = ["agencies", "units", "functions", "employees", "pokja", "memberships"]


def page_client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def page_url(template: str, unit) -> str:
    return template.format(nip=unit.head.nip)


def demo_detail_urls(unit) -> list[str]:
    """Every API detail URL of the demo agency's objects."""
    urls = [
        f"/api/v1/agencies/{unit.agency_id}/",
        f"/api/v1/units/{unit.slug}/",
        f"/api/v1/units/{unit.slug}/structure/",
        f"/api/v1/units/{unit.slug}/health/",
    ]
    urls += [f"/api/v1/functions/{pk}/" for pk in Function.objects.filter(unit=unit).values_list("pk", flat=True)]
    urls += [f"/api/v1/employees/{pk}/" for pk in Employee.objects.filter(unit=unit).values_list("pk", flat=True)]
    urls += [f"/api/v1/pokja/{pk}/" for pk in Pokja.objects.filter(unit=unit).values_list("pk", flat=True)]
    urls += [
        f"/api/v1/memberships/{pk}/" for pk in Membership.objects.filter(pokja__unit=unit).values_list("pk", flat=True)
    ]
    return urls


@pytest.mark.parametrize("template", PAGES)
def test_an_outsider_gets_404_for_every_demo_page(outsider, demo_unit, template):
    response = page_client(outsider).get(page_url(template, demo_unit))

    assert response.status_code == 404


@pytest.mark.parametrize("template", PAGES)
def test_the_demo_head_gets_every_demo_page(head_user, demo_unit, template):
    response = page_client(head_user).get(page_url(template, demo_unit))

    assert response.status_code == 200


def test_an_outsider_gets_404_for_every_demo_api_object(outsider, demo_unit):
    client = api_as(outsider)
    urls = demo_detail_urls(demo_unit)

    answers = {url: client.get(url).status_code for url in urls}

    assert len(urls) == 4 + 12 + 26 + 7 + 59
    assert {url: status for url, status in answers.items() if status != 404} == {}


def test_the_demo_head_gets_every_demo_api_object(head_user, demo_unit):
    client = api_as(head_user)

    answers = {url: client.get(url).status_code for url in demo_detail_urls(demo_unit)}

    assert {url: status for url, status in answers.items() if status != 200} == {}


def test_an_outsider_cannot_change_or_delete_demo_objects(outsider, demo_unit):
    client = api_as(outsider)
    writable = [url for url in demo_detail_urls(demo_unit) if "/agencies/" not in url and url.count("/") == 5]
    memberships = [url for url in writable if "/memberships/" in url]

    patched = {url: client.patch(url, {"name": "Taken", "valid_to": "2024-06-30"}, format="json") for url in writable}
    deleted = {url: client.delete(url) for url in writable if "/memberships/" not in url and "/units/" not in url}
    ended = {url: client.post(f"{url}end/", {"last_day": "2024-06-30"}) for url in memberships}

    for answers in (patched, deleted, ended):
        assert {url: r.status_code for url, r in answers.items() if r.status_code != 404} == {}
    assert not Membership.objects.filter(pokja__unit=demo_unit, valid_to__isnull=False).exists()
    assert not Employee.objects.filter(unit=demo_unit, name="Taken").exists()
    assert Pokja.objects.filter(unit=demo_unit).count() == 7


@pytest.mark.parametrize("name", LISTS)
def test_an_outsider_sees_no_demo_object_in_lists(outsider, demo_unit, other_unit, name):
    response = api_as(outsider).get(f"/api/v1/{name}/")

    text = response.content.decode()
    assert response.status_code == 200
    assert "inka" not in text and "kanreg-x" not in text
    assert "Bidang Informasi Kepegawaian" not in text and "Komang Ayu Larasati" not in text
    own = {"agencies": 1, "units": 1, "functions": 0, "employees": 1, "pokja": 1, "memberships": 0}
    assert response.json()["count"] == own[name]


@pytest.mark.parametrize(
    "query",
    ["/api/v1/employees/?unit=inka", "/api/v1/pokja/?unit=inka", "/api/v1/memberships/?unit=inka&at=2024-01-01"],
)
def test_an_outsider_filtering_for_the_demo_unit_finds_nothing(outsider, demo_unit, query):
    assert api_as(outsider).get(query).json()["count"] == 0
