"""The what-if page: pick who leaves, see what breaks and the suggested repair."""

from django.urls import reverse

from organisation.models import Membership

URL = reverse("placement_whatif", args=["inka"])


def test_the_head_sees_lost_leaders_and_a_repair(client, placement_unit, head_user):
    ketua = Membership.objects.select_related("employee").get(pokja__code="PPA", role="ketua", valid_to__isnull=True)
    client.force_login(head_user)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"at": "2026-12-01", "employees": [ketua.employee.nip]})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<div class="impact" data-pokja="PPA">' in page and 'data-loss="ketua"' in page
    assert 'id="whatif-repair" data-status="optimal"' in page
    assert 'data-pokja="PPA" data-after="ketua"' in page  # someone takes over as ketua


def test_what_if_is_for_managers_only(client, placement_unit, anggota_user, outsider):
    data = {"at": "2026-12-01", "employees": []}
    assert client.post(URL, data).status_code == 302
    client.force_login(outsider)
    assert client.post(URL, data).status_code == 404
    client.force_login(anggota_user)
    assert client.post(URL, data).status_code == 403
