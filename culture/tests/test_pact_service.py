"""Pakta integritas: signing the current version, a changed text needing a new signature, who has not signed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from culture.models import PactSignature
from culture.models.pacts import text_digest
from culture.services import pacts
from organisation.models import Employee

TEXT = "Saya menyatakan tidak akan melakukan praktik korupsi, kolusi, dan nepotisme."


def individual_pact(unit, head, **extra):
    return pacts.create_pact(
        actor=head, unit=unit, purpose="individual", title="Pakta Integritas 2024", year=2024, text=TEXT, **extra
    )


def test_the_head_publishes_a_pact_with_its_first_version(demo_unit, head_user):
    pact = individual_pact(demo_unit, head_user)
    version = pacts.current_version(pact)
    assert (version.number, version.text, version.digest) == (1, TEXT, text_digest(TEXT))


def test_an_anggota_cannot_publish_a_pact(demo_unit, anggota_user):
    with pytest.raises(PermissionDenied):
        individual_pact(demo_unit, anggota_user)


def test_signing_records_the_version_the_time_and_the_digest_of_the_text(demo_unit, head_user, anggota_user):
    pact = individual_pact(demo_unit, head_user)
    signature = pacts.sign_pact(actor=anggota_user, pact=pact)
    assert signature.employee == anggota_user.employee and signature.signed_by == anggota_user
    assert signature.version.number == 1 and signature.digest == text_digest(TEXT)
    assert signature.signed_at is not None


def test_signing_the_same_version_twice_is_refused(demo_unit, head_user, anggota_user):
    pact = individual_pact(demo_unit, head_user)
    pacts.sign_pact(actor=anggota_user, pact=pact)
    with pytest.raises(ValidationError):
        pacts.sign_pact(actor=anggota_user, pact=pact)
    assert PactSignature.objects.count() == 1


def test_a_changed_text_needs_a_new_signature(demo_unit, head_user, anggota_user):
    pact = individual_pact(demo_unit, head_user)
    first = pacts.sign_pact(actor=anggota_user, pact=pact)

    version = pacts.revise_pact(actor=head_user, pact=pact, text=TEXT + " Saya siap menerima sanksi.")

    assert version.number == 2
    row = next(r for r in pacts.signing_status(pact, version) if r.employee == anggota_user.employee)
    assert not row.signed and row.earlier == first
    second = pacts.sign_pact(actor=anggota_user, pact=pact)
    assert second.version == version and second.digest != first.digest
    row = next(r for r in pacts.signing_status(pact, version) if r.employee == anggota_user.employee)
    assert row.signed and row.signature == second


def test_an_unchanged_text_is_not_a_new_version(demo_unit, head_user):
    pact = individual_pact(demo_unit, head_user)
    with pytest.raises(ValidationError):
        pacts.revise_pact(actor=head_user, pact=pact, text=f"  {TEXT}\n")
    assert pact.versions.count() == 1


def test_the_head_sees_who_has_not_signed(demo_unit, head_user, anggota_user, ketua_user):
    pact = individual_pact(demo_unit, head_user)
    pacts.sign_pact(actor=anggota_user, pact=pact)
    status = pacts.signing_status(pact, pacts.current_version(pact))
    everyone = Employee.objects.filter(unit=demo_unit, is_active=True)
    assert len(status) == everyone.count()
    assert [r.employee for r in status if r.signed] == [anggota_user.employee]
    assert ketua_user.employee in [r.employee for r in status if not r.signed]


def test_a_committee_pact_is_signed_by_its_members_only(demo_unit, head_user, anggota_user, ketua_user):
    pact = pacts.create_pact(
        actor=head_user, unit=demo_unit, purpose="selection", title="Panitia Seleksi CASN 2024", text=TEXT,
        signers=[ketua_user.employee],
    )  # fmt: skip
    assert [r.employee for r in pacts.signing_status(pact, pacts.current_version(pact))] == [ketua_user.employee]
    with pytest.raises(PermissionDenied):
        pacts.sign_pact(actor=anggota_user, pact=pact)
    assert pacts.sign_pact(actor=ketua_user, pact=pact).version.number == 1


def test_someone_without_an_employee_record_cannot_sign(demo_unit, head_user, admin_user):
    pact = individual_pact(demo_unit, head_user)
    with pytest.raises(PermissionDenied):
        pacts.sign_pact(actor=admin_user, pact=pact)
