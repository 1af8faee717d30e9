"""The staff ticket list: my tickets, my pokja's queue, all (head); filters, search, sort, pages, query count."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helpdesk import services
from helpdesk.models import Ticket
from helpdesk.sla import WITA
from helpdesk.tests.factories import make_ticket, only_available

URL = reverse("helpdesk_tickets", args=["inka"])


def numbers(response) -> list[int]:
    return [t["number"] for t in response.context["page"]]


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
    # session, user, unit (with agency and head: the manager check needs nothing more), categories with their
    # pokja codes (the filters), the count, the page of tickets with category, pokja and assignee; a search counts
    # its matches in the page's own query.
    with django_assert_num_queries(6):
        client.get(URL)
    with django_assert_num_queries(5):
        client.get(URL, {"q": "a"})
    for n in range(57):
        make_ticket(siasn, subject=f"B {n}")
    with django_assert_num_queries(6):
        client.get(URL, {"view": "all", "status": "all", "sort": "due"})
    with django_assert_num_queries(5):
        client.get(URL, {"view": "all", "status": "all", "q": "b"})
    client.force_login(anggota_user)
    with django_assert_num_queries(6):
        client.get(URL, {"view": "pokja"})


@pytest.mark.parametrize("text", ["a_b", "&|!:*", "'", "日本 語", "x" * 300, "HD-999999", "ünï:code"])
def test_odd_search_text_finds_nothing_rather_than_failing(client, head_user, tickets, text):
    client.force_login(head_user)
    response = client.get(URL, {"view": "all", "q": text})
    assert response.status_code == 200 and numbers(response) == []


def test_each_row_links_its_ticket_and_marks_a_missed_target(client, head_user, siasn):
    with time_machine.travel(datetime.datetime(2025, 5, 19, 8, 0, tzinfo=WITA), tick=False):
        late = make_ticket(siasn, subject="Lama <b>tertunda</b>", requester_agency="Pemkab & Kota")
    on_time = make_ticket(siasn, subject="Baru saja")
    client.force_login(head_user)
    page = client.get(URL).content.decode()
    late_row = re.search(rf'<tr data-ticket="{late.number}"[^>]*>.*?</tr>', page, re.S).group(0)
    assert 'class="breached"' in late_row
    assert f'href="/units/inka/helpdesk/{late.number}/">HD-{late.number:06d}</a>' in late_row
    assert "Lama &lt;b&gt;tertunda&lt;/b&gt;" in late_row and "Pemkab &amp; Kota" in late_row
    assert "2025-05-19 08:00" in late_row  # created, in the unit's time zone
    assert f'data-status="baru">{late.get_status_display()}<' in late_row
    on_time_row = re.search(rf'<tr data-ticket="{on_time.number}"[^>]*>', page).group(0)
    assert "breached" not in on_time_row


def test_an_empty_list_says_so(client, head_user, siasn):
    client.force_login(head_user)
    client.cookies["django_language"] = "en"
    page = client.get(URL, {"q": "tidak-ada-ini"}).content.decode()
    assert '<td colspan="8" class="muted">No ticket matches.</td>' in page


def test_the_filters_keep_what_was_typed_and_chosen(client, head_user, tickets):
    client.force_login(head_user)
    page = client.get(URL, {"view": "all", "q": 'salinan "SK"', "status": "all", "pokja": "PAK"}).content.decode()
    assert '<input type="text" name="q" value="salinan &quot;SK&quot;" id="id_q">' in page
    assert '<option value="all" selected>' in page and '<option value="PAK" selected>PAK</option>' in page
    assert '<option value="" selected>' in page  # the service filter is left at "all"
    unfiltered = client.get(URL).content.decode()
    assert '<input type="text" name="q" id="id_q">' in unfiltered


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner; PostgreSQL has its GIN index")
def test_a_search_checks_its_matches_in_the_small_scope_index(client, head_user, tickets):
    client.force_login(head_user)
    with CaptureQueriesContext(connection) as queries:
        client.get(URL, {"view": "all", "q": "salinan"})
    rows = next(q["sql"] for q in queries.captured_queries if "helpdesk_ticket_fts" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {rows}")
        plan = " ".join(row[-1] for row in cursor.fetchall())
    # Each match is checked by a seek into the index, not by walking the unit's tickets in date order.
    assert "USING INDEX helpdesk_ticket_search_scope" in plan and "helpdesk_ticket_unit_created" not in plan


def test_a_search_pages_by_25_and_a_page_past_the_end_shows_the_last(client, head_user, siasn):
    for n in range(27):
        make_ticket(siasn, subject=f"Permintaan mutasi {n}")
    make_ticket(siasn, subject="Lain")
    client.force_login(head_user)
    first = client.get(URL, {"q": "mutasi"})
    assert numbers(first) == list(range(27, 2, -1)) and first.context["page"].paginator.count == 27
    assert numbers(client.get(URL, {"q": "mutasi", "page": 2})) == [2, 1]
    past = client.get(URL, {"q": "mutasi", "page": 9})
    assert past.context["page"].number == 2 and numbers(past) == [2, 1]
    assert numbers(client.get(URL, {"q": "mutasi", "page": "x"}))[0] == 27
    assert 'id="ticket-count">27 ' in client.get(URL, {"q": "mutasi"}).content.decode()
