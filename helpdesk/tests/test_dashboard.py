"""The helpdesk dashboard: open work per pokja, the user's urgent tickets, the unassigned ones."""

import datetime

import time_machine
from django.urls import reverse

from helpdesk.sla import WITA
from helpdesk.tests.factories import make_ticket, only_available

URL = reverse("helpdesk_dashboard", args=["inka"])
MONDAY_8 = datetime.datetime(2025, 6, 2, 8, 0, tzinfo=WITA)


def test_it_counts_open_work_per_pokja_and_lists_the_users_tickets(
    client, siasn, arsip, pia, anggota_user, django_assert_num_queries
):
    only_available(pia, anggota_user.employee)
    with time_machine.travel(MONDAY_8, tick=False):
        mine = [make_ticket(siasn), make_ticket(siasn)]
        only_available(arsip.pokja, keep=None)  # nobody in PAK is available
        waiting = make_ticket(arsip)
    client.force_login(anggota_user)
    # session, user, unit, the user's employee (manager check), load per pokja, my tickets, unassigned.
    with time_machine.travel(MONDAY_8 + datetime.timedelta(hours=5), tick=False), django_assert_num_queries(7):
        response = client.get(URL)
    load = {row["pokja__code"]: row for row in response.context["load"]}
    assert load["PIA"]["open"] == 2 and load["PIA"]["breached"] == 2
    assert load["PAK"]["unassigned"] == 1 and load["PAK"]["breached"] == 0
    assert [t.number for t in response.context["mine"]] == [t.number for t in mine]
    assert [t.number for t in response.context["unassigned"]] == [waiting.number]


def test_an_outsider_gets_404(client, outsider, siasn):
    client.force_login(outsider)
    assert client.get(URL).status_code == 404
