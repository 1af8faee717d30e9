"""The culture overview, a person's and a pokja's culture pages, and the pact list: access and query counts."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from culture.services import pacts
from organisation import demo
from organisation.models import User
from organisation.tests.factories import UserFactory

KOMANG = demo.demo_nip(0, "2")
TEXT = "Saya berjanji menjaga integritas."


def test_the_pages_need_a_sign_in_and_are_hidden_from_outsiders(client, demo_unit, outsider):
    urls = [
        reverse("culture_overview", args=[demo_unit.slug]),
        reverse("culture_person", args=[demo_unit.slug, KOMANG]),
        reverse("culture_pokja", args=[demo_unit.slug, "PAK"]),
        reverse("culture_pacts", args=[demo_unit.slug]),
        reverse("culture_awards", args=[demo_unit.slug]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 404


def test_an_anggota_sees_the_overview(client, demo_unit, anggota_user):
    client.force_login(anggota_user)
    response = client.get(reverse("culture_overview", args=[demo_unit.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("culture_calendar", args=[demo_unit.slug]) in html
    assert reverse("culture_pokja", args=[demo_unit.slug, "PAK"]) in html  # every pokja's culture page


def test_pact_signatures_on_a_persons_page_are_for_that_person_and_managers(
    client, demo_unit, head_user, ketua_user, anggota_user
):
    pact = pacts.create_pact(actor=head_user, unit=demo_unit, purpose="individual", title="Pakta 2024", text=TEXT)
    pacts.sign_pact(actor=ketua_user, pact=pact)
    url = reverse("culture_person", args=[demo_unit.slug, KOMANG])
    for user, sees in [(ketua_user, True), (head_user, True), (anggota_user, False)]:
        client.force_login(user)
        html = client.get(url).content.decode()
        assert ('id="signatures"' in html) is sees, user.username


def test_an_unknown_person_or_pokja_is_404(client, demo_unit, anggota_user):
    client.force_login(anggota_user)
    assert client.get(reverse("culture_person", args=[demo_unit.slug, "199901012020011001"])).status_code == 404
    assert client.get(reverse("culture_pokja", args=[demo_unit.slug, "NOPE"])).status_code == 404


def test_the_pact_list_takes_a_fixed_number_of_queries(client, demo_unit, head_user, anggota_user):
    for n in range(5):
        pact = pacts.create_pact(actor=head_user, unit=demo_unit, purpose="individual", title=f"Pakta {n}", text=TEXT)
        pacts.sign_pact(actor=anggota_user, pact=pact)
    client.force_login(anggota_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("culture_pacts", args=[demo_unit.slug]))
    assert [row["signed"] for row in response.context["rows"]] == [True] * 5
    # session, user, unit, can_manage's employee, pacts, their versions (prefetch), my signatures
    assert len(queries) == 7


def test_an_external_stakeholder_account_sees_no_culture_page(client, demo_unit):
    requester = UserFactory(agency=demo_unit.agency, role=User.Role.STAKEHOLDER)
    client.force_login(requester)
    assert client.get(reverse("culture_overview", args=[demo_unit.slug])).status_code == 404
    assert client.get(reverse("culture_awards", args=[demo_unit.slug])).status_code == 404
