"""Profiles: employees edit their own interests; the head edits levels, which count as confirmed by them."""

import pytest
from django.core.exceptions import PermissionDenied

from organisation.models import Pokja
from placement.catalogue import catalogue_for
from placement.models import Competency, CompetencyLevel
from placement.services import profiles


def test_an_employee_edits_their_own_interests(placement_unit, anggota_user):
    employee = anggota_user.employee
    wanted = list(Pokja.objects.filter(code__in=["PDI", "PJD"]))
    statistik = Competency.objects.get(code="statistik")
    profile = profiles.save_interests(
        actor=anggota_user, employee=employee, pokja=wanted, competencies=[statistik], development_needs="Statistik"
    )
    assert set(profile.interest_pokja.values_list("code", flat=True)) == {"PDI", "PJD"}
    assert list(profile.interest_competencies.all()) == [statistik] and profile.development_needs == "Statistik"


def test_an_employee_cannot_edit_someone_elses_interests(placement_unit, anggota_user, ketua_user):
    with pytest.raises(PermissionDenied):
        profiles.save_interests(
            actor=anggota_user, employee=ketua_user.employee, pokja=[], competencies=[], development_needs=""
        )


def test_only_the_head_sets_levels_and_they_count_as_confirmed(placement_unit, head_user, anggota_user):
    employee = anggota_user.employee
    jaringan = Competency.objects.get(code="jaringan")
    arsip = Competency.objects.get(code="arsip")
    with pytest.raises(PermissionDenied):
        profiles.save_profile(
            actor=anggota_user, employee=employee, fields={}, pokja=[], competencies=[], levels={jaringan: 4}
        )
    profiles.save_profile(
        actor=head_user,
        employee=employee,
        fields={"max_pokja": 3, "available": False, "unavailable_reason": "cuti besar"},
        pokja=[],
        competencies=[],
        levels={jaringan: 4, arsip: None},
    )
    profile = employee.placement_profile
    profile.refresh_from_db()
    assert (profile.max_pokja, profile.available, profile.unavailable_reason) == (3, False, "cuti besar")
    level = profile.levels.get(competency=jaringan)
    assert level.level == 4 and level.confirmed_by == head_user and level.is_confirmed
    assert not profile.levels.filter(competency=arsip).exists()


def test_the_head_confirms_levels_that_wait(placement_unit, head_user, anggota_user):
    employee = anggota_user.employee
    CompetencyLevel.objects.filter(profile__employee=employee).update(confirmed_by=None, confirmed_at=None)
    with pytest.raises(PermissionDenied):
        profiles.confirm_levels(actor=anggota_user, employee=employee)
    count = profiles.confirm_levels(actor=head_user, employee=employee)
    assert count == employee.placement_profile.levels.count() > 0
    assert not CompetencyLevel.objects.filter(profile__employee=employee, confirmed_at__isnull=True).exists()


def test_every_agency_has_the_asn_standard_and_the_demo_unit_its_technical_competencies(placement_unit, other_unit):
    codes = set(catalogue_for(placement_unit).values_list("code", flat=True))
    assert {"integritas", "kerja_sama", "perekat_bangsa", "jaringan", "administrasi_cat"} <= codes
    other = set(catalogue_for(other_unit).values_list("code", flat=True))
    assert "integritas" in other and "jaringan" not in other  # a new agency: the standard only
    assert Competency.objects.filter(agency=placement_unit.agency, kind="managerial").count() == 8
