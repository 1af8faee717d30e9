"""An operator (superuser without an agency) sees a unit's calendar, but gets no feed address: a feed token row
carries an agency, and an operator has none."""

from django.urls import reverse

from culture.models import CalendarToken
from organisation.tests.factories import UserFactory


def test_an_operator_sees_the_calendar_without_a_feed_address(client, demo_unit):
    operator = UserFactory(username="operator", is_superuser=True, is_staff=True)
    client.force_login(operator)
    page = client.get(reverse("culture_calendar", args=[demo_unit.slug]))
    assert page.status_code == 200
    assert page.context["feed_url"] is None
    assert b'id="subscribe"' not in page.content and b'id="feed-url"' not in page.content
    # Asking for a new address changes nothing and makes no row.
    response = client.post(reverse("culture_feed_reset", args=[demo_unit.slug]))
    assert response.status_code == 302
    assert not CalendarToken.objects.filter(user=operator).exists()


def test_a_member_still_gets_the_subscription_box(client, demo_unit, anggota_user):
    client.force_login(anggota_user)
    page = client.get(reverse("culture_calendar", args=[demo_unit.slug]))
    assert b'id="subscribe"' in page.content
    assert CalendarToken.objects.get(user=anggota_user).agency_id == demo_unit.agency_id
