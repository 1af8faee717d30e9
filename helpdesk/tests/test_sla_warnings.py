"""The warning before a breach, the breach listing and the command that runs the warning."""

import datetime

import time_machine
from django.core import mail
from django.core.management import call_command

from helpdesk import selectors, tasks
from helpdesk.models import Ticket, TicketEvent
from helpdesk.sla import WITA
from helpdesk.tests.factories import make_ticket
from organisation.models import Membership

MONDAY_8 = datetime.datetime(2025, 6, 2, 8, 0, tzinfo=WITA)


def pia_ketua_email(pia):
    return Membership.objects.get(pokja=pia, role="ketua", valid_to__isnull=True).employee.email


def test_the_ketua_is_warned_once_shortly_before_the_first_response_is_due(siasn, pia):
    with time_machine.travel(MONDAY_8, tick=False):
        ticket = make_ticket(siasn)  # first response due 12:00
    with time_machine.travel(MONDAY_8 + datetime.timedelta(hours=1), tick=False):
        assert tasks.warn_before_breach.call() == 0
    with time_machine.travel(MONDAY_8 + datetime.timedelta(hours=2, minutes=5), tick=False):
        assert tasks.warn_before_breach.call() == 1
        assert tasks.warn_before_breach.call() == 0
    assert [m.to for m in mail.outbox] == [[pia_ketua_email(pia)]]
    assert ticket.reference in mail.outbox[0].subject and "12:00" in mail.outbox[0].subject
    assert ticket.events.filter(kind=TicketEvent.Kind.WARNED).count() == 1


def test_the_warning_window_counts_working_hours(siasn):
    friday = datetime.datetime(2025, 5, 23, 15, 0, tzinfo=WITA)
    with time_machine.travel(friday, tick=False):
        make_ticket(siasn)  # first response due Monday 10:00
    # At Friday's closing (16:30) and all weekend, 2.5 working hours remain: not yet.
    for moment in (friday + datetime.timedelta(hours=1, minutes=30), friday + datetime.timedelta(days=1, hours=5)):
        with time_machine.travel(moment, tick=False):
            assert tasks.warn_before_breach.call() == 0
    # Monday 08:00: two working hours before 10:00.
    with time_machine.travel(datetime.datetime(2025, 5, 26, 8, 0, tzinfo=WITA), tick=False):
        assert tasks.warn_before_breach.call() == 1


def test_answered_and_resolved_tickets_are_not_warned(siasn, head_user):
    from helpdesk import services

    with time_machine.travel(MONDAY_8, tick=False):
        ticket = make_ticket(siasn)
        services.reply(actor=head_user, ticket=ticket, body="Diterima.")
    with time_machine.travel(MONDAY_8 + datetime.timedelta(hours=3), tick=False):
        assert tasks.warn_before_breach.call() == 0


def test_breaches_lists_open_tickets_past_a_target(siasn, head_user):
    from helpdesk import services

    with time_machine.travel(MONDAY_8, tick=False):
        late, answered, done = make_ticket(siasn), make_ticket(siasn), make_ticket(siasn)
        services.reply(actor=head_user, ticket=answered, body="Diterima.")
        for status in (Ticket.Status.DIPROSES, Ticket.Status.SELESAI):
            services.change_status(actor=head_user, ticket=done, status=status)
    noon = MONDAY_8 + datetime.timedelta(hours=4, minutes=1)
    assert list(selectors.breached(Ticket.objects.all(), noon)) == [late]
    next_week = MONDAY_8 + datetime.timedelta(days=7)
    assert set(selectors.breached(Ticket.objects.all(), next_week)) == {late, answered}


def test_the_command_runs_the_warning(siasn):
    with time_machine.travel(MONDAY_8, tick=False):
        make_ticket(siasn)
    with time_machine.travel(MONDAY_8 + datetime.timedelta(hours=3), tick=False):
        call_command("helpdesk_sla_warnings")
    assert len(mail.outbox) == 1
