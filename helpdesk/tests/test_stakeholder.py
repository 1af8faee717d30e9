"""Stakeholder accounts: they list their own tickets, and nothing of anyone else's, on pages and in the API."""

from django.urls import reverse

from helpdesk.tests.factories import make_ticket
from organisation.tests.api import api_as
from organisation.tests.factories import UserFactory


def test_a_stakeholder_lists_only_their_own_tickets(client, siasn, stakeholder):
    mine = make_ticket(siasn, requester_user=stakeholder, subject="Punya saya")
    make_ticket(siasn, subject="Punya orang lain")
    client.force_login(stakeholder)
    response = client.get(reverse("helpdesk_my_requests"))
    page = response.content.decode()
    assert "Punya saya" in page and "Punya orang lain" not in page
    assert reverse("helpdesk_track", args=[mine.tracking_token]) in page


def test_another_stakeholder_sees_none_of_them(client, siasn, stakeholder):
    make_ticket(siasn, requester_user=stakeholder, subject="Punya saya")
    other = UserFactory(username="pemohon-lain", role="stakeholder")
    client.force_login(other)
    assert "Punya saya" not in client.get(reverse("helpdesk_my_requests")).content.decode()
    assert api_as(other).get("/api/v1/helpdesk/tickets/").json()["results"] == []


def test_the_api_gives_a_stakeholder_their_tickets_and_no_structure(siasn, stakeholder):
    mine = make_ticket(siasn, requester_user=stakeholder)
    make_ticket(siasn)
    client = api_as(stakeholder)
    tickets = client.get("/api/v1/helpdesk/tickets/").json()["results"]
    assert [t["number"] for t in tickets] == [mine.number]
    assert client.get(f"/api/v1/helpdesk/tickets/{mine.pk + 1}/").status_code == 404
    assert client.get("/api/v1/helpdesk/categories/").json()["results"] == []
    assert client.get("/api/v1/units/inka/ikm/").status_code == 404


def test_the_staff_list_and_pages_stay_closed_to_a_stakeholder(client, siasn, stakeholder):
    ticket = make_ticket(siasn, requester_user=stakeholder)
    client.force_login(stakeholder)
    assert client.get(reverse("helpdesk_tickets", args=["inka"])).status_code == 404
    assert client.get(reverse("helpdesk_ticket", args=["inka", ticket.number])).status_code == 404
    assert client.get(reverse("helpdesk_ikm", args=["inka"])).status_code == 404
