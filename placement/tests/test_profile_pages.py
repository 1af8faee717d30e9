"""Profile pages: the head's list and editor, the employee's own interests, the XLSX import page."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from organisation.models import Pokja
from placement.models import Competency, CompetencyLevel, EmployeeProfile


def url(name, *args):
    return reverse(name, args=["inka", *args])


def test_the_head_lists_profiles_in_a_fixed_number_of_queries(
    client, placement_unit, head_user, django_assert_num_queries
):
    client.force_login(head_user)
    # session, user, unit, the user's employee (head?), employees, profiles, levels, interest pokja, interest
    # competencies
    with django_assert_num_queries(9):
        response = client.get(url("placement_profiles"))
    assert response.content.decode().count("data-nip=") == 25


def test_staff_and_outsiders_cannot_list_profiles(client, placement_unit, anggota_user, outsider):
    client.force_login(anggota_user)
    assert client.get(url("placement_profiles")).status_code == 403
    client.force_login(outsider)
    assert client.get(url("placement_profiles")).status_code == 404


def test_the_head_sets_levels_that_are_then_confirmed(client, placement_unit, head_user, anggota_user):
    employee = anggota_user.employee
    client.force_login(head_user)
    page = client.get(url("placement_profile", employee.nip)).content.decode()
    assert 'name="level_jaringan"' in page
    data = {
        "education": "S1 Informatika",
        "available": "on",
        "level_jaringan": "4",
        "level_statistik": "2",
        "interest_pokja": [Pokja.objects.get(code="PJD").pk],
    }
    response = client.post(url("placement_profile", employee.nip), data)
    assert response.status_code == 302
    profile = EmployeeProfile.objects.get(employee=employee)
    assert profile.education == "S1 Informatika"
    assert dict(profile.levels.values_list("competency__code", "level")) == {"jaringan": 4, "statistik": 2}
    assert not profile.levels.filter(confirmed_at__isnull=True).exists()


def test_an_employee_edits_their_own_interests_but_not_their_levels(client, placement_unit, anggota_user):
    employee = anggota_user.employee
    levels_before = dict(
        CompetencyLevel.objects.filter(profile__employee=employee).values_list("competency__code", "level")
    )
    client.force_login(anggota_user)
    page = client.get(url("placement_profile", employee.nip)).content.decode()
    assert 'name="level_jaringan"' not in page and 'name="interest_pokja"' in page
    statistik = Competency.objects.get(code="statistik")
    response = client.post(
        url("placement_profile", employee.nip),
        {
            "interest_pokja": [Pokja.objects.get(code="PDI").pk],
            "interest_competencies": [statistik.pk],
            "development_needs": "Analisis data",
            "level_jaringan": "4",
            "max_pokja": "1",
        },
    )
    assert response.status_code == 302
    profile = EmployeeProfile.objects.get(employee=employee)
    assert list(profile.interest_pokja.values_list("code", flat=True)) == ["PDI"]
    assert profile.development_needs == "Analisis data" and profile.max_pokja != 1
    assert dict(profile.levels.values_list("competency__code", "level")) == levels_before


def test_an_employee_cannot_open_a_colleagues_profile(client, placement_unit, anggota_user, ketua_user, outsider):
    client.force_login(anggota_user)
    assert client.get(url("placement_profile", ketua_user.employee.nip)).status_code == 403
    assert client.post(url("placement_profile", ketua_user.employee.nip), {"development_needs": "x"}).status_code == 403
    client.force_login(outsider)
    assert client.get(url("placement_profile", ketua_user.employee.nip)).status_code == 404


def test_confirming_levels_is_for_the_head(client, placement_unit, head_user, anggota_user, outsider):
    employee = anggota_user.employee
    CompetencyLevel.objects.filter(profile__employee=employee).update(confirmed_at=None, confirmed_by=None)
    target = url("placement_profile_confirm", employee.nip)
    assert client.post(target).status_code == 302  # anonymous: to the login page
    for user, status in ((outsider, 404), (anggota_user, 403)):
        client.force_login(user)
        assert client.post(target).status_code == status
    assert CompetencyLevel.objects.filter(profile__employee=employee, confirmed_at__isnull=True).exists()
    client.force_login(head_user)
    assert client.post(target).status_code == 302
    assert not CompetencyLevel.objects.filter(profile__employee=employee, confirmed_at__isnull=True).exists()


def upload(rows) -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("profil.xlsx", buffer.getvalue())


def test_the_import_page_shows_line_errors_or_imports_everything(client, placement_unit, head_user, anggota_user):
    nip = anggota_user.employee.nip
    client.force_login(head_user)
    response = client.post(url("placement_profile_import"), {"file": upload([["nip", "jaringan"], [nip, 9]])})
    assert response.status_code == 400 and 'id="import-errors"' in response.content.decode()
    assert "<td>2</td>" in response.content.decode()
    response = client.post(url("placement_profile_import"), {"file": upload([["nip", "jaringan"], [nip, 1]])})
    assert response.status_code == 302
    assert EmployeeProfile.objects.get(employee__nip=nip).levels.get(competency__code="jaringan").level == 1
    client.force_login(anggota_user)
    assert client.post(url("placement_profile_import"), {"file": upload([["nip"], [nip]])}).status_code == 403
