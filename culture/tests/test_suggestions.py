"""Award suggestions: the facts of each subject together, most facts first, marked once nominated."""

import performance.selectors
from culture import suggestions
from culture.facts import Fact, Subject
from culture.models import Nomination
from culture.tests.helpers import at, lembur
from organisation import demo
from organisation.models import Employee

KOMANG = demo.demo_nip(0, "2")


def fact(kind, key, source="organisation", weight=1, value="kolaboratif"):
    return Fact(Subject(kind, key, key), source, f"{key} {source}", {"n": weight}, value, weight)


def test_it_gathers_facts_per_subject_and_ranks_by_their_number_then_size():
    found = suggestions.gather(
        [
            fact("employee", "A", weight=5),
            fact("employee", "B", weight=1),
            fact("employee", "B", source="helpdesk", weight=1, value="berorientasi-pelayanan"),
            fact("employee", "C", weight=2),
        ]
    )
    assert [s.subject.key for s in found] == ["B", "A", "C"]
    assert found[0].value_codes == ["kolaboratif", "berorientasi-pelayanan"]
    assert found[0].token == "employee:B"


def test_the_period_suggestions_show_the_facts_of_the_data(period):
    komang = Employee.objects.get(nip=KOMANG)
    lembur(period.unit, "PAK", 1, at(2024, 2, 2, 17), 3, [komang])

    found = {s.token: s for s in suggestions.for_period(period)}

    komangs = found[f"employee:{KOMANG}"]
    assert sorted(f.source for f in komangs.facts) == ["culture", "organisation", "organisation"]
    assert komangs.score[0] == 3
    assert list(found)[0] == f"employee:{KOMANG}"  # the only one with three facts


def test_a_nominated_subject_is_marked(period, anggota_user):
    Nomination.objects.create(
        period=period, kind="employee", employee=Employee.objects.get(nip=KOMANG), title="T", reason="R",
        nominated_by=anggota_user,
    )  # fmt: skip
    found = {s.token: s for s in suggestions.for_period(period)}
    assert found[f"employee:{KOMANG}"].nominated
    assert not any(s.nominated for token, s in found.items() if token != f"employee:{KOMANG}")


def test_find_recomputes_a_suggestion_and_ignores_unknown_ones(period):
    assert suggestions.find(period, f"employee:{KOMANG}").subject.label == "Komang Ayu Larasati"
    assert suggestions.find(period, "employee:000") is None
    assert suggestions.find(period, "garbage") is None


def test_performance_facts_make_a_pokja_a_candidate(period, monkeypatch):
    monkeypatch.setattr(
        performance.selectors,
        "pokja_on_target",
        lambda unit, start, end: [{"pokja_code": "PDI", "on_target": 4, "indicators": 4}],
        raising=False,
    )
    found = {s.token: s for s in suggestions.for_period(period)}
    assert found["pokja:PDI"].facts[0].numbers == {"on_target": 4, "indicators": 4}
    assert found["pokja:PDI"].value_codes == ["kompeten"]


def test_the_suggestions_are_limited_per_kind(period):
    found = suggestions.for_period(period, limit=2)
    assert len([s for s in found if s.subject.kind == "employee"]) == 2
