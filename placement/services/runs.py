"""Placement runs: start one (the solver runs in a task), edit its proposal, publish it as memberships."""

import datetime
import time
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation import services as structure_services
from organisation.access import can_manage_unit
from organisation.models import Employee, Membership, Pokja, Unit
from placement import model
from placement.checks import check_plan
from placement.explain import explain
from placement.models import PlacementPin, PlacementRun
from placement.plan import FAILED, INFEASIBLE, Plan
from placement.services.instance import PinSpec, build_instance
from placement.solver import solve

STAGE_PROGRESS = {"checks": 10, "start": 25, "pricing": 40, "incumbent": 60, "explain": 95}
PROGRESS_INTERVAL = 0.5  # seconds between progress writes while the solver improves


def _require_manager(actor, unit: Unit) -> None:
    if not can_manage_unit(actor, unit):
        raise PermissionDenied(_("Only the unit head or an agency admin may plan placements."))


def start_run(
    *,
    actor,
    unit: Unit,
    period_start: datetime.date,
    rolling: bool = True,
    churn_limit: int | None = None,
    time_limit: int = 30,
    pins: list[PinSpec] = (),
) -> PlacementRun:
    """Records a run with its pins and queues the solver once the transaction commits."""
    _require_manager(actor, unit)
    from placement import tasks

    employees = {e.nip: e for e in Employee.objects.filter(unit=unit, nip__in=[p.nip for p in pins])}
    pokja = {p.code: p for p in Pokja.objects.filter(unit=unit, code__in=[p.pokja for p in pins])}
    with transaction.atomic():
        run = PlacementRun.objects.create(
            unit=unit,
            period_start=period_start,
            rolling=rolling,
            churn_limit=churn_limit,
            time_limit=time_limit,
            created_by=actor,
        )
        rows = []
        for pin in pins:
            if pin.nip not in employees or pin.pokja not in pokja or pin.role not in Membership.Role.values:
                raise ValidationError(_("A pin names someone or a pokja outside this unit."))
            rows.append(PlacementPin(run=run, employee=employees[pin.nip], pokja=pokja[pin.pokja], role=pin.role))
        PlacementPin.objects.bulk_create(rows)
        transaction.on_commit(lambda: tasks.run_placement.enqueue(run.pk))
    return run


def run_pins(run: PlacementRun) -> list[PinSpec]:
    return [PinSpec(pin.employee.nip, pin.pokja.code, pin.role) for pin in run.pins.select_related("employee", "pokja")]


def execute_run(run_id: int) -> PlacementRun:
    """The task's body: builds the instance, solves it while writing progress, and stores the proposal."""
    run = PlacementRun.objects.select_related("unit").get(pk=run_id)
    run.status, run.progress, run.progress_text = PlacementRun.Status.RUNNING, 5, "instance"
    run.save(update_fields=["status", "progress", "progress_text"])
    last = {"at": 0.0, "stage": ""}

    def progress(stage: str, figures: dict) -> None:
        now = time.monotonic()
        if stage == last["stage"] and now - last["at"] < PROGRESS_INTERVAL:
            return
        last.update(at=now, stage=stage)
        PlacementRun.objects.filter(pk=run_id).update(progress=STAGE_PROGRESS.get(stage, 50), progress_text=stage)

    try:
        instance = build_instance(
            run.unit,
            period_start=run.period_start,
            rolling=run.rolling,
            churn_limit=run.churn_limit,
            pins=run_pins(run),
            time_limit=run.time_limit,
        )
        run.instance = instance.to_json()
        plan = solve(instance, progress=progress)
    except Exception as error:  # noqa: BLE001 - the page must show the failure, not spin for ever
        run.status, run.progress_text = PlacementRun.Status.FAILED, str(error)[:255]
        run.progress, run.finished_at = 100, timezone.now()
        run.save(update_fields=["status", "progress", "progress_text", "instance", "finished_at"])
        return run
    run.result = plan.to_json()
    run.status = {INFEASIBLE: PlacementRun.Status.INFEASIBLE, FAILED: PlacementRun.Status.FAILED}.get(
        plan.status, PlacementRun.Status.PROPOSED
    )
    run.progress, run.progress_text, run.finished_at = 100, "done", timezone.now()
    run.save(update_fields=["status", "progress", "progress_text", "instance", "result", "finished_at"])
    return run


def plan_of(run: PlacementRun) -> Plan | None:
    return Plan.from_json(run.result) if run.result else None


def instance_of(run: PlacementRun) -> model.Instance | None:
    return model.Instance.from_json(run.instance) if run.instance else None


@transaction.atomic
def edit_proposal(*, actor, run: PlacementRun, nip: str, pokja: str, role: str, from_pokja: str = "") -> Plan:
    """Places ``nip`` in ``pokja`` as ``role`` ("" removes them), moving them out of ``from_pokja`` if given.
    A new ketua or wakil takes the role from whoever held it, who stays as anggota. The score is recomputed
    and the hard rules checked; a plan that breaks one is kept, but cannot be published until fixed."""
    _require_manager(actor, run.unit)
    run = PlacementRun.objects.select_for_update().get(pk=run.pk)
    if run.status != PlacementRun.Status.PROPOSED:
        raise ValidationError(_("Only a proposal that is not yet published can be edited."))
    instance, plan = instance_of(run), plan_of(run)
    people = {p.id for p in instance.people}
    codes = {k.code for k in instance.pokja}
    if nip not in people or pokja not in codes or (from_pokja and from_pokja not in codes):
        raise ValidationError(_("Choose a person and a pokja of this unit."))
    if role and role not in model.ROLES:
        raise ValidationError(_("Choose ketua, wakil, anggota or remove."))
    leaving = {pokja, from_pokja} - {""}
    assignments = [a for a in plan.assignments if not (a.person == nip and a.pokja in leaving)]
    if role in model.LEADING:
        assignments = [
            model.Assignment(a.person, a.pokja, model.ANGGOTA) if (a.pokja, a.role) == (pokja, role) else a
            for a in assignments
        ]
    if role:
        assignments.append(model.Assignment(nip, pokja, role))
    return _store(run, instance, plan, assignments)


def _store(run: PlacementRun, instance: model.Instance, plan: Plan, assignments) -> Plan:
    scores = model.Scores(instance)
    if plan.original_objective is None:
        plan.original_objective = plan.objective
    plan.placements = explain(instance, scores, assignments)
    plan.objective = model.score(instance, assignments, scores)
    plan.violations = check_plan(instance, assignments)
    plan.churn = model.churn(instance, assignments) if instance.current() else None
    run.result = plan.to_json()
    run.save(update_fields=["result"])
    return plan


@dataclass
class Published:
    kept: int
    ended: int
    added: int


def publish(*, actor, run: PlacementRun) -> Published:
    """Turns the proposal into memberships: those that change end the day before the period starts, the new
    ones start on it, unchanged ones run on. All or nothing, and only while the structure is the one planned."""
    _require_manager(actor, run.unit)
    with transaction.atomic():
        run = PlacementRun.objects.select_for_update().select_related("unit").get(pk=run.pk)
        if run.status != PlacementRun.Status.PROPOSED:
            raise ValidationError(_("Only a proposal can be published, and only once."))
        instance, plan = instance_of(run), plan_of(run)
        problems = check_plan(instance, plan.assignments)
        if problems:
            raise ValidationError([p.text() for p in problems])
        day_before = run.period_start - datetime.timedelta(days=1)
        nips = [p.id for p in instance.people]
        current = list(
            Membership.objects.at(day_before)
            .filter(pokja__unit=run.unit, employee__nip__in=nips)
            .select_related("employee", "pokja__unit")
        )
        if {(m.employee.nip, m.pokja.code, m.role) for m in current} != {
            (a.person, a.pokja, a.role) for a in instance.current()
        }:
            raise ValidationError(_("The structure changed after this run was started; start a new run."))
        if Membership.objects.filter(pokja__unit=run.unit, employee__nip__in=nips, valid_from__gt=day_before).exists():
            raise ValidationError(_("Some memberships already start on or after the period start; end them first."))
        planned = {(a.person, a.pokja): a.role for a in plan.assignments}
        kept = set()
        ended = 0
        for membership in current:
            key = (membership.employee.nip, membership.pokja.code)
            if planned.get(key) == membership.role and membership.valid_to is None:
                kept.add(key)
                continue
            structure_services.end_membership(actor=actor, membership=membership, last_day=day_before)
            ended += 1
        employees = {e.nip: e for e in Employee.objects.filter(unit=run.unit, nip__in=nips)}
        pokja = {p.code: p for p in Pokja.objects.filter(unit=run.unit).select_related("unit")}
        added = 0
        for (nip, code), role in sorted(planned.items()):
            if (nip, code) in kept:
                continue
            structure_services.add_membership(
                actor=actor, employee=employees[nip], pokja=pokja[code], role=role, valid_from=run.period_start
            )
            added += 1
        run.status, run.published_by, run.published_at = PlacementRun.Status.PUBLISHED, actor, timezone.now()
        run.save(update_fields=["status", "published_by", "published_at"])
    return Published(kept=len(kept), ended=ended, added=added)
