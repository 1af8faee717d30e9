"""Exporting a unit as a template and creating a unit of another agency from it: the round trip, no personal
data, the PK of the chosen year, all-or-nothing creation."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError

from organisation.models import Employee, Pokja, Unit, User
from organisation.tests.factories import UnitFactory, UserFactory
from performance.models import Indicator, PerformanceAgreement, PeriodTarget, Realisasi
from placement.models import Competency, PokjaRequirement
from replication import template as replication
from replication.template import TemplateError, create_unit, dump, export_unit, parse_template
from replication.tests.conftest import row_counts

pytestmark = pytest.mark.usefixtures("english_messages")

INFORMATIONAL = ("exported_at", "source")


def comparable(document: dict) -> dict:
    """The template without what says where and when it came from (and the unit's own name)."""
    result = {key: value for key, value in document.items() if key not in INFORMATIONAL}
    result["unit"] = {key: value for key, value in document["unit"].items() if key != "name"}
    return result


def test_it_exports_the_structure_of_the_demo_unit(template_document):
    pokja = {p["code"]: p for p in template_document["pokja"]}

    assert template_document["format"] == "orbit.unit-template" and template_document["version"] == 1
    assert template_document["source"] == {
        "unit": "Bidang Informasi Kepegawaian",
        "agency": "Kantor Regional X BKN Denpasar",
    }
    assert len(template_document["functions"]) == 12
    assert list(pokja) == ["PAK", "PPA", "PDK", "PDI", "PJD", "PLT", "PIA"]
    assert pokja["PAK"]["functions"] == [9, 11]
    assert pokja["PAK"]["tasks"][0] == "Mengelola arsip fisik" and len(pokja["PAK"]["tasks"]) == 5
    assert pokja["PPA"]["aliases"] == "PDA"
    assert pokja["PAK"]["indicators"] == ["IKU.3", "IKU.4", "IKU.4.2", "IKU.7.2"]
    assert pokja["PAK"]["requirement"]["competencies"][0] == {"code": "arsip", "weight": 3, "critical": True}
    # The latest PK (2026) is the one the links point to.
    assert template_document["performance"]["year"] == 2026
    indicators = {i["code"]: i for i in template_document["performance"]["indicators"]}
    assert indicators["IKU.4.1"]["parent"] == "IKU.4" and indicators["IKU.6.1"]["target"] == 8000
    codes = {c["code"] for c in template_document["competencies"]}
    assert {"arsip", "integritas", "statistik"} <= codes


def test_it_puts_no_personal_data_in_the_template(source_unit, template_bytes, template_document):
    text = template_bytes.decode()
    people = list(Employee.objects.filter(agency=source_unit.agency))
    assert len(people) == 26

    for person in people:
        assert person.nip not in text
        assert person.name not in text
        assert person.email not in text
    for user in User.objects.filter(agency=source_unit.agency):
        assert user.email not in text
    assert "demo.orbit.test" not in text  # no e-mail address and no evidence link
    assert not {"employees", "memberships", "head", "users", "realisasi"} & set(template_document)


def test_it_round_trips_a_unit_into_another_agency(source_unit, template_bytes, template_document, admin_b):
    unit = create_unit(
        parse_template(template_bytes), agency=admin_b.agency, name="Bidang Informasi", slug="kab-info", user=admin_b
    )

    again = export_unit(unit)

    assert unit.agency == admin_b.agency and unit.head is None
    assert comparable(again) == comparable(template_document)
    assert again["unit"]["name"] == "Bidang Informasi"
    assert again["source"] == {"unit": "Bidang Informasi", "agency": "Pemerintah Kabupaten Contoh"}


def test_it_creates_the_pk_of_the_chosen_year_without_targets_per_period_or_realisasi(template_bytes, admin_b):
    unit = create_unit(
        parse_template(template_bytes), agency=admin_b.agency, name="Bidang X", slug="bid-x", user=admin_b, year=2027
    )

    agreement = PerformanceAgreement.objects.get(unit=unit)
    assert agreement.year == 2027
    assert agreement.indicators.count() == 15
    assert not PeriodTarget.objects.filter(indicator__agreement=agreement).exists()
    assert not Realisasi.objects.filter(indicator__agreement=agreement).exists()
    assert Indicator.objects.get(agreement=agreement, code="IKU.7.3").pokja.get().code == "PJD"


def test_it_keeps_every_row_in_the_new_agency_and_reuses_its_competencies(source_unit, template_bytes, admin_b):
    before = Competency.objects.filter(agency=admin_b.agency).count()  # the ASN standard every agency gets

    unit = create_unit(parse_template(template_bytes), agency=admin_b.agency, name="B", slug="b-info", user=admin_b)

    assert before == 9
    assert Competency.objects.filter(agency=admin_b.agency).count() == 15  # + the 6 technical ones
    assert set(Pokja.objects.filter(unit=unit).values_list("agency_id", flat=True)) == {admin_b.agency_id}
    requirement = PokjaRequirement.objects.get(pokja__unit=unit, pokja__code="PAK")
    assert {c.competency.agency_id for c in requirement.competencies.all()} == {admin_b.agency_id}
    assert Competency.objects.filter(agency=source_unit.agency).count() == 15  # agency A unchanged


def test_it_names_the_acting_admin_in_the_audit_history(template_bytes, admin_b):
    unit = create_unit(parse_template(template_bytes), agency=admin_b.agency, name="B", slug="b-info", user=admin_b)

    assert unit.history.get().history_user == admin_b
    assert {p.history.get().history_user for p in Pokja.objects.filter(unit=unit)} == {admin_b}


def test_it_exports_a_unit_without_pk_or_requirements(db):
    unit = UnitFactory(name="Unit Kosong", slug="kosong")
    Pokja.objects.create(unit=unit, code="A", name="Pokja A")

    document = export_unit(unit)

    assert document["performance"] is None
    assert document["pokja"][0]["requirement"] is None and document["pokja"][0]["indicators"] == []
    assert parse_template(dump(document)).pokja[0]["code"] == "A"


def test_it_reads_the_template_in_a_bounded_number_of_queries(source_unit, django_assert_max_num_queries):
    # functions; pokja + tasks + their functions + requirements + their competencies; the latest PK, its
    # objectives, indicators + their pokja; the competency catalogue; the agency's name
    with django_assert_max_num_queries(11):
        export_unit(source_unit)


def test_it_creates_nothing_when_creation_fails_halfway(template_bytes, admin_b, monkeypatch):
    template = parse_template(template_bytes)
    before = row_counts()

    def broken(*args, **kwargs):
        raise IntegrityError("simulated failure after the unit, pokja and competencies were written")

    monkeypatch.setattr(replication, "_create_agreement", broken)

    with pytest.raises(TemplateError, match="Nothing was created"):
        create_unit(template, agency=admin_b.agency, name="Bidang X", slug="bid-x", user=admin_b)

    assert row_counts() == before
    assert not Unit.objects.filter(slug="bid-x").exists()


def test_it_creates_nothing_when_an_unexpected_error_stops_it(template_bytes, admin_b, monkeypatch):
    template = parse_template(template_bytes)
    before = row_counts()
    monkeypatch.setattr(replication, "_create_agreement", lambda *a, **k: 1 / 0)

    with pytest.raises(ZeroDivisionError):
        create_unit(template, agency=admin_b.agency, name="Bidang X", slug="bid-x", user=admin_b)

    assert row_counts() == before


@pytest.mark.parametrize(
    ("name", "slug", "message"),
    [
        ("Bidang X", "inka", "The address inka is already taken."),
        ("Bidang X", "new-from-template", "The address new-from-template is already taken."),
        ("Bidang X", "bad slug!", "The address may hold only letters, digits, hyphens and underscores"),
        ("  ", "bid-x", "Give the new unit a name."),
        ("unit instansi b", "bid-x", "The agency already has a unit with this name."),
    ],
)
def test_it_refuses_a_taken_or_invalid_name_or_address(template_bytes, admin_b, name, slug, message):
    UnitFactory(agency=admin_b.agency, name="Unit Instansi B", slug="unit-b")
    before = row_counts()

    with pytest.raises(TemplateError) as caught:
        create_unit(parse_template(template_bytes), agency=admin_b.agency, name=name, slug=slug, user=admin_b)

    assert any(message in m for m in caught.value.messages), caught.value.messages
    assert row_counts() == before


def test_only_an_admin_of_the_agency_creates_units_in_it(template_bytes, source_unit, admin_b):
    template = parse_template(template_bytes)
    staff_b = UserFactory(agency=admin_b.agency, role=User.Role.STAFF)
    admin_a = User.objects.get(username="admin")

    for user in (staff_b, admin_a):
        with pytest.raises(PermissionDenied):
            create_unit(template, agency=admin_b.agency, name="Bidang X", slug="bid-x", user=user)
    assert not Unit.objects.filter(slug="bid-x").exists()


def test_the_exported_file_is_readable_json_with_the_documented_keys(template_bytes):
    document = json.loads(template_bytes)

    assert list(document) == [
        "format",
        "version",
        "exported_at",
        "source",
        "unit",
        "functions",
        "pokja",
        "competencies",
        "performance",
    ]
    assert "Bidang Informasi Kepegawaian" in template_bytes.decode()  # not \u-escaped: people read it
