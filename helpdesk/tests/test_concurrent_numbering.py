"""Ticket numbers under concurrency: real parallel transactions on PostgreSQL never share a number."""

import threading

import pytest
from django.db import connection

from helpdesk.models import Ticket
from helpdesk.tests.factories import make_ticket

THREADS = 8
PER_THREAD = 5


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises every write; the row lock is PostgreSQL's to test"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_creations_never_share_a_number(siasn, arsip):
    start = threading.Barrier(THREADS)
    errors = []

    def submit(index):
        try:
            start.wait()
            for n in range(PER_THREAD):
                make_ticket(siasn if (index + n) % 2 else arsip, subject=f"Permintaan {index}-{n}")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=submit, args=(i,)) for i in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    numbers = sorted(Ticket.objects.values_list("number", flat=True))
    assert numbers == list(range(1, THREADS * PER_THREAD + 1))
