"""Model rules: agency from the unit, constraints with messages, the tracking token, the search text."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from helpdesk.models import Category, Message, Ticket
from helpdesk.models.tickets import new_tracking_token
from helpdesk.tests.factories import make_ticket


def test_tracking_tokens_carry_192_random_bits():
    tokens = {new_tracking_token() for _ in range(1000)}
    assert len(tokens) == 1000
    assert all(
        len(t) == 32 and set(t) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        for t in tokens
    )


def test_a_category_takes_its_agency_from_the_unit_and_needs_its_units_pokja(demo_unit, other_unit, pia):
    category = Category(unit=other_unit, pokja=pia, name="Salah", slug="salah")
    with pytest.raises(ValidationError) as refused:
        category.full_clean()
    assert "pokja" in refused.value.message_dict
    good = Category.objects.create(unit=demo_unit, pokja=pia, name="Benar", slug="benar")
    assert good.agency_id == demo_unit.agency_id


def test_a_category_needs_a_sane_sla(demo_unit, pia):
    with pytest.raises(IntegrityError), transaction.atomic():
        Category.objects.create(
            unit=demo_unit, pokja=pia, name="X", slug="x", first_response_hours=8, resolution_hours=4
        )


def test_two_tickets_of_an_agency_cannot_share_a_number(siasn):
    ticket = make_ticket(siasn)
    ticket.pk = None
    ticket.tracking_token = new_tracking_token()
    with pytest.raises(IntegrityError), transaction.atomic():
        ticket.save()


def test_the_requester_cannot_write_an_internal_note(siasn):
    ticket = make_ticket(siasn)
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.create(ticket=ticket, kind="internal", by_requester=True, author_name="x", body="x")


def test_the_search_text_holds_the_reference_and_the_requester(siasn):
    ticket = make_ticket(siasn)
    assert "HD-000001" in ticket.search_text and "Badung" in ticket.search_text


def test_stakeholders_see_only_their_own_tickets_through_visible_to(siasn, stakeholder, anggota_user, outsider):
    mine = make_ticket(siasn, requester_user=stakeholder)
    make_ticket(siasn)
    assert list(Ticket.objects.visible_to(stakeholder)) == [mine]
    assert list(Ticket.objects.for_staff(stakeholder)) == []
    assert Ticket.objects.visible_to(anggota_user).count() == 2
    assert Ticket.objects.visible_to(outsider).count() == 0


@pytest.mark.django_db
def test_no_ticket_column_has_an_index_that_another_index_already_begins_with():
    """Migration 0006: each index is written on every new ticket, message or event; none may be redundant."""
    with connection.cursor() as cursor:
        for table in ("helpdesk_ticket", "helpdesk_message", "helpdesk_ticketevent"):
            constraints = connection.introspection.get_constraints(cursor, table)
            indexed = [tuple(c["columns"]) for c in constraints.values() if c["index"] or c["unique"]]
            for columns in indexed:
                wider = [other for other in indexed if len(other) > len(columns) and other[: len(columns)] == columns]
                assert not (len(columns) == 1 and wider), f"{table}{columns} is covered by {wider}"
