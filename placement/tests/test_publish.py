"""Editing a proposal (score recomputed, rules checked) and publishing it as dated memberships."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from organisation.models import Membership
from organisation.selectors import structure
from placement.models import PlacementRun
from placement.services import runs

PERIOD = datetime.date(2027, 1, 1)
DAY_BEFORE = datetime.date(2026, 12, 31)


@pytest.fixture
def run(placement_unit, head_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        started = runs.start_run(
            actor=head_user, unit=placement_unit, period_start=PERIOD, rolling=True, churn_limit=60
        )
    started.refresh_from_db()
    assert started.status == PlacementRun.Status.PROPOSED
    return started


def roles_in(plan, code):
    return {a.person: a.role for a in plan.assignments if a.pokja == code}


def test_a_new_ketua_takes_the_role_and_the_score_is_recomputed(run, head_user):
    before = runs.plan_of(run)
    members = roles_in(before, "PDI")
    old_ketua = next(nip for nip, role in members.items() if role == "ketua")
    newcomer = next(nip for nip, role in members.items() if role == "anggota")
    plan = runs.edit_proposal(actor=head_user, run=run, nip=newcomer, pokja="PDI", role="ketua")
    assert roles_in(plan, "PDI")[newcomer] == "ketua" and roles_in(plan, "PDI")[old_ketua] == "anggota"
    assert plan.objective != before.objective and plan.original_objective == before.objective
    assert plan.statement().startswith("Edited by hand")
    run.refresh_from_db()
    assert runs.plan_of(run).objective == plan.objective  # stored


def test_an_edit_that_breaks_a_rule_is_kept_but_blocks_publishing(run, head_user):
    plan = runs.plan_of(run)
    ketua = next(a for a in plan.assignments if a.pokja == "PAK" and a.role == "ketua")
    plan = runs.edit_proposal(actor=head_user, run=run, nip=ketua.person, pokja="PAK", role="")
    assert "ketua_count" in {v.code for v in plan.violations}
    with pytest.raises(ValidationError, match="PAK has 0 ketua"):
        runs.publish(actor=head_user, run=run)
    assert not Membership.objects.filter(valid_from=PERIOD).exists()


def test_a_move_leaves_one_pokja_for_another(run, head_user):
    plan = runs.plan_of(run)
    mover = next(a for a in plan.assignments if a.role == "anggota")
    target = next(k.code for k in runs.instance_of(run).pokja if mover.person not in roles_in(plan, k.code))
    plan = runs.edit_proposal(
        actor=head_user, run=run, nip=mover.person, pokja=target, role="anggota", from_pokja=mover.pokja
    )
    assert mover.person not in roles_in(plan, mover.pokja) and roles_in(plan, target)[mover.person] == "anggota"


def test_publishing_ends_changed_memberships_the_day_before_and_starts_new_ones(run, head_user, placement_unit):
    plan = runs.plan_of(run)
    before_ids = set(Membership.objects.values_list("pk", flat=True))
    open_before = {
        (m.employee.nip, m.pokja.code, m.role): m.pk
        for m in Membership.objects.filter(valid_to__isnull=True).select_related("employee", "pokja")
    }
    done = runs.publish(actor=head_user, run=run)
    planned = {(a.person, a.pokja, a.role) for a in plan.assignments}
    kept = planned & set(open_before)
    assert done.kept == len(kept) and done.added == len(planned - kept) and done.ended == len(open_before) - len(kept)
    # History intact: every earlier row is still there; the ones that changed ended the day before.
    assert before_ids <= set(Membership.objects.values_list("pk", flat=True))
    for key, pk in open_before.items():
        membership = Membership.objects.get(pk=pk)
        assert membership.valid_to == (None if key in kept else DAY_BEFORE)
    assert set(Membership.objects.filter(valid_from=PERIOD).values_list("employee__nip", "pokja__code", "role")) == (
        planned - kept
    )
    after = structure(placement_unit, PERIOD)
    assert {(m.employee.nip, v.pokja.code, m.role) for v in after.pokja for m in v.memberships} == planned
    before = structure(placement_unit, DAY_BEFORE)
    assert {(m.employee.nip, v.pokja.code, m.role) for v in before.pokja for m in v.memberships} == set(open_before)
    run.refresh_from_db()
    assert run.status == PlacementRun.Status.PUBLISHED and run.published_by == head_user
    with pytest.raises(ValidationError):
        runs.publish(actor=head_user, run=run)  # only once
    with pytest.raises(ValidationError):
        runs.edit_proposal(actor=head_user, run=run, nip=next(iter(planned))[0], pokja="PAK", role="anggota")


def test_it_refuses_to_publish_over_a_structure_that_changed_since_the_run(run, head_user):
    membership = Membership.objects.filter(valid_to__isnull=True, role="anggota").first()
    membership.valid_to = datetime.date(2026, 6, 30)
    membership.save()
    with pytest.raises(ValidationError, match="changed after this run"):
        runs.publish(actor=head_user, run=run)


def test_only_managers_edit_or_publish(run, anggota_user, ketua_user):
    nip = runs.plan_of(run).assignments[0].person
    for user in (anggota_user, ketua_user):
        with pytest.raises(PermissionDenied):
            runs.edit_proposal(actor=user, run=run, nip=nip, pokja="PAK", role="anggota")
        with pytest.raises(PermissionDenied):
            runs.publish(actor=user, run=run)
