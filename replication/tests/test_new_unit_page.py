"""/units/new-from-template/: an agency admin uploads a template, sees what will be created, then confirms."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organisation.models import Pokja, Unit, User
from organisation.tests.factories import AgencyFactory, UnitFactory, UserFactory
from replication.tests.conftest import as_english, row_counts

URL = reverse("replication_new_unit")


def upload(data: bytes, name: str = "inka.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/json")


def preview(client, data: bytes, **fields):
    values = {"name": "Bidang Informasi Kepegawaian", "slug": "kab-info", "year": 2026, **fields}
    return client.post(URL, {"file": upload(data), **values})


def token_of(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


@pytest.fixture
def b_client(client, admin_b):
    return as_english(client, admin_b)


def test_it_sends_an_anonymous_visitor_to_sign_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("username", ["anggota", "ketua", "kepala"])
def test_people_who_are_not_agency_admins_get_403(client, source_unit, template_bytes, username):
    as_english(client, User.objects.get(username=username))

    assert client.get(URL).status_code == 403
    assert preview(client, template_bytes).status_code == 403


def test_a_stakeholder_gets_403(client, db):
    as_english(client, UserFactory(role=User.Role.STAKEHOLDER))

    assert client.get(URL).status_code == 403


def test_the_form_proposes_this_years_pk(b_client, django_assert_max_num_queries):
    # session, user
    with django_assert_max_num_queries(3):
        response = b_client.get(URL)

    assert response.status_code == 200
    assert 'name="agency"' not in response.content.decode()  # an agency admin creates in their own agency
    assert re.search(r'name="year" value="\d{4}"', response.content.decode())


def test_the_preview_shows_what_will_be_created_and_creates_nothing(b_client, template_bytes):
    before = row_counts()

    response = preview(b_client, template_bytes)

    assert response.status_code == 200
    page = response.content.decode()
    summary = re.search(r'<p id="template-summary"([^>]*)>', page).group(1)
    assert 'data-pokja="7"' in summary and 'data-tasks="40"' in summary and 'data-functions="12"' in summary
    assert 'data-indicators="15"' in summary and 'data-competencies="6"' in summary
    assert re.findall(r'<tr data-pokja="([^"]+)"', page) == ["PAK", "PPA", "PDK", "PDI", "PJD", "PLT", "PIA"]
    assert "Mengelola arsip fisik" in page and "IKU.7.2" in page
    assert 'id="template-confirm"' in page
    assert "integritas" in page  # the agency already has the ASN standard: shown as used as it is
    assert row_counts() == before


def test_confirming_creates_the_unit_and_opens_its_page(b_client, admin_b, template_bytes):
    token = token_of(preview(b_client, template_bytes))

    response = b_client.post(URL, {"token": token}, follow=True)

    assert response.redirect_chain == [("/units/kab-info/", 302)]
    unit = Unit.objects.get(slug="kab-info")
    assert unit.agency == admin_b.agency and unit.name == "Bidang Informasi Kepegawaian"
    assert Pokja.objects.filter(unit=unit).count() == 7
    page = response.content.decode()
    assert "was created from the template inka.json" in page
    assert len(re.findall(r'data-pokja="[A-Z]+"', page)) == 7


def test_a_confirmation_cannot_be_replayed(b_client, template_bytes):
    token = token_of(preview(b_client, template_bytes))
    b_client.post(URL, {"token": token})
    before = row_counts()

    response = b_client.post(URL, {"token": token}, follow=True)

    assert "has expired or is not valid" in response.content.decode()
    assert row_counts() == before


def test_a_malformed_template_shows_its_problems_and_keeps_the_typed_values(b_client, template_bytes):
    before = row_counts()
    broken = template_bytes.replace(b'"functions": [\n        9,', b'"functions": [\n        99,', 1)

    response = preview(b_client, broken, name="Bidang Baru", slug="bidang-baru")

    assert response.status_code == 400
    page = response.content.decode()
    assert "pokja[0].functions[0]: function 99 is not in the template." in page
    assert 'value="Bidang Baru"' in page and 'value="bidang-baru"' in page and 'value="2026"' in page
    assert 'id="template-confirm"' not in page
    assert row_counts() == before


def test_a_file_that_is_not_json_is_refused(b_client):
    response = preview(b_client, b"\x89PNG\r\n\x1a\n not a template")

    assert response.status_code == 400
    assert "The file is not UTF-8 text" in response.content.decode()


def test_a_taken_address_is_shown_on_its_field(b_client, admin_b, template_bytes):
    UnitFactory(agency=admin_b.agency, slug="kab-info")

    response = preview(b_client, template_bytes, name="Bidang Lain")

    assert response.status_code == 400
    page = response.content.decode()
    assert "The address kab-info is already taken." in page and 'value="Bidang Lain"' in page


def test_an_address_taken_after_the_preview_creates_nothing(b_client, admin_b, template_bytes):
    token = token_of(preview(b_client, template_bytes))
    UnitFactory(agency=AgencyFactory(), slug="kab-info")
    before = row_counts()

    response = b_client.post(URL, {"token": token})

    assert response.status_code == 409
    page = response.content.decode()
    assert "The address kab-info is already taken." in page and 'value="kab-info"' in page
    assert row_counts() == before


def test_a_token_of_another_admin_is_refused(client, b_client, admin_b, template_bytes):
    token = token_of(preview(b_client, template_bytes))
    other = UserFactory(agency=admin_b.agency, role=User.Role.ADMIN)
    as_english(client, other)

    response = client.post(URL, {"token": token}, follow=True)

    assert "has expired or is not valid" in response.content.decode()
    assert not Unit.objects.filter(slug="kab-info").exists()


def test_a_tampered_token_is_refused(b_client, template_bytes):
    token = token_of(preview(b_client, template_bytes))

    response = b_client.post(URL, {"token": token[:-2] + "xx"}, follow=True)

    assert "has expired or is not valid" in response.content.decode()
    assert not Unit.objects.filter(slug="kab-info").exists()


def test_a_file_above_the_limit_is_refused(b_client, template_bytes, settings):
    settings.ORBIT_IMPORT_MAX_BYTES = 1000

    response = preview(b_client, template_bytes)

    assert response.status_code == 400
    assert "The file is too large" in response.content.decode()


def test_an_operator_chooses_the_agency(client, template_bytes, admin_b):
    operator = User.objects.create_superuser("operator", password="operator-pass-123")
    as_english(client, operator)
    assert 'name="agency"' in client.get(URL).content.decode()

    token = token_of(preview(client, template_bytes, agency=admin_b.agency_id))
    client.post(URL, {"token": token})

    assert Unit.objects.get(slug="kab-info").agency == admin_b.agency


def test_the_unit_list_links_the_page_for_admins_only(client, source_unit):
    as_english(client, User.objects.get(username="admin"))
    assert URL in client.get(reverse("unit_list")).content.decode()

    as_english(client, User.objects.get(username="kepala"))
    assert URL not in client.get(reverse("unit_list")).content.decode()


def test_the_preview_costs_a_fixed_number_of_queries(b_client, template_bytes, django_assert_max_num_queries):
    # session, user; name taken?, slug taken?; which competencies the agency has
    with django_assert_max_num_queries(6):
        assert preview(b_client, template_bytes).status_code == 200


def test_a_wrong_file_and_a_taken_address_are_reported_together(b_client, admin_b):
    UnitFactory(agency=admin_b.agency, slug="kab-info")

    response = preview(b_client, b'{"format": "orbit.unit-template", "version": 3}')

    page = response.content.decode()
    assert "version: version 3 is not supported; this Orbit reads version 1." in page
    assert "The address kab-info is already taken." in page
