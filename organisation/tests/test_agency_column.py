"""Every tenant row carries its agency in its own column (issue 7: a distributed PostgreSQL could shard by
agency without a schema change). Rows that belong to a parent copy the parent's agency on save() and in
bulk_create, and so do the many-to-many link rows that add()/set() make; these tests prove it for every table
and every way rows are made."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from organisation.importer import import_employees
from organisation.models import Agency, Function, Membership, Pokja, PokjaFunction, PokjaTask, Unit, User
from organisation.scoping import AgencyLink
from organisation.tests.factories import (
    EmployeeFactory,
    FunctionFactory,
    MembershipFactory,
    PokjaFactory,
    UnitFactory,
)

# Tables that are not one agency's data, and why.
NOT_TENANT = {
    "organisation.Agency": "the tenant itself",
    "culture.CoreValue": "BerAKHLAK reference data, the same for every agency",
    "culture.CoreBehaviour": "BerAKHLAK reference data, the same for every agency",
    "ops.SentMail": "installation bookkeeping: which e-mails went out, keyed by a text",
}
# Many-to-many fields whose link table stays Django's two-column one, and why.
NOT_LINKED = {
    "organisation.User.groups": "Django's auth (groups, permissions): installation data; an operator has no agency",
    "organisation.User.user_permissions": "Django's auth, as groups",
}
# Every link table Django had made for an Orbit model, now an AgencyLink under the same name.
LINK_TABLES = {
    "organisation.Pokja.functions": "organisation_pokja_functions",
    "performance.Indicator.pokja": "performance_indicator_pokja",
    "performance.Activity.responsible": "performance_activity_responsible",
    "placement.EmployeeProfile.interest_pokja": "placement_employeeprofile_interest_pokja",
    "placement.EmployeeProfile.interest_competencies": "placement_employeeprofile_interest_competencies",
    "culture.Event.attendees": "culture_event_attendees",
    "culture.Event.values": "culture_event_values",
    "culture.Nomination.values": "culture_nomination_values",
    "culture.Pact.signers": "culture_pact_signers",
}


def orbit_models():
    """Concrete models of Orbit's own apps (not Django's or a library's), history models included."""
    base = Path(settings.BASE_DIR).resolve()
    for model in apps.get_models():
        path = Path(apps.get_app_config(model._meta.app_label).path).resolve()
        if base in path.parents and ".venv" not in path.parts:
            yield model


def child_models():
    """The models that copy their agency from a parent row."""
    return [model for model in orbit_models() if getattr(model, "agency_source", None)]


def test_every_tenant_model_has_its_own_agency_column():
    labels = {model._meta.label for model in orbit_models()}
    assert {"organisation.Membership", "performance.Realisasi", "helpdesk.Ticket"} <= labels  # the walk works
    missing = []
    for model in orbit_models():
        if model._meta.label in NOT_TENANT:
            continue
        field = next((f for f in model._meta.concrete_fields if f.name == "agency"), None)
        if field is None or field.related_model is not Agency:
            missing.append(model._meta.label)
    assert missing == [], f"tables without an agency column (add one, or list them in NOT_TENANT): {missing}"


def test_rows_that_belong_to_a_parent_name_it_and_the_column_is_required():
    labels = {model._meta.label for model in child_models()}
    assert labels >= {
        "organisation.PokjaTask",
        "organisation.Membership",
        "performance.StrategicObjective",
        "performance.Indicator",
        "performance.PeriodTarget",
        "performance.Activity",
        "performance.RoleResult",
        "performance.Realisasi",
        "performance.Evidence",
        "performance.FollowUp",
        "placement.CompetencyLevel",
        "placement.RequiredCompetency",
        "placement.PlacementPin",
        "culture.CalendarToken",
        "culture.PactVersion",
        "culture.PosVersion",
        # The many-to-many link tables.
        "organisation.PokjaFunction",
        "performance.IndicatorPokja",
        "performance.ActivityResponsible",
        "placement.ProfileInterestPokja",
        "placement.ProfileInterestCompetency",
        "culture.EventAttendee",
        "culture.EventValue",
        "culture.NominationValue",
        "culture.PactSigner",
    }
    for model in child_models():
        agency = model._meta.get_field("agency")
        assert not agency.null and not agency.editable, model
        parent = model._meta.get_field(model.agency_source).related_model
        assert parent._meta.get_field("agency").related_model is Agency, model
        # Scoping is one filter on the row's own column: no join to the parent.
        sql = str(model.objects.for_agency(1).order_by().query)
        assert "JOIN" not in sql.upper(), (model, sql)


def test_every_many_to_many_link_table_carries_the_agency_under_djangos_names():
    found = {}
    for model in orbit_models():
        for field in model._meta.local_many_to_many:
            label = f"{model._meta.label}.{field.name}"
            if label in NOT_LINKED:
                continue
            through = field.remote_field.through
            assert issubclass(through, AgencyLink), f"{label}: give it a through model that is an AgencyLink"
            found[label] = through._meta.db_table
            # Django's table, columns and unique pair, so that raw SQL and the indexes stay as they were.
            source, target = model._meta.model_name, field.related_model._meta.model_name
            columns = {f.column for f in through._meta.concrete_fields}
            assert columns == {"id", "agency_id", f"{source}_id", f"{target}_id"}, label
            assert through._meta.unique_together == ((source, target),), label
            assert through.agency_source in (source, target), label
    assert found == LINK_TABLES


def test_add_and_set_fill_the_agency_of_the_links_from_either_side(db):
    pokja, theirs = PokjaFactory(), PokjaFactory()  # two units of two agencies
    assert pokja.agency_id != theirs.agency_id
    ours = [FunctionFactory(unit=pokja.unit, number=n) for n in (1, 2, 3)]
    others = [FunctionFactory(unit=theirs.unit, number=n) for n in (1, 2)]

    pokja.functions.add(ours[0])
    pokja.functions.set(ours[:2])
    ours[2].pokja.add(pokja)  # from the function's side: the agency still comes from the pokja
    theirs.functions.set(others)

    links = {(link.pokja_id, link.function_id): link.agency_id for link in PokjaFunction.objects.all()}
    assert links == {
        **{(pokja.pk, function.pk): pokja.agency_id for function in ours},
        **{(theirs.pk, function.pk): theirs.agency_id for function in others},
    }
    assert set(PokjaFunction.objects.for_agency(theirs.agency_id).values_list("function_id", flat=True)) == {
        function.pk for function in others
    }
    pokja.functions.remove(ours[0])
    assert sorted(Function.objects.filter(pokja=pokja).values_list("number", flat=True)) == [2, 3]


def test_adding_links_costs_one_query_for_the_agency(db):
    from performance.models import IndicatorPokja
    from performance.tests.factories import IndicatorFactory

    indicator = IndicatorFactory()
    groups = [PokjaFactory(unit=indicator.agreement.unit) for _ in range(3)]
    with CaptureQueriesContext(connection) as queries:
        indicator.pokja.add(*groups)
    # The links that exist already, the indicator's agency (for all links together), the insert.
    assert len(queries) == 3, [q["sql"] for q in queries]
    assert set(IndicatorPokja.objects.values_list("agency_id", flat=True)) == {indicator.agency_id}


def test_visible_to_still_shows_each_agency_only_its_own_rows(demo_unit, anggota_user, other_unit, outsider):
    MembershipFactory(pokja=other_unit.pokja.get())
    ours = Membership.objects.visible_to(anggota_user)
    theirs = Membership.objects.visible_to(outsider)
    assert ours.count() == Membership.objects.filter(pokja__unit=demo_unit).count() > 0
    assert list(theirs.values_list("pokja__code", flat=True)) == ["ZZZ"]
    assert not ours.filter(pk__in=theirs).exists()


def test_save_copies_the_agency_of_the_parent(db):
    pokja = PokjaFactory()
    task = PokjaTask.objects.create(pokja=pokja, number=1, text="Menyusun laporan")
    assert task.agency_id == pokja.agency_id
    by_id = PokjaTask.objects.create(pokja_id=pokja.pk, number=2, text="Menyusun rencana")  # parent not loaded
    assert by_id.agency_id == pokja.agency_id
    membership = MembershipFactory(pokja=pokja)
    assert membership.agency_id == pokja.agency_id
    assert membership.history.get().agency_id == pokja.agency_id  # the change history copies the column


def test_moving_a_row_to_another_parent_object_moves_its_agency(db):
    task = PokjaTask.objects.create(pokja=PokjaFactory(), number=1, text="Tugas")
    elsewhere = PokjaFactory()  # another unit of another agency
    task.pokja = elsewhere
    task.save(update_fields=["pokja"])
    task.refresh_from_db()
    assert task.agency_id == elsewhere.agency_id


def test_bulk_create_fills_the_agency_with_one_query_for_all_parents(db):
    first, second = PokjaFactory(), PokjaFactory()
    assert first.agency_id != second.agency_id
    rows = [PokjaTask(pokja_id=pokja.pk, number=n, text="t") for n in (1, 2) for pokja in (first, second)]
    with CaptureQueriesContext(connection) as queries:
        PokjaTask.objects.bulk_create(rows)
    assert len(queries) == 2  # the parents' agencies, then the insert
    assert {(t.pokja_id, t.agency_id) for t in PokjaTask.objects.all()} == {
        (first.pk, first.agency_id),
        (second.pk, second.agency_id),
    }


def test_bulk_create_with_loaded_parents_needs_no_extra_query(db):
    pokja = PokjaFactory()
    with CaptureQueriesContext(connection) as queries:
        PokjaTask.objects.bulk_create(PokjaTask(pokja=pokja, number=n, text="t") for n in range(1, 4))
    assert len(queries) == 1
    assert set(PokjaTask.objects.values_list("agency_id", flat=True)) == {pokja.agency_id}


def test_a_row_without_a_parent_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        PokjaTask.objects.bulk_create([PokjaTask(pokja_id=987654, number=1, text="t")])
    assert not PokjaTask.objects.exists()


def csv_bytes(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["NIP", "NAMA", "JABATAN", "GOLONGAN", "EMAIL", "POKJA", "PERAN"])
    writer.writerows(rows)
    return out.getvalue().encode()


def test_rows_made_by_every_path_carry_their_parents_agency(db, django_capture_on_commit_callbacks):
    """Demo loaders, the employee importer, factories, services and placement publish, across two agencies."""
    for command in ("load_demo", "load_performance_demo", "load_placement_demo", "load_helpdesk_demo"):
        call_command(command, stdout=io.StringIO())
    unit = Unit.objects.get(slug="inka")
    head = User.objects.get(username="kepala")
    anggota = User.objects.get(username="anggota")

    # A second agency: factories and the employee importer.
    other = UnitFactory(name="Bidang Lain", slug="bidang-lain")
    other_pokja = PokjaFactory(unit=other, code="PDK")
    PokjaTask.objects.create(pokja=other_pokja, number=1, text="Tugas")
    MembershipFactory(pokja=other_pokja, employee=EmployeeFactory(unit=other))
    result = import_employees(
        actor=None,
        unit=other,
        file_name="pegawai.csv",
        data=csv_bytes([["198001012005011001", "Ani Lestari", "", "", "", "PDK", "ketua"]]),
        start=datetime.date(2024, 7, 1),
        dry_run=False,
    )
    assert result.errors == [] and result.memberships == 1

    # Performance services: a role result and a dialogue's follow-up.
    from performance.models import Indicator
    from performance.services import dialogues, role_results

    indicator = Indicator.objects.filter(agreement__unit=unit).order_by("pk").first()
    owner = head.employee
    role_results.add_role_result(actor=head, indicator=indicator, employee=owner, result="Laporan")
    dialogue = dialogues.schedule_dialogue(
        actor=head, unit=unit, scheduled_at=timezone.now(), topic="Capaian", employee=anggota.employee
    )
    dialogues.add_follow_up(
        actor=head, dialogue=dialogue, description="Tindak lanjut", owner=owner, due_date=datetime.date(2027, 1, 31)
    )

    # Culture services: a pact with signers, an event with attendees and values, a nomination with values, a POS
    # version, a calendar feed token.
    from culture import berakhlak
    from culture.models import CoreBehaviour, CoreValue
    from culture.services import awards, pacts, pos
    from culture.services import calendar as calendar_service

    berakhlak.load(CoreValue, CoreBehaviour)  # a transactional test elsewhere may have flushed the seeded rows
    values = list(CoreValue.objects.order_by("order")[:2])
    people = list(unit.employees.order_by("pk")[:3])
    pacts.create_pact(actor=head, unit=unit, purpose="other", title="Pakta", text="Saya berjanji.", signers=people)
    calendar_service.create_event(
        actor=head,
        unit=unit,
        kind="team_building",
        title="Outbound",
        starts_at=timezone.now(),
        ends_at=timezone.now() + datetime.timedelta(hours=3),
        attendees=people,
        values=values,
    )
    award_period = awards.create_period(
        actor=head, unit=unit, name="Triwulan I", start=datetime.date(2024, 1, 1), end=datetime.date(2024, 3, 31)
    )
    awards.nominate(
        actor=head,
        period=award_period,
        kind="employee",
        title="Pegawai teladan",
        reason="Selalu membantu.",
        employee=anggota.employee,
        values=values,
    )
    document = pos.create_document(actor=head, pokja=Pokja.objects.get(unit=unit, code="PIA"), title="POS Arsip")
    pos.add_version(actor=head, document=document, text="Langkah 1.")
    calendar_service.feed_token(anggota)

    # Placement: an employee's own interests, a run with a pin (bulk_create), then published as memberships.
    from placement.models import Competency, PlacementRun
    from placement.services import profiles, runs

    profiles.save_interests(
        actor=anggota,
        employee=anggota.employee,
        pokja=list(Pokja.objects.filter(unit=unit, code__in=["PAK", "PIA"])),
        competencies=list(Competency.objects.visible_to(anggota)[:2]),
        development_needs="Analisis data",
    )
    from placement.services.instance import PinSpec

    ketua = Membership.objects.get(pokja__unit=unit, pokja__code="PAK", role="ketua", valid_to__isnull=True)
    with django_capture_on_commit_callbacks(execute=True):
        run = runs.start_run(
            actor=head,
            unit=unit,
            period_start=datetime.date(2027, 1, 1),
            churn_limit=60,
            pins=[PinSpec(ketua.employee.nip, "PAK", "ketua")],
        )
    run.refresh_from_db()
    assert run.status == PlacementRun.Status.PROPOSED
    published = runs.publish(actor=head, run=run)
    assert published.added > 0

    # A realisasi reported through the service gets its change history with the agency too.
    from performance.models import Realisasi

    assert Realisasi.history.filter(agency_id=unit.agency_id).exists()
    assert not Realisasi.history.filter(agency__isnull=True).exists()

    for model in child_models():
        rows = model.objects.all()
        assert rows.exists(), f"no {model._meta.label} row was made: the check proves nothing for it"
        wrong = rows.exclude(agency_id=F(f"{model.agency_source}__agency_id"))
        assert not wrong.exists(), f"{model._meta.label}: {wrong.count()} row(s) with another agency than the parent"
    assert Membership.objects.filter(agency=other.agency).count() == 2
    assert Membership.objects.filter(agency=unit.agency, valid_from=datetime.date(2027, 1, 1)).count() == (
        published.added
    )
