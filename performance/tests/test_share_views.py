"""Share links from the dashboard: creating and revoking them, and the public read-only page behind them."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from performance.models import ShareLink
from performance.services import share_links
from performance.tests import factories_monitoring as make
from performance.tests.test_dashboard import find, html

NOW = datetime.datetime(2023, 10, 10, 9, 0, tzinfo=datetime.UTC)
CREATE = "/units/inka/performance/2023/share-links/"


@pytest.fixture
def pk(demo_unit):
    agreement = make.agreement(demo_unit, 2023)
    make.indicator(
        make.objective(agreement), "IKU.1", target=100, period_targets=[25] * 4, realisasi=[30],
        pokja=list(demo_unit.pokja.all()[:2]),
    )  # fmt: skip
    return agreement


@pytest.fixture
def link(pk, head_user):
    with time_machine.travel(NOW, tick=False):
        return share_links.create_share_link(
            actor=head_user, agreement=pk, label="Pimpinan", expires_on=datetime.date(2023, 10, 31)
        )


def public_url(link) -> str:
    return reverse("performance_share", args=[share_links.signed_token(link)])


@time_machine.travel(NOW, tick=False)
def test_the_head_creates_a_link_and_sees_its_url(client, pk, head_user):
    client.force_login(head_user)
    response = client.post(CREATE, {"label": "Kepala Kanreg", "expires_on": "2023-10-20"}, follow=True)
    link = ShareLink.objects.get()
    assert (link.label, link.agreement) == ("Kepala Kanreg", pk)
    [row] = find(html(response), data_share_link=str(link.pk))
    [url] = [field.get("value") for field in row.iter("input") if field.get("data-share-url")]
    assert url == f"http://testserver{public_url(link)}"


@time_machine.travel(NOW, tick=False)
def test_a_bad_expiry_creates_nothing_and_says_why(client, pk, head_user):
    client.force_login(head_user)
    client.cookies["django_language"] = "en"
    response = client.post(CREATE, {"label": "x", "expires_on": "2023-10-01"}, follow=True)
    assert not ShareLink.objects.exists()
    assert "must not be in the past" in response.content.decode()


@pytest.mark.parametrize("persona", ["anggota_user", "ketua_user"])
def test_staff_may_neither_create_nor_revoke(client, pk, link, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(CREATE, {"label": "x", "expires_on": "2099-01-01"}).status_code == 403
    assert client.post(f"{CREATE}{link.pk}/revoke/").status_code == 403
    assert ShareLink.objects.count() == 1
    assert ShareLink.objects.get().revoked_at is None


def test_another_agency_gets_a_404(client, pk, link, outsider):
    client.force_login(outsider)
    assert client.post(CREATE, {"label": "x", "expires_on": "2099-01-01"}).status_code == 404
    assert client.post(f"{CREATE}{link.pk}/revoke/").status_code == 404


def test_anonymous_users_are_sent_to_sign_in(client, pk, link):
    assert client.post(CREATE, {"expires_on": "2099-01-01"}).status_code == 302
    assert client.post(f"{CREATE}{link.pk}/revoke/").status_code == 302
    assert ShareLink.objects.count() == 1


@time_machine.travel(NOW + datetime.timedelta(days=1), tick=False)
def test_the_public_page_shows_the_dashboard_read_only_without_login(client, link, demo_unit):
    response = client.get(public_url(link))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    root = html(response)
    assert find(root, data_indicator="IKU.1")[0].get("data-cumulative-capaian") == "120.00"
    text = response.content.decode()
    assert 'id="share-links"' not in text
    assert "/units/inka/" not in text  # no links into the app: no edit pages, no profiles
    for employee in demo_unit.employees.all():
        assert employee.email not in text
        assert employee.nip not in text


@time_machine.travel(NOW + datetime.timedelta(days=1), tick=False)
def test_the_public_page_switches_views_with_htmx(client, link, demo_unit):
    response = client.get(public_url(link) + "?view=person", headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-dashboard-view="person"' in body and "<html" not in body
    assert demo_unit.head.name in body
    assert demo_unit.head.email not in body
    assert re.search(r'hx-get="/share/performance/[^"]+\?view=pokja"', body)


def test_a_revoked_link_is_gone(client, link, head_user):
    client.force_login(head_user)
    with time_machine.travel(NOW + datetime.timedelta(days=1), tick=False):
        assert client.post(f"{CREATE}{link.pk}/revoke/").status_code == 302
        client.logout()
        response = client.get(public_url(link))
    assert response.status_code == 410
    assert find(html(response), data_share="gone")
    assert not find(html(response), data_indicator="IKU.1")


def test_an_expired_link_is_gone(client, link):
    with time_machine.travel(datetime.datetime(2023, 11, 2, tzinfo=datetime.UTC), tick=False):
        response = client.get(public_url(link))
    assert response.status_code == 410


def test_a_forged_or_unknown_token_is_a_404(client, link):
    assert client.get(reverse("performance_share", args=[link.token])).status_code == 404
    assert client.get(reverse("performance_share", args=["x" * 40])).status_code == 404
    link.delete()
    assert client.get(public_url(link)).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_the_dashboard_lists_only_usable_links(client, pk, link, head_user):
    revoked = share_links.create_share_link(actor=head_user, agreement=pk, label="old", expires_on=NOW.date())
    share_links.revoke_share_link(actor=head_user, link=revoked)
    client.force_login(head_user)
    root = html(client.get("/units/inka/performance/2023/dashboard/"))
    assert [el.get("data-share-link") for el in root.iter("tr") if el.get("data-share-link")] == [str(link.pk)]
