"""Runs: starting one queues the solver task; the task stores progress and a proposal, or the conflicts."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from organisation.models import Membership
from placement.checks import check_plan
from placement.models import CompetencyLevel, PlacementRun, RequiredCompetency
from placement.services import runs
from placement.services.instance import PinSpec

PERIOD = datetime.date(2027, 1, 1)


def start(actor, unit, **options):
    return runs.start_run(actor=actor, unit=unit, period_start=PERIOD, **options)


def test_it_queues_the_solver_only_once_the_run_is_committed(
    placement_unit, head_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = start(head_user, placement_unit)
    assert run.status == PlacementRun.Status.QUEUED and len(callbacks) == 1
    callbacks[0]()
    run.refresh_from_db()
    assert run.status == PlacementRun.Status.PROPOSED and run.progress == 100


def test_the_task_stores_a_proven_optimal_proposal_that_keeps_every_rule(
    placement_unit, head_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = start(head_user, placement_unit, rolling=True, churn_limit=50)
    run.refresh_from_db()
    plan, instance = runs.plan_of(run), runs.instance_of(run)
    assert plan.status == "optimal" and plan.statement().startswith("Proven optimal")
    assert check_plan(instance, plan.assignments) == []
    assert len(instance.people) == 25  # the head sits at the centre, not in a ring
    assert run.finished_at is not None and run.progress_text == "done"
    ketua_now = {(m.employee.nip, m.pokja.code) for m in Membership.objects.filter(role="ketua", valid_to__isnull=True)}
    assert not ketua_now & {(a.person, a.pokja) for a in plan.assignments if a.role == "ketua"}  # rolling


def test_pins_are_kept_even_against_rolling(placement_unit, head_user, django_capture_on_commit_callbacks):
    ketua = (
        Membership.objects.filter(pokja__code="PAK", role="ketua", valid_to__isnull=True)
        .select_related("employee")
        .get()
    )
    pin = PinSpec(ketua.employee.nip, "PAK", "ketua")
    with django_capture_on_commit_callbacks(execute=True):
        run = start(head_user, placement_unit, rolling=True, pins=[pin])
    run.refresh_from_db()
    assert run.pins.count() == 1
    assert (ketua.employee.nip, "PAK", "ketua") in {(a.person, a.pokja, a.role) for a in runs.plan_of(run).assignments}


def test_an_impossible_run_ends_infeasible_and_names_the_rule(
    placement_unit, head_user, django_capture_on_commit_callbacks
):
    RequiredCompetency.objects.filter(requirement__pokja__code="PJD", competency__code="jaringan").update(critical=True)
    RequiredCompetency.objects.filter(requirement__pokja__code="PJD").exclude(competency__code="jaringan").delete()
    CompetencyLevel.objects.filter(competency__code="jaringan", level__gte=3).update(level=2)
    with django_capture_on_commit_callbacks(execute=True):
        run = start(head_user, placement_unit)
    run.refresh_from_db()
    assert run.status == PlacementRun.Status.INFEASIBLE
    assert [c.code for c in runs.plan_of(run).conflicts] == ["critical_holders"]
    assert "Jaringan Komputer" in runs.plan_of(run).conflicts[0].text()


def test_a_failing_solver_marks_the_run_failed_with_the_reason(
    placement_unit, head_user, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(runs, "build_instance", broken)
    with django_capture_on_commit_callbacks(execute=True):
        run = start(head_user, placement_unit)
    run.refresh_from_db()
    assert run.status == PlacementRun.Status.FAILED and run.progress_text == "disk full"


def test_only_the_head_or_an_admin_may_start_a_run(placement_unit, anggota_user, ketua_user, admin_user, outsider):
    for user in (anggota_user, ketua_user, outsider):
        with pytest.raises(PermissionDenied):
            start(user, placement_unit)
    assert start(admin_user, placement_unit).created_by == admin_user
