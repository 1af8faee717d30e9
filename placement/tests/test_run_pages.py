"""The run pages: start a run, follow its progress (htmx polling), read, edit and publish the proposal."""

import datetime

import pytest
from django.urls import reverse

from organisation.models import Membership
from placement.models import PlacementRun
from placement.services import runs

PERIOD = "2027-01-01"


@pytest.fixture
def run(placement_unit, head_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        started = runs.start_run(
            actor=head_user, unit=placement_unit, period_start=datetime.date(2027, 1, 1), rolling=True, churn_limit=60
        )
    started.refresh_from_db()
    return started


def url(name, *args):
    return reverse(name, args=["inka", *args])


def test_the_home_page_lists_runs_in_a_fixed_number_of_queries(client, run, head_user, django_assert_num_queries):
    client.force_login(head_user)
    # session, user, unit, the user's employee (is the user the head?), runs with their creators
    with django_assert_num_queries(5):
        response = client.get(url("placement_home"))
    assert f'data-run="{run.pk}" data-status="proposed"' in response.content.decode()


def test_starting_a_run_shows_a_proposal_with_reasons_and_an_optimality_statement(
    client, placement_unit, head_user, django_capture_on_commit_callbacks
):
    client.force_login(head_user)
    client.cookies["django_language"] = "en"
    keep = (
        Membership.objects.filter(pokja__code="PJD", role="wakil", valid_to__isnull=True)
        .select_related("employee")
        .get()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("placement_run_new"),
            {"period_start": PERIOD, "rolling": "on", "churn_limit": "50", "time_limit": "20", "keep": [str(keep.pk)]},
        )
    run = PlacementRun.objects.get()
    assert response.status_code == 302 and response.url == url("placement_run", run.pk)
    page = client.get(response.url).content.decode()
    assert 'data-status="optimal"' in page and "Proven optimal" in page
    assert f'data-nip="{keep.employee.nip}" data-pokja="PJD" data-role="wakil"' in page  # the pin held
    assert "competency fit" in page and 'id="proposal-orbit"' in page and 'id="publish"' in page


def test_progress_is_a_partial_that_polls_until_the_run_ends(client, placement_unit, head_user):
    client.force_login(head_user)
    run = PlacementRun.objects.create(
        unit=placement_unit,
        period_start=datetime.date(2027, 1, 1),
        status="running",
        progress=40,
        progress_text="pricing",
    )
    response = client.get(url("placement_run", run.pk), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'data-progress="40"' in body and 'hx-trigger="every 1s"' in body and "<html" not in body
    assert "HX-Refresh" not in response
    PlacementRun.objects.filter(pk=run.pk).update(status="proposed", progress=100, progress_text="done")
    response = client.get(url("placement_run", run.pk), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true" and "hx-trigger" not in response.content.decode()


def test_editing_through_the_page_changes_the_role_and_the_score(client, run, head_user):
    client.force_login(head_user)
    plan = runs.plan_of(run)
    anggota = next(a for a in plan.assignments if a.pokja == "PDI" and a.role == "anggota")
    response = client.post(url("placement_run_edit", run.pk), {"nip": anggota.person, "pokja": "PDI", "role": "wakil"})
    assert response.status_code == 302
    page = client.get(url("placement_run", run.pk)).content.decode()
    assert f'data-nip="{anggota.person}" data-pokja="PDI" data-role="wakil"' in page
    assert runs.plan_of(PlacementRun.objects.get(pk=run.pk)).objective != plan.objective
    assert f'data-objective="{runs.plan_of(PlacementRun.objects.get(pk=run.pk)).objective:.2f}"' in page


def test_publishing_through_the_page_goes_to_the_orbit_of_the_new_period(client, run, head_user):
    client.force_login(head_user)
    response = client.post(url("placement_run_publish", run.pk))
    assert response.status_code == 302 and response.url == f"{reverse('orbit', args=['inka'])}?at={PERIOD}"
    assert Membership.objects.filter(valid_from=datetime.date(2027, 1, 1)).exists()
    page = client.get(url("placement_run", run.pk)).content.decode()
    assert 'id="published"' in page and 'id="publish"' not in page


@pytest.mark.parametrize(
    "name, method", [("placement_run", "get"), ("placement_run_edit", "post"), ("placement_run_publish", "post")]
)
def test_run_pages_are_for_managers_only(client, run, anggota_user, ketua_user, outsider, name, method):
    target = url(name, run.pk)
    data = {"nip": runs.plan_of(run).assignments[0].person, "pokja": "PAK", "role": "anggota"}
    response = getattr(client, method)(target, data)
    assert response.status_code == 302 and "/accounts/login/" in response.url  # anonymous
    for user, status in ((outsider, 404), (anggota_user, 403), (ketua_user, 403)):
        client.force_login(user)
        assert getattr(client, method)(target, data).status_code == status
    assert PlacementRun.objects.get(pk=run.pk).status == "proposed"


def test_starting_a_run_is_for_managers_only(client, placement_unit, anggota_user, outsider, admin_user):
    data = {"period_start": PERIOD, "time_limit": "10"}
    assert client.post(url("placement_run_new"), data).status_code == 302
    client.force_login(outsider)
    assert client.post(url("placement_run_new"), data).status_code == 404
    client.force_login(anggota_user)
    assert client.post(url("placement_run_new"), data).status_code == 403
    assert not PlacementRun.objects.exists()
    client.force_login(admin_user)
    assert client.get(url("placement_run_new")).status_code == 200  # an admin has no employee record
    assert client.post(url("placement_run_new"), data).status_code == 302
    assert PlacementRun.objects.get().created_by == admin_user
