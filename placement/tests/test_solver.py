"""The solver's answers: the score formula, reasons, kaderisasi, the large-instance path and the fallback."""

import pytest

from placement import milp, pricing, solver
from placement.generate import random_instance
from placement.model import ANGGOTA, KETUA, WAKIL, Assignment, Instance, Rules, Scores, score
from placement.plan import HEURISTIC, OPTIMAL
from placement.tests.instances import person, pokja, simple_instance


def test_it_scores_a_placement_by_the_documented_formula():
    # Fit: (2·4 + 1·2) / (4·3) = 10/12; interest: asked for the pokja = 1; never led, level 3.33 >= 2.
    people = [person("a", levels={"arsip": 4, "jaringan": 2}, interest_pokja=["K"])]
    instance = Instance(people, [pokja("K", weights={"arsip": 2.0, "jaringan": 1.0})])
    fit = 10 / 12
    assert score(instance, [Assignment("a", "K", ANGGOTA)]) == pytest.approx(10 * fit + 3)
    assert score(instance, [Assignment("a", "K", WAKIL)]) == pytest.approx(12 * fit + 3 + 2)
    assert score(instance, [Assignment("a", "K", KETUA)]) == pytest.approx(14 * fit + 3 + 1)


def test_it_proves_optimality_and_explains_each_placement():
    plan = solver.solve(simple_instance(8, 2))
    assert plan.status == OPTIMAL and plan.gap < 1e-4
    assert plan.statement().startswith("Proven optimal")
    assert len(plan.placements) == 16  # 8 people × their maximum of 4 pokja is capped by 2 pokja
    for placement in plan.placements:
        assert placement.reasons and "competency fit" in placement.explanation()
    asked = [p for p in plan.placements if "asked to work in this pokja" in p.explanation()]
    assert {(p.person, p.pokja) for p in asked} == {(f"p{i}", f"K{i % 2}") for i in range(8)}


def test_it_gives_someone_who_never_led_a_wakil_turn_when_their_level_allows():
    # Two strong people who led before, one capable newcomer: the newcomer's development bonus wins the wakil.
    people = [person(f"old{i}", levels={"arsip": 4}, has_led=True) for i in range(2)]
    people += [person("new", levels={"arsip": 3}), person("weak", levels={"arsip": 1})]
    instance = Instance(people, [pokja("K", min_members=2, max_members=4)], Rules(min_pokja=1))
    plan = solver.solve(instance)
    roles = {a.person: a.role for a in plan.assignments}
    assert roles["new"] == WAKIL and roles["weak"] == ANGGOTA
    reason = next(p for p in plan.placements if p.person == "new").explanation()
    assert "development: a first leading role (level 3.0 allows it)" in reason


def test_large_instances_get_the_same_optimum_and_a_valid_bound_from_pricing(monkeypatch):
    instance = random_instance(120, 12, seed=4)
    full = solver.solve(instance)
    monkeypatch.setattr(solver, "FULL_MODEL_PAIRS", 100)
    priced = solver.solve(instance)
    assert full.status == priced.status == OPTIMAL
    assert priced.objective == pytest.approx(full.objective, rel=1e-6)
    assert priced.bound >= full.objective - 1e-6


def test_pricing_grows_the_lp_until_it_is_the_lp_over_all_pairs():
    instance = random_instance(60, 8, seed=2)
    scores = Scores(instance)
    pairs = pricing.candidate_pairs(instance, scores, []) & (scores.value[ANGGOTA] > 6)  # too few on purpose
    lp = pricing.PricedLp(instance, scores, pairs, penalty=1000, threads=1, time_limit=10)
    rounds = 0
    while True:
        _status, x, restricted, _bound, duals = lp.solve()
        missing = pricing.price(lp.model, duals) & ~lp.pairs
        if not missing.any():
            break
        lp.add(missing)
        rounds += 1
    _status, _x, complete, _bound, _duals = milp.run_highs(milp.Model(instance, scores), 10, 0, 1, lp=True)
    assert rounds >= 1 and lp.extra  # pairs were added as columns to the loaded model
    assert lp.pairs.sum() < lp.pairs.size  # some pairs were never needed
    assert complete == pytest.approx(restricted, abs=1e-6)
    assert not lp.slack_used(x)


def test_a_fractional_lp_on_a_large_instance_is_branched_on_the_candidates(monkeypatch):
    instance = random_instance(120, 12, seed=6)
    full = solver.solve(instance)
    monkeypatch.setattr(solver, "FULL_MODEL_PAIRS", 100)
    monkeypatch.setattr(pricing.PricedLp, "integral_assignments", lambda self, x: None)
    branched = solver.solve(instance)
    assert branched.objective == pytest.approx(full.objective, rel=1e-6)
    assert branched.status == OPTIMAL and branched.gap < 1e-4


def test_it_falls_back_to_the_greedy_plan_when_the_solver_fails(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no licence")

    monkeypatch.setattr(solver, "run_highs", broken)
    plan = solver.solve(simple_instance(8, 2))
    assert plan.status == HEURISTIC and plan.solver == "greedy"
    assert plan.violations == [] and plan.objective > 0
    assert "fallback heuristic" in plan.statement() and "no licence" in plan.statement()


def test_it_reports_progress_while_it_works():
    stages = []
    solver.solve(simple_instance(8, 2), progress=lambda stage, figures: stages.append(stage))
    assert stages[0] == "checks" and stages[1] == "start" and stages[-1] == "explain"
