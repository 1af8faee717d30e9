"""Property-based: over random small units, every plan the solver returns keeps every hard rule, and every
instance it cannot plan names the rules that conflict."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from placement import greedy
from placement.checks import check_plan
from placement.messages import TEXTS
from placement.model import KETUA, Assignment, Scores, churn, score
from placement.plan import FEASIBLE, INFEASIBLE, OPTIMAL
from placement.solver import solve
from placement.tests.instances import instances

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(st.one_of(instances(), instances(roomy=True)))
def test_it_returns_only_plans_that_keep_every_hard_rule(instance):
    plan = solve(instance)
    assert plan.status in (OPTIMAL, FEASIBLE, INFEASIBLE)
    if plan.status == INFEASIBLE:
        assert plan.conflicts, "an infeasible instance must name a rule"
        assert all(c.code in TEXTS and c.text() for c in plan.conflicts)
        return
    assert check_plan(instance, plan.assignments) == []
    assert abs(plan.objective - score(instance, plan.assignments)) < 1e-6
    assert plan.bound >= plan.objective - 1e-6


@PROPERTY
@given(instances(roomy=True))
def test_it_keeps_pins_rolling_and_the_churn_limit(instance):
    plan = solve(instance)
    if plan.status == INFEASIBLE:
        return
    placed = set(plan.assignments)
    for pin in instance.rules.pins:
        assert Assignment(pin.person, pin.pokja, pin.role) in placed
    if instance.rules.rolling:
        pinned = {(p.person, p.pokja) for p in instance.rules.pins if p.role == KETUA}
        people = {p.id: p for p in instance.people}
        for a in plan.assignments:
            if a.role == KETUA and (a.person, a.pokja) not in pinned:
                assert people[a.person].previous_roles.get(a.pokja) != KETUA
    allowance = instance.churn_allowance()
    if allowance is not None:
        assert churn(instance, plan.assignments) <= allowance
        assert plan.churn == churn(instance, plan.assignments)


@PROPERTY
@given(instances(roomy=True))
def test_it_never_scores_below_a_valid_greedy_plan(instance):
    plan = solve(instance)
    scores = Scores(instance) if instance.available else None
    if plan.status == INFEASIBLE or scores is None:
        return
    start = greedy.plan(instance, scores)
    if not check_plan(instance, start):
        assert plan.objective >= score(instance, start, scores) - 1e-6
