"""Two managers ending the same membership: the one who read an older version gets a 409 with a conflict
message and changes nothing (optimistic concurrency on ``Membership.version``); history records each change."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from organisation import services
from organisation.models import Membership, Pokja
from organisation.tests.api import api_as

CONFLICT = "Someone changed this since you opened it"


pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture
def member(demo_unit) -> Membership:
    pak = Pokja.objects.get(unit=demo_unit, code="PAK")
    return Membership.objects.filter(pokja=pak, role=Membership.Role.ANGGOTA)[0]


def test_it_refuses_a_patch_made_from_a_stale_version(head_user, admin_user, member):
    head, admin = api_as(head_user), api_as(admin_user)
    url = f"/api/v1/memberships/{member.pk}/"
    read_by_head, read_by_admin = head.get(url).json()["version"], admin.get(url).json()["version"]
    assert read_by_head == read_by_admin == 1

    first = head.patch(url, {"valid_to": "2024-06-30", "version": read_by_head}, format="json")
    assert first.status_code == 200 and first.json()["version"] == 2
    second = admin.patch(url, {"valid_to": "2025-12-31", "version": read_by_admin}, format="json")

    assert second.status_code == 409
    assert CONFLICT in second.json()["detail"]
    member.refresh_from_db()
    assert (member.valid_to, member.version) == (datetime.date(2024, 6, 30), 2)
    assert admin.patch(url, {"valid_to": "2025-12-31", "version": 2}, format="json").status_code == 200


def test_it_refuses_the_end_action_with_a_stale_version(head_user, admin_user, member):
    url = f"/api/v1/memberships/{member.pk}/end/"
    assert api_as(head_user).post(url, {"last_day": "2024-06-30", "version": 1}, format="json").status_code == 200

    response = api_as(admin_user).post(url, {"last_day": "2025-12-31", "version": 1}, format="json")

    assert response.status_code == 409 and CONFLICT in response.json()["detail"]
    member.refresh_from_db()
    assert member.valid_to == datetime.date(2024, 6, 30)


def test_it_refuses_a_stale_version_in_the_service_and_records_who_changed_what(head_user, admin_user, member):
    stale = Membership.objects.get(pk=member.pk)
    services.end_membership(actor=head_user, membership=member, last_day=datetime.date(2024, 6, 30), version=1)

    with pytest.raises(ValidationError) as refused:
        services.end_membership(actor=admin_user, membership=stale, last_day=datetime.date(2025, 1, 1), version=1)

    assert refused.value.code == "conflict"
    latest = member.history.first()
    assert (latest.valid_to, latest.version, latest.history_type) == (datetime.date(2024, 6, 30), 2, "~")
