"""Infeasible instances name the rule that cannot hold, before solving or by relaxing rule groups."""

from hypothesis import HealthCheck, given, settings

from placement.checks import diagnose
from placement.milp import Model, run_highs
from placement.model import ANGGOTA, KETUA, Instance, Pin, Rules, Scores
from placement.plan import INFEASIBLE, OPTIMAL
from placement.solver import solve
from placement.tests.instances import instances, person, pokja, simple_instance


def codes(plan) -> list[str]:
    return [c.code for c in plan.conflicts]


def test_it_names_a_critical_competency_with_a_single_holder():
    instance = simple_instance(8, 2)
    instance.pokja[0].critical = ["jaringan"]
    for p in instance.people:
        p.levels["jaringan"] = 1
    instance.people[3].levels["jaringan"] = 4
    instance.competency_names = {"jaringan": "Jaringan"}
    plan = solve(instance)
    assert plan.status == INFEASIBLE
    assert codes(plan) == ["critical_holders"]
    assert "critical competency 'Jaringan' has 1 holder(s)" in plan.conflicts[0].text()


def test_it_names_a_pokja_whose_minimum_exceeds_the_available_people():
    instance = simple_instance(6, 2)
    instance.pokja[1].min_members = 5
    instance.pokja[1].max_members = 8
    instance.people[0].available = instance.people[1].available = False
    plan = solve(instance)
    assert "pokja_too_few_people" in codes(plan)
    assert "pokja K1 needs at least 5 members but only 4 people are available" in [c.text() for c in plan.conflicts]


def test_it_names_leaders_needed_beyond_the_available_people():
    plan = solve(simple_instance(5, 3))
    assert "leaders_exceed_people" in codes(plan)
    assert "2×3 = 6 exceed the 5 available people" in " ".join(c.text() for c in plan.conflicts)


def test_it_names_a_churn_limit_below_the_changes_rolling_forces():
    instance = simple_instance(8, 2, rolling=True, churn_limit=10)
    for i, p in enumerate(instance.people):
        p.previous_roles = {"K0": KETUA if i == 0 else ANGGOTA, "K1": KETUA if i == 1 else ANGGOTA}
    plan = solve(instance)
    assert codes(plan) == ["churn_forced"]
    assert "2 ketua rotated" in plan.conflicts[0].text()


def test_it_names_pins_that_contradict_each_other():
    instance = simple_instance(8, 2)
    instance.rules.pins = [Pin("p1", "K0", KETUA), Pin("p1", "K1", KETUA), Pin("p2", "K0", KETUA)]
    assert {"pin_leads_two", "pin_duplicate_role"} <= set(codes(solve(instance)))


def test_it_relaxes_rule_groups_when_no_single_check_explains_it():
    # Pokja K0 holds exactly two people, and the head pins someone there as anggota: no room for both leaders.
    people = [person(f"p{i}") for i in range(6)]
    groups = [pokja("K0", min_members=2, max_members=2), pokja("K1", min_members=2, max_members=6)]
    instance = Instance(people, groups, Rules(min_pokja=1, pins=[Pin("p0", "K0", ANGGOTA)]))
    assert diagnose(instance) == []
    plan = solve(instance)
    assert plan.status == INFEASIBLE
    assert {c.params["group"] for c in plan.conflicts} == {"leaders", "pokja_size", "pins"}
    assert all("conflict with the others" in c.text() for c in plan.conflicts)


def test_it_solves_the_same_instance_once_the_pin_goes():
    people = [person(f"p{i}") for i in range(6)]
    groups = [pokja("K0", min_members=2, max_members=2), pokja("K1", min_members=2, max_members=6)]
    assert solve(Instance(people, groups, Rules(min_pokja=1))).status == OPTIMAL


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_every_condition_it_names_before_solving_is_really_necessary(instance):
    available = {p.id for p in instance.available}
    if any(pin.person not in available for pin in instance.rules.pins):
        return  # the model just drops a pin on someone unavailable: only the checks can say it is impossible
    named = {c.code for c in diagnose(instance)}
    if not named or not available:
        return
    model = Model(instance, Scores(instance))
    status, x, _objective, _bound, _duals = run_highs(model, 10, 1.0, 1)
    assert status == "Infeasible" and x is None, f"{named} named, but the model has a plan"
