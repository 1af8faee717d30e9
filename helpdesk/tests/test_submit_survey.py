"""submit_survey: nine scores 1-4, once per ticket, only once the service is done."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from helpdesk import services
from helpdesk.models import Survey, Ticket
from helpdesk.tests.factories import make_ticket

S = Ticket.Status
SCORES = [4, 3, 4, 4, 3, 4, 4, 3, 4]


@pytest.fixture
def done(siasn, head_user):
    ticket = make_ticket(siasn)
    for status in (S.DIPROSES, S.SELESAI):
        services.change_status(actor=head_user, ticket=ticket, status=status)
    return ticket


def test_it_records_the_answers_with_the_tickets_unit_pokja_and_service(done):
    survey = services.submit_survey(ticket=done, scores=SCORES, comment=" Cepat dan ramah. ")
    assert survey.scores == SCORES
    assert (survey.unit, survey.pokja, survey.category) == (done.unit, done.pokja, done.category)
    assert survey.comment == "Cepat dan ramah." and survey.source == Survey.Source.PORTAL


def test_it_accepts_one_answer_per_ticket(done):
    services.submit_survey(ticket=done, scores=SCORES)
    with pytest.raises(ValidationError):
        services.submit_survey(ticket=done, scores=[1] * 9)
    assert Survey.objects.get().scores == SCORES


def test_the_database_also_refuses_a_second_answer(done):
    services.submit_survey(ticket=done, scores=SCORES)
    with pytest.raises(IntegrityError), transaction.atomic():
        Survey.objects.create(
            unit=done.unit, ticket=done, date=done.created_at.date(), **{f"u{i}": 3 for i in range(1, 10)}
        )


def test_it_waits_until_the_service_is_done(siasn):
    ticket = make_ticket(siasn)
    with pytest.raises(ValidationError):
        services.submit_survey(ticket=ticket, scores=SCORES)
    assert not Survey.objects.exists()


def test_a_closed_ticket_can_still_be_rated(done, head_user):
    services.change_status(actor=head_user, ticket=done, status=S.DITUTUP)
    assert services.submit_survey(ticket=done, scores=SCORES).pk


@pytest.mark.parametrize("scores", [[4] * 8, [5] * 9, [0] * 9, [4, 3, 4, 4, 3, 4, 4, 3, "4"]])
def test_it_refuses_scores_outside_1_to_4(done, scores):
    with pytest.raises(ValidationError):
        services.submit_survey(ticket=done, scores=scores)


def test_the_database_refuses_a_score_of_five(done):
    with pytest.raises(IntegrityError), transaction.atomic():
        Survey.objects.create(unit=done.unit, date=done.created_at.date(), **{f"u{i}": 3 for i in range(1, 9)}, u9=5)
