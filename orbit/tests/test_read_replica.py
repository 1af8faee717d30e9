"""With a replica configured, the monitoring and report pages read from it and everything else uses the primary.

The test settings define a "replica" alias that mirrors the test database; these tests switch the router on and
capture the queries each connection ran. Transactional tests: the router keeps every read inside an open
transaction on the primary, and an ordinary test runs inside one.
"""

import datetime

import pytest
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.replica import reads_from_replica
from organisation.models import Unit, User
from organisation.tests.conftest import demo_unit  # noqa: F401
from performance.services import share_links
from performance.tests.fixtures_agreements import *  # noqa: F403

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])
routed = override_settings(DATABASE_ROUTERS=["orbit.routers.ReportsToReplica"])
# What login_required reads before a marked view starts: the session and the signed-in user, from the primary.
SIGN_IN_TABLES = ('"django_session"', '"organisation_user"')


def get(client: Client, url: str, **headers):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(url, **headers)
    return response, [q["sql"] for q in primary], [q["sql"] for q in replica]


@pytest.fixture
def head(pk2023) -> Client:  # noqa: F405
    client = Client()
    client.force_login(User.objects.get(username="kepala"))
    return client


def share_url(agreement) -> str:
    link = share_links.create_share_link(
        actor=User.objects.get(username="kepala"), agreement=agreement, label="Mitra",
        expires_on=timezone.localdate() + datetime.timedelta(days=7),
    )  # fmt: skip
    return reverse("performance_share", args=[share_links.signed_token(link)])


def performance_pages(head: Client, agreement) -> list[tuple[Client, str, dict]]:
    dashboard = reverse("performance_dashboard", args=["inka", 2023])
    return [
        (head, dashboard, {}),
        (head, dashboard + "?view=iku", {"HTTP_HX_REQUEST": "true"}),  # the htmx fragment of a tab
        (head, reverse("performance_dashboard_latest", args=["inka"]), {}),
        (Client(), share_url(agreement), {}),  # public, no sign-in
        (head, reverse("performance_report_xlsx", args=["inka", 2023]) + "?period=q1", {}),
    ]


def is_raw_aggregate(sql: str) -> bool:
    """The grouped statements of performance.selectors.indicator_table (one WITH statement of two aggregates)."""
    return "GROUP BY t.indicator_id" in sql or "GROUP BY r.indicator_id" in sql


def off_the_replica(primary: list[str]) -> list[str]:
    return [sql for sql in primary if not any(table in sql for table in SIGN_IN_TABLES)]


@routed
def test_the_structure_and_helpdesk_reports_read_from_the_replica(head):
    pages = [
        reverse("matrix_xlsx", args=["inka"]),
        reverse("health", args=["inka"]),
        reverse("helpdesk_ikm", args=["inka"]),
        "/api/v1/units/inka/ikm/",
    ]
    for url in pages:
        response, primary, replica = get(head, url)

        assert response.status_code == 200, url
        assert len(replica) >= 2 and all(sql.startswith("SELECT") for sql in replica), url
        assert off_the_replica(primary) == [], url


@routed
def test_the_performance_dashboard_share_page_and_report_read_from_the_replica(head, pk2023):  # noqa: F405
    for client, url, headers in performance_pages(head, pk2023):
        response, primary, replica = get(client, url, **headers)

        assert response.status_code == 200, url
        assert any('"performance_indicator"' in sql for sql in replica), url
        assert all(sql.lstrip().startswith(("SELECT", "WITH")) for sql in replica), url
        assert off_the_replica(primary) == [], url


@routed
def test_the_dashboards_raw_aggregates_read_from_the_replica_too(head, pk2023):  # noqa: F405
    response, primary, replica = get(head, reverse("performance_dashboard", args=["inka", 2023]))

    assert response.status_code == 200
    assert off_the_replica(primary) == []
    assert any(is_raw_aggregate(sql) for sql in replica)


@routed
def test_other_pages_and_every_write_use_the_primary(head, pk2023):  # noqa: F405
    response, primary, replica = get(head, reverse("unit_detail", args=["inka"]))
    assert response.status_code == 200 and primary and replica == []

    with CaptureQueriesContext(connections["replica"]) as replica_queries:
        created = head.post(
            reverse("performance_share_create", args=["inka", 2023]),
            {"label": "Baru", "expires_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()},
        )
    assert created.status_code == 302
    assert len(replica_queries) == 0
    assert pk2023.share_links.filter(label="Baru").exists()


@routed
def test_in_a_marked_view_writes_and_reads_in_a_transaction_use_the_primary(pk2023):  # noqa: F405
    unit_id = Unit.objects.get(slug="inka").pk

    @reads_from_replica
    def view(request):
        unit = Unit.objects.get(pk=unit_id)  # replica
        with transaction.atomic():
            Unit.objects.select_for_update().get(pk=unit_id)  # primary: its transaction must see its own writes
            Unit.objects.filter(pk=unit_id).update(name="Unit Baru")
        unit.name = "Unit Lagi"
        unit.save(update_fields=["name"])  # read from the replica, saved to the primary
        return HttpResponse(unit._state.db)

    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        view(RequestFactory().get("/"))

    assert len(replica) == 1 and replica[0]["sql"].startswith("SELECT")
    assert sum(q["sql"].startswith("SELECT") for q in primary) == 1
    assert sum(q["sql"].startswith("UPDATE") for q in primary) >= 2
    assert Unit.objects.get(pk=unit_id).name == "Unit Lagi"


def test_without_the_router_everything_uses_the_primary(head):
    response, primary, replica = get(head, reverse("performance_dashboard", args=["inka", 2023]))

    assert response.status_code == 200 and len(primary) > 2 and replica == []
