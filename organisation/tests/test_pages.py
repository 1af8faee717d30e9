"""The structure pages: unit overview, pokja, profile, matrix and health, as the personas see them."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from organisation.models import Employee, Membership
from organisation.tests.factories import EmployeeFactory, MembershipFactory


@pytest.fixture
def head_client(client, head_user):
    client.force_login(head_user)
    return client


@pytest.fixture
def anggota_client(client, anggota_user):
    client.force_login(anggota_user)
    return client


PAGES = ["unit_detail", "health", "matrix", "matrix_xlsx"]


@pytest.mark.parametrize("name", PAGES)
def test_pages_need_sign_in(client, demo_unit, name):
    response = client.get(reverse(name, args=["inka"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_an_outsider_gets_404(client, outsider, demo_unit, name):
    client.force_login(outsider)
    assert client.get(reverse(name, args=["inka"])).status_code == 404


def test_home_sends_a_one_unit_user_to_their_unit(anggota_client):
    assert anggota_client.get("/")["Location"] == reverse("unit_detail", args=["inka"])


def test_unit_list_shows_only_the_users_agency(client, outsider, demo_unit):
    client.force_login(outsider)
    page = client.get(reverse("unit_list")).content.decode()
    assert "Unit Lain" in page and "Bidang Informasi Kepegawaian" not in page


def test_unit_page_shows_head_pokja_and_functions(anggota_client, demo_unit):
    page = anggota_client.get(reverse("unit_detail", args=["inka"])).content.decode()
    assert demo_unit.head.name in page
    for code in ["PAK", "PPA", "PDK", "PDI", "PJD", "PLT", "PIA"]:
        assert f'data-pokja="{code}"' in page
    assert "Pengelolaan dan pemeliharaan arsip kepegawaian" in page


def test_import_link_only_for_managers(client, head_user, anggota_user):
    client.force_login(anggota_user)
    assert (
        reverse("import_employees", args=["inka"])
        not in client.get(reverse("unit_detail", args=["inka"])).content.decode()
    )
    client.force_login(head_user)
    assert (
        reverse("import_employees", args=["inka"]) in client.get(reverse("unit_detail", args=["inka"])).content.decode()
    )


def test_pokja_page_lists_tasks_leaders_and_history(head_client, demo_unit):
    ketua = Membership.objects.get(pokja__code="PAK", role="ketua", valid_to__isnull=True)
    ketua.valid_to = datetime.date(2024, 12, 31)
    ketua.save()
    successor = Membership.objects.filter(pokja__code="PAK", role="anggota").first()
    successor.valid_to = datetime.date(2024, 12, 31)
    successor.save()
    MembershipFactory(
        pokja=successor.pokja, employee=successor.employee, role="ketua", valid_from=datetime.date(2025, 1, 1)
    )
    page = head_client.get(reverse("pokja_detail", args=["inka", "pak"])).content.decode()
    assert "Mengelola arsip digital dengan DMS" in page
    assert "Mereview dan update POS PAK" in page
    assert ketua.employee.name in page  # in the history table
    assert "2024-12-31" in page


def test_unknown_pokja_is_404(head_client, demo_unit):
    assert head_client.get(reverse("pokja_detail", args=["inka", "XYZ"])).status_code == 404


def test_profile_shows_data_derived_from_the_nip(head_client, demo_unit):
    employee = Employee.objects.exclude(pk=demo_unit.head_id).first()
    page = head_client.get(reverse("employee_detail", args=["inka", employee.nip])).content.decode()
    assert employee.nip in page
    assert str(employee.birth_date.year) in page
    for membership in employee.memberships.all():
        assert membership.pokja.code in page


def test_matrix_page_marks_table_2_2(anggota_client, demo_unit):
    page = anggota_client.get(reverse("matrix", args=["inka"])).content.decode()
    row = page.split('data-pokja="PAK"')[1].split("</tr>")[0]
    assert row.count("✓") == 2 and "9, 11" in row


def test_matrix_xlsx_opens_back_with_the_links(anggota_client, demo_unit):
    response = anggota_client.get(reverse("matrix_xlsx", args=["inka"]))
    assert response["Content-Disposition"].startswith("attachment;")
    book = load_workbook(BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    pak = next(r for r in rows if r[1] == "PAK")
    linked = [header[i] for i, v in enumerate(pak) if v == "✓"]
    assert linked == ["9", "11"]
    assert pak[-1] == "9, 11"
    assert len(list(book.worksheets[1].iter_rows())) == 13  # header + 12 functions


def test_health_page_lists_findings_and_accepts_a_date(head_client, demo_unit):
    EmployeeFactory(unit=demo_unit, name="Pegawai Tanpa Pokja")
    page = head_client.get(reverse("health", args=["inka"])).content.decode()
    assert "EMPLOYEE_BELOW_RANGE" in page and "Pegawai Tanpa Pokja" in page
    before = head_client.get(reverse("health", args=["inka"]) + "?at=2022-06-01").content.decode()
    assert "POKJA_NO_KETUA" in before
    assert head_client.get(reverse("health", args=["inka"]) + "?at=2024-13-01").status_code == 400


def test_unit_page_queries_do_not_grow_with_people(head_client, demo_unit):
    # session, user, employee of user, unit; structure: pokja, memberships, employees; functions + their pokja;
    # health: pokja, memberships, employees, functions + their pokja
    url = reverse("unit_detail", args=["inka"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        head_client.get(url)
    pokja = list(demo_unit.pokja.all())
    for i in range(30):
        MembershipFactory(pokja=pokja[i % len(pokja)], employee=EmployeeFactory(unit=demo_unit))
    with CaptureQueriesContext(connection) as after:
        head_client.get(url)
    assert len(after) == len(before) <= 16


def test_home_sends_a_stakeholder_to_their_requests(client, demo_unit):
    from organisation.models import User

    stakeholder = User.objects.create_user(
        "pemohon", password="x-secret-123", agency=demo_unit.agency, role="stakeholder"
    )
    client.force_login(stakeholder)
    assert client.get("/")["Location"] == reverse("helpdesk_my_requests")
