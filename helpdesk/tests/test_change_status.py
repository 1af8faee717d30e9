"""change_status: only the transitions of the map, by someone who handles the ticket, with history."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from helpdesk import services
from helpdesk.models import Ticket, TicketEvent
from helpdesk.tests.factories import make_ticket

S = Ticket.Status
ALL = list(S)


def test_the_map_allows_the_documented_flow_and_reopening():
    assert Ticket.TRANSITIONS == {
        S.BARU: (S.DIPROSES,),
        S.DIPROSES: (S.MENUNGGU, S.SELESAI),
        S.MENUNGGU: (S.DIPROSES, S.SELESAI),
        S.SELESAI: (S.DITUTUP, S.DIPROSES),
        S.DITUTUP: (S.DIPROSES,),
    }


@pytest.fixture
def ticket(siasn):
    return make_ticket(siasn)


def walk(actor, ticket, *statuses):
    for status in statuses:
        services.change_status(actor=actor, ticket=ticket, status=status)
    return ticket


def test_it_walks_the_whole_flow_and_stamps_the_times(ticket, head_user):
    walk(head_user, ticket, S.DIPROSES, S.MENUNGGU, S.DIPROSES, S.SELESAI)
    assert ticket.resolved_at is not None and ticket.closed_at is None
    walk(head_user, ticket, S.DITUTUP)
    ticket.refresh_from_db()
    assert ticket.status == S.DITUTUP and ticket.closed_at is not None
    history = list(ticket.events.filter(kind=TicketEvent.Kind.STATUS).values_list("from_status", "to_status"))
    assert history == [
        (S.BARU, S.DIPROSES),
        (S.DIPROSES, S.MENUNGGU),
        (S.MENUNGGU, S.DIPROSES),
        (S.DIPROSES, S.SELESAI),
        (S.SELESAI, S.DITUTUP),
    ]
    assert ticket.events.filter(kind="status").first().actor == head_user


def test_reopening_clears_the_resolution(ticket, head_user):
    walk(head_user, ticket, S.DIPROSES, S.SELESAI, S.DITUTUP, S.DIPROSES)
    ticket.refresh_from_db()
    assert ticket.status == S.DIPROSES and ticket.resolved_at is None and ticket.closed_at is None


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ((), S.SELESAI),
        ((), S.DITUTUP),
        ((S.DIPROSES,), S.DITUTUP),
        ((S.DIPROSES,), S.BARU),
        ((S.DIPROSES,), S.DIPROSES),
    ],
)
def test_it_refuses_an_illegal_transition_with_a_message(ticket, head_user, path, illegal):
    walk(head_user, ticket, *path)
    before = ticket.status
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            services.change_status(actor=head_user, ticket=ticket, status=illegal)
        expected = f"“{S(before).label}” cannot become “{S(illegal).label}”"
    message = refused.value.message_dict["status"][0]
    assert expected in message
    assert "it can become:" in message
    ticket.refresh_from_db()
    assert ticket.status == before


def test_every_pair_outside_the_map_is_refused(ticket, head_user):
    for current in ALL:
        Ticket.objects.filter(pk=ticket.pk).update(status=current)
        ticket.refresh_from_db()
        for target in ALL:
            if target in Ticket.TRANSITIONS[current]:
                continue
            with pytest.raises(ValidationError):
                services.change_status(actor=head_user, ticket=ticket, status=target)


def test_someone_outside_the_pokja_may_not_change_it(ticket, ketua_user, outsider):
    # The demo "ketua" leads PAK, not PIA.
    for actor in (ketua_user, outsider):
        with pytest.raises(PermissionDenied):
            services.change_status(actor=actor, ticket=ticket, status=S.DIPROSES)


def test_a_pokja_member_may_change_it(ticket, anggota_user):
    services.change_status(actor=anggota_user, ticket=ticket, status=S.DIPROSES)
    assert Ticket.objects.get(pk=ticket.pk).status == S.DIPROSES


def test_resolving_invites_the_requester_to_the_survey(ticket, head_user, django_capture_on_commit_callbacks):
    walk(head_user, ticket, S.DIPROSES)
    with django_capture_on_commit_callbacks(execute=True):
        walk(head_user, ticket, S.SELESAI)
    sent = [m for m in mail.outbox if m.to == [ticket.requester_email]]
    assert len(sent) == 1 and ticket.tracking_token in sent[0].body
