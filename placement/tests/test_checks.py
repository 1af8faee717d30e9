"""check_plan, the independent referee of every plan: each hard rule it must catch, on hand-made plans."""

from placement.checks import check_plan
from placement.model import ANGGOTA, KETUA, WAKIL, Assignment, Pin
from placement.tests.instances import simple_instance


def valid_plan() -> list[Assignment]:
    """p0 ketua / p1 wakil / p2, p3 anggota of K0; p4 ketua / p5 wakil / p6, p7 anggota of K1; p0-p3 also in K1,
    p4-p7 also in K0."""
    plan = [Assignment("p0", "K0", KETUA), Assignment("p1", "K0", WAKIL), Assignment("p4", "K1", KETUA)]
    plan += [Assignment("p5", "K1", WAKIL)]
    plan += [Assignment(f"p{i}", "K0", ANGGOTA) for i in (2, 3, 4, 5, 6, 7)]
    plan += [Assignment(f"p{i}", "K1", ANGGOTA) for i in (0, 1, 2, 3, 6, 7)]
    return plan


def broken(plan, problems) -> set[str]:
    return {p.code for p in problems}


def test_it_accepts_a_plan_that_keeps_every_rule():
    instance = simple_instance(8, 2)
    instance.pokja[0].max_members = instance.pokja[1].max_members = 8
    assert check_plan(instance, valid_plan()) == []


def test_it_catches_a_missing_or_second_ketua_and_wakil():
    instance = simple_instance(8, 2)
    plan = [a for a in valid_plan() if a != Assignment("p0", "K0", KETUA)] + [Assignment("p0", "K0", ANGGOTA)]
    plan = [a for a in plan if a != Assignment("p6", "K1", ANGGOTA)] + [Assignment("p6", "K1", WAKIL)]
    assert broken(plan, check_plan(instance, plan)) >= {"ketua_count", "wakil_count"}


def test_it_catches_pokja_sizes_and_person_ranges():
    instance = simple_instance(8, 2)
    instance.pokja[0].max_members = 7
    instance.rules.min_pokja = 2
    plan = [a for a in valid_plan() if a != Assignment("p7", "K1", ANGGOTA)]
    problems = check_plan(instance, plan)
    assert broken(plan, problems) == {"pokja_size", "person_range"}
    assert "pokja K0 has 8 members; it needs between 2 and 7" in [p.text() for p in problems]


def test_it_catches_someone_leading_two_pokja_or_holding_two_roles():
    instance = simple_instance(8, 2)
    plan = valid_plan() + [Assignment("p0", "K1", WAKIL)]
    assert {"leads_two", "two_roles"} <= broken(plan, check_plan(instance, plan))


def test_it_catches_critical_gaps_unavailable_people_and_broken_pins():
    instance = simple_instance(8, 2)
    instance.pokja[0].critical = ["statistik"]
    for p in instance.people:
        p.levels["statistik"] = 1
    instance.people[7].available = False
    instance.rules.pins = [Pin("p3", "K0", WAKIL)]
    problems = broken(None, check_plan(instance, valid_plan()))
    assert {"critical_cover", "unavailable", "pin_broken"} <= problems


def test_it_catches_a_ketua_kept_under_rolling_and_too_much_churn():
    instance = simple_instance(8, 2, rolling=True, churn_limit=10)
    for p in instance.people:
        p.previous_roles = {"K0": ANGGOTA}
    instance.people[0].previous_roles = {"K0": KETUA}
    problems = check_plan(instance, valid_plan())
    assert broken(None, problems) >= {"rolling", "churn"}
    instance.rules.pins = [Pin("p0", "K0", KETUA)]  # the head may keep a ketua by pinning
    assert "rolling" not in broken(None, check_plan(instance, valid_plan()))
