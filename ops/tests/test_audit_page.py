"""/units/<slug>/audit/: the unit head sees who changed what and when, old → new, newest first, filtered and
paginated, in a constant number of queries; others of the agency get 403, other agencies 404."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from culture.models import AwardPeriod
from culture.services.awards import decide, nominate
from helpdesk.models import Category
from helpdesk.tests.factories import make_ticket
from organisation.models import Membership, Pokja
from performance.models import Realisasi
from performance.tests.fixtures_agreements import *  # noqa: F403


def client_for(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    if user is not None:
        client.force_login(user)
    return client


def url(**params) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("unit_audit", args=["inka"]) + (f"?{query}" if query else "")


def rows(response) -> list:
    return response.context["entries"]


@pytest.fixture
def member(demo_unit) -> Membership:
    pak = Pokja.objects.get(unit=demo_unit, code="PAK")
    return Membership.objects.filter(pokja=pak, role=Membership.Role.ANGGOTA).select_related("employee")[0]


def test_it_shows_who_changed_a_membership_when_and_old_to_new(head_user, member):
    head = client_for(head_user)
    patch = head.patch(f"/api/v1/memberships/{member.pk}/", {"valid_to": "2024-06-30"}, content_type="application/json")
    assert patch.status_code == 200

    response = head.get(url(kind="structure"))

    assert response.status_code == 200
    newest = rows(response)[0]
    assert newest.who == (head_user.get_full_name() or head_user.username)
    assert member.employee.name in newest.subject and "PAK" in newest.subject
    assert ("valid to", "—", "2024-06-30") in newest.changes
    assert member.employee.name in response.content.decode()


def test_it_lists_realisasi_tickets_and_awards_newest_first(head_user, member_user, iku_72, demo_unit):
    reporter = client_for(member_user)
    page = reverse("realisasi_period", args=["inka", 2023, "IKU.7.2", 4])
    assert reporter.post(page, {"value": "140", "note": "TW4"}).status_code == 302
    category = Category.objects.create(unit=demo_unit, pokja=Pokja.objects.get(unit=demo_unit, code="PAK"), name="X")
    ticket = make_ticket(category)
    period = AwardPeriod.objects.create(
        unit=demo_unit, name="TW IV", start=datetime.date(2024, 10, 1), end=datetime.date(2024, 12, 31)
    )
    nomination = nominate(
        actor=member_user, period=period, kind="pokja", title="Pokja terbaik", reason="Cepat", pokja=category.pokja
    )
    decide(actor=head_user, nomination=nomination, award=True)

    entries = rows(client_for(head_user).get(url()))

    kinds = [entry.kind for entry in entries]
    assert {"realisasi", "tickets", "awards"} <= set(kinds)
    assert [entry.when for entry in entries] == sorted((entry.when for entry in entries), reverse=True)
    assert entries[0].kind == "awards" and ("status", "awaiting decision", "awarded") in entries[0].changes
    realisasi = next(entry for entry in entries if entry.kind == "realisasi")
    assert realisasi.who == (member_user.get_full_name() or member_user.username)
    assert ("realisasi", "—", "140.00") in realisasi.changes
    assert any(f"Ticket {ticket.number}" == entry.subject for entry in entries)
    only_awards = rows(client_for(head_user).get(url(kind="awards")))
    assert only_awards and {entry.kind for entry in only_awards} == {"awards"}
    by_member = rows(client_for(head_user).get(url(username=member_user.username)))
    assert by_member and {entry.who for entry in by_member} == {member_user.get_full_name() or member_user.username}
    assert rows(client_for(head_user).get(url(until="2000-01-01"))) == []


def test_it_paginates_in_a_constant_number_of_queries(head_user, iku_72):
    head = client_for(head_user)
    realisasi = Realisasi.objects.create(indicator=iku_72, period=4, value=Decimal("1"))

    def measure(page: int = 1) -> tuple[int, object]:
        with CaptureQueriesContext(connection) as queries:
            response = head.get(url(page=page))
        assert response.status_code == 200
        return len(queries), response

    few, _ = measure()
    for value in range(2, 60):
        realisasi.value = Decimal(value)
        realisasi.save()
    many, first = measure()
    # The same queries either way: session, user, unit (access), then per history source its rows, their earlier
    # versions and the names they point to; tickets and both kinds of award decision; nothing per entry.
    assert many == few
    assert len(rows(first)) == 25 and first.context["next_page"] == 2
    assert rows(first)[0].changes == [("realisasi", "58.00", "59.00")]
    _count, second = measure(page=2)
    assert rows(second)[0].when <= rows(first)[-1].when and second.context["previous_page"] == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("anggota", 403), ("ketua", 403), ("outsider", 404), ("head", 200), ("admin", 200)],
)
def test_it_is_for_the_unit_head_and_the_agency_admin_only(
    request, persona, status, anggota_user, ketua_user, outsider, head_user, admin_user
):
    users = {"anonymous": None, "anggota": anggota_user, "ketua": ketua_user, "outsider": outsider}
    users |= {"head": head_user, "admin": admin_user}
    assert client_for(users[persona]).get(url()).status_code == status
