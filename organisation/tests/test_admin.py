"""Django admin: agency admins see and change only their agency; they cannot make an operator."""

import pytest
from django.urls import reverse

from organisation.models import Employee, User


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_an_agency_admin_sees_only_their_agencys_employees(admin_client, other_unit):
    page = admin_client.get(reverse("admin:organisation_employee_changelist")).content.decode()
    assert "Komang Ayu Larasati" in page
    assert "Pegawai Instansi Lain" not in page


def test_another_agencys_row_is_not_found(admin_client, other_unit):
    stranger = Employee.objects.get(name="Pegawai Instansi Lain")
    response = admin_client.get(reverse("admin:organisation_employee_change", args=[stranger.pk]))
    assert response.status_code == 302  # admin redirects a missing object to the index with a message


def test_staff_members_cannot_use_the_admin(client, anggota_user):
    client.force_login(anggota_user)
    assert client.get(reverse("admin:index")).status_code == 302


def test_an_agency_admin_cannot_grant_operator_rights(admin_client, anggota_user):
    url = reverse("admin:organisation_user_change", args=[anggota_user.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="is_superuser"' not in page
    admin_client.post(
        url,
        {"username": "anggota", "is_superuser": "on", "role": "staff", "is_active": "on",
         "date_joined_0": "2024-01-01", "date_joined_1": "00:00:00"},
    )  # fmt: skip
    anggota_user.refresh_from_db()
    assert not anggota_user.is_superuser


def test_an_operator_sees_every_agency(client, other_unit, demo_unit):
    operator = User.objects.create_superuser("operator", "op@example.test", "operator-pass-123")
    client.force_login(operator)
    page = client.get(reverse("admin:organisation_employee_changelist") + "?all=").content.decode()
    assert "Pegawai Instansi Lain" in page and "Komang Ayu Larasati" in page


def test_a_stakeholder_account_sees_no_internal_structure(client, demo_unit):
    from organisation.models import Unit

    stakeholder = User.objects.create_user(
        "pemohon", password="x-secret-123", agency=demo_unit.agency, role="stakeholder"
    )
    assert not Unit.objects.visible_to(stakeholder).exists()
    client.force_login(stakeholder)
    assert client.get(reverse("unit_detail", args=["inka"])).status_code == 404
