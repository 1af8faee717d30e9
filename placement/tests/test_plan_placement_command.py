"""``manage.py plan_placement``: the documented JSON in, a plan out; infeasible instances fail loudly."""

import json

import pytest
from django.core.management import CommandError, call_command

from placement.checks import check_plan
from placement.generate import random_instance
from placement.model import Instance
from placement.plan import Plan
from placement.solver import solve
from placement.tests.instances import simple_instance

README_EXAMPLE = {
    "competencies": [{"code": "jaringan", "name": "Jaringan"}],
    "people": [
        {"id": f"19870101201001100{i}", "levels": {"jaringan": 3 if i < 3 else 1}, "previous_roles": {}}
        for i in range(6)
    ],
    "pokja": [
        {"code": "PJD", "min_members": 4, "max_members": 9, "weights": {"jaringan": 3}, "critical": ["jaringan"]}
    ],
    "rules": {
        "min_pokja": 1,
        "max_pokja": 1,
        "pins": [{"person": "198701012010011000", "pokja": "PJD", "role": "ketua"}],
    },
}


def test_it_round_trips_instances_through_json():
    instance = random_instance(20, 3, seed=5, rolling=True, churn_limit=25)
    again = Instance.from_json(json.loads(json.dumps(instance.to_json())))
    assert again == instance


def test_it_rejects_an_unknown_rule():
    with pytest.raises(ValueError, match="unknown rule"):
        Instance.from_json({"people": [], "pokja": [], "rules": {"churn": 10}})


def test_it_writes_a_plan_that_keeps_the_rules(tmp_path):
    source, target = tmp_path / "instance.json", tmp_path / "plan.json"
    source.write_text(json.dumps(README_EXAMPLE))
    call_command("plan_placement", instance=str(source), output=str(target))
    data = json.loads(target.read_text())
    assert data["status"] == "optimal" and data["gap"] < 1e-4
    assert {"person": "198701012010011000", "pokja": "PJD", "role": "ketua"}.items() <= data["assignments"][0].items()
    plan = Plan.from_json(data)
    assert check_plan(Instance.from_json(README_EXAMPLE), plan.assignments) == []
    assert all(a["explanation"] for a in data["assignments"])


def test_it_fails_and_names_the_conflict_for_an_impossible_instance(tmp_path, capsys):
    instance = simple_instance(8, 2)
    instance.pokja[0].critical = ["jaringan"]
    for p in instance.people:
        p.levels["jaringan"] = 0
    source, target = tmp_path / "instance.json", tmp_path / "plan.json"
    source.write_text(json.dumps(instance.to_json()))
    with pytest.raises(CommandError, match="infeasible"):
        call_command("plan_placement", instance=str(source), output=str(target))
    assert json.loads(target.read_text())["conflicts"][0]["code"] == "critical_holders"
    assert "critical competency 'jaringan' has 0 holder(s)" in capsys.readouterr().err


def test_plan_json_keeps_reasons_and_statement():
    plan = solve(simple_instance(8, 2))
    again = Plan.from_json(json.loads(json.dumps(plan.to_json())))
    assert set(again.assignments) == set(plan.assignments)
    assert again.statement() == plan.statement()
    assert [p.explanation() for p in again.sorted_placements()] == [p.explanation() for p in plan.sorted_placements()]
