"""Reads other apps use: ticket figures per pokja and person, the IKM report's population and sample."""

import datetime

import time_machine

from helpdesk import selectors, services
from helpdesk.models import Survey, Ticket
from helpdesk.sla import WITA
from helpdesk.tests.factories import make_ticket

MONDAY_8 = datetime.datetime(2025, 6, 2, 8, 0, tzinfo=WITA)


def test_ticket_figures_count_and_time_the_resolutions_per_pokja_and_person(demo_unit, siasn, arsip, head_user):
    with time_machine.travel(MONDAY_8, tick=False):
        resolved, _open, other = make_ticket(siasn), make_ticket(siasn), make_ticket(arsip)
    with time_machine.travel(MONDAY_8 + datetime.timedelta(hours=3), tick=False):
        for status in (Ticket.Status.DIPROSES, Ticket.Status.SELESAI):
            services.change_status(actor=head_user, ticket=resolved, status=status)
    figures = selectors.ticket_figures(demo_unit, datetime.date(2025, 6, 1), datetime.date(2025, 6, 30))
    per_pokja = {row["pokja__code"]: row for row in figures["pokja"]}
    assert per_pokja["PIA"]["tickets"] == 2 and per_pokja["PIA"]["resolved"] == 1
    assert per_pokja["PIA"]["mean_resolution"] == datetime.timedelta(hours=3)
    assert per_pokja["PAK"]["resolved"] == 0 and per_pokja["PAK"]["mean_resolution"] is None
    people = {row["assignee__nip"]: row["tickets"] for row in figures["assignee"]}
    assert people[resolved.assignee.nip] == 1 and people[other.assignee.nip] == 1


def test_the_ikm_report_counts_the_population_and_the_sample_needed(demo_unit, siasn, head_user):
    with time_machine.travel(MONDAY_8, tick=False):
        tickets = [make_ticket(siasn) for _ in range(4)]
        for status in (Ticket.Status.DIPROSES, Ticket.Status.SELESAI):
            services.change_status(actor=head_user, ticket=tickets[0], status=status)
        services.submit_survey(ticket=tickets[0], scores=[4] * 9)
    Survey.objects.create(
        unit=demo_unit, date=datetime.date(2025, 6, 3), source="import", **{f"u{i}": 3 for i in range(1, 10)}
    )
    report = selectors.ikm_report(demo_unit, datetime.date(2025, 6, 1), datetime.date(2025, 6, 30))
    # 4 tickets + 1 paper answer without a ticket = 5 service users: Krejcie-Morgan wants all 5.
    assert report.population == 5 and report.sample_needed == 5
    assert report.respondents == 2 and not report.adequate
    assert str(report.result.score_display) == "87.50"
