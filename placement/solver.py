"""Solving an instance: checks first, then HiGHS, then reasons; a greedy plan when the solver gives none.

Small instances (up to ``FULL_MODEL_PAIRS`` person × pokja pairs) are solved on the full model, so that
"optimal" is HiGHS's proof. Large ones are solved on candidate pairs (each person's best pokja, each
pokja's best leaders, the current structure, pins and the greedy plan) grown by pricing: the LP relaxation
of the candidate model is re-solved until no left-out pair has a positive reduced cost, at which point its
optimum is the LP optimum of the full model, a valid bound for every plan. The MILP on the candidates is then
measured against that bound.
"""

import time
from collections.abc import Callable

import numpy as np

from placement import greedy
from placement.checks import check_plan, diagnose
from placement.explain import explain
from placement.messages import Message
from placement.milp import Model, run_highs
from placement.model import Assignment, Instance, Scores, churn
from placement.plan import FAILED, FEASIBLE, HEURISTIC, INFEASIBLE, OPTIMAL, Plan
from placement.pricing import PricedLp, candidate_pairs, price

GROUPS = ("leaders", "pokja_size", "person_range", "critical", "pins", "rolling", "churn")
FULL_MODEL_PAIRS = 60_000
PRICING_ROUNDS = 30
DIAGNOSIS_TIME_LIMIT = 10.0
OPTIMAL_GAP = 1e-4  # HiGHS's default tolerance for "optimal"

# Called with a stage ("checks", "start", "pricing", "incumbent", "explain") and figures for it.
Progress = Callable[[str, dict], None]


def _quiet(_stage: str, _figures: dict) -> None:
    pass


def solve(instance: Instance, progress: Progress | None = None, use_solver: bool = True) -> Plan:
    """The best plan for the instance, or the named rules that make a plan impossible."""
    began = time.monotonic()
    progress = progress or _quiet
    progress("checks", {})
    conflicts = diagnose(instance)
    if conflicts:
        return Plan(INFEASIBLE, conflicts=conflicts, seconds=time.monotonic() - began)
    scores = Scores(instance)
    start = greedy.plan(instance, scores)
    progress("start", {"objective": sum(scores.assignment_value(a) for a in start)})
    if not use_solver:
        return _heuristic(instance, scores, start, began, None)
    try:
        if len(scores.people) * len(instance.pokja) <= FULL_MODEL_PAIRS:
            found = _solve_full(instance, scores, start, progress)
        else:
            found = _solve_candidates(instance, scores, start, progress)
    except Exception as error:  # noqa: BLE001 - whatever the solver does wrong, the heuristic still answers
        return _heuristic(instance, scores, start, began, Message("stop_solver_error", {"error": str(error)}))
    status, assignments, bound, note = found
    rules = instance.rules
    if status == "Infeasible":
        return Plan(INFEASIBLE, conflicts=relaxation_diagnosis(instance, scores), seconds=time.monotonic() - began)
    if assignments is None:
        return _heuristic(instance, scores, start, began, Message("stop_no_solution", {"seconds": rules.time_limit}))
    objective = sum(scores.assignment_value(a) for a in assignments)
    plan = Plan(FEASIBLE, objective=objective, bound=max(bound, objective), seconds=time.monotonic() - began)
    if (plan.gap or 0.0) <= min(rules.mip_gap, OPTIMAL_GAP) + 1e-12:
        plan.status = OPTIMAL
    elif note is not None:
        plan.stop = note
    elif status == "Optimal":
        plan.stop = Message("stop_gap_limit", {"gap": 100 * rules.mip_gap})
    elif status == "Time limit reached":
        plan.stop = Message("stop_time_limit", {"seconds": rules.time_limit})
    else:
        plan.stop = Message("stop_interrupted")
    progress("explain", {"objective": objective, "bound": plan.bound})
    return _finish(instance, scores, plan, assignments)


def _solve_full(instance, scores, start, progress):
    model = Model(instance, scores)
    warm = model.solution_vector(start) if not check_plan(instance, start) else None
    rules = instance.rules
    status, x, _objective, bound, _duals = run_highs(
        model, rules.time_limit, rules.mip_gap, rules.threads, warm, progress
    )
    return status, (None if x is None else model.assignments(x)), bound, None


def _solve_candidates(instance, scores, start, progress):
    """Pricing on the LP relaxation, then (if the LP optimum is fractional) the MILP on the priced candidates,
    measured against the LP bound over all pairs."""
    began = time.monotonic()
    rules = instance.rules
    penalty = 100 * (1 + max(float(v.max(initial=0)) for v in scores.value.values()) + rules.keep_weight)
    lp = PricedLp(instance, scores, candidate_pairs(instance, scores, start), penalty, rules.threads, rules.time_limit)
    for round_number in range(1, PRICING_ROUNDS + 1):
        _status, x, lp_bound, _bound, duals = lp.solve()
        if duals is None or x is None:
            return _solve_full(instance, scores, start, progress)
        progress("pricing", {"round": round_number, "bound": lp_bound, "pairs": int(lp.pairs.sum())})
        missing = price(lp.model, duals) & ~lp.pairs
        if not missing.any():
            break
        lp.add(missing)
    else:
        lp_bound = np.inf  # pricing did not converge: no valid bound
    if lp.slack_used(x):  # even the LP over all pairs needs slack: let the full model say why
        return _solve_full(instance, scores, start, progress)
    found = lp.integral_assignments(x)
    if found is not None and np.isfinite(lp_bound):
        return "Optimal", found, lp_bound, None  # the LP optimum is integral: nothing to branch on
    model = Model(instance, scores, lp.pairs)
    warm = model.solution_vector(start) if not check_plan(instance, start) else None
    left = max(1.0, rules.time_limit - (time.monotonic() - began))
    status, x, _objective, _bound, _duals = run_highs(model, left, rules.mip_gap, rules.threads, warm, progress)
    note = Message("stop_candidates", {"pairs": int(lp.pairs.sum())})
    return status, (None if x is None else model.assignments(x)), lp_bound, note


def _heuristic(instance, scores, assignments, began, stop) -> Plan:
    plan = Plan(HEURISTIC, solver="greedy", stop=stop, seconds=time.monotonic() - began)
    plan.objective = sum(scores.assignment_value(a) for a in assignments)
    plan = _finish(instance, scores, plan, assignments)
    if not assignments:
        plan.status = FAILED
    return plan


def _finish(instance: Instance, scores: Scores, plan: Plan, assignments: list[Assignment]) -> Plan:
    plan.placements = explain(instance, scores, assignments)
    plan.violations = check_plan(instance, assignments)
    plan.churn = churn(instance, assignments) if instance.current() else None
    return plan


def relaxation_diagnosis(instance: Instance, scores: Scores) -> list[Message]:
    """Re-solves without one rule group at a time; the groups whose removal gives a plan conflict."""
    found = []
    for group in GROUPS:
        if group == "rolling" and not instance.rules.rolling:
            continue
        if group == "churn" and instance.churn_allowance() is None:
            continue
        if group == "pins" and not instance.rules.pins:
            continue
        model = Model(instance, scores, relax=frozenset({group}), feasibility=True)
        _status, x, _objective, _bound, _duals = run_highs(model, DIAGNOSIS_TIME_LIMIT, 1.0, instance.rules.threads)
        if x is not None:
            found.append(Message("rule_group", {"group": group}))
    return found or [Message("rule_groups_together")]
