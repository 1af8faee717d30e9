"""GET /api/v1/agencies/: read-only, each user sees their own agency only."""

import pytest

from organisation.models import Agency, User
from organisation.tests.api import api_as
from organisation.tests.factories import AgencyFactory, UserFactory


def test_it_lists_only_the_users_agency(anggota_user, outsider):
    response = api_as(anggota_user).get("/api/v1/agencies/")

    assert response.status_code == 200
    assert [agency["slug"] for agency in response.json()["results"]] == ["kanreg-x"]
    assert response.json()["results"][0]["name"] == "Kantor Regional X BKN Denpasar"


def test_it_shows_the_users_agency_and_hides_the_others(anggota_user, outsider):
    own = api_as(anggota_user).get(f"/api/v1/agencies/{anggota_user.agency_id}/")
    other = api_as(anggota_user).get(f"/api/v1/agencies/{outsider.agency_id}/")

    assert own.status_code == 200
    assert own.json()["slug"] == "kanreg-x"
    assert other.status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_it_is_read_only_even_for_the_agency_admin(admin_user, method):
    client = api_as(admin_user)
    url = "/api/v1/agencies/" if method == "post" else f"/api/v1/agencies/{admin_user.agency_id}/"

    response = getattr(client, method)(url, {"name": "Renamed", "slug": "renamed"}, format="json")

    assert response.status_code == 405
    assert Agency.objects.get(pk=admin_user.agency_id).name == "Kantor Regional X BKN Denpasar"


@pytest.mark.parametrize("count", [3, 9])
def test_it_lists_agencies_in_a_constant_number_of_queries(db, django_assert_num_queries, count):
    AgencyFactory.create_batch(count)
    operator = UserFactory(is_superuser=True, role=User.Role.STAFF)
    client = api_as(operator)

    # 1. COUNT(*) of the agencies (pagination)  2. the page of agencies
    with django_assert_num_queries(2):
        response = client.get("/api/v1/agencies/")

    assert response.json()["count"] == count
