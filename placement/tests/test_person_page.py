"""A person's kaderisasi page: role history (ended rows kept) and where they are ready to lead."""

import datetime

from django.urls import reverse

from organisation.models import Membership


def url(nip):
    return reverse("placement_person", args=["inka", nip])


def test_it_shows_the_role_history_and_ready_to_lead_signals(client, placement_unit, head_user, anggota_user):
    employee = anggota_user.employee
    membership = Membership.objects.filter(employee=employee, valid_to__isnull=True).select_related("pokja").first()
    Membership.objects.create(  # an earlier period as wakil, before the demo structure started
        employee=employee,
        pokja=membership.pokja,
        role="wakil",
        valid_from=datetime.date(2022, 1, 3),
        valid_to=datetime.date(2022, 12, 30),
    )
    client.force_login(head_user)
    page = client.get(url(employee.nip)).content.decode()
    assert page.count(f'data-pokja="{membership.pokja.code}" data-role=') == 2  # history and today
    assert 'data-times-led="1"' in page
    assert '<li data-pokja="' in page  # at least one pokja where the profile allows leading


def test_a_person_sees_their_own_page_but_not_a_colleagues(client, placement_unit, anggota_user, ketua_user, outsider):
    client.force_login(anggota_user)
    assert client.get(url(anggota_user.employee.nip)).status_code == 200
    assert client.get(url(ketua_user.employee.nip)).status_code == 403
    client.force_login(outsider)
    assert client.get(url(anggota_user.employee.nip)).status_code == 404
