"""The many-to-many link rows carry their agency whichever way a person makes them: the Django admin (which
edits these fields although they have their own through model) and a page form that saves through a service."""

import datetime

import pytest
from django.urls import reverse

from organisation.models import Employee, Pokja
from organisation.tests.factories import EmployeeFactory
from performance.models import Activity, ActivityResponsible
from performance.tests.factories import IndicatorFactory


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def activity(demo_unit) -> Activity:
    indicator = IndicatorFactory(objective__agreement__unit=demo_unit)
    return Activity.objects.create(indicator=indicator, description="Menyusun laporan triwulan")


def test_an_agency_admin_names_the_people_responsible_for_an_activity(admin_client, activity):
    people = list(Employee.objects.filter(unit=activity.indicator.agreement.unit).order_by("pk")[:2])
    url = reverse("admin:performance_activity_change", args=[activity.pk])
    assert 'name="responsible"' in admin_client.get(url).content.decode()

    response = admin_client.post(
        url,
        {
            "indicator": activity.indicator_id,
            "description": activity.description,
            "responsible": [p.pk for p in people],
        },
    )

    assert response.status_code == 302
    assert set(activity.responsible.all()) == set(people)
    assert set(ActivityResponsible.objects.values_list("agency_id", flat=True)) == {activity.agency_id}


def test_the_admin_refuses_a_person_of_another_agency_and_keeps_the_links(admin_client, activity, other_unit):
    mine = Employee.objects.filter(unit=activity.indicator.agreement.unit).first()
    activity.responsible.set([mine])
    stranger = Employee.objects.get(unit=other_unit)

    response = admin_client.post(
        reverse("admin:performance_activity_change", args=[activity.pk]),
        {"indicator": activity.indicator_id, "description": "Diubah", "responsible": [mine.pk, stranger.pk]},
    )

    assert response.status_code == 200  # the form again, with the error on the field
    assert "responsible" in response.context["adminform"].form.errors
    activity.refresh_from_db()
    assert activity.description == "Menyusun laporan triwulan"
    assert list(activity.responsible.all()) == [mine]


def test_the_admin_offers_the_indicators_pokja_in_the_two_list_selector(admin_client, activity):
    page = admin_client.get(reverse("admin:performance_indicator_change", args=[activity.indicator_id]))
    html = page.content.decode()
    assert 'id="id_pokja"' in html and "selectfilter" in html  # Django's filter widget, as before
    pokja_field = page.context["adminform"].form.fields["pokja"]
    assert set(pokja_field.queryset) == set(Pokja.objects.filter(agency=activity.agency_id))


def test_a_head_plans_an_event_with_attendees_and_values_and_the_links_carry_the_agency(client, head_user, demo_unit):
    from culture import berakhlak
    from culture.models import CoreBehaviour, CoreValue, Event, EventAttendee, EventValue

    berakhlak.load(CoreValue, CoreBehaviour)
    people = list(Employee.objects.filter(unit=demo_unit).order_by("name")[:2])
    values = list(CoreValue.objects.order_by("order")[:2])
    EmployeeFactory(unit=demo_unit)  # one more person of the unit who does not come
    client.force_login(head_user)
    start = datetime.datetime(2024, 8, 16, 13, 30)

    response = client.post(
        reverse("culture_event_new", args=[demo_unit.slug]),
        {
            "kind": "jumat_kolaboratif",
            "title": "Jumat kolaboratif",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "attendees": [person.pk for person in people],
            "values": [value.pk for value in values],
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    event = Event.objects.get(title="Jumat kolaboratif")
    page = client.get(response.url).content.decode()
    assert all(f'data-nip="{person.nip}"' in page for person in people)  # the event page lists them
    assert set(EventAttendee.objects.filter(event=event).values_list("agency_id", flat=True)) == {demo_unit.agency_id}
    assert EventValue.objects.filter(event=event, agency_id=demo_unit.agency_id).count() == 2
