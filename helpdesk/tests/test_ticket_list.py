"""The staff ticket list: my tickets, my pokja's queue, all (head); filters, search, sort, pages, query count."""

import pytest
from django.urls import reverse

from helpdesk import services
from helpdesk.models import Ticket
from helpdesk.tests.factories import make_ticket, only_available

URL = reverse("helpdesk_tickets", args=["inka"])


def numbers(response) -> list[int]:
    return [t.number for t in response.context["page"]]


@pytest.fixture
def tickets(siasn, arsip, pia, anggota_user):
    """Two PIA tickets for the demo anggota, one PAK ticket, one closed PIA ticket."""
    only_available(pia, anggota_user.employee)
    mine = [make_ticket(siasn, subject="Integrasi gagal"), make_ticket(siasn, subject="Token kedaluwarsa")]
    archive = make_ticket(arsip, subject="Salinan SK pangkat", requester_agency="Pemkot Denpasar")
    done = make_ticket(siasn, subject="Sudah beres")
    for status in (Ticket.Status.DIPROSES, Ticket.Status.SELESAI):
        services.change_status(actor=anggota_user, ticket=done, status=status)
    return {"mine": mine, "archive": archive, "done": done}


def test_it_needs_sign_in_and_hides_other_agencies(client, outsider, tickets):
    assert client.get(URL).status_code == 302
    client.force_login(outsider)
    assert client.get(URL).status_code == 404


def test_a_member_sees_their_open_tickets_by_default_newest_first(client, anggota_user, tickets):
    client.force_login(anggota_user)
    response = client.get(URL)
    assert response.context["view"] == "mine"
    assert numbers(response) == [2, 1]


def test_the_pokja_queue_holds_every_pokja_of_the_member(client, anggota_user, tickets):
    client.force_login(anggota_user)
    assert numbers(client.get(URL, {"view": "pokja"})) == [2, 1]  # the PAK ticket is not theirs
    assert numbers(client.get(URL, {"view": "pokja", "status": "all"})) == [4, 2, 1]


def test_only_managers_get_the_all_view(client, anggota_user, head_user, tickets):
    client.force_login(anggota_user)
    assert client.get(URL, {"view": "all"}).context["view"] == "mine"
    client.force_login(head_user)
    response = client.get(URL)
    assert response.context["view"] == "all" and numbers(response) == [3, 2, 1]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "selesai"}, [4]),
        ({"status": "all", "pokja": "PAK"}, [3]),
        ({"category": "integrasi-siasn"}, [2, 1]),
        ({"sort": "created"}, [1, 2, 3]),
        ({"q": "kedaluwarsa"}, [2]),
        ({"q": "integ"}, [1]),  # a word's beginning is enough
        ({"q": "denpasar salinan"}, [3]),
        ({"q": "HD-000002"}, [2]),
        ({"q": "3"}, [3]),
        ({"q": "tidak-ada-ini"}, []),
    ],
)
def test_the_head_filters_searches_and_sorts(client, head_user, tickets, params, expected):
    client.force_login(head_user)
    assert numbers(client.get(URL, {"view": "all", **params})) == expected


def test_it_pages_by_25(client, head_user, siasn):
    for n in range(27):
        make_ticket(siasn, subject=f"Permintaan {n}")
    client.force_login(head_user)
    first, second = client.get(URL), client.get(URL, {"page": 2})
    assert numbers(first) == list(range(27, 2, -1))
    assert numbers(second) == [2, 1]
    assert 'rel="next"' in first.content.decode()


def test_an_htmx_filter_gets_the_rows_only(client, head_user, tickets):
    client.force_login(head_user)
    response = client.get(URL, {"q": "salinan"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert 'id="ticket-table"' in page and "<html" not in page


def test_the_list_takes_the_same_queries_for_3_or_60_tickets(
    client, head_user, anggota_user, siasn, django_assert_num_queries
):
    for n in range(3):
        make_ticket(siasn, subject=f"A {n}")
    client.force_login(head_user)
    # session, user, unit (with agency and head), the user's employee (unit-manager check), categories with
    # their pokja (the filters), the count, the page of tickets with category, pokja and assignee.
    with django_assert_num_queries(7):
        client.get(URL, {"q": "a"})
    for n in range(57):
        make_ticket(siasn, subject=f"B {n}")
    with django_assert_num_queries(7):
        client.get(URL, {"view": "all", "status": "all", "sort": "due"})
    client.force_login(anggota_user)
    with django_assert_num_queries(7):
        client.get(URL, {"view": "pokja"})


@pytest.mark.parametrize("text", ["a_b", "&|!:*", "'", "日本 語", "x" * 300, "HD-999999", "ünï:code"])
def test_odd_search_text_finds_nothing_rather_than_failing(client, head_user, tickets, text):
    client.force_login(head_user)
    response = client.get(URL, {"view": "all", "q": text})
    assert response.status_code == 200 and numbers(response) == []
