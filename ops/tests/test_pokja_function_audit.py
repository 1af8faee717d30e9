"""Changes to the pokja ↔ function (tusi) links appear on the audit page: who, when, the function numbers
before → after; whichever side changed them (API, admin, code), and after the pokja itself is gone."""

import pytest
from django.test import Client
from django.urls import reverse

from ops.models import PokjaFunctionChange
from organisation.models import Function, Pokja

pytestmark = pytest.mark.usefixtures("english_messages")
LABEL = "functions (tusi)"


def client_for(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def pokja_entries(client: Client, code: str, **params) -> list:
    response = client.get(reverse("unit_audit", args=["inka"]), {"kind": "structure", **params})
    assert response.status_code == 200
    entries = response.context["entries"]
    return [e for e in entries if e.subject == f"Pokja {code}" and e.changes and e.changes[0][0] == LABEL]


@pytest.fixture
def pak(demo_unit) -> Pokja:
    return Pokja.objects.get(unit=demo_unit, code="PAK")


def numbers(unit, *values) -> list[int]:
    return [Function.objects.get(unit=unit, number=n).pk for n in values]


def test_it_shows_who_changed_a_pokjas_functions_and_old_to_new(head_user, pak):
    head = client_for(head_user)
    response = head.patch(
        f"/api/v1/pokja/{pak.pk}/", {"functions": numbers(pak.unit, 9, 11, 12)}, content_type="application/json"
    )
    assert response.status_code == 200

    page = head.get(reverse("unit_audit", args=["inka"]), {"kind": "structure"})
    newest = pokja_entries(head, "PAK")[0]

    assert newest.who == (head_user.get_full_name() or head_user.username)
    assert newest.changes == [(LABEL, "9, 11", "9, 11, 12")]
    html = page.content.decode()
    assert '<span class="old">9, 11</span> → <span class="new">9, 11, 12</span>' in html


def test_a_change_from_the_functions_side_without_a_request_is_the_systems(head_user, pak):
    Function.objects.get(unit=pak.unit, number=11).pokja.remove(pak)

    newest = pokja_entries(client_for(head_user), "PAK")[0]

    assert newest.who == "system"
    assert newest.changes == [(LABEL, "9, 11", "9")]


def test_saving_the_same_functions_records_nothing(pak):
    before = PokjaFunctionChange.objects.filter(pokja=pak).count()  # the demo's own set-up: "—" → "9, 11"

    pak.functions.set(numbers(pak.unit, 9, 11))
    pak.functions.add(*numbers(pak.unit, 9))

    assert PokjaFunctionChange.objects.filter(pokja=pak).count() == before == 1


def test_the_history_outlives_a_deleted_pokja_and_filters_by_user(head_user, admin_user, demo_unit):
    pokja = Pokja.objects.create(unit=demo_unit, code="TMP", name="Pokja Sementara")
    pokja.functions.add(*numbers(demo_unit, 1, 2))
    pokja._history_user = admin_user  # a service names its actor the way simple-history reads it
    pokja.functions.remove(*numbers(demo_unit, 2))
    pokja.delete()

    head = client_for(head_user)
    entries = pokja_entries(head, "TMP")

    assert [entry.changes for entry in entries] == [[(LABEL, "1, 2", "1")], [(LABEL, "—", "1, 2")]]
    assert [entry.who for entry in entries] == [admin_user.get_full_name() or admin_user.username, "system"]
    assert len(pokja_entries(head, "TMP", username=admin_user.username)) == 1
    assert pokja_entries(head, "TMP", username=head_user.username) == []


def test_another_agency_never_sees_the_changes(outsider, pak):
    pak.functions.add(*numbers(pak.unit, 1))

    response = client_for(outsider).get(reverse("unit_audit", args=["inka"]))

    assert response.status_code == 404
