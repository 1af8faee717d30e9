"""create_ticket: numbering per agency, routing (round robin, fewest open, availability), SLA targets, mail."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from helpdesk import services, tasks
from helpdesk.models import Agent, Category, DayOff, Ticket, TicketEvent, UnitHelpdesk
from helpdesk.search import search_tickets
from helpdesk.sla import WITA
from helpdesk.tests.factories import form_data, make_ticket, members, only_available, pdf
from organisation.models import Membership
from organisation.tests.factories import PokjaFactory

FRIDAY_AFTERNOON = datetime.datetime(2025, 5, 23, 15, 0, tzinfo=WITA)


def test_it_numbers_tickets_per_agency_from_one(siasn, arsip, other_unit):
    foreign = Category.objects.create(
        unit=other_unit, pokja=other_unit.pokja.get(), name="Lain", slug="lain", first_response_hours=1
    )
    numbers = [make_ticket(siasn).number, make_ticket(arsip).number, make_ticket(foreign).number]
    assert numbers == [1, 2, 1]
    assert Ticket.objects.get(category=foreign).reference == "HD-000001"


def test_it_gives_each_ticket_an_unguessable_tracking_token(siasn):
    tokens = {make_ticket(siasn).tracking_token for _ in range(20)}
    assert len(tokens) == 20
    # token_urlsafe(24): 32 URL-safe characters, 192 random bits.
    assert all(len(token) == 32 for token in tokens)


def test_round_robin_gives_every_available_member_one_ticket_before_anyone_gets_a_second(siasn, pia):
    team = members(pia)
    assignees = [make_ticket(siasn).assignee for _ in team]
    assert sorted(a.pk for a in assignees) == sorted(e.pk for e in team)
    assert assignees[0] == team[0]  # nobody assigned yet: by name
    assert make_ticket(siasn).assignee == assignees[0]
    assert make_ticket(siasn).assignee == assignees[1]


def test_fewest_open_picks_the_member_with_the_lightest_load(siasn, pia, head_user, demo_unit):
    UnitHelpdesk.objects.create(unit=demo_unit, routing=UnitHelpdesk.Routing.FEWEST_OPEN)
    tickets = [make_ticket(siasn) for _ in members(pia)]
    lightest = tickets[3]
    services.change_status(actor=head_user, ticket=lightest, status=Ticket.Status.DIPROSES)
    services.change_status(actor=head_user, ticket=lightest, status=Ticket.Status.SELESAI)

    assert make_ticket(siasn).assignee == lightest.assignee


def test_fewest_open_counts_open_tickets_from_every_pokja(siasn, pia, demo_unit, anggota_user):
    UnitHelpdesk.objects.create(unit=demo_unit, routing=UnitHelpdesk.Routing.FEWEST_OPEN)
    busy = anggota_user.employee  # in PIA and in PDK
    pdk = Category.objects.create(unit=demo_unit, pokja=busy.memberships.get(pokja__code="PDK").pokja, name="Data")
    only_available(pdk.pokja, busy)
    assert make_ticket(pdk).assignee == busy
    Agent.objects.update(is_available=True)

    others = len(members(pia)) - 1
    assert busy not in {make_ticket(siasn).assignee for _ in range(others)}
    assert make_ticket(siasn).assignee == busy  # now everyone has one open ticket


def test_it_routes_only_to_available_active_current_members(siasn, pia, anggota_user):
    chosen = anggota_user.employee
    only_available(pia, chosen)
    assert make_ticket(siasn).assignee == chosen
    Agent.objects.filter(employee=chosen).update(is_available=False)
    unassigned = make_ticket(siasn)
    assert unassigned.assignee is None
    assert not unassigned.events.filter(kind=TicketEvent.Kind.ASSIGNED).exists()


def test_it_skips_inactive_employees_and_ended_memberships(siasn, pia):
    team = members(pia)
    team[0].is_active = False
    team[0].save()
    Membership.objects.filter(pokja=pia, employee=team[1]).update(valid_to=datetime.date(2024, 1, 1))
    assigned = {make_ticket(siasn).assignee for _ in range(len(team))}
    assert team[0] not in assigned and team[1] not in assigned


def test_a_pokja_without_members_leaves_the_ticket_unassigned(demo_unit):
    empty = PokjaFactory(unit=demo_unit, code="KOS")
    category = Category.objects.create(unit=demo_unit, pokja=empty, name="Kosong", slug="kosong")
    assert make_ticket(category).assignee is None


@time_machine.travel(FRIDAY_AFTERNOON, tick=False)
def test_it_sets_the_sla_targets_in_working_hours(siasn):
    ticket = make_ticket(siasn)
    # Friday 15:00 + 4 h: 1.5 h on Friday (closes 16:30), 2.5 h on Monday.
    assert ticket.first_response_due == datetime.datetime(2025, 5, 26, 10, 0, tzinfo=WITA)
    # + 16 h: 1.5 Friday, 8.5 Monday, 6 Tuesday.
    assert ticket.resolution_due == datetime.datetime(2025, 5, 27, 13, 30, tzinfo=WITA)
    assert ticket.created_at == FRIDAY_AFTERNOON


@time_machine.travel(FRIDAY_AFTERNOON, tick=False)
def test_the_units_days_off_push_the_targets(siasn, demo_unit):
    DayOff.objects.create(unit=demo_unit, date=datetime.date(2025, 5, 26), reason="Rapat kerja")
    assert make_ticket(siasn).first_response_due == datetime.datetime(2025, 5, 27, 10, 0, tzinfo=WITA)


@time_machine.travel(FRIDAY_AFTERNOON, tick=False)
def test_a_request_through_the_portal_skips_the_units_days_off_too(client, siasn, demo_unit):
    """The portal reads the days off with the unit (one query): two of them, a Monday and a Wednesday."""
    DayOff.objects.create(unit=demo_unit, date=datetime.date(2025, 5, 26), reason="Rapat kerja")
    DayOff.objects.create(unit=demo_unit, date=datetime.date(2025, 5, 28), reason="Cuti bersama")
    data = form_data(siasn)
    assert client.post("/helpdesk/inka/", data).status_code == 302

    ticket = Ticket.objects.get()
    assert ticket.first_response_due == datetime.datetime(2025, 5, 27, 10, 0, tzinfo=WITA)
    # + 16 h: 1.5 Friday, 8.5 Tuesday (Monday off), Wednesday off (the unit's), Thursday 29 May Ascension Day and
    # Friday 30 May cuti bersama (national), 6 on Monday 2 June.
    assert ticket.resolution_due == datetime.datetime(2025, 6, 2, 13, 30, tzinfo=WITA)


def test_it_records_creation_and_assignment_in_the_history(siasn):
    ticket = make_ticket(siasn)
    kinds = list(ticket.events.values_list("kind", flat=True))
    assert kinds == [TicketEvent.Kind.CREATED, TicketEvent.Kind.ASSIGNED]
    assert ticket.events.get(kind="assigned").assignee == ticket.assignee


def test_it_stores_attachments_under_a_random_name(siasn):
    ticket = make_ticket(siasn, attachments=[pdf("../../etc/surat dinas.pdf")])
    attachment = ticket.attachments.get()
    assert attachment.name == "surat_dinas.pdf"
    assert attachment.content_type == "application/pdf"
    assert "surat" not in attachment.file.name and attachment.file.name.endswith(".pdf")


def test_it_refuses_a_closed_service(siasn):
    siasn.is_active = False
    siasn.save()
    with pytest.raises(ValidationError):
        make_ticket(siasn)
    assert not Ticket.objects.exists()


def test_it_mails_the_requester_their_link_and_the_assignee_after_commit(siasn, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = make_ticket(siasn, base_url="https://orbit.example/")
    to_requester = next(m for m in mail.outbox if m.to == ["budi@badung.example"])
    assert f"https://orbit.example/helpdesk/t/{ticket.tracking_token}/" in to_requester.body
    assert ticket.reference in to_requester.subject
    to_assignee = next(m for m in mail.outbox if m.to == [ticket.assignee.email])
    assert f"/units/inka/helpdesk/{ticket.number}/" in to_assignee.body
    assert ticket.tracking_token not in to_assignee.body


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_with_the_database_queue_the_mails_are_queued_in_the_tickets_own_transaction(siasn, database_queue):
    ticket = make_ticket(siasn, base_url="https://orbit.example/")
    queued = DBTaskResult.objects.get()  # one row for both mails, written before the one commit
    assert queued.task_path == "helpdesk.tasks.notify_created"
    assert queued.args_kwargs["args"] == [ticket.pk, "https://orbit.example/"]
    assert mail.outbox == []  # the worker sends them

    with pytest.raises(RuntimeError), transaction.atomic():
        make_ticket(siasn)
        raise RuntimeError("the caller's transaction fails after the ticket")
    assert DBTaskResult.objects.count() == 1 and Ticket.objects.count() == 1  # rolled back together


@pytest.mark.django_db(transaction=True)  # the worker closes its connections, as a real one does
def test_the_worker_sends_both_mails_of_a_new_ticket(siasn, database_queue):
    ticket = make_ticket(siasn)
    call_command("db_worker", batch=True, startup_delay=False, interval=0.01, verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["budi@badung.example", ticket.assignee.email])


def test_a_failing_requester_mail_does_not_hold_back_the_assignees(siasn, monkeypatch):
    ticket = make_ticket(siasn)
    monkeypatch.setattr(tasks, "tracking_link", lambda *args: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        tasks.notify_created.call(ticket.pk)
    assert [m.to for m in mail.outbox] == [[ticket.assignee.email]]


def test_a_portal_request_takes_one_commit_and_few_statements(client, siasn, database_queue, django_assert_num_queries):
    data = form_data(siasn)
    client.post("/helpdesk/inka/", data)  # the agency's ticket counter exists from here on
    # The service with its unit (helpdesk settings, days off); in the transaction (a savepoint inside the test's):
    # the number, then the assignee, the ticket, both history rows and the assignee's round-robin clock (one
    # statement on PostgreSQL, four elsewhere), the mail task.
    with django_assert_num_queries(6 if connection.vendor == "postgresql" else 9):
        response = client.post("/helpdesk/inka/", {**data, "requester_email": "ani@badung.example"})
    assert response.status_code == 302


def test_a_new_ticket_and_its_history_read_back_exactly_as_written(siasn, pia):
    """The portal writes its rows with core.inserts (no ORM statement building): every column must come back as the
    returned objects hold it, times included (stored in UTC, read back aware)."""
    with time_machine.travel(FRIDAY_AFTERNOON, tick=False):
        ticket = make_ticket(siasn)

    stored = Ticket.objects.get(pk=ticket.pk)
    for field in Ticket._meta.concrete_fields:
        assert getattr(stored, field.attname) == getattr(ticket, field.attname), field.name
    assert stored.created_at == FRIDAY_AFTERNOON and stored.agency_id == siasn.agency_id
    assert (
        stored.reference in stored.search_text and search_tickets(Ticket.objects.all(), "Sinkronisasi").get() == stored
    )
    history = list(stored.events.order_by("pk").values_list("kind", "assignee_id", "created_at", "agency_id"))
    assert history == [
        (TicketEvent.Kind.CREATED, None, FRIDAY_AFTERNOON, siasn.agency_id),
        (TicketEvent.Kind.ASSIGNED, stored.assignee_id, FRIDAY_AFTERNOON, siasn.agency_id),
    ]
    assert Agent.objects.get(employee_id=stored.assignee_id).last_assigned_at == FRIDAY_AFTERNOON
