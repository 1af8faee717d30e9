"""The SLA breaches page: open tickets past their targets, which target was missed, only the user's agency."""

import datetime

import time_machine
from django.urls import reverse

from helpdesk import services
from helpdesk.sla import WITA
from helpdesk.tests.factories import make_ticket

URL = reverse("helpdesk_sla", args=["inka"])
MONDAY_8 = datetime.datetime(2025, 6, 2, 8, 0, tzinfo=WITA)


def test_it_lists_breached_tickets_with_the_missed_target(client, siasn, head_user, django_assert_num_queries):
    with time_machine.travel(MONDAY_8, tick=False):
        late = make_ticket(siasn)
        answered = make_ticket(siasn)
        services.reply(actor=head_user, ticket=answered, body="Diterima.")
    client.force_login(head_user)
    # session, user, unit, employee (manager check), count, rows
    with time_machine.travel(MONDAY_8 + datetime.timedelta(hours=5), tick=False), django_assert_num_queries(6):
        response = client.get(URL)
    page = response.content.decode()
    assert [t.number for t in response.context["page"]] == [late.number]
    assert 'data-missed="first_response"' in page and 'data-missed="resolution"' not in page


def test_an_outsider_gets_404(client, outsider, siasn):
    client.force_login(outsider)
    assert client.get(URL).status_code == 404
