"""The role-result matrix page, its XLSX and the add/edit/remove forms, as the personas see them."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from organisation.models import Membership, Pokja
from performance.models import RoleResult
from performance.services import role_results as service
from performance.tests.factories_teamwork import member_of, outside_of, small_pk

MATRIX = reverse("role_matrix", args=["inka", 2023])
XLSX = reverse("role_matrix_xlsx", args=["inka", 2023])
# session, user, unit (+agency, head), the user's employee (head?), agreement, indicators, role results,
# and the structure: pokja, memberships, employees
QUERIES = 10


@pytest.fixture
def pk2023(demo_unit):
    return small_pk(demo_unit, 2023)


@pytest.fixture
def with_results(pk2023, head_user):
    ketua = member_of("PAK", Membership.Role.KETUA)
    anggota = member_of("PDK")
    service.add_role_result(
        actor=head_user, indicator=pk2023.indicators.get(code="IKU.1"), employee=ketua,
        pokja=Pokja.objects.get(code="PAK"), result="Arsip terdigitalisasi", result_indicator="Jumlah arsip",
        target="400 dokumen",
    )  # fmt: skip
    service.add_role_result(
        actor=head_user, indicator=pk2023.indicators.get(code="IKU.2"), employee=anggota, result="Layanan cepat"
    )
    return ketua, anggota


@pytest.mark.parametrize("url", [MATRIX, XLSX])
def test_it_sends_an_anonymous_visitor_to_sign_in(client, pk2023, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", [MATRIX, XLSX])
def test_it_hides_the_matrix_from_another_agency(client, outsider, pk2023, url):
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_it_answers_404_for_a_year_without_a_pk(client, anggota_user, pk2023):
    client.force_login(anggota_user)
    assert client.get(reverse("role_matrix", args=["inka", 2031])).status_code == 404


def test_it_shows_an_anggota_results_across_people_down_without_the_forms(client, anggota_user, with_results):
    ketua, anggota = with_results
    client.force_login(anggota_user)
    response = client.get(MATRIX)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index('data-indicator="IKU.1"') < page.index('data-indicator="IKU.2"')
    assert page.index(f'data-nip="{ketua.nip}"') < page.index(f'data-nip="{anggota.nip}"')
    assert "Arsip terdigitalisasi" in page and "400 dokumen" in page and "Layanan cepat" in page
    assert 'id="role-result-add"' not in page and "/edit/" not in page


def test_it_refuses_an_anggota_who_posts_a_role_result(client, anggota_user, pk2023):
    client.force_login(anggota_user)
    data = {"indicator": pk2023.indicators.get(code="IKU.1").pk, "employee": anggota_user.employee.pk, "result": "X"}
    assert client.post(MATRIX, data).status_code == 403
    assert not RoleResult.objects.exists()


def test_it_lets_the_head_add_a_role_result(client, head_user, pk2023):
    client.force_login(head_user)
    person = member_of("PAK")
    data = {
        "indicator": pk2023.indicators.get(code="IKU.1").pk, "employee": person.pk,
        "pokja": Pokja.objects.get(code="PAK").pk, "result": "Digitalisasi arsip", "target": "50",
    }  # fmt: skip
    assert 'id="role-result-add"' in client.get(MATRIX).content.decode()
    response = client.post(MATRIX, data)
    assert response.status_code == 302 and response["Location"] == MATRIX
    assert RoleResult.objects.get().result == "Digitalisasi arsip"
    assert "Digitalisasi arsip" in client.get(MATRIX).content.decode()


def test_it_shows_the_head_why_a_pokja_is_refused(client, head_user, pk2023, demo_unit):
    client.force_login(head_user)
    person = outside_of(demo_unit, "PAK")
    data = {
        "indicator": pk2023.indicators.get(code="IKU.1").pk, "employee": person.pk,
        "pokja": Pokja.objects.get(code="PAK").pk, "result": "X",
    }  # fmt: skip
    client.cookies["django_language"] = "en"
    response = client.post(MATRIX, data)
    assert response.status_code == 400
    assert "is not a member of PAK" in response.content.decode()
    assert not RoleResult.objects.exists()


def test_it_lets_the_head_edit_and_remove_a_role_result(client, head_user, with_results):
    client.force_login(head_user)
    item = RoleResult.objects.get(result="Layanan cepat")
    edit = reverse("role_result_edit", args=["inka", 2023, item.pk])
    assert client.get(edit).status_code == 200
    data = {"indicator": item.indicator_id, "employee": item.employee_id, "result": "Layanan kilat", "target": "2 hari"}
    assert client.post(edit, data).status_code == 302
    item.refresh_from_db()
    assert (item.result, item.target) == ("Layanan kilat", "2 hari")
    assert client.post(reverse("role_result_delete", args=["inka", 2023, item.pk])).status_code == 302
    assert not RoleResult.objects.filter(pk=item.pk).exists()


def test_it_refuses_an_anggota_who_edits_or_removes(client, anggota_user, with_results):
    client.force_login(anggota_user)
    item = RoleResult.objects.first()
    assert client.get(reverse("role_result_edit", args=["inka", 2023, item.pk])).status_code == 403
    assert client.post(reverse("role_result_delete", args=["inka", 2023, item.pk])).status_code == 403
    assert RoleResult.objects.filter(pk=item.pk).exists()


def test_it_hides_a_role_result_from_an_outsider(client, outsider, with_results):
    client.force_login(outsider)
    item = RoleResult.objects.first()
    assert client.post(reverse("role_result_delete", args=["inka", 2023, item.pk])).status_code == 404
    assert RoleResult.objects.filter(pk=item.pk).exists()


def test_the_xlsx_has_the_same_layout_as_the_page(client, anggota_user, with_results):
    ketua, anggota = with_results
    client.force_login(anggota_user)
    response = client.get(XLSX)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[2] == "NIP"
    assert [h.split(" ")[0] for h in header[4:]] == ["IKU.1", "IKU.2", "IKU.2.1"]
    rows = {row[2]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == len(service.matrix(with_results[0].unit.agreements.get(year=2023)).rows)
    first = next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))
    assert first[1] == ketua.name and first[2] == ketua.nip and "PAK" in first[3]
    assert first[4].startswith("Arsip terdigitalisasi") and "400 dokumen" in first[4]
    assert rows[anggota.nip][4] is None and rows[anggota.nip][5] == "Layanan cepat"


def test_it_reads_the_matrix_in_a_fixed_number_of_queries(
    client, anggota_user, with_results, django_assert_num_queries
):
    client.force_login(anggota_user)
    with django_assert_num_queries(QUERIES):
        client.get(MATRIX)
    ketua, _anggota = with_results
    agreement = ketua.unit.agreements.get(year=2023)
    for indicator in agreement.indicators.all():
        RoleResult.objects.create(indicator=indicator, employee=ketua, result="Tambahan")
    with django_assert_num_queries(QUERIES):
        client.get(MATRIX)
