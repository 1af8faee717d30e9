"""The import page: upload, preview, confirm; as anonymous, anggota, ketua, outsider, head and admin."""

import csv
import datetime
import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organisation.models import Employee, Membership, User
from organisation.tests.factories import EmployeeFactory, UnitFactory

URL = reverse("import_employees", args=["inka"])
START = datetime.date(2024, 7, 1)
NIP_A = "198001012005011001"
NIP_B = "198502152010122002"


def csv_file(rows, name="pegawai.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["NIP", "NAMA", "JABATAN", "GOLONGAN", "POKJA", "PERAN"])
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(), content_type="text/csv")


GOOD_ROWS = [
    [NIP_A, "Ani Lestari", "Pranata Komputer", "III/c", "PDK;PAK", ""],
    [NIP_B, "Budi Santoso", "Arsiparis", "III/a", "PDA", "anggota"],
]


def as_user(client, user):
    client.force_login(user)
    # Messages are asserted in English, whatever translations exist.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def head_client(client, head_user):
    return as_user(client, head_user)


def preview(client, rows, start=START):
    return client.post(URL, {"file": csv_file(rows), "start": start.isoformat()})


def test_it_sends_an_anonymous_visitor_to_sign_in(client, demo_unit):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("username", ["anggota", "ketua"])
def test_it_forbids_members_who_do_not_manage_the_unit(client, demo_unit, username):
    as_user(client, Employee.objects.get(user__username=username).user)
    assert client.get(URL).status_code == 403
    assert preview(client, GOOD_ROWS).status_code == 403
    assert not Employee.objects.filter(nip=NIP_A).exists()


def test_it_hides_the_unit_from_an_outsider(client, demo_unit, outsider):
    as_user(client, outsider)
    assert client.get(URL).status_code == 404
    assert preview(client, GOOD_ROWS).status_code == 404


@pytest.mark.parametrize("username", ["kepala", "admin"])
def test_it_shows_the_upload_form_and_the_columns_to_the_head_and_the_admin(client, demo_unit, username):
    as_user(client, User.objects.get(username=username))
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file"' in html and 'name="start"' in html
    assert "NIP BARU" in html and "GOL AKHIR NAMA" in html and "PERAN" in html


def test_it_offers_a_csv_template_of_the_columns(head_client):
    response = head_client.get(URL, {"template": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header == "NIP,NAMA,JABATAN,GOLONGAN,EMAIL,POKJA,PERAN"


def test_it_previews_then_imports_on_confirm(head_client):
    employees = Employee.objects.count()

    response = preview(head_client, GOOD_ROWS)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ani Lestari" in html and "Budi Santoso" in html and "Confirm import" in html
    assert "PPA anggota" in html  # the alias PDA read as PPA
    assert Employee.objects.count() == employees  # a preview writes nothing
    token = response.context["confirm_form"]["token"].value()

    response = head_client.post(URL, {"token": token, "start": START.isoformat()}, follow=True)

    assert response.redirect_chain == [(reverse("unit_detail", args=["inka"]), 302)]
    assert "Import done: 2 employees created, 0 updated, 3 memberships from 2024-07-01." in response.content.decode()
    assert Employee.objects.count() == employees + 2
    assert set(
        Membership.objects.filter(employee__nip__in=[NIP_A, NIP_B]).values_list("employee__nip", "pokja__code", "role")
    ) == {(NIP_A, "PDK", "anggota"), (NIP_A, "PAK", "anggota"), (NIP_B, "PPA", "anggota")}
    assert set(Membership.objects.filter(employee__nip=NIP_A).values_list("valid_from", flat=True)) == {START}


def test_it_shows_the_line_errors_keeps_the_start_date_and_offers_no_confirmation(head_client):
    employees = Employee.objects.count()

    response = preview(head_client, [GOOD_ROWS[0], ["12345", "Salah", "", "", "XYZ", ""]], start=START)

    html = response.content.decode()
    assert response.status_code == 200
    assert "NIP must be exactly 18 digits (found 5 characters)." in html
    assert "There is no pokja XYZ in this unit." in html
    assert response.context["result"].errors[0][0] == 3
    assert 'value="2024-07-01"' in html
    assert "Confirm import" not in html
    assert Employee.objects.count() == employees


def test_it_checks_again_on_confirm_and_writes_nothing_if_the_data_changed(head_client, demo_unit):
    token = preview(head_client, GOOD_ROWS).context["confirm_form"]["token"].value()
    EmployeeFactory(unit=UnitFactory(agency=demo_unit.agency, name="Bidang Lain"), nip=NIP_B, name="Budi Lain")
    employees = Employee.objects.count()

    response = head_client.post(URL, {"token": token, "start": START.isoformat()})

    assert response.status_code == 409
    assert f"NIP {NIP_B} belongs to Budi Lain in another unit (Bidang Lain)." in response.content.decode()
    assert Employee.objects.count() == employees


def test_it_refuses_a_tampered_token(head_client):
    token = preview(head_client, GOOD_ROWS).context["confirm_form"]["token"].value()

    response = head_client.post(URL, {"token": token + "x", "start": START.isoformat()}, follow=True)

    assert "The uploaded file has expired or is not valid: upload it again." in response.content.decode()
    assert not Employee.objects.filter(nip=NIP_A).exists()


def test_it_refuses_a_token_from_another_user(client, head_user, admin_user):
    token = preview(as_user(client, head_user), GOOD_ROWS).context["confirm_form"]["token"].value()

    as_user(client, admin_user).post(URL, {"token": token, "start": START.isoformat()})

    assert not Employee.objects.filter(nip=NIP_A).exists()


def test_it_rejects_a_file_over_the_size_limit(head_client, settings):
    settings.ORBIT_IMPORT_MAX_BYTES = 40

    response = preview(head_client, GOOD_ROWS)

    assert response.status_code == 400
    assert "The file is too large" in response.content.decode()
    assert not Employee.objects.filter(nip=NIP_A).exists()
