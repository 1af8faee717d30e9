"""The client address behind reverse proxies (core/client_ip.py), the same for login throttling and the helpdesk
rate limiter: without a proxy X-Forwarded-For is ignored (anyone can forge it); behind ORBIT_PROXY_COUNT proxies
only the entries our proxies appended count, so forging the header escapes neither the lockout nor the limit."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory, override_settings
from django.urls import reverse

from core.client_ip import client_ip
from helpdesk.models import Category, Ticket
from organisation.demo import DEMO_PASSWORD
from organisation.models import Pokja
from organisation.tests.conftest import demo_unit  # noqa: F401

PROXY = "127.0.0.1"  # nginx on the same machine, as in docs/deploy.md
CLIENT, OTHER_CLIENT = "203.0.113.5", "198.51.100.7"
behind_nginx = override_settings(ORBIT_PROXY_COUNT=1)
axes_on = override_settings(AXES_ENABLED=True)


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "10.0.0.1", "1.2.3.4", "10.0.0.1"),  # no proxy: the header is the client's own words
        (1, PROXY, CLIENT, CLIENT),
        (1, PROXY, f"1.2.3.4, {CLIENT}", CLIENT),  # the client sent "1.2.3.4"; nginx appended the real address
        (2, "10.0.0.254", f"1.1.1.1, {CLIENT}, 10.0.0.10", CLIENT),  # load balancer, then nginx
        (1, PROXY, "", PROXY),  # not through the proxy (a health check on the machine)
        (2, PROXY, CLIENT, PROXY),  # fewer entries than proxies: only REMOTE_ADDR is vouched for
        (1, PROXY, "not-an-address", PROXY),
        (1, "::1", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_it_takes_the_address_our_proxies_vouch_for(settings, proxies, remote, forwarded, expected):
    settings.ORBIT_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected


@pytest.fixture
def service(demo_unit) -> Category:  # noqa: F811
    return Category.objects.create(unit=demo_unit, pokja=Pokja.objects.get(unit=demo_unit, code="PIA"), name="SIASN")


def submit(client, category: Category, n: int, **headers):
    data = {
        "category": category.pk,
        "subject": "Sinkronisasi gagal",
        "description": "Riwayat jabatan tidak tersinkron.",
        "requester_name": "Budi",
        "requester_agency": "Pemkab Badung",
        "requester_email": f"budi{n}@badung.example",
        "requester_phone": "0812",
        "website": "",
    }
    return client.post("/helpdesk/inka/", data, **headers)


def test_without_a_proxy_a_forged_header_does_not_escape_the_submission_limit(client, service, settings):
    settings.HELPDESK_SUBMISSIONS_PER_ADDRESS = 2
    for n in range(2):
        assert submit(client, service, n, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}").status_code == 302

    response = submit(client, service, 9, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.99")

    assert response.status_code == 429
    assert Ticket.objects.count() == 2


def test_behind_nginx_each_client_has_its_own_limit_whatever_it_forges(client, service, settings):
    settings.ORBIT_PROXY_COUNT = 1  # the settings fixture, not @behind_nginx: the two must not be mixed
    settings.HELPDESK_SUBMISSIONS_PER_ADDRESS = 2
    for n in range(2):
        forwarded = f"1.2.3.{n}, {CLIENT}"
        assert submit(client, service, n, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded).status_code == 302

    forged = submit(client, service, 8, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"1.2.3.99, {CLIENT}")
    other = submit(client, service, 9, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OTHER_CLIENT)

    assert forged.status_code == 429
    assert other.status_code == 302  # all clients share the proxy's REMOTE_ADDR, but not its limit
    assert Ticket.objects.count() == 3


def sign_in(client, password: str, remote: str, forwarded: str):
    return client.post(
        reverse("login"),
        {"username": "anggota", "password": password},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@axes_on
@behind_nginx
def test_behind_nginx_a_locked_out_client_cannot_escape_by_forging_the_header(client, demo_unit):  # noqa: F811
    for n in range(5):
        sign_in(client, "wrong-password", PROXY, f"10.9.9.{n}, {CLIENT}")

    forged = sign_in(client, DEMO_PASSWORD, PROXY, f"10.9.9.99, {CLIENT}")
    elsewhere = sign_in(client, DEMO_PASSWORD, PROXY, OTHER_CLIENT)

    assert forged.status_code == 429
    assert elsewhere.status_code == 302  # the same user from another client is not locked out
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [CLIENT]


@axes_on
def test_without_a_proxy_axes_ignores_the_header(client, demo_unit):  # noqa: F811
    for n in range(5):
        sign_in(client, "wrong-password", "10.0.0.1", f"10.9.9.{n}")

    response = sign_in(client, DEMO_PASSWORD, "10.0.0.1", "10.9.9.99")

    assert response.status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["10.0.0.1"]
