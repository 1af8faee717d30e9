"""The load test in its quick form: bench/load.py's data generator and workload, small, against the live server.

Four clients sign in through the login form and for five seconds open the orbit, the dashboard, the ticket list
(plain and searched) and tickets, submit tickets through the portal and IKM surveys through tracking links, all
at the same time. The full load test (gunicorn, PostgreSQL, 200,000 tickets, 16 clients) is a benchmark:
bench/load.py, figures in bench/README.md.
"""

import threading
from urllib.parse import urlsplit

import pytest
from django.db import connection

from bench import load_data, load_driver
from helpdesk.models import Survey, Ticket

SIZES = load_data.Sizes(agencies=2, units=2, employees=5, tickets=200, indicators=4)
CLIENTS = 4
SECONDS = 5


@pytest.fixture
def unlimited_portal(settings):
    """All clients come from one address: the portal's per-address and per-e-mail limits are lifted."""
    settings.HELPDESK_SUBMISSIONS_PER_ADDRESS = settings.HELPDESK_SUBMISSIONS_PER_EMAIL = 10**9


@pytest.fixture
def server(live_server):
    """The live server; on SQLite it answers one request at a time.

    The test database on SQLite lives in memory, and the live server's threads share its one connection
    (pytest-django): concurrent requests would interleave their transactions on it ("database table is
    locked"). A file database would let SQLite serialise the writers itself; here a lock does. On PostgreSQL
    the requests run concurrently.
    """
    if connection.vendor != "sqlite":
        yield live_server
        return
    httpd = live_server.thread.httpd
    application = httpd.get_app()
    lock = threading.Lock()

    def one_at_a_time(environ, start_response):
        with lock:
            response = application(environ, start_response)
            try:
                return list(response)
            finally:
                if hasattr(response, "close"):
                    response.close()

    httpd.set_app(one_at_a_time)
    yield live_server
    httpd.set_app(application)


@pytest.mark.django_db(transaction=True)
def test_four_clients_get_every_page_without_an_error(server, unlimited_portal):
    load_data.generate(SIZES)
    assert load_data.present(SIZES)
    plan = load_data.plan(SIZES, CLIENTS, think=(0.01, 0.05), surveys=20)
    assert len({account.username for account in plan.accounts}) == CLIENTS
    address = urlsplit(server.url)

    result = load_driver.run(plan, address.hostname, address.port, SECONDS)

    assert result.error_count == 0, result.errors
    assert len(result.sign_in) == 2 * CLIENTS  # the login form and its POST, per client
    counts = {page: len(result.samples[page]) for page in load_driver.PAGES}
    assert all(counts.values()), counts
    # What the clients sent is stored: their tickets (numbered after the generated ones) and their surveys.
    assert Ticket.objects.filter(subject__startswith="Permohonan uji beban").count() == counts["portal submit"]
    assert Ticket.objects.count() == SIZES.tickets + counts["portal submit"]
    assert Survey.objects.filter(comment="Pelayanan cepat dan ramah.").count() == counts["survey submit"]
    lines, _fast = load_driver.table(result, target_ms=300)
    assert len(lines) == 1 + len(load_driver.PAGES) + 1  # header, one line per page, sign-in
